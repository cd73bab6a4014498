"""The admin wears the site's name, from settings, not "Django administration"."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_shows_the_site_name(client):
    page = client.get(reverse("admin:login")).content.decode()

    assert "Newsroom admin" in page
    assert "<title>Log in | Newsroom admin</title>" in page
    assert "Django" not in page


def test_the_index_shows_the_site_name(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()

    assert '<a href="/admin/">Newsroom admin</a>' in page
    assert "<title>Newsroom | Newsroom admin</title>" in page
    assert "Django administration" not in page
    assert "Site administration" not in page


def test_the_name_follows_the_setting(client, settings):
    settings.NEWSROOM_SITE_NAME = "East End Politics"

    page = client.get(reverse("admin:login")).content.decode()

    assert "East End Politics admin" in page
    assert "Newsroom admin" not in page
