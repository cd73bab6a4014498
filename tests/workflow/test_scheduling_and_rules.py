"""Scheduling, unpublishing, the embargo and alt text, through the admin an editor uses."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Picture
from tests.factories import DraftArticleFactory, make_article
from tests.helpers import add_inline_row, admin_form_data, inline_formset
from tests.workflow.helpers import admin_url, bulk_action, messages_of, picture_upload

pytestmark = pytest.mark.django_db

Status = Article.Status


def local_fields(name: str, moment) -> dict[str, str]:
    local = timezone.localtime(moment)
    return {f"{name}_0": f"{local:%d/%m/%Y}", f"{name}_1": f"{local:%H:%M:%S}"}


def test_an_editor_schedules_a_story_and_readers_see_nothing_until_then(editor_client, client):
    article = DraftArticleFactory(status=Status.REVIEW)
    at = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    page = editor_client.get(admin_url("change", article.pk))
    data = admin_form_data(page)
    data.update(status=Status.PUBLISHED, **local_fields("published_at", at))

    response = editor_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.PUBLISHED, at)
    published = Article.objects.published
    assert not published(now=at - timedelta(seconds=1)).filter(pk=article.pk).exists()
    assert published(now=at).filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_the_list_shows_a_scheduled_story_as_scheduled(editor_client):
    make_article(title="Tomorrow's story", published_at=timezone.now() + timedelta(days=1))
    make_article(title="Yesterday's story", published_at=timezone.now() - timedelta(days=1))

    page = editor_client.get(admin_url("changelist"), {"workflow": "all"})

    rows = page.content.decode()
    assert rows.count('<span class="status-label status-scheduled">Scheduled</span>') == 1
    assert rows.count('<span class="status-label status-published">Published</span>') == 1


def test_unpublishing_with_the_bulk_action_takes_the_story_off_the_site(editor_client, client):
    article = make_article()
    assert client.get(article.get_absolute_url()).status_code == 200

    response = bulk_action(editor_client, "unpublish", article)

    assert "Unpublished: 1 story." in messages_of(response)
    assert Article.objects.get(pk=article.pk).status == Status.UNPUBLISHED
    assert client.get(article.get_absolute_url()).status_code == 404


def test_the_form_refuses_to_publish_before_the_embargo(editor_client):
    article = DraftArticleFactory(
        status=Status.REVIEW, embargo_until=timezone.now() + timedelta(hours=1)
    )
    data = admin_form_data(editor_client.get(admin_url("change", article.pk)))
    data["status"] = Status.PUBLISHED

    response = editor_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 200
    assert "it cannot be published or scheduled before then" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.REVIEW


def test_the_bulk_action_refuses_an_embargoed_story_and_publishes_the_rest(editor_client):
    embargoed = DraftArticleFactory(
        status=Status.REVIEW, title="Budget", embargo_until=timezone.now() + timedelta(hours=1)
    )
    ready = DraftArticleFactory(status=Status.REVIEW, title="Council")

    response = bulk_action(editor_client, "publish_now", embargoed, ready)

    assert Article.objects.get(pk=embargoed.pk).status == Status.REVIEW
    assert Article.objects.get(pk=ready.pk).status == Status.PUBLISHED
    said = messages_of(response)
    assert any(m.startswith("“Budget” was not changed: This story is embargoed") for m in said)
    assert "Published: 1 story." in said


@pytest.fixture
def story_with_unlabelled_picture():
    article = DraftArticleFactory(status=Status.REVIEW)
    Picture.objects.create(article=article, position=1, file=picture_upload(), caption="Count")
    return article


def test_the_bulk_action_refuses_a_story_whose_picture_lacks_alt_text(
    editor_client, story_with_unlabelled_picture
):
    article = story_with_unlabelled_picture

    response = bulk_action(editor_client, "publish_now", article)

    assert Article.objects.get(pk=article.pk).status == Status.REVIEW
    assert any("Add alt text to picture 1" in message for message in messages_of(response))


def test_the_form_refuses_to_publish_until_the_picture_has_alt_text(
    editor_client, story_with_unlabelled_picture
):
    article = story_with_unlabelled_picture
    page = editor_client.get(admin_url("change", article.pk))
    data = admin_form_data(page)
    data["status"] = Status.PUBLISHED

    refused = editor_client.post(admin_url("change", article.pk), data)

    assert refused.status_code == 200
    assert "Add alt text to picture 1 before publishing" in refused.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.REVIEW

    pictures = inline_formset(page, Picture)
    data[f"{pictures.prefix}-0-alt_text"] = "Counting agents at the town hall"
    accepted = editor_client.post(admin_url("change", article.pk), data)

    assert accepted.status_code == 302, accepted.context["errors"]
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_a_picture_uploaded_without_alt_text_while_publishing_is_refused(editor_client):
    article = DraftArticleFactory(status=Status.REVIEW)
    page = editor_client.get(admin_url("change", article.pk))
    data = admin_form_data(page)
    data["status"] = Status.PUBLISHED
    pictures = inline_formset(page, Picture)
    add_inline_row(data, pictures, position=1, caption="New")
    data[f"{pictures.prefix}-0-file"] = picture_upload()

    response = editor_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 200
    assert "Add alt text to picture 1" in response.content.decode()
    assert not article.pictures.exists()


def test_a_live_story_with_an_old_unlabelled_picture_can_still_be_corrected(editor_client):
    article = make_article(title="Typo in headlnie")
    Picture.objects.create(article=article, position=1, file=picture_upload())
    data = admin_form_data(editor_client.get(admin_url("change", article.pk)))
    data["title"] = "Typo in headline fixed"

    response = editor_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 302, response.context["errors"]
    assert Article.objects.get(pk=article.pk).title == "Typo in headline fixed"
