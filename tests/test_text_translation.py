"""`newsroom.text.Translation`: the same answer as ``str.translate``, cheaper on clean text."""

import random

import pytest

from articles.importers.replies import SENTENCE_ENDS
from articles.importers.text import CONTROLS
from newsroom.text import APOSTROPHES, XML_SAFE, Translation

TABLES = {"xml": XML_SAFE, "apostrophes": APOSTROPHES, "controls": CONTROLS, "ends": SENTENCE_ENDS}
ALPHABET = "ab ’ʼ'!?.\x0b\x0c\x00\x7f\x85\x9f\ud800\ufffe\n\té"


@pytest.mark.parametrize("name", TABLES)
def test_answers_as_str_translate_does(name):
    translation = TABLES[name]
    rng = random.Random(name)
    for _ in range(2000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 20)))
        assert translation(text) == text.translate(translation.table), repr(text)


def test_clean_text_comes_back_as_it_is():
    text = "Tahir Ali denies the claim."
    assert APOSTROPHES(text) is text
    assert XML_SAFE(text) is text


def test_replacements_that_would_feed_each_other_fall_back_to_translate():
    swap = Translation({ord("a"): "b", ord("b"): "a"})
    assert swap("abba") == "baab"
    assert swap._replacements is None


def test_a_few_characters_are_replaced_one_by_one():
    assert APOSTROPHES._replacements is not None
    assert APOSTROPHES("O’Neill and Oʼ Brien") == "O'Neill and O' Brien"
