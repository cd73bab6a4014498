"""Reader-facing article pages. Each view resolves input, asks the querysets, renders.

Readers' pages start from `Article.objects.published()`. The two previews are the
deliberate exceptions: staff see any article, and a share link shows its one article;
both render the readers' template, so a preview looks exactly like the page will.
"""

from dataclasses import dataclass
from datetime import date, datetime
from functools import wraps

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from taggit.models import Tag

from . import coverage
from .models import Article, PreviewLink, Section
from .page_cache import public_page
from .pagination import paginate

STORIES_PER_SECTION_BLOCK = 4
RELATED_STORIES = 4
# "In the news" means mentioned in the fortnight up to the newest story.
IN_THE_NEWS_DAYS = 14
IN_THE_NEWS_PEOPLE = 8


def paginate_or_404(request, queryset):
    """As `paginate`, but a listing with nothing published is not a page at all."""
    page = paginate(request, queryset)
    if not page.paginator.count:
        raise Http404("Nothing published here.")
    return page


@public_page
def front_page(request):
    published = Article.objects.published()
    page = paginate(request, published.for_listing())
    context = {"page": page}
    if page.number == 1:
        stories = list(page)
        context |= {
            "lead": stories[0] if stories else None,
            "latest": stories[1:],
            "section_blocks": published.section_blocks(
                Section.objects.all(), per_section=STORIES_PER_SECTION_BLOCK
            ),
            # "In the news" is the fortnight up to the newest story, which is about now.
            "people_in_the_news": coverage.people_in_the_news(
                until=stories[0].published_at, days=IN_THE_NEWS_DAYS, limit=IN_THE_NEWS_PEOPLE
            )
            if stories
            else [],
        }
    return render(request, "articles/front_page.html", context)


@public_page
def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    page = paginate(request, Article.objects.published().in_section(section).for_listing())
    return render(request, "articles/section.html", {"section": section, "page": page})


@public_page
def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    # A tag used only on unpublished stories is not public yet: 404, not an empty page.
    page = paginate_or_404(request, Article.objects.published().tagged(tag).for_listing())
    return render(request, "articles/tag.html", {"tag": tag, "page": page})


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


@public_page
def article(request, slug):
    published = Article.objects.published()
    try:
        article = published.for_detail().get(slug=slug)
    except Article.DoesNotExist:
        # A renamed story keeps its old addresses; each points straight at the current one.
        moved = get_object_or_404(published.formerly_at(slug).only("slug"))
        return redirect(moved_url(request, moved), permanent=True)
    return render_article(request, article)


def moved_url(request, article) -> str:
    """The story's current address, keeping any query string the old link carried."""
    query = request.META.get("QUERY_STRING", "")
    return f"{article.get_absolute_url()}?{query}" if query else article.get_absolute_url()


@dataclass(frozen=True)
class Preview:
    """What the preview banner says beyond the story's state."""

    edit_url: str = ""
    expires_at: datetime | None = None


def render_article(request, article, *, preview: Preview | None = None):
    """The article page, live or previewed: one template, and related stories readers can open."""
    related = Article.objects.published().for_listing().related_to(article, limit=RELATED_STORIES)
    context = {"article": article, "related": related, "preview": preview}
    return render(request, "articles/article.html", context)


# --- Previews: a story as readers will see it, before they can -----------------------


def not_for_readers(view):
    """Previews are for the people given them: never cached, indexed, or sent as a referrer."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        response.headers["X-Robots-Tag"] = "noindex"
        # The share link is the key to the draft: keep it out of other sites' logs.
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return wrapped


def may_preview(user) -> bool:
    """Staff who may look at articles in the admin may look at any of them here."""
    return user.has_perm("articles.view_article") or user.has_perm("articles.change_article")


@not_for_readers
@staff_member_required
def preview(request, pk):
    """Any article in any state, for staff: 403 without the permission to view articles."""
    if not may_preview(request.user):
        raise PermissionDenied
    article = get_object_or_404(Article.objects.for_detail(), pk=pk)
    edit_url = reverse("admin:articles_article_change", args=[article.pk])
    return render_article(request, article, preview=Preview(edit_url=edit_url))


@not_for_readers
def shared_preview(request, token):
    """The one article of a valid share link, for anyone holding it, until it goes out.

    A live story's link leads to its public page. An unknown, expired or revoked token,
    or one for a story that was taken down, is the same plain 404, so the answer says
    nothing about which tokens exist or what became of their stories.
    """
    link = get_object_or_404(PreviewLink.objects.valid(), token=token)
    article = get_object_or_404(Article.objects.for_detail(), pk=link.article_id)
    if article.is_live:
        return redirect(article.get_absolute_url())
    if not PreviewLink.shows(article):
        raise Http404("No such share link.")
    return render_article(request, article, preview=Preview(expires_at=link.expires_at))
