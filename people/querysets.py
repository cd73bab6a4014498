"""Query vocabulary for people, parties and places.

Nothing here knows about stories: what stories say about an entity (mentions, the
story a fact's source became) is `articles.coverage`'s business.
"""

from django.db import models


class MembershipQuerySet(models.QuerySet):
    def for_timeline(self):
        """Spells oldest first: dated ones by start, undated ones in the order recorded."""
        return self.select_related("party").order_by(models.F("start").asc(nulls_first=True), "pk")


class EntityQuerySet(models.QuerySet):
    def for_linking(self):
        """Only the columns the entity linker reads."""
        return self.only("pk", "name", "aliases", *self.model.LINKING_FIELDS)

    def for_page(self):
        """Everything the entity's own page shows about it, in a fixed number of queries."""
        return self


class ConstituencyQuerySet(EntityQuerySet):
    def for_page(self):
        return self.select_related("parent").prefetch_related("children")


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

    def members_of(self, party) -> list:
        """Everyone with a spell in `party`: current members first, then by name.

        Each person gets `party_spells`, their spells in this party, taken from the
        prefetched timeline rather than a second query.
        """
        people = list(self.filter(memberships__party=party).distinct().with_memberships())
        for person in people:
            person.party_spells = [m for m in person.memberships.all() if m.party_id == party.pk]
        return sorted(people, key=lambda person: (person.current_party != party, person.name))
