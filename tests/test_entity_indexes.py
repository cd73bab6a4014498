"""The A–Z indexes of people, parties and places: content, filters, empty states, cost."""

from datetime import date

import pytest
from django.urls import reverse

from people.models import Constituency, PartyMembership
from tests.factories import make_constituency, make_party, make_person

# Queries each index may run however many entries it has: the section nav, the
# initials for the jump bar, the paginator's count, then the page of entries...
PARTY_INDEX_QUERIES = 4
PLACE_INDEX_QUERIES = 4  # ...each place with its wider area joined.
# ...plus the people's party spells (for the party beside each name) and the parties
# for the filter; filtered by party, the party from `?party=` too.
PEOPLE_INDEX_QUERIES = 6
PARTY_FILTER_QUERIES = 1

pytestmark = pytest.mark.django_db


def join(person, party, **fields) -> PartyMembership:
    return PartyMembership.objects.create(person=person, party=party, **fields)


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_index_addresses_are_the_plain_plurals_and_detail_pages_still_resolve(client):
    person = make_person("Rushanara Ali")
    assert reverse("people:people_index") == "/people/"
    assert reverse("people:party_index") == "/parties/"
    assert reverse("people:place_index") == "/constituencies/"
    assert client.get(person.get_absolute_url()).status_code == 200


# --- People ------------------------------------------------------------------------


def test_the_people_index_lists_everyone_a_to_z_under_letter_headings(client):
    labour = make_party("Labour Party", colour="#E4003B")
    for name in ["Oona King", "Rushanara Ali", "John Biggs", "Ajmal Masroor"]:
        person = make_person(name)
        if name != "Ajmal Masroor":
            join(person, labour)

    html = html_of(client.get(reverse("people:people_index")))

    names = ["Ajmal Masroor", "John Biggs", "Oona King", "Rushanara Ali"]
    positions = [html.index(f">{name}</a>") for name in names]
    assert positions == sorted(positions)
    headings = [html.index(f'class="block-heading">{letter}</h2>') for letter in "AJOR"]
    assert headings == sorted(headings)
    assert 'aria-label="People by first letter"' in html
    assert html.count("Labour Party</span>") == 3  # the party beside each member's name


def test_the_jump_bar_links_each_letter_to_the_names_beginning_with_it(client):
    make_person("Rushanara Ali")
    make_person("Oona King")
    make_person("Ajmal Masroor")

    html = html_of(client.get(reverse("people:people_index")))
    assert 'href="/people/?letter=R"' in html
    assert 'href="/people/?letter=B"' not in html  # no names begin with B

    html = html_of(client.get(reverse("people:people_index"), {"letter": "r"}))
    assert ">Rushanara Ali</a>" in html
    assert ">Oona King</a>" not in html
    assert '<a href="/people/?letter=R" aria-current="page">' in html


def test_a_letter_no_name_begins_with_is_not_found(client):
    make_person("Rushanara Ali")
    assert client.get(reverse("people:people_index"), {"letter": "B"}).status_code == 404
    assert client.get(reverse("people:people_index"), {"letter": "RU"}).status_code == 404


def test_filtering_people_by_party_lists_its_current_members_only(client):
    labour = make_party("Labour Party", slug="labour")
    aspire = make_party("Aspire", slug="aspire")
    ali = make_person("Rushanara Ali")
    join(ali, labour)
    rahman = make_person("Lutfur Rahman")
    join(rahman, labour, ended=True)
    join(rahman, aspire)
    wood = make_person("Andrew Wood")
    join(wood, labour, end=date(2020, 1, 1))
    make_person("Ajmal Masroor")

    html = html_of(client.get(reverse("people:people_index"), {"party": "labour"}))

    assert ">Rushanara Ali</a>" in html
    for former_or_other in ["Lutfur Rahman", "Andrew Wood", "Ajmal Masroor"]:
        assert f">{former_or_other}</a>" not in html
    assert '<option value="labour" selected>' in html
    # The jump bar keeps the filter.
    assert 'href="/people/?party=labour&amp;letter=R"' in html


def test_filtering_by_a_party_that_does_not_exist_is_not_found(client):
    assert client.get(reverse("people:people_index"), {"party": "nobody"}).status_code == 404


def test_the_people_index_is_paginated_keeping_the_filter(client):
    labour = make_party("Labour Party", slug="labour")
    for number in range(25):
        join(make_person(f"Member {number:02}"), labour)

    html = html_of(client.get(reverse("people:people_index"), {"party": "labour", "page": 2}))

    assert ">Member 24</a>" in html
    assert ">Member 00</a>" not in html
    assert 'href="?party=labour"' in html  # page 1 without a page number


def test_the_people_index_says_when_nobody_is_recorded(client):
    html = html_of(client.get(reverse("people:people_index")))
    assert "No people are recorded yet." in html
    assert "by first letter" not in html

    make_party("Aspire", slug="aspire")
    html = html_of(client.get(reverse("people:people_index"), {"party": "aspire"}))
    assert "No current members of Aspire are recorded." in html


def test_the_people_index_costs_the_same_queries_for_two_people_as_for_forty(
    client, django_assert_num_queries
):
    def grow(first, count):
        for number in range(first, first + count):
            party = make_party(f"Party {number}", slug=f"party-{number}")
            person = make_person(f"{chr(65 + number % 26)}erson {number}")
            join(person, party)
            join(person, party, ended=True, role="Councillor")

    budgets = [
        ({}, PEOPLE_INDEX_QUERIES),
        ({"letter": "A"}, PEOPLE_INDEX_QUERIES),
        ({"party": "party-0"}, PEOPLE_INDEX_QUERIES + PARTY_FILTER_QUERIES),
    ]
    for first, count in [(0, 2), (2, 40)]:
        grow(first, count)
        for params, budget in budgets:
            with django_assert_num_queries(budget):
                assert client.get(reverse("people:people_index"), params).status_code == 200


# --- Parties -----------------------------------------------------------------------


def test_the_party_index_lists_parties_a_to_z_in_their_colours(client):
    make_party("Labour Party", colour="#E4003B", short_name="Labour")
    make_party("Aspire", colour="#GGGGGG")  # not #rrggbb: shown grey
    make_party("Conservative Party", colour="#0087DC")

    html = html_of(client.get(reverse("people:party_index")))

    names = ["Aspire", "Conservative Party", "Labour Party"]
    positions = [html.index(f">{name}</a>") for name in names]
    assert positions == sorted(positions)
    assert "background-color: #E4003B" in html
    assert "#GGGGGG" not in html
    assert "background-color: #6B6B6B" in html
    assert "(Labour)" in html
    assert 'aria-label="Parties by first letter"' in html


def test_the_party_index_says_when_no_party_is_recorded(client):
    html = html_of(client.get(reverse("people:party_index")))
    assert "No parties are recorded yet." in html


def test_the_party_index_costs_the_same_queries_for_two_parties_as_for_forty(
    client, django_assert_num_queries
):
    for count in [2, 40]:
        for number in range(count):
            make_party(f"{chr(65 + number % 26)}arty {count}-{number}")
        with django_assert_num_queries(PARTY_INDEX_QUERIES):
            assert client.get(reverse("people:party_index")).status_code == 200


# --- Places ------------------------------------------------------------------------


def test_the_place_index_lists_places_a_to_z_with_their_kind_and_wider_area(client):
    borough = make_constituency("Tower Hamlets", kind=Constituency.Kind.LOCAL_AUTHORITY)
    make_constituency("Bethnal Green and Bow")
    make_constituency("Spitalfields and Banglatown", kind=Constituency.Kind.WARD, parent=borough)

    html = html_of(client.get(reverse("people:place_index")))

    names = ["Bethnal Green and Bow", "Spitalfields and Banglatown", "Tower Hamlets"]
    positions = [html.index(f">{name}</a>") for name in names]
    assert positions == sorted(positions)
    assert "Council ward, in Tower Hamlets" in html
    assert "Westminster constituency" in html
    assert 'aria-label="Kinds of place"' in html


def test_filtering_places_by_kind_lists_that_kind_only(client):
    borough = make_constituency("Tower Hamlets", kind=Constituency.Kind.LOCAL_AUTHORITY)
    make_constituency("Bethnal Green and Bow")
    make_constituency("Spitalfields and Banglatown", kind=Constituency.Kind.WARD, parent=borough)

    html = html_of(client.get(reverse("people:place_index"), {"kind": "ward"}))

    assert ">Spitalfields and Banglatown</a>" in html
    assert ">Bethnal Green and Bow</a>" not in html
    assert ">Tower Hamlets</a>" not in html
    assert "<h1>Council wards</h1>" in html
    assert '<a href="/constituencies/?kind=ward" aria-current="page">' in html


def test_an_unknown_kind_of_place_is_not_found(client):
    assert client.get(reverse("people:place_index"), {"kind": "galaxy"}).status_code == 404


def test_the_place_index_says_when_no_place_is_recorded(client):
    html = html_of(client.get(reverse("people:place_index")))
    assert "No places are recorded yet." in html

    make_constituency("Bethnal Green and Bow")
    html = html_of(client.get(reverse("people:place_index"), {"kind": "mayoralty"}))
    assert "No mayoralties are recorded yet." in html


def test_the_place_index_costs_the_same_queries_for_two_places_as_for_forty(
    client, django_assert_num_queries
):
    borough = make_constituency("Tower Hamlets", kind=Constituency.Kind.LOCAL_AUTHORITY)
    for count in [2, 40]:
        for number in range(count):
            make_constituency(
                f"{chr(65 + number % 26)}lace {count}-{number}",
                kind=Constituency.Kind.WARD,
                parent=borough,
            )
        for params in [{}, {"kind": "ward"}]:
            with django_assert_num_queries(PLACE_INDEX_QUERIES):
                assert client.get(reverse("people:place_index"), params).status_code == 200


# --- Navigation --------------------------------------------------------------------


def test_every_page_links_to_the_three_indexes_marking_the_current_one(client):
    html = html_of(client.get(reverse("people:party_index")))
    assert '<a href="/people/">People</a>' in html
    assert '<a href="/parties/" aria-current="page">Parties</a>' in html
    assert '<a href="/constituencies/">Places</a>' in html

    html = html_of(client.get(reverse("articles:front_page")))
    assert '<a href="/constituencies/">Places</a>' in html
