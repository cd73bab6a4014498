"""A reader misspells a name in a real Chromium, takes the suggestion, then narrows by section."""

from io import StringIO

import pytest
from django.core.management import call_command

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RUSHANARA_STORY = "Is this the end of Rushanara Ali?"
TAHIR_STORY = "Hall Green MP Tahir Ali denies defection claim"


@pytest.fixture
def newsroom(live_server):
    """The seed stories: two mention George Galloway, in two sections."""
    call_command("import_seeds", stdout=StringIO(), stderr=StringIO())
    return live_server.url


def test_a_reader_takes_did_you_mean_then_narrows_by_section(newsroom, page_factory):
    page = page_factory(1280, 1000)
    page.goto(newsroom + "/search/")
    form = page.locator(".search-page-form")  # the page's own form, not the header's
    form.get_by_label("Search stories, people, parties and places").fill("Galoway")
    form.get_by_role("button", name="Search").click()
    page.wait_for_load_state()

    suggestion = page.locator(".did-you-mean")
    assert suggestion.inner_text() == "Did you mean Galloway?"
    assert page.get_by_role("link", name="George Galloway").is_visible()
    screenshot(page, "search-did-you-mean")
    assert page.watcher.errors == []

    suggestion.get_by_role("link", name="Galloway").click()
    page.wait_for_load_state()
    assert form.get_by_label("Search stories, people, parties and places").input_value() == (
        "Galloway"
    )
    assert page.get_by_role("link", name=RUSHANARA_STORY).is_visible()
    assert page.get_by_role("link", name=TAHIR_STORY).is_visible()
    assert page.locator(".did-you-mean").count() == 0

    form.get_by_label("Section").select_option(label="Bethnal Green")
    form.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert "section=bethnal-green" in page.url
    assert page.get_by_role("link", name=RUSHANARA_STORY).is_visible()
    assert page.get_by_role("link", name=TAHIR_STORY).count() == 0
    assert form.get_by_label("Section").input_value() == "bethnal-green"
    screenshot(page, "search-filtered-by-section")
    assert page.watcher.errors == []
