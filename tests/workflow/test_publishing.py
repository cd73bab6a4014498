"""articles.publishing: every change of publish state, its rules and the revision it leaves."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from reversion.models import Version

from articles import publishing
from articles.models import Article, ArticleNote, Picture
from articles.publishing import NotPermitted, PublishingError, PublishState
from tests.factories import DraftArticleFactory, london, make_article
from tests.workflow.helpers import picture_upload

pytestmark = pytest.mark.django_db

Status = Article.Status
NOW = london(2025, 3, 10, 12)
EARLIER = NOW - timedelta(days=2)
LATER = NOW + timedelta(hours=3)


def latest_revision(article):
    return Version.objects.get_for_object(article).select_related("revision").first().revision


def test_a_reporter_submits_a_draft_for_review_and_the_revision_says_so(reporter):
    article = DraftArticleFactory()

    publishing.submit_for_review(article, user=reporter, now=NOW)

    article.refresh_from_db()
    assert article.status == Status.REVIEW
    revision = latest_revision(article)
    assert (revision.user, revision.comment) == (reporter, "Submitted for review.")
    assert revision.date_created == NOW


def test_a_reporter_returns_a_story_in_review_to_draft(reporter):
    article = DraftArticleFactory(status=Status.REVIEW)

    publishing.return_to_draft(article, user=reporter, now=NOW)

    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    assert latest_revision(article).comment == "Returned to draft."


@pytest.mark.parametrize(
    ("move", "kwargs"),
    [
        (publishing.publish, {}),
        (publishing.schedule, {"at": LATER}),
    ],
    ids=["publish", "schedule"],
)
def test_a_reporter_can_neither_publish_nor_schedule(reporter, move, kwargs):
    article = DraftArticleFactory(status=Status.REVIEW)

    with pytest.raises(NotPermitted, match="Only editors can publish"):
        move(article, user=reporter, now=NOW, **kwargs)

    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.REVIEW, None)
    assert not Version.objects.get_for_object(article).exists()


@pytest.mark.parametrize(
    "move", [publishing.unpublish, publishing.return_to_draft], ids=["unpublish", "to_draft"]
)
def test_a_reporter_cannot_take_a_published_story_down(reporter, move):
    article = make_article(published_at=EARLIER)

    with pytest.raises(NotPermitted):
        move(article, user=reporter, now=NOW)

    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_a_reporter_cannot_bring_back_an_unpublished_story(reporter):
    article = make_article(status=Status.UNPUBLISHED, published_at=EARLIER)

    with pytest.raises(NotPermitted):
        publishing.submit_for_review(article, user=reporter, now=NOW)


def test_someone_without_article_permissions_can_do_nothing():
    article = DraftArticleFactory()

    with pytest.raises(NotPermitted):
        publishing.submit_for_review(article, user=AnonymousUser(), now=NOW)


def test_an_editor_publishes_a_draft_now(editor):
    article = DraftArticleFactory(status=Status.REVIEW)

    publishing.publish(article, user=editor, now=NOW)

    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.PUBLISHED, NOW)
    assert Article.objects.published(now=NOW).filter(pk=article.pk).exists()
    revision = latest_revision(article)
    assert (revision.user, revision.comment) == (editor, "Published.")


def test_republishing_keeps_the_original_publication_time(editor):
    article = make_article(status=Status.UNPUBLISHED, published_at=EARLIER)

    publishing.publish(article, user=editor, now=NOW)

    assert Article.objects.get(pk=article.pk).published_at == EARLIER


def test_publishing_a_scheduled_story_brings_it_forward_to_now(editor):
    article = make_article(published_at=LATER)

    publishing.publish(article, user=editor, now=NOW)

    assert Article.objects.get(pk=article.pk).published_at == NOW


def test_publishing_a_live_story_again_is_refused(editor):
    with pytest.raises(PublishingError, match="already live"):
        publishing.publish(make_article(published_at=EARLIER), user=editor, now=NOW)


def test_a_scheduled_story_is_invisible_until_its_time(editor):
    article = DraftArticleFactory()

    publishing.schedule(article, user=editor, at=LATER, now=NOW)

    published = Article.objects.published
    assert not published(now=NOW).filter(pk=article.pk).exists()
    assert not published(now=LATER - timedelta(seconds=1)).filter(pk=article.pk).exists()
    assert published(now=LATER).filter(pk=article.pk).exists()
    assert publishing.state_label(article, now=NOW) == "Scheduled"
    assert publishing.state_label(article, now=LATER) == "Published"
    assert latest_revision(article).comment == "Scheduled for 10 March 2025 15:00."


def test_scheduling_in_the_past_is_refused(editor):
    with pytest.raises(PublishingError, match="must be in the future"):
        publishing.schedule(DraftArticleFactory(), user=editor, at=EARLIER, now=NOW)


def test_scheduling_a_live_story_is_refused_rather_than_hiding_it(editor):
    with pytest.raises(PublishingError, match="already live"):
        publishing.schedule(make_article(published_at=EARLIER), user=editor, at=LATER, now=NOW)


def test_an_editor_unpublishes_a_story_and_it_keeps_its_time(editor):
    article = make_article(published_at=EARLIER)

    publishing.unpublish(article, user=editor, now=NOW)

    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.UNPUBLISHED, EARLIER)
    assert not Article.objects.published(now=NOW).filter(pk=article.pk).exists()
    assert latest_revision(article).comment == "Unpublished."


def test_unpublishing_what_is_not_published_is_refused(editor):
    with pytest.raises(PublishingError, match="not published"):
        publishing.unpublish(DraftArticleFactory(), user=editor, now=NOW)


@pytest.mark.parametrize(
    ("status", "move", "message"),
    [
        (Status.REVIEW, publishing.submit_for_review, "already in review"),
        (Status.PUBLISHED, publishing.submit_for_review, "unpublish it first"),
        (Status.DRAFT, publishing.return_to_draft, "already a draft"),
    ],
)
def test_moves_that_go_nowhere_are_refused(editor, status, move, message):
    article = make_article(status=status, published_at=EARLIER)

    with pytest.raises(PublishingError, match=message):
        move(article, user=editor, now=NOW)


def test_the_embargo_refuses_publishing_before_its_time(editor):
    article = DraftArticleFactory(embargo_until=LATER)

    with pytest.raises(PublishingError, match="embargoed until 10 March 2025 15:00"):
        publishing.publish(article, user=editor, now=NOW)

    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.DRAFT, None)


def test_the_embargo_refuses_scheduling_before_its_time_but_not_after(editor):
    article = DraftArticleFactory(embargo_until=LATER)

    with pytest.raises(PublishingError, match="embargoed"):
        publishing.schedule(article, user=editor, at=LATER - timedelta(minutes=1), now=NOW)
    publishing.schedule(article, user=editor, at=LATER, now=NOW)

    assert Article.objects.get(pk=article.pk).published_at == LATER


def test_publishing_after_the_embargo_works(editor):
    article = DraftArticleFactory(embargo_until=EARLIER)

    publishing.publish(article, user=editor, now=NOW)

    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_a_picture_with_a_file_and_no_alt_text_stops_publishing(editor):
    article = DraftArticleFactory()
    Picture.objects.create(article=article, position=1, alt_text="A council meeting")
    Picture.objects.create(article=article, position=2, file=picture_upload(), alt_text=" ")

    with pytest.raises(PublishingError, match="Add alt text to picture 2"):
        publishing.publish(article, user=editor, now=NOW)

    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_a_picture_without_a_file_needs_no_alt_text(editor):
    article = DraftArticleFactory()
    Picture.objects.create(article=article, position=1, caption="Known only by its caption")

    publishing.publish(article, user=editor, now=NOW)

    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_an_editor_adds_a_correction_and_the_story_counts_as_modified(editor):
    article = make_article(published_at=EARLIER)
    corrected_at = EARLIER + timedelta(days=1)

    note = publishing.add_note(article, user=editor, text="We misspelt her name.", now=corrected_at)

    article.refresh_from_db()
    assert (note.kind, note.created_at) == (ArticleNote.Kind.CORRECTION, corrected_at)
    assert article.updated_at == corrected_at
    assert article.revised_at == corrected_at
    revision = latest_revision(article)
    assert (revision.user, revision.comment) == (editor, "Added correction: We misspelt her name.")


def test_a_note_does_not_make_an_open_copy_of_the_story_stale(editor):
    article = make_article(published_at=EARLIER)
    opened = article.edit_version

    publishing.add_note(article, user=editor, text="An update.", kind="update", now=NOW)

    assert Article.objects.get(pk=article.pk).edit_version == opened


def test_a_reporter_cannot_add_a_correction(reporter):
    article = make_article(published_at=EARLIER)

    with pytest.raises(NotPermitted):
        publishing.add_note(article, user=reporter, text="Sneaky.", now=NOW)

    assert not article.notes.exists()


def test_an_empty_correction_is_refused(editor):
    with pytest.raises(PublishingError, match="needs some text"):
        publishing.add_note(make_article(), user=editor, text="  ", now=NOW)


@pytest.mark.parametrize(
    ("was", "new", "allowed"),
    [
        (None, PublishState(Status.DRAFT), True),
        (None, PublishState(Status.REVIEW), True),
        (None, PublishState(Status.PUBLISHED, NOW), False),
        (PublishState(Status.DRAFT), PublishState(Status.REVIEW), True),
        (PublishState(Status.DRAFT), PublishState(Status.DRAFT, None, LATER), True),
        (PublishState(Status.DRAFT), PublishState(Status.DRAFT, LATER), False),
        (PublishState(Status.REVIEW), PublishState(Status.PUBLISHED, LATER), False),
        (PublishState(Status.PUBLISHED, EARLIER), PublishState(Status.PUBLISHED, EARLIER), True),
        (PublishState(Status.PUBLISHED, EARLIER), PublishState(Status.DRAFT, EARLIER), False),
        (PublishState(Status.PUBLISHED, EARLIER), PublishState(Status.PUBLISHED, LATER), False),
        (
            PublishState(Status.PUBLISHED, EARLIER),
            PublishState(Status.PUBLISHED, EARLIER, LATER),
            False,
        ),
        (PublishState(Status.UNPUBLISHED, EARLIER), PublishState(Status.DRAFT, EARLIER), False),
    ],
)
def test_what_a_reporter_may_change_in_the_publish_state(reporter, editor, was, new, allowed):
    if allowed:
        publishing.check_edit(user=reporter, was=was, new=new)
    else:
        with pytest.raises(NotPermitted):
            publishing.check_edit(user=reporter, was=was, new=new)
    publishing.check_edit(user=editor, was=was, new=new)


@pytest.mark.parametrize(
    ("was", "new", "said"),
    [
        (None, PublishState(Status.DRAFT), ""),
        (PublishState(Status.DRAFT), PublishState(Status.REVIEW), "Submitted for review."),
        (PublishState(Status.REVIEW), PublishState(Status.PUBLISHED, NOW), "Published."),
        (
            PublishState(Status.REVIEW),
            PublishState(Status.PUBLISHED, LATER),
            "Scheduled for 10 March 2025 15:00.",
        ),
        (PublishState(Status.PUBLISHED, LATER), PublishState(Status.PUBLISHED, NOW), "Published."),
        (
            PublishState(Status.PUBLISHED, EARLIER),
            PublishState(Status.PUBLISHED, EARLIER - timedelta(hours=1)),
            "Publication time changed to 8 March 2025 11:00.",
        ),
        (PublishState(Status.PUBLISHED, EARLIER), PublishState(Status.UNPUBLISHED), "Unpublished."),
        (
            PublishState(Status.DRAFT),
            PublishState(Status.DRAFT, None, LATER),
            "Embargoed until 10 March 2025 15:00.",
        ),
        (PublishState(Status.DRAFT, None, LATER), PublishState(Status.DRAFT), "Embargo lifted."),
    ],
)
def test_each_change_of_publish_state_is_described_for_the_history(was, new, said):
    assert publishing.describe(was, new, now=NOW) == said
