"""Canonical URLs, Open Graph, Twitter cards, feed links and JSON-LD in page heads."""

import json
from datetime import date
from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from PIL import Image
from taggit.models import Tag

from articles.models import Article, Picture
from articles.renditions import rendition_name
from people.models import Constituency, PartyMembership
from tests.factories import (
    london,
    make_article,
    make_constituency,
    make_party,
    make_person,
    make_section,
)
from tests.helpers import link, make_full_story

# Queries a head partial adds to its page: none, it reads only what the page loaded.
HEAD_QUERIES = 0

SERVER = "http://testserver"
HOSTILE = '</script><script>alert("x")</script> & <b>bold</b>'

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The metadata in a piece of HTML: meta tags, links by rel, and JSON-LD objects."""

    def __init__(self, html: str):
        super().__init__()
        self.properties: dict[str, list[str]] = {}
        self.names: dict[str, str] = {}
        self.links: list[dict] = []
        self.json_ld: list[dict] = []
        self.scripts = 0
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "property" in attrs:
            self.properties.setdefault(attrs["property"], []).append(attrs["content"])
        elif tag == "meta" and "name" in attrs:
            self.names[attrs["name"]] = attrs["content"]
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self.scripts += 1
            self._in_json_ld = attrs.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def meta(self, name: str) -> str | None:
        values = self.properties.get(name, [])
        assert len(values) <= 1, f"{name} appears {len(values)} times"
        return values[0] if values else None

    @property
    def canonical(self) -> str:
        [canonical] = [link["href"] for link in self.links if link["rel"] == "canonical"]
        return canonical

    @property
    def feeds(self) -> dict[str, str]:
        return {link["type"]: link["href"] for link in self.links if link["rel"] == "alternate"}


@pytest.fixture
def entities_with_aliases():
    """Entities known by other names too, which the JSON-LD lists as alternate names."""
    borough = make_constituency("Camden", kind=Constituency.Kind.LOCAL_AUTHORITY)
    labour = make_party("Labour Party", slug="labour", short_name="Labour", aliases=["Labour"])
    person = make_person("Ali Hassan Ali", aliases=["Hassan Ali"])
    PartyMembership.objects.create(person=person, party=labour, start=date(2022, 1, 1))
    return {
        "person": person,
        "party": labour,
        "constituency": make_constituency(
            "West Hampstead", kind=Constituency.Kind.WARD, parent=borough
        ),
    }


def for_page(article: Article) -> Article:
    """The article as its page loads it."""
    return Article.objects.published().for_detail().get(pk=article.pk)


def jpeg(width: int, height: int) -> SimpleUploadedFile:
    data = BytesIO()
    Image.new("RGB", (width, height), "navy").save(data, "JPEG")
    return SimpleUploadedFile("lead.jpg", data.getvalue(), content_type="image/jpeg")


def article_head(article: Article, rf, path: str | None = None) -> Head:
    request = rf.get(path or article.get_absolute_url())
    return Head(
        render_to_string("seo/_article_head.html", {"article": article, "request": request})
    )


def test_an_article_head_has_canonical_open_graph_and_twitter_tags(
    rf, settings, entities_with_aliases
):
    settings.NEWSROOM_SITE_NAME = "East End Politics"
    article = for_page(
        make_full_story(
            *entities_with_aliases.values(),
            title="Tory quits candidate role",
            standfirst="Claim and counter claim.",
            published_at=london(2022, 3, 25),
        )
    )

    head = article_head(article, rf, f"{article.get_absolute_url()}?utm_source=x&page=2")

    url = f"{SERVER}{article.get_absolute_url()}"
    assert head.canonical == url
    assert head.meta("og:type") == "article"
    assert head.meta("og:title") == "Tory quits candidate role"
    assert head.meta("og:description") == "Claim and counter claim."
    assert head.meta("og:url") == url
    assert head.meta("og:site_name") == "East End Politics"
    assert head.meta("article:published_time") == "2022-03-25T09:00:00+00:00"
    assert head.meta("article:modified_time") == "2022-03-25T09:00:00+00:00"
    assert head.meta("article:section") == "News"
    assert head.properties["article:tag"] == ["council", "election"]
    assert head.names["description"] == "Claim and counter claim."
    assert head.names["twitter:card"] == "summary"
    assert head.names["twitter:title"] == "Tory quits candidate role"


def test_an_article_without_a_picture_file_has_no_image_anywhere(rf, entities_with_aliases):
    # make_full_story's featured picture has a caption and credit but no file.
    head = article_head(for_page(make_full_story(*entities_with_aliases.values())), rf)

    assert head.meta("og:image") is None
    assert "twitter:image" not in head.names
    assert head.names["twitter:card"] == "summary"
    assert "image" not in head.json_ld[0]


def test_an_article_with_a_picture_shares_its_jpeg_rendition(rf):
    article = make_article()
    picture = Picture.objects.create(
        article=article, position=1, is_featured=True, file=jpeg(1600, 900), alt_text="A rally"
    )
    Picture.objects.filter(pk=picture.pk).update(renditions_ready=True)

    head = article_head(for_page(article), rf)

    image = f"{SERVER}/media/{rendition_name(picture.file.name, 1280, 'jpg')}"
    assert head.meta("og:image") == image
    assert head.meta("og:image:width") == "1280"
    assert head.meta("og:image:height") == "720"
    assert head.meta("og:image:alt") == "A rally"
    assert head.names["twitter:card"] == "summary_large_image"
    assert head.names["twitter:image"] == image
    assert head.json_ld[0]["image"] == [image]


def test_an_article_has_news_article_json_ld(rf, settings, entities_with_aliases):
    settings.NEWSROOM_SITE_NAME = "East End Politics"
    article = make_full_story(
        *entities_with_aliases.values(),
        title="Tory quits candidate role",
        standfirst="Claim and counter claim.",
        byline="Isabelle Stanley",
        published_at=london(2024, 5, 1),
    )
    Article.objects.filter(pk=article.pk).update(
        created_at=london(2024, 4, 30), updated_at=london(2024, 5, 2, 12)
    )

    [data] = article_head(for_page(article), rf).json_ld

    url = f"{SERVER}{article.get_absolute_url()}"
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Tory quits candidate role",
        "description": "Claim and counter claim.",
        "datePublished": "2024-05-01T09:00:00+01:00",
        "dateModified": "2024-05-02T12:00:00+01:00",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "articleSection": "News",
        "author": [
            {
                "@type": "Person",
                "name": "Isabelle Stanley",
                "url": f"{SERVER}/authors/isabelle-stanley/",
            }
        ],
        "publisher": {"@type": "Organization", "name": "East End Politics"},
        "keywords": ["council", "election"],
        "mentions": [
            {
                "@type": "Person",
                "name": "Ali Hassan Ali",
                "url": f"{SERVER}/people/ali-hassan-ali/",
            },
            {"@type": "Organization", "name": "Labour Party", "url": f"{SERVER}/parties/labour/"},
            {
                "@type": "AdministrativeArea",
                "name": "West Hampstead",
                "url": f"{SERVER}/constituencies/west-hampstead/",
            },
        ],
    }


def test_an_article_without_a_byline_names_no_author(rf):
    [data] = article_head(for_page(make_article(byline="")), rf).json_ld

    assert "author" not in data


def test_a_hostile_headline_cannot_break_out_of_the_json_ld_or_the_tags(rf):
    article = for_page(make_article(title=HOSTILE, standfirst=HOSTILE, byline=HOSTILE))

    html = render_to_string("seo/_article_head.html", {"article": article, "request": rf.get("/")})

    head = Head(html)
    assert head.scripts == 1
    assert "<b>" not in html
    assert html.count("</script>") == 1
    assert head.json_ld[0]["headline"] == HOSTILE
    assert head.json_ld[0]["author"] == [{"@type": "Person", "name": HOSTILE}]
    assert head.meta("og:title") == HOSTILE


def test_the_article_head_costs_no_queries_beyond_the_page_prefetch(
    rf, entities_with_aliases, django_assert_num_queries
):
    article = make_full_story(*entities_with_aliases.values(), tags=[f"tag {n}" for n in range(5)])
    Picture.objects.create(article=article, position=2, file=jpeg(100, 50))
    link(article, *(make_person(f"Person {n}") for n in range(5)))
    article = for_page(article)

    with django_assert_num_queries(HEAD_QUERIES):
        article_head(article, rf)


def entity_head(entity, rf, path: str | None = None) -> Head:
    """The head of an entity page, with the entity loaded as its page loads it."""
    entity = type(entity).objects.for_page().get(pk=entity.pk)
    request = rf.get(path or entity.get_absolute_url())
    return Head(render_to_string("seo/_entity_head.html", {"entity": entity, "request": request}))


def test_a_person_head_is_a_profile_with_person_json_ld(rf, entities_with_aliases):
    head = entity_head(entities_with_aliases["person"], rf)

    url = f"{SERVER}/people/ali-hassan-ali/"
    assert head.canonical == url
    assert head.meta("og:type") == "profile"
    assert head.meta("og:title") == "Ali Hassan Ali"
    assert head.meta("og:url") == url
    assert head.names["twitter:card"] == "summary"
    assert head.json_ld == [
        {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": "Ali Hassan Ali",
            "url": url,
            "alternateName": ["Hassan Ali"],
            "affiliation": {
                "@type": "Organization",
                "name": "Labour Party",
                "url": f"{SERVER}/parties/labour/",
            },
        }
    ]


def test_a_person_whose_party_spell_has_ended_has_no_affiliation(rf):
    person = make_person("Former Member")
    PartyMembership.objects.create(
        person=person, party=make_party("Old Party"), start=date(2010, 1, 1), end=date(2015, 1, 1)
    )

    [data] = entity_head(person, rf).json_ld

    assert "affiliation" not in data
    assert "alternateName" not in data


def test_a_party_head_is_an_organization(rf, entities_with_aliases):
    head = entity_head(entities_with_aliases["party"], rf)

    assert head.meta("og:type") == "website"
    assert head.json_ld == [
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": "Labour Party",
            "url": f"{SERVER}/parties/labour/",
            "alternateName": ["Labour"],
        }
    ]


def test_a_constituency_head_is_an_administrative_area_within_its_parent(rf, entities_with_aliases):
    [data] = entity_head(entities_with_aliases["constituency"], rf).json_ld

    assert data == {
        "@context": "https://schema.org",
        "@type": "AdministrativeArea",
        "name": "West Hampstead",
        "url": f"{SERVER}/constituencies/west-hampstead/",
        "containedInPlace": {
            "@type": "AdministrativeArea",
            "name": "Camden",
            "url": f"{SERVER}/constituencies/camden/",
        },
    }


@pytest.mark.parametrize("kind", ["person", "party", "constituency"])
def test_entity_heads_link_their_own_feeds(rf, entities_with_aliases, kind):
    entity = entities_with_aliases[kind]

    head = entity_head(entity, rf)

    assert head.feeds == {
        "application/rss+xml": SERVER + reverse(f"feeds:{kind}_rss", args=[entity.slug]),
        "application/atom+xml": SERVER + reverse(f"feeds:{kind}_atom", args=[entity.slug]),
    }


@pytest.mark.parametrize("kind", ["person", "party", "constituency"])
def test_entity_heads_cost_no_queries_beyond_the_page_load(
    rf, entities_with_aliases, django_assert_num_queries, kind
):
    entity = (
        type(entities_with_aliases[kind]).objects.for_page().get(pk=entities_with_aliases[kind].pk)
    )
    context = {"entity": entity, "request": rf.get(entity.get_absolute_url())}

    with django_assert_num_queries(HEAD_QUERIES):
        render_to_string("seo/_entity_head.html", context)


def listing_head(rf, path: str, **context) -> Head:
    context["request"] = rf.get(path)
    return Head(render_to_string("seo/_listing_head.html", context))


def test_the_front_page_head_links_the_site_feeds_and_describes_the_website(rf, settings):
    settings.NEWSROOM_SITE_NAME = "East End Politics"

    head = listing_head(rf, "/")

    assert head.canonical == f"{SERVER}/"
    assert head.meta("og:type") == "website"
    assert head.meta("og:title") == "East End Politics"
    assert head.feeds == {
        "application/rss+xml": f"{SERVER}/feeds/rss/",
        "application/atom+xml": f"{SERVER}/feeds/atom/",
    }
    [data] = head.json_ld
    assert data["@type"] == "WebSite"
    assert data["url"] == f"{SERVER}/"
    assert data["potentialAction"]["target"] == f"{SERVER}/search/?q={{search_term_string}}"


def test_a_section_head_links_the_section_feeds(rf):
    section = make_section("Council")

    head = listing_head(rf, "/section/council/", section=section)

    assert head.canonical == f"{SERVER}/section/council/"
    assert head.meta("og:title") == "Council"
    assert head.feeds == {
        "application/rss+xml": f"{SERVER}/feeds/section/council/rss/",
        "application/atom+xml": f"{SERVER}/feeds/section/council/atom/",
    }
    assert head.json_ld == []


def test_a_tag_head_links_the_tag_feeds(rf):
    make_article(tags=["Café"])
    tag = Tag.objects.get(name="Café")
    path = reverse("articles:tag", args=[tag.slug])

    head = listing_head(rf, path, tag=tag)

    assert head.canonical == f"{SERVER}{path}"
    assert head.feeds == {
        "application/rss+xml": SERVER + reverse("feeds:tag_rss", args=[tag.slug]),
        "application/atom+xml": SERVER + reverse("feeds:tag_atom", args=[tag.slug]),
    }


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("?page=3&utm_source=x", "/section/council/?page=3"),
        ("?page=1", "/section/council/"),
        ("?page=abc", "/section/council/"),
        ("?utm_source=x", "/section/council/"),
    ],
)
def test_canonical_urls_keep_only_a_page_beyond_the_first(rf, query, canonical):
    head = listing_head(rf, f"/section/council/{query}", section=make_section("Council"))

    assert head.canonical == SERVER + canonical
    assert head.meta("og:url") == SERVER + canonical


def test_the_canonical_page_is_the_one_the_paginator_shows(rf):
    # The paginator's number, not the parameter as written (views move ?page=02 on).
    class Page:
        number = 2

    head = listing_head(rf, "/?page=02", page=Page())

    assert head.canonical == f"{SERVER}/?page=2"
    assert head.json_ld == []


def test_an_archive_head_is_canonical_to_its_own_path_and_links_the_site_feeds(rf):
    head = listing_head(rf, "/2024/05/")

    assert head.canonical == f"{SERVER}/2024/05/"
    assert head.feeds["application/rss+xml"] == f"{SERVER}/feeds/rss/"
    assert head.json_ld == []


def test_listing_heads_cost_no_queries(rf, django_assert_num_queries):
    section = make_section("Council")
    make_article(tags=["council"])
    tag = Tag.objects.get()

    with django_assert_num_queries(HEAD_QUERIES):
        listing_head(rf, "/")
        listing_head(rf, "/section/council/", section=section)
        listing_head(rf, "/tag/council/", tag=tag)


# Through the real pages, as readers and crawlers get them.


def page_heads(client, entities_with_aliases) -> dict[str, Head]:
    article = make_full_story(*entities_with_aliases.values(), tags=["council"])
    paths = {
        "front page": "/",
        "section": "/section/news/",
        "tag": reverse("articles:tag", args=["council"]),
        "person": entities_with_aliases["person"].get_absolute_url(),
        "party": entities_with_aliases["party"].get_absolute_url(),
        "constituency": entities_with_aliases["constituency"].get_absolute_url(),
        "article": article.get_absolute_url(),
    }
    heads = {}
    for page, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, page
        heads[page] = Head(response.content.decode())
    return heads


def test_every_page_has_an_absolute_canonical_url_and_open_graph(client, entities_with_aliases):
    for page, head in page_heads(client, entities_with_aliases).items():
        assert head.canonical.startswith(f"{SERVER}/"), page
        assert head.meta("og:url") == head.canonical, page
        assert head.meta("og:title"), page


def test_listing_and_entity_pages_link_feeds_that_list_their_stories(client, entities_with_aliases):
    heads = page_heads(client, entities_with_aliases)

    for page, head in heads.items():
        if page == "article":
            continue
        assert set(head.feeds) == {"application/rss+xml", "application/atom+xml"}, page
        for url in head.feeds.values():
            response = client.get(url.removeprefix(SERVER))
            assert response.status_code == 200, url
            assert b"Story number" in response.content, url


def test_the_article_page_carries_news_article_json_ld(client, entities_with_aliases):
    head = page_heads(client, entities_with_aliases)["article"]

    assert [data["@type"] for data in head.json_ld] == ["NewsArticle"]


def test_the_person_page_json_ld_names_their_party(client, entities_with_aliases):
    head = page_heads(client, entities_with_aliases)["person"]

    assert head.json_ld[0]["affiliation"]["name"] == "Labour Party"
