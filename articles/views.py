"""Reader-facing article pages. Each view resolves input, asks the querysets, renders."""

from datetime import date

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from people.models import Person

from .models import Article, Section

PAGE_SIZE = 20
STORIES_PER_SECTION_BLOCK = 4
RELATED_STORIES = 4
# "In the news" means mentioned in the last fortnight, when anyone was.
IN_THE_NEWS_DAYS = 14
IN_THE_NEWS_PEOPLE = 8
# What an archive page links to below itself: a year's months, a month's days.
ARCHIVE_SUBDIVISIONS = {"year": "month", "month": "day"}


def paginate(request, queryset):
    """A page of `queryset`, with `page.nearby`: the page numbers worth linking to."""
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.nearby = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page


def paginate_or_404(request, queryset):
    """As `paginate`, but a listing with nothing published is not a page at all."""
    page = paginate(request, queryset)
    if not page.paginator.count:
        raise Http404("Nothing published here.")
    return page


def front_page(request):
    published = Article.objects.published()
    page = paginate(request, published.for_listing())
    context = {"page": page}
    if page.number == 1:
        stories = list(page)
        context |= {
            "lead": stories[0] if stories else None,
            "latest": stories[1:],
            "section_blocks": published.section_blocks(per_section=STORIES_PER_SECTION_BLOCK),
            "people_in_the_news": Person.objects.in_the_news(
                days=IN_THE_NEWS_DAYS, limit=IN_THE_NEWS_PEOPLE
            ),
        }
    return render(request, "articles/front_page.html", context)


def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    page = paginate(request, Article.objects.published().in_section(section).for_listing())
    return render(request, "articles/section.html", {"section": section, "page": page})


def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    # A tag used only on unpublished stories is not public yet: 404, not an empty page.
    page = paginate_or_404(request, Article.objects.published().tagged(tag).for_listing())
    return render(request, "articles/tag.html", {"tag": tag, "page": page})


def archive(request, year, month=None, day=None):
    try:
        stories = Article.objects.published().in_archive(year, month, day)
    except ValueError:
        raise Http404("No such date.") from None
    kind = "year" if month is None else "month" if day is None else "day"
    subdivision = ARCHIVE_SUBDIVISIONS.get(kind)
    context = {
        "page": paginate_or_404(request, stories.for_listing()),
        "archive_start": date(year, month or 1, day or 1),
        "archive_kind": kind,
        # The months of a year, or the days of a month, that have stories, to link to.
        "archive_periods": stories.datetimes("published_at", subdivision) if subdivision else [],
    }
    return render(request, "articles/archive.html", context)


def article(request, slug):
    article = get_object_or_404(Article.objects.published().for_detail(), slug=slug)
    related = Article.objects.published().for_listing().related_to(article, limit=RELATED_STORIES)
    return render(request, "articles/article.html", {"article": article, "related": related})
