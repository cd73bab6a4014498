"""Query vocabulary for the entities stories are about.

Counts of mentions only ever come from published stories: what a draft says about
someone is not news yet.
"""

from django.db import models


def _published_articles(now=None):
    from articles.models import Article

    return Article.objects.published(now=now)


def _memberships_for_timeline():
    """Spells oldest first: dated ones by start, undated ones in the order they were recorded."""
    from .models import PartyMembership

    return PartyMembership.objects.select_related("party").order_by(
        models.F("start").asc(nulls_first=True), "pk"
    )


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


def _with_source_stories(memberships):
    """Each spell annotated with the published story its source document became, if any.

    Sources are usually the file a story was imported from; a reader is better served
    by a link to that story than by a file name. Correlated subqueries, so no extra query.
    """
    stories = _published_articles().imported_from(models.OuterRef("source"))
    return memberships.annotate(
        source_story_slug=models.Subquery(stories.values("slug")[:1]),
        source_story_title=models.Subquery(stories.values("title")[:1]),
    )


class PersonQuerySet(EntityQuerySet):
    def with_memberships(self):
        """Prefetch party spells (with their parties) for current party and timeline."""
        return self.prefetch_related(
            models.Prefetch("memberships", queryset=_memberships_for_timeline())
        )

    def for_page(self):
        """The person with their timeline, each spell linked to its source story."""
        return self.prefetch_related(
            models.Prefetch(
                "memberships", queryset=_with_source_stories(_memberships_for_timeline())
            )
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
