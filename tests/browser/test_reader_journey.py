"""A reader's journey through the public site, in a real Chromium."""

from io import BytesIO, StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from articles import rendition_queue
from articles.models import Article

from .conftest import broken_images, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAHIR_STORY = "Hall Green MP Tahir Ali denies defection claim"


@pytest.fixture
def newsroom(live_server):
    """The seed stories, with a real file behind one lead picture so images are exercised."""
    call_command("import_seeds", stdout=StringIO(), stderr=StringIO())
    picture = Article.objects.get(title__startswith=TAHIR_STORY).featured_picture
    buffer = BytesIO()
    Image.new("RGB", (1600, 900), (30, 60, 120)).save(buffer, format="JPEG")
    picture.file.save("tahir-ali.jpg", ContentFile(buffer.getvalue()), save=False)
    picture.alt_text = "Tahir Ali speaking"
    picture.save()
    # The background worker makes the renditions; let it finish before any page asks.
    assert rendition_queue.wait_until_idle(30), "the rendition worker never finished"
    return live_server.url


def assert_clean(page) -> None:
    assert page.watcher.errors == []
    assert broken_images(page) == []


def test_a_reader_follows_a_story_then_a_person_then_searches(newsroom, page_factory):
    page = page_factory(1280, 900)
    page.goto(newsroom + "/")
    assert page.get_by_role("link", name=TAHIR_STORY).first.is_visible()
    screenshot(page, "front-page")
    assert_clean(page)

    page.get_by_role("link", name=TAHIR_STORY).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith(TAHIR_STORY)
    # The lead picture's caption repeats the standfirst, so only its credit is shown.
    assert page.locator("figcaption").first.inner_text() == "DARREN QUINTON/BIRMINGHAM LIVE"
    assert page.locator("main").inner_text().count("Tahir Ali, MP for Birmingham Hall Green") == 1
    assert page.locator("img[alt='Tahir Ali speaking']").first.is_visible()
    screenshot(page, "article")
    assert_clean(page)

    page.locator("aside").get_by_role("link", name="Tahir Ali", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Tahir Ali"
    assert page.get_by_role("link", name=TAHIR_STORY).first.is_visible()
    screenshot(page, "person")
    assert_clean(page)

    search = page.get_by_role("searchbox").first
    search.fill("Galloway")
    search.press("Enter")
    page.wait_for_load_state()
    assert "/search/?q=Galloway" in page.url
    assert page.get_by_role("link", name=TAHIR_STORY).first.is_visible()
    assert page.locator("mark").first.inner_text().lower().startswith("galloway")
    screenshot(page, "search")
    assert_clean(page)


def test_a_story_reads_on_a_375_pixel_phone_without_sideways_scrolling(newsroom, page_factory):
    page = page_factory(375, 812)
    page.goto(newsroom + "/")
    page.get_by_role("link", name=TAHIR_STORY).first.click()
    page.wait_for_load_state()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375
    body_size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('main .body p')).fontSize)"
    )
    assert body_size >= 16
    screenshot(page, "article-375")
    assert_clean(page)


def test_the_skip_link_is_the_first_thing_a_keyboard_reaches(newsroom, page_factory):
    page = page_factory(1280, 900)
    page.goto(newsroom + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused.lower().startswith("skip to")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "content"


def test_the_not_found_page_is_friendly(newsroom, page_factory):
    page = page_factory(1280, 900)
    response = page.goto(newsroom + "/articles/no-such-story/")
    assert response.status == 404
    main = page.locator("main")
    assert main.locator("h1").inner_text() == "Page not found"
    screenshot(page, "not-found")
    main.get_by_role("link", name="go to the front page").click()
    page.wait_for_load_state()
    assert page.url == newsroom + "/"
