"""Loading reference entities from YAML, and the facts in fixtures/entities.yaml."""

import re
from datetime import date
from pathlib import Path
from textwrap import dedent

import pytest
import yaml

from people.models import Constituency, Party, PartyMembership, Person
from people.reference import ReferenceDataError, ReferenceResult, load_reference
from tests.factories import make_party

ROOT = Path(__file__).resolve().parents[2]
ENTITIES = ROOT / "fixtures" / "entities.yaml"
SEEDS = ROOT / "fixtures" / "seeds"

SMALL = """
parties:
  - name: Labour
    slug: labour
    short_name: Lab
    colour: "#E4003B"
    aliases: [Labour Party]
constituencies:
  - name: West Hampstead
    slug: west-hampstead
    kind: ward
    parent: camden
  - name: Camden
    slug: camden
    kind: local_authority
people:
  - name: Ali Hassan Ali
    slug: ali-hassan-ali
    surname: Hassan Ali
    affiliations:
      - party: labour
        role: Member
        start: 2022-03-23
        source: 000_9370205d60b48b49.txt
        sentence: He instead said he had become a Labour member, as he could not bear to be
          associated with the Tories any more.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "entities.yaml"
    path.write_text(dedent(text), encoding="utf-8")
    return path


def row_counts() -> tuple[int, int, int, int]:
    return (
        Party.objects.count(),
        Constituency.objects.count(),
        Person.objects.count(),
        PartyMembership.objects.count(),
    )


@pytest.mark.django_db
def test_loading_creates_every_entity_and_affiliation(tmp_path):
    result = load_reference(write(tmp_path, SMALL))

    assert result == ReferenceResult(created=5, updated=0, unchanged=0)
    person = Person.objects.get(slug="ali-hassan-ali")
    assert person.short_name == "Hassan Ali"
    membership = person.memberships.get()
    assert (membership.party.slug, membership.role, membership.start, membership.end) == (
        "labour",
        "Member",
        date(2022, 3, 23),
        None,
    )
    assert membership.source == "000_9370205d60b48b49.txt"
    assert membership.source_quote.startswith("He instead said he had become a Labour member,")


@pytest.mark.django_db
def test_parents_are_resolved_whatever_order_the_file_lists_them_in(tmp_path):
    load_reference(write(tmp_path, SMALL))

    assert Constituency.objects.get(slug="west-hampstead").parent.slug == "camden"


@pytest.mark.django_db
def test_a_second_load_creates_and_changes_nothing(tmp_path):
    path = write(tmp_path, SMALL)
    load_reference(path)
    before = row_counts()

    result = load_reference(path)

    assert result == ReferenceResult(created=0, updated=0, unchanged=5)
    assert row_counts() == before


@pytest.mark.django_db
def test_a_changed_field_updates_the_existing_row(tmp_path):
    load_reference(write(tmp_path, SMALL))

    result = load_reference(write(tmp_path, SMALL.replace("#E4003B", "#E4003C")))

    assert result == ReferenceResult(created=0, updated=1, unchanged=4)
    assert Party.objects.get(slug="labour").colour == "#E4003C"


@pytest.mark.django_db
def test_a_changed_parent_counts_as_an_update(tmp_path):
    load_reference(write(tmp_path, SMALL))

    result = load_reference(write(tmp_path, SMALL.replace("    parent: camden\n", "")))

    assert result == ReferenceResult(created=0, updated=1, unchanged=4)
    assert Constituency.objects.get(slug="west-hampstead").parent is None


@pytest.mark.django_db
def test_an_affiliation_with_new_dates_is_updated_not_duplicated(tmp_path):
    load_reference(write(tmp_path, SMALL))

    result = load_reference(write(tmp_path, SMALL.replace("2022-03-23", "2022-03-24")))

    assert result.updated == 1
    assert PartyMembership.objects.get().start == date(2022, 3, 24)


@pytest.mark.django_db
def test_affiliations_may_name_a_party_already_in_the_database(tmp_path):
    make_party("Green Party", slug="green-party")
    text = SMALL.replace("party: labour", "party: green-party")

    load_reference(write(tmp_path, text))

    assert PartyMembership.objects.get().party.slug == "green-party"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("  - name: Camden\n", "  - slug: camden\n"), r"constituencies\[1\]: missing name"),
        (
            ("party: labour", "party: labor"),
            r"people\[0\] 'Ali Hassan Ali' affiliation 0: unknown party slug 'labor'",
        ),
        (('"#E4003B"', '"red"'), r"parties\[0\] 'Labour': bad colour 'red'"),
        (("kind: ward", "kind: parish"), r"constituencies\[0\] 'West Hampstead': bad kind"),
        (("parent: camden", "parent: kamden"), r"'West Hampstead': unknown parent 'kamden'"),
        (("slug: camden", "slug: west-hampstead"), r"slug 'west-hampstead' is already used"),
        (("start: 2022-03-23", "start: March 2022"), r"affiliation 0: bad start date"),
        (
            ("start: 2022-03-23", "start: 2022-03-23\n        ended: sometimes"),
            r"affiliation 0: ended must be true or false",
        ),
        (("        source: 000_9370205d60b48b49.txt\n", ""), r"affiliation 0: missing source"),
        (("short_name: Lab", "shortname: Lab"), r"'Labour': unknown field\(s\) shortname"),
    ],
)
@pytest.mark.django_db
def test_a_malformed_entry_is_named_in_the_error_and_nothing_is_written(tmp_path, change, message):
    old, new = change
    assert old in SMALL

    with pytest.raises(ReferenceDataError, match=message):
        load_reference(write(tmp_path, SMALL.replace(old, new, 1)))

    assert row_counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_parents_that_loop_are_rejected(tmp_path):
    text = SMALL.replace(
        "    kind: local_authority\n", "    kind: local_authority\n    parent: west-hampstead\n"
    )

    with pytest.raises(ReferenceDataError, match="parents form a loop"):
        load_reference(write(tmp_path, text))


@pytest.mark.django_db
def test_a_file_that_is_not_a_mapping_is_rejected(tmp_path):
    with pytest.raises(ReferenceDataError, match="expected a mapping"):
        load_reference(write(tmp_path, "- just\n- a list\n"))


# The real reference file.


@pytest.mark.django_db
def test_the_reference_file_loads_and_reloads_without_changes():
    first = load_reference(ENTITIES)
    second = load_reference(ENTITIES)

    assert first.created > 0 and first.updated == first.unchanged == 0
    assert second == ReferenceResult(created=0, updated=0, unchanged=first.created)


@pytest.mark.django_db
def test_the_reference_file_places_wards_and_mayoralties_in_their_boroughs():
    load_reference(ENTITIES)

    parents = dict(Constituency.objects.values_list("slug", "parent__slug"))
    assert parents["west-hampstead"] == "camden"
    assert parents["mayor-of-tower-hamlets"] == "tower-hamlets"
    assert parents["birmingham-hall-green"] == "birmingham"
    assert Constituency.objects.get(slug="tower-hamlets").kind == "local_authority"


@pytest.mark.django_db
def test_the_reference_file_records_ali_hassan_alis_change_of_party():
    load_reference(ENTITIES)

    spells = Person.objects.get(slug="ali-hassan-ali").memberships.order_by("party__slug")
    assert [(m.party.slug, m.start, m.end, m.end_reason, m.source) for m in spells] == [
        ("conservative", None, date(2022, 3, 23), "left", "000_9370205d60b48b49.txt"),
        ("labour", date(2022, 3, 23), None, "", "000_9370205d60b48b49.txt"),
    ]


def normalised(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def reference_data() -> dict:
    return yaml.safe_load(ENTITIES.read_text(encoding="utf-8"))


def facts_with_a_party(data: dict):
    """(person name, party slug, source) for each fact in the file that names a party."""
    names = {person["slug"]: person["name"] for person in data["people"]}
    for person in data["people"]:
        for fact in person.get("affiliations", []) + person.get("posts", []):
            yield person["name"], fact.get("party"), fact["source"]
    for election in data["elections"]:
        for candidacy in election.get("candidacies", []):
            yield names[candidacy["person"]], candidacy["party"], candidacy["source"]


def test_every_fact_with_a_party_cites_a_seed_that_names_the_person_and_the_party():
    """A fact's source must at least mention both sides of it: no party is read in."""
    data = reference_data()
    party_names = {
        party["slug"]: [party["name"], *party["aliases"], *party["common_word_aliases"]]
        for party in data["parties"]
    }
    party_names["independent"] = ["independent"]
    for person, party, source in facts_with_a_party(data):
        seed = SEEDS / source
        assert seed.is_file(), f"{person}: no seed {source}"
        text = normalised(seed.read_text(encoding="utf-8"))
        assert person in text, f"{person} is not in {seed.name}"
        if party and party != "not stated":
            assert any(re.search(rf"\b{re.escape(name)}\b", text) for name in party_names[party]), (
                f"{person}: {party} is not in {seed.name}"
            )


def test_the_reference_file_lists_no_byline_authors():
    people = {person["name"] for person in reference_data()["people"]}

    assert "Isabelle Stanley" not in people
