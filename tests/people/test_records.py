"""Several people's records read at once agree with each person's own, in three queries."""

from datetime import date

import pytest
from django.utils import timezone

from people.models import Candidacy, Election, PartyMembership, PostHeld
from people.records import Record, records_for
from tests.factories import make_constituency, make_party, make_person

pytestmark = pytest.mark.django_db

DAYS = [date(2005, 5, 5), date(2010, 1, 10), date(2012, 5, 5), date(2024, 5, 5)]


def _person_with_a_history(name, labour, aspire, seat, polling_day):
    person = make_person(name)
    PartyMembership.objects.create(
        person=person, party=labour, start=date(2002, 1, 1), end=date(2010, 9, 1)
    )
    PartyMembership.objects.create(person=person, start=date(2010, 9, 1), end=date(2018, 1, 1))
    PartyMembership.objects.create(person=person, party=aspire, start=date(2018, 1, 1))
    PostHeld.objects.create(person=person, title="Mayor", place=seat, start=date(2010, 10, 1))
    Candidacy.objects.create(election=polling_day, person=person, party=labour)
    return person


def test_records_read_together_say_what_each_person_says_alone(django_assert_num_queries):
    labour, aspire = make_party("Labour"), make_party("Aspire")
    seat = make_constituency("Tower Hamlets")
    polling_day = Election.objects.create(
        kind="general", date=date(2010, 5, 6), place=seat, slug="ge-2010"
    )
    people = [
        _person_with_a_history(f"Person {n}", labour, aspire, seat, polling_day) for n in range(5)
    ]
    nobody_known = make_person("Nothing Known")

    with django_assert_num_queries(3):
        records = records_for([p.pk for p in people] + [nobody_known.pk])

    today = timezone.localdate()
    for person in people:
        record = records[person.pk]
        assert record.current_membership(today) == person.current_membership
        for day in DAYS:
            assert record.membership_on(day) == person.membership_on(day)
            assert record.posts_on(day) == person.posts_on(day)
            assert record.candidacy_around(day) == person.candidacy_around(day)
    # Spot checks, so agreeing with a wrong rule cannot pass.
    first = records[people[0].pk]
    assert first.membership_on(date(2005, 5, 5)).party == labour
    assert first.membership_on(date(2012, 5, 5)).is_independent
    assert first.current_membership(today).party == aspire
    assert first.candidacy_around(date(2010, 1, 10)).election == polling_day
    assert [post.title for post in first.posts_on(date(2024, 5, 5))] == ["Mayor"]
    assert records[nobody_known.pk] == Record()
    assert records[nobody_known.pk].membership_on(date(2024, 5, 5)) is None


def test_no_people_need_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert records_for([]) == {}
