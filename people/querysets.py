"""Query vocabulary for people, parties and places.

Nothing here knows about stories: what stories say about an entity (mentions, the
story a fact's source became) is `articles.coverage`'s business.
"""

from django.db import models
from django.db.models.functions import Substr, Upper
from django.utils import timezone


class MembershipQuerySet(models.QuerySet):
    def for_timeline(self):
        """Spells oldest first: dated ones by start, undated ones in the order recorded."""
        return self.select_related("party").order_by(models.F("start").asc(nulls_first=True), "pk")

    def current(self, *, today=None):
        """Spells not yet over, as `PartyMembership.is_current()` has it, in SQL."""
        today = today or timezone.localdate()
        return self.filter(ended=False).filter(models.Q(end__isnull=True) | models.Q(end__gt=today))


class EntityQuerySet(models.QuerySet):
    def for_linking(self):
        """Only the columns the entity linker reads."""
        return self.only("pk", "name", "aliases", *self.model.LINKING_FIELDS)

    def for_page(self):
        """Everything the entity's own page shows about it, in a fixed number of queries."""
        return self

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


class ConstituencyQuerySet(EntityQuerySet):
    def for_page(self):
        return self.select_related("parent").prefetch_related("children")

    def for_index(self):
        """A–Z, each place with its wider area: one query."""
        return super().for_index().select_related("parent")


class PersonQuerySet(EntityQuerySet):
    def with_memberships(self, spells=None):
        """Prefetch party spells (with their parties) for current party and timeline.

        `spells`, a `PartyMembership` queryset, lets a caller add to each spell (as
        `articles.coverage.for_entity_page()` adds its source story).
        """
        if spells is None:
            spells = self.model._meta.get_field("memberships").related_model.objects.all()
        return self.prefetch_related(models.Prefetch("memberships", queryset=spells.for_timeline()))

    def for_page(self, spells=None):
        """The person with their timeline of party spells."""
        return self.with_memberships(spells)

    def for_index(self):
        """A–Z, each person with their party spells for their current party: two queries."""
        return super().for_index().with_memberships()

    def currently_in(self, party, *, today=None):
        """People with a current spell in `party` (someone with two open spells is in both)."""
        memberships = self.model._meta.get_field("memberships").related_model.objects
        return self.filter(
            pk__in=memberships.current(today=today).filter(party=party).values("person")
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
