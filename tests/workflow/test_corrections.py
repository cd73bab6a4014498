"""Corrections and updates in the admin: editors add them; the story counts as modified."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ArticleNote
from tests.factories import make_article
from tests.helpers import add_inline_row, admin_form_data, inline_formset
from tests.workflow.helpers import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_out_yesterday():
    article = make_article(published_at=timezone.now() - timedelta(days=1))
    # As if filed, and last saved, when it went out.
    Article.objects.filter(pk=article.pk).update(
        created_at=article.published_at, updated_at=article.published_at
    )
    return Article.objects.get(pk=article.pk)


def test_an_editor_adds_a_correction_in_the_admin_and_date_modified_moves(
    editor_client, story_out_yesterday
):
    article = story_out_yesterday
    assert article.revised_at is None
    page = editor_client.get(admin_url("change", article.pk))
    data = admin_form_data(page)
    add_inline_row(
        data, inline_formset(page, ArticleNote), kind="correction", text="We misnamed the ward."
    )

    response = editor_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    note = article.notes.get()
    assert note.text == "We misnamed the ward."
    assert timezone.now() - note.created_at < timedelta(minutes=1)
    assert article.revised_at == article.updated_at
    assert timezone.now() - article.revised_at < timedelta(minutes=1)


def test_a_reporter_sees_the_corrections_but_cannot_add_one(reporter_client, story_out_yesterday):
    article = story_out_yesterday
    ArticleNote.objects.create(article=article, text="An earlier correction.")
    page = reporter_client.get(admin_url("change", article.pk))
    assert "An earlier correction." in page.content.decode()
    data = admin_form_data(page)
    data.update({"notes-TOTAL_FORMS": "2", "notes-0-text": "Edited", "notes-1-text": "Crafted"})

    response = reporter_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 302, response.context["errors"]
    assert list(article.notes.values_list("text", flat=True)) == ["An earlier correction."]
