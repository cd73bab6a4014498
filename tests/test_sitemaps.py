"""Sitemaps, the Google News sitemap and robots.txt."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from reader.seo import last_modified
from reader.sitemaps import SITEMAPS, NewsSitemap
from tests.factories import (
    london,
    make_article,
    make_constituency,
    make_many_published,
    make_party,
    make_person,
    make_section,
)
from tests.helpers import make_full_story

STORY_PAGE_SECTIONS = ["sections", "tags", "people", "parties", "constituencies"]
# Category and author pages (tests/test_category_pages.py, tests/test_authors.py).
BYLINE_AND_CATEGORY_SECTIONS = ["categories", "authors"]

# Queries for /sitemap.xml, whatever the number of stories: for each story-page
# section, its page count and its latest change (for sections, three read once for both:
# the sections, the newest story's id in each, those stories' dates); the front page's
# latest change; the months with stories (the oldest story, then one query of probes),
# read once for the archives section and the monthly story sitemaps both.
INDEX_QUERIES = 2 * len(STORY_PAGE_SECTIONS + BYLINE_AND_CATEGORY_SECTIONS) + 1 + 1 + 2
# One section of the sitemap: its page count, then its page of URLs; sections, the three
# queries that date them.
SITEMAP_SECTION_QUERIES = 2
SECTIONS_SITEMAP_QUERIES = 3
# The news sitemap: the same two.
NEWS_SITEMAP_QUERIES = 2
# robots.txt reads nothing from the database.
ROBOTS_QUERIES = 0

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SERVER = "http://testserver"
# The indexes of people, parties, places and authors, listed with the front page, undated.
INDEXES = [f"{SERVER}/{path}/" for path in ("people", "parties", "constituencies", "authors")]

pytestmark = pytest.mark.django_db


def sitemap_url(section: str) -> str:
    """A section of the sitemap; "articles" is the month of the factories' default date."""
    if section == "articles":
        return month_url(2024, 5)
    return reverse("sitemaps:section", kwargs={"section": section})


def month_url(year: int, month: int) -> str:
    return reverse("sitemaps:articles", args=[year, month])


def read_urls(response) -> dict[str, str | None]:
    """Each <loc> in a sitemap or sitemap index, with its <lastmod>."""
    root = ElementTree.fromstring(response.content)
    return {entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod") for entry in root}


def story_page_urls(section: str, entities: dict) -> list[str]:
    """The pages in a sitemap section for one story in News, tagged council, linking everyone."""
    paths = {
        "sections": ["/section/news/"],
        "tags": [reverse("articles:tag", args=["council"])],
        "people": [entities["person"].get_absolute_url()],
        "parties": [entities["party"].get_absolute_url()],
        "constituencies": [entities["constituency"].get_absolute_url()],
    }
    return [SERVER + path for path in paths[section]]


def hidden_pages(section: str) -> list[str]:
    """Pages with only unpublished stories, and one with none: none belongs in a sitemap."""
    hidden = make_section("Hidden")
    people = [make_person("Hidden Person"), make_party("Hidden Party")]
    places = [make_constituency("Hidden Place"), make_person("Nobody Mentioned")]
    tomorrow = timezone.now() + timedelta(days=1)
    for fields in [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"published_at": tomorrow},
    ]:
        make_full_story(*people, *places[:1], section=hidden, tags=["hidden"], **fields)
    paths = {
        "sections": [hidden.get_absolute_url()],
        "tags": [reverse("articles:tag", args=["hidden"])],
        "people": [people[0].get_absolute_url(), places[1].get_absolute_url()],
        "parties": [people[1].get_absolute_url()],
        "constituencies": [places[0].get_absolute_url()],
    }
    return [SERVER + path for path in paths[section]]


def test_the_sitemap_index_lists_every_section_absolutely(client, entities):
    make_full_story(*entities.values(), published_at=london(2024, 5, 1))

    response = client.get(reverse("sitemaps:index"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    urls = read_urls(response)
    sections = [f"{SERVER}/sitemap-{section}.xml" for section in SITEMAPS]
    assert list(urls) == [*sections, f"{SERVER}/sitemap-articles-2024-5.xml"]
    assert urls[f"{SERVER}/sitemap-sections.xml"] == "2024-05-01T09:00:00+01:00"


def test_the_index_lists_a_story_sitemap_for_each_month_with_a_published_story(client):
    make_article(published_at=london(2024, 6, 1, 0, 30))  # 31 May in UTC, 1 June in London
    make_article(published_at=london(2023, 12, 24))
    make_article(published_at=london(2024, 2, 3), status=Article.Status.DRAFT)
    make_article(published_at=timezone.now() + timedelta(days=40))

    urls = list(read_urls(client.get(reverse("sitemaps:index"))))

    months = [url for url in urls if "sitemap-articles-" in url]
    assert months == [SERVER + month_url(2024, 6), SERVER + month_url(2023, 12)]


def test_a_month_sitemap_lists_that_months_stories_only(client):
    june = make_article(published_at=london(2024, 6, 1, 0, 30))
    may = make_article(published_at=london(2024, 5, 31, 23, 30))

    june_urls = read_urls(client.get(month_url(2024, 6)))

    assert list(june_urls) == [SERVER + june.get_absolute_url()]
    assert list(read_urls(client.get(month_url(2024, 5)))) == [SERVER + may.get_absolute_url()]
    assert read_urls(client.get(month_url(2024, 7))) == {}
    assert client.get(month_url(2024, 13)).status_code == 404


@pytest.mark.parametrize("section", ["pages", "articles", *STORY_PAGE_SECTIONS])
def test_each_sitemap_section_is_valid_xml_with_absolute_urls(client, entities, section):
    make_full_story(*entities.values())

    response = client.get(sitemap_url(section))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    urls = read_urls(response)
    assert urls
    assert all(url.startswith(f"{SERVER}/") for url in urls)


def test_the_pages_sitemap_lists_the_front_page_changed_with_the_latest_story(client):
    make_article(published_at=london(2022, 3, 25))
    make_article(published_at=london(2024, 5, 1))

    urls = read_urls(client.get(sitemap_url("pages")))

    assert urls == {f"{SERVER}/": "2024-05-01T09:00:00+01:00"} | dict.fromkeys(INDEXES)


def test_the_articles_sitemap_lists_published_stories_only(client):
    published = make_article(title="Visible", published_at=london(2024, 5, 1))
    tomorrow = timezone.localtime(timezone.now() + timedelta(days=1))
    unpublished = [
        make_article(status=Article.Status.DRAFT),
        make_article(status=Article.Status.REVIEW),
        make_article(published_at=tomorrow),
    ]

    urls = read_urls(client.get(sitemap_url("articles")))
    urls |= read_urls(client.get(month_url(tomorrow.year, tomorrow.month)))

    assert urls == {SERVER + published.get_absolute_url(): "2024-05-01T09:00:00+01:00"}
    for article in unpublished:
        assert SERVER + article.get_absolute_url() not in urls


@pytest.mark.parametrize(
    ("created", "updated", "lastmod"),
    [
        (london(2024, 4, 30), london(2024, 5, 3, 15), "2024-05-03T15:00:00+01:00"),
        (london(2024, 4, 30), london(2024, 5, 1, 9, 10), "2024-05-01T09:00:00+01:00"),
        (london(2025, 1, 6), london(2025, 1, 6), "2024-05-01T09:00:00+01:00"),
    ],
    ids=["revised after publication", "saved while going out", "imported later"],
)
def test_a_story_is_last_modified_when_revised_else_when_published(
    client, created, updated, lastmod
):
    article = make_article(published_at=london(2024, 5, 1))
    Article.objects.filter(pk=article.pk).update(created_at=created, updated_at=updated)
    article.refresh_from_db()

    urls = read_urls(client.get(sitemap_url("articles")))
    pages = read_urls(client.get(sitemap_url("pages")))

    # The sitemap's SQL and the feeds' and pages' Python agree.
    assert timezone.localtime(last_modified(article)).isoformat() == lastmod
    assert urls[SERVER + article.get_absolute_url()] == lastmod
    # The front page shows the newest stories: it changes when they do.
    assert pages[f"{SERVER}/"] == lastmod


@pytest.mark.parametrize("section", STORY_PAGE_SECTIONS)
def test_story_page_sitemaps_list_only_pages_with_a_published_story(client, entities, section):
    make_full_story(*entities.values(), tags=["council"], published_at=london(2024, 5, 1))
    hidden = hidden_pages(section)

    urls = read_urls(client.get(sitemap_url(section)))

    assert urls == dict.fromkeys(story_page_urls(section, entities), "2024-05-01T09:00:00+01:00")
    for url in hidden:
        assert url not in urls


@pytest.mark.parametrize("section", ["pages", "articles", *STORY_PAGE_SECTIONS])
def test_each_sitemap_section_costs_the_same_queries_for_one_story_as_for_twelve(
    client, entities, django_assert_max_num_queries, section
):
    budget = SECTIONS_SITEMAP_QUERIES if section == "sections" else SITEMAP_SECTION_QUERIES
    make_full_story(*entities.values(), tags=["council"])
    with django_assert_max_num_queries(budget):
        assert len(read_urls(client.get(sitemap_url(section)))) == (5 if section == "pages" else 1)

    for number in range(11):
        extras = [make_person(f"Person {number}"), make_party(f"Party {number}")]
        extras.append(make_constituency(f"Place {number}"))
        make_full_story(
            *entities.values(),
            *extras,
            section=make_section(f"Section {number}"),
            tags=[f"tag {number}"],
        )
    with django_assert_max_num_queries(budget):
        response = client.get(sitemap_url(section))
    assert len(read_urls(response)) == (5 if section == "pages" else 12)


def test_the_sitemap_index_costs_the_same_queries_for_one_story_as_for_twelve(
    client, entities, django_assert_max_num_queries
):
    make_full_story(*entities.values())
    with django_assert_max_num_queries(INDEX_QUERIES):
        assert client.get(reverse("sitemaps:index")).status_code == 200

    for number in range(11):
        make_full_story(make_person(f"Person {number}"), tags=[f"tag {number}"])
    with django_assert_max_num_queries(INDEX_QUERIES):
        assert client.get(reverse("sitemaps:index")).status_code == 200


def test_an_unknown_sitemap_section_is_not_found(client):
    assert client.get(sitemap_url("drafts")).status_code == 404


def read_news(response) -> list[dict]:
    root = ElementTree.fromstring(response.content)
    return [
        {
            "loc": url.findtext(f"{SITEMAP}loc"),
            "name": url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name"),
            "language": url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language"),
            "date": url.findtext(f"{NEWS}news/{NEWS}publication_date"),
            "title": url.findtext(f"{NEWS}news/{NEWS}title"),
        }
        for url in root.iter(f"{SITEMAP}url")
    ]


def test_the_news_sitemap_lists_the_last_48_hours_of_published_stories(client, settings):
    settings.NEWSROOM_SITE_NAME = "East End Politics"
    now = timezone.now()
    fresh = make_article(title="Fresh story", published_at=now - timedelta(hours=1))
    make_article(title="Old story", published_at=now - timedelta(days=3))
    make_article(title="Draft story", published_at=now, status=Article.Status.DRAFT)
    make_article(title="Review story", published_at=now, status=Article.Status.REVIEW)
    make_article(title="Scheduled story", published_at=now + timedelta(hours=1))

    response = client.get(reverse("sitemaps:news"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert read_news(response) == [
        {
            "loc": SERVER + fresh.get_absolute_url(),
            "name": "East End Politics",
            "language": "en",
            "date": timezone.localtime(fresh.published_at).isoformat(),
            "title": "Fresh story",
        }
    ]


def test_the_news_window_is_48_hours_back_from_now():
    now = timezone.now()
    inside = make_article(published_at=now - timedelta(hours=47, minutes=59))
    make_article(published_at=now - timedelta(hours=48, minutes=1))

    assert list(NewsSitemap(now=now).items()) == [inside]


def test_hostile_titles_are_escaped_in_the_news_sitemap(client):
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    make_article(title=hostile, published_at=timezone.now() - timedelta(minutes=5))

    response = client.get(reverse("sitemaps:news"))

    assert b"<script" not in response.content
    assert b"<b>" not in response.content
    assert [item["title"] for item in read_news(response)] == [hostile]


def test_the_news_sitemap_costs_the_same_queries_for_one_story_as_for_twelve(
    client, django_assert_max_num_queries
):
    recent = timezone.now() - timedelta(hours=2)
    make_article(published_at=recent, tags=["council"])
    with django_assert_max_num_queries(NEWS_SITEMAP_QUERIES):
        assert len(read_news(client.get(reverse("sitemaps:news")))) == 1

    for _ in range(11):
        make_article(published_at=recent, tags=["council"])
    with django_assert_max_num_queries(NEWS_SITEMAP_QUERIES):
        assert len(read_news(client.get(reverse("sitemaps:news")))) == 12


def test_robots_txt_allows_all_but_admin_and_search_and_names_the_sitemaps(
    client, django_assert_num_queries
):
    with django_assert_num_queries(ROBOTS_QUERIES):
        response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert f"Sitemap: {SERVER}/sitemap.xml" in lines
    assert f"Sitemap: {SERVER}/sitemap-news.xml" in lines
    assert client.head("/robots.txt").status_code == 200


def test_robots_txt_gives_sitemaps_on_the_host_and_scheme_asked_for(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]

    response = client.get("/robots.txt", headers={"host": "news.example.org"}, secure=True)

    assert "Sitemap: https://news.example.org/sitemap.xml" in response.content.decode()


def test_the_archive_sitemap_lists_every_year_and_month_with_published_stories(
    client, django_assert_max_num_queries
):
    make_article(published_at=london(2024, 6, 1, 0, 30))  # 31 May in UTC, 1 June in London
    make_article(published_at=london(2024, 6, 1, 18))
    make_article(published_at=london(2023, 12, 24))
    make_article(published_at=london(2022, 3, 3), status=Article.Status.DRAFT)
    make_article(published_at=timezone.now() + timedelta(days=400))

    with django_assert_max_num_queries(SITEMAP_SECTION_QUERIES):
        response = client.get(sitemap_url("archives"))

    assert sorted(read_urls(response)) == sorted(
        SERVER + path for path in ["/2023/", "/2023/12/", "/2024/", "/2024/06/"]
    )


def test_a_correction_moves_a_storys_lastmod(client):
    from articles.models import ArticleNote

    article = make_article(published_at=london(2024, 5, 1))
    Article.objects.filter(pk=article.pk).update(
        created_at=london(2024, 5, 1), updated_at=london(2024, 5, 1)
    )
    ArticleNote.objects.create(article=article, text="A correction.", created_at=london(2024, 5, 6))

    urls = read_urls(client.get(sitemap_url("articles")))

    assert urls[SERVER + article.get_absolute_url()] == "2024-05-06T09:00:00+01:00"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner's choice")
def test_a_dormant_section_is_dated_without_walking_back_through_the_archive(client):
    # Thousands of stories since the quiet section's last one: asked for the newest story
    # of every section in one correlated subquery, the planner read them all backwards.
    busy, quiet = make_section("Politics"), make_section("Elections 2019")
    make_article(section=quiet, published_at=london(2019, 12, 12))
    make_many_published(
        3000,
        section=busy,
        title="Busy story {n}",
        published_at=lambda number: london(2024, 1, 1) + timedelta(minutes=number),
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")

    with CaptureQueriesContext(connection) as queries:
        urls = read_urls(client.get(sitemap_url("sections")))

    assert urls[SERVER + quiet.get_absolute_url()] == "2019-12-12T09:00:00+00:00"
    for query in queries.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
            read = rows_read(cursor.fetchone()[0][0]["Plan"])
        assert read < 100, (read, query["sql"])


def rows_read(plan: dict) -> int:
    """Rows every node of a PostgreSQL plan read, kept or filtered out, over all its loops."""
    own = (plan.get("Actual Rows", 0) + plan.get("Rows Removed by Filter", 0)) * plan.get(
        "Actual Loops", 1
    )
    return own + sum(rows_read(child) for child in plan.get("Plans", []))
