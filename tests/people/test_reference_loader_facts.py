"""The reference loader's rules for facts, each shown on a small inline document.

The facts quote a seed written to a temporary folder, so these tests say nothing about
the real seeds; tests/people/test_reference_facts.py checks the real file.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path
from textwrap import dedent

import pytest

from people.models import (
    Candidacy,
    Claim,
    Constituency,
    DatePrecision,
    Election,
    Party,
    PartyMembership,
    Person,
    PostHeld,
)
from people.reference import ReferenceDataError, ReferenceResult, load_reference

pytestmark = pytest.mark.django_db

# Line breaks and runs of spaces differ from the sentences below on purpose.
SEED = """Ali won the seat for Labour in 2010.  She denied a broadcaster's claim that she
was in talks to defect.

Sam Stand, an independent since June 2024,
   stood down on 3 June 2024.
"""

DOCUMENT = """
parties:
  - name: Labour Party
    slug: labour
    colour: "#E4003B"
constituencies:
  - name: Bethnal Green and Bow
    slug: bethnal-green-and-bow
    kind: westminster
people:
  - name: Rushanara Ali
    slug: rushanara-ali
    affiliations:
      - party: labour
        start: 2010
        source: story.txt
        sentence: Ali won the seat for Labour in 2010.
    posts:
      - kind: mp
        place: bethnal-green-and-bow
        party: labour
        start: 2010
        source: story.txt
        sentence: Ali won the seat for Labour in 2010.
    claims:
      - statement: In talks to defect
        claimed_by: A broadcaster
        denied_by: Rushanara Ali
        status: denied
        claimed_on: 2024-04-29
        status_changed_on: 2024-04-30
        source: story.txt
        sentence: She denied a broadcaster's claim that she was in talks to defect.
  - name: Sam Stand
    slug: sam-stand
    affiliations:
      - party: independent
        start: 2024-06
        source: story.txt
        sentence: Sam Stand, an independent since June 2024, stood down on 3 June 2024.
elections:
  - kind: general
    date: 2010
    place: bethnal-green-and-bow
    candidacies:
      - person: rushanara-ali
        party: labour
        votes: 21784
        share: 42.9
        elected: true
        source: story.txt
        sentence: Ali won the seat for Labour in 2010.
  - kind: general
    date: 2024-07-04
    place: bethnal-green-and-bow
    candidacies:
      - person: sam-stand
        party: independent
        withdrawn: true
        withdrawn_on: 2024-06-03
        source: story.txt
        sentence: Sam Stand, an independent since June 2024, stood down on 3 June 2024.
"""
# 1 party, 1 place, 2 people, 2 affiliations, 1 post, 1 claim, 2 elections, 2 candidacies.
ROWS = 12
MODELS = [
    Party,
    Constituency,
    Person,
    PartyMembership,
    PostHeld,
    Claim,
    Election,
    Candidacy,
]


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "story.txt").write_text(SEED, encoding="utf-8")
    return folder


@pytest.fixture
def load(tmp_path: Path, seeds: Path):
    """Load `text` (the document unless told otherwise), its facts quoting the seed above."""

    def load(text: str = DOCUMENT) -> ReferenceResult:
        path = tmp_path / "entities.yaml"
        path.write_text(dedent(text), encoding="utf-8")
        return load_reference(path, seeds=seeds)

    return load


def changed(old: str, new: str, text: str = DOCUMENT) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def row_counts() -> list[int]:
    return [model.objects.count() for model in MODELS]


# Loading.


def test_a_document_creates_every_kind_of_fact(load):
    assert load() == ReferenceResult(created=ROWS)
    assert row_counts() == [1, 1, 2, 2, 1, 1, 2, 2]
    post = PostHeld.objects.get()
    assert (post.label, post.source, post.source_quote) == (
        "MP for Bethnal Green and Bow",
        "story.txt",
        "Ali won the seat for Labour in 2010.",
    )
    claim = Claim.objects.get()
    assert (claim.status, claim.denied_by, claim.claimed_on, claim.status_changed_on) == (
        Claim.Status.DENIED,
        "Rushanara Ali",
        date(2024, 4, 29),
        date(2024, 4, 30),
    )
    won = Candidacy.objects.get(person__slug="rushanara-ali")
    assert (won.votes, won.share, won.elected, won.party.slug) == (
        21784,
        Decimal("42.9"),
        True,
        "labour",
    )
    assert won.election.slug == "2010-general-election-bethnal-green-and-bow"


def test_a_sentence_is_stored_with_its_whitespace_normalised(load):
    load(changed("since June 2024, stood down", "since June 2024,\n          stood   down"))

    quote = Candidacy.objects.get(person__slug="sam-stand").source_quote
    assert quote == "Sam Stand, an independent since June 2024, stood down on 3 June 2024."


def test_a_second_load_creates_and_changes_nothing(load):
    load()
    before = {model: list(model.objects.order_by("pk").values()) for model in MODELS}

    assert load() == ReferenceResult(unchanged=ROWS)
    assert {model: list(model.objects.order_by("pk").values()) for model in MODELS} == before


def test_a_changed_fact_is_updated_in_place(load):
    load()

    result = load(changed("votes: 21784", "votes: 21785"))

    assert result == ReferenceResult(updated=1, unchanged=ROWS - 1)
    assert Candidacy.objects.get(person__slug="rushanara-ali").votes == 21785
    assert Candidacy.objects.count() == 2


def test_a_claims_new_status_updates_the_claim(load):
    load()
    text = changed("status: denied", "status: confirmed")
    text = changed("        denied_by: Rushanara Ali\n", "", text)

    assert load(text).updated == 1
    assert (Claim.objects.get().status, Claim.objects.get().denied_by) == ("confirmed", "")


def test_nothing_is_deleted_when_a_fact_leaves_the_file(load):
    load()
    claims = DOCUMENT.index("    claims:\n")
    without_claims = DOCUMENT[:claims] + DOCUMENT[DOCUMENT.index("  - name: Sam Stand") :]

    assert load(without_claims) == ReferenceResult(unchanged=ROWS - 1)
    assert Claim.objects.count() == 1


# Independents.


def test_an_independent_affiliation_has_no_party(load):
    load()

    spell = PartyMembership.objects.get(person__slug="sam-stand")
    assert spell.party is None and spell.is_independent
    assert Person.objects.with_memberships().get(slug="sam-stand").current_party is None
    assert Candidacy.objects.get(person__slug="sam-stand").affiliation_name == "Independent"


def test_a_candidacy_must_say_its_party_or_independent(load):
    text = changed(
        "      - person: sam-stand\n        party: independent\n", "      - person: sam-stand\n"
    )

    with pytest.raises(ReferenceDataError, match=r"candidacy 0: missing party slug"):
        load(text)


def test_a_candidacy_whose_party_the_story_does_not_give_is_not_independent(load):
    load(
        changed(
            "        party: independent\n        withdrawn",
            "        party: not stated\n        withdrawn",
        )
    )

    candidacy = Candidacy.objects.get(person__slug="sam-stand")
    assert candidacy.party is None and candidacy.party_not_stated
    assert not candidacy.is_independent
    assert candidacy.affiliation_name == "Party not stated"


def test_a_party_may_not_take_the_slug_independent(load):
    with pytest.raises(ReferenceDataError, match=r"parties\[0\] 'Labour Party': the slug"):
        load(changed("slug: labour", "slug: independent"))


# Dates and their precision.


@pytest.mark.parametrize(
    ("written", "stored", "precision", "shown"),
    [
        ("2010", date(2010, 1, 1), DatePrecision.YEAR, "2010"),
        ('"2010"', date(2010, 1, 1), DatePrecision.YEAR, "2010"),
        ("2024-06", date(2024, 6, 1), DatePrecision.MONTH, "June 2024"),
        ("2024-06-03", date(2024, 6, 3), DatePrecision.DAY, "3 June 2024"),
        ('"2024-06-03"', date(2024, 6, 3), DatePrecision.DAY, "3 June 2024"),
    ],
)
def test_a_date_is_stored_as_precisely_as_it_is_written(load, written, stored, precision, shown):
    load(changed("start: 2024-06", f"start: {written}"))

    spell = PartyMembership.objects.get(person__slug="sam-stand")
    assert (spell.start, spell.start_precision, spell.start_display) == (stored, precision, shown)
    assert spell.end is None


def test_an_end_date_has_its_own_precision(load):
    load(changed("start: 2024-06", "start: 2024-06\n        end: 2024-06-27"))

    spell = PartyMembership.objects.get(person__slug="sam-stand")
    assert (spell.start_precision, spell.end_precision) == (DatePrecision.MONTH, DatePrecision.DAY)


def test_an_election_known_to_the_year_is_stored_on_its_first_day_as_a_year(load):
    load()

    election = Election.objects.get(slug__startswith="2010")
    assert (election.date, election.date_precision) == (date(2010, 1, 1), DatePrecision.YEAR)
    assert election.date_display == "2010"
    assert Election.objects.get(slug__startswith="2024").date_precision == DatePrecision.DAY


@pytest.mark.parametrize(
    "written",
    ["June 2024", "2024-6-3", "2024-13", "2024-02-30", "24", "2024-06-03 10:00:00", "true", "[]"],
)
def test_a_bad_date_is_refused_naming_the_entry(load, written):
    with pytest.raises(
        ReferenceDataError,
        match=r"people\[1\] 'Sam Stand' affiliation 0: bad start date .*"
        r"expected YYYY, YYYY-MM or YYYY-MM-DD",
    ):
        load(changed("start: 2024-06", f"start: {written}"))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("withdrawn_on: 2024-06-03", "withdrawn_on: 2024-06", r"candidacy 0: bad withdrawn_on"),
        ("claimed_on: 2024-04-29", "claimed_on: 2024", r"claim 0: bad claimed_on"),
    ],
)
def test_dates_the_model_keeps_whole_must_be_whole_days(load, old, new, message):
    with pytest.raises(ReferenceDataError, match=message + r" date .*expected YYYY-MM-DD"):
        load(changed(old, new))


# Slugs, keys and types.


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "      - party: labour\n        start: 2010",
            "      - party: labor\n        start: 2010",
            r"people\[0\] 'Rushanara Ali' affiliation 0: unknown party slug 'labor'",
        ),
        (
            "        place: bethnal-green-and-bow\n        party: labour",
            "        place: bethnal-green\n        party: labour",
            r"'Rushanara Ali' post 0: unknown place slug 'bethnal-green'",
        ),
        (
            "      - person: sam-stand",
            "      - person: sam-standing",
            r"elections\[1\] '2024-general-election-bethnal-green-and-bow' candidacy 0: "
            r"unknown person slug 'sam-standing'",
        ),
        (
            "    date: 2010\n    place: bethnal-green-and-bow",
            "    date: 2010\n    place: bow",
            r"elections\[0\] '2010-general-election-bow': unknown place slug 'bow'",
        ),
    ],
)
def test_an_unknown_slug_is_refused_naming_the_entry(load, old, new, message):
    with pytest.raises(ReferenceDataError, match=message):
        load(changed(old, new))
    assert row_counts() == [0] * len(MODELS)


def test_slugs_may_name_rows_already_in_the_database(load):
    load()
    text = """
    people:
      - name: Sam Stand
        slug: sam-stand
        posts:
          - kind: mp
            place: bethnal-green-and-bow
            party: labour
            source: story.txt
            sentence: Ali won the seat for Labour in 2010.
    """

    assert load(text) == ReferenceResult(created=1, unchanged=1)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("party: independent\n        start", "party_slug: x\n        start", "unknown field"),
        ("kind: mp", "kind: member", r"post 0: bad kind 'member', expected one of mp, "),
        ("status: denied", "status: rumoured", r"claim 0: bad status 'rumoured'"),
        ("votes: 21784", "votes: many", r"candidacy 0: votes must be a whole number"),
        ("votes: 21784", "votes: -1", r"candidacy 0: votes must be a whole number"),
        ("share: 42.9", "share: 142.9", r"candidacy 0: share must be a percentage"),
        ("elected: true", "elected: yes please", r"candidacy 0: elected must be true or false"),
        ("claimed_by: A broadcaster", "claimed_by: [A, B]", r"claim 0: claimed_by must be text"),
        ("    date: 2010\n", "", r"elections\[0\]: missing date"),
    ],
)
def test_an_unknown_key_or_a_wrong_type_is_refused(load, old, new, message):
    with pytest.raises(ReferenceDataError, match=message):
        load(changed(old, new))


def test_a_list_of_facts_must_be_a_list(load):
    text = """
    people:
      - name: Sam Stand
        affiliations: independent
    """

    with pytest.raises(ReferenceDataError, match=r"'Sam Stand': affiliations must be a list"):
        load(text)


def test_the_same_fact_twice_is_refused(load):
    post = """
      - kind: mp
        place: bethnal-green-and-bow
        party: labour
        start: 2010
        source: story.txt
        sentence: Ali won the seat for Labour in 2010.
"""
    text = changed("    claims:\n", post.lstrip("\n") + "    claims:\n")

    with pytest.raises(ReferenceDataError, match=r"'Rushanara Ali': the same post .* twice"):
        load(text)


# Sources and sentences: what makes the file reviewed.


def test_a_sentence_that_is_not_in_its_seed_is_refused(load):
    text = changed(
        "sentence: She denied a broadcaster's claim",
        "sentence: She admitted a broadcaster's claim",
    )

    with pytest.raises(
        ReferenceDataError,
        match=r"people\[0\] 'Rushanara Ali' claim 0: sentence not found in story.txt: "
        r"\"She admitted",
    ):
        load(text)
    assert row_counts() == [0] * len(MODELS)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "sentence: Ali won the seat for Labour in 2010.\n",
            "\n",
            "affiliation 0: missing sentence",
        ),
        ("source: story.txt", "source: other.txt", r"affiliation 0: no seed story 'other.txt'"),
        ("source: story.txt", "source: ../seeds/story.txt", "source must be a seed file name"),
        ("source: story.txt", "source: .story.txt", "source must be a seed file name"),
        ("source: story.txt\n", "\n", "affiliation 0: missing source"),
    ],
)
def test_every_fact_names_a_seed_and_quotes_a_sentence(load, old, new, message):
    with pytest.raises(ReferenceDataError, match=message):
        load(changed(old, new))


def test_sentences_are_checked_against_the_real_seeds_by_default(tmp_path):
    path = tmp_path / "entities.yaml"
    path.write_text(
        dedent("""
        people:
          - name: Sam Stand
            affiliations:
              - party: independent
                source: 001_2bc5a03e90a2a01a.txt
                sentence: Sam Stand, an independent since June 2024.
        """),
        encoding="utf-8",
    )

    with pytest.raises(ReferenceDataError, match="sentence not found in 001_2bc5a03e90a2a01a.txt"):
        load_reference(path)


# Nothing written when anything is wrong.


def test_nothing_is_written_when_the_last_entry_is_bad(load):
    text = changed("withdrawn_on: 2024-06-03", "withdrawn_on: 3rd June")

    with pytest.raises(ReferenceDataError, match="withdrawn_on"):
        load(text)
    assert row_counts() == [0] * len(MODELS)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # Only found by the model's own validation, after earlier rows were saved.
        ("        denied_by: Rushanara Ali\n", "", r"claim 0: denied_by: Say who denied it."),
        (
            "withdrawn: true",
            "withdrawn: true\n        elected: true",
            r"candidacy 0: A candidate who stood down cannot be elected.",
        ),
        (
            "start: 2024-06\n",
            "start: 2024-06\n        end_reason: left\n",
            r"'Sam Stand' affiliation 0: end_reason: Only a spell that is over",
        ),
        ("kind: mp\n", "kind: mp\n        title: " + "x" * 201 + "\n", r"post 0: title: "),
    ],
)
def test_a_fact_the_model_refuses_is_named_and_nothing_is_written(load, old, new, message):
    with pytest.raises(ReferenceDataError, match=message):
        load(changed(old, new))
    assert row_counts() == [0] * len(MODELS)


def test_a_refused_second_load_leaves_the_first_as_it_was(load):
    load()

    with pytest.raises(ReferenceDataError):
        load(changed("votes: 21784", "votes: 21785").replace("status: denied", "status: maybe"))
    assert Candidacy.objects.get(person__slug="rushanara-ali").votes == 21784
