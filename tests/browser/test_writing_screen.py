"""The writing screen in a real Chromium at a laptop's 1280 px and a desktop's 1440 px.

Nothing runs off the side: the story list, the person form and the history pages fit
their content area (scrollWidth <= clientWidth). The body is wide, counts its words as
the journalist types, previews pictures where they are placed, and Ctrl+S saves it.
Each test leaves a screenshot in test-artifacts/screenshots/.
"""

from pathlib import Path

import pytest
import reversion
from django.conf import settings

from articles import revisions
from articles.models import Article, Picture
from tests.factories import (
    CandidacyFactory,
    ClaimFactory,
    PartyMembershipFactory,
    PostHeldFactory,
    make_article,
    make_person,
)
from tests.workflow.helpers import picture_upload

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-passphrase"
WIDTHS = [1280, 1440]
LONG_HEADLINE = "Council budget agreed after an all-night session in the town hall chamber"
LONG_BYLINE = "Alexandra Featherstonehaugh-Cholmondeley"

# How far a box's content runs past its own width, for each box the selector finds.
OVERFLOW = """selector => Array.from(document.querySelectorAll(selector))
    .map(box => box.scrollWidth - box.clientWidth)"""


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "eddie", password=PASSWORD, first_name="Eddie", last_name="Lee"
    )


@pytest.fixture
def draft(editor):
    article = make_article(
        title="Council meeting ends late",
        slug="council-meeting-ends-late",
        standfirst="The budget was agreed at last.",
        body="The meeting ran past midnight.",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    Picture.objects.create(
        article=article, position=1, caption="The chamber at midnight", file=picture_upload()
    )
    return article


def open_page(page_factory, live_server, width: int, path: str):
    page = page_factory(width, 900)
    log_in(page, live_server.url, "eddie", PASSWORD)
    page.goto(live_server.url + path)
    return page


def serve_media(page) -> None:
    """The test server serves no uploads (DEBUG is off): the browser is given them here."""
    media = Path(settings.MEDIA_ROOT)

    def fulfil(route):
        name = route.request.url.split(settings.MEDIA_URL, 1)[1]
        route.fulfill(path=str(media / name))

    page.route(f"**{settings.MEDIA_URL}**", fulfil)


def assert_fits(page, *selectors: str) -> None:
    for selector in ("#content", "#content-main", *selectors):
        overflow = page.evaluate(OVERFLOW, selector)
        assert overflow, f"{selector} is not on the page"
        assert max(overflow) <= 0, f"{selector} runs {max(overflow)} px past its width"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


# The story list and the person form fit


@pytest.mark.parametrize("width", WIDTHS)
def test_the_story_list_fits_with_the_headline_widest(live_server, page_factory, editor, width):
    for number in range(8):
        make_article(title=f"{LONG_HEADLINE} {number}", byline=LONG_BYLINE)
    make_article(title="A draft", status=Article.Status.DRAFT, published_at=None)

    page = open_page(page_factory, live_server, width, "/admin/articles/article/?workflow=all")

    assert_fits(page, "#changelist-form .results", "#result_list")
    headers = page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('#result_list th'))
            .map(th => [Array.from(th.classList).find(name => name.startsWith('column-')),
                        th.getBoundingClientRect().width])
            .filter(([name]) => name))"""
    )
    assert max(headers, key=headers.get) == "column-title"
    assert page.locator(".status-label.status-draft", has_text="Draft").count() == 1
    screenshot(page, f"writing-story-list-{width}")
    assert page.watcher.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_person_form_fits(live_server, page_factory, editor, width):
    person = make_person("Ali Hassan Ali")
    PartyMembershipFactory(person=person, role="Councillor")
    PostHeldFactory(person=person)
    CandidacyFactory(person=person)
    ClaimFactory(person=person)

    page = open_page(page_factory, live_server, width, f"/admin/people/person/{person.pk}/change/")

    assert_fits(page, "#person_form")
    screenshot(page, f"writing-person-form-{width}")
    assert page.watcher.errors == []


# The article form


@pytest.mark.parametrize("width", WIDTHS)
def test_the_body_is_wide_and_counts_words_as_you_type(
    live_server, page_factory, editor, draft, width
):
    page = open_page(
        page_factory, live_server, width, f"/admin/articles/article/{draft.pk}/change/"
    )
    serve_media(page)
    page.locator(".writing-desk[data-fresh]").wait_for()

    content = box(page, "#content-main")
    assert box(page, "#id_body")["width"] >= 0.6 * content["width"]
    assert box(page, "#id_body")["height"] >= 400
    assert_fits(page)
    assert page.locator(".writing-count").inner_text() == "5 words, 1 minute to read"

    page.locator("#id_body").fill("One two three.\n\n- four\n- five")
    page.locator(".writing-count", has_text="5 words").wait_for()
    page.locator("#id_body").press_sequentially(" six")
    page.locator(".writing-count", has_text="6 words, 1 minute to read").wait_for()
    # List items keep their bullets in the preview.
    marker = page.locator(".body-preview-content li").first.evaluate(
        "li => getComputedStyle(li).listStyleType"
    )
    assert marker == "disc"

    page.locator("#id_title").fill("x" * 61)
    page.locator(".field-title .length-advice[data-level='long']").wait_for()
    assert "61 of about 60 characters" in page.locator(".field-title .length-advice").inner_text()
    assert page.locator(".search-result-title").inner_text().endswith("…")
    assert page.locator(".social-card-title").inner_text() == "x" * 61
    screenshot(page, f"writing-body-{width}")
    assert page.watcher.errors == []


def test_the_preview_goes_beside_or_away_and_the_choice_is_remembered(
    live_server, page_factory, editor, draft
):
    page = open_page(page_factory, live_server, 1440, f"/admin/articles/article/{draft.pk}/change/")
    serve_media(page)
    page.locator(".writing-desk[data-fresh]").wait_for()

    page.get_by_role("button", name="Preview beside").click()
    body, preview = box(page, "#id_body"), box(page, ".body-preview")
    assert preview["x"] >= body["x"] + body["width"]
    assert body["width"] >= 0.55 * box(page, "#content-main")["width"]
    screenshot(page, "writing-preview-beside-1440")

    page.get_by_role("button", name="Hide preview").click()
    assert not page.locator(".body-preview").is_visible()
    page.reload()
    page.locator(".writing-desk[data-fresh]").wait_for()
    assert not page.locator(".body-preview").is_visible()
    hide = page.get_by_role("button", name="Hide preview")
    assert hide.get_attribute("aria-pressed") == "true"
    assert page.watcher.errors == []


def test_pictures_are_previewed_where_they_are_placed_saved_or_not(
    live_server, page_factory, editor, draft
):
    page = open_page(page_factory, live_server, 1280, f"/admin/articles/article/{draft.pk}/change/")
    serve_media(page)
    page.locator(".writing-desk[data-fresh]").wait_for()

    page.locator("#pictures-group .add-row a").click()
    page.locator("#id_pictures-1-position").fill("2")
    page.locator("#id_pictures-1-caption").fill("Tellers at the count")
    page.locator("#id_body").fill("Before.\n\n[[picture:1]]\n\nBetween.\n\n[[picture:2]]\n\nAfter.")

    preview = page.locator(".body-preview-content")
    preview.locator("figure", has_text="Tellers at the count").wait_for()
    saved = preview.locator("figure", has_text="The chamber at midnight")
    assert saved.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    unsaved = preview.locator("figure", has_text="Tellers at the count")
    assert unsaved.locator("img").count() == 0
    assert "Picture 2" in unsaved.inner_text()
    # In the order the body places them.
    texts = preview.locator("p, figure").all_inner_texts()
    order = [next(i for i, t in enumerate(texts) if word in t) for word in ("Before", "chamber")]
    assert order == sorted(order)
    # A caption typed into a saved picture's row shows at once.
    page.locator("#id_pictures-0-caption").fill("The chamber, empty")
    preview.locator("figure", has_text="The chamber, empty").wait_for()
    preview.locator("figure", has_text="The chamber, empty").scroll_into_view_if_needed()
    screenshot(page, "writing-pictures-1280")
    assert page.watcher.errors == []


def test_ctrl_s_saves_and_keeps_the_stale_copy_check(live_server, page_factory, editor, draft):
    url = f"/admin/articles/article/{draft.pk}/change/"
    page = open_page(page_factory, live_server, 1280, url)
    stale = page_factory(1280, 900)
    stale.context.add_cookies(page.context.cookies())
    stale.goto(live_server.url + url)
    for each in (page, stale):
        serve_media(each)
        each.locator(".writing-desk[data-fresh]").wait_for()

    page.locator("#id_body").fill("The meeting ran until 12.20am.")
    page.locator(".writing-desk[data-fresh]").wait_for()
    with page.expect_navigation():
        page.keyboard.press("Control+s")

    assert page.locator(".messagelist .success").count() == 1
    assert page.url.endswith(url)
    assert Article.objects.get(pk=draft.pk).body == "The meeting ran until 12.20am."
    screenshot(page, "writing-ctrl-s-1280")

    stale.locator("#id_body").fill("An older copy's words.")
    stale.locator(".writing-desk[data-fresh]").wait_for()
    with stale.expect_navigation():
        stale.keyboard.press("Control+s")
    assert stale.locator(".errornote").count() == 1
    assert Article.objects.get(pk=draft.pk).body == "The meeting ran until 12.20am."
    assert page.watcher.errors == []
    assert stale.watcher.errors == []


# The history pages


@pytest.fixture
def two_versions(draft):
    # Long lines, and a word longer than the page is wide, wrap too.
    address = "https://example.org/" + "minutes" * 40
    long_body = "The meeting ran past midnight, " + "and the members talked on " * 40 + address
    for body, slug in [
        (long_body, draft.slug),
        (long_body.replace("past midnight", "until 12.20am"), "moved"),
    ]:
        with reversion.create_revision():
            draft.body, draft.slug = body, slug
            draft.save()
            revisions.record(draft)
    return list(revisions.history(draft))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_diff_wraps_and_the_change_is_on_screen(
    live_server, page_factory, editor, draft, two_versions, width
):
    newer, older = two_versions
    compare = (
        f"/admin/articles/article/{draft.pk}/history/compare/"
        f"?version_id1={older.pk}&version_id2={newer.pk}"
    )
    restore = f"/admin/articles/article/{draft.pk}/history/{older.pk}/"

    for name, path in [("compare", compare), ("restore", restore)]:
        page = open_page(page_factory, live_server, width, path)

        assert_fits(page, ".history-diff")
        changed = page.locator(".history-diff ins, .history-diff del").all()
        assert changed
        for mark in changed:
            right = mark.evaluate("mark => mark.getBoundingClientRect().right")
            assert right <= width
        screenshot(page, f"writing-{name}-{width}")
        assert page.watcher.errors == []

    # The restore page shows the address as kept, not as a change.
    kept = page.locator(".history-kept")
    assert "Address" in kept.inner_text()
    assert "Address" not in page.locator("h3").all_inner_texts()
