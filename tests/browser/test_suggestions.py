"""A new councillor in a real Chromium: a reporter names her, an editor puts her on file.

The reporter's save suggests the name (nothing public yet); the editor accepts it from
the suggestions queue as a new person and publishes the story; readers then follow the
story's link to her page, which lists the story.
"""

import pytest
from django.utils import timezone

from articles.models import Article, LinkSuggestion
from people.models import Person
from tests.factories import StaffFactory, make_constituency, make_party, make_section
from tests.helpers import ensure_roles

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-passphrase"
TITLE = "Whitechapel candidate promises cleaner streets"
BODY = (
    "Cllr Jane Smithson, the Labour candidate for Whitechapel, said the ward deserved "
    "cleaner streets.\n\nMs Smithson said Labour would act within a year."
)


@pytest.fixture
def newsroom():
    ensure_roles()
    make_party("Labour Party", slug="labour", aliases=["Labour"])
    make_constituency("Whitechapel", kind="ward")
    make_section("News", slug="news")
    StaffFactory(username="rita", password=PASSWORD, group="Reporter")
    StaffFactory(username="eddie", password=PASSWORD, group="Editor")


def test_an_editor_puts_a_new_councillor_on_file_from_the_suggestions_queue(
    live_server, page_factory, newsroom
):
    base = live_server.url

    # The reporter files the story; saving suggests the councillor's name.
    reporter = page_factory(1280, 1000)
    log_in(reporter, base, "rita", PASSWORD)
    reporter.goto(f"{base}/admin/articles/article/add/")
    reporter.locator("#id_title").fill(TITLE)
    reporter.locator("#id_slug").fill("whitechapel-candidate")
    reporter.locator("#id_section").select_option(label="News")
    reporter.locator("#id_body").fill(BODY)
    reporter.get_by_role("button", name="Save", exact=True).click()
    reporter.wait_for_load_state()
    assert reporter.locator(".messagelist .success").count() == 1
    article = Article.objects.get(title=TITLE)
    assert list(article.suggestions.values_list("name", flat=True)) == ["Jane Smithson"]
    assert not Person.objects.filter(name="Jane Smithson").exists()

    # Reporters may read the queue, but have no way to accept.
    reporter.goto(f"{base}/admin/articles/linksuggestion/")
    assert reporter.get_by_role("link", name="Jane Smithson").count() == 1
    assert reporter.locator("select[name=action]").count() == 0

    # The editor accepts her as a new person from the queue.
    editor = page_factory(1280, 1000)
    log_in(editor, base, "eddie", PASSWORD)
    editor.goto(f"{base}/admin/articles/linksuggestion/")
    row = editor.locator("#result_list tbody tr", has_text="Jane Smithson")
    assert "Cllr; the Labour candidate" in row.inner_text()
    assert row.get_by_role("link", name=TITLE).count() == 1
    screenshot(editor, "suggestions-queue")
    row.get_by_role("link", name="Jane Smithson").click()
    editor.wait_for_load_state()
    editor.get_by_label("Accept as a new person").check()
    editor.get_by_role("button", name="Save", exact=True).click()
    editor.wait_for_load_state()
    assert editor.locator(".messagelist .success", has_text="Jane Smithson").count() == 1
    person = Person.objects.get(name="Jane Smithson")
    assert LinkSuggestion.objects.get().status == LinkSuggestion.Status.ACCEPTED

    # The editor publishes the story.
    editor.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    now = timezone.localtime()
    editor.locator("#id_status").select_option("published")
    editor.locator("#id_published_at_0").fill(f"{now:%d/%m/%Y}")
    editor.locator("#id_published_at_1").fill(f"{now:%H:%M:%S}")
    editor.get_by_role("button", name="Save", exact=True).click()
    editor.wait_for_load_state()
    assert editor.locator(".errornote").count() == 0

    # Readers follow the story's link to her page, which lists the story.
    reader = page_factory(1280, 900)
    assert reader.goto(f"{base}{article.get_absolute_url()}").status == 200
    reader.locator(f"a[href='{person.get_absolute_url()}']").first.click()
    reader.wait_for_load_state()
    assert reader.locator("h1").inner_text() == "Jane Smithson"
    assert reader.get_by_role("link", name=TITLE).count() >= 1
    screenshot(reader, "new-person-page")
    assert editor.watcher.errors == [] and reader.watcher.errors == []
