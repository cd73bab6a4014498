"""Listings count no further than their last numbered page, and send readers on by date."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles.models import Article
from reader import pagination
from tests.factories import london, make_article

pytestmark = pytest.mark.django_db

PAGES = 2


@pytest.fixture
def few_pages(monkeypatch):
    monkeypatch.setattr(pagination, "MAX_PAGES", PAGES)
    return PAGES * pagination.PAGE_SIZE


def make_stories(count: int) -> list[Article]:
    """`count` stories in the elections tag, a day apart, the newest on 1 May 2024."""
    return [
        make_article(tags=["elections"], published_at=london(2024, 5, 1) - timedelta(days=n))
        for n in range(count)
    ]


def test_a_listing_longer_than_its_pages_stops_counting_and_links_on_to_the_archive(
    client, few_pages
):
    make_stories(few_pages + 5)
    url = reverse("articles:tag", args=["elections"])

    last = client.get(url, {"page": PAGES})
    beyond = client.get(url, {"page": PAGES + 3})

    assert last.context["page"].paginator.num_pages == PAGES
    oldest_shown = london(2024, 5, 1) - timedelta(days=few_pages - 1)
    archive = f"/{oldest_shown.year}/{oldest_shown.month:02d}/"
    assert last.context["page"].older_url == archive
    assert f'href="{archive}"' in last.content.decode()
    assert "Older stories in the archive" in last.content.decode()
    assert beyond.status_code == 404  # past the last counted page, as past any last page
    first = client.get(url)
    assert first.context["page"].older_url == ""


def test_a_listing_that_fits_its_pages_counts_every_story_and_needs_no_archive_link(
    client, few_pages
):
    make_stories(few_pages)

    page = client.get(reverse("articles:tag", args=["elections"]), {"page": PAGES}).context["page"]

    assert page.paginator.count == few_pages
    assert page.older_url == ""
