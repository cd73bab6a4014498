"""The article admin's history pages: the list of versions, the words that changed
between two of them, one old version and the button that restores it.

django-reversion's `VersionAdmin` makes a revision of every admin save and offers
"Recover deleted"; the pages here are our own. Everything an editor reads on them comes from
`articles.revisions`: a version's parts as readable text (`contents_of`), the parts
that differ (`changes`) and `restore`. This module only lays them out, with
`html_diff` marking the words taken out and put in.

What restoring would change is found by restoring: `restore_outcome` runs
`revisions.restore` in a transaction and rolls it back, so the page cannot promise
other than what the button does (the address, publish state and corrections it keeps
show as kept, a link to someone since deleted as dropped).
"""

import difflib
import os
import re

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsroom.dates import human_datetime

from .. import revisions

# Words of text left unchanged between two changes that still read as part of one change:
# "voted against the plan" -> "rejected the plan outright" is one edit, not two.
JOINED_WORDS = 2
# A word with the spaces (or line breaks) before it: a diff of these keeps the layout.
WORD = re.compile(r"\s*\S+|\s+$")
LINE_END = re.compile(r"\r\n?")
SPACES = re.compile(r"[ \t]+")


def html_diff(before: str, after: str) -> SafeString:
    """`after` with the words taken out of `before` in <del> and those put in in <ins>.

    Compares words, not characters; everything is escaped; spaces and line breaks are
    kept, so the caller shows the result with `white-space: pre-wrap`.
    """
    old, new = WORD.findall(before), WORD.findall(after)
    matcher = difflib.SequenceMatcher(a=_keys(old), b=_keys(new), autojunk=False)
    # Unchanged and changed runs alternate; a short unchanged run between two changes
    # is folded into one change with them.
    opcodes = matcher.get_opcodes()
    pieces: list[tuple[bool, list[str], list[str]]] = []
    for index, (tag, a_start, a_end, b_start, b_end) in enumerate(opcodes):
        changed, taken, put = tag != "equal", old[a_start:a_end], new[b_start:b_end]
        inner = 0 < index < len(opcodes) - 1
        if pieces and pieces[-1][0] and (changed or (inner and len(taken) <= JOINED_WORDS)):
            pieces[-1][1].extend(taken)
            pieces[-1][2].extend(put)
        else:
            pieces.append((changed, list(taken), list(put)))
    return mark_safe("".join(_piece_html(*piece) for piece in pieces))


def _keys(words: list[str]) -> list[str]:
    """Words as compared: CRLF line ends (as browsers send) or runs of spaces change no word."""
    return [SPACES.sub(" ", LINE_END.sub("\n", word)) for word in words]


def _piece_html(changed: bool, taken: list[str], put: list[str]) -> str:
    if not changed:
        return escape("".join(put))
    old, new = "".join(taken), "".join(put)
    # Spaces before the change stay outside the marks, so that they mark words only.
    space = os.path.commonprefix([_leading_space(text) for text in (old, new) if text])
    html = escape(space)
    if old[len(space) :]:
        html += f"<del>{escape(old[len(space) :])}</del>"
    if new[len(space) :]:
        html += f"<ins>{escape(new[len(space) :])}</ins>"
    return html


def _leading_space(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def restore_outcome(version, *, user) -> dict[str, str]:
    """The story, part by part, as restoring `version` would leave it: restored, then
    rolled back (side effects of saves wait for a commit that never comes)."""
    with transaction.atomic():
        article = revisions.restore(version, user=user)
        outcome = revisions.contents_now(article)
        transaction.set_rollback(True)
    return outcome


def restore_preview(version, article, *, user) -> dict:
    """What the restore page lists: the parts restoring changes (a word diff from now),
    and the parts this version had otherwise that restoring keeps as they are now."""
    old = revisions.contents_of(version)
    now = revisions.contents_now(article)
    after = restore_outcome(version, user=user)
    kept = [
        (label.capitalize(), *revisions.Change(label, old.get(label, ""), text).short)
        for label, text in now.items()
        if old.get(label, "") != text and after.get(label, "") == text
    ]
    return {
        "old_contents": [(label.capitalize(), text) for label, text in old.items()],
        "differences": [
            (change.label.capitalize(), html_diff(change.before, change.after))
            for change in revisions.changes(now, after)
        ],
        "kept": kept,
    }


class ArticleHistoryMixin:
    """History, compare and restore for the article admin; put before `VersionAdmin`."""

    object_history_template = "admin/articles/article/object_history.html"
    compare_template = "admin/articles/article/compare.html"
    revision_form_template = "admin/articles/article/revision_form.html"

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="articles_article_compare",
        )
        return [compare, *super().get_urls()]

    def history_view(self, request, object_id, extra_context=None):
        """Every stored version, newest first, each opening its restore page; the two
        newest are ticked to compare."""
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_or_change_permission(request, article):
            return super().history_view(request, object_id, extra_context)
        action_list = [
            {
                "version": version,
                "revision": version.revision,
                "url": reverse("admin:articles_article_revision", args=[article.pk, version.pk]),
            }
            for version in revisions.history(article)
        ]
        context = {
            "action_list": action_list,
            "comparable": len(action_list) > 1,
            "compare_url": reverse("admin:articles_article_compare", args=[article.pk]),
        }
        return super().history_view(request, object_id, context | (extra_context or {}))

    def compare_view(self, request, object_id, extra_context=None):
        """The parts that differ between two versions (older first), word by word."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        article = get_object_or_404(self.model, pk=unquote(object_id))
        ids = sorted(_version_id(request.GET.get(key)) for key in ("version_id1", "version_id2"))
        versions = revisions.history(article)
        older = get_object_or_404(versions, pk=ids[0])
        newer = get_object_or_404(versions, pk=ids[1])
        before = versions.filter(pk__lt=older.pk).first()
        after = versions.filter(pk__gt=newer.pk).last()
        changed = revisions.changes(revisions.contents_of(older), revisions.contents_of(newer))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare versions of “{article}”",
            "opts": self.model._meta,
            "original": article,
            "older": older,
            "newer": newer,
            "differences": [
                (change.label.capitalize(), html_diff(change.before, change.after))
                for change in changed
            ],
            "earlier_pair": _pair_query(before, older) if before else None,
            "later_pair": _pair_query(newer, after) if after else None,
            "change_url": reverse("admin:articles_article_change", args=[article.pk]),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.compare_template, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """An old version, what restoring it would change, and the button that restores it."""
        article = get_object_or_404(self.model, pk=unquote(object_id))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(revisions.history(article), pk=version_id)
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        if request.method == "POST":
            if not self.has_change_permission(request, article):
                raise PermissionDenied
            return self._restore(request, article, version, change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Restore “{version.object_repr}”",
            "opts": self.model._meta,
            "original": article,
            "version": version,
            **restore_preview(version, article, user=request.user),
            "edit_version": article.edit_version,
            "can_restore": self.has_change_permission(request, article),
            "change_url": change_url,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.revision_form_template, context)

    def _restore(self, request, article, version, change_url):
        expected = request.POST.get("edit_version", "")
        try:
            revisions.restore(
                version,
                user=request.user,
                expected_edit_version=int(expected) if expected.isdigit() else None,
            )
        except revisions.RestoreError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.path)
        when = timezone.localtime(version.revision.date_created)
        self.message_user(
            request, f"Restored the version saved {human_datetime(when)}.", messages.SUCCESS
        )
        return HttpResponseRedirect(change_url)


def _version_id(value: str | None) -> int:
    if not value or not value.isdigit():
        raise Http404("Choose two versions to compare.")
    return int(value)


def _pair_query(older, newer) -> str:
    return f"?version_id1={older.pk}&version_id2={newer.pk}"
