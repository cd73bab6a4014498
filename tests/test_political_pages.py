"""Political facts on the reader site: person, place and party pages, and the story page.

Facts are shown at the precision the sources give, claims only ever as claims, and a
fact's source only as a link to a published story. Dates are fixed in the past, so
nothing here depends on today.
"""

from datetime import date

import pytest

from articles.citations import citation_key
from articles.models import Article, ReplyRequest
from people.models import Candidacy, Claim, DatePrecision, PartyMembership, PostHeld
from tests.factories import (
    CandidacyFactory,
    ClaimFactory,
    ElectionFactory,
    PostHeldFactory,
    ReplyRequestFactory,
    london,
    make_article,
    make_constituency,
    make_party,
    make_person,
)
from tests.helpers import link
from tests.test_public_pages import (
    ARTICLE_PAGE_QUERIES,
    CONSTITUENCY_PAGE_QUERIES,
    PARTY_PAGE_QUERIES,
    PERSON_PAGE_QUERIES,
)

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
YEAR, MONTH = DatePrecision.YEAR, DatePrecision.MONTH


def section(html: str, heading_id: str) -> str:
    """The part of the page from the heading with this id to the end of its section."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def parties():
    return {
        "labour": make_party("Labour Party", slug="labour", colour="#E4003B"),
        "aspire": make_party("Aspire", slug="aspire", colour="#6B0F8C"),
        "conservative": make_party("Conservative Party", slug="conservative", colour="#0087DC"),
    }


@pytest.fixture
def lutfur(parties):
    """Labour from 2008 (a year), expelled in 2010, independent, then Aspire from 2018."""
    person = make_person("Lutfur Rahman")
    PartyMembership.objects.create(
        person=person,
        party=parties["labour"],
        start=date(2008, 1, 1),
        start_precision=YEAR,
        end=date(2010, 9, 21),
        end_reason=PartyMembership.EndReason.EXPELLED,
    )
    PartyMembership.objects.create(
        person=person,
        party=None,
        start=date(2010, 9, 21),
        end=date(2018, 9, 1),
        end_precision=MONTH,
        end_reason=PartyMembership.EndReason.LEFT,
    )
    PartyMembership.objects.create(
        person=person, party=parties["aspire"], start=date(2018, 9, 1), start_precision=MONTH
    )
    return person


# --- The person page ------------------------------------------------------------------


def test_the_person_timeline_shows_an_independent_spell_and_dates_as_precise_as_known(
    client, lutfur
):
    html = client.get(lutfur.get_absolute_url()).content.decode()

    timeline = section(html, "timeline-heading")
    assert timeline.index("Labour Party") < timeline.index("Independent") < timeline.index("Aspire")
    assert '<time datetime="2008">2008</time> to <time datetime="2010-09-21">21 September' in (
        timeline
    )
    assert '<time datetime="2010-09-21">21 September 2010</time> to ' in timeline
    assert '<time datetime="2018-09">September 2018</time>' in timeline
    assert 'Since <time datetime="2018-09">September 2018</time>' in timeline
    assert "How it ended: Expelled" in timeline
    assert "How it ended: Left the party" in timeline
    assert '<a class="party-badge" href="/parties/aspire/"' in html


def test_a_person_who_sits_as_an_independent_now_is_shown_as_one(client, parties):
    person = make_person("Sham Uddin")
    PartyMembership.objects.create(
        person=person,
        party=parties["labour"],
        end=date(2023, 1, 1),
        end_reason=PartyMembership.EndReason.LEFT,
    )
    PartyMembership.objects.create(person=person, party=None, start=date(2023, 1, 1))

    html = client.get(person.get_absolute_url()).content.decode()

    assert '<p class="current-party">Independent</p>' in html
    assert "party-badge" not in html


def test_the_person_page_lists_posts_held(client, lutfur):
    borough = make_constituency("Tower Hamlets", kind="local_authority", slug="tower-hamlets")
    PostHeld.objects.create(
        person=lutfur, kind=PostHeld.Kind.MAYOR, place=borough, start=date(2022, 5, 9)
    )
    PostHeld.objects.create(
        person=lutfur, kind=PostHeld.Kind.PARTY_LEADER, party=lutfur.current_party, ended=True
    )

    html = client.get(lutfur.get_absolute_url()).content.decode()

    posts = section(html, "posts-heading")
    assert '<a href="/constituencies/tower-hamlets/">Mayor of Tower Hamlets</a>' in posts
    assert 'Since <time datetime="2022-05-09">9 May 2022</time>' in posts
    assert "Party leader, Aspire" in posts
    assert "Past; dates not recorded" in posts


def test_the_person_page_lists_candidacies_with_their_results(client, lutfur, parties):
    seat = make_constituency("Bethnal Green and Bow", slug="bethnal-green-and-bow")
    won = ElectionFactory(kind="mayoral", date=date(2022, 5, 5), place=seat)
    CandidacyFactory(
        election=won,
        person=lutfur,
        party=parties["aspire"],
        votes=40804,
        share="54.90",
        elected=True,
    )
    CandidacyFactory(election=won, person=make_person("John Biggs"), party=parties["labour"])
    stood_down = ElectionFactory(date=date(2015, 5, 7), place=seat)
    CandidacyFactory(
        election=stood_down,
        person=lutfur,
        party=None,
        withdrawn=True,
        withdrawn_on=date(2015, 4, 1),
    )

    html = client.get(lutfur.get_absolute_url()).content.decode()

    table = section(html, "candidacies-heading")
    assert table.index("2015 general election") < table.index("2022 mayoral election")
    assert (
        '<a href="/constituencies/bethnal-green-and-bow/">'
        "2022 mayoral election, Bethnal Green and Bow</a>"
    ) in table
    assert '<a href="/parties/aspire/">Aspire</a>' in table
    assert "40,804" in table
    assert "54.9%" in table
    assert "Elected" in table
    assert "<td>Independent</td>" in table
    assert 'Stood down on <time datetime="2015-04-01">1 April 2015</time>' in table
    assert "John Biggs" not in table


def test_claims_are_shown_as_claims_with_who_made_and_denied_them(client, lutfur):
    ClaimFactory(
        person=lutfur,
        statement="in talks to rejoin Labour",
        claimed_by="A council source",
        claimed_on=date(2024, 3, 1),
        status=Claim.Status.DENIED,
        denied_by="Aspire",
        status_changed_on=date(2024, 3, 2),
    )
    ClaimFactory(
        person=lutfur, statement="to stand again", claimed_by="", status=Claim.Status.CONFIRMED
    )

    html = client.get(lutfur.get_absolute_url()).content.decode()

    claims = section(html, "claims-heading")
    assert "These are claims, reported as made, not established facts." in claims
    assert "Claim: <q>in talks to rejoin Labour</q>" in claims
    assert "Claimed by A council source on 1 March 2024; denied by Aspire on 2 March 2024" in (
        claims
    )
    assert "Claim: <q>to stand again</q>" in claims
    assert "Claimed; confirmed" in claims
    # Nowhere else on the page, so never stated as a fact.
    assert html.count("in talks to rejoin Labour") == 1


def test_a_fact_links_its_source_only_when_that_story_is_published(client, lutfur):
    story = make_article(title="Rahman sets up Aspire", source_name="003_aspire.txt")
    draft = make_article(
        title="Secret draft", source_name="004_draft.txt", status=Article.Status.DRAFT
    )
    admin_story = make_article(title="Mayor returns", source_name="")
    spells = list(lutfur.memberships.order_by("start"))
    spells[2].source, spells[2].source_quote = citation_key(story), "He founded Aspire."
    spells[1].source, spells[1].source_quote = citation_key(draft), "An unpublished sentence."
    spells[0].source = "005_never_imported.txt"
    for spell in spells:
        spell.save()
    ClaimFactory(person=lutfur, source=citation_key(admin_story))

    html = client.get(lutfur.get_absolute_url()).content.decode()

    timeline = section(html, "timeline-heading")
    assert (
        f'Source: <a href="{story.get_absolute_url()}">Rahman sets up Aspire</a> '
        '<q class="fact-sentence">He founded Aspire.</q>'
    ) in timeline
    assert timeline.count("Source:") == 1
    for hidden in ["Secret draft", "004_draft.txt", "An unpublished sentence", "005_never"]:
        assert hidden not in html
    claims = section(html, "claims-heading")
    assert f'Source: <a href="{admin_story.get_absolute_url()}">Mayor returns</a>' in claims


def test_hostile_claims_and_sentences_are_escaped_on_the_person_page(client, lutfur):
    story = make_article(source_name="006_hostile.txt")
    ClaimFactory(
        person=lutfur,
        statement=HOSTILE,
        claimed_by=HOSTILE,
        status=Claim.Status.DENIED,
        denied_by=HOSTILE,
        source="006_hostile.txt",
        source_quote=HOSTILE,
    )
    spell = lutfur.memberships.first()
    spell.role, spell.source, spell.source_quote = HOSTILE, citation_key(story), HOSTILE
    spell.save()

    html = client.get(lutfur.get_absolute_url()).content.decode()

    assert HOSTILE not in html
    assert html.count(ESCAPED) >= 5


def test_the_person_page_costs_the_same_queries_however_many_facts(
    client, lutfur, parties, django_assert_num_queries
):
    story = make_article(source_name="007.txt")
    link(story, lutfur)
    lutfur.memberships.update(source="007.txt")
    with django_assert_num_queries(PERSON_PAGE_QUERIES):
        assert client.get(lutfur.get_absolute_url()).status_code == 200

    for number in range(5):
        place = make_constituency(f"Seat {number}")
        PostHeldFactory(person=lutfur, place=place, source=f"story:{story.pk}")
        CandidacyFactory(person=lutfur, election=ElectionFactory(place=place), source="x.txt")
        ClaimFactory(person=lutfur, source=f"{number}.txt")
        link(make_article(source_name=f"{number}.txt"), lutfur)
    with django_assert_num_queries(PERSON_PAGE_QUERIES):
        assert client.get(lutfur.get_absolute_url()).status_code == 200


# --- The place page -------------------------------------------------------------------


@pytest.fixture
def seat():
    borough = make_constituency("Tower Hamlets", kind="local_authority", slug="tower-hamlets")
    seat = make_constituency(
        "Bethnal Green and Stepney", slug="bethnal-green-and-stepney", parent=borough
    )
    make_constituency("Spitalfields", kind="ward", parent=seat, slug="spitalfields")
    return seat


def test_the_place_page_shows_results_most_votes_first_with_winner_and_bars(client, seat, parties):
    hostile = make_party("Odd Party", slug="odd", colour="x;top:0")
    election = ElectionFactory(date=date(2024, 7, 4), place=seat, turnout=41000)
    CandidacyFactory(
        election=election,
        person=make_person("Runner Up"),
        party=parties["labour"],
        votes=14000,
        share="34.10",
    )
    CandidacyFactory(
        election=election,
        person=make_person("Rushanara Ali"),
        party=parties["labour"],
        votes=15896,
        share="34.60",
        elected=True,
    )
    CandidacyFactory(
        election=election, person=make_person("Ajmal Masroor"), party=None, votes=14207
    )
    CandidacyFactory(
        election=election, person=make_person("Odd One"), party=hostile, votes=10, share="0.02"
    )
    # A share stored out of range (no full_clean) still draws a bar no wider than the cell.
    CandidacyFactory(
        election=election, person=make_person("Miscounted"), party=None, votes=None, share="250"
    )
    CandidacyFactory(
        election=election,
        person=make_person("Gone Early"),
        party=parties["conservative"],
        withdrawn=True,
    )

    html = client.get(seat.get_absolute_url()).content.decode()

    results = section(html, f"election-{election.pk}")
    order = ["Rushanara Ali", "Ajmal Masroor", "Runner Up", "Odd One", "Miscounted", "Gone Early"]
    positions = [results.index(name) for name in order]
    assert positions == sorted(positions)
    assert '<a href="/people/rushanara-ali/">Rushanara Ali</a>' in results
    winner = results[results.index("Rushanara Ali") :]
    assert winner.index("Elected") < winner.index("</tr>")
    assert results.count("Elected") == 1
    assert 'width: 34.60%; background-color: #E4003B"' in results
    assert "15,896" in results
    assert "Independent" in results
    gone = results[results.index("Gone Early") :]
    assert gone.index("Stood down") < gone.index("</tr>")
    # A colour that is not #rrggbb never reaches a style attribute: neutral grey instead.
    assert "x;top:0" not in html
    assert 'width: 0.02%; background-color: #6B6B6B"' in results
    assert "41,000 votes cast" in results
    assert "34.6%" in results
    assert "width: 100%;" in results


def test_the_place_page_lists_elections_newest_first(client, seat):
    ElectionFactory(date=date(2019, 12, 12), place=seat)
    ElectionFactory(date=date(2024, 7, 4), place=seat)
    ElectionFactory(kind="by_election", date=date(2021, 5, 6), place=seat)

    html = client.get(seat.get_absolute_url()).content.decode()

    positions = [
        html.index("2024 general election"),
        html.index("2021 by-election"),
        html.index("2019 general election"),
    ]
    assert positions == sorted(positions)


def test_a_candidate_whose_party_is_not_stated_is_not_called_independent(client, seat):
    election = ElectionFactory(
        kind="by_election", date=date(2024, 1, 1), date_precision="year", place=seat
    )
    CandidacyFactory(
        election=election, person=make_person("Gee Example"), party=None, party_not_stated=True
    )
    CandidacyFactory(election=election, person=make_person("Ivy Example"), party=None)

    html = client.get(seat.get_absolute_url()).content.decode()

    assert "<td>Party not stated</td>" in html
    assert html.count("<td>Independent</td>") == 1
    # A polling day known only to the year is shown as the year, not as 1 January.
    assert '<time datetime="2024">2024</time>' in html
    assert "1 January 2024" not in html


def test_the_place_page_shows_who_holds_office_now_and_the_wider_and_smaller_areas(
    client, seat, parties
):
    mp = make_person("Rushanara Ali")
    PostHeldFactory(person=mp, place=seat, party=parties["labour"], start=date(2010, 5, 6))
    PostHeldFactory(person=make_person("Former Member"), place=seat, end=date(2010, 5, 6))
    named_only = make_person("Named In Stories")
    link(make_article(), seat, named_only)

    html = client.get(seat.get_absolute_url()).content.decode()

    holders = section(html, "holders-heading")
    assert '<a href="/people/rushanara-ali/">Rushanara Ali</a>' in holders
    assert "MP" in holders
    assert "Labour Party" in holders
    assert "Former Member" not in holders
    former = section(html, "former-holders-heading")
    assert '<a href="/people/former-member/">Former Member</a>' in former
    assert "Rushanara Ali" not in former
    assert "Named In Stories" not in html
    assert '<a href="/constituencies/tower-hamlets/">Tower Hamlets</a>' in html
    assert '<a href="/constituencies/spitalfields/">Spitalfields</a>' in html


def test_the_place_page_costs_the_same_queries_for_one_election_as_for_five(
    client, seat, parties, django_assert_num_queries
):
    link(make_article(), seat)
    PostHeldFactory(place=seat, party=parties["labour"])
    CandidacyFactory(election=ElectionFactory(place=seat, date=date(2024, 7, 4)))
    with django_assert_num_queries(CONSTITUENCY_PAGE_QUERIES):
        assert client.get(seat.get_absolute_url()).status_code == 200

    for year in range(2005, 2020, 3):
        election = ElectionFactory(place=seat, date=date(year, 5, 5))
        for _ in range(3):
            CandidacyFactory(election=election, party=parties["aspire"])
        CandidacyFactory(election=election, party=None)
        PostHeldFactory(place=seat, kind="councillor")
    with django_assert_num_queries(CONSTITUENCY_PAGE_QUERIES):
        response = client.get(seat.get_absolute_url())
    assert len(response.context["elections"]) == 6


def test_hostile_names_are_escaped_on_the_place_page(client, seat):
    election = ElectionFactory(place=seat, name=HOSTILE)
    CandidacyFactory(election=election, person=make_person(HOSTILE, slug="hostile"))

    html = client.get(seat.get_absolute_url()).content.decode()

    assert HOSTILE not in html
    assert ESCAPED in html


# --- The party page -------------------------------------------------------------------


def test_the_party_page_shows_defections_in_and_out(client, parties, lutfur):
    labour = parties["labour"]
    defector = make_person("Ali Hassan Ali")
    PartyMembership.objects.create(
        person=defector,
        party=parties["conservative"],
        end=date(2022, 3, 23),
        end_reason=PartyMembership.EndReason.DEFECTED,
    )
    PartyMembership.objects.create(person=defector, party=labour, start=date(2022, 3, 23))
    leaver = make_person("Left For Aspire")
    PartyMembership.objects.create(
        person=leaver,
        party=labour,
        end=date(2018, 9, 1),
        end_precision=MONTH,
        end_reason=PartyMembership.EndReason.DEFECTED,
    )
    PartyMembership.objects.create(person=leaver, party=parties["aspire"], start=date(2018, 9, 1))

    html = client.get(labour.get_absolute_url()).content.decode()

    arrivals = section(html, "arrivals-heading")
    assert '<a href="/people/ali-hassan-ali/">Ali Hassan Ali</a>, from' in arrivals
    assert "Conservative Party" in arrivals
    assert '<time datetime="2022-03-23">23 March 2022</time>' in arrivals
    departures = section(html, "departures-heading")
    assert "Left For Aspire" in departures
    assert 'Defected <time datetime="2018-09">September 2018</time>, then' in departures
    # Expelled, not defected or left: Lutfur Rahman is a former member, not a defector.
    assert "Lutfur Rahman" not in departures
    assert "Lutfur Rahman" in section(html, "members-heading")
    # A spell that is over with no reason recorded ("ex-Labour"), then another party.
    ex_member = make_person("Ex Member")
    PartyMembership.objects.create(person=ex_member, party=labour, ended=True)
    PartyMembership.objects.create(person=ex_member, party=parties["aspire"])
    departures = section(
        client.get(labour.get_absolute_url()).content.decode(), "departures-heading"
    )
    assert '<a href="/people/ex-member/">Ex Member</a>: Membership ended, then' in departures

    aspire = client.get(parties["aspire"].get_absolute_url()).content.decode()
    # From Labour; joining from an independent spell is no defection.
    assert "Left For Aspire" in section(aspire, "arrivals-heading")
    assert "Lutfur Rahman" not in section(aspire, "arrivals-heading")


def test_the_party_page_shows_members_with_dates_and_posts_held_for_it(client, parties, lutfur):
    PostHeldFactory(
        person=lutfur,
        kind=PostHeld.Kind.PARTY_LEADER,
        place=None,
        party=parties["aspire"],
        start=date(2018, 9, 1),
        start_precision=MONTH,
    )

    html = client.get(parties["aspire"].get_absolute_url()).content.decode()

    members = section(html, "members-heading")
    assert 'Since <time datetime="2018-09">September 2018</time>' in members
    posts = section(html, "posts-heading")
    assert '<a href="/people/lutfur-rahman/">Lutfur Rahman</a>: Party leader, Aspire' in posts

    labour = client.get(parties["labour"].get_absolute_url()).content.decode()
    entry = section(labour, "members-heading")
    assert "Former member, now" in entry
    assert '<time datetime="2008">2008</time> to' in entry


def test_the_party_page_costs_the_same_queries_however_many_members_and_posts(
    client, parties, lutfur, django_assert_num_queries
):
    aspire = parties["aspire"]
    link(make_article(), aspire)
    with django_assert_num_queries(PARTY_PAGE_QUERIES):
        assert client.get(aspire.get_absolute_url()).status_code == 200

    for number in range(6):
        person = make_person(f"Member {number}")
        PartyMembership.objects.create(person=person, party=parties["labour"], end=date(2018, 1, 1))
        PartyMembership.objects.create(person=person, party=aspire, start=date(2018, 1, 1))
        PostHeldFactory(person=person, party=aspire, kind="councillor")
    with django_assert_num_queries(PARTY_PAGE_QUERIES):
        response = client.get(aspire.get_absolute_url())
    assert len(response.context["moves"].arrivals) == 6


# --- The story page -------------------------------------------------------------------


def people_panel(html: str) -> str:
    return section(html, "entities-people")


def test_a_2012_story_shows_the_affiliation_then_and_the_one_now(client, lutfur):
    story = make_article(published_at=london(2012, 6, 1))
    link(story, lutfur)

    panel = people_panel(client.get(story.get_absolute_url()).content.decode())

    assert '<a href="/people/lutfur-rahman/">Lutfur Rahman</a>' in panel
    assert panel.index("Independent") < panel.index("now") < panel.index("Aspire")
    assert "Labour Party" not in panel


def test_a_story_shows_the_affiliation_on_its_local_date(client, lutfur):
    # 21 September 2010, 00:30 in London is still 20 September in UTC: Labour that day
    # in UTC, independent in London, where readers see the date.
    story = make_article(published_at=london(2010, 9, 21, 0, 30))
    earlier = make_article(published_at=london(2009, 6, 1))
    link(story, lutfur)
    link(earlier, lutfur)

    on_the_day = people_panel(client.get(story.get_absolute_url()).content.decode())
    before = people_panel(client.get(earlier.get_absolute_url()).content.decode())

    assert "Independent" in on_the_day
    assert "Labour Party" not in on_the_day
    assert before.index("Labour Party") < before.index("now") < before.index("Aspire")


def test_a_story_from_after_the_last_move_shows_no_now(client, lutfur):
    story = make_article(published_at=london(2024, 5, 1))
    link(story, lutfur)

    panel = people_panel(client.get(story.get_absolute_url()).content.decode())

    assert "Aspire" in panel
    assert "now" not in panel
    assert "Independent" not in panel


def test_a_story_from_before_any_recorded_spell_shows_only_the_current_one(client, parties):
    newcomer = make_person("New Comer")
    PartyMembership.objects.create(person=newcomer, party=parties["labour"], start=date(2020, 1, 1))
    story = make_article(published_at=london(2015, 1, 1))
    link(story, newcomer)

    panel = people_panel(client.get(story.get_absolute_url()).content.decode())

    assert "Now" in panel
    assert "Labour Party" in panel


def test_the_story_page_shows_its_rights_of_reply_as_the_story_states_them(client, lutfur):
    story = make_article()
    ReplyRequestFactory(
        article=story,
        person=lutfur,
        organisation="",
        asked_on=date(2024, 4, 30),
        outcome=ReplyRequest.Outcome.DECLINED,
        statement="Mr Rahman's office declined to comment.",
    )
    ReplyRequestFactory(article=story, statement=HOSTILE)
    ReplyRequestFactory(article=make_article(), organisation="Another story's organisation")

    html = client.get(story.get_absolute_url()).content.decode()

    replies = section(html, "replies-heading")
    assert '<a href="/people/lutfur-rahman/">Lutfur Rahman</a>, asked on' in replies
    assert '<time datetime="2024-04-30">30 April 2024</time>' in replies
    assert "Declined to comment" in replies
    assert "Mr Rahman&#x27;s office declined to comment." in replies
    assert "LBC" in replies
    assert "Had not replied" in replies
    assert ESCAPED in replies
    assert HOSTILE not in html
    assert "Another story" not in html


def test_a_story_without_rights_of_reply_has_no_block(client):
    html = client.get(make_article().get_absolute_url()).content.decode()

    assert "Right of reply" not in html


def test_the_story_page_adds_one_query_for_rights_of_reply_however_many(
    client, lutfur, parties, django_assert_num_queries
):
    story = make_article(published_at=london(2012, 6, 1))
    link(story, lutfur, parties["labour"])
    link(make_article(title="Related"), lutfur)
    ReplyRequestFactory(article=story, person=lutfur, organisation="")
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        assert client.get(story.get_absolute_url()).status_code == 200

    for number in range(5):
        person = make_person(f"Councillor {number}")
        PartyMembership.objects.create(person=person, party=parties["labour"])
        PartyMembership.objects.create(person=person, party=None, start=date(2011, 1, 1))
        link(story, person)
        ReplyRequestFactory(article=story, person=person, organisation="")
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        assert client.get(story.get_absolute_url()).status_code == 200


def test_candidacy_and_reply_factories_make_valid_rows():
    for row in [CandidacyFactory(), ClaimFactory(), PostHeldFactory(), ReplyRequestFactory()]:
        row.full_clean()
    assert Candidacy.objects.count() == 1
