"""Every page a reader lands on says where its feeds are: story pages name the site's
RSS and Atom feeds in `<link rel="alternate">`, as the listings do."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import make_article

pytestmark = pytest.mark.django_db

SERVER = "http://testserver"
SITE_FEEDS = {
    "application/rss+xml": f"{SERVER}/feeds/rss/",
    "application/atom+xml": f"{SERVER}/feeds/atom/",
}


class FeedLinks(HTMLParser):
    """The `<link rel="alternate">` elements in a page's head, by type."""

    def __init__(self, html: str):
        super().__init__()
        self.feeds: dict[str, dict] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate":
            self.feeds[attrs["type"]] = attrs


def test_a_story_page_links_the_site_feeds(client, settings):
    settings.NEWSROOM_SITE_NAME = "East End Politics"
    article = make_article(title="Budget vote")

    feeds = FeedLinks(client.get(article.get_absolute_url()).content.decode()).feeds

    assert {kind: link["href"] for kind, link in feeds.items()} == SITE_FEEDS
    assert feeds["application/rss+xml"]["title"] == "East End Politics (RSS)"
    assert feeds["application/atom+xml"]["title"] == "East End Politics (Atom)"


def test_the_front_page_links_the_same_feeds(client):
    make_article()

    feeds = FeedLinks(client.get(reverse("articles:front_page")).content.decode()).feeds

    assert {kind: link["href"] for kind, link in feeds.items()} == SITE_FEEDS


def test_the_feeds_a_story_page_links_answer(client):
    article = make_article(title="Budget vote")

    feeds = FeedLinks(client.get(article.get_absolute_url()).content.decode()).feeds

    for link in feeds.values():
        url = link["href"]
        response = client.get(url.removeprefix(SERVER))
        assert response.status_code == 200
        assert "Budget vote" in response.content.decode()
