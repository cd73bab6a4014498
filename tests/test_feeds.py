"""RSS and Atom feeds: what they list, how they say it, and what they cost in queries."""

from datetime import timedelta
from html import escape
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from reader.feeds import FEED_LENGTH
from tests.factories import (
    london,
    make_article,
    make_section,
)
from tests.helpers import make_full_story

# Queries each feed may run, whatever the number of stories in it:
# the stories with their section, their featured pictures, their authors and their tags...
SITE_FEED_QUERIES = 4
# ...plus the section, tag, person, party or constituency named in the URL.
OBJECT_FEED_QUERIES = 5

ATOM = "{http://www.w3.org/2005/Atom}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
CONTENT_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}
KINDS = ["site", "section", "tag", "person", "party", "constituency"]
FEEDS = [(kind, format_) for kind in KINDS for format_ in CONTENT_TYPES]
FEED_IDS = [f"{kind} {format_}" for kind, format_ in FEEDS]

pytestmark = pytest.mark.django_db


def feed_url(kind: str, format_: str, entities: dict) -> str:
    slugs = {
        "site": [],
        "section": ["news"],
        "tag": ["council"],
        **{kind: [entity.slug] for kind, entity in entities.items()},
    }
    return reverse(f"feeds:{kind}_{format_}", args=slugs[kind])


def story(entities: dict, **fields) -> Article:
    """A story that belongs in every feed: section News, tagged council, linked to everyone."""
    fields.setdefault("tags", ["council", "election"])
    return make_full_story(*entities.values(), **fields)


def read_feed(response) -> list[dict]:
    """The items of an RSS or Atom feed as dicts of the fields readers use."""
    root = ElementTree.fromstring(response.content)
    if root.tag == "rss":
        return [
            {
                "title": item.findtext("title"),
                "link": item.findtext("link"),
                "id": item.findtext("guid"),
                "description": item.findtext("description"),
                "published": item.findtext("pubDate"),
                "author": item.findtext(DC_CREATOR),
                "categories": [category.text for category in item.iter("category")],
            }
            for item in root.iter("item")
        ]
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "id": entry.findtext(f"{ATOM}id"),
            "description": entry.findtext(f"{ATOM}summary"),
            "published": entry.findtext(f"{ATOM}published"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
            "categories": [category.get("term") for category in entry.iter(f"{ATOM}category")],
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


@pytest.mark.parametrize(("kind", "format_"), FEEDS, ids=FEED_IDS)
def test_each_feed_lists_published_stories_newest_first_with_absolute_links(
    client, entities, kind, format_
):
    older = story(
        entities,
        title="Older story",
        standfirst="The older standfirst.",
        byline="Isabelle Stanley",
        published_at=london(2022, 3, 25),
    )
    newer = story(entities, title="Newer story", published_at=london(2024, 5, 1))

    response = client.get(feed_url(kind, format_, entities))

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[format_]
    items = read_feed(response)
    assert [item["title"] for item in items] == ["Newer story", "Older story"]
    assert items[1]["link"] == f"http://testserver{older.get_absolute_url()}"
    assert items[1]["id"] == items[1]["link"]
    assert items[0]["link"] == f"http://testserver{newer.get_absolute_url()}"
    assert items[1]["description"] == "The older standfirst."
    assert items[1]["author"] == "Isabelle Stanley"
    assert items[1]["categories"] == ["council", "election"]


@pytest.mark.parametrize(("kind", "format_"), FEEDS, ids=FEED_IDS)
def test_each_feed_leaves_out_drafts_stories_in_review_and_future_stories(
    client, entities, kind, format_
):
    story(entities, title="Visible story")
    story(entities, title="Draft story", status=Article.Status.DRAFT)
    story(entities, title="Review story", status=Article.Status.REVIEW)
    story(entities, title="Tomorrow story", published_at=timezone.now() + timedelta(days=1))

    response = client.get(feed_url(kind, format_, entities))

    assert [item["title"] for item in read_feed(response)] == ["Visible story"]
    for title in [b"Draft story", b"Review story", b"Tomorrow story"]:
        assert title not in response.content


@pytest.mark.parametrize(("kind", "format_"), FEEDS, ids=FEED_IDS)
def test_each_feed_costs_the_same_queries_for_one_story_as_for_twelve(
    client, entities, django_assert_max_num_queries, kind, format_
):
    queries = SITE_FEED_QUERIES if kind == "site" else OBJECT_FEED_QUERIES
    url = feed_url(kind, format_, entities)
    story(entities)
    with django_assert_max_num_queries(queries):
        assert len(read_feed(client.get(url))) == 1

    for _ in range(11):
        story(entities, tags=[f"tag {n}" for n in range(5)] + ["council"])
    with django_assert_max_num_queries(queries):
        assert len(read_feed(client.get(url))) == 12


def test_a_feed_holds_the_newest_thirty_stories(client):
    start = london(2024, 1, 1)
    stories = [make_article(published_at=start + timedelta(hours=n)) for n in range(31)]

    items = read_feed(client.get(reverse("feeds:site_rss")))

    assert FEED_LENGTH == 30
    assert len(items) == FEED_LENGTH
    assert items[0]["title"] == stories[-1].title
    assert stories[0].title not in [item["title"] for item in items]


@pytest.mark.parametrize("kind", ["section", "tag", "person", "party", "constituency"])
def test_an_object_feed_lists_only_the_stories_about_it(client, entities, kind):
    story(entities, title="Story about them")
    make_article(
        title="Unrelated story",
        section=make_section("Sport"),
        tags=["football"],
    )

    response = client.get(feed_url(kind, "rss", entities))

    assert [item["title"] for item in read_feed(response)] == ["Story about them"]


def test_the_site_feed_describes_the_site(client, settings):
    settings.NEWSROOM_SITE_NAME = "East End Politics"

    root = ElementTree.fromstring(client.get(reverse("feeds:site_rss")).content)

    channel = root.find("channel")
    assert channel.findtext("title") == "East End Politics"
    assert channel.findtext("link") == "http://testserver/"
    assert channel.findtext("description") == "The latest stories from East End Politics."


def test_an_entity_feed_is_titled_and_linked_to_its_page(client, entities):
    root = ElementTree.fromstring(client.get(feed_url("party", "atom", entities)).content)

    assert root.findtext(f"{ATOM}title") == "Newsroom: Labour Party"
    links = {link.get("rel"): link.get("href") for link in root.iter(f"{ATOM}link")}
    assert links["alternate"] == "http://testserver/parties/labour/"
    assert links["self"] == "http://testserver/feeds/party/labour/atom/"


def test_atom_entries_carry_published_and_revised_times(client):
    article = make_article(published_at=london(2024, 5, 1))
    Article.objects.filter(pk=article.pk).update(
        created_at=london(2024, 4, 30), updated_at=london(2024, 5, 2, 12)
    )

    [entry] = read_feed(client.get(reverse("feeds:site_atom")))

    assert entry["published"] == "2024-05-01T08:00:00+00:00"
    assert entry["updated"] == "2024-05-02T11:00:00+00:00"


def test_an_unrevised_story_is_updated_when_it_was_published_not_when_imported(client):
    make_article(published_at=london(2022, 3, 25))

    [entry] = read_feed(client.get(reverse("feeds:site_atom")))

    assert entry["updated"] == entry["published"] == "2022-03-25T09:00:00+00:00"


def test_a_tag_used_only_on_unpublished_stories_has_no_feed(client):
    make_article(title="Scoop", status=Article.Status.DRAFT, tags=["secret-scoop"])

    response = client.get(reverse("feeds:tag_rss", args=["secret-scoop"]))

    assert response.status_code == 404
    assert b"secret" not in response.content


def test_a_feed_for_a_unicode_tag_is_served(client):
    make_article(title="Coffee story", tags=["Café"])
    slug = Article.objects.get(title="Coffee story").tags.get().slug
    assert slug == "café"

    response = client.get(reverse("feeds:tag_atom", args=[slug]))

    assert [item["title"] for item in read_feed(response)] == ["Coffee story"]


def test_a_story_without_a_byline_has_no_author_of_its_own(client):
    make_article(byline="")

    [item] = read_feed(client.get(reverse("feeds:site_rss")))

    assert item["author"] is None


@pytest.mark.parametrize("format_", CONTENT_TYPES)
def test_hostile_titles_and_standfirsts_are_escaped_in_the_xml(client, format_):
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    make_article(title=hostile, standfirst=hostile, byline=hostile)

    response = client.get(reverse(f"feeds:site_{format_}"))

    assert b"<script" not in response.content
    assert b"<b>" not in response.content
    [item] = read_feed(response)
    # Titles are plain text; descriptions and summaries are read as HTML, so the markup
    # characters in them are escaped: a reader shows the tags as text, never runs them.
    assert item["title"] == hostile
    assert item["description"] == escape(hostile, quote=False)
    assert item["author"] == hostile


@pytest.mark.parametrize("kind", ["section", "tag", "person", "party", "constituency"])
def test_a_feed_for_something_unknown_is_not_found(client, kind):
    assert client.get(reverse(f"feeds:{kind}_rss", args=["nothing"])).status_code == 404
