"""The query vocabulary for articles: the one place that says what readers may see.

Reader-facing code starts from `published()`; the other methods narrow or shape it.
Every method that fetches related rows does so in a fixed number of queries, so a
page costs the same whether it lists three stories or three thousand.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db import connections, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest
from django.db.models.lookups import Exact, LessThanOrEqual
from django.utils import timezone

from people.querysets import AlphabeticalQuerySet

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


# Stand-ins for values swapped into SQL compiled once (`union_for_each`, `have_any_in`):
# no row has a negative id, and no story is dated in year 1.
STAND_IN_ID = -7_340_032
SPAN_START = datetime(1, 1, 1, tzinfo=UTC)
SPAN_END = datetime(1, 1, 2, tzinfo=UTC)


class FilterOnly(models.Func):
    """A column compared as a filter, never used to choose an index.

    On SQLite this is the documented unary-plus idiom (`+column`); PostgreSQL weighs
    every condition by its statistics, so there it is the plain column.
    """

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra_context)


class ArticleQuerySet(models.QuerySet):
    def publication_days(self):
        """The local (Europe/London) days these stories came out on, oldest first."""
        return self.datetimes("published_at", "day", tzinfo=timezone.get_default_timezone())

    def published(self, *, now=None):
        """Visible to readers: published, with a publication time that has arrived.

        Neither test picks an index on SQLite (`FilterOnly`), which has no statistics
        unless someone gathers them: it would take "status = published" for a rare
        value and walk every published story, where a listing should walk the
        `published_at` index newest first (skipping the few drafts and scheduled
        stories) and a list of ids should be looked up by id; and it uses only the
        first upper bound it meets on a column, so "up to now" would stand in for a
        date archive's tighter "before 1 June".
        """
        return self.filter(
            LessThanOrEqual(
                FilterOnly("published_at", output_field=models.DateTimeField()),
                now or timezone.now(),
            ),
            Exact(
                FilterOnly("status", output_field=models.CharField()), self.model.Status.PUBLISHED
            ),
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
        """Stories with this tag, newest first (see `about`)."""
        return self.about(tag)

    def in_archive(self, year: int, month: int | None = None, day: int | None = None):
        """Published on that local date, month or year; ValueError if there is no such date."""
        start, end = archive_span(year, month, day)
        # A range rather than __year/__month lookups, so the (status, published_at) index serves it.
        return self.filter(published_at__gte=start, published_at__lt=end)

    def periods_with_stories(self, year: int, month: int | None = None) -> list[date]:
        """The months of `year`, or the days of `month`, that have any of these stories."""
        if month is None:
            periods = [date(year, number, 1) for number in range(1, 13)]
        else:
            first = date(year, month, 1)
            days = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - first
            periods = [first + timedelta(days=offset) for offset in range(days.days)]
        spans = [
            archive_span(period.year, period.month, None if month is None else period.day)
            for period in periods
        ]
        return [
            period for period, found in zip(periods, self.have_any_in(spans), strict=True) if found
        ]

    def have_any_in(self, spans: list[tuple[datetime, datetime]]) -> list[bool]:
        """For each [start, end) span of publication times, whether any story falls in it.

        One query of index probes, one per span, each asking for the span's first
        story in index order (which both databases answer by reading one index entry),
        rather than a scan of the stories: a year page costs the same in a busy year as
        in a quiet one. The probe is compiled once with stand-in bounds that are then
        swapped for each span's own, since compiling it afresh per span would cost more
        than the query. Call it on a queryset with no time bounds of its own: SQLite
        would take those, met first, for each probe's range.
        """
        if not spans:
            return []
        probe = self.filter(published_at__gte=SPAN_START, published_at__lt=SPAN_END)
        sql, params = compiled(probe.order_by("published_at").values("published_at")[:1])
        connection = connections[self.db]
        adapt = connection.ops.adapt_datetimefield_value
        every_params = []
        for start, end in spans:
            swaps = {adapt(SPAN_START): adapt(start), adapt(SPAN_END): adapt(end)}
            every_params += swapped(params, swaps)
        probes = ", ".join([f"({sql}) IS NOT NULL"] * len(spans))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {probes}", every_params)
            return [bool(found) for found in cursor.fetchone()]

    def mentioning(self, entity):
        """Stories linked to this person, party or constituency, newest first (see `about`)."""
        return self.about(entity)

    def about(self, topic, *, now=None):
        """Stories about a tag, person, party or place, by an author or in a category, newest
        first.

        Read through the coverage index, in its order: a page of a listing costs a page
        of index rows, however many stories share the topic.
        """
        from . import coverage

        return self.filter(
            coverage__kind=coverage.kind_of(topic),
            coverage__object_id=topic.pk,
            coverage__published_at__lte=now or timezone.now(),
        ).order_by("-coverage__published_at", "-coverage__article_id")

    def related_to(self, article, *, limit: int, now=None) -> list:
        """Up to `limit` of these stories that share most with `article`, best first.

        Ranked by how much they share (people count most, tags least), then newest
        first; never `article` itself. Two queries whatever the archive: the ranking
        over a bounded candidate set (`coverage.related_ranking`), then the stories.
        A few spare are ranked, in case some of them are not among these stories.
        """
        from . import coverage

        ranked = coverage.related_ranking(article, now=now or timezone.now(), limit=limit * 2)
        if not ranked:
            return []
        found = self.in_bulk(ranked)
        return [found[pk] for pk in ranked if pk in found][:limit]

    def imported_from(self, source: str):
        """The story imported from the file named `source`; at most one.

        Repeating the unique index's condition (a source is named) is what lets both
        databases use that partial index; without it each import scans every story.
        """
        return self.exclude(source_name="").filter(source_name=source)

    def formerly_at(self, slug: str):
        """Stories that used to live at `slug` and have moved; at most one."""
        return self.filter(old_slugs__slug=slug)

    def with_last_change(self):
        """These stories with `last_change`: when each last changed for readers, in SQL.

        The same rule as `Article.revised_at` (a test holds them together), so a
        sitemap dates thousands of stories in one query: its last revision, else its
        publication. A save counts as a revision once it comes REVISION_GRACE after
        the story went out (published or created, whichever was later); so does a
        correction or update dated after publication.
        """
        from .models import REVISION_GRACE, ArticleNote

        went_out = Greatest("published_at", "created_at")
        revised = models.Q(
            updated_at__gt=models.ExpressionWrapper(
                went_out + models.Value(REVISION_GRACE), output_field=models.DateTimeField()
            )
        )
        edited = models.Case(
            models.When(revised, then=models.F("updated_at")), default=models.F("published_at")
        )
        latest_note = (
            ArticleNote.objects.filter(
                article=models.OuterRef("pk"), created_at__gt=models.OuterRef("published_at")
            )
            .order_by("-created_at")
            .values("created_at")[:1]
        )
        # Coalesce: SQLite's MAX() is NULL if any argument is.
        noted = Coalesce(models.Subquery(latest_note), models.F("published_at"))
        return self.annotate(last_change=Greatest(edited, noted))

    def for_listing(self):
        """Everything a list of stories shows, in a fixed number of queries; never the body.

        `latest_note_at` (the newest correction or update) lets feeds date a story's
        last change, `Article.revised_at`, without a query per story; the authors, in
        byline order, link the byline (one query, `with_authors`). The order is the
        queryset's own: newest first unless a method such as `about()` says otherwise.
        """
        from .models import ArticleNote, Picture

        latest_note = (
            ArticleNote.objects.filter(article=models.OuterRef("pk"))
            .order_by("-created_at")
            .values("created_at")[:1]
        )
        return (
            self.select_related("section")
            .defer("body", "review_note")
            .annotate(latest_note_at=models.Subquery(latest_note))
            .prefetch_related(
                models.Prefetch(
                    "pictures",
                    queryset=Picture.objects.filter(is_featured=True),
                    to_attr="featured_pictures",
                )
            )
            .with_authors()
        )

    def with_authors(self):
        """Each story's authors in byline order, with the author: one query for them all."""
        return self.prefetch_related(authors_in_byline_order())

    def for_detail(self):
        """Everything an article page shows, in a fixed number of queries (one per prefetch).

        The people's spells, posts and candidacies are not prefetched through each person:
        `as_of.people_as_of()` reads them for everyone at once, without a queryset per
        person.
        """
        from .models import ArticleConstituency, ArticleParty, ArticlePerson, ReplyRequest

        return self.select_related("section").prefetch_related(
            authors_in_byline_order(),
            "tags",
            "categories",
            "pictures",
            # Corrections and updates, oldest first; they also date the last revision.
            "notes",
            # The people; what each was on the story's date is read by `as_of`.
            models.Prefetch(
                "person_links", queryset=ArticlePerson.objects.select_related("person")
            ),
            models.Prefetch("party_links", queryset=ArticleParty.objects.select_related("party")),
            models.Prefetch(
                "constituency_links",
                queryset=ArticleConstituency.objects.select_related("constituency"),
            ),
            # Right of reply: who the story says was asked, and what came back.
            models.Prefetch(
                "reply_requests", queryset=ReplyRequest.objects.select_related("person")
            ),
        )

    def section_blocks(self, sections, *, per_section: int) -> list[SectionBlock]:
        """The newest `per_section` stories of each of `sections` that has any, in that order.

        Two queries: a union of short scans of the (section, status, published_at) index,
        one per section, then those stories by id; the cost does not grow with the archive.
        """
        sections = list(sections)
        arm = self.filter(section=STAND_IN_ID).order_by("-published_at", "-pk").values("pk")
        newest = union_for_each(arm[:per_section], STAND_IN_ID, [s.pk for s in sections])
        if newest is None:
            return []
        # The ids first, then the stories by id: SQLite, asked for both at once, may walk
        # every published story checking each against the union.
        sql, params = newest.sql, newest.params
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
        stories = (
            self.filter(pk__in=ids)
            .select_related("section")
            .only("title", "slug", "published_at", "section")
            .order_by("-published_at", "-pk")
        )
        by_section: dict[int, list] = {}
        for story in stories:
            by_section.setdefault(story.section_id, []).append(story)
        return [
            SectionBlock(section=section, stories=by_section[section.pk])
            for section in sections
            if section.pk in by_section
        ]


def authors_in_byline_order() -> models.Prefetch:
    """The prefetch `Article.byline_parts` reads: the story's authors, in byline order."""
    from .models import ArticleAuthor

    return models.Prefetch(
        "article_authors", queryset=ArticleAuthor.objects.select_related("author")
    )


class AuthorQuerySet(AlphabeticalQuerySet):
    """Authors, and the A–Z index of those readers may see."""

    def with_published_stories(self, *, now=None):
        """Authors with a story readers can see: one probe of the coverage index each."""
        from .models import Coverage

        published = Coverage.objects.filter(
            kind=Coverage.Kind.AUTHOR,
            object_id=models.OuterRef("pk"),
            published_at__lte=now or timezone.now(),
        )
        return self.filter(models.Exists(published))


def compiled(queryset: models.QuerySet) -> tuple[str, list]:
    """The queryset's SQL and parameters."""
    sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    return sql, list(params)


def swapped(params: list, swaps: dict) -> list:
    """`params` with each stand-in value in `swaps` replaced by its own."""
    return [swaps.get(param, param) for param in params]


def union_for_each(arm: models.QuerySet, stand_in, values: Iterable) -> RawSQL | None:
    """One SQL subquery: the rows of sliced `arm` once for each of `values` as `stand_in`.

    For "the newest N of each group" on any database: each arm is an index range scan
    of its own, where a window function would number every row of every group. The
    arm is compiled once and its stand-in swapped for each value, since compiling a
    queryset costs more than running such a scan. Each arm is wrapped in a subquery,
    the only place SQLite allows LIMIT in a union. None if there are no values.
    """
    values = list(values)
    if not values:
        return None
    sql, params = compiled(arm)
    arms = " UNION ".join(f"SELECT * FROM ({sql}) AS arm{number}" for number in range(len(values)))
    return RawSQL(arms, [param for value in values for param in swapped(params, {stand_in: value})])
