"""The political facts in the admin: affiliations, posts, candidacies and claims, as editors
enter them, with the checks across rows and the story each fact cites."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import (
    Candidacy,
    Claim,
    Constituency,
    DatePrecision,
    Election,
    PartyMembership,
    Person,
    PostHeld,
)
from tests.factories import (
    PartyMembershipFactory,
    make_article,
    make_constituency,
    make_party,
    make_person,
)
from tests.helpers import add_inline_row, admin_form_data, inline_formset

pytestmark = pytest.mark.django_db


def admin_url(model, action: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def post_with_row(client, obj, model, **row):
    """Post `obj`'s change page back as it is, plus one new `model` row."""
    url = admin_url(type(obj), "change", obj.pk)
    page = client.get(url)
    data = admin_form_data(page)
    add_inline_row(data, inline_formset(page, model), **row)
    return client.post(url, data)


def inline_errors(response, model) -> list[str]:
    """Every error the `model` inline shows: across rows first, then each row's."""
    formset = inline_formset(response, model)
    errors = list(formset.non_form_errors())
    for form in formset.forms:
        errors.extend(str(error) for errors in form.errors.values() for error in errors)
    return errors


def make_election(place=None, **fields) -> Election:
    place = place or (
        Constituency.objects.filter(slug="bgb").first()
        or make_constituency("Bethnal Green and Bow", slug="bgb")
    )
    fields.setdefault("kind", Election.Kind.GENERAL)
    fields.setdefault("date", datetime.date(2010, 5, 6))
    fields.setdefault("slug", f"{fields['kind']}-{fields['date']}-{place.slug}")
    return Election.objects.create(place=place, **fields)


# Affiliations: independents, and spells that must not overlap


@pytest.fixture
def labour_since_2010():
    return PartyMembershipFactory(
        person=make_person("Rushanara Ali"),
        party=make_party("Labour Party"),
        start=datetime.date(2010, 1, 1),
        start_precision=DatePrecision.YEAR,
    )


def test_an_editor_adds_a_spell_as_an_independent_by_leaving_the_party_blank(admin_client):
    person = make_person("Sham Uddin")

    response = post_with_row(
        admin_client, person, PartyMembership, party="", role="Councillor", start="2024-06-01"
    )

    assert response.status_code == 302, inline_errors(response, PartyMembership)
    spell = person.memberships.get()
    assert spell.is_independent
    assert spell.role == "Councillor"
    html = admin_client.get(admin_url(Person, "changelist")).content.decode()
    assert '<td class="field-party">Independent</td>' in html


def test_the_party_autocomplete_reads_independent_when_empty(admin_client, labour_since_2010):
    html = admin_client.get(
        admin_url(Person, "change", labour_since_2010.person_id)
    ).content.decode()

    assert 'data-placeholder="Independent"' in html
    assert '<option value="">Independent</option>' in html


def test_an_overlapping_spell_is_refused_with_both_spells_named(admin_client, labour_since_2010):
    response = post_with_row(
        admin_client, labour_since_2010.person, PartyMembership, party="", start="2024-06-03"
    )

    assert inline_errors(response, PartyMembership) == [
        "“Labour Party (2010 – now)” and “Independent (3 June 2024 – now)” overlap. Correct "
        "the dates, or tick “overlap allowed” on one of them if both really were held at once."
    ]
    assert "“Independent (3 June 2024 – now)”" in response.content.decode()


def test_an_overlapping_spell_is_accepted_when_marked_overlap_allowed(
    admin_client, labour_since_2010
):
    response = post_with_row(
        admin_client,
        labour_since_2010.person,
        PartyMembership,
        party="",
        start="2024-06-03",
        may_overlap="on",
    )

    assert response.status_code == 302, inline_errors(response, PartyMembership)
    assert labour_since_2010.person.memberships.count() == 2


def test_a_spell_may_begin_the_day_the_last_one_ended(admin_client, labour_since_2010):
    labour_since_2010.end = datetime.date(2024, 6, 3)
    labour_since_2010.save()

    response = post_with_row(
        admin_client, labour_since_2010.person, PartyMembership, party="", start="2024-06-03"
    )

    assert response.status_code == 302, inline_errors(response, PartyMembership)


def test_a_spell_over_with_no_end_date_overlaps_what_began_after_it(admin_client):
    person = make_person("Ajmal Masroor")
    PartyMembershipFactory(person=person, party=make_party("Liberal Democrats"), ended=True)

    response = post_with_row(admin_client, person, PartyMembership, party="", start="2024-05-01")

    assert inline_errors(response, PartyMembership) == [
        "“Liberal Democrats (? – ?)” and “Independent (1 May 2024 – now)” overlap. Correct "
        "the dates, or tick “overlap allowed” on one of them if both really were held at once."
    ]


def test_overlaps_recorded_before_do_not_block_an_unrelated_edit(admin_client):
    person = make_person("Rushanara Ali")
    labour = make_party("Labour Party")
    PartyMembershipFactory(person=person, party=labour, role="Shadow minister")
    PartyMembershipFactory(person=person, party=labour, role="Parliamentary candidate")
    url = admin_url(Person, "change", person.pk)
    data = admin_form_data(admin_client.get(url))
    data["surname"] = "Ali"

    response = admin_client.post(url, data)

    assert response.status_code == 302


def test_a_hostile_role_is_escaped_in_the_overlap_message(admin_client, labour_since_2010):
    response = post_with_row(
        admin_client,
        labour_since_2010.person,
        PartyMembership,
        party="",
        role="<script>alert(1)</script>",
        start="2024-06-03",
    )

    html = response.content.decode()
    assert "“Independent, &lt;script&gt;alert(1)&lt;/script&gt; (3 June 2024 – now)”" in html
    assert "<script>alert(1)" not in html


def test_a_spell_cannot_end_before_it_starts(admin_client):
    person = make_person("Ann Example")

    response = post_with_row(
        admin_client, person, PartyMembership, party="", start="2020-01-01", end="2019-01-01"
    )

    assert inline_errors(response, PartyMembership) == ["The end is before the start."]
    assert not person.memberships.exists()


# Posts and claims


def test_an_editor_adds_a_post_and_the_people_list_shows_it(admin_client, labour_since_2010):
    seat = make_constituency("Bethnal Green and Bow")

    response = post_with_row(
        admin_client,
        labour_since_2010.person,
        PostHeld,
        kind=PostHeld.Kind.MP,
        place=seat.pk,
        start="2010-05-06",
    )

    assert response.status_code == 302, inline_errors(response, PostHeld)
    html = admin_client.get(admin_url(Person, "changelist")).content.decode()
    assert '<td class="field-current_post">MP for Bethnal Green and Bow</td>' in html


def test_a_denied_claim_needs_who_denied_it(admin_client):
    person = make_person("Sabina Akhtar")

    response = post_with_row(
        admin_client, person, Claim, statement="In talks to defect", status=Claim.Status.DENIED
    )

    assert inline_errors(response, Claim) == ["Say who denied it."]
    assert not person.claims.exists()


# Candidacies and elections


def test_a_candidate_who_stood_down_cannot_be_elected(admin_client):
    person = make_person("Ajmal Masroor")
    election = make_election()

    response = post_with_row(
        admin_client, person, Candidacy, election=election.pk, withdrawn="on", elected="on"
    )

    assert inline_errors(response, Candidacy) == ["A candidate who stood down cannot be elected."]
    assert not person.candidacies.exists()


def test_an_editor_adds_the_candidates_to_an_election(admin_client):
    election = make_election()
    winner, loser = make_person("Rushanara Ali"), make_person("Ajmal Masroor")
    url = admin_url(Election, "change", election.pk)
    page = admin_client.get(url)
    data = admin_form_data(page)
    candidates = inline_formset(page, Candidacy)
    add_inline_row(data, candidates, person=winner.pk, party="", share="42.9", elected="on")
    add_inline_row(data, candidates, person=loser.pk, party="", share="57.1")

    response = admin_client.post(url, data)

    assert response.status_code == 302, inline_errors(response, Candidacy)
    assert {(c.person, c.share, c.elected) for c in election.candidacies.all()} == {
        (winner, Decimal("42.90"), True),
        (loser, Decimal("57.10"), False),
    }


def test_vote_shares_adding_up_to_over_100_are_refused(admin_client):
    election = make_election()
    url = admin_url(Election, "change", election.pk)
    page = admin_client.get(url)
    data = admin_form_data(page)
    candidates = inline_formset(page, Candidacy)
    add_inline_row(data, candidates, person=make_person("A One").pk, share="60")
    add_inline_row(data, candidates, person=make_person("B Two").pk, share="40.6")

    response = admin_client.post(url, data)

    assert inline_errors(response, Candidacy) == [
        "The vote shares add up to 100.6%, more than 100%."
    ]
    assert not election.candidacies.exists()


def test_rounding_may_take_the_shares_just_over_100(admin_client):
    election = make_election()
    url = admin_url(Election, "change", election.pk)
    page = admin_client.get(url)
    data = admin_form_data(page)
    candidates = inline_formset(page, Candidacy)
    for name, share in [("A One", "33.4"), ("B Two", "33.4"), ("C Three", "33.4")]:
        add_inline_row(data, candidates, person=make_person(name).pk, share=share)

    response = admin_client.post(url, data)

    assert response.status_code == 302, inline_errors(response, Candidacy)


def test_no_more_candidates_are_elected_than_there_are_seats(admin_client):
    election = make_election(seats=2)
    url = admin_url(Election, "change", election.pk)
    page = admin_client.get(url)
    data = admin_form_data(page)
    candidates = inline_formset(page, Candidacy)
    for name in ["A One", "B Two", "C Three"]:
        add_inline_row(data, candidates, person=make_person(name).pk, elected="on")

    response = admin_client.post(url, data)

    assert inline_errors(response, Candidacy) == [
        "3 candidates are marked elected, but this election fills 2 seat(s)."
    ]


def test_the_elections_list_searches_and_filters(admin_client):
    make_election()
    make_election(kind=Election.Kind.BY_ELECTION, date=datetime.date(2012, 3, 1))

    searched = admin_client.get(admin_url(Election, "changelist"), {"q": "Bethnal"})
    filtered = admin_client.get(admin_url(Election, "changelist"), {"kind__exact": "by_election"})

    assert searched.context["cl"].result_count == 2
    assert [e.title for e in filtered.context["cl"].result_list] == [
        "2012 by-election, Bethnal Green and Bow"
    ]
    assert "2010 general election, Bethnal Green and Bow" in searched.content.decode()


def test_the_candidacy_inline_autocompletes_elections(admin_client):
    make_election()

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "people",
            "model_name": "candidacy",
            "field_name": "election",
            "term": "Beth",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == [
        "2010 general election, Bethnal Green and Bow"
    ]


# The source story: picked by autocomplete, stored as a citation key, shown as a link


def story_link(story, key: str) -> str:
    return (
        f'<a href="{reverse("admin:articles_article_change", args=[story.pk])}" '
        f'title="{key}">{story.title}</a>'
    )


@pytest.mark.parametrize(
    ("model", "row"),
    [
        (PartyMembership, {"party": ""}),
        (PostHeld, {"kind": PostHeld.Kind.OTHER, "title": "Campaign chief"}),
        (Claim, {"statement": "In talks to defect"}),
    ],
    ids=["affiliation", "post", "claim"],
)
def test_a_source_story_picked_in_an_inline_is_stored_as_its_citation_key(admin_client, model, row):
    person = make_person("Rushanara Ali")
    imported = make_article(title="Labour MP in talks", source_name="001_2bc5a03e90a2a01a.txt")

    response = post_with_row(admin_client, person, model, source_story=imported.pk, **row)

    assert response.status_code == 302, inline_errors(response, model)
    fact = model.objects.get(person=person)
    assert fact.source == "001_2bc5a03e90a2a01a.txt"
    html = admin_client.get(admin_url(Person, "change", person.pk)).content.decode()
    assert story_link(imported, "001_2bc5a03e90a2a01a.txt") in html


def test_a_story_written_in_the_admin_is_cited_by_its_id_even_as_a_draft(admin_client):
    election = make_election()
    draft = make_article(title="Count night", status="draft", published_at=None)

    response = post_with_row(
        admin_client,
        election,
        Candidacy,
        person=make_person("Rushanara Ali").pk,
        source_story=draft.pk,
    )

    assert response.status_code == 302, inline_errors(response, Candidacy)
    assert election.candidacies.get().source == f"story:{draft.pk}"
    html = admin_client.get(admin_url(Election, "change", election.pk)).content.decode()
    assert story_link(draft, f"story:{draft.pk}") in html
    # The picker shows the story chosen, by its headline.
    assert f'<option value="{draft.pk}" selected>Count night</option>' in html


def test_saving_unchanged_keeps_a_source_that_names_no_story(admin_client):
    spell = PartyMembershipFactory(person=make_person("Ajmal Masroor"), source="notes.txt")
    cited = make_article(source_name="001.txt")
    cited_spell = PartyMembershipFactory(
        person=spell.person, source="001.txt", end=datetime.date(2000, 1, 1)
    )
    url = admin_url(Person, "change", spell.person_id)
    page = admin_client.get(url)

    response = admin_client.post(url, admin_form_data(page))

    assert response.status_code == 302
    spell.refresh_from_db()
    cited_spell.refresh_from_db()
    assert (spell.source, cited_spell.source) == ("notes.txt", "001.txt")
    assert "notes.txt" in page.content.decode()
    assert story_link(cited, "001.txt") in page.content.decode()


def test_clearing_the_source_story_clears_the_source(admin_client):
    make_article(source_name="001.txt")
    spell = PartyMembershipFactory(person=make_person("Ajmal Masroor"), source="001.txt")
    url = admin_url(Person, "change", spell.person_id)
    page = admin_client.get(url)
    data = admin_form_data(page)
    data[f"{inline_formset(page, PartyMembership).prefix}-0-source_story"] = ""

    assert admin_client.post(url, data).status_code == 302
    spell.refresh_from_db()
    assert spell.source == ""


def test_a_hostile_headline_is_escaped_in_the_source_link(admin_client):
    make_article(title='<script>alert("x")</script>', source_name="001.txt")
    spell = PartyMembershipFactory(person=make_person("Ajmal Masroor"), source="001.txt")

    html = admin_client.get(admin_url(Person, "change", spell.person_id)).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_the_source_story_autocomplete_searches_headlines(admin_client):
    make_article(title="Labour MP in talks")
    make_article(title="Council tax rises")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "replyrequest",
            "field_name": "article",
            "term": "talks",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["Labour MP in talks"]


def test_the_posts_and_claims_lists_show_their_source_story(admin_client):
    story = make_article(title="Labour MP in talks", source_name="001.txt")
    person = make_person("Rushanara Ali")
    PostHeld.objects.create(person=person, kind=PostHeld.Kind.MP, source="001.txt")
    Claim.objects.create(person=person, statement="In talks", source=f"story:{story.pk}")

    posts = admin_client.get(admin_url(PostHeld, "changelist")).content.decode()
    claims = admin_client.get(admin_url(Claim, "changelist")).content.decode()

    assert f'<td class="field-source_story">{story_link(story, "001.txt")}</td>' in posts
    assert f'<td class="field-source_story">{story_link(story, f"story:{story.pk}")}</td>' in claims


# Query budgets


def add_sourced_facts(person, count: int) -> None:
    election_place = make_constituency(f"Place {Person.objects.count()}-{count}")
    for n in range(count):
        story = make_article(source_name=f"{person.pk}-{n}.txt")
        key = story.source_name
        year = 1990 + n
        PartyMembershipFactory(
            person=person,
            source=key,
            start=datetime.date(year, 1, 1),
            end=datetime.date(year, 6, 1),
        )
        PostHeld.objects.create(
            person=person,
            kind=PostHeld.Kind.MP,
            place=election_place,
            party=make_party(f"P{person.pk}-{n}"),
            source=key,
        )
        Claim.objects.create(person=person, statement=f"Claim {n}", source=key)
        election = make_election(place=election_place, date=datetime.date(year, 5, 1))
        Candidacy.objects.create(
            person=person,
            election=election,
            party=make_party(f"Q{person.pk}-{n}"),
            source=f"story:{story.pk}",
        )


def change_page_queries(client, person) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(Person, "change", person.pk))
    assert response.status_code == 200
    return len(queries)


def test_a_person_s_page_costs_the_same_queries_for_1_or_10_sourced_facts_of_each_kind(
    admin_client,
):
    one, ten = make_person("One Fact"), make_person("Ten Facts")
    add_sourced_facts(one, 1)
    add_sourced_facts(ten, 10)

    assert change_page_queries(admin_client, ten) == change_page_queries(admin_client, one)


def test_an_election_s_page_costs_the_same_queries_for_1_or_10_candidates(admin_client):
    def queries(election) -> int:
        with CaptureQueriesContext(connection) as captured:
            admin_client.get(admin_url(Election, "change", election.pk))
        return len(captured)

    small, large = make_election(), make_election(date=datetime.date(2015, 5, 7))
    for n, election in [(1, small), (10, large)]:
        for i in range(n):
            story = make_article()
            Candidacy.objects.create(
                election=election,
                person=make_person(f"Candidate {election.pk}-{i}"),
                party=make_party(f"Party {election.pk}-{i}"),
                source=f"story:{story.pk}",
            )

    assert queries(large) == queries(small)


# Session, user, the two counts, the people, their spells (with parties), their current
# posts (with places and parties), and the parties for the filter: none per row.
PEOPLE_LIST_QUERIES = 8


def test_the_people_list_of_20_people_with_spells_and_posts_fits_its_query_budget(
    admin_client, django_assert_max_num_queries
):
    labour = make_party("Labour Party")
    seat = make_constituency("Bethnal Green and Bow")
    for n in range(20):
        person = make_person(f"Person {n:02}")
        PartyMembershipFactory(person=person, party=labour if n % 2 else None, role="Member")
        PartyMembershipFactory(person=person, ended=True)
        PostHeld.objects.create(person=person, kind=PostHeld.Kind.MP, place=seat)
        PostHeld.objects.create(person=person, kind=PostHeld.Kind.MAYOR, place=seat, ended=True)

    with django_assert_max_num_queries(PEOPLE_LIST_QUERIES):
        response = admin_client.get(admin_url(Person, "changelist"))

    model_admin = response.context["cl"].model_admin
    rows = {
        (model_admin.party(person), model_admin.current_post(person))
        for person in response.context["cl"].result_list
    }
    assert rows == {
        ("Labour Party", "MP for Bethnal Green and Bow"),
        ("Independent", "MP for Bethnal Green and Bow"),
    }


def test_a_fact_s_own_page_picks_and_shows_its_source_story_too(admin_client):
    story = make_article(title="Labour MP in talks", source_name="001.txt")
    person = make_person("Rushanara Ali")

    response = admin_client.post(
        admin_url(PostHeld, "add"),
        {
            "person": person.pk,
            "kind": PostHeld.Kind.MP,
            "start_precision": "day",
            "end_precision": "day",
            "source_story": story.pk,
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    post = PostHeld.objects.get()
    assert post.source == "001.txt"
    html = admin_client.get(admin_url(PostHeld, "change", post.pk)).content.decode()
    assert story_link(story, "001.txt") in html
    assert 'name="source"' not in html


@pytest.fixture
def one_fact_of_each_kind():
    person = make_person("Rushanara Ali")
    election = make_election()
    return {
        Election: election,
        PostHeld: PostHeld.objects.create(person=person, kind=PostHeld.Kind.MP),
        Claim: Claim.objects.create(person=person, statement="In talks"),
        PartyMembership: PartyMembershipFactory(person=person, party=None),
    }


@pytest.mark.parametrize(
    "model", [Election, PostHeld, Claim, PartyMembership], ids=lambda m: m.__name__
)
def test_the_facts_lists_add_and_change_pages_load(admin_client, one_fact_of_each_kind, model):
    obj = one_fact_of_each_kind[model]

    for url in [
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
    ]:
        assert admin_client.get(url).status_code == 200, url
