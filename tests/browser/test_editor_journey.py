"""An editor's day in a real Chromium: log in, edit a draft, preview it, publish it."""

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import DraftArticleFactory, StaffFactory
from tests.helpers import ensure_roles

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-passphrase"


@pytest.fixture
def editor():
    ensure_roles()
    return StaffFactory(username="eddie", password=PASSWORD, group="Editor")


@pytest.fixture
def draft():
    return DraftArticleFactory(
        title="Council budget draft",
        slug="council-budget",
        standfirst="The first version.",
        body="Councillors met on Tuesday.",
    )


def test_an_editor_edits_previews_and_publishes_a_story(live_server, page_factory, editor, draft):
    base = live_server.url
    page = page_factory(1280, 1000)
    log_in(page, base, "eddie", PASSWORD)

    page.goto(f"{base}/admin/articles/article/{draft.pk}/change/")
    page.locator("#id_title").fill("Council budget agreed after all-night session")
    page.locator("#id_body").fill("Councillors agreed the **budget** at 4am.")
    # The live preview shows the new body before the editor saves (saving earlier would
    # abort its request, which the watcher counts as a failure).
    page.locator(".body-preview-content strong", has_text="budget").wait_for()
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").count() == 1
    screenshot(page, "admin-edited")

    # Readers cannot see the draft; the editor's preview shows it as it will look.
    anonymous = page_factory(1280, 900)
    assert anonymous.goto(f"{base}/articles/council-budget/").status == 404
    preview = page_factory(1280, 900)
    preview.context.add_cookies(page.context.cookies())
    preview.goto(f"{base}/preview/{draft.pk}/")
    assert preview.locator("h1").inner_text() == "Council budget agreed after all-night session"
    assert preview.locator("main strong").first.inner_text() == "budget"
    assert "preview" in preview.locator("body").inner_text().lower()
    screenshot(preview, "admin-preview")

    now = timezone.localtime()
    page.locator("#id_status").select_option("published")
    page.locator("#id_published_at_0").fill(f"{now:%d/%m/%Y}")
    page.locator("#id_published_at_1").fill(f"{now:%H:%M:%S}")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").count() == 1
    assert page.locator(".errornote").count() == 0

    response = anonymous.goto(f"{base}/articles/council-budget/")
    assert response.status == 200
    assert anonymous.locator("h1").inner_text() == "Council budget agreed after all-night session"
    screenshot(anonymous, "published")
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert page.watcher.errors == []
