"""Date archives: stories filed by the day readers in London saw them published."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.querysets import archive_span
from tests.factories import london, make_article

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [story.title for story in response.context["page"]]


def test_a_story_just_after_midnight_bst_is_filed_under_the_london_date(client):
    # 00:30 on 1 June in London is 23:30 on 31 May in UTC.
    make_article(
        title="Just after midnight", published_at=datetime(2024, 5, 31, 23, 30, tzinfo=UTC)
    )
    make_article(title="Late in May", published_at=london(2024, 5, 31, 23, 0))

    june = client.get(reverse("articles:archive_month", args=[2024, 6]))
    first_of_june = client.get(reverse("articles:archive_day", args=[2024, 6, 1]))
    may = client.get(reverse("articles:archive_month", args=[2024, 5]))

    assert titles(june) == ["Just after midnight"]
    assert titles(first_of_june) == ["Just after midnight"]
    assert titles(may) == ["Late in May"]


def test_the_year_archive_links_the_months_that_have_stories(client):
    make_article(published_at=london(2024, 3, 25))
    make_article(published_at=london(2024, 11, 5))
    make_article(published_at=london(2023, 12, 31))

    response = client.get(reverse("articles:archive_year", args=[2024]))

    html = response.content.decode()
    assert "<h1>Stories from 2024</h1>" in html
    assert '<li><a href="/2024/03/">March</a></li>' in html
    assert '<li><a href="/2024/11/">November</a></li>' in html
    assert "/2023/12/" not in html
    assert len(response.context["page"]) == 2


def test_the_month_archive_links_its_days_and_the_year(client):
    make_article(published_at=london(2024, 4, 30))
    make_article(published_at=london(2024, 4, 2))

    html = client.get(reverse("articles:archive_month", args=[2024, 4])).content.decode()

    assert "<h1>Stories from April 2024</h1>" in html
    assert '<a href="/2024/">2024</a>' in html
    assert '<a href="/2024/04/30/" aria-label="30 April">30</a>' in html
    assert '<a href="/2024/04/02/" aria-label="2 April">2</a>' in html


def test_the_day_archive_links_back_to_its_month_and_year(client):
    make_article(title="The story", published_at=london(2024, 4, 30))

    html = client.get(reverse("articles:archive_day", args=[2024, 4, 30])).content.decode()

    assert "<h1>Stories from 30 April 2024</h1>" in html
    assert '<a href="/2024/04/">April</a>' in html
    assert '<a href="/2024/">2024</a>' in html
    assert "The story" in html


@pytest.mark.parametrize(
    "url",
    [
        "/2024/13/",
        "/2024/0/",
        "/2024/1/0/",
        "/2024/2/30/",
        "/2024/4/31/",
        "/2024/1/32/",
        "/0/",
        "/9999/12/31/",
    ],
)
def test_dates_that_do_not_exist_are_not_found(client, url):
    make_article(published_at=london(2024, 1, 1))

    assert client.get(url).status_code == 404


def test_an_archive_with_nothing_published_is_not_found(client):
    make_article(title="Draft", status=Article.Status.DRAFT, published_at=london(2024, 5, 1))
    make_article(title="Scheduled", published_at=timezone.now() + timedelta(days=1))

    tomorrow = timezone.localdate() + timedelta(days=1)
    for url in [
        reverse("articles:archive_year", args=[2019]),
        reverse("articles:archive_month", args=[2024, 5]),
        reverse("articles:archive_day", args=[2024, 5, 1]),
        reverse("articles:archive_day", args=[tomorrow.year, tomorrow.month, tomorrow.day]),
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Draft" not in response.content.decode()


def test_archive_span_covers_whole_local_days_across_the_clock_change():
    # The clocks went forward on 31 March 2024: that day had 23 hours.
    start, end = archive_span(2024, 3, 31)

    assert start == london(2024, 3, 31, 0)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=23)
    assert archive_span(2024, 12) == (london(2024, 12, 1, 0), london(2025, 1, 1, 0))
    assert archive_span(2024) == (london(2024, 1, 1, 0), london(2025, 1, 1, 0))


@pytest.mark.parametrize(
    "args",
    [
        (2024, 13),
        (2024, 0),
        (2024, 1, 0),
        (2024, 2, 30),
        (2024, None, 3),
        (0,),
        (9999,),
        (9999, 12, 31),
    ],
)
def test_archive_span_refuses_dates_that_do_not_exist(args):
    with pytest.raises(ValueError):
        archive_span(*args)
