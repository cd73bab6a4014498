"""A reader follows a byline from a story to its author's page, in a real Chromium."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article

from .conftest import broken_images, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Seed 000's dateline reads "Friday, 25th March 2022 — By Isabelle Stanley".
STORY = "Tory quits candidate role and joins Labour amid election infighting"


def test_a_reader_clicks_a_byline_and_lands_on_the_authors_page(live_server, page_factory):
    call_command("import_seeds", stdout=StringIO(), stderr=StringIO())
    story = Article.objects.get(title=STORY)
    page = page_factory(1280, 900)
    page.goto(live_server.url + story.get_absolute_url())
    byline = page.locator("header .byline")
    assert byline.inner_text() == "Isabelle Stanley"

    byline.get_by_role("link", name="Isabelle Stanley").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/authors/isabelle-stanley/"
    assert page.locator("h1").inner_text() == "Isabelle Stanley"
    assert page.locator(".story-list").get_by_role("link", name=STORY).is_visible()
    feeds = page.locator("link[rel='alternate'][type='application/atom+xml']")
    assert feeds.get_attribute("href").endswith("/feeds/author/isabelle-stanley/atom/")
    screenshot(page, "author-page")
    assert page.watcher.errors == []
    assert broken_images(page) == []
