"""A date archive has one address, zero-padded: `/2024/06/`, `/2024/06/05/`.

The month and day are read with or without their leading zero, and any other
spelling is a 301 to the padded one, its query string kept.
"""

import pytest
from django.urls import reverse

from tests.factories import london, make_article

pytestmark = pytest.mark.django_db


def test_archive_addresses_are_written_zero_padded():
    assert reverse("articles:archive_year", args=[2024]) == "/2024/"
    assert reverse("articles:archive_month", args=[2024, 6]) == "/2024/06/"
    assert reverse("articles:archive_day", args=[2024, 6, 5]) == "/2024/06/05/"
    assert reverse("articles:archive_month", args=[2024, 11]) == "/2024/11/"


def test_the_padded_month_and_day_show_their_stories(client):
    make_article(title="June the fifth", published_at=london(2024, 6, 5))

    month = client.get("/2024/06/")
    day = client.get("/2024/06/05/")

    assert month.status_code == day.status_code == 200
    assert "June the fifth" in month.content.decode()
    assert "June the fifth" in day.content.decode()


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("/2024/6/", "/2024/06/"),
        ("/2024/6/5/", "/2024/06/05/"),
        ("/2024/06/5/", "/2024/06/05/"),
        ("/2024/6/05/", "/2024/06/05/"),
        ("/02024/", "/2024/"),
        ("/02024/06/", "/2024/06/"),
    ],
)
def test_other_spellings_move_permanently_to_the_padded_address(client, spelling, canonical):
    make_article(published_at=london(2024, 6, 5))

    response = client.get(spelling)

    assert response.status_code == 301
    assert response["Location"] == canonical
    assert client.get(canonical).status_code == 200


def test_a_move_keeps_the_query_string(client):
    response = client.get("/2024/6/?page=2&utm_source=x")

    assert response.status_code == 301
    assert response["Location"] == "/2024/06/?page=2&utm_source=x"


def test_the_archive_pages_link_padded_addresses(client):
    make_article(published_at=london(2024, 6, 5))

    year = client.get("/2024/").content.decode()
    day = client.get("/2024/06/05/").content.decode()

    assert 'href="/2024/06/"' in year
    assert 'href="/2024/06/05/"' in client.get("/2024/06/").content.decode()
    assert 'href="/2024/06/"' in day


@pytest.mark.parametrize("path", ["/2024/13/", "/2024/00/", "/2024/02/30/", "/2024/123/"])
def test_a_date_that_does_not_exist_is_not_found(client, path):
    make_article(published_at=london(2024, 6, 5))

    assert client.get(path).status_code == 404


def test_moving_to_the_padded_address_costs_no_queries(client, django_assert_num_queries):
    make_article(published_at=london(2024, 6, 5))

    with django_assert_num_queries(0):
        response = client.get("/2024/6/5/")

    assert response.status_code == 301
