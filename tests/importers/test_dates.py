from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from articles.importers.base import DocumentError, ParsedArticle
from articles.importers.dates import (
    date_article_from_copy,
    find_full_date,
    infer_date,
    parse_date_value,
)

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Friday, 25th March 2022 — By Isabelle Stanley", date(2022, 3, 25)),
        ("25 March 2022", date(2022, 3, 25)),
        ("March 25, 2022", date(2022, 3, 25)),
        ("Published 2022-03-25", date(2022, 3, 25)),
        ("Sunday the 1st of May 2022", date(2022, 5, 1)),
    ],
)
def test_full_dates_in_common_shapes_are_read(text, expected):
    assert find_full_date(text) == (expected, "")


def test_a_weekday_that_does_not_match_the_date_is_flagged():
    found, warning = find_full_date("Monday, 25 March 2022")
    assert found == date(2022, 3, 25)
    assert "was a Friday" in warning


def test_an_impossible_full_date_is_an_error():
    with pytest.raises(DocumentError, match="does not exist"):
        find_full_date("31st February 2022")


def test_weekday_day_and_month_pin_down_the_latest_year_not_after_today():
    assert infer_date("this morning (Tuesday April 30)", today=TODAY) == date(2024, 4, 30)
    assert infer_date("on Friday 25th March", today=TODAY) == date(2022, 3, 25)


def test_a_date_later_this_year_is_not_inferred_into_the_future():
    # 24 December 2026 is a Thursday, but it has not happened yet on 24 November 2026.
    assert infer_date("Thursday 24 December", today=TODAY) == date(2020, 12, 24)


def test_a_weekday_alone_or_a_date_without_weekday_pins_nothing_down():
    assert infer_date("last night (Wednesday) he resigned", today=TODAY) is None
    assert infer_date("on 30 April the MP said", today=TODAY) is None


def test_an_article_without_any_date_becomes_a_draft_for_an_editor():
    article = ParsedArticle("a.txt", "h", "plaintext", "Title")
    date_article_from_copy(article, dateline="", copy="No date here.", today=TODAY)
    assert article.published_at is None
    assert article.is_draft
    assert "No publication date" in article.review_notes[0]


def test_an_inferred_date_is_recorded_as_inferred():
    article = ParsedArticle("a.txt", "h", "plaintext", "Title")
    date_article_from_copy(article, dateline="", copy="(Tuesday April 30)", today=TODAY)
    assert article.published_at.date() == date(2024, 4, 30)
    assert article.date_inferred
    assert not article.is_draft


def test_a_full_date_in_the_body_is_not_the_publication_date():
    article = ParsedArticle("a.txt", "h", "plaintext", "Title")
    date_article_from_copy(
        article, dateline="", copy="Parliament voted on Wednesday 15 November 2023.", today=TODAY
    )
    assert article.published_at is None
    assert article.is_draft


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-06-27", "2024-06-27T00:00:00+01:00"),
        (date(2024, 6, 27), "2024-06-27T00:00:00+01:00"),
        ("2024-01-10T08:30:00Z", "2024-01-10T08:30:00+00:00"),
        ("2024-01-10 08:30", "2024-01-10T08:30:00+00:00"),
        ("27 June 2024", "2024-06-27T00:00:00+01:00"),
    ],
)
def test_front_matter_date_values_become_aware_datetimes(value, expected):
    assert parse_date_value(value, field="date").isoformat() == expected


@pytest.mark.parametrize(
    "value, message",
    [
        ("2024-02-30", "does not exist"),
        ("next Tuesday", "not a date"),
        (20240627, "must be a date"),
        (["2024-06-27"], "must be a date"),
    ],
)
def test_bad_front_matter_dates_are_errors(value, message):
    with pytest.raises(DocumentError, match=message):
        parse_date_value(value, field="date")


# --- Only dates a newsroom can mean: 1800 to 2200, in UTC -----------------------------


@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:00:00+05:00",  # before year 1 once in UTC: stored as 1 BC by PostgreSQL
        "9999-12-31T23:59:59-05:00",  # year 10000 once in UTC
        "0001-01-01",
        "9999-12-31",
        "1799-12-31T23:59:59Z",
        "1800-01-01T00:30:00+01:00",  # 1799 in UTC
        "2201-01-01T00:00:00Z",
        "1 January 1066",
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))),  # as YAML reads it unquoted
        datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-5))),
        date(2999, 1, 1),
    ],
    ids=str,
)
def test_a_date_no_story_can_have_is_refused_with_the_date_as_written(value):
    with pytest.raises(DocumentError, match="not a date a story can have") as refused:
        parse_date_value(value, field="date")
    written = value if isinstance(value, str) else value.isoformat()
    assert written in str(refused.value)


@pytest.mark.parametrize(
    "value", ["1800-01-01T00:00:00Z", "2200-12-31T23:59:59Z", "1800-01-01", "2200-12-31"]
)
def test_the_first_and_last_accepted_moments_are_accepted(value):
    assert parse_date_value(value, field="date").tzinfo is not None


def test_a_dateline_outside_the_accepted_years_is_refused():
    article = ParsedArticle("a.txt", "h", "plaintext", "Title")
    with pytest.raises(DocumentError, match="dateline's date 14 October 1066"):
        date_article_from_copy(
            article, dateline="Saturday, 14th October 1066", copy="", today=TODAY
        )


def test_an_inferred_date_outside_the_accepted_years_is_refused():
    article = ParsedArticle("a.txt", "h", "plaintext", "Title")
    # An import run with the clock set far ahead would infer a date beyond 2200.
    with pytest.raises(DocumentError, match="inferred date"):
        date_article_from_copy(
            article, dateline="", copy="(Tuesday April 30)", today=date(9000, 1, 1)
        )


# --- The newsroom's time zone comes from settings.TIME_ZONE -------------------------


@pytest.mark.parametrize(
    "value",
    [
        date(2024, 1, 15),
        "2024-01-15",
        "15 January 2024",
        datetime.fromisoformat("2024-01-15T00:00"),
    ],
)
def test_a_date_without_a_zone_starts_in_the_newsrooms_time_zone(value, settings):
    assert parse_date_value(value, field="date").utcoffset() == timedelta(0)  # GMT in winter

    settings.TIME_ZONE = "America/New_York"

    moment = parse_date_value(value, field="date")
    assert moment.astimezone(UTC) == datetime(2024, 1, 15, 5, tzinfo=UTC)


def test_a_time_without_a_zone_is_newsroom_time_in_summer_too(settings):
    moment = parse_date_value("2024-07-01T09:30:00", field="date")

    assert moment.astimezone(UTC) == datetime(2024, 7, 1, 8, 30, tzinfo=UTC)
