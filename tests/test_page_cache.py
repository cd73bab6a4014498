"""The page cache: readers get cached pages, every change a reader could see ends them.

Each invalidation test caches the pages first, makes the change the way the newsroom
makes it (publishing, the admin's models, corrections), lets the transaction commit
(`django_capture_on_commit_callbacks`), then reads again. Every test runs against
local memory and against Redis.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles import page_cache, publishing
from articles.models import Article, Picture
from people.models import PartyMembership
from tests.factories import StaffFactory, london, make_article, make_party, make_person
from tests.helpers import link
from tests.services import REDIS_URL, need_redis
from tests.test_public_pages import jpeg
from tests.workflow.helpers import admin_url, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["memory", "redis"])
def page_cache_on(request, settings, monkeypatch):
    """The page cache on, in this process's memory or in Redis, empty.

    Each Redis test has keys of its own (a fresh prefix), which expire by themselves.
    """
    if request.param == "redis":
        need_redis()
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"newsroom-tests-{time.time_ns()}",
            }
        }
    else:
        cache.clear()
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    # Changes earlier tests made but never committed are not this test's.
    monkeypatch.setattr(page_cache, "_changes", threading.local())
    return request.param


@pytest.fixture
def editor():
    return StaffFactory(username="ed", group="Editor")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed, as every real save does."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def read(client, url: str, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 301, 304), (url, response.status_code)
    return response


def text(client, url: str) -> str:
    return read(client, url).content.decode()


def cached(client, url: str) -> bool:
    """Read `url` twice; whether the second read came from the cache."""
    read(client, url)
    return read(client, url).get("X-Cache") == "hit"


@pytest.fixture
def story():
    person = make_person("Rushanara Ali")
    article = make_article(
        title="Polling day looms", tags=["elections"], published_at=london(2024, 6, 27)
    )
    link(article, person)
    return article


def reader_pages(article: Article) -> list[str]:
    person = article.people.get()
    return [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        reverse("articles:tag", args=["elections"]),
        person.get_absolute_url(),
        reverse("feeds:site_rss"),
        reverse("sitemaps:articles", args=[2024, 6]),
    ]


# --- What is served from the cache ----------------------------------------------------


def test_a_second_reader_gets_the_page_from_the_cache_without_a_query(
    client, page_cache_on, story, django_assert_num_queries
):
    for url in reader_pages(story):
        first = read(client, url)
        with django_assert_num_queries(0):
            second = read(client, url)
        assert first["X-Cache"] == "miss", url
        assert second["X-Cache"] == "hit", url
        assert second.content == first.content, url
        assert second["Content-Type"] == first["Content-Type"], url
        assert second["Content-Length"] == str(len(first.content)), url


def test_head_requests_are_served_from_the_same_entry(client, page_cache_on, story):
    read(client, "/")
    assert client.head("/")["X-Cache"] == "hit"


def test_cached_pages_tell_browsers_and_cdns_how_long_to_keep_them(client, page_cache_on, story):
    response = read(client, story.get_absolute_url())

    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert control == {"public", "max-age=60", "s-maxage=600", "stale-while-revalidate=60"}
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


@pytest.mark.parametrize("second_read", ["miss", "hit"])
def test_conditional_gets_are_answered_not_modified(client, page_cache_on, story, second_read):
    url = story.get_absolute_url()
    first = read(client, url)
    if second_read == "hit":
        read(client, url)

    by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert by_etag.content == b""


def test_a_conditional_get_after_a_change_gets_the_new_page(
    client, page_cache_on, story, editor, committed
):
    url = story.get_absolute_url()
    etag = read(client, url)["ETag"]

    story.title = "Polling day is here"
    committed(publishing.save_edit, story, user=editor, was=None)

    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Polling day is here" in response.content.decode()


def test_the_cache_can_be_turned_off(client, page_cache_on, story, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0

    assert not cached(client, "/")
    assert read(client, "/")["Cache-Control"] == "public, max-age=0"


# --- What is never cached ---------------------------------------------------------------


def test_signed_in_staff_always_get_a_fresh_page_and_never_fill_the_cache(
    client, page_cache_on, story, editor
):
    staff = logged_in(editor)
    staff_page = read(staff, "/")
    assert "X-Cache" not in staff_page
    assert not cached(staff, "/")
    # A reader after them gets a page rendered for a reader, not the staff one.
    assert read(client, "/")["X-Cache"] == "miss"


def test_previews_and_share_links_are_never_cached(client, page_cache_on, editor, committed):
    draft = make_article(status=Article.Status.DRAFT, title="Not out yet")
    link_ = committed(publishing_share_link, draft, editor)
    share_url = link_.get_absolute_url()

    for _ in range(2):
        response = read(client, share_url)
        assert "Not out yet" in response.content.decode()
        assert "X-Cache" not in response
        assert "no-store" in response["Cache-Control"]
    staff = logged_in(editor)
    assert "X-Cache" not in read(staff, reverse("articles:preview", args=[draft.pk]))


def publishing_share_link(article, user):
    from articles.models import PreviewLink

    return PreviewLink.objects.create(article=article, created_by=user)


def test_a_response_that_sets_a_cookie_is_not_stored(page_cache_on):
    def view(request):
        response = HttpResponse("hello")
        response.set_cookie("seen", "yes")
        return response

    marked = page_cache.public_page(view)
    middleware = page_cache.PageCacheMiddleware(lambda request: _run(middleware, request, marked))
    for _ in range(2):
        response = middleware(RequestFactory().get("/cookie/"))
        assert response.cookies["seen"].value == "yes"
        assert "X-Cache" not in response


def _run(middleware, request, view):
    middleware.process_view(request, view, (), {})
    return view(request)


def test_posts_and_the_admin_are_not_cached(client, page_cache_on, editor):
    staff = logged_in(editor)
    assert "X-Cache" not in read(staff, admin_url("changelist"))
    assert client.post("/search/", {"q": "x"}).get("X-Cache") is None


def test_a_missing_page_is_not_cached(client, page_cache_on):
    assert client.get("/articles/not-yet/").status_code == 404
    draft = make_article(slug="not-yet", status=Article.Status.DRAFT)
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert client.get("/articles/not-yet/").status_code == 200


# --- Every change a reader could see shows on the next request ------------------------


def test_publishing_a_story_shows_it_everywhere_at_once(
    client, page_cache_on, story, editor, committed
):
    draft = make_article(
        title="Count under way", tags=["elections"], status="draft", published_at=None
    )
    link(draft, story.people.get())
    pages = reader_pages(story)
    for url in pages:
        read(client, url)

    committed(publishing.publish, draft, user=editor, now=london(2024, 6, 28))

    for url in pages[:-1]:
        assert "Count under way" in text(client, url), url
    assert draft.get_absolute_url() in text(client, reverse("sitemaps:articles", args=[2024, 6]))


def test_unpublishing_takes_a_story_off_every_page_at_once(
    client, page_cache_on, story, editor, committed
):
    pages = reader_pages(story)
    for url in pages:
        assert cached(client, url)

    committed(publishing.unpublish, story, user=editor)

    assert client.get(story.get_absolute_url()).status_code == 404
    for url in pages[2:]:
        response = client.get(url)
        assert "Polling day looms" not in response.content.decode(), url


def test_editing_a_live_story_shows_the_new_copy(client, page_cache_on, story, editor, committed):
    pages = [story.get_absolute_url(), "/", reverse("feeds:site_rss")]
    for url in pages:
        assert cached(client, url)

    story.title = "Polling day: the count"
    committed(publishing.save_edit, story, user=editor, was=None)

    for url in pages:
        assert "Polling day: the count" in text(client, url), url


def test_a_correction_shows_at_once(client, page_cache_on, story, editor, committed):
    assert cached(client, story.get_absolute_url())

    committed(publishing.add_note, story, user=editor, text="We misspelt the ward's name.")

    assert "We misspelt the ward" in text(client, story.get_absolute_url())


def test_a_slug_change_moves_the_story_and_the_old_address_redirects(
    client, page_cache_on, story, committed
):
    old = story.get_absolute_url()
    assert cached(client, old)

    story.slug = "polling-day-the-count"

    committed(story.save)

    moved = client.get(old)
    assert moved.status_code == 301
    assert moved["Location"] == "/articles/polling-day-the-count/"
    assert cached(client, old)  # the redirect is cached in its turn
    assert "Polling day looms" in text(client, "/articles/polling-day-the-count/")


def test_an_entity_edit_shows_on_its_page_and_on_its_stories(
    client, page_cache_on, story, committed
):
    person = story.people.get()
    pages = [person.get_absolute_url(), story.get_absolute_url()]
    for url in pages:
        assert cached(client, url)

    party = make_party("Labour Party", slug="labour")
    committed(PartyMembership.objects.create, person=person, party=party, role="MP")
    person.name = "Rushanara Ali MP"
    committed(person.save)

    for url in pages:
        page = text(client, url)
        assert "Rushanara Ali MP" in page, url
        assert "Labour Party" in page, url


def test_tags_links_and_pictures_of_a_live_story_show_at_once(
    client, page_cache_on, story, committed
):
    url = story.get_absolute_url()
    assert cached(client, url)

    committed(story.tags.add, "count night")
    assert "count night" in text(client, url)

    committed(link, story, make_person("Tahir Ali"))
    assert "Tahir Ali" in text(client, url)

    picture = Picture(article=story, position=1, caption="Ballot boxes arrive", is_featured=True)
    picture.file.save("ballot.jpg", jpeg(), save=False)
    committed(picture.save)
    assert "Ballot boxes arrive" in text(client, url)


def test_a_scheduled_story_appears_when_its_time_comes_with_no_write(
    client, page_cache_on, story, editor, committed
):
    due = timezone.now() + timedelta(seconds=2)
    draft = make_article(title="Results at dawn", status="draft")
    committed(publishing.schedule, draft, user=editor, at=due)

    front = read(client, "/")
    assert "Results at dawn" not in front.content.decode()
    # No cache, browser's or CDN's, keeps the page past the story's time.
    control = {part.strip() for part in front["Cache-Control"].split(",")}
    assert {"max-age=1", "s-maxage=1"} <= control or {"max-age=2", "s-maxage=2"} <= control
    assert read(client, "/")["X-Cache"] == "hit"

    time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.05)

    assert "Results at dawn" in text(client, "/")


def test_editing_a_draft_leaves_cached_pages_alone(client, page_cache_on, story, committed):
    draft = make_article(title="Work in progress", status="draft")
    assert cached(client, "/")

    draft.title = "Still in progress"
    committed(draft.save)

    assert read(client, "/")["X-Cache"] == "hit"


def test_a_deploy_that_migrates_ends_the_generation(client, page_cache_on, story):
    assert cached(client, "/")

    page_cache.start_generation()  # what the post_migrate handler does

    assert read(client, "/")["X-Cache"] == "miss"


# --- Telling a CDN ----------------------------------------------------------------------

purged: list[list[str]] = []


def record_purge(paths: list[str]) -> None:
    purged.append(paths)


def test_the_cdn_hook_hears_of_each_committed_change_once_with_its_paths(
    page_cache_on, story, editor, committed, settings
):
    settings.NEWSROOM_CDN_PURGE = "tests.test_page_cache.record_purge"
    purged.clear()
    old = story.get_absolute_url()

    story.slug = "polling-day-moved"
    story.title = "Moved"
    committed(publishing.save_edit, story, user=editor, was=None)

    assert purged == [sorted([old, "/articles/polling-day-moved/"])]


def test_nothing_is_purged_for_a_change_that_rolls_back(page_cache_on, story, committed, settings):
    settings.NEWSROOM_CDN_PURGE = "tests.test_page_cache.record_purge"
    purged.clear()
    generation = page_cache.current_generation(cache.get(page_cache.GENERATION_KEY), time.time())

    def change_then_roll_back():
        with transaction.atomic():
            story.title = "Never happened"
            story.save()
            transaction.set_rollback(True)

    committed(change_then_roll_back)

    assert purged == []
    assert cache.get(page_cache.GENERATION_KEY) == generation
