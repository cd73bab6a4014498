"""The writing screen's rules (`articles.writing_aids`): words, reading time, lengths."""

import pytest

from articles import writing_aids
from articles.writing_aids import (
    DESCRIPTION_CHARS,
    SEO_TITLE_CHARS,
    headline_advice,
    reading_minutes,
    reading_time,
    standfirst_advice,
    word_count,
)

# Words: what a reader reads


def test_words_are_counted_as_a_reader_reads_them():
    assert word_count("The council met on Tuesday.") == 5


def test_markup_addresses_and_picture_markers_are_not_words():
    body = (
        "## The vote\n\n"
        "- **Labour** [held](https://example.org/a/very/long/address) the seat\n"
        "- turnout fell\n\n"
        "[[picture:1]]\n\n"
        "<sup>1</sup> See https://example.org/results"
    )

    # The vote / Labour held the seat / turnout fell / 1 See
    assert word_count(body) == 10


def test_a_dash_or_a_bullet_standing_alone_is_not_a_word():
    assert word_count("Before — after * and - also") == 4


def test_words_joined_by_hyphens_or_apostrophes_are_one_word():
    assert word_count("It's a well-known by-election") == 4


def test_letters_of_any_alphabet_and_numbers_are_words():
    assert word_count("Plaid Cymru: 12,000 pleidlais, Ελλάδα") == 5


def test_an_empty_body_has_no_words():
    assert word_count("") == 0
    assert word_count("   \n\n[[picture:2]]\n") == 0


# Reading time


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 0), (1, 1), (230, 1), (231, 2), (460, 2), (461, 3)],
)
def test_reading_time_is_the_words_at_230_a_minute_rounded_up(words, minutes):
    assert writing_aids.WORDS_PER_MINUTE == 230
    assert reading_minutes(words) == minutes


def test_reading_time_reads_as_a_sentence():
    assert reading_time(0) == "No words yet"
    assert reading_time(1) == "1 word, 1 minute to read"
    assert reading_time(1460) == "1,460 words, 7 minutes to read"


# Lengths


def test_a_headline_that_fits_search_results_is_ok():
    advice = headline_advice("Council agrees budget after all-night session")

    assert (advice.length, advice.limit, advice.level) == (45, SEO_TITLE_CHARS, "ok")
    assert advice.message == "Fits in search results."


def test_a_headline_over_60_characters_is_long_and_says_what_to_do():
    advice = headline_advice("x" * 61)

    assert (advice.length, advice.level) == (61, "long")
    assert "put the key words first" in advice.message


def test_a_headline_of_exactly_the_limit_fits_and_outer_spaces_do_not_count():
    assert headline_advice("  " + "x" * SEO_TITLE_CHARS + "  ").level == "ok"


def test_lengths_count_characters_not_bytes():
    assert headline_advice("Llywodraeth Cymru’s budget – “à la carte”").length == 41


def test_an_empty_headline_or_standfirst_only_states_the_guidance():
    assert headline_advice("").level == ""
    assert headline_advice("").message == "Search results show about 60."
    assert standfirst_advice(" ").level == ""


def test_a_standfirst_is_short_long_or_fits_as_the_description():
    assert standfirst_advice("x" * 69).level == "short"
    assert standfirst_advice("x" * 70).level == "ok"
    assert standfirst_advice("x" * DESCRIPTION_CHARS).level == "ok"
    long = standfirst_advice("x" * (DESCRIPTION_CHARS + 1))
    assert (long.level, long.limit) == ("long", 160)
    assert "after about 160" in long.message
