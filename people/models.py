"""The people, parties and places that political stories are about."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from newsroom.addresses import address

from .colours import HEX_COLOUR, NEUTRAL_COLOUR, is_hex_colour, readable_text_colour
from .querysets import ConstituencyQuerySet, EntityQuerySet, MembershipQuerySet, PersonQuerySet

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
        today = timezone.localdate()
        return [m for m in self.memberships.all() if m.is_current(today=today)]

    @property
    def current_membership(self) -> "PartyMembership | None":
        """The open spell begun most recently; among undated ones, the last recorded.

        Sources often give no dates, and a person who moved party usually has the old
        spell recorded first, so recording order is the best guess when dates are missing.
        """
        return max(
            self.current_memberships,
            key=lambda m: (m.start is not None, m.start, m.pk),
            default=None,
        )

    @property
    def current_party(self) -> "Party | None":
        membership = self.current_membership
        return membership.party if membership else None

    @property
    def current_roles(self) -> list[str]:
        """What they do now in their current party, as the sources put it."""
        party = self.current_party
        return [m.role for m in self.current_memberships if m.party == party and m.role]


class PartyMembership(models.Model):
    """A spell in a party, with the document that told us."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=200, blank=True, help_text="e.g. 'Council candidate'.")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    ended = models.BooleanField(
        default=False,
        help_text="The spell is over, though the sources give no end date ('former', 'ex-').",
    )
    source = models.CharField(
        max_length=255, blank=True, help_text="The document this fact comes from."
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["person", "start"]

    def __str__(self):
        return f"{self.person} – {self.party}"

    def is_current(self, *, today=None) -> bool:
        """Not over: not marked ended, and no end date that has passed."""
        if self.ended:
            return False
        return self.end is None or self.end > (today or timezone.localdate())
