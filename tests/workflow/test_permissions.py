"""Who may do what in the admin, proved with the POSTs a browser (or a crafted request) sends."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from articles import publishing
from articles.models import Article
from tests.factories import (
    DraftArticleFactory,
    StaffFactory,
    make_article,
    make_person,
    make_section,
)
from tests.helpers import admin_form_data, link
from tests.workflow.helpers import admin_url, bulk_action, logged_in, messages_of

pytestmark = pytest.mark.django_db

Status = Article.Status


def change_form(client, article):
    """The change page's form, as the browser would post it back untouched."""
    page = client.get(admin_url("change", article.pk))
    assert page.status_code == 200
    return admin_form_data(page)


def split_datetime(moment) -> dict[str, str]:
    local = timezone.localtime(moment)
    return {"published_at_0": f"{local:%d/%m/%Y}", "published_at_1": f"{local:%H:%M:%S}"}


def test_a_reporter_files_a_new_story_and_it_is_theirs(reporter, reporter_client):
    section = make_section()
    data = admin_form_data(reporter_client.get(admin_url("add")))
    data.update(title="Council tax rise", slug="council-tax-rise", section=str(section.pk))

    response = reporter_client.post(admin_url("add"), data)

    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get(slug="council-tax-rise")
    assert (article.status, article.created_by) == (Status.DRAFT, reporter)


def test_a_reporter_is_offered_only_draft_and_review(reporter_client):
    page = reporter_client.get(admin_url("change", DraftArticleFactory().pk))

    choices = [value for value, _ in page.context["adminform"].form.fields["status"].choices]
    assert choices == [Status.DRAFT, Status.REVIEW]
    assert page.context["adminform"].form.fields["published_at"].disabled


def test_a_reporter_submits_for_review_through_the_form(reporter_client):
    article = DraftArticleFactory()
    data = change_form(reporter_client, article)
    data["status"] = Status.REVIEW

    response = reporter_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 302, response.context["errors"]
    assert Article.objects.get(pk=article.pk).status == Status.REVIEW


def test_a_reporter_cannot_publish_through_the_change_form(reporter_client):
    article = DraftArticleFactory(status=Status.REVIEW)
    data = change_form(reporter_client, article)
    data.update(status=Status.PUBLISHED, **split_datetime(timezone.now()))

    response = reporter_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.REVIEW, None)


def test_a_crafted_post_cannot_schedule_a_story_for_a_reporter(reporter_client):
    article = DraftArticleFactory()
    data = change_form(reporter_client, article)
    data.update(status=Status.PUBLISHED, **split_datetime(timezone.now() + timedelta(days=1)))

    response = reporter_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 200
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.DRAFT, None)


def test_a_future_publication_time_posted_by_a_reporter_is_ignored(reporter_client):
    article = DraftArticleFactory()
    data = change_form(reporter_client, article)
    data.update(status=Status.REVIEW, **split_datetime(timezone.now() + timedelta(days=1)))

    reporter_client.post(admin_url("change", article.pk), data)

    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.REVIEW, None)


def test_a_reporter_edits_a_live_story_but_cannot_take_it_down(reporter_client):
    article = make_article(title="Old headline")
    published_at = article.published_at
    data = change_form(reporter_client, article)
    data.update(
        title="Fixed headline",
        status=Status.DRAFT,
        embargo_until_0="01/01/2030",
        embargo_until_1="09:00:00",
        **split_datetime(published_at + timedelta(days=3)),
    )

    response = reporter_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert article.title == "Fixed headline"
    assert (article.status, article.published_at) == (Status.PUBLISHED, published_at)
    assert article.embargo_until is None


@pytest.mark.parametrize("action", ["publish_now", "unpublish"])
def test_the_publishing_actions_are_not_offered_to_a_reporter(reporter_client, action):
    page = reporter_client.get(admin_url("changelist"), {"workflow": "all"})

    offered = [name for name, _ in page.context["action_form"].fields["action"].choices]
    assert action not in offered
    assert "submit_for_review" in offered


def test_a_reporter_cannot_publish_with_the_bulk_action(reporter_client):
    article = DraftArticleFactory(status=Status.REVIEW)

    bulk_action(reporter_client, "publish_now", article)

    assert Article.objects.get(pk=article.pk).status == Status.REVIEW


def test_a_reporter_cannot_unpublish_with_the_bulk_action(reporter_client):
    article = make_article()

    bulk_action(reporter_client, "unpublish", article)

    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_return_to_draft_refuses_a_reporter_for_a_published_story_with_a_message(
    reporter_client,
):
    live, in_review = make_article(), DraftArticleFactory(status=Status.REVIEW)

    response = bulk_action(reporter_client, "return_to_draft", live, in_review)

    assert Article.objects.get(pk=live.pk).status == Status.PUBLISHED
    assert Article.objects.get(pk=in_review.pk).status == Status.DRAFT
    said = messages_of(response)
    assert any(f"“{live}” was not changed: Only editors" in message for message in said)
    assert "Returned to draft: 1 story." in said


def test_a_reporter_submits_for_review_with_the_bulk_action(reporter_client):
    first, second = DraftArticleFactory(), DraftArticleFactory()

    response = bulk_action(reporter_client, "submit_for_review", first, second)

    assert set(Article.objects.values_list("status", flat=True)) == {Status.REVIEW}
    assert "Submitted for review: 2 stories." in messages_of(response)


def test_a_reporter_cannot_delete_a_published_story(reporter_client):
    article = make_article()

    assert reporter_client.get(admin_url("delete", article.pk)).status_code == 403
    assert reporter_client.post(admin_url("delete", article.pk), {"post": "yes"}).status_code == 403
    bulk_action(reporter_client, "delete_selected", article, post="yes")

    assert Article.objects.filter(pk=article.pk).exists()


@pytest.fixture
def reporter_who_may_delete():
    """A reporter given the delete permission: may delete drafts, still not published stories."""
    user = StaffFactory(username="del", group="Reporter")
    user.user_permissions.add(Permission.objects.get(codename="delete_article"))
    return logged_in(user)


@pytest.mark.parametrize("when", [timedelta(days=-1), timedelta(days=1)], ids=["live", "scheduled"])
def test_deleting_a_published_story_needs_the_publish_permission(reporter_who_may_delete, when):
    article = make_article(published_at=timezone.now() + when)
    client = reporter_who_may_delete

    assert client.post(admin_url("delete", article.pk), {"post": "yes"}).status_code == 403
    response = bulk_action(client, "delete_selected", article, post="yes")

    assert response.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_a_reporter_who_may_delete_can_delete_a_draft(reporter_who_may_delete):
    article = DraftArticleFactory()

    response = reporter_who_may_delete.post(admin_url("delete", article.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()


def test_an_editor_publishes_through_the_form_and_the_story_goes_live(editor_client, client):
    article = DraftArticleFactory(status=Status.REVIEW)
    data = change_form(editor_client, article)
    data["status"] = Status.PUBLISHED
    before = timezone.now()

    response = editor_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert before <= article.published_at <= timezone.now()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_an_editor_publishes_with_the_bulk_action(editor_client, client):
    article = DraftArticleFactory(status=Status.REVIEW)

    response = bulk_action(editor_client, "publish_now", article)

    assert "Published: 1 story." in messages_of(response)
    assert client.get(article.get_absolute_url()).status_code == 200


def test_an_editor_may_delete_a_published_story(editor_client):
    article = make_article()

    response = bulk_action(editor_client, "delete_selected", article, post="yes")

    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()


def test_a_superuser_can_do_everything_an_editor_can(admin_client):
    article = DraftArticleFactory()

    bulk_action(admin_client, "publish_now", article)

    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_a_reporter_can_correct_a_story_an_editor_published_a_moment_ago(editor, reporter_client):
    article = DraftArticleFactory(status=Status.REVIEW)
    publishing.publish(article, user=editor)
    published_at = Article.objects.get(pk=article.pk).published_at
    assert published_at.microsecond  # a time the form's widgets cannot show exactly
    data = change_form(reporter_client, article)
    data["title"] = "Corrected by the reporter"

    response = reporter_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert (article.title, article.published_at) == ("Corrected by the reporter", published_at)


def test_a_crafted_post_cannot_file_a_story_as_published(reporter_client):
    section = make_section()
    data = admin_form_data(reporter_client.get(admin_url("add")))
    data.update(
        title="Straight out",
        slug="straight-out",
        section=str(section.pk),
        status=Status.PUBLISHED,
        **split_datetime(timezone.now()),
    )

    response = reporter_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert not Article.objects.filter(slug="straight-out").exists()


def test_a_reporter_links_people_with_the_autocomplete_and_sees_who_suggested_each(
    reporter_client,
):
    article = DraftArticleFactory()
    link(article, make_person("Ali Hassan Ali"))
    make_person("Alison Wright")

    found = reporter_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "articleperson",
            "field_name": "person",
            "term": "Alison",
        },
    )
    page = reporter_client.get(admin_url("change", article.pk)).content.decode()

    assert [result["text"] for result in found.json()["results"]] == ["Alison Wright"]
    assert "Found by the linker" in page


def test_only_editors_may_recover_deleted_stories(reporter_client, editor_client):
    recover = admin_url("recoverlist")

    assert "Recover deleted" not in reporter_client.get(admin_url("changelist")).content.decode()
    assert reporter_client.get(recover).status_code == 403
    assert "Recover deleted" in editor_client.get(admin_url("changelist")).content.decode()
    assert editor_client.get(recover).status_code == 200
