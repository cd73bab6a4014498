"""Each word means one thing to editors: a share link has a label, a story a review note."""

import pytest
from django.urls import reverse

from articles.models import Article, PreviewLink
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_share_links_are_called_share_links_and_have_labels(admin_client):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    PreviewLink.objects.create(article=article, note="Legal read")

    html = admin_client.get(reverse("admin:articles_previewlink_changelist")).content.decode()

    assert "Select share link to change" in html
    assert ">Label<" in html
    assert ">Note<" not in html


def test_the_words_for_notes_are_distinct():
    labels = {
        "correction": Article.notes.rel.related_model._meta.verbose_name,
        "share link label": PreviewLink._meta.get_field("note").verbose_name,
        "review": Article._meta.get_field("review_note").verbose_name,
    }

    assert labels == {
        "correction": "correction or update",
        "share link label": "label",
        "review": "review note",
    }
