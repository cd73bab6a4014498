"""Sitemaps: what crawlers are told to read (served by `sitemap_views.py`).

Only published stories are listed, and only the sections, tags, categories, authors,
people, parties and constituencies with at least one published story: the others
would be thin pages.
Their lastmod is when their newest story came out. Stories are listed a month per
sitemap, so no request reads more than a month's stories however old the archive.

The site runs without the "sites" framework; Django's sitemap views then take the
domain from the request (a RequestSite). The templates live in templates/sitemaps/,
so django.contrib.sitemaps need not be installed.
"""

from datetime import date, timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.models import Tag

from articles import coverage
from articles.models import Article, Author, Category, Section
from articles.querysets import archive_span
from people.models import Constituency, Party, Person

# Google News reads stories published in the last two days, at most 1,000 of them.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    """The published stories of one calendar month (London time), newest first.

    The site's stories are split by month so that no sitemap request reads more than a
    month of the archive; `sitemap_index` lists one per month that has stories.
    """

    def __init__(self, year: int, month: int):
        self.year, self.month = year, month

    def items(self):
        return (
            Article.objects.published()
            .in_archive(self.year, self.month)
            .with_last_change()
            .only("slug")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return article.last_change


class NewsSitemap(Sitemap):
    """Stories from the last 48 hours, for Google News (templates/sitemaps/news.xml)."""

    limit = NEWS_LIMIT

    def __init__(self, *, now=None):
        self.now = now or timezone.now()

    def items(self):
        return (
            Article.objects.published(now=self.now)
            .filter(published_at__gte=self.now - NEWS_WINDOW)
            .with_last_change()
            .only("slug", "title", "published_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return article.last_change


class StoryPageSitemap(Sitemap):
    """Pages that list stories, each listed only while it has a published one.

    Their lastmod is when their newest story came out: one index probe per page
    (`newest_story`), however many stories it lists.
    """

    def queryset(self):
        raise NotImplementedError

    def newest_story(self):
        """The newest publication time among the page's stories, for an OuterRef("pk")."""
        raise NotImplementedError

    def items(self):
        return (
            self.queryset()
            .annotate(latest_story=Subquery(self.newest_story()))
            .filter(latest_story__isnull=False)
            .order_by("name", "pk")
        )

    def lastmod(self, item):
        return item.latest_story

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("latest_story"))["latest"]


class SectionSitemap(StoryPageSitemap):
    """Sections, dated by their newest story: one index probe per section, each naming its
    section (`ArticleQuerySet.section_blocks`). Asked for every section at once through a
    correlated subquery, the PostgreSQL planner cannot see that a section has few stories,
    and walked back through the archive to a dormant section's last story."""

    @cached_property
    def dated_sections(self) -> list[Section]:
        sections = Section.objects.only("slug", "name").order_by("name", "pk")
        blocks = Article.objects.published().section_blocks(sections, per_section=1)
        for block in blocks:
            block.section.latest_story = block.stories[0].published_at
        return [block.section for block in blocks]

    def items(self):
        return self.dated_sections

    def get_latest_lastmod(self):
        return max((section.latest_story for section in self.dated_sections), default=None)


class TopicSitemap(StoryPageSitemap):
    """Tag, person, party and place pages, through the coverage index."""

    model = None

    def queryset(self):
        return self.model.objects.only("slug", "name")

    def newest_story(self):
        kind = coverage.KIND_OF_MODEL[self.model]
        return coverage.newest(kind, OuterRef("pk")).values("published_at")[:1]


class TagSitemap(TopicSitemap):
    model = Tag

    def location(self, tag):
        return reverse("articles:tag", args=[tag.slug])


class CategorySitemap(TopicSitemap):
    model = Category


class AuthorSitemap(TopicSitemap):
    model = Author


class PersonSitemap(TopicSitemap):
    model = Person


class PartySitemap(TopicSitemap):
    model = Party


class ConstituencySitemap(TopicSitemap):
    model = Constituency


# Changes to the newest stories are what the front page shows.
FRONT_PAGE_STORIES = 100


class StaticSitemap(Sitemap):
    """Pages that are always there: the front page and the indexes of people, parties,
    places and authors.

    The front page changes whenever one of the newest stories does. The indexes change
    when an editor records someone, which nothing dates, so they give no lastmod.
    """

    def items(self):
        return [
            "articles:front_page",
            "people:people_index",
            "people:party_index",
            "people:place_index",
            "articles:author_index",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.latest_change if name == "articles:front_page" else None

    def get_latest_lastmod(self):
        return self.latest_change

    @cached_property
    def latest_change(self):
        newest = (
            Article.objects.published()
            .order_by("-published_at", "-pk")
            .with_last_change()
            .values("last_change")[:FRONT_PAGE_STORIES]
        )
        return max((row["last_change"] for row in newest), default=None)


class ArchiveSitemap(Sitemap):
    """The year and month archives that have published stories (months list their days)."""

    def __init__(self, months: list[date] | None = None):
        # The sitemap index has worked them out already; on its own page, they are read.
        self.months = months

    def items(self):
        months = months_with_stories() if self.months is None else self.months
        years = sorted({(month.year,) for month in months})
        return years + [(month.year, month.month) for month in months]

    def location(self, period):
        names = {1: "articles:archive_year", 2: "articles:archive_month"}
        return reverse(names[len(period)], args=period)


def months_with_stories() -> list[date]:
    """The first day of every month that has a published story, oldest first.

    From the oldest story to now, one query of index probes per month: the work
    grows with the archive's age in months, not with its number of stories.
    """
    published = Article.objects.published()
    oldest = published.order_by("published_at").values_list("published_at", flat=True).first()
    if oldest is None:
        return []
    year, month = timezone.localtime(oldest).year, timezone.localtime(oldest).month
    today = timezone.localdate()
    months = []
    while (year, month) <= (today.year, today.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    spans = [archive_span(month.year, month.month) for month in months]
    return [
        month for month, found in zip(months, published.have_any_in(spans), strict=True) if found
    ]


# The sections of /sitemap.xml, each served at /sitemap-<section>.xml; the stories
# themselves are in the monthly sitemaps, /sitemap-articles-<year>-<month>.xml.
SITEMAPS = {
    "pages": StaticSitemap,
    "archives": ArchiveSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "categories": CategorySitemap,
    "authors": AuthorSitemap,
    "people": PersonSitemap,
    "parties": PartySitemap,
    "constituencies": ConstituencySitemap,
}
