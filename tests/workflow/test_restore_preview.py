"""The restore page says what restoring does: it shows the changes the restore makes, and
shows what the restore keeps (address, publish state, corrections) as kept."""

import re
from html import unescape

import pytest
from reversion.models import Revision, Version

from articles import publishing, revisions
from articles.models import Article, ArticleNote, ArticleSlug
from tests.factories import make_article, make_person
from tests.helpers import admin_form_data, link
from tests.workflow.helpers import admin_url

pytestmark = pytest.mark.django_db

Status = Article.Status


def edit(client, article, **changes):
    data = admin_form_data(client.get(admin_url("change", article.pk)))
    data.update(changes)
    response = client.post(admin_url("change", article.pk), data)
    assert response.status_code == 302, response.context["errors"]


def oldest_version(article) -> Version:
    return Version.objects.get_for_object(article).order_by("pk").first()


def restore_page(client, article, version):
    return client.get(admin_url("revision", article.pk, version.pk))


def after_text(diff: str) -> str:
    """The text a word diff reads once the words taken out are gone."""
    return unescape(re.sub(r"<[^>]*>", "", re.sub(r"<del>.*?</del>", "", diff, flags=re.S)))


@pytest.fixture
def moved_and_corrected(editor, editor_client):
    """A story saved once, then renamed, published and corrected, and its text changed."""
    story = make_article(
        title="Late night at the council",
        slug="late-night",
        # Named, as the linker found him: each save runs the linker again.
        standfirst="Ali Hassan Ali was there.",
        body="The meeting ran past midnight.",
        status=Status.DRAFT,
        published_at=None,
    )
    link(story, make_person("Ali Hassan Ali"))
    edit(editor_client, story, title="Late night at the council")
    edit(
        editor_client,
        story,
        slug="council-meeting-ends-late",
        body="The meeting ran until 12.20am.",
    )
    story.refresh_from_db()
    publishing.publish(story, user=editor)
    publishing.add_note(story, user=editor, text="We gave the wrong finishing time.")
    story.refresh_from_db()
    return story


def test_what_restoring_keeps_is_shown_as_kept_not_as_a_change(editor_client, moved_and_corrected):
    story = moved_and_corrected

    page = restore_page(editor_client, story, oldest_version(story))

    changed = [label for label, _ in page.context["differences"]]
    kept = {label: (had, stays) for label, had, stays in page.context["kept"]}
    assert changed == ["Body"]
    assert kept["Address"] == ("late-night", "council-meeting-ends-late")
    assert set(kept) == {"Address", "Status", "Published", "Corrections and updates"}
    assert kept["Corrections and updates"][1].startswith("Correction")
    html = page.content.decode()
    assert "Kept as it is now" in html
    assert "<del>until 12.20am.</del><ins>past midnight.</ins>" in html


def test_the_preview_and_the_restore_agree_part_by_part(editor_client, moved_and_corrected):
    story = moved_and_corrected
    version = oldest_version(story)
    old = revisions.contents_of(version)
    before = revisions.contents_now(story)
    page = restore_page(editor_client, story, version)
    previewed = {label.lower(): diff for label, diff in page.context["differences"]}
    kept = {label.lower() for label, _, _ in page.context["kept"]}

    response = editor_client.post(
        admin_url("revision", story.pk, version.pk), {"edit_version": story.edit_version}
    )

    assert response.status_code == 302
    story.refresh_from_db()
    after = revisions.contents_now(story)
    assert set(after) == set(before)
    for part, text in after.items():
        if text != before[part]:
            assert part in previewed, part
            assert after_text(previewed[part]) == text, part
        else:
            assert part not in previewed, part
        assert (part in kept) == (old[part] != before[part] == text), part


def test_a_link_to_someone_deleted_since_shows_as_kept_out(editor_client, moved_and_corrected):
    story = moved_and_corrected
    version = oldest_version(story)
    story.people.get().delete()

    page = restore_page(editor_client, story, version)

    kept = {label: (had, stays) for label, had, stays in page.context["kept"]}
    assert kept["People"] == ("(deleted) (found by the linker)", "(empty)")
    assert "People" not in [label for label, _ in page.context["differences"]]


def test_opening_the_restore_page_changes_nothing(editor_client, moved_and_corrected):
    story = moved_and_corrected
    counts = (Revision.objects.count(), ArticleSlug.objects.count(), ArticleNote.objects.count())

    page = restore_page(editor_client, story, oldest_version(story))

    assert page.status_code == 200
    stored = Article.objects.get(pk=story.pk)
    assert (stored.body, stored.slug, stored.edit_version) == (
        "The meeting ran until 12.20am.",
        "council-meeting-ends-late",
        story.edit_version,
    )
    assert stored.people.count() == 1
    assert counts == (
        Revision.objects.count(),
        ArticleSlug.objects.count(),
        ArticleNote.objects.count(),
    )


def test_a_version_like_the_story_now_would_change_nothing(editor_client):
    story = make_article(status=Status.DRAFT, published_at=None)
    edit(editor_client, story, title="Same")

    page = restore_page(editor_client, story, oldest_version(story))

    assert page.context["differences"] == []
    assert page.context["kept"] == []
    assert "Restoring would change nothing." in page.content.decode()


def test_a_reporter_may_open_the_restore_page_of_a_published_story(
    reporter_client, moved_and_corrected
):
    page = restore_page(reporter_client, moved_and_corrected, oldest_version(moved_and_corrected))

    assert page.status_code == 200
    assert [label for label, _ in page.context["differences"]] == ["Body"]
