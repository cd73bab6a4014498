""" "Did you mean" on the search page: what is offered, when, never a draft's word, its cost."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.search import EntityIndex, search_articles, suggest
from articles.search.did_you_mean import (
    FEW_STORIES,
    TITLES_READ,
    VOCABULARY_READ,
    headline_words,
)
from articles.search.spelling import MAX_CORRECTED
from tests.factories import make_article, make_many_published, make_person, make_section

pytestmark = pytest.mark.django_db

# Section nav; people, parties, places; counting the reader's query (no hits: nothing
# to rank); the headline words near one typed word; counting the suggestion.
ONE_WORD_SUGGESTION_QUERIES = 7
# As many headline-word look-ups as words corrected, and no more.
MOST_SUGGESTION_QUERIES = 6 + MAX_CORRECTED


def search(client, query, **params):
    return client.get(reverse("search:results"), {"q": query, **params})


def offered(text: str):
    names = EntityIndex.load()
    return suggest(
        text, found=search_articles(text).count(), matched=names.match(text), names=names
    )


@pytest.fixture
def galloway():
    person = make_person("George Galloway")
    story = make_article(
        title="Workers Party wins Rochdale",
        body="George Galloway won the byelection in Rochdale.",
    )
    return person, story


def test_a_misspelt_name_offers_the_name_as_a_link(client, galloway):
    person, story = galloway

    html = search(client, "Galoway").content.decode()

    assert 'Did you mean <a href="/search/?q=Galloway">Galloway</a>?' in html
    assert f'<a href="{person.get_absolute_url()}">George Galloway</a>' in html
    assert "No stories match “Galoway”" in html
    followed = search(client, "Galloway").content.decode()
    assert story.title in followed
    assert "Did you mean" not in followed


def test_a_misspelt_name_is_offered_in_lower_case_when_typed_so(galloway):
    assert offered("galoway").text == "galloway"


def test_a_misspelt_headline_word_is_offered(client):
    make_article(title="Ferry timetable cut", body="Islanders protest.")

    suggestion = offered("timetabel")

    assert suggestion.text == "timetable"
    assert suggestion.count == 1


def test_only_the_misspelt_words_change(galloway):
    assert offered('Galoway "Rochdale"').text == 'Galloway "Rochdale"'


def test_nothing_is_offered_when_enough_stories_match(galloway):
    for number in range(FEW_STORIES):
        make_article(title=f"Galoway typo {number}")

    assert offered("galoway") is None


def test_nothing_is_offered_when_the_correction_finds_no_more(client):
    make_article(title="Ferry timetable cut")

    assert offered("xylophone") is None
    assert "Did you mean" not in search(client, "xylophone").content.decode()


@pytest.mark.parametrize("text", ["galoway or ferry", "ferry -galoway", "ferry -labuor"])
def test_queries_with_or_or_left_out_words_get_no_suggestion(galloway, text):
    make_article(title="Ferry news")
    assert offered(text) is None


def test_the_suggestion_keeps_the_filters_and_starts_at_page_one(client, galloway):
    html = search(client, "Galoway", section="news").content.decode()

    assert 'href="/search/?q=Galloway&amp;section=news"' in html


# A draft's or a scheduled story's words are never offered.

UNPUBLISHED = {
    "draft": {"status": Article.Status.DRAFT},
    "review": {"status": Article.Status.REVIEW},
    "scheduled": {"published_at": timezone.now() + timedelta(days=1)},
}


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_a_word_only_unpublished_stories_hold_is_never_offered(client, state):
    make_article(title="Ferry timetable cut")
    make_article(title="Zanzibar ferry secret plan", **UNPUBLISHED[state])

    assert offered("zanzibarr") is None
    assert offered("zanzibarr ferry") is None
    html = search(client, "zanzibarr").content.decode()
    assert "Did you mean" not in html
    assert "anzibar" not in html.replace("zanzibarr", "")


def test_the_sqlite_vocabulary_holds_drafts_words_which_is_why_counts_vouch():
    """The headline index is kept by triggers for every story, so its words need checking."""
    make_article(title="Zanzibar plan", status=Article.Status.DRAFT)

    near = headline_words("zanzibarr", Article.objects.published())

    if connection.vendor == "sqlite":
        assert "zanzibar" in near
    else:
        assert near == {}  # PostgreSQL reads published headlines only


def test_a_draft_word_is_offered_once_its_story_is_published():
    draft = make_article(title="Zanzibar ferry plan", status=Article.Status.DRAFT)
    assert offered("zanzibarr") is None

    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED)

    assert offered("zanzibarr").text == "zanzibar"


# Costs.


def test_a_one_word_suggestion_costs_a_fixed_number_of_queries(
    client, galloway, django_assert_num_queries
):
    for number in range(30):
        make_article(title=f"Gallows humour {number}")
        make_person(f"Person {number}", slug=f"person-{number}")

    with django_assert_num_queries(ONE_WORD_SUGGESTION_QUERIES):
        html = search(client, "Galoway").content.decode()

    assert "Did you mean" in html


def test_a_many_word_query_looks_up_only_a_few_words(client, django_assert_max_num_queries):
    make_article(title="Ferry timetable cut")

    with django_assert_max_num_queries(MOST_SUGGESTION_QUERIES):
        response = search(client, "aaaaaaa bbbbbbb ccccccc ddddddd eeeeeee fffffff")

    assert response.status_code == 200


def test_the_vocabulary_read_is_bounded():
    make_many_published(
        VOCABULARY_READ + 50,
        section=make_section(),
        title="Word gal{n:05d}",
        published_at=timezone.now() - timedelta(days=1),
    )

    near = headline_words("gal00001", Article.objects.published())

    assert len(near) <= (VOCABULARY_READ if connection.vendor == "sqlite" else TITLES_READ)
