"""Query vocabulary for the entities stories are about.

Counts of mentions only ever come from published stories: what a draft says about
someone is not news yet.
"""

from datetime import timedelta

from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone


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
    stories = _published_articles().filter(source_name=models.OuterRef("source"))
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

    def in_the_news(self, *, days: int, limit: int, now=None) -> list:
        """Up to `limit` people most mentioned in stories published in the last `days` days.

        Ranked by mentions in that window, then in all published stories, then by name.
        When nobody was mentioned that recently (an old archive, a quiet spell), the
        ranking falls back to all published stories so the list is never empty while
        any story names anyone. One query for the ranking, one for party spells.
        """
        now = now or timezone.now()
        people = list(
            self.filter(person_links__article__in=_published_articles(now))
            .annotate(
                mentions=models.Sum("person_links__mentions"),
                recent_mentions=Coalesce(
                    models.Sum(
                        "person_links__mentions",
                        filter=models.Q(
                            person_links__article__published_at__gte=now - timedelta(days=days)
                        ),
                    ),
                    0,
                ),
            )
            .order_by("-recent_mentions", "-mentions", "name")
            .with_memberships()[:limit]
        )
        if people and people[0].recent_mentions:
            return [person for person in people if person.recent_mentions]
        return people

    def in_stories_about(self, entity, *, limit: int | None = None):
        """People named in published stories that mention `entity`, most stories first."""
        stories = _published_articles().mentioning(entity)
        people = self.exclude(pk=entity.pk) if isinstance(entity, self.model) else self
        ranked = (
            people.filter(person_links__article__in=stories)
            .annotate(
                stories=models.Count("person_links"),
                mentions=models.Sum("person_links__mentions"),
            )
            .order_by("-stories", "-mentions", "name")
            .with_memberships()
        )
        return ranked[:limit] if limit else ranked

    def members_of(self, party) -> list:
        """Everyone with a spell in `party`: current members first, then by name.

        Each person gets `party_spells`, their spells in this party, taken from the
        prefetched timeline rather than a second query.
        """
        people = list(self.filter(memberships__party=party).distinct().with_memberships())
        for person in people:
            person.party_spells = [m for m in person.memberships.all() if m.party_id == party.pk]
        return sorted(people, key=lambda person: (person.current_party != party, person.name))
