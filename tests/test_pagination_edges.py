"""Each page of a listing has one address: `?page=1` moves to the clean one, and a
page that does not exist (past the end, 0, -1, not a number) is a 404."""

from datetime import timedelta

import pytest
from django.urls import reverse

from reader import pagination
from tests.factories import london, make_article
from tests.helpers import make_full_story

pytestmark = pytest.mark.django_db

# Every paginated page, with the query its listing needs (search's `q`).
LISTINGS = {
    "front page": ("/", {}),
    "section": ("/section/news/", {}),
    "tag": ("/tag/council/", {}),
    "year archive": ("/2024/", {}),
    "month archive": ("/2024/05/", {}),
    "day archive": ("/2024/05/01/", {}),
    "search": ("/search/", {"q": "ferry"}),
    "people index": ("/people/", {}),
    "party index": ("/parties/", {}),
    "place index": ("/constituencies/", {"kind": "ward"}),
    "person": ("/people/ali-hassan-ali/", {}),
    "party": ("/parties/labour/", {}),
    "constituency": ("/constituencies/west-hampstead/", {}),
}
NOT_PAGES = ["2", "99", "0", "-1", "abc", "", "1.5", "２", "9" * 5000]


@pytest.fixture
def one_page_of_everything(entities):
    """A story on 1 May 2024 about everyone, in News, tagged council: one page each."""
    return make_full_story(
        *entities.values(),
        title="Ferry story",
        body="The ferry timetable changes.",
        tags=["council"],
        published_at=london(2024, 5, 1),
    )


@pytest.mark.parametrize("listing", LISTINGS)
def test_each_listing_answers_its_first_page(client, one_page_of_everything, listing):
    path, params = LISTINGS[listing]

    response = client.get(path, params)

    assert response.status_code == 200
    assert response.context["page"].number == 1


@pytest.mark.parametrize("number", NOT_PAGES)
@pytest.mark.parametrize("listing", LISTINGS)
def test_a_page_that_does_not_exist_is_not_found(client, one_page_of_everything, listing, number):
    path, params = LISTINGS[listing]

    response = client.get(path, {**params, "page": number})

    assert response.status_code == 404


@pytest.mark.parametrize("listing", LISTINGS)
def test_page_one_moves_permanently_to_the_address_without_it(
    client, one_page_of_everything, listing
):
    path, params = LISTINGS[listing]

    response = client.get(path, {**params, "page": 1})

    assert response.status_code == 301
    query = "&".join(f"{name}={value}" for name, value in params.items())
    assert response["Location"] == (f"{path}?{query}" if query else path)


def test_search_keeps_its_query_and_other_parameters_when_moved(client, one_page_of_everything):
    response = client.get("/search/?q=ferry+times&page=1&utm_source=x")

    assert response.status_code == 301
    assert response["Location"] == "/search/?q=ferry+times&utm_source=x"


def test_a_padded_or_repeated_page_number_moves_to_its_one_address(client):
    for day in range(21):
        make_article(published_at=london(2024, 5, 1) - timedelta(days=day))

    padded = client.get("/section/news/?page=02")
    repeated = client.get("/section/news/?page=1&page=2")
    second = client.get("/section/news/?page=2")

    assert (padded.status_code, padded["Location"]) == (301, "/section/news/?page=2")
    assert (repeated.status_code, repeated["Location"]) == (301, "/section/news/?page=2")
    assert second.status_code == 200
    assert len(second.context["page"]) == 1


def test_an_empty_listing_has_a_first_page_and_no_second(client):
    assert client.get("/").status_code == 200
    assert client.get("/", {"page": 2}).status_code == 404


def test_a_capped_listing_ends_at_its_last_counted_page_which_links_to_the_archive(
    client, monkeypatch
):
    monkeypatch.setattr(pagination, "MAX_PAGES", 2)
    for day in range(2 * pagination.PAGE_SIZE + 5):
        make_article(tags=["elections"], published_at=london(2024, 5, 1) - timedelta(days=day))
    url = reverse("articles:tag", args=["elections"])

    last = client.get(url, {"page": 2})
    beyond = client.get(url, {"page": 3})

    assert last.status_code == 200
    assert last.context["page"].older_url == "/2024/03/"
    assert 'href="/2024/03/"' in last.content.decode()
    assert beyond.status_code == 404


@pytest.mark.parametrize("listing", LISTINGS)
def test_moving_page_one_costs_no_queries(
    client, one_page_of_everything, django_assert_num_queries, listing
):
    path, params = LISTINGS[listing]

    with django_assert_num_queries(0):
        response = client.get(path, {**params, "page": 1})

    assert response.status_code == 301
