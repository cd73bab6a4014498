"""The live markdown preview beside the body: the one renderer, sanitised, for staff only."""

import pytest
from django.urls import reverse

from articles.models import Picture
from tests.factories import make_article
from tests.workflow.helpers import admin_url, logged_in

pytestmark = pytest.mark.django_db

PREVIEW_URL = "admin:articles_article_body_preview"


def preview(client, body: str, **extra):
    return client.post(reverse(PREVIEW_URL), {"body": body, **extra})


def test_the_preview_is_the_markdown_rendered_and_sanitised(reporter_client):
    response = preview(
        reporter_client,
        "## Result\n\n**Labour** hold the seat. <script>alert(1)</script>"
        '<a href="javascript:alert(1)">x</a> <img src=x onerror=alert(1)>',
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Result</h2>" in html
    assert "<strong>Labour</strong> hold the seat." in html
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html


def test_the_preview_places_the_stories_pictures(editor_client):
    article = make_article()
    Picture.objects.create(article=article, position=1, caption="At the count", credit="PA")

    response = preview(editor_client, "Before\n\n[[picture:1]]\n\nAfter", article=article.pk)

    assert "<figcaption>At the count" in response.content.decode()


def test_the_preview_refuses_get(editor_client):
    assert editor_client.get(reverse(PREVIEW_URL), {"body": "x"}).status_code == 405


def test_the_preview_sends_anonymous_visitors_to_log_in(client):
    response = preview(client, "**secret draft**")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert b"secret draft" not in response.content


def test_the_preview_refuses_staff_who_cannot_change_articles(django_user_model):
    staff = django_user_model.objects.create_user("nobody", password="x", is_staff=True)

    assert preview(logged_in(staff), "text").status_code == 403


def test_the_preview_needs_the_csrf_token(reporter):
    client = logged_in(reporter, enforce_csrf_checks=True)

    assert preview(client, "text").status_code == 403


def test_the_change_form_wires_the_body_to_the_preview(editor_client):
    article = make_article()

    page = editor_client.get(admin_url("change", article.pk)).content.decode()

    assert f'data-preview-url="{reverse(PREVIEW_URL)}"' in page
    assert f'data-article="{article.pk}"' in page
    assert "articles/admin/body_preview.js" in page
