"""search_articles on the database under test (SQLite FTS5 or PostgreSQL full-text search)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.search import search_articles
from articles.search.fallback import FallbackBackend
from articles.search.query import parse
from articles.search.results import SearchResults
from tests.factories import london, make_article

pytestmark = pytest.mark.django_db


def titles(results) -> list[str]:
    return [hit.article.title for hit in results[0 : results.count()]]


def test_finds_a_word_in_the_headline_standfirst_or_body():
    make_article(title="Budget approved")
    make_article(title="Second", standfirst="The budget is out.")
    make_article(title="Third", body="Councillors argued about the budget all night.")
    make_article(title="Unrelated", body="Bins are collected on Tuesdays.")

    assert sorted(titles(search_articles("budget"))) == ["Budget approved", "Second", "Third"]


def test_related_word_forms_match_through_stemming():
    make_article(title="Council meets", body="The council voted.")

    assert titles(search_articles("councils")) == ["Council meets"]
    assert titles(search_articles("voting")) == ["Council meets"]


def test_every_word_must_appear_unless_or_is_used():
    make_article(title="Housing budget")
    make_article(title="Transport budget")

    assert titles(search_articles("housing budget")) == ["Housing budget"]
    assert sorted(titles(search_articles("housing or transport"))) == [
        "Housing budget",
        "Transport budget",
    ]
    assert titles(search_articles("budget -transport")) == ["Housing budget"]


def test_quoted_words_must_appear_together():
    make_article(title="Council tax rises")
    make_article(title="Tax on the council")

    assert titles(search_articles('"council tax"')) == ["Council tax rises"]


def test_headline_matches_rank_above_body_matches():
    body_match = make_article(
        title="Weekly round-up", body="A note on the ferry. Then more on the ferry timetable."
    )
    title_match = make_article(title="Ferry service cut", body="Services end in June.")

    results = search_articles("ferry")
    hits = results[0:2]
    assert [hit.article for hit in hits] == [title_match, body_match]
    assert hits[0].rank > hits[1].rank


def test_equally_good_matches_come_newest_first():
    older = make_article(title="Ferry news", published_at=london(2024, 1, 1))
    newer = make_article(title="Ferry news", published_at=london(2024, 2, 1))

    assert [hit.article for hit in search_articles("ferry")[0:2]] == [newer, older]


def test_drafts_stories_in_review_and_scheduled_stories_are_never_found():
    make_article(title="Zebra crossing published")
    make_article(title="Zebra crossing draft", status=Article.Status.DRAFT)
    make_article(title="Zebra crossing review", status=Article.Status.REVIEW)
    make_article(
        title="Zebra crossing draft no date", status=Article.Status.DRAFT, published_at=None
    )
    make_article(title="Zebra crossing tomorrow", published_at=timezone.now() + timedelta(days=1))

    results = search_articles("zebra")
    assert results.count() == 1
    assert titles(results) == ["Zebra crossing published"]


def test_a_scheduled_story_is_found_once_its_time_comes():
    make_article(title="Zebra crossing", published_at=london(2024, 6, 1))

    assert search_articles("zebra", now=london(2024, 5, 31)).count() == 0
    assert search_articles("zebra", now=london(2024, 6, 1)).count() == 1


def test_an_edited_story_is_found_by_its_new_words_only():
    article = make_article(title="Zebra crossing", body="Stripes.")

    article.title = "Giraffe enclosure"
    article.body = "Long necks."
    article.save()

    assert search_articles("zebra").count() == 0
    assert search_articles("stripes").count() == 0
    assert titles(search_articles("giraffe necks")) == ["Giraffe enclosure"]


def test_a_bulk_update_without_signals_is_indexed_too():
    article = make_article(title="Zebra crossing")

    Article.objects.filter(pk=article.pk).update(standfirst="Okapi spotted")

    assert titles(search_articles("okapi")) == ["Zebra crossing"]


def test_a_deleted_story_is_no_longer_found():
    article = make_article(title="Zebra crossing")
    make_article(title="Zebra stripes")

    article.delete()

    assert titles(search_articles("zebra")) == ["Zebra stripes"]


def test_unpublishing_a_story_removes_it_from_results():
    article = make_article(title="Zebra crossing")

    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)

    assert search_articles("zebra").count() == 0


def test_hits_carry_a_highlighted_snippet_from_the_body():
    make_article(
        title="Vote",
        standfirst="The plan is out.",
        body="Councillors rejected the budget after a long debate.",
    )

    (hit,) = search_articles("budgets")[0:1]
    assert "the <mark>budget</mark> after" in hit.snippet


def test_snippets_are_escaped_and_show_no_link_addresses():
    make_article(
        title="Vote",
        standfirst="",
        body=(
            'Fish & chips <script>alert("x")</script> and the '
            '[budget report](https://example.com/budget-report) with <b onclick="x()">it</b>.'
        ),
    )

    (hit,) = search_articles("budget")[0:1]
    assert "<mark>budget</mark> report" in hit.snippet
    assert "Fish &amp; chips" in hit.snippet
    assert "example.com" not in hit.snippet and "https" not in hit.snippet
    without_marks = hit.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks and ">" not in without_marks


def test_results_are_read_a_page_at_a_time_in_rank_order():
    for number in range(25):
        make_article(title=f"Ferry story {number}", published_at=london(2024, 1, 1 + number))

    results = search_articles("ferry")
    first, second = results[0:20], results[20:40]
    assert results.count() == len(results) == 25
    assert len(first) == 20 and len(second) == 5
    assert first[0].article.title == "Ferry story 24"
    assert {hit.article.pk for hit in first}.isdisjoint(hit.article.pk for hit in second)


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "*",
        "AND OR NOT",
        "NEAR(",
        "NEAR(zebra crossing, 2)",
        "zebra*",
        "^zebra",
        "title:zebra",
        "{title}: zebra",
        '"unclosed zebra',
        "(((zebra",
        "-",
        "-zebra",
        "zebra\x00crossing",
        "'; DROP TABLE articles_article; --",
        "Sinn Féin 🗳️ 日本語 עברית",
        "zebra " * 2000,
        "x" * 10_000,
    ],
)
def test_odd_and_hostile_queries_never_raise(text):
    make_article(title="Zebra crossing")

    results = search_articles(text)
    hits = results[0:20]

    assert len(hits) == results.count()
    assert Article.objects.count() == 1


def test_a_query_of_only_punctuation_finds_nothing_without_asking_the_database(
    django_assert_num_queries,
):
    make_article(title="Zebra crossing")

    with django_assert_num_queries(0):
        results = search_articles('"*()')
        assert results.count() == 0
        assert results[0:20] == []


def test_unicode_words_are_found_with_or_without_accents():
    make_article(title="Sinn Féin gains")

    assert titles(search_articles("Féin")) == ["Sinn Féin gains"]
    if connection.vendor == "sqlite":
        # FTS5's tokenizer folds accents; PostgreSQL's english configuration does not.
        assert titles(search_articles("fein")) == ["Sinn Féin gains"]


def test_the_fallback_backend_finds_published_articles_by_substring():
    make_article(title="Weekly round-up", body="Then the [ferry](https://ferry.example) came.")
    title_match = make_article(title="Ferry cut")
    make_article(title="Ferry draft", status=Article.Status.DRAFT)

    results = SearchResults(FallbackBackend(), parse("ferry -bus"), Article.objects.published())
    hits = results[0:10]
    assert results.count() == 2
    assert hits[0].article == title_match
    assert "the <mark>ferry</mark> came" in hits[1].snippet
    assert "example" not in hits[1].snippet
