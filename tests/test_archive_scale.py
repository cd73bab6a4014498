"""No reader request does work that grows with the archive, on either database.

An archive is built and every public page read, measuring the work each makes the
database do; then the archive grows fourfold into the past, as archives do, and every
page is read again. Each page's work must stay within GROWTH of what it was.

Work is counted by the database, not timed, so the test is exact on any machine:
SQLite's virtual-machine steps (counted by a progress handler) and, on PostgreSQL, the
rows every plan node read (EXPLAIN ANALYZE: rows produced plus rows it removed by its
filters). A query that scans stories, counts them all or sorts them all shows here as
work four times larger.
"""

import json
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles import coverage
from articles.models import (
    Article,
    ArticleConstituency,
    ArticleParty,
    ArticlePerson,
    EntityLink,
    Section,
)
from articles.search import results as search_results
from reader import pagination
from tests.factories import make_constituency, make_party, make_person, make_section

pytestmark = pytest.mark.django_db

FIRST_SIZE = 1200
GROWN_SIZE = 4 * FIRST_SIZE
# The listings' and search's bounds, made small enough that even the first archive
# passes them on every page: below a bound, work rightly grows until it is reached.
MAX_PAGES = 5
MOST_RANKED = 100
STORIES_PER_DAY = 30
# Allowed growth of each page's work when the archive grows fourfold: a little, for
# index trees one level deeper and the like, never in proportion.
GROWTH = 1.25
SLACK = 200
RARE_WORD = "Zebedee"


class Archive:
    """Stories made in bulk as an import would leave them: linked, tagged, indexed."""

    def __init__(self):
        self.newest = timezone.now() - timedelta(hours=1)
        self.sections = [make_section(f"Section {n}") for n in range(4)]
        self.people = [make_person(f"Person {n}") for n in range(3)]
        self.parties = [make_party(f"Party {n}") for n in range(2)]
        self.places = [make_constituency(f"Place {n}") for n in range(2)]
        self.tags = [Tag.objects.create(name=name, slug=name) for name in self.tag_names()]
        self.made = 0

    @staticmethod
    def tag_names():
        return ["elections", *(f"topic-{n}" for n in range(5))]

    def add(self, count: int) -> None:
        """`count` more stories, each older than every story so far."""
        numbers = range(self.made, self.made + count)
        stories = Article.objects.bulk_create(
            Article(
                title=f"{RARE_WORD} story {number}" if number == 0 else f"Story {number}",
                slug=f"story-{number}",
                standfirst="What the count means.",
                body="George Galloway said the count would run late. " * 5,
                section=self.sections[number % 4],
                status=Article.Status.PUBLISHED,
                published_at=self.newest - timedelta(days=number / STORIES_PER_DAY),
            )
            for number in numbers
        )
        article_type = ContentType.objects.get_for_model(Article)
        TaggedItem.objects.bulk_create(
            TaggedItem(content_type=article_type, object_id=story.pk, tag=tag)
            for number, story in zip(numbers, stories, strict=True)
            for tag in [self.tags[0], self.tags[1 + number % 5]]
        )
        for model, field, entities in [
            (ArticlePerson, "person", self.people),
            (ArticleParty, "party", self.parties),
            (ArticleConstituency, "constituency", self.places),
        ]:
            model.objects.bulk_create(
                model(
                    article=story,
                    origin=EntityLink.Origin.AUTOMATIC,
                    mentions=1 + number % 3,
                    **{field: entities[number % len(entities)]},
                )
                for number, story in zip(numbers, stories, strict=True)
            )
        coverage.refresh(story.pk for story in stories)
        self.made += count
        if connection.vendor == "postgresql":
            # What autovacuum does on a real site: merge the search index's pending list
            # and gather the planner's statistics. SQLite gathers none by itself, so
            # none are gathered here either: its plans must hold without them.
            with connection.cursor() as cursor:
                cursor.execute("SELECT gin_clean_pending_list('articles_article_search'::regclass)")
                cursor.execute("ANALYZE")

    def pages(self) -> dict[str, str]:
        newest = Article.objects.get(slug="story-0")
        day = timezone.localtime(newest.published_at)
        return {
            "front page": "/",
            "front page, page 3": "/?page=3",
            "article": newest.get_absolute_url(),
            "section": self.sections[0].get_absolute_url(),
            "tag": reverse("articles:tag", args=["elections"]),
            "tag, last page": reverse("articles:tag", args=["elections"]) + f"?page={MAX_PAGES}",
            "person": self.people[0].get_absolute_url(),
            "party": self.parties[0].get_absolute_url(),
            "constituency": self.places[0].get_absolute_url(),
            "day archive": f"/{day.year}/{day.month}/{day.day}/",
            "month archive": f"/{day.year}/{day.month}/",
            "year archive": f"/{day.year}/",
            "search, every story": "/search/?q=Galloway",
            "search, one story": f"/search/?q={RARE_WORD}",
            "site feed": reverse("feeds:site_rss"),
            "tag feed": reverse("feeds:tag_rss", args=["elections"]),
            "person feed": reverse("feeds:person_rss", args=[self.people[0].slug]),
            "month sitemap": reverse("sitemaps:articles", args=[day.year, day.month]),
            "news sitemap": reverse("sitemaps:news"),
            "tags sitemap": reverse("sitemaps:section", args=["tags"]),
        }


def sqlite_work(client, url: str) -> int:
    """Virtual-machine steps SQLite takes to answer `url`, in hundreds."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    connection.ensure_connection()
    connection.connection.set_progress_handler(count, 100)
    try:
        response = client.get(url)
    finally:
        connection.connection.set_progress_handler(None, 100)
    assert response.status_code == 200, url
    return steps


def postgres_work(client, url: str) -> int:
    """Rows PostgreSQL's plan nodes read to answer `url`: produced, and filtered out.

    Sequential scans are priced out, as the search index test does: tables of a few
    thousand rows are cheaper to scan whole than to look up, and the question is
    whether an index can serve each query, which a real archive makes the planner use.
    """
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    work = 0
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        for query in queries.captured_queries:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
            (plan,) = cursor.fetchone()[0]
            work += rows_read(plan["Plan"])
        cursor.execute("RESET enable_seqscan")
    return work


def rows_read(node: dict) -> int:
    loops = node.get("Actual Loops", 1)
    read = node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
    read += node.get("Rows Removed by Index Recheck", 0)
    return int(read * loops) + sum(rows_read(child) for child in node.get("Plans", []))


def work_of(client, pages: dict[str, str]) -> dict[str, int]:
    measure = postgres_work if connection.vendor == "postgresql" else sqlite_work
    client.get("/")  # connections and caches warm, as on a running site
    return {name: measure(client, url) for name, url in pages.items()}


def test_no_public_page_does_more_work_in_an_archive_four_times_the_size(client, monkeypatch):
    monkeypatch.setattr(pagination, "MAX_PAGES", MAX_PAGES)
    monkeypatch.setattr(search_results, "MOST_RANKED", MOST_RANKED)
    archive = Archive()
    archive.add(FIRST_SIZE)
    pages = archive.pages()
    before = work_of(client, pages)

    archive.add(GROWN_SIZE - FIRST_SIZE)
    after = work_of(client, pages)

    grown = {
        name: (before[name], after[name])
        for name in pages
        if after[name] > before[name] * GROWTH + SLACK
    }
    assert not grown, "work grew with the archive (before, after):\n" + json.dumps(grown, indent=1)
    assert Article.objects.published().count() == GROWN_SIZE
    assert Section.objects.count() == 4
