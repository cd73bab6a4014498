"""Sitemaps and robots.txt: what crawlers are told to read.

Only published stories are listed, and only the sections, tags, people, parties and
constituencies with at least one published story: the others would be thin pages.
Their lastmod is the latest change to a published story on them.

The site runs without the "sites" framework; Django's sitemap views then take the
domain from the request (a RequestSite). The templates live in templates/sitemaps/,
so django.contrib.sitemaps need not be installed.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import (
    Case,
    DateTimeField,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe
from taggit.models import Tag

from people.models import Constituency, Party, Person

from .models import REVISION_GRACE, Article, ArticleNote, Section

# Google News reads stories published in the last two days, at most 1,000 of them.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


def last_change():
    """`seo.last_modified` (revision, else publication) as SQL, for lastmod in one query.

    It mirrors `Article.revised_at`: a save more than REVISION_GRACE after the story
    went out (published or created, whichever was later) is a revision.
    """
    went_out = Greatest("published_at", "created_at")
    revised = Q(
        updated_at__gt=ExpressionWrapper(
            went_out + Value(REVISION_GRACE), output_field=DateTimeField()
        )
    )
    edited = Case(When(revised, then=F("updated_at")), default=F("published_at"))
    # A correction or update dated after publication is a revision too (Article.revised_at).
    latest_note = (
        ArticleNote.objects.filter(article=OuterRef("pk"), created_at__gt=OuterRef("published_at"))
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    # Coalesce: SQLite's MAX() is NULL if any argument is.
    return Greatest(edited, Coalesce(Subquery(latest_note), F("published_at")))


class ArticleSitemap(Sitemap):
    def items(self):
        return (
            Article.objects.published()
            .annotate(last_change=last_change())
            .only("slug")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return article.last_change

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("last_change"))["latest"]


class NewsSitemap(ArticleSitemap):
    """Stories from the last 48 hours, for Google News (templates/sitemaps/news.xml)."""

    limit = NEWS_LIMIT

    def __init__(self, *, now=None):
        self.now = now or timezone.now()

    def items(self):
        return (
            Article.objects.published(now=self.now)
            .filter(published_at__gte=self.now - NEWS_WINDOW)
            .annotate(last_change=last_change())
            .only("slug", "title", "published_at")
            .order_by("-published_at", "-pk")
        )


class StoryPageSitemap(Sitemap):
    """Pages that list stories, each listed only while it has a published one.

    Subclasses give the model and `link_field`, the Article field that reaches it.
    """

    link_field = ""

    def queryset(self):
        raise NotImplementedError

    def items(self):
        latest_story = (
            Article.objects.published()
            .filter(**{self.link_field: OuterRef("pk")})
            .annotate(changed=last_change())
            .order_by("-changed")
            .values("changed")[:1]
        )
        return (
            self.queryset()
            .annotate(latest_story=Subquery(latest_story))
            .filter(latest_story__isnull=False)
            .order_by("name", "pk")
        )

    def lastmod(self, item):
        return item.latest_story

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("latest_story"))["latest"]


class SectionSitemap(StoryPageSitemap):
    link_field = "section"

    def queryset(self):
        return Section.objects.only("slug", "name")


class TagSitemap(StoryPageSitemap):
    link_field = "tags"

    def queryset(self):
        return Tag.objects.only("slug", "name")

    def location(self, tag):
        return reverse("articles:tag", args=[tag.slug])


class PersonSitemap(StoryPageSitemap):
    link_field = "people"

    def queryset(self):
        return Person.objects.only("slug", "name")


class PartySitemap(StoryPageSitemap):
    link_field = "parties"

    def queryset(self):
        return Party.objects.only("slug", "name")


class ConstituencySitemap(StoryPageSitemap):
    link_field = "constituencies"

    def queryset(self):
        return Constituency.objects.only("slug", "name")


class StaticSitemap(Sitemap):
    """Pages that are always there, changing whenever any story does."""

    def items(self):
        return ["articles:front_page"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.latest_change

    @cached_property
    def latest_change(self):
        return ArticleSitemap().get_latest_lastmod()


class ArchiveSitemap(Sitemap):
    """The year, month and day archives that have published stories, from one query."""

    def items(self):
        days = [moment.date() for moment in Article.objects.published().publication_days()]
        years = {(day.year,) for day in days}
        months = {(day.year, day.month) for day in days}
        return sorted(years | months | {(day.year, day.month, day.day) for day in days})

    def location(self, period):
        names = {1: "articles:archive_year", 2: "articles:archive_month", 3: "articles:archive_day"}
        return reverse(names[len(period)], args=period)


# The sections of /sitemap.xml, each served at /sitemap-<section>.xml.
SITEMAPS = {
    "pages": StaticSitemap,
    "archives": ArchiveSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "people": PersonSitemap,
    "parties": PartySitemap,
    "constituencies": ConstituencySitemap,
}


@require_safe
def robots_txt(request):
    """Crawl everything but the admin and search results; here are the sitemaps."""
    context = {
        "disallowed": [reverse("admin:index"), reverse("search:results")],
        "sitemaps": [
            request.build_absolute_uri(reverse("sitemaps:index")),
            request.build_absolute_uri(reverse("sitemaps:news")),
        ],
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
