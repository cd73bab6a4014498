"""Reading a reader's query: web-search syntax in, safe engine syntax out, never an error."""

import pytest

from articles.search.query import MAX_QUERY_LENGTH, MAX_TERMS, parse


def test_words_must_all_appear():
    query = parse("council tax")
    assert query.fts5 == '("council" "tax")'
    assert query.websearch == '"council" "tax"'
    assert query.words == ["council", "tax"]


def test_quoted_words_are_a_phrase():
    assert parse('"council tax" rise').fts5 == '("council tax" "rise")'


def test_or_between_terms_means_either():
    query = parse("labour OR tories")
    assert query.fts5 == '("labour") OR ("tories")'
    assert query.websearch == '"labour" or "tories"'


def test_a_leading_minus_leaves_a_term_out():
    query = parse('budget -"council tax"')
    assert query.fts5 == '("budget") NOT "council tax"'
    assert query.websearch == '"budget" -"council tax"'
    assert query.words == ["budget"]


def test_punctuation_inside_a_word_splits_it_into_a_phrase():
    # A hyphenated word is also looked for closed up (tests/search/test_hyphens.py).
    assert parse("covid-19").fts5 == '("covid 19") OR ("covid19")'
    assert parse("don't").fts5 == '("don t")'


@pytest.mark.parametrize(
    "text", ['"', "*", "-", "()", "(", "^", ":", "  ", "", "or", "-budget", '-"council tax"']
)
def test_a_query_with_nothing_to_look_for_is_empty(text):
    query = parse(text)
    assert not query
    assert query.fts5 == ""
    assert query.words == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AND OR NOT", '("AND") OR ("NOT")'),
        ("NEAR(budget, cuts)", '("NEAR budget" "cuts")'),
        ("title:budget", '("title budget")'),
        ("{title}: budget*", '("title" "budget")'),
        ("^budget", '("budget")'),
        ('budget" OR "x', '("budget" "OR" "x")'),
    ],
)
def test_engine_syntax_typed_by_a_reader_becomes_quoted_words(text, expected):
    assert parse(text).fts5 == expected


def test_control_characters_and_nul_never_reach_the_database():
    query = parse("budget\x00cuts\u200b\ue000")
    assert query.words == ["budget", "cuts"]


def test_unicode_words_are_kept():
    assert parse("Sinn Féin 🗳️ 日本語").words == ["Sinn", "Féin", "日本語"]


def test_a_very_long_query_is_cut_between_words():
    query = parse("budget " * 1000)
    assert len(query.words) == MAX_TERMS
    assert len(query.websearch) < MAX_QUERY_LENGTH * 2


def test_one_enormous_word_is_cut_to_the_length_limit():
    assert len(parse("x" * 10_000).words[0]) == MAX_QUERY_LENGTH
