"""The date archives: a year, a month or a day of published stories."""

from datetime import date

from django.http import Http404
from django.shortcuts import render

from articles.models import Article
from articles.page_cache import public_page

from .pagination import paginate_or_404


@public_page
def archive(request, year, month=None, day=None):
    try:
        stories = Article.objects.published().in_archive(year, month, day)
    except ValueError:
        raise Http404("No such date.") from None
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
