"""The entity admin as editors use it: aliases as a list, party columns, sources as stories."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import Constituency, Party, PartyMembership, Person
from tests.factories import (
    PartyMembershipFactory,
    make_article,
    make_constituency,
    make_party,
    make_person,
)

pytestmark = pytest.mark.django_db


def admin_url(model, action: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def person_form(**fields) -> dict:
    """A person's change form as the browser posts it, with every fact inline empty."""
    empty_inlines = {
        f"{prefix}-{count}": value
        for prefix in ["memberships", "posts", "candidacies", "claims"]
        for count, value in [
            ("TOTAL_FORMS", "0"),
            ("INITIAL_FORMS", "0"),
            ("MIN_NUM_FORMS", "0"),
            ("MAX_NUM_FORMS", "1000"),
        ]
    }
    return {
        "name": "Jo Xavier",
        "slug": "jo-xavier",
        "surname": "",
        "aliases": "",
        **empty_inlines,
        **fields,
    }


# Aliases: typed as a list, stored as a clean one


def test_person_aliases_typed_one_per_line_or_with_commas_are_stored_as_a_clean_list(
    admin_client,
):
    person = make_person("Jo Xavier", slug="jo-xavier", aliases=["Old"])

    response = admin_client.post(
        admin_url(Person, "change", person.pk),
        person_form(aliases="Cllr X, JX\n  Jo   X \r\n\n,JX\ncllr x\nJo\x0bXav"),
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.aliases == ["Cllr X", "JX", "Jo X", "Jo Xav"]


def test_the_change_form_shows_the_stored_aliases_one_per_line(admin_client):
    person = make_person("Jo Xavier", aliases=["Cllr X", "JX"])

    html = admin_client.get(admin_url(Person, "change", person.pk)).content.decode()

    assert ">\nCllr X\nJX</textarea>" in html
    assert "[&quot;Cllr X&quot;" not in html


def test_saving_a_person_unchanged_keeps_their_aliases(admin_client):
    person = make_person("Jo Xavier", slug="jo-xavier", aliases=["Cllr X", "JX"])

    admin_client.post(admin_url(Person, "change", person.pk), person_form(aliases="Cllr X\nJX"))

    person.refresh_from_db()
    assert person.aliases == ["Cllr X", "JX"]


def test_clearing_the_aliases_stores_an_empty_list(admin_client):
    person = make_person("Jo Xavier", slug="jo-xavier", aliases=["Cllr X"])

    admin_client.post(admin_url(Person, "change", person.pk), person_form(aliases=" \n , "))

    person.refresh_from_db()
    assert person.aliases == []


def test_party_aliases_and_common_word_aliases_are_lists_too(admin_client):
    response = admin_client.post(
        admin_url(Party, "add"),
        {
            "name": "Conservative Party",
            "slug": "conservative-party",
            "short_name": "Conservative",
            "colour": "#0087DC",
            "aliases": "Tories, Tory\nConservatives",
            "common_word_aliases": "Blue\n\nblue",
        },
    )

    assert response.status_code == 302
    party = Party.objects.get(slug="conservative-party")
    assert party.aliases == ["Tories", "Tory", "Conservatives"]
    assert party.common_word_aliases == ["Blue"]


def test_place_aliases_are_a_list(admin_client):
    response = admin_client.post(
        admin_url(Constituency, "add"),
        {
            "name": "Bethnal Green and Bow",
            "slug": "bethnal-green-and-bow",
            "kind": Constituency.Kind.WESTMINSTER,
            "aliases": "Bethnal Green & Bow, Bethnal Green",
        },
    )

    assert response.status_code == 302
    place = Constituency.objects.get(slug="bethnal-green-and-bow")
    assert place.aliases == ["Bethnal Green & Bow", "Bethnal Green"]


def test_an_overlong_alias_is_refused_with_a_clear_message_and_kept_as_typed(admin_client):
    person = make_person("Jo Xavier", slug="jo-xavier", aliases=["JX"])
    typed = "JX\n" + "a" * 201

    response = admin_client.post(admin_url(Person, "change", person.pk), person_form(aliases=typed))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["aliases"]
    assert errors == [
        "An alias can be at most 200 characters; this one has 201: “" + "a" * 30 + "…”. "
        "Put one alias per line or separate them with commas."
    ]
    assert "Enter a valid JSON" not in response.content.decode()
    assert ">\n" + typed + "</textarea>" in response.content.decode()
    person.refresh_from_db()
    assert person.aliases == ["JX"]


# The people list: current party and post


@pytest.fixture
def rushanara_and_andrew():
    labour = make_party("Labour Party")
    conservative = make_party("Conservative Party")
    respect = make_party("Respect Party")
    rushanara = make_person("Rushanara Ali")
    PartyMembershipFactory(person=rushanara, party=respect, ended=True, role="Activist")
    PartyMembershipFactory(
        person=rushanara, party=labour, role="MP for Bethnal Green and Bow", start=None
    )
    andrew = make_person("Andrew Wood")
    PartyMembershipFactory(person=andrew, party=conservative, ended=True, role="Councillor")
    return {"labour": labour, "conservative": conservative, "rushanara": rushanara}


def changelist_rows(response) -> dict[str, tuple]:
    model_admin = response.context["cl"].model_admin
    return {
        person.name: (model_admin.party(person), model_admin.current_post(person))
        for person in response.context["cl"].result_list
    }


def test_the_people_list_shows_current_party_and_post(admin_client, rushanara_and_andrew):
    response = admin_client.get(admin_url(Person, "changelist"))

    assert changelist_rows(response) == {
        "Rushanara Ali": ("Labour Party", "MP for Bethnal Green and Bow"),
        "Andrew Wood": (None, None),  # a former Conservative is in no party now
    }
    html = response.content.decode()
    assert "column-party" in html
    assert "column-current_post" in html
    assert '<td class="field-party">Labour Party</td>' in html
    assert '<td class="field-current_post">MP for Bethnal Green and Bow</td>' in html


def test_a_spell_with_an_end_date_passed_is_not_current(admin_client):
    green = make_party("Green Party")
    person = make_person("Sian Berry")
    PartyMembershipFactory(person=person, party=green, end=datetime.date(2000, 1, 1))

    response = admin_client.get(admin_url(Person, "changelist"))

    assert changelist_rows(response) == {"Sian Berry": (None, None)}


def test_the_party_filter_lists_current_members_only(admin_client, rushanara_and_andrew):
    def listed(party):
        response = admin_client.get(admin_url(Person, "changelist"), {"party": party.pk})
        return [person.name for person in response.context["cl"].result_list]

    assert listed(rushanara_and_andrew["labour"]) == ["Rushanara Ali"]
    assert listed(rushanara_and_andrew["conservative"]) == []


def people_list_queries(admin_client, count: int) -> int:
    parties = [make_party(f"Party {n:02}") for n in range(3)]
    for n in range(count):
        person = make_person(f"Person {Person.objects.count():03}")
        PartyMembershipFactory(person=person, party=parties[n % 3], role="Councillor")
        PartyMembershipFactory(person=person, party=parties[(n + 1) % 3], ended=True)
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(admin_url(Person, "changelist"))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == Person.objects.count()
    return len(queries)


def test_the_people_list_costs_the_same_queries_for_3_or_30_people(admin_client):
    with_3 = people_list_queries(admin_client, 3)
    PartyMembership.objects.all().delete()
    Person.objects.all().delete()
    Party.objects.all().delete()

    with_30 = people_list_queries(admin_client, 30)

    assert with_30 == with_3


# A spell's source: the story, not the file name


@pytest.fixture
def spell_from_a_story():
    story = make_article(title="Labour MP in talks", source_name="001_2bc5a03e90a2a01a.txt")
    spell = PartyMembershipFactory(
        person=make_person("Rushanara Ali"),
        party=make_party("Labour Party"),
        source="001_2bc5a03e90a2a01a.txt",
    )
    return story, spell


def story_link(story) -> str:
    return (
        f'<a href="{reverse("admin:articles_article_change", args=[story.pk])}" '
        f'title="001_2bc5a03e90a2a01a.txt">{story.title}</a>'
    )


def test_the_spells_list_shows_the_source_story_headline_linking_to_it(
    admin_client, spell_from_a_story
):
    story, _ = spell_from_a_story
    PartyMembershipFactory(person=make_person("Ajmal Masroor"), source="notes-from-a-call.txt")

    html = admin_client.get(admin_url(PartyMembership, "changelist")).content.decode()

    assert f'<td class="field-source_story">{story_link(story)}</td>' in html
    # A source no story was imported from is shown as it is stored.
    assert '<td class="field-source_story">notes-from-a-call.txt</td>' in html


def test_a_person_s_spells_show_their_source_story(admin_client, spell_from_a_story):
    story, spell = spell_from_a_story

    html = admin_client.get(admin_url(Person, "change", spell.person_id)).content.decode()

    assert story_link(story) in html


def test_the_spells_list_costs_the_same_queries_for_1_or_10_sourced_spells(admin_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            admin_client.get(admin_url(PartyMembership, "changelist"))
        return len(captured)

    for n in range(1):
        make_article(source_name=f"{n:03}.txt")
        PartyMembershipFactory(source=f"{n:03}.txt")
    with_1 = queries()
    for n in range(1, 10):
        make_article(source_name=f"{n:03}.txt")
        PartyMembershipFactory(source=f"{n:03}.txt")

    assert queries() == with_1


def test_the_place_form_keeps_aliases_on_other_errors(admin_client):
    make_constituency("Poplar and Limehouse", slug="poplar")

    response = admin_client.post(
        admin_url(Constituency, "add"),
        {"name": "Poplar", "slug": "poplar", "kind": "westminster", "aliases": "A, B"},
    )

    assert response.status_code == 200
    assert ">\nA, B</textarea>" in response.content.decode()
