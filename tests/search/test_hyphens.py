"""A hyphenated word is found however a story writes it: by-election, by election, byelection."""

import pytest
from django.urls import reverse

from articles.search.query import MAX_HYPHENATED, parse
from tests.factories import make_article


def test_a_hyphenated_word_is_also_looked_for_closed_up():
    query = parse("Rochdale by-election")
    assert query.fts5 == '("Rochdale" "by election") OR ("Rochdale" "byelection")'
    assert query.websearch == '"Rochdale" "by election" or "Rochdale" "byelection"'
    assert query.words == ["Rochdale", "by", "election", "Rochdale", "byelection"]


@pytest.mark.parametrize("dash", ["\u2010", "\u2011", "\u2013"])
def test_the_dashes_people_type_for_hyphens_count_as_hyphens(dash):
    assert parse(f"by{dash}election").fts5 == '("by election") OR ("byelection")'


def test_leaving_out_a_hyphenated_word_leaves_out_every_way_of_writing_it():
    assert parse("budget -by-election").fts5 == '("budget") NOT "by election" NOT "byelection"'


@pytest.mark.parametrize("text", ["don't", "a.b", '"by-election"', "one"])
def test_other_punctuation_and_quoted_phrases_are_not_closed_up(text):
    assert " OR " not in parse(text).fts5


def test_only_the_first_few_hyphenated_words_double_the_query():
    query = parse(" ".join(f"w{n}-x{n}" for n in range(MAX_HYPHENATED + 2)))
    assert len(query.alternatives) == 2**MAX_HYPHENATED


# Which ways of writing it each query finds: a hyphenated query finds all three; the
# engines split hyphens, so "by election" also finds "by-election"; a word closed up in
# the query is one word to the engine, which cannot know where a hyphen might go.
FOUND = {
    "by-election": {"by-election", "by election", "byelection"},
    "by election": {"by-election", "by election"},
    "byelection": {"byelection"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("query", FOUND)
def test_a_story_is_found_however_it_writes_the_word(client, query):
    for written in ["by-election", "by election", "byelection"]:
        make_article(title=f"Result {written}", body=f"Galloway won the {written} in Rochdale.")

    html = client.get(reverse("search:results"), {"q": query}).content.decode()

    found = {written for written in FOUND["by-election"] if f"Result {written}" in html}
    assert found == FOUND[query]
