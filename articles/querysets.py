"""The query vocabulary for articles: the one place that says what readers may see.

Reader-facing code starts from `published()`; the other methods narrow or shape it.
Every method that fetches related rows does so in a fixed number of queries, so a
page costs the same whether it lists three stories or three thousand.
"""

import operator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import reduce
from itertools import groupby
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

if TYPE_CHECKING:
    from .models import Article, Section


@dataclass
class SectionBlock:
    """A section and its newest stories, for the front page."""

    section: "Section"
    stories: list["Article"]


def archive_span(year: int, month: int | None = None, day: int | None = None):
    """The start and end instants of a calendar year, month or day on the site's clock.

    Stories are filed under the local (Europe/London) date readers saw on them, so a
    story published at 00:30 BST on 1 June is in June even though it is 31 May in UTC.
    Raises ValueError for a date that does not exist (month 13, 30 February).
    """
    if day is not None and month is None:
        raise ValueError("A day needs a month.")
    try:
        first = date(year, 1 if month is None else month, 1 if day is None else day)
        if day is not None:
            after = first + timedelta(days=1)
        elif month is not None:
            after = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            after = first.replace(year=year + 1)
    except OverflowError as error:
        raise ValueError(str(error)) from None
    zone = timezone.get_default_timezone()
    return datetime.combine(first, time.min, zone), datetime.combine(after, time.min, zone)


class ArticleQuerySet(models.QuerySet):
    def publication_days(self):
        """The local (Europe/London) days these stories came out on, oldest first."""
        return self.datetimes("published_at", "day", tzinfo=timezone.get_default_timezone())

    def published(self, *, now=None):
        """Visible to readers: published, with a publication time that has arrived."""
        return self.filter(
            status=self.model.Status.PUBLISHED,
            published_at__lte=now or timezone.now(),
        )

    def in_review(self):
        return self.filter(status=self.model.Status.REVIEW)

    def scheduled(self, *, now=None):
        """Published, with a publication time still to come."""
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__gt=now or timezone.now()
        )

    def unpublished(self):
        return self.filter(status=self.model.Status.UNPUBLISHED)

    def work_in_progress_by(self, user):
        """The drafts and stories in review that `user` started."""
        return self.filter(created_by=user, status__in=self.model.WORK_IN_PROGRESS)

    def in_section(self, section):
        return self.filter(section=section)

    def tagged(self, tag):
        return self.filter(tags=tag)

    def in_archive(self, year: int, month: int | None = None, day: int | None = None):
        """Published on that local date, month or year; ValueError if there is no such date."""
        start, end = archive_span(year, month, day)
        # A range rather than __year/__month lookups, so the (status, published_at) index serves it.
        return self.filter(published_at__gte=start, published_at__lt=end)

    def mentioning(self, entity):
        """Stories linked to this person, party or constituency."""
        field = next(
            field for field in self.model._meta.many_to_many if field.related_model is type(entity)
        )
        return self.filter(**{field.name: entity})

    def related_to(self, article, *, limit: int):
        """Published stories sharing people, parties, places or tags with `article`.

        Ranked by how many of those they share, then newest first; never `article` itself.
        One query, whatever the number of links: each overlap is a correlated count.
        """
        overlap = []
        candidates = models.Q()
        for links, owner, key in _overlap_sources(article):
            shared = links.filter(**{f"{key}__in": links.filter(**{owner: article.pk}).values(key)})
            candidates |= models.Q(pk__in=shared.values(owner))
            per_story = (
                shared.filter(**{owner: models.OuterRef("pk")})
                .order_by()
                .values(owner)
                .annotate(count=models.Count("pk"))
                .values("count")
            )
            overlap.append(Coalesce(models.Subquery(per_story), 0))
        return (
            self.published()
            .filter(candidates)
            .exclude(pk=article.pk)
            .annotate(overlap=reduce(operator.add, overlap))
            .order_by("-overlap", "-published_at", "-pk")[:limit]
        )

    def formerly_at(self, slug: str):
        """Stories that used to live at `slug` and have moved; at most one."""
        return self.filter(old_slugs__slug=slug)

    def for_listing(self):
        """Everything a list of stories shows, in a fixed number of queries.

        `latest_note_at` (the newest correction or update) lets feeds date a story's
        last change, `Article.revised_at`, without a query per story.
        """
        from .models import ArticleNote, Picture

        latest_note = (
            ArticleNote.objects.filter(article=models.OuterRef("pk"))
            .order_by("-created_at")
            .values("created_at")[:1]
        )
        return (
            self.select_related("section")
            .annotate(latest_note_at=models.Subquery(latest_note))
            .prefetch_related(
                models.Prefetch(
                    "pictures",
                    queryset=Picture.objects.filter(is_featured=True),
                    to_attr="featured_pictures",
                )
            )
            .order_by("-published_at", "-pk")
        )

    def for_detail(self):
        """Everything an article page shows, in a fixed number of queries."""
        from people.models import PartyMembership

        from .models import ArticleConstituency, ArticleParty, ArticlePerson

        return self.select_related("section").prefetch_related(
            "tags",
            "categories",
            "pictures",
            # Corrections and updates, oldest first; they also date the last revision.
            "notes",
            models.Prefetch(
                "person_links",
                queryset=ArticlePerson.objects.select_related("person").prefetch_related(
                    # For each person's current party swatch.
                    models.Prefetch(
                        "person__memberships",
                        queryset=PartyMembership.objects.select_related("party"),
                    )
                ),
            ),
            models.Prefetch("party_links", queryset=ArticleParty.objects.select_related("party")),
            models.Prefetch(
                "constituency_links",
                queryset=ArticleConstituency.objects.select_related("constituency"),
            ),
        )

    def section_blocks(self, *, per_section: int) -> list[SectionBlock]:
        """The newest `per_section` stories of every section that has any, by section name.

        One query: a window function numbers each section's stories newest first.
        """
        ranked = (
            self.annotate(
                section_rank=models.Window(
                    RowNumber(),
                    partition_by=models.F("section_id"),
                    order_by=[models.F("published_at").desc(), models.F("pk").desc()],
                )
            )
            .filter(section_rank__lte=per_section)
            .select_related("section")
            .order_by("section__name", "section_id", "section_rank")
        )
        return [
            SectionBlock(section=section, stories=list(stories))
            for section, stories in groupby(ranked, key=operator.attrgetter("section"))
        ]


def _overlap_sources(article):
    """(links, owning column, linked column) for each way two stories can share something."""
    from taggit.models import TaggedItem

    from .models import ArticleConstituency, ArticleParty, ArticlePerson

    tag_links = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(article))
    return [
        (ArticlePerson.objects.all(), "article_id", "person_id"),
        (ArticleParty.objects.all(), "article_id", "party_id"),
        (ArticleConstituency.objects.all(), "article_id", "constituency_id"),
        (tag_links, "object_id", "tag_id"),
    ]
