"""The rules political facts keep, whoever enters them: dates, independents, claims."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from people.models import (
    Candidacy,
    Claim,
    DatePrecision,
    Election,
    PartyMembership,
    PostHeld,
    format_partial_date,
)
from tests.factories import make_constituency, make_party, make_person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("precision", "shown"),
    [
        (DatePrecision.YEAR, "2010"),
        (DatePrecision.MONTH, "June 2010"),
        (DatePrecision.DAY, "3 June 2010"),
    ],
)
def test_dates_are_shown_as_precisely_as_they_are_known(precision, shown):
    assert format_partial_date(date(2010, 6, 3), precision) == shown


def test_an_affiliation_without_a_party_is_an_independent_spell():
    spell = PartyMembership(person=make_person("Sham Uddin"))
    spell.full_clean()
    assert spell.is_independent
    assert spell.affiliation_name == "Independent"


def test_a_spell_cannot_end_before_it_starts():
    spell = PartyMembership(
        person=make_person("Ann Example"), start=date(2020, 1, 1), end=date(2019, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        spell.full_clean()
    assert "end" in error.value.message_dict


def test_only_a_spell_that_is_over_has_a_reason_it_ended():
    spell = PartyMembership(person=make_person("Ann Example"), end_reason="defected")
    with pytest.raises(ValidationError) as error:
        spell.full_clean()
    assert "end_reason" in error.value.message_dict
    spell.ended = True
    spell.full_clean()


def test_the_affiliation_on_a_day_is_the_spell_held_then():
    person = make_person("Lutfur Example")
    labour, aspire = make_party("Labour"), make_party("Aspire")
    PartyMembership.objects.create(
        person=person, party=labour, start=date(2002, 1, 1), end=date(2010, 9, 1)
    )
    PartyMembership.objects.create(person=person, start=date(2010, 9, 1), end=date(2018, 1, 1))
    PartyMembership.objects.create(person=person, party=aspire, start=date(2018, 1, 1))

    assert person.membership_on(date(2005, 5, 5)).party == labour
    assert person.membership_on(date(2012, 5, 5)).is_independent
    assert person.membership_on(date(2024, 5, 5)).party == aspire
    assert person.membership_on(date(1990, 1, 1)) is None
    assert person.current_party == aspire


def test_a_spell_marked_ended_without_a_date_was_not_held_on_any_day_it_cannot_place():
    spell = PartyMembership(ended=True)
    assert not spell.was_current_on(date(2024, 1, 1))
    assert PartyMembership(start=None).was_current_on(date(2024, 1, 1))


def test_a_post_is_labelled_by_its_kind_and_place_or_party():
    seat = make_constituency("Bethnal Green and Bow")
    party = make_party("Workers Party of Britain")
    person = make_person("Ann Example")
    assert PostHeld(person=person, kind="mp", place=seat).label == "MP for Bethnal Green and Bow"
    assert (
        PostHeld(person=person, kind="party_leader", party=party).label
        == "Party leader, Workers Party of Britain"
    )
    assert PostHeld(person=person, kind="prime_minister").label == "Prime Minister"
    mayoralty = make_constituency("Mayor of Tower Hamlets", kind="mayoralty")
    assert PostHeld(person=person, kind="mayor", place=mayoralty).label == "Mayor of Tower Hamlets"
    assert PostHeld(person=person, kind="minister", title="Minister for Fun").label == (
        "Minister for Fun"
    )


def test_an_election_is_named_by_year_kind_and_place():
    seat = make_constituency("Bethnal Green and Bow")
    election = Election.objects.create(
        kind="general", date=date(2010, 5, 6), place=seat, slug="ge-2010-bgb"
    )
    assert str(election) == "2010 general election, Bethnal Green and Bow"


def test_a_candidate_who_stood_down_cannot_be_elected():
    seat = make_constituency("Bethnal Green and Stepney")
    election = Election.objects.create(
        kind="general", date=date(2024, 7, 4), place=seat, slug="ge-2024-bgs"
    )
    candidacy = Candidacy(
        election=election, person=make_person("Mo Example"), withdrawn=True, elected=True
    )
    with pytest.raises(ValidationError):
        candidacy.full_clean()
    candidacy.elected = False
    candidacy.withdrawn_on = date(2024, 6, 3)
    candidacy.full_clean()
    assert candidacy.affiliation_name == "Independent"


def test_a_vote_share_is_a_percentage():
    seat = make_constituency("Rochdale")
    election = Election.objects.create(
        kind="by_election", date=date(2024, 2, 29), place=seat, slug="rochdale-2024"
    )
    candidacy = Candidacy(election=election, person=make_person("Gee Example"), share=140)
    with pytest.raises(ValidationError) as error:
        candidacy.full_clean()
    assert "share" in error.value.message_dict


def test_a_denied_claim_says_who_denied_it():
    claim = Claim(
        person=make_person("Tee Example"), statement="in talks to defect", status="denied"
    )
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "denied_by" in error.value.message_dict
    claim.denied_by = "Tee Example"
    claim.full_clean()


def test_a_claim_cannot_change_status_before_it_was_made():
    claim = Claim(
        person=make_person("Tee Example"),
        statement="in talks to defect",
        claimed_on=date(2024, 4, 30),
        status_changed_on=date(2024, 4, 1),
    )
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "status_changed_on" in error.value.message_dict


def test_a_timeline_puts_undated_past_spells_first_and_an_undated_current_one_last():
    person = make_person("Lutfur Example")
    labour, first, aspire = make_party("Labour"), make_party("First"), make_party("Aspire")
    current = PartyMembership.objects.create(person=person, party=aspire)
    dated = PartyMembership.objects.create(
        person=person, party=first, start=date(2014, 1, 1), ended=True
    )
    past = PartyMembership.objects.create(person=person, party=labour, ended=True)

    assert list(PartyMembership.objects.for_timeline()) == [past, dated, current]


def test_a_candidate_is_one_through_the_campaign_and_a_month_after_polling_day():
    person = make_person("Ajmal Example")
    seat = make_constituency("Bethnal Green and Bow")
    polling_day = Election.objects.create(
        kind="general", date=date(2010, 5, 6), place=seat, slug="ge-2010"
    )
    Candidacy.objects.create(election=polling_day, person=person)
    year_only = Election.objects.create(
        kind="general",
        date=date(2005, 1, 1),
        date_precision=DatePrecision.YEAR,
        place=seat,
        slug="ge-2005",
    )
    Candidacy.objects.create(election=year_only, person=person)

    assert person.candidacy_around(date(2010, 1, 10)).election == polling_day
    assert person.candidacy_around(date(2010, 6, 5)).election == polling_day
    assert person.candidacy_around(date(2010, 6, 7)) is None
    assert person.candidacy_around(date(2009, 11, 1)) is None
    assert person.candidacy_around(date(2005, 12, 31)).election == year_only


def test_the_posts_held_on_a_day_are_those_begun_and_not_ended():
    person = make_person("Lutfur Example")
    place = make_constituency("Tower Hamlets", kind="local_authority")
    leader = PostHeld.objects.create(
        person=person,
        kind="council_leader",
        place=place,
        start=date(2008, 1, 1),
        end=date(2010, 1, 1),
    )
    assert person.posts_on(date(2009, 6, 1)) == [leader]
    assert person.posts_on(date(2011, 6, 1)) == []
