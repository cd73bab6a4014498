"""Narrowing a search by section, person and dates: the form, the results, bad input, costs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticlePerson
from articles.search import SearchFilters, search_articles
from tests.factories import london, make_article, make_person, make_section
from tests.search.test_page import SEARCH_PAGE_QUERIES

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    return client.get(reverse("search:results"), {"q": query, **params})


def titles(response) -> set[str]:
    return {hit.article.title for hit in response.context["page"].object_list}


@pytest.fixture
def stories():
    news, politics = make_section("News", slug="news"), make_section("Politics", slug="politics")
    galloway = make_person("George Galloway")
    about_him = make_article(
        title="Ferry and Galloway", section=politics, published_at=london(2024, 5, 1, 0, 30)
    )
    ArticlePerson.objects.create(article=about_him, person=galloway)
    make_article(title="Ferry in May", section=news, published_at=london(2024, 5, 31, 23, 30))
    make_article(title="Ferry in June", section=news, published_at=london(2024, 6, 1, 0, 30))
    return galloway


def test_a_section_narrows_the_stories(client, stories):
    assert titles(search(client, "ferry", section="news")) == {"Ferry in May", "Ferry in June"}


def test_a_person_narrows_the_stories_to_those_about_them(client, stories):
    response = search(client, "ferry", person=stories.slug)
    assert titles(response) == {"Ferry and Galloway"}


def test_dates_are_whole_days_on_the_sites_clock_both_ends_included(client, stories):
    # 00:30 on 1 May in London is still 30 April in UTC; 23:30 on 31 May is 22:30 UTC.
    may = search(client, "ferry", **{"from": "2024-05-01", "to": "2024-05-31"})
    assert titles(may) == {"Ferry and Galloway", "Ferry in May"}
    assert titles(search(client, "ferry", **{"from": "2024-06-01"})) == {"Ferry in June"}
    assert titles(search(client, "ferry", to="2024-04-30")) == set()


def test_filters_combine(client, stories):
    response = search(client, "ferry", section="news", **{"from": "2024-06-01"})
    assert titles(response) == {"Ferry in June"}


def test_an_unknown_section_or_person_finds_nothing(client, stories):
    assert titles(search(client, "ferry", section="sport")) == set()
    assert titles(search(client, "ferry", person="nobody")) == set()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2024-13-01"}, "From: “2024-13-01” is not a date. Use the form 2024-05-31"),
        ({"to": "31/05/2024"}, "To: “31/05/2024” is not a date."),
        ({"from": "9999-12-31"}, "is not a date"),
        ({"from": "٢٠٢٤-٠٥-٠١"}, "is not a date"),
        ({"from": "x" * 5000}, "“xxxxxxxxxxxxxxxxxxxx…” is not a date"),
        ({"from": "2024-06-01", "to": "2024-05-01"}, "The “from” date is after the “to” date"),
        ({"section": "<script>"}, "There is no such section"),
        ({"person": "a b"}, "There is no such person"),
    ],
)
def test_a_bad_filter_is_explained_and_the_search_runs_without_it(client, stories, params, message):
    response = search(client, "ferry", **params)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'role="alert"' in html
    assert "<script>" not in html.split("<main", 1)[-1]
    assert len(titles(response)) == 3


def test_filters_without_errors_say_nothing(client, stories):
    assert 'role="alert"' not in search(client, "ferry", section="news").content.decode()


def test_the_form_offers_labelled_filters_and_keeps_their_values(client, stories):
    html = search(
        client, "ferry", section="news", person=stories.slug, **{"from": "2024-05-01"}
    ).content.decode()

    assert '<label for="search-section">Section</label>' in html
    assert '<option value="news" selected>News</option>' in html
    assert '<label for="search-person">About</label>' in html
    assert f'<option value="{stories.slug}" selected>George Galloway</option>' in html
    assert '<label for="search-from">From</label>' in html
    assert 'id="search-from" type="date" name="from" value="2024-05-01"' in html
    assert 'id="search-to" type="date" name="to" value=""' in html
    assert "<legend>Narrow the search</legend>" in html


def test_pages_of_results_keep_the_filters(client):
    section = make_section("News", slug="news")
    for number in range(25):
        make_article(title=f"Ferry {number}", section=section)

    first = search(client, "ferry", section="news").content.decode()
    second = search(client, "ferry", section="news", page=2)

    assert 'href="?q=ferry&amp;section=news&amp;page=2"' in first
    assert len(titles(second)) == 5
    assert 'rel="prev" href="?q=ferry&amp;section=news"' in second.content.decode()


def test_page_one_has_one_address_with_its_filters(client, stories):
    response = search(client, "ferry", section="news", page=1)

    assert response.status_code == 301
    assert response["Location"] == "/search/?q=ferry&section=news"


def test_filters_never_reveal_unpublished_stories(client, stories):
    news = make_section("News", slug="news")
    make_article(title="Ferry draft", section=news, status=Article.Status.DRAFT)
    make_article(title="Ferry later", section=news, published_at=timezone.now() + timedelta(1))

    html = search(client, "ferry", section="news", **{"from": "2024-01-01"}).content.decode()

    assert "Ferry draft" not in html
    assert "Ferry later" not in html
    assert "2 stories match" in html


def test_filtered_results_cost_what_unfiltered_ones_do(
    client, stories, django_assert_max_num_queries
):
    for number in range(30):
        make_article(title=f"Ferry {number}", section=make_section("News", slug="news"))

    params = {"section": "news", "person": stories.slug, "from": "2024-01-01", "to": "2030-01-01"}
    with django_assert_max_num_queries(SEARCH_PAGE_QUERIES):
        response = search(client, "ferry", **params)

    assert response.status_code == 200


def test_filters_read_from_parameters_are_plain_values():
    from django.http import QueryDict

    filters = SearchFilters.from_params(QueryDict("section=news&from=2024-05-01&to="))

    assert filters.section == "news"
    assert filters.since.isoformat() == "2024-05-01"
    assert filters.until is None
    assert filters.errors == ()
    assert not SearchFilters.from_params(QueryDict(""))


def test_the_search_module_takes_the_filters_too(stories):
    filters = SearchFilters(section="politics")
    assert [hit.article.title for hit in search_articles("ferry", filters=filters)[0:5]] == [
        "Ferry and Galloway"
    ]


# Section nav; the people the person filter offers; counting; the page of hits (and,
# on SQLite, the articles with their sections). No entities or suggestion after page 1.
SEARCH_LATER_PAGE_QUERIES = 5


def test_a_later_filtered_page_runs_a_fixed_number_of_queries(
    client, stories, django_assert_max_num_queries
):
    news = make_section("News", slug="news")
    for number in range(45):
        make_article(title=f"Ferry {number}", section=news)

    with django_assert_max_num_queries(SEARCH_LATER_PAGE_QUERIES):
        response = search(client, "ferry", section="news", page=2)

    assert len(titles(response)) == 20
