"""The only code that changes an article's publish state.

The states: draft -> in review -> published, and unpublished (taken down after
going out). A published story whose publication time is still to come is
*scheduled*: readers' queries compare ``published_at`` with the clock, so it
appears on time with no job to run.

Who may do what:

- anyone who may change articles (a reporter) moves a story between draft and
  in review, and edits the copy of any story;
- only a user with ``articles.publish_article`` (an editor) publishes, schedules,
  unpublishes, sets or changes a publication time, returns a story that went out
  to draft or review, or changes the embargo of a story that went out.

Rules checked whichever way a change comes in (bulk actions, the admin form,
commands):

- embargo: ``Article.clean()`` refuses a publication time before ``embargo_until``;
- alt text: every picture that has a file needs alt text before a story is
  published or scheduled (stories already out are not blocked by old pictures).

Each function saves the article as a django-reversion revision by ``user``,
with a comment saying what happened, and raises ``PublishingError`` (or its
subclass ``NotPermitted``) with a message for the person who asked. The admin's
article form saves through ``save_edit()``, which applies the same checks.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from newsroom.dates import human_date, human_datetime

from .models import Article, ArticleNote, Picture

PUBLISH_PERMISSION = "articles.publish_article"
NOTE_PERMISSION = "articles.add_articlenote"
Status = Article.Status
# Where a reporter may move a story, and where it must be for them to move it.
WORK_IN_PROGRESS = Article.WORK_IN_PROGRESS


class PublishingError(Exception):
    """A rule stopped the change. The message is written for the person who asked."""


class NotPermitted(PublishingError, PermissionDenied):
    """The user may not make this change; an unhandled one is a 403, like PermissionDenied."""


@dataclass(frozen=True)
class PublishState:
    """The fields that say whether, and from when, readers see a story."""

    status: str = Status.DRAFT
    published_at: datetime | None = None
    embargo_until: datetime | None = None

    @classmethod
    def of(cls, article: Article) -> "PublishState":
        return cls(article.status, article.published_at, article.embargo_until)

    @classmethod
    def stored(cls, article: Article) -> "PublishState | None":
        """The state saved in the database, or None for a story not saved yet."""
        if article.pk is None:
            return None
        row = Article.objects.filter(pk=article.pk).values_list(
            "status", "published_at", "embargo_until"
        )
        return next((cls(*values) for values in row), None)


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def check_edit(*, user, was: PublishState | None, new: PublishState) -> None:
    """Raise NotPermitted unless `user` may move a story from `was` (None: new) to `new`."""
    if can_publish(user):
        return
    was = was or PublishState()
    if new.status != was.status and Status.PUBLISHED in (new.status, was.status):
        if new.status == Status.PUBLISHED:
            raise NotPermitted(
                "Only editors can publish or schedule a story; submit it for review instead."
            )
        raise NotPermitted("Only editors can take a published story down.")
    if new.status != was.status and not {new.status, was.status} <= WORK_IN_PROGRESS:
        raise NotPermitted(
            "Only editors can unpublish a story or bring back one that was unpublished."
        )
    if new.published_at != was.published_at:
        raise NotPermitted("Only editors can set or change the publication time.")
    if new.embargo_until != was.embargo_until and was.status not in WORK_IN_PROGRESS:
        raise NotPermitted("Only editors can change the embargo of a story that has gone out.")


def becomes_published(was: PublishState | None, new: PublishState) -> bool:
    return new.status == Status.PUBLISHED and (was is None or was.status != Status.PUBLISHED)


def missing_alt_text(pictures: Iterable[Picture]) -> list[Picture]:
    """Pictures that have a file but no alt text."""
    return [p for p in pictures if p.file and not p.alt_text.strip()]


def check_alt_text(pictures: Iterable[Picture]) -> None:
    """Raise PublishingError if any picture with a file has no alt text."""
    if missing := missing_alt_text(pictures):
        numbers = ", ".join(str(picture.position) for picture in missing)
        raise PublishingError(
            f"Add alt text to picture {numbers} before publishing: "
            "readers who cannot see a picture are told what it shows."
        )


def publication_time(status: str, published_at: datetime | None, *, now=None):
    """The publication time to save: a story published without one goes out now."""
    if status == Status.PUBLISHED and published_at is None:
        return now or timezone.now()
    return published_at


def describe(was: PublishState | None, new: PublishState, *, now=None) -> str:
    """What a change of publish state did, for a revision comment; "" if nothing."""
    now = now or timezone.now()
    was = was or PublishState()
    said = []
    if new.status == Status.PUBLISHED:
        if new.published_at and new.published_at > now:
            if (was.status, was.published_at) != (new.status, new.published_at):
                said.append(f"Scheduled for {_when(new.published_at)}.")
        elif was.status != Status.PUBLISHED or (was.published_at and was.published_at > now):
            said.append("Published.")
        elif was.published_at != new.published_at:
            said.append(f"Publication time changed to {_when(new.published_at)}.")
    elif new.status != was.status:
        said.append(
            {
                Status.UNPUBLISHED: "Unpublished.",
                Status.REVIEW: "Submitted for review.",
                Status.DRAFT: "Returned to draft.",
            }[new.status]
        )
    if new.embargo_until != was.embargo_until:
        said.append(
            f"Embargoed until {_when(new.embargo_until)}."
            if new.embargo_until
            else "Embargo lifted."
        )
    return " ".join(said)


def state_label(article: Article, *, now=None) -> str:
    """The status as an editor thinks of it: a future publication is "Scheduled"."""
    if article.scheduled_as_of(now or timezone.now()):
        return "Scheduled"
    return article.get_status_display()


def scheduled_notice(article: Article, *, now=None) -> str:
    """What an editor is told on saving a scheduled story: when it goes live; "" if it is not.

    "Scheduled" alone leaves the editor to work out whether the time they typed was
    the one they meant, so the notice says it as readers' clocks will show it.
    """
    if not article.scheduled_as_of(now or timezone.now()):
        return ""
    local = timezone.localtime(article.published_at)
    # "Europe/London" -> "London": the zone as people name it.
    place = timezone.get_current_timezone_name().rpartition("/")[2].replace("_", " ")
    return f"Scheduled: goes live on {human_date(local)} at {local:%H:%M} {place} time."


def save_edit(article: Article, *, user, was: PublishState | None, now=None) -> str:
    """Save an edit whose fields (publish state included) are already set on `article`.

    For forms: `was` is the state the form was opened with (None for a new story).
    The caller checks the pictures it is about to save with `check_alt_text()` when
    `becomes_published()`; this saves the article only. Returns what `describe()` said,
    which is also the revision comment when a revision is being recorded.
    """
    new = PublishState.of(article)
    _require(user, "articles.add_article" if was is None else "articles.change_article")
    check_edit(user=user, was=was, new=new)
    _clean(article)
    comment = describe(was, new, now=now)
    article.save()
    if comment and reversion.is_active():
        reversion.set_comment(comment)
    return comment


def submit_for_review(article: Article, *, user, now=None) -> Article:
    """Draft (or unpublished) -> in review."""
    if article.status == Status.REVIEW:
        raise PublishingError("This story is already in review.")
    if article.status == Status.PUBLISHED:
        raise PublishingError("This story is published; unpublish it first.")
    return _move(article, user=user, now=now, status=Status.REVIEW)


def return_to_draft(article: Article, *, user, now=None) -> Article:
    """Back to draft: from review by anyone, from published or unpublished by an editor."""
    if article.status == Status.DRAFT:
        raise PublishingError("This story is already a draft.")
    return _move(article, user=user, now=now, status=Status.DRAFT)


def publish(article: Article, *, user, now=None) -> Article:
    """Make the story live now; one published before keeps its original time."""
    now = now or timezone.now()
    if article.is_live_at(now):
        raise PublishingError("This story is already live.")
    earlier = article.published_at if article.status != Status.PUBLISHED else None
    at = earlier if earlier and earlier <= now else now
    return _move(article, user=user, now=now, status=Status.PUBLISHED, published_at=at)


def schedule(article: Article, *, user, at: datetime, now=None) -> Article:
    """Publish at a future time: readers see nothing until then."""
    now = now or timezone.now()
    if at <= now:
        raise PublishingError("A scheduled time must be in the future; to go out now, publish.")
    if article.is_live_at(now):
        raise PublishingError("This story is already live; unpublish it before scheduling it.")
    return _move(article, user=user, now=now, status=Status.PUBLISHED, published_at=at)


def unpublish(article: Article, *, user, now=None) -> Article:
    """Take a live or scheduled story down; its publication time is kept."""
    if article.status != Status.PUBLISHED:
        raise PublishingError("This story is not published.")
    return _move(article, user=user, now=now, status=Status.UNPUBLISHED)


def add_note(
    article: Article,
    *,
    user,
    text: str,
    kind: str = ArticleNote.Kind.CORRECTION,
    now=None,
) -> ArticleNote:
    """Append a dated correction or update; the story counts as modified from `now`."""
    now = now or timezone.now()
    _require(user, NOTE_PERMISSION)
    if not text.strip():
        raise PublishingError("A correction or update needs some text.")
    with transaction.atomic(), reversion.create_revision():
        note = ArticleNote.objects.create(article=article, kind=kind, text=text, created_at=now)
        # A queryset update, so the time is `now` rather than auto_now's clock, and so a
        # note does not make an editor's open copy of the story stale.
        Article.objects.filter(pk=article.pk).update(updated_at=now)
        article.updated_at = now
        reversion.add_to_revision(article)
        reversion.set_user(user)
        reversion.set_date_created(now)
        reversion.set_comment(
            f"Added {note.get_kind_display().lower()}: {Truncator(text).chars(60)}"
        )
    return note


def _move(article: Article, *, user, now, status: str, published_at=None) -> Article:
    """Check and save one change of publish state, as a revision."""
    now = now or timezone.now()
    was = PublishState.of(article)
    new = PublishState(status, published_at or article.published_at, article.embargo_until)
    _require(user, "articles.change_article")
    check_edit(user=user, was=was, new=new)
    article.status, article.published_at = new.status, new.published_at
    try:
        _clean(article)
        if becomes_published(was, new):
            check_alt_text(article.pictures.all())
    except PublishingError:
        article.status, article.published_at = was.status, was.published_at
        raise
    with transaction.atomic(), reversion.create_revision():
        article.save()
        reversion.set_user(user)
        reversion.set_date_created(now)
        reversion.set_comment(describe(was, new, now=now))
    return article


def _require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise NotPermitted("You do not have permission to do that.")


def _clean(article: Article) -> None:
    """Article.clean() (the embargo and publication-time rules) as a PublishingError."""
    try:
        article.clean()
    except ValidationError as error:
        raise PublishingError(" ".join(error.messages)) from None


def _when(moment: datetime) -> str:
    return human_datetime(moment)
