"""The search page /search/?q=: what readers see, what they must not, and what it costs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import london, make_article, make_constituency, make_party, make_person

# Section nav; the people (also offered by the person filter), party and constituency
# names (first page only; later pages read the people for the filter alone); counting
# the hits; the page of hits ranked and marked up; the articles with their sections
# (SQLite only: on PostgreSQL the ranked page is the articles, so it runs one fewer).
SEARCH_PAGE_QUERIES = 7
# Section nav (which the section filter reuses); the people the person filter offers.
EMPTY_SEARCH_QUERIES = 2

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    return client.get(reverse("search:results"), {"q": query, **params})


def make_ferry_stories(count: int) -> list[Article]:
    return [
        make_article(
            title=f"Ferry story {number}",
            body=f"The ferry timetable changes, part {number}.",
            published_at=london(2024, 1, 1) + timedelta(hours=number),
        )
        for number in range(count)
    ]


def test_search_lives_at_slash_search():
    assert reverse("search:results") == "/search/"


def test_an_empty_query_shows_only_the_form(client):
    make_article(title="Ferry story")

    response = client.get(reverse("search:results"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="search-query">' in html
    assert 'id="search-query" type="search" name="q" value=""' in html
    assert "Ferry story" not in html
    assert "No results" not in html
    assert "<title>Search – " in html


def test_a_blank_query_is_an_empty_query(client):
    html = search(client, "   ").content.decode()
    assert "No results" not in html


def test_the_page_is_never_indexed_by_search_engines(client):
    assert '<meta name="robots" content="noindex">' in search(client, "ferry").content.decode()
    assert '<meta name="robots" content="noindex">' in client.get("/search/").content.decode()


def test_hits_show_headline_link_highlighted_snippet_date_and_section(client):
    article = make_article(
        title="Ferry service cut",
        standfirst="Islanders protest.",
        body="The last ferry will sail in June, the council said.",
        published_at=london(2024, 5, 1, 9),
    )

    html = search(client, "ferry").content.decode()

    assert f'<a href="{article.get_absolute_url()}">Ferry service cut</a>' in html
    assert "The last <mark>ferry</mark> will sail" in html
    assert '<time datetime="2024-05-01T09:00:00+01:00">1 May 2024</time>' in html
    assert f'href="{article.section.get_absolute_url()}">{article.section.name}</a>' in html
    assert "1 story matches “ferry”" in html


def test_the_form_is_filled_in_with_the_query_escaped(client):
    html = search(client, '<script>alert("x")</script> ferry').content.decode()

    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ferry"' in html
    assert "<script>alert" not in html
    assert "<title>Search: &lt;script&gt;" in html


def test_hostile_story_text_is_escaped_in_snippets(client):
    make_article(
        title="Ferry",
        standfirst="",
        body='<script>alert("x")</script> <img src=x onerror="y()"> the ferry &amp; more',
    )

    html = search(client, "ferry").content.decode()

    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "the <mark>ferry</mark> &amp; more" in html


def test_unpublished_stories_appear_nowhere_on_the_page(client):
    make_article(title="Zebra published")
    make_article(title="Zebra draft", status=Article.Status.DRAFT)
    make_article(title="Zebra review", status=Article.Status.REVIEW)
    make_article(title="Zebra scheduled", published_at=timezone.now() + timedelta(days=1))

    html = search(client, "zebra").content.decode()

    assert "Zebra published" in html
    assert "Zebra draft" not in html
    assert "Zebra review" not in html
    assert "Zebra scheduled" not in html
    assert "1 story matches" in html


def test_matching_people_parties_and_places_are_listed_with_links(client):
    party = make_party("Conservative Party", slug="conservative", aliases=["Tories", "Tory"])
    person = make_person("Tory Jones")
    place = make_constituency("Tory Island", kind="ward")

    html = search(client, "tory").content.decode()

    assert f'<a href="{party.get_absolute_url()}">Conservative Party</a>' in html
    assert f'<a href="{person.get_absolute_url()}">Tory Jones</a>' in html
    assert f'<a href="{place.get_absolute_url()}">Tory Island</a>' in html
    assert "Council ward" in html


def test_no_results_says_so_and_offers_suggestions(client):
    make_article(title="Ferry story")

    html = search(client, "xylophone").content.decode()

    assert "No results for “xylophone”" in html
    assert "Check the spelling" in html
    assert "Browse a section" in html
    assert 'value="xylophone"' in html


def test_no_stories_but_a_matching_party_says_no_stories_match(client):
    party = make_party("Conservative Party", slug="conservative", aliases=["Tories"])

    html = search(client, "tories").content.decode()

    assert "No stories match “tories”" in html
    assert "No results for" not in html
    assert party.get_absolute_url() in html


def test_a_query_of_only_punctuation_shows_no_results_not_an_error(client):
    response = search(client, '"*(')

    assert response.status_code == 200
    assert "No results for “&quot;*(”" in response.content.decode()


@pytest.mark.parametrize(
    "text", ['"', "*", "AND OR NOT", "NEAR(", "x" * 5000, "Sinn Féin 🗳️", "a\x00b", "-"]
)
def test_odd_queries_give_a_page(client, text):
    make_article(title="Ferry story")

    assert search(client, text).status_code == 200


def test_results_are_paginated_twenty_at_a_time_keeping_the_query(client):
    make_ferry_stories(25)

    first = search(client, "ferry").content.decode()
    second = search(client, "ferry", page=2).content.decode()

    assert first.count('class="story-card search-hit"') == 20
    assert second.count('class="story-card search-hit"') == 5
    assert 'href="?q=ferry&amp;page=2"' in first
    assert 'rel="prev" href="?q=ferry"' in second
    assert "25 stories match" in first


def test_a_page_past_the_end_is_not_found(client):
    make_ferry_stories(3)

    assert search(client, "ferry", page=9).status_code == 404


@pytest.mark.parametrize(("count", "page"), [(2, None), (45, None), (45, 2)])
def test_the_results_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count, page
):
    make_ferry_stories(count)
    for number in range(count):
        make_person(f"Ferry Person {number}", slug=f"ferry-person-{number}")
        make_party(f"Ferry Party {number}", slug=f"ferry-party-{number}")
        make_constituency(f"Ferry Ward {number}", slug=f"ferry-ward-{number}", kind="ward")

    with django_assert_max_num_queries(SEARCH_PAGE_QUERIES):
        response = search(client, "ferry", **({"page": page} if page else {}))

    assert response.context["page"].object_list
    assert response.content.decode().count("<mark>ferry</mark>") >= min(count, 20)


def test_people_parties_and_places_are_listed_on_the_first_page_only(client):
    make_ferry_stories(25)
    person = make_person("Ferry Person")

    assert person.get_absolute_url() in search(client, "ferry").content.decode()
    assert person.get_absolute_url() not in search(client, "ferry", page=2).content.decode()


def test_an_empty_search_runs_only_the_layout_and_filter_queries(
    client, django_assert_max_num_queries
):
    make_ferry_stories(3)

    with django_assert_max_num_queries(EMPTY_SEARCH_QUERIES):
        client.get(reverse("search:results"))
