"""The sitemap index, the monthly story sitemaps and robots.txt.

The index lists each section of `sitemaps.SITEMAPS` and one sitemap per month that
has stories; robots.txt points crawlers at it.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.page_cache import public_page

from .sitemaps import SITEMAPS, ArchiveSitemap, ArticleSitemap, months_with_stories


@dataclass(frozen=True)
class IndexEntry:
    location: str
    last_mod: datetime | None = None


@public_page
@require_safe
def sitemap_index(request):
    """/sitemap.xml: each section (and its further pages), then each month of stories.

    Its length grows with the archive's age, a sitemap a month, not with its stories.
    """
    months = months_with_stories()
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = ArchiveSitemap(months) if sitemap_class is ArchiveSitemap else sitemap_class()
        location = request.build_absolute_uri(
            reverse("sitemaps:section", kwargs={"section": section})
        )
        entries.append(IndexEntry(location, sitemap.get_latest_lastmod()))
        entries += [
            IndexEntry(f"{location}?p={page}") for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    entries += [
        IndexEntry(
            request.build_absolute_uri(reverse("sitemaps:articles", args=[month.year, month.month]))
        )
        for month in reversed(months)
    ]
    return TemplateResponse(
        request, "sitemaps/index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@public_page
@require_safe
def articles_sitemap(request, year: int, month: int):
    """One month's stories; a month that does not exist is not found."""
    if not 1 <= month <= 12:
        raise Http404("No such month.")
    return sitemap_views.sitemap(
        request,
        {"articles": ArticleSitemap(year, month)},
        section="articles",
        template_name="sitemaps/sitemap.xml",
    )


@public_page
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
