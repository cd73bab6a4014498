"""Query vocabulary for people, parties and places.

Nothing here knows about stories: what stories say about an entity (mentions, the
story a fact's source became) is `articles.coverage`'s business.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models.functions import Substr, Upper
from django.utils import timezone


class DatedQuerySet(models.QuerySet):
    def in_timeline_order(self):
        """Oldest first by start; a spell with no dates that is still going goes last.

        Sources often give no dates: an undated spell that is over is placed first (it came
        before the dated ones, as far as anyone can tell), an undated current one last, and
        undated ones among themselves in the order recorded.
        """
        undated_and_current = models.Case(
            models.When(start__isnull=True, end__isnull=True, ended=False, then=models.Value(1)),
            default=models.Value(0),
        )
        return self.order_by(undated_and_current, models.F("start").asc(nulls_first=True), "pk")

    def current(self, *, today=None):
        """Spells not yet over, as `Dated.is_current()` has it, in SQL."""
        today = today or timezone.localdate()
        return self.filter(ended=False).filter(models.Q(end__isnull=True) | models.Q(end__gt=today))


class MembershipQuerySet(DatedQuerySet):
    def for_timeline(self):
        """Spells oldest first, with their parties (see `in_timeline_order`)."""
        return self.select_related("party").in_timeline_order()


@dataclass(frozen=True)
class PlaceOffices:
    """Posts for a place: those held now, and those held before."""

    now: list
    before: list


class PostQuerySet(DatedQuerySet):
    def for_timeline(self):
        """Posts oldest first, with their place and party: one query."""
        return self.select_related("place", "party").in_timeline_order()

    def offices_in(self, place, *, today=None) -> "PlaceOffices":
        """Who holds a post for `place` now and who held one before, with person and party.

        One query for both. Now: by kind of post, then longest-serving first. Before:
        latest ended first, undated ones ("former MP", no dates) after the dated ones.
        """
        today = today or timezone.localdate()
        posts = list(
            self.filter(place=place)
            .select_related("person", "party")
            .order_by("kind", models.F("start").asc(nulls_last=True), "person__name")
        )
        before = [post for post in posts if not post.is_current(today=today)]
        before.sort(key=lambda post: post.end.toordinal() if post.end else 0, reverse=True)
        return PlaceOffices(
            now=[post for post in posts if post.is_current(today=today)], before=before
        )

    def held_for(self, party):
        """Posts held for `party`, newest first, with person and place: one query."""
        return (
            self.filter(party=party)
            .select_related("person", "place", "party")
            .order_by(models.F("start").desc(nulls_last=True), "-pk")
        )


class ElectionQuerySet(models.QuerySet):
    def with_results(self):
        """Each election with its candidacies (people and parties), most votes first."""
        candidacies = self.model._meta.get_field("candidacies").related_model.objects
        return self.select_related("place").prefetch_related(
            models.Prefetch("candidacies", queryset=candidacies.for_results())
        )

    def held_in(self, place):
        """The elections held in `place`, newest first, each with its results: two queries."""
        return self.filter(place=place).with_results().order_by("-date", "pk")


class CandidacyQuerySet(models.QuerySet):
    def for_results(self):
        """Most votes first, then by name; withdrawn candidates last."""
        return self.select_related("person", "party").order_by(
            "withdrawn", models.F("votes").desc(nulls_last=True), "person__name"
        )

    def for_timeline(self):
        """A person's candidacies, oldest election first, with election, place and party."""
        return self.select_related("election__place", "party").order_by("election__date", "pk")


class ClaimQuerySet(models.QuerySet):
    def for_timeline(self):
        return self.order_by(models.F("claimed_on").asc(nulls_first=True), "pk")


class AlphabeticalQuerySet(models.QuerySet):
    """Rows with a `name`, listed A–Z by initial: the indexes of people, parties, places."""

    def with_initial(self):
        """Each annotated with `initial`, the first letter of its name in capitals."""
        return self.annotate(initial=Upper(Substr("name", 1, 1)))

    def for_index(self):
        """A–Z by initial, then name: every letter's entries together on any database.

        Ordering by the initial first keeps a letter's entries in one run whatever the
        database's collation does with case and accents, so `initials()` and the
        listing agree.
        """
        return self.with_initial().order_by("initial", "name", "pk")

    def starting_with(self, initial: str):
        """Those whose name begins with `initial` (a capital letter)."""
        return self.alias(initial_letter=Upper(Substr("name", 1, 1))).filter(
            initial_letter=initial.upper()
        )

    def initials(self) -> list[str]:
        """The initials that names begin with, A to Z: one query however many rows."""
        return list(
            self.with_initial().order_by("initial").values_list("initial", flat=True).distinct()
        )


class EntityQuerySet(AlphabeticalQuerySet):
    def for_linking(self):
        """Only the columns the entity linker reads."""
        return self.only("pk", "name", "aliases", *self.model.LINKING_FIELDS)

    def for_page(self):
        """Everything the entity's own page shows about it, in a fixed number of queries."""
        return self


class ConstituencyQuerySet(EntityQuerySet):
    def for_page(self):
        return self.select_related("parent").prefetch_related("children")

    def for_index(self):
        """A–Z, each place with its wider area: one query."""
        return super().for_index().select_related("parent")


class PersonQuerySet(EntityQuerySet):
    def with_memberships(self):
        """Prefetch party spells (with their parties) for current party and timeline."""
        spells = self.model._meta.get_field("memberships").related_model.objects.all()
        return self.prefetch_related(models.Prefetch("memberships", queryset=spells.for_timeline()))

    def with_current_posts(self):
        """Prefetch current posts, with places and parties, as `current_posts_held`."""
        posts = self.model._meta.get_field("posts").related_model.objects.current()
        return self.prefetch_related(
            models.Prefetch("posts", queryset=posts.for_timeline(), to_attr="current_posts_held")
        )

    def for_page(self):
        """The person with their timeline of party spells."""
        return self.with_memberships()

    def for_index(self):
        """A–Z, each person with their party spells for their current party: two queries."""
        return super().for_index().with_memberships()

    def currently_in(self, party, *, today=None):
        """People with a current spell in `party` (someone with two open spells is in both)."""
        memberships = self.model._meta.get_field("memberships").related_model.objects
        return self.filter(
            pk__in=memberships.current(today=today).filter(party=party).values("person")
        )

    def for_profile(self):
        """A person's page: party spells, posts, candidacies and claims, five queries.

        Each list is in timeline order, oldest first (the querysets' `for_timeline()`).
        """
        posts = self.model._meta.get_field("posts").related_model.objects
        candidacies = self.model._meta.get_field("candidacies").related_model.objects
        claims = self.model._meta.get_field("claims").related_model.objects
        return self.with_memberships().prefetch_related(
            models.Prefetch("posts", queryset=posts.for_timeline()),
            models.Prefetch("candidacies", queryset=candidacies.for_timeline()),
            models.Prefetch("claims", queryset=claims.for_timeline()),
        )

    def members_of(self, party) -> list:
        """Everyone with a spell in `party`: current members first, then by name.

        Each person gets `party_spells`, their spells in this party, taken from the
        prefetched timeline rather than a second query.
        """
        people = list(self.filter(memberships__party=party).distinct().with_memberships())
        for person in people:
            person.party_spells = [m for m in person.memberships.all() if m.party_id == party.pk]
        return sorted(people, key=lambda person: (person.current_party != party, person.name))


@dataclass(frozen=True)
class Move:
    """A change of affiliation: `person` left spell `left` and began spell `joined`."""

    person: object
    left: object
    joined: object


@dataclass(frozen=True)
class PartyMoves:
    """Who came to a party from another (`arrivals`) and who went from it (`departures`)."""

    arrivals: list[Move]
    departures: list[Move]


# How a spell ends when its member leaves of their own accord ("" when no reason is recorded).
LEAVING = {"defected", "left", ""}


def moves_for(party, people) -> PartyMoves:
    """Defections into and out of `party`, read from people's prefetched timelines.

    An arrival is a spell in `party` whose previous spell was in another party (not as
    an independent: joining from no party is not a defection). A departure is a spell
    in `party` that is over because they defected or left, or for no recorded reason
    ("ex-Labour"), followed by a later spell elsewhere (another party, or as an
    independent); the expelled, the suspended and those whose party dissolved did not
    leave it.
    `people` is `members_of(party)`: everyone with a spell in the party, so no query.
    """
    arrivals, departures = [], []
    for person in people:
        spells = list(person.memberships.all())
        for index, spell in enumerate(spells):
            if spell.party_id != party.pk:
                continue
            before = spells[index - 1] if index else None
            if before is not None and before.party_id not in (None, party.pk):
                arrivals.append(Move(person, before, spell))
            if (spell.ended or spell.end is not None) and spell.end_reason in LEAVING:
                after = next((s for s in spells[index + 1 :] if s.party_id != party.pk), None)
                if after is not None:
                    departures.append(Move(person, spell, after))
    return PartyMoves(
        arrivals=sorted(arrivals, key=_move_order), departures=sorted(departures, key=_move_order)
    )


def _move_order(move: Move):
    """Newest move first; undated moves last, by name."""
    day = move.joined.start or move.left.end
    return (day is None, -(day.toordinal()) if day else 0, move.person.name)
