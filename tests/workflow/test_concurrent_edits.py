"""Two people open the same story and both save: the second save is refused, not lost over."""

import pytest
import reversion
from reversion.models import Version

from articles import publishing
from articles.models import Article
from tests.factories import make_article
from tests.helpers import admin_form_data
from tests.workflow.helpers import admin_url, logged_in

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def story():
    """A story with one revision, as a story filed in the admin or imported has."""
    with reversion.create_revision():
        return make_article(
            title="Mayor opens the new bridge",
            body="The mayor opened the bridge on Monday morning.",
            status=Status.REVIEW,
            published_at=None,
            tags=["transport"],
        )


def opened(client, article):
    """What the browser would post back from a change page loaded now."""
    return admin_form_data(client.get(admin_url("change", article.pk)))


def test_the_second_save_of_the_same_copy_is_refused_and_changes_nothing(
    story, editor_client, reporter_client
):
    url = admin_url("change", story.pk)
    editors_copy = opened(editor_client, story)
    reporters_copy = opened(reporter_client, story)
    editors_copy["title"] = "Mayor opens the new footbridge"
    reporters_copy["body"] = "The mayor opened the bridge on Monday evening."

    first = editor_client.post(url, editors_copy)
    second = reporter_client.post(url, reporters_copy)

    assert first.status_code == 302, first.context["errors"]
    assert second.status_code == 200
    errors = second.context["adminform"].form.non_field_errors()
    assert errors[0].startswith("Ed Mills saved this story at ")
    assert errors[0].endswith("while you were editing it, so your changes have not been saved.")
    assert "Headline: “Mayor opens the new bridge” → “Mayor opens the new footbridge”" in errors
    story.refresh_from_db()
    assert story.title == "Mayor opens the new footbridge"
    assert story.body == "The mayor opened the bridge on Monday morning."
    assert Version.objects.get_for_object(story).count() == 2


def test_without_the_opened_version_in_the_history_the_refusal_still_says_who(editor_client):
    story = make_article(status=Status.DRAFT, published_at=None)
    url = admin_url("change", story.pk)
    first_copy, second_copy = opened(editor_client, story), opened(editor_client, story)

    editor_client.post(url, first_copy | {"title": "First"})
    response = editor_client.post(url, second_copy | {"title": "Second"})

    errors = response.context["adminform"].form.non_field_errors()
    assert errors[0].startswith("Ed Mills saved this story at ")
    assert "The version you opened is no longer in the history to compare with." in errors
    assert Article.objects.get(pk=story.pk).title == "First"


def test_the_refusal_shows_the_words_around_a_change_in_a_long_body(story, editor_client):
    story.body = " ".join(f"word{n}" for n in range(200))
    with reversion.create_revision():
        story.save()
    url = admin_url("change", story.pk)
    first_copy, second_copy = opened(editor_client, story), opened(editor_client, story)
    first_copy["body"] = story.body.replace("word100", "CHANGED")

    editor_client.post(url, first_copy)
    response = editor_client.post(url, second_copy)

    errors = response.context["adminform"].form.non_field_errors()
    body_change = next(error for error in errors if error.startswith("Body:"))
    assert body_change == (
        "Body: “…word96 word97 word98 word99 word100 word101 word102 word103 word104…”"
        " → “…word96 word97 word98 word99 CHANGED word101 word102 word103 word104…”"
    )


def test_a_copy_made_stale_by_a_bulk_action_is_refused_too(story, editor, reporter_client):
    reporters_copy = opened(reporter_client, story)
    publishing.publish(story, user=editor)
    reporters_copy["status"] = Status.DRAFT

    response = reporter_client.post(admin_url("change", story.pk), reporters_copy)

    assert response.status_code == 200
    assert (
        "Status: “In review” → “Published”" in response.context["adminform"].form.non_field_errors()
    )
    assert Article.objects.get(pk=story.pk).status == Status.PUBLISHED


def test_after_opening_the_story_again_the_save_goes_through(story, editor_client, reporter):
    url = admin_url("change", story.pk)
    stale = opened(editor_client, story)
    fresh_client = logged_in(reporter)
    fresh_client.post(url, opened(fresh_client, story) | {"title": "Reporter's headline"})
    assert editor_client.post(url, stale).status_code == 200

    again = opened(editor_client, story)
    again["body"] = "Both changes kept."
    response = editor_client.post(url, again)

    assert response.status_code == 302, response.context["errors"]
    story.refresh_from_db()
    assert (story.title, story.body) == ("Reporter's headline", "Both changes kept.")


def test_a_post_without_the_version_it_was_opened_at_is_refused(story, editor_client):
    data = opened(editor_client, story)
    del data["opened_version"]
    data["title"] = "Blind overwrite"

    response = editor_client.post(admin_url("change", story.pk), data)

    assert response.status_code == 200
    assert Article.objects.get(pk=story.pk).title == "Mayor opens the new bridge"
