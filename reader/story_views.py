"""The article page, and the one template its previews share.

Readers' pages start from `Article.objects.published()`; the previews
(`preview_views.py`) render the same page for a story readers cannot see yet.
"""

from dataclasses import dataclass
from datetime import datetime

from django.shortcuts import get_object_or_404, redirect, render

from articles import as_of
from articles.models import Article
from articles.page_cache import public_page

RELATED_STORIES = 4


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
    """The article page, live or previewed: one template, and related stories readers can open.

    People are shown with the affiliation they had when the story came out (`as_of`).
    """
    related = Article.objects.published().for_listing().related_to(article, limit=RELATED_STORIES)
    context = {
        "article": article,
        "story_people": as_of.people_as_of(article),
        "related": related,
        "preview": preview,
    }
    return render(request, "articles/article.html", context)
