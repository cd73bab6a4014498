"""Finding people, parties and places by their names and aliases."""

import pytest

from articles.search import search_entities
from articles.search.entities import ENTITY_LIMIT
from tests.factories import make_constituency, make_party, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def entities_to_find():
    """Names and aliases that collide, abbreviate and carry accents, as searches meet them."""
    return {
        "conservatives": make_party(
            "Conservative Party", slug="conservative", aliases=["Tories", "Tory"], short_name="Con"
        ),
        "greens": make_party(
            "Green Party", slug="green-party", short_name="Green", common_word_aliases=["Greens"]
        ),
        "sinn_fein": make_party("Sinn Féin", slug="sinn-fein"),
        "ali": make_person("Ali Hassan Ali"),
        "rushanara": make_person("Rushanara Ali"),
        "camden": make_constituency("Camden", kind="local_authority"),
        "bethnal": make_constituency("Bethnal Green and Stepney"),
    }


def test_an_alias_finds_its_party_whatever_the_case(entities_to_find):
    assert search_entities("Tories").parties == [entities_to_find["conservatives"]]
    assert search_entities("tOrIeS").parties == [entities_to_find["conservatives"]]


def test_accents_are_ignored(entities_to_find):
    assert search_entities("sinn fein").parties == [entities_to_find["sinn_fein"]]


def test_query_words_may_start_words_of_a_name_in_any_order(entities_to_find):
    assert search_entities("hass").people == [entities_to_find["ali"]]
    assert search_entities("ali hassan").people == [entities_to_find["ali"]]
    assert search_entities("conserv").parties == [entities_to_find["conservatives"]]


def test_short_query_words_must_be_whole_words(entities_to_find):
    assert search_entities("al").people == []
    assert search_entities("ca").places == []


def test_a_name_inside_a_longer_query_is_found(entities_to_find):
    matches = search_entities("tories cut camden council budget")

    assert matches.parties == [entities_to_find["conservatives"]]
    assert matches.places == [entities_to_find["camden"]]


def test_a_common_word_alias_only_matches_a_query_about_the_party(entities_to_find):
    assert search_entities("greens").parties == [entities_to_find["greens"]]
    assert search_entities("greens belt housing").parties == []


def test_exact_matches_come_first_then_by_name(entities_to_find):
    other = make_party("Party of Workers", slug="party-of-workers")
    workers = make_party("Workers Party of Britain", slug="wpb", aliases=["Workers Party"])

    assert search_entities("workers party").parties == [workers, other]
    assert search_entities("ali").people == [entities_to_find["ali"], entities_to_find["rushanara"]]


def test_each_kind_lists_at_most_the_limit(entities_to_find):
    for number in range(ENTITY_LIMIT + 3):
        make_person(f"Alex Smith {number}", slug=f"alex-smith-{number}")

    assert len(search_entities("smith").people) == ENTITY_LIMIT


def test_nothing_matches_a_query_without_words(entities_to_find, django_assert_num_queries):
    with django_assert_num_queries(0):
        matches = search_entities('"*"')
    assert not matches


def test_unrelated_words_match_nothing(entities_to_find):
    assert not search_entities("ferry timetable")
