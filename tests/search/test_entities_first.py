"""When the query is a name, people, parties and places come above the stories."""

import pytest
from django.urls import reverse

from articles.search import search_entities
from tests.factories import make_article, make_party, make_person

pytestmark = pytest.mark.django_db


def page(client, query) -> str:
    return client.get(reverse("search:results"), {"q": query}).content.decode()


@pytest.fixture
def galloway(db):
    make_person("George Galloway")
    make_party("Conservative Party", slug="conservative", aliases=["Tories"])
    make_article(
        title="Galloway wins Rochdale", body="George Galloway says the Tories cut council tax."
    )


@pytest.mark.parametrize("query", ["George Galloway", "galloway", "Tories"])
def test_a_name_lists_entities_above_the_stories(client, galloway, query):
    html = page(client, query)

    assert search_entities(query).is_name
    assert html.index('id="entities-heading"') < html.index('id="stories-heading"')


def test_a_sentence_that_mentions_a_name_lists_stories_first(client, galloway):
    html = page(client, "tories cut council tax")

    assert not search_entities("tories cut council tax").is_name
    assert html.index('id="stories-heading"') < html.index('id="entities-heading"')


def test_a_misspelt_name_offers_the_person_above_the_no_stories_message(client, galloway):
    html = page(client, "Galoway")

    assert "Did you mean" in html
    assert html.index("George Galloway") < html.index("No stories match")
