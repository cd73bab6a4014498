"""The query vocabulary and model helpers behind the reader pages."""

from datetime import date, timedelta
from itertools import product

import pytest
import yaml
from django.conf import settings
from django.utils import timezone

from articles import coverage
from articles.models import Article
from people.colours import contrast_ratio, readable_text_colour
from people.models import Party, PartyMembership, Person
from tests.factories import (
    london,
    make_article,
    make_constituency,
    make_party,
    make_person,
    make_section,
)
from tests.helpers import link, make_full_story

NOW = london(2024, 6, 1, 12)
WCAG_AA_TEXT = 4.5


# --- Colours -----------------------------------------------------------------------


def test_contrast_ratio_runs_from_1_to_21():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21)
    assert contrast_ratio("#E4003B", "#E4003B") == pytest.approx(1)
    # A well-known pair: #767676 on white is just AA.
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(
    ("colour", "text"),
    [
        ("#E4003B", "#FFFFFF"),
        ("#0087DC", "#000000"),
        ("#FDF38E", "#000000"),
        ("#000000", "#FFFFFF"),
    ],
)
def test_readable_text_colour_picks_the_higher_contrast_of_black_and_white(colour, text):
    assert readable_text_colour(colour) == text


def test_black_or_white_text_meets_wcag_aa_on_every_colour():
    steps = range(0, 256, 15)
    for red, green, blue in product(steps, steps, steps):
        colour = f"#{red:02X}{green:02X}{blue:02X}"
        assert contrast_ratio(colour, readable_text_colour(colour)) >= WCAG_AA_TEXT, colour


def test_every_party_in_the_reference_file_gets_readable_text():
    reference = yaml.safe_load((settings.BASE_DIR / "fixtures" / "entities.yaml").read_text())
    for entry in reference["parties"]:
        party = Party(name=entry["name"], colour=entry["colour"])
        assert contrast_ratio(party.display_colour, party.text_colour) >= WCAG_AA_TEXT


@pytest.mark.parametrize("stored", ["red", "#E4003", "#E4003BB", "x;top:0", ""])
def test_a_party_colour_that_is_not_hex_displays_as_the_neutral_grey(stored):
    assert Party(colour=stored).display_colour == "#6B6B6B"


# --- Current party -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_current_membership_is_the_open_spell_begun_last(django_assert_num_queries):
    person = make_person("Ali Hassan Ali")
    conservatives, labour = make_party("Conservative Party"), make_party("Labour Party")
    PartyMembership.objects.create(person=person, party=conservatives, end=date(2022, 3, 23))
    PartyMembership.objects.create(
        person=person, party=labour, role="Member", start=date(2022, 3, 23)
    )
    PartyMembership.objects.create(person=person, party=labour, role="Councillor")

    loaded = Person.objects.with_memberships().get(pk=person.pk)
    with django_assert_num_queries(0):
        assert loaded.current_membership.start == date(2022, 3, 23)
        assert loaded.current_party == labour
        # Timeline order: an undated spell still going comes after the dated ones.
        assert loaded.current_roles == ["Member", "Councillor"]
        assert [m.party for m in loaded.memberships.all()] == [conservatives, labour, labour]


@pytest.mark.django_db
def test_without_dates_the_last_recorded_open_spell_is_current():
    person = make_person("Lutfur Rahman")
    for name in ["Labour Party", "Tower Hamlets First", "Aspire"]:
        PartyMembership.objects.create(person=person, party=make_party(name))

    assert Person.objects.with_memberships().get().current_party.name == "Aspire"


@pytest.mark.django_db
def test_a_spell_ending_in_the_future_is_current_and_one_that_ended_is_not():
    person = make_person("Jo Bloggs")
    party = make_party("Green Party")
    spell = PartyMembership.objects.create(
        person=person, party=party, end=timezone.localdate() + timedelta(days=30)
    )
    assert person.current_party == party

    spell.end = timezone.localdate() - timedelta(days=1)
    spell.save()
    assert Person.objects.get().current_party is None
    assert Person.objects.get().current_roles == []


# --- When a story was revised ------------------------------------------------------


def test_a_story_saved_soon_after_publication_was_not_revised():
    article = Article(published_at=NOW, created_at=NOW, updated_at=NOW + timedelta(minutes=10))
    assert article.revised_at is None


def test_a_story_imported_long_after_publication_was_not_revised_by_the_import():
    imported = NOW + timedelta(days=700)
    article = Article(
        published_at=NOW, created_at=imported, updated_at=imported + timedelta(seconds=2)
    )
    assert article.revised_at is None


def test_a_story_changed_hours_after_publication_was_revised():
    later = NOW + timedelta(hours=3)
    article = Article(published_at=NOW, created_at=NOW - timedelta(days=1), updated_at=later)
    assert article.revised_at == later


# --- Articles ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_mentioning_finds_stories_linked_to_each_kind_of_entity():
    person, party = make_person("Ali Hassan Ali"), make_party("Labour Party")
    place = make_constituency("West Hampstead")
    story = make_article()
    link(story, person, party, place)
    make_article()

    for entity in [person, party, place]:
        assert list(Article.objects.mentioning(entity)) == [story]


@pytest.mark.django_db
def test_related_to_keeps_out_drafts_even_when_not_asked_for_published_stories():
    person = make_person("Ali Hassan Ali")
    article = make_full_story(person)
    published = make_full_story(person)
    make_full_story(person, status=Article.Status.DRAFT)
    make_full_story(person, status=Article.Status.REVIEW)
    make_full_story(person, published_at=timezone.now() + timedelta(hours=1))

    assert list(Article.objects.related_to(article, limit=10)) == [published]


@pytest.mark.django_db
def test_related_stories_rank_a_shared_person_above_a_newer_shared_tag():
    person = make_person("Tahir Ali")
    article = make_article(tags=["elections"], published_at=london(2024, 5, 1))
    link(article, person)
    tag_only = make_article(tags=["elections"], published_at=london(2024, 5, 3))
    same_person = make_article(published_at=london(2024, 4, 1))
    link(same_person, person)
    both = make_article(tags=["elections"], published_at=london(2024, 3, 1))
    link(both, person)

    article = Article.objects.for_detail().get(pk=article.pk)
    related = Article.objects.published().related_to(article, limit=3)

    assert related == [both, same_person, tag_only]


@pytest.mark.django_db
def test_related_to_stops_at_the_limit_and_never_returns_the_story_itself(
    django_assert_num_queries,
):
    article = make_article(tags=["housing"])
    for day in range(1, 6):
        make_article(tags=["housing"], published_at=london(2024, 5, day))

    # As on the article page: the story's topics come with it (`for_detail()`).
    article = Article.objects.for_detail().get(pk=article.pk)
    with django_assert_num_queries(2):  # the ranking, then the stories
        related = Article.objects.related_to(article, limit=3)

    assert article not in related
    assert [story.published_at.day for story in related] == [5, 4, 3]


@pytest.mark.django_db
def test_section_blocks_take_two_queries_however_many_sections(django_assert_num_queries):
    sections = [make_section(f"Section {number}") for number in range(6)]
    for section in sections:
        for day in range(1, 6):
            make_article(section=section, published_at=london(2024, 5, day))
    make_article(section=sections[0], published_at=london(2024, 5, 9), status="draft")

    with django_assert_num_queries(2):  # the stories' ids, then the stories
        blocks = Article.objects.published().section_blocks(sections, per_section=3)
        assert [block.section for block in blocks] == sections
        assert [[story.published_at.day for story in block.stories] for block in blocks] == [
            [5, 4, 3]
        ] * 6
        assert {story.section.name for block in blocks for story in block.stories}


@pytest.mark.django_db
def test_section_blocks_leave_out_sections_with_nothing_published():
    quiet, busy = make_section("Quiet"), make_section("Busy")
    make_article(section=quiet, status=Article.Status.DRAFT)
    make_article(section=busy)

    blocks = Article.objects.published().section_blocks([quiet, busy], per_section=3)

    assert [block.section for block in blocks] == [busy]


# --- People -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_people_in_the_news_are_ranked_by_mentions_in_the_fortnight_up_to_a_time():
    regular, rising, forgotten = (make_person(name) for name in ["Regular", "Rising", "Forgotten"])
    link(make_article(published_at=NOW - timedelta(days=2)), regular, mentions=2)
    link(make_article(published_at=NOW - timedelta(days=1)), rising, mentions=5)
    link(make_article(published_at=NOW - timedelta(days=400)), forgotten, mentions=50)
    link(make_article(published_at=NOW - timedelta(days=1), status=Article.Status.DRAFT), forgotten)

    recent = coverage.people_in_the_news(until=NOW, days=14, limit=8)
    back_then = coverage.people_in_the_news(until=NOW - timedelta(days=400), days=14, limit=8)

    assert [(person.name, person.mentions) for person in recent] == [("Rising", 5), ("Regular", 2)]
    assert [person.name for person in back_then] == ["Forgotten"]
    assert [p.name for p in coverage.people_in_the_news(until=NOW, days=14, limit=1)] == ["Rising"]


@pytest.mark.django_db
def test_people_in_the_news_costs_three_queries_however_many_people(django_assert_num_queries):
    party = make_party("Labour Party")
    story = make_article(published_at=NOW - timedelta(days=1))
    for number in range(10):
        person = make_person(f"Person {number}")
        PartyMembership.objects.create(person=person, party=party)
        link(story, person)

    # The ranking, the people, their party spells.
    with django_assert_num_queries(3):
        people = coverage.people_in_the_news(until=NOW, days=14, limit=8)
        assert len(people) == 8
        assert {person.current_party for person in people} == {party}


@pytest.mark.django_db
def test_members_of_a_party_list_current_members_before_former_ones():
    labour, aspire = make_party("Labour Party"), make_party("Aspire")
    former = make_person("Aaron Former")
    PartyMembership.objects.create(person=former, party=labour, role="Leader")
    PartyMembership.objects.create(person=former, party=aspire)
    current = make_person("Zoe Current")
    PartyMembership.objects.create(person=current, party=labour)

    members = Person.objects.members_of(labour)

    assert members == [current, former]
    assert [spell.role for spell in members[1].party_spells] == ["Leader"]
