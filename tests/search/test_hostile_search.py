"""Hostile queries and filters get a page, never an error, and cost no more for being long.

As in tests/hostile/test_linear_text.py, growth is asserted, not speed: a query made 8
times as long may take at most GROWTH times as long (CPU time, best of a few runs).
Everything search reads of a query is cut to a fixed length first, so the work that
grows is only Django reading the request and the page echoing the query back.
"""

import pytest
from django.http import QueryDict
from django.urls import reverse

from articles.search import SearchFilters
from articles.search.query import parse
from articles.search.spelling import corrected, distance, words_to_correct
from tests.factories import make_article, make_person
from tests.hostile.test_linear_text import FLOOR, GROWTH, seconds

pytestmark = pytest.mark.django_db

LENGTHS = (20_000, 160_000)


def repeated(unit: str):
    return lambda length: unit * (length // len(unit))


HOSTILE_QUERIES = {
    "one huge word": repeated("a"),
    "near-words": repeated("galoway "),
    "hyphens": repeated("a-"),
    "apostrophes": repeated("’'ʼ"),
    "quotes": repeated('"'),
    "minus signs": repeated("-x "),
    "or": repeated("or "),
    "control characters": repeated("\x00\x01\x1b\x7f"),
    "only punctuation": repeated("!?.,;:()[]{}<>*&^%$#@~`"),
    "bidi overrides": repeated("\u202e\u2066x"),
    "combining marks": repeated("e\u0301\u0327"),
    "emoji": repeated("🗳️"),
}


@pytest.fixture
def archive():
    make_person("George Galloway")
    make_article(title="Galloway wins", body="George Galloway won.")


@pytest.mark.parametrize("build", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_a_hostile_query_gets_a_page(client, archive, build):
    response = client.get(reverse("search:results"), {"q": build(LENGTHS[0])})
    assert response.status_code == 200


@pytest.mark.parametrize("build", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_a_hostile_query_is_read_in_linear_time(client, archive, build):
    short, long = (build(length) for length in LENGTHS)
    readers = {
        "parse": parse,
        "words_to_correct": words_to_correct,
        "corrected": lambda text: corrected(text, {"galoway": "Galloway"}),
        "filters": lambda text: SearchFilters.from_params(
            QueryDict(mutable=True) | {"from": text, "section": text}
        ),
        "page": lambda text: client.get(reverse("search:results"), {"q": text}),
    }
    for name, read in readers.items():
        ratio = seconds(read, long, runs=3) / max(seconds(read, short, runs=3), FLOOR)
        assert ratio <= GROWTH, f"{name}: {ratio:.1f} times as long for 8 times the query"


def test_the_distance_reads_no_more_than_the_word_cap():
    """Words longer than the cap are never compared: the answer is "too far" at once."""
    long = "a" * LENGTHS[1]
    assert distance(long, long, limit=2) == 3


@pytest.mark.parametrize(
    "params",
    [
        {"q": "galloway", "from": "\x00" * 5000},
        {"q": "galloway", "to": "2024-02-30"},
        {"q": "galloway", "section": "../../etc"},
        {"q": "galloway", "person": "' OR 1=1 --"},
        {"q": "galloway", "page": "1" * 5000},
        {"q": "\x00", "section": "news"},
    ],
)
def test_hostile_filters_get_a_page(client, archive, params):
    response = client.get(reverse("search:results"), params)
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert "\x00" not in response.content.decode()
