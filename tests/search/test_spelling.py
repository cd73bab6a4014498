"""The spelling policy (articles.search.spelling), rule by rule, without a database."""

import pytest

from articles.search.spelling import (
    MAX_CORRECTED,
    MAX_WORD_LENGTH,
    Candidate,
    corrected,
    distance,
    nearest,
    words_to_correct,
)


@pytest.mark.parametrize(
    ("first", "second", "edits"),
    [
        ("galloway", "galloway", 0),
        ("galoway", "galloway", 1),  # a letter left out
        ("galloway", "glaloway", 1),  # two neighbours swapped: one edit, not two
        ("labour", "labuor", 1),
        ("labour", "harbour", 2),
        ("", "abc", 3),
        ("kitten", "sitting", 3),
    ],
)
def test_distance_counts_insertions_deletions_substitutions_and_swaps(first, second, edits):
    assert distance(first, second, limit=5) == edits
    assert distance(second, first, limit=5) == edits


def test_distance_stops_at_the_limit():
    assert distance("kitten", "sitting", limit=1) == 2
    assert distance("a", "abcdef", limit=2) == 3  # lengths alone rule it out


def test_words_longer_than_the_cap_are_never_compared():
    long = "a" * (MAX_WORD_LENGTH + 1)
    assert distance(long, long, limit=2) == 3


# Rule 1: which words are read.
def test_short_words_or_and_left_out_words_are_not_corrected():
    assert words_to_correct("the cat or dgo -galoway Galoway") == ["galoway"]


def test_at_most_a_few_words_are_corrected_longest_first():
    words = words_to_correct("aaaa bbbbb cccccc ddddddd eeeeeeee")
    assert len(words) == MAX_CORRECTED
    assert words == ["eeeeeeee", "ddddddd", "cccccc"]


# Rule 2 and 3: known words stay; the nearest near-enough candidate wins.
CANDIDATES = {
    "galloway": Candidate("Galloway", 3),
    "gallows": Candidate("gallows", 50),
    "council": Candidate("council", 9),
    "counsel": Candidate("counsel", 2),
}


def test_a_known_word_is_left_alone():
    assert nearest("galloway", CANDIDATES) is None


def test_the_nearest_candidate_wins():
    assert nearest("galoway", CANDIDATES).written == "Galloway"


def test_short_words_allow_one_edit_long_words_two():
    galloway = {"galloway": CANDIDATES["galloway"]}
    assert nearest("gallowy", galloway).written == "Galloway"  # 7 letters, one edit
    assert nearest("galowy", galloway) is None  # two edits from a 6-letter word
    assert nearest("gallawai", galloway).written == "Galloway"  # 8 letters, two edits


def test_ties_go_to_the_word_in_more_stories():
    assert nearest("councel", CANDIDATES).written == "council"


# Rule 4: how the correction is written.
def test_corrections_keep_the_rest_of_the_query_and_the_readers_case():
    corrections = {"galoway": "Galloway", "rochdle": "rochdale"}
    assert corrected('Galoway "in Rochdle" -x', corrections) == 'Galloway "in Rochdale" -x'
    assert corrected("galoway", corrections) == "galloway"
    assert corrected("GALOWAY win", corrections) == "Galloway win"
