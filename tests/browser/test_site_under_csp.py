"""The admin works under the Content-Security-Policy, in a real Chromium.

Chromium reports anything the policy blocks as a console error, which the page watcher
collects: each page here must load, run its scripts and widgets, and report nothing.
"""

import pytest

from articles.models import Article, PreviewLink
from tests.factories import make_article

from .conftest import log_in, screenshot

# Needs nothing a data migration makes (its user is a superuser), so it may run after a
# test whose flush left the database without it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-passphrase"


@pytest.fixture
def story(django_user_model):
    django_user_model.objects.create_superuser("eddie", password=PASSWORD)
    article = make_article(
        title="Council budget draft",
        slug="council-budget",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    PreviewLink.objects.create(article=article, note="Legal read")
    return article


def test_the_article_form_and_its_widgets_work_under_the_policy(live_server, page_factory, story):
    base = live_server.url
    page = page_factory(1280, 1000)
    log_in(page, base, "eddie", PASSWORD)

    page.goto(f"{base}/admin/articles/article/{story.pk}/change/")
    # The calendar and clock pop-ups, "add another" rows and the live body preview are scripts.
    page.locator(".field-published_at a[id^=calendarlink]").click()
    calendar = page.locator(".calendarbox:visible")
    calendar.get_by_role("link", name="Today").click()
    assert page.locator("#id_published_at_0").input_value() != ""
    page.locator(".field-published_at a[id^=clocklink]").click()
    page.locator(".clockbox:visible").get_by_role("link", name="Noon").click()
    assert page.locator("#id_published_at_1").input_value() == "12:00:00"
    page.locator("#preview_links-group .add-row a").click()
    assert page.locator("#preview_links-1").is_visible()
    page.locator("#id_body").fill("Councillors agreed the **budget**.")
    page.locator(".body-preview-content strong").wait_for()
    screenshot(page, "admin-under-csp")

    assert page.watcher.errors == []


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/articles/article/?workflow=all",
        "/admin/articles/previewlink/",
        "/admin/articles/previewlink/add/",
        "/admin/axes/accessattempt/",
        "/admin/people/party/",
    ],
)
def test_admin_pages_load_with_nothing_blocked(live_server, page_factory, story, path):
    page = page_factory(1280, 900)
    log_in(page, live_server.url, "eddie", PASSWORD)

    response = page.goto(live_server.url + path)

    assert response.status == 200
    assert page.watcher.errors == []


def test_the_password_reset_pages_load_with_nothing_blocked(live_server, page_factory):
    page = page_factory(1280, 900)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_role("link", name="Forgotten your login credentials?").click()
    page.get_by_label("Email address").fill("nobody@example.org")
    page.get_by_role("button", name="Reset my password").click()
    page.wait_for_load_state()

    assert "/admin/password_reset/done/" in page.url
    assert page.watcher.errors == []
