"""The political facts the reviewed reference file records, each as its seed states it."""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings

from people.models import (
    Candidacy,
    Claim,
    DatePrecision,
    Election,
    Party,
    PartyMembership,
    Person,
    PostHeld,
)
from people.reference import load_reference

ENTITIES = settings.BASE_DIR / "fixtures" / "entities.yaml"
SEEDS = settings.BASE_DIR / "fixtures" / "seeds"
SOURCE_000 = "000_9370205d60b48b49.txt"
SOURCE_001 = "001_2bc5a03e90a2a01a.txt"
SOURCE_002 = "002_2c19ababa5a70ba0.txt"
TODAY = date(2026, 11, 27)


@pytest.fixture
def people(db):
    load_reference(ENTITIES)
    return {person.slug: person for person in Person.objects.with_memberships()}


def candidacy(person: str, kind: str, place: str, year: int) -> Candidacy:
    return Candidacy.objects.select_related("party", "election").get(
        person__slug=person,
        election__kind=kind,
        election__place__slug=place,
        election__date__year=year,
    )


@pytest.mark.parametrize(
    "slug, party",
    [
        # Quit as a Conservative candidate and joined Labour (000).
        ("ali-hassan-ali", "Labour Party"),
        # Was a Lib Dem candidate in 2005 and 2010; now "the independent Ajmal Masroor" (001).
        ("ajmal-masroor", None),
        # Labour, independent, Tower Hamlets First, now leader of Aspire (001).
        ("lutfur-rahman", "Aspire"),
        # Respect, "now-dissolved"; now leads the Workers Party of Britain (001, 002).
        ("george-galloway", "Workers Party of Britain"),
        # "ex-Labour MP", now a Workers Party deputy (002).
        ("chris-williamson", "Workers Party of Britain"),
        # Quit Labour on the day of the story (001).
        ("sabina-akhtar", None),
        # "a former Conservative councillor" (001).
        ("andrew-wood", None),
        # Denied defecting: still Labour (002).
        ("tahir-ali", "Labour Party"),
    ],
)
def test_current_party_follows_what_the_seeds_say(people, slug, party):
    current = people[slug].current_party
    assert (current.name if current else None) == party


def test_independents_are_independent_affiliations_not_missing_ones(people):
    for slug in ["ajmal-masroor", "sham-uddin", "mohammed-akunjee"]:
        membership = people[slug].current_membership
        assert membership is not None and membership.is_independent, slug
        assert membership.source == SOURCE_001
    assert (
        "the independent Ajmal Masroor" in people["ajmal-masroor"].current_membership.source_quote
    )
    # The seeds never say what Akhmed Yakoob stands as, so nothing is recorded.
    assert people["akhmed-yakoob"].current_membership is None


def test_a_spell_marked_ended_without_a_date_is_past(people):
    lib_dem, independent = people["ajmal-masroor"].memberships.all()
    assert (lib_dem.party.slug, lib_dem.ended, lib_dem.end) == ("liberal-democrats", True, None)
    assert not lib_dem.is_current()
    assert independent.is_current()


def test_andrew_wood_is_a_former_conservative_and_a_former_councillor(people):
    conservatives = Party.objects.get(slug="conservative")
    [spell] = people["andrew-wood"].memberships.all()
    assert (spell.party, spell.ended) == (conservatives, True)
    assert "a former Conservative councillor for Canary Wharf" in spell.source_quote
    assert not Person.objects.currently_in(conservatives).filter(slug="andrew-wood").exists()
    [post] = PostHeld.objects.filter(person__slug="andrew-wood")
    assert (post.kind, post.place.slug, post.is_current()) == ("councillor", "canary-wharf", False)


def test_lutfur_rahmans_affiliations_over_time_are_dated_to_the_year(people):
    spells = PartyMembership.objects.filter(person__slug="lutfur-rahman").order_by("pk")
    assert [
        (
            spell.party.slug if spell.party else "independent",
            spell.start_display,
            spell.end_display,
            spell.is_current(today=TODAY),
        )
        for spell in spells
    ] == [
        ("labour", "", "2010", False),
        ("independent", "2010", "2014", False),
        ("tower-hamlets-first", "2014", "", False),
        ("aspire", "", "", True),
    ]
    assert {spell.start_precision for spell in spells if spell.start} == {DatePrecision.YEAR}


def test_lutfur_rahmans_posts(people):
    posts = PostHeld.objects.filter(person__slug="lutfur-rahman").for_timeline()
    assert [
        (post.kind, post.start_display, post.end_display, post.is_current(today=TODAY))
        for post in posts
    ] == [
        ("council_leader", "2008", "2010", False),
        ("mayor", "2010", "2015", False),
        ("mayor", "2022", "", True),
        # Undated and still held: after the dated posts, as far as anyone can tell.
        ("party_leader", "", "", True),
    ]
    leader = posts[0]
    assert (leader.place.slug, leader.party.slug) == ("tower-hamlets", "labour")


def test_galloway_was_respect_until_it_dissolved_and_now_leads_the_workers_party(people):
    respect, workers = people["george-galloway"].memberships.all()
    assert (respect.party.slug, respect.ended, respect.end_reason) == (
        "respect-party",
        True,
        PartyMembership.EndReason.DISSOLVED,
    )
    assert (workers.party.slug, workers.source) == ("workers-party-of-britain", SOURCE_002)
    leader = PostHeld.objects.get(person__slug="george-galloway", kind="party_leader")
    assert leader.label == "Party leader, Workers Party of Britain"


def test_sabina_akhtar_left_labour_on_the_day_of_the_story(people):
    [spell] = people["sabina-akhtar"].memberships.all()
    assert (spell.party.slug, spell.end, spell.end_precision, spell.end_reason) == (
        "labour",
        date(2024, 6, 27),
        DatePrecision.DAY,
        PartyMembership.EndReason.LEFT,
    )


@pytest.mark.parametrize(
    "slug, kind, place, current",
    [
        ("rushanara-ali", "mp", "bethnal-green-and-bow", True),
        ("oona-king", "mp", "bethnal-green-and-bow", False),
        ("tahir-ali", "mp", "birmingham-hall-green", True),
        ("chris-williamson", "mp", "derby-north", False),
        ("chris-williamson", "deputy_party_leader", None, True),
        ("rushanara-ali", "shadow_minister", None, True),
        ("rishi-sunak", "prime_minister", None, True),
    ],
)
def test_posts_held(people, slug, kind, place, current):
    post = PostHeld.objects.get(person__slug=slug, kind=kind)
    assert (post.place.slug if post.place else None) == place
    assert post.is_current(today=TODAY) is current


def test_the_mps_posts_carry_their_years(people):
    ali = PostHeld.objects.get(person__slug="rushanara-ali", kind="mp")
    assert (ali.start_display, ali.party.slug) == ("2010", "labour")
    king = PostHeld.objects.get(person__slug="oona-king", kind="mp")
    assert (king.end_display, king.end_precision) == ("2005", DatePrecision.YEAR)


def test_sunak_is_prime_minister_as_seed_002_says(people):
    post = PostHeld.objects.get(person__slug="rishi-sunak")
    assert post.label == "Prime Minister"
    assert post.source == SOURCE_002
    assert "accusing Prime Minister Rishi Sunak" in post.source_quote


def test_the_2010_result_in_bethnal_green_and_bow(people):
    ali = candidacy("rushanara-ali", "general", "bethnal-green-and-bow", 2010)
    assert (ali.party.slug, ali.votes, ali.share, ali.elected) == (
        "labour",
        21784,
        Decimal("42.9"),
        True,
    )
    assert ali.source == SOURCE_001
    assert "Ali won the seat back for Labour with 21,784 votes (42.9% of the vote)" in (
        ali.source_quote
    )
    masroor = candidacy("ajmal-masroor", "general", "bethnal-green-and-bow", 2010)
    assert (masroor.party.slug, masroor.votes, masroor.share, masroor.elected) == (
        "liberal-democrats",
        10210,
        Decimal("20.1"),
        False,
    )
    assert ali.election.title == "2010 general election, Bethnal Green and Bow"


def test_the_2005_result_in_bethnal_green_and_bow(people):
    galloway = candidacy("george-galloway", "general", "bethnal-green-and-bow", 2005)
    king = candidacy("oona-king", "general", "bethnal-green-and-bow", 2005)
    assert (galloway.party.slug, galloway.votes, galloway.elected) == ("respect-party", 15801, True)
    assert (king.party.slug, king.votes, king.elected) == ("labour", 14978, False)
    # The seed gives no shares for 2005.
    assert galloway.share is None and king.share is None


def test_the_2024_candidates_in_bethnal_green_and_stepney(people):
    election = Election.objects.with_results().get(
        place__slug="bethnal-green-and-stepney", kind="general"
    )
    assert election.date == date(2024, 7, 4)
    standing = {
        c.person.slug: (c.affiliation_name, c.withdrawn) for c in election.candidacies.all()
    }
    assert standing == {
        "rushanara-ali": ("Labour Party", False),
        "rabina-khan": ("Liberal Democrats", False),
        "phoebe-gill": ("Green Party", False),
        "ajmal-masroor": ("Independent", False),
        "sham-uddin": ("Independent", False),
        "mohammed-akunjee": ("Independent", True),
    }


def test_masroor_stands_as_an_independent_in_2024(people):
    masroor = candidacy("ajmal-masroor", "general", "bethnal-green-and-stepney", 2024)
    assert masroor.party is None
    assert masroor.source == SOURCE_001
    assert "one being the independent Ajmal Masroor" in masroor.source_quote


def test_akunjee_stood_down_on_3_june_2024(people):
    akunjee = candidacy("mohammed-akunjee", "general", "bethnal-green-and-stepney", 2024)
    assert (akunjee.withdrawn, akunjee.withdrawn_on, akunjee.elected) == (
        True,
        date(2024, 6, 3),
        False,
    )
    assert "on June 3 he announced he’d step down" in akunjee.source_quote


def test_masroor_withdrew_from_west_ham_in_2005(people):
    west_ham = candidacy("ajmal-masroor", "general", "west-ham", 2005)
    assert (west_ham.party.slug, west_ham.withdrawn, west_ham.withdrawn_on) == (
        "liberal-democrats",
        True,
        None,
    )


def test_galloway_won_the_rochdale_by_election(people):
    rochdale = candidacy("george-galloway", "by_election", "rochdale", 2024)
    assert rochdale.elected
    assert "George Galloway’s byelection victory in Rochdale" in rochdale.source_quote
    # The seed does not say what he stood as: not stated, never read as independent.
    assert rochdale.party is None and rochdale.party_not_stated
    assert rochdale.affiliation_name == "Party not stated"
    assert rochdale.election.date_display == "2024"


def test_a_polling_day_keeps_the_precision_the_seed_gives(people):
    assert (
        candidacy("rushanara-ali", "general", "bethnal-green-and-bow", 2010).election.date_display
        == "2010"
    )
    assert (
        candidacy(
            "akhmed-yakoob", "mayoral", "mayor-of-the-west-midlands", 2024
        ).election.date_display
        == "2 May 2024"
    )


def test_a_candidate_whose_party_the_seed_does_not_give_is_not_called_independent(people):
    yakoob = candidacy("akhmed-yakoob", "mayoral", "mayor-of-the-west-midlands", 2024)
    assert yakoob.party_not_stated and not yakoob.is_independent


def test_the_west_hampstead_candidate_who_quit_and_the_one_who_replaced_him(people):
    quit_ = candidacy("ali-hassan-ali", "local", "west-hampstead", 2022)
    assert (quit_.party.slug, quit_.withdrawn, quit_.withdrawn_on) == (
        "conservative",
        True,
        date(2022, 3, 23),
    )
    replacement = candidacy("peter-horne", "local", "west-hampstead", 2022)
    assert (replacement.party.slug, replacement.withdrawn) == ("conservative", False)


def test_the_west_midlands_mayoral_election_has_only_the_candidate_the_seeds_name(people):
    election = Election.objects.get(place__slug="mayor-of-the-west-midlands")
    assert election.date == date(2024, 5, 2)
    assert [c.person.slug for c in election.candidacies.all()] == ["akhmed-yakoob"]


def test_tahir_alis_defection_claim_was_denied(people):
    claim = Claim.objects.get(person__slug="tahir-ali")
    assert (claim.statement, claim.status, claim.denied_by) == (
        "In talks to defect to the Workers Party",
        Claim.Status.DENIED,
        "Tahir Ali",
    )
    assert "Henry Riley" in claim.claimed_by
    assert claim.status_changed_on == date(2024, 4, 30)
    assert claim.source == SOURCE_002
    assert "unequivocally denied claims made in a radio broadcast" in claim.source_quote


def test_every_fact_carries_its_seed_and_a_sentence_found_there(people):
    texts = {path.name: " ".join(path.read_text().split()) for path in SEEDS.iterdir()}
    for model in [PartyMembership, PostHeld, Candidacy, Claim]:
        facts = list(model.objects.values_list("source", "source_quote"))
        assert facts, model
        for source, sentence in facts:
            assert sentence and sentence in texts[source], (model, source, sentence)
