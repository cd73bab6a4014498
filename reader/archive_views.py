"""The date archives: a year, a month or a day of published stories."""

from datetime import date

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render

from articles.models import Article
from articles.page_cache import public_page
from newsroom.addresses import address

from .pagination import canonical_page, paginate_or_404

ARCHIVE_NAMES = {0: "articles:archive_year", 1: "articles:archive_month", 2: "articles:archive_day"}


@public_page
@canonical_page
def archive(request, year, month=None, day=None):
    try:
        stories = Article.objects.published().in_archive(year, month, day)
    except ValueError:
        raise Http404("No such date.") from None
    # One address per period: `/2024/6/` and `/02024/06/` are moved to `/2024/06/`.
    parts = [part for part in (month, day) if part is not None]
    canonical = address(ARCHIVE_NAMES[len(parts)], year, *parts)
    if request.path != canonical:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)
    kind = "year" if month is None else "month" if day is None else "day"
    context = {
        "page": paginate_or_404(request, stories.for_listing()),
        "archive_start": date(year, month or 1, day or 1),
        "archive_kind": kind,
        # The months of a year, or the days of a month, that have stories, to link to.
        "archive_periods": Article.objects.published().periods_with_stories(year, month)
        if kind != "day"
        else [],
    }
    return render(request, "articles/archive.html", context)
