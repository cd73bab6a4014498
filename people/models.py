"""The people, parties and places that political stories are about."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from newsroom.addresses import address
from newsroom.dates import MONTHS, human_date

from . import records
from .colours import HEX_COLOUR, NEUTRAL_COLOUR, is_hex_colour, readable_text_colour
from .querysets import (
    CandidacyQuerySet,
    ClaimQuerySet,
    ConstituencyQuerySet,
    ElectionQuerySet,
    EntityQuerySet,
    MembershipQuerySet,
    PersonQuerySet,
    PostQuerySet,
)

hex_colour = RegexValidator(HEX_COLOUR, "Enter a colour as #rrggbb, e.g. #E4003B.")


class Entity(models.Model):
    """What every linkable thing has: a name, a URL slug and other names it goes by."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text='Other names that mean this, as a list, e.g. ["Tories", "Tory"].',
    )

    LINKING_FIELDS: tuple[str, ...] = ()
    objects = EntityQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def names(self) -> list[str]:
        """The name first, then every alias: all the ways a story can refer to it."""
        return [self.name, *(alias for alias in self.aliases if alias)]


class Party(Entity):
    short_name = models.CharField(max_length=50, blank=True)
    colour = models.CharField(
        max_length=7, default=NEUTRAL_COLOUR, validators=[hex_colour], help_text="Brand colour."
    )
    common_word_aliases = models.JSONField(
        default=list,
        blank=True,
        help_text=(
            "Aliases that are also ordinary words (Green, Reform, Respect): these only "
            "match when used as a name, never 'in this respect'."
        ),
    )

    LINKING_FIELDS = ("common_word_aliases",)

    class Meta(Entity.Meta):
        verbose_name_plural = "parties"

    def get_absolute_url(self):
        return address("people:party", self.slug)

    @property
    def display_colour(self) -> str:
        """The brand colour, or the neutral grey if what is stored is not #rrggbb.

        Pages put this in a style attribute; only a checked value goes there.
        """
        return self.colour if is_hex_colour(self.colour) else NEUTRAL_COLOUR

    @property
    def text_colour(self) -> str:
        """Black or white: the readable text colour on a patch of the brand colour."""
        return readable_text_colour(self.display_colour)


class Constituency(Entity):
    """A place stories are about: a constituency, ward, local authority or mayoralty."""

    class Kind(models.TextChoices):
        WESTMINSTER = "westminster", "Westminster constituency"
        WARD = "ward", "Council ward"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        MAYORALTY = "mayoralty", "Mayoralty"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The wider area, e.g. a ward's borough.",
    )

    objects = ConstituencyQuerySet.as_manager()

    class Meta(Entity.Meta):
        # Not only Westminster seats: wards, local authorities and mayoralties too.
        verbose_name = "place"
        verbose_name_plural = "places"

    def get_absolute_url(self):
        return address("people:constituency", self.slug)


class Person(Entity):
    surname = models.CharField(
        max_length=100,
        blank=True,
        help_text=(
            "How stories refer to them on second mention ('Mr Hassan Ali'). "
            "Blank means the last word of the name."
        ),
    )

    LINKING_FIELDS = ("surname",)
    objects = PersonQuerySet.as_manager()

    class Meta(Entity.Meta):
        verbose_name_plural = "people"

    def get_absolute_url(self):
        return address("people:person", self.slug)

    @property
    def short_name(self) -> str:
        return self.surname or self.name.split()[-1]

    @property
    def current_memberships(self) -> list["PartyMembership"]:
        """Spells not yet over. Reads the prefetched memberships (`with_memberships()`)."""
        return records.spells_current(self.memberships.all(), timezone.localdate())

    @property
    def current_membership(self) -> "PartyMembership | None":
        """The open spell begun most recently (`begun`); among undated ones, the last recorded."""
        return records.latest_begun(self.current_memberships)

    @property
    def current_party(self) -> "Party | None":
        membership = self.current_membership
        return membership.party if membership else None

    def membership_on(self, day) -> "PartyMembership | None":
        """The spell they were in on `day` (party or independent), from prefetched spells.

        Where spells overlap, the one begun most recently wins, as for `current_membership`.
        """
        return records.spell_on(self.memberships.all(), day)

    def posts_on(self, day) -> list["PostHeld"]:
        """The posts they held on `day`, from prefetched posts, the latest begun first."""
        return records.posts_on(self.posts.all(), day)

    def candidacy_around(self, day) -> "Candidacy | None":
        """The candidacy whose campaign `day` falls in, from prefetched candidacies.

        A story written while someone is standing describes them as that party's (or an
        independent) candidate, whatever their spells say: sources often date a candidacy
        when they date nothing else. See `Election.campaign_includes()`.
        """
        return records.candidacy_around(self.candidacies.all(), day)

    @property
    def current_roles(self) -> list[str]:
        """What they do now in their current party, as the sources put it."""
        party = self.current_party
        return [m.role for m in self.current_memberships if m.party == party and m.role]


class DatePrecision(models.TextChoices):
    """How much of a date the source gives: '2010' is stored as 1 January 2010, year."""

    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


def format_partial_date(value, precision: str) -> str:
    """A date as precisely as it is known: '2010', 'June 2024' or '3 June 2024'.

    Month names come from `newsroom.dates`, never the server's locale.
    """
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return f"{MONTHS[value.month - 1]} {value.year}"
    return human_date(value)


INDEPENDENT = "Independent"
# How long before and after a polling day stories describe people as candidates.
CAMPAIGN_BEFORE = timedelta(days=183)
CAMPAIGN_AFTER = timedelta(days=31)
PARTY_NOT_STATED = "Party not stated"


class Sourced(models.Model):
    """A fact with the story it comes from and the sentence that says so.

    `people` knows nothing of stories, so `source` holds the story's citation key: the
    file an imported story came from, or ``story:<id>`` for one written in the admin.
    `articles.citations` turns keys into links to the stories.
    """

    source = models.CharField(
        max_length=255, blank=True, help_text="The story this fact comes from."
    )
    source_quote = models.TextField(
        "sentence",
        max_length=2000,
        blank=True,
        help_text="The sentence in that story that states it, as the story puts it.",
    )

    class Meta:
        abstract = True


class Dated(models.Model):
    """A spell with a start and an end, each known to a year, a month or a day."""

    start = models.DateField(null=True, blank=True)
    start_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end = models.DateField(null=True, blank=True)
    end_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    ended = models.BooleanField(
        default=False,
        help_text="The spell is over, though the sources give no end date ('former', 'ex-').",
    )

    class Meta:
        abstract = True

    @property
    def start_display(self) -> str:
        return format_partial_date(self.start, self.start_precision)

    @property
    def end_display(self) -> str:
        return format_partial_date(self.end, self.end_precision)

    def is_current(self, *, today=None) -> bool:
        """Not over: not marked ended, and no end date that has passed."""
        if self.ended:
            return False
        return self.end is None or self.end > (today or timezone.localdate())

    def was_current_on(self, day) -> bool:
        """Held on `day`, as far as the dates say: undated starts count as before it."""
        if self.start is not None and self.start > day:
            return False
        if self.end is not None:
            return self.end > day
        return not self.ended

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The end is before the start."})


class PartyMembership(Sourced, Dated):
    """A spell in a party, or as an independent (no party), with the story that told us.

    Popolo calls this a membership of an organisation; the admin calls it an affiliation.
    """

    class EndReason(models.TextChoices):
        LEFT = "left", "Left the party"
        DEFECTED = "defected", "Defected"
        EXPELLED = "expelled", "Expelled"
        SUSPENDED = "suspended", "Suspended"
        DISSOLVED = "dissolved", "Party dissolved"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    party = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text="Blank for a spell as an independent.",
    )
    role = models.CharField(max_length=200, blank=True, help_text="e.g. 'Council candidate'.")
    end_reason = models.CharField(
        "how it ended", max_length=10, choices=EndReason.choices, blank=True
    )
    may_overlap = models.BooleanField(
        "overlap allowed",
        default=False,
        help_text="Tick when this spell really does overlap another (a joint ticket, say).",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["person", "start"]
        verbose_name = "affiliation"

    def __str__(self):
        return f"{self.person} – {self.affiliation_name}"

    @property
    def is_independent(self) -> bool:
        return self.party_id is None

    @property
    def affiliation_name(self) -> str:
        return self.party.name if self.party_id else INDEPENDENT

    def clean(self):
        super().clean()
        if self.end_reason and not (self.end or self.ended):
            raise ValidationError(
                {"end_reason": "Only a spell that is over has a reason it ended."}
            )


class PostHeld(Sourced, Dated):
    """An office a person holds or held: MP for a seat, mayor, minister, party leader."""

    class Kind(models.TextChoices):
        MP = "mp", "MP"
        COUNCILLOR = "councillor", "Councillor"
        MAYOR = "mayor", "Mayor"
        COUNCIL_LEADER = "council_leader", "Council leader"
        PARTY_LEADER = "party_leader", "Party leader"
        DEPUTY_PARTY_LEADER = "deputy_party_leader", "Deputy party leader"
        GROUP_LEADER = "group_leader", "Group leader"
        DEPUTY_GROUP_LEADER = "deputy_group_leader", "Deputy group leader"
        MINISTER = "minister", "Minister"
        SHADOW_MINISTER = "shadow_minister", "Shadow minister"
        PRIME_MINISTER = "prime_minister", "Prime Minister"
        OTHER = "other", "Other"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="posts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text="As the post is called, e.g. 'Shadow minister for small business'.",
    )
    place = models.ForeignKey(
        Constituency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
        help_text="The seat, ward or authority, for an MP, councillor, mayor or council leader.",
    )
    party = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
        help_text="The party, for a party leader or deputy; else the party they held it for.",
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["person", "start"]
        verbose_name = "post held"
        verbose_name_plural = "posts held"

    def __str__(self):
        return f"{self.person} – {self.label}"

    @property
    def label(self) -> str:
        """'MP for Bethnal Green and Bow', 'Leader, Workers Party of Britain', or the title."""
        if self.title:
            return self.title
        kind = self.get_kind_display()
        if self.place_id and self.place.kind == Constituency.Kind.MAYORALTY:
            return self.place.name  # "Mayor of Tower Hamlets" names the office itself.
        if self.place_id:
            joiner = " for " if self.kind in (self.Kind.MP, self.Kind.COUNCILLOR) else " of "
            return f"{kind}{joiner}{self.place.name}"
        if self.party_id:
            return f"{kind}, {self.party.name}"
        return kind


class Election(models.Model):
    """One contest in one area on one day: a general election in a seat, a by-election."""

    class Kind(models.TextChoices):
        GENERAL = "general", "General election"
        BY_ELECTION = "by_election", "By-election"
        LOCAL = "local", "Local election"
        MAYORAL = "mayoral", "Mayoral election"
        OTHER = "other", "Election"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField()
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the polling day the sources give: '2010' is a year.",
    )
    place = models.ForeignKey(Constituency, on_delete=models.PROTECT, related_name="elections")
    name = models.CharField(
        max_length=200,
        blank=True,
        help_text="Blank for '2010 general election, Bethnal Green and Bow'.",
    )
    slug = models.SlugField(max_length=200, unique=True)
    seats = models.PositiveSmallIntegerField(
        default=1, help_text="How many are elected: wards often elect two or three."
    )
    turnout = models.PositiveIntegerField(null=True, blank=True, help_text="Votes cast, if known.")

    objects = ElectionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "place__name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "date", "place"], name="unique_election")
        ]

    def __str__(self):
        return self.title

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)

    def campaign_includes(self, day) -> bool:
        """`day` is in this election's campaign: the six months up to polling day and the
        month after it; for a polling day known only to the year or month, any day of it.
        """
        if self.date_precision == DatePrecision.YEAR:
            return day.year == self.date.year
        if self.date_precision == DatePrecision.MONTH:
            return (day.year, day.month) == (self.date.year, self.date.month)
        return self.date - CAMPAIGN_BEFORE <= day <= self.date + CAMPAIGN_AFTER

    @property
    def title(self) -> str:
        if self.name:
            return self.name
        return f"{self.date.year} {self.get_kind_display().lower()}, {self.place.name}"


class Candidacy(Sourced):
    """A person standing in an election, for a party or as an independent, and how they did."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidacies")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="candidacies")
    party = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
        help_text="Blank for an independent, unless 'party not stated' is ticked.",
    )
    party_not_stated = models.BooleanField(
        "party not stated",
        default=False,
        help_text="The sources do not say what they stood as: shown so, never as independent.",
    )
    votes = models.PositiveIntegerField(null=True, blank=True)
    share = models.DecimalField(
        "vote share (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    elected = models.BooleanField(default=False)
    withdrawn = models.BooleanField(default=False, help_text="Stood down before polling day.")
    withdrawn_on = models.DateField(null=True, blank=True)

    objects = CandidacyQuerySet.as_manager()

    class Meta:
        ordering = ["election", models.F("votes").desc(nulls_last=True), "person__name"]
        verbose_name_plural = "candidacies"
        constraints = [
            models.UniqueConstraint(
                fields=["election", "person"], name="one_candidacy_per_election"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.election}"

    @property
    def is_independent(self) -> bool:
        return self.party_id is None and not self.party_not_stated

    @property
    def affiliation_name(self) -> str:
        if self.party_id:
            return self.party.name
        return PARTY_NOT_STATED if self.party_not_stated else INDEPENDENT

    def clean(self):
        super().clean()
        if self.party_not_stated and self.party_id:
            raise ValidationError({"party_not_stated": "A party is given: untick this."})
        if self.withdrawn and self.elected:
            raise ValidationError("A candidate who stood down cannot be elected.")
        if self.withdrawn_on and not self.withdrawn:
            raise ValidationError({"withdrawn": "Tick this when giving the date they stood down."})


class Claim(Sourced):
    """A statement about a person that somebody made: never shown as a fact."""

    class Status(models.TextChoices):
        CLAIMED = "claimed", "Claimed"
        DENIED = "denied", "Denied"
        CONFIRMED = "confirmed", "Confirmed"
        RETRACTED = "retracted", "Retracted"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="claims")
    statement = models.TextField(
        max_length=1000,
        help_text="What is claimed, e.g. 'in talks to defect to the Workers Party'.",
    )
    claimed_by = models.CharField(max_length=200, blank=True, help_text="Who made the claim.")
    denied_by = models.CharField(max_length=200, blank=True, help_text="Who denied it, if anyone.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CLAIMED)
    claimed_on = models.DateField(null=True, blank=True)
    status_changed_on = models.DateField(
        null=True, blank=True, help_text="When it was denied, confirmed or retracted."
    )

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["person", models.F("claimed_on").asc(nulls_first=True), "pk"]

    def __str__(self):
        return f"{self.person}: {self.statement[:60]}"

    def clean(self):
        super().clean()
        if self.status == self.Status.DENIED and not self.denied_by:
            raise ValidationError({"denied_by": "Say who denied it."})
        if self.claimed_on and self.status_changed_on and self.status_changed_on < self.claimed_on:
            raise ValidationError({"status_changed_on": "This is before the claim was made."})
