"""The political facts the reference data records, as a reader sees them on person pages."""

import pytest
from django.conf import settings

from people.models import Person
from people.reference import load_reference

ENTITIES = settings.BASE_DIR / "fixtures" / "entities.yaml"


@pytest.fixture
def people(db):
    load_reference(ENTITIES)
    return {person.slug: person for person in Person.objects.with_memberships()}


@pytest.mark.parametrize(
    "slug, party",
    [
        # Quit as a Conservative candidate and joined Labour (000).
        ("ali-hassan-ali", "Labour Party"),
        # Was a Lib Dem candidate in 2005 and 2010; now "the independent Ajmal Masroor" (001).
        ("ajmal-masroor", None),
        # Labour council leader, then Tower Hamlets First, now leader of Aspire (001).
        ("lutfur-rahman", "Aspire"),
        # Respect, "now-dissolved"; now leads the Workers Party of Britain (001, 002).
        ("george-galloway", "Workers Party of Britain"),
        # "ex-Labour MP", now a Workers Party deputy (002).
        ("chris-williamson", "Workers Party of Britain"),
        # Quit Labour on the day of the story (001).
        ("sabina-akhtar", None),
        # Denied defecting: still Labour (002).
        ("tahir-ali", "Labour Party"),
    ],
)
def test_current_party_follows_what_the_seeds_say(people, slug, party):
    current = people[slug].current_party
    assert (current.name if current else None) == party


def test_a_spell_marked_ended_without_a_date_is_past(people):
    masroor = people["ajmal-masroor"]
    assert [m.is_current() for m in masroor.memberships.all()] == [False, False]
    assert all(m.ended and m.end is None for m in masroor.memberships.all())
