"""Previews: a story as readers will see it, before they can.

The two deliberate exceptions to "readers' pages start from `published()`": staff
see any article, and a share link shows its one article. Both render the readers'
template (`story_views.render_article`), so a preview looks exactly like the page will.
"""

from functools import wraps

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from articles.models import Article, PreviewLink

from .story_views import Preview, render_article


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
