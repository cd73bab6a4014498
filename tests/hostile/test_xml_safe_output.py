"""One control character in a headline can no longer break every feed and sitemap.

XML 1.0 forbids most C0 controls and U+FFFE/U+FFFF. Text is cleaned on the way in (a
`pre_save` receiver on every model of articles and people, and tags) and on the way out
(feeds and sitemaps), so a row stored before the rule, or written by a queryset update,
cannot break them either. The stories here are written with `.update()`, as old rows.
"""

from datetime import timedelta
from xml.dom import minidom
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Picture, Section
from people.models import Constituency, Party, PartyMembership, Person
from reader.sitemaps import SITEMAPS
from tests.factories import make_article, make_constituency, make_party, make_person
from tests.helpers import make_full_story

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
KINDS = ["site", "section", "tag", "person", "party", "constituency"]
FEEDS = [(kind, format_) for kind in KINDS for format_ in ("rss", "atom")]


def forbidden() -> str:
    """Characters XML 1.0 forbids; PostgreSQL cannot store NUL at all, so not there."""
    characters = "\x0b\x00\x1f\ufffe\uffff\x08"
    return characters.replace("\x00", "") if connection.vendor == "postgresql" else characters


def dirty(text: str) -> str:
    """`text` with forbidden characters where its first space was."""
    return text.replace(" ", forbidden(), 1)


@pytest.fixture
def old_rows():
    """A story written an hour ago, everything in it dirtied behind the models' backs."""
    entities = {
        "person": make_person("Ali Hassan Ali"),
        "party": make_party("Labour Party", slug="labour"),
        "constituency": make_constituency("West Hampstead", kind="ward"),
    }
    article = make_full_story(
        *entities.values(), tags=["council"], published_at=timezone.now() - timedelta(hours=1)
    )
    Article.objects.filter(pk=article.pk).update(
        title=dirty("Budget vote"),
        standfirst=dirty("The council met."),
        body=dirty("A long night."),
        byline=dirty("Jo Bloggs"),
    )
    Picture.objects.filter(article=article).update(caption=dirty("At the count"))
    Tag.objects.filter(name="council").update(name=dirty("council tax"))
    Section.objects.filter(pk=article.section_id).update(name=dirty("Local news"))
    for entity in entities.values():
        type(entity).objects.filter(pk=entity.pk).update(name=dirty(entity.name))
    return {"article": article, **entities}


def feed_url(kind: str, format_: str, rows: dict) -> str:
    args = {"site": [], "section": ["news"], "tag": ["council"]}
    slug = args[kind] if kind in args else [rows[kind].slug]
    return reverse(f"feeds:{kind}_{format_}", args=slug)


@pytest.mark.parametrize(("kind", "format_"), FEEDS, ids=[f"{k} {f}" for k, f in FEEDS])
def test_every_feed_is_well_formed_whatever_the_stored_text(client, old_rows, kind, format_):
    response = client.get(feed_url(kind, format_, old_rows))

    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    minidom.parseString(response.content)
    if format_ == "rss":
        item = root.find("channel/item")
        title, categories = item.findtext("title"), [c.text for c in item.iter("category")]
        author = item.findtext("{http://purl.org/dc/elements/1.1/}creator")
    else:
        item = root.find(f"{ATOM}entry")
        title = item.findtext(f"{ATOM}title")
        categories = [c.get("term") for c in item.iter(f"{ATOM}category")]
        author = item.findtext(f"{ATOM}author/{ATOM}name")
    assert title == "Budget vote"
    assert categories == ["council tax"]
    assert author == "Jo Bloggs"


@pytest.mark.parametrize(
    "section", ["index", "news", "articles", *SITEMAPS], ids=lambda section: section
)
def test_every_sitemap_is_well_formed_whatever_the_stored_text(client, old_rows, section):
    if section == "index":
        url = reverse("sitemaps:index")
    elif section == "news":
        url = reverse("sitemaps:news")
    elif section == "articles":
        published = timezone.localtime(old_rows["article"].published_at)
        url = reverse("sitemaps:articles", args=[published.year, published.month])
    else:
        url = reverse("sitemaps:section", kwargs={"section": section})

    response = client.get(url)

    assert response.status_code == 200
    ElementTree.fromstring(response.content)
    minidom.parseString(response.content)


def test_the_news_sitemap_shows_the_headline_cleaned(client, old_rows):
    response = client.get(reverse("sitemaps:news"))

    titles = [node.text for node in ElementTree.fromstring(response.content).iter()]
    assert "Budget vote" in titles


def test_the_story_and_entity_pages_still_show(client, old_rows):
    for address in [old_rows[name].get_absolute_url() for name in old_rows]:
        assert client.get(address).status_code == 200


# On the way in: saving through a model cleans every text field.

DIRTY = "a\x0bb\x00c\x1fd\ufffee\uffff"
CLEAN = "a bcde"


def test_saving_a_story_cleans_every_text_field():
    article = make_article(title=DIRTY, standfirst=DIRTY, body=DIRTY, byline=DIRTY)
    Picture.objects.create(article=article, caption=DIRTY, credit=DIRTY, alt_text=DIRTY)
    article.notes.create(text=DIRTY)

    stored = Article.objects.get(pk=article.pk)
    assert [stored.title, stored.standfirst, stored.body, stored.byline] == [CLEAN] * 4
    picture = stored.pictures.get()
    assert [picture.caption, picture.credit, picture.alt_text] == [CLEAN] * 3
    assert stored.notes.get().text == CLEAN


def test_saving_people_parties_places_and_tags_cleans_their_names_and_aliases():
    person = make_person(DIRTY, slug="a", surname=DIRTY)
    party = make_party(DIRTY, slug="b", short_name=DIRTY, aliases=[DIRTY, "Labour"])
    place = make_constituency(DIRTY, slug="c")
    PartyMembership.objects.create(person=person, party=party, role=DIRTY, source=DIRTY)
    tag = Tag.objects.create(name=DIRTY)

    assert Person.objects.get().name == Person.objects.get().surname == CLEAN
    assert Party.objects.get().name == Party.objects.get().short_name == CLEAN
    assert Party.objects.get().aliases == [CLEAN, "Labour"]
    assert Constituency.objects.get(pk=place.pk).name == CLEAN
    assert PartyMembership.objects.values_list("role", "source").get() == (CLEAN, CLEAN)
    assert Tag.objects.get(pk=tag.pk).name == CLEAN


def test_tabs_and_line_breaks_are_kept():
    article = make_article(body="Line one\n\tindented\r\nline two")

    assert Article.objects.get(pk=article.pk).body == "Line one\n\tindented\r\nline two"
