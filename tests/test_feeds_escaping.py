"""Feeds carry each text escaped once: a reader shows the headline, not "&#x27;".

Titles are plain text that the feed generator escapes for XML; RSS descriptions and Atom
summaries are read as HTML, so their text has "<", ">" and "&" escaped and nothing else:
quotes and apostrophes reach the reader as they are. Every kind of feed (site, section,
tag, person, party, place) and both formats.
"""

from html import escape
from xml.dom import minidom
from xml.etree import ElementTree

import pytest
from django.db import connection

from articles.models import Article
from tests.test_feeds import FEED_IDS, FEEDS, feed_url, read_feed, story

pytestmark = pytest.mark.django_db

HEADLINE = "Starmer: 'a Labour government is our greatest hope' & \"change\" <now>"
STANDFIRST = "Labour's leader says it's time for \"change\" & a <fresh> start."


def controls() -> str:
    """Characters XML 1.0 forbids; PostgreSQL cannot store NUL at all, so not there."""
    characters = "\x00\x0b\x1f\ufffe"
    return characters.replace("\x00", "") if connection.vendor == "postgresql" else characters


@pytest.mark.parametrize(("kind", "format_"), FEEDS, ids=FEED_IDS)
def test_a_headline_with_quotes_and_ampersands_reads_as_written(client, entities, kind, format_):
    story(entities, title=HEADLINE, standfirst=STANDFIRST)

    response = client.get(feed_url(kind, format_, entities))

    [item] = read_feed(response)
    assert item["title"] == HEADLINE
    if format_ == "rss":
        assert b"&amp;#x27;" not in response.content
    # Read as HTML: markup characters escaped once, quotes as written.
    assert item["description"] == escape(STANDFIRST, quote=False)
    assert "Labour's" in item["description"] and "&#x27;" not in item["description"]


@pytest.mark.parametrize(("kind", "format_"), FEEDS, ids=FEED_IDS)
def test_a_hostile_headline_is_valid_xml_and_reads_as_cleaned_plain_text(
    client, entities, kind, format_
):
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    article = story(entities)
    # Written behind the models' backs, as a row stored before text was cleaned on save.
    Article.objects.filter(pk=article.pk).update(
        title=hostile.replace(" ", controls(), 1), standfirst=f"{controls()}{hostile}"
    )

    response = client.get(feed_url(kind, format_, entities))

    assert response.status_code == 200
    ElementTree.fromstring(response.content)
    minidom.parseString(response.content)  # XML 1.0: no forbidden character got through
    assert b"<script" not in response.content
    assert b"<b>" not in response.content
    [item] = read_feed(response)
    # The vertical tab became a space and the other forbidden characters went.
    assert item["title"] == hostile
    assert item["description"] == " " + escape(hostile, quote=False)
