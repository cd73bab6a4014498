"""What editors do in the admin, the next import keeps: pictures they add or change,
and stories they delete (which stay deleted, with a list to see and undo that)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from reversion.models import Version

from articles.models import Article, DeletedSource, Picture
from tests.factories import StaffFactory
from tests.helpers import add_inline_row, admin_form_data, inline_formset
from tests.workflow.helpers import admin_url, logged_in, picture_upload

pytestmark = pytest.mark.django_db

STORY = """---
title: Count night
date: 2024-06-27T09:00:00+01:00
summary: The count went on all night.
---

<figure><figcaption>The count</figcaption></figure>

<figure><figcaption>The result</figcaption></figure>

{ending}
"""


@pytest.fixture
def story_file(tmp_path: Path) -> Path:
    path = tmp_path / "count.md"
    path.write_text(STORY.format(ending="The winner spoke."))
    return path


def run_import(*args) -> str:
    out = StringIO()
    call_command("import_seeds", "--no-progress", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def origins(article: Article) -> list[tuple[int, str, str]]:
    return list(article.pictures.order_by("position").values_list("position", "caption", "origin"))


def test_pictures_an_editor_adds_or_changes_in_the_admin_are_the_editors(story_file, editor_client):
    run_import("--path", str(story_file))
    article = Article.objects.get()
    assert {origin for _, _, origin in origins(article)} == {Picture.Origin.IMPORTED}
    url = admin_url("change", article.pk)
    page = editor_client.get(url)
    data = admin_form_data(page)
    pictures = inline_formset(page, Picture)
    data[f"{pictures.prefix}-1-caption"] = "The result, corrected"
    add_inline_row(data, pictures, position=7, caption="Our photographer's", alt_text="Crowd")
    data[f"{pictures.prefix}-2-file"] = picture_upload()

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    assert origins(article) == [
        (1, "The count", Picture.Origin.IMPORTED),
        (2, "The result, corrected", Picture.Origin.EDITOR),
        (7, "Our photographer's", Picture.Origin.EDITOR),
    ]


def test_a_picture_changed_from_the_pictures_list_is_the_editors(story_file, editor_client):
    run_import("--path", str(story_file))
    picture = Picture.objects.get(position=1)
    url = admin_url("change", picture.pk, model=Picture)
    data = admin_form_data(editor_client.get(url))
    data["caption"] = "Counting agents"

    assert editor_client.post(url, data).status_code == 302
    picture.refresh_from_db()
    assert picture.origin == Picture.Origin.EDITOR


def test_a_reimport_replaces_the_imports_pictures_and_keeps_the_editors(story_file, editor_client):
    run_import("--path", str(story_file))
    article = Article.objects.get()
    url = admin_url("change", article.pk)
    page = editor_client.get(url)
    data = admin_form_data(page)
    pictures = inline_formset(page, Picture)
    add_inline_row(data, pictures, position=3, caption="Our photographer's", alt_text="Crowd")
    data[f"{pictures.prefix}-2-file"] = picture_upload()
    assert editor_client.post(url, data).status_code == 302
    story_file.write_text(
        STORY.format(ending="<figure><figcaption>The speech</figcaption></figure>")
    )

    out = run_import("--path", str(story_file))
    assert "1 skipped" in out  # an editor changed the story: not overwritten unforced
    assert "1 updated" in run_import("--path", str(story_file), "--force")

    assert origins(article) == [
        (1, "The count", Picture.Origin.IMPORTED),
        (2, "The result", Picture.Origin.IMPORTED),
        (3, "The speech", Picture.Origin.IMPORTED),
        (4, "Our photographer's", Picture.Origin.EDITOR),
    ]
    kept = article.pictures.get(origin=Picture.Origin.EDITOR)
    assert kept.file
    article.refresh_from_db()
    assert "[[picture:3]]" in article.body


def test_a_story_deleted_in_the_admin_stays_deleted_and_the_editor_can_undo_that(
    story_file, editor_client
):
    run_import("--path", str(story_file))
    article = Article.objects.get()
    response = editor_client.post(admin_url("delete", article.pk), {"post": "yes"})
    assert response.status_code == 302
    assert "1 skipped" in run_import("--path", str(story_file))
    assert not Article.objects.exists()

    listing = editor_client.get(admin_url("changelist", model=DeletedSource))
    assert listing.status_code == 200
    assert "count.md" in listing.content.decode()
    tombstone = DeletedSource.objects.get()
    assert tombstone.title == "Count night"
    response = editor_client.post(
        admin_url("delete", tombstone.pk, model=DeletedSource), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not DeletedSource.objects.exists()
    assert "1 created" in run_import("--path", str(story_file))


def test_only_editors_see_the_deleted_stories_and_nobody_adds_or_edits_them(editor_client):
    tombstone = DeletedSource.objects.create(source_name="count.md", title="Count night")
    reporter = logged_in(StaffFactory(username="rita", group="Reporter"))

    assert reporter.get(admin_url("changelist", model=DeletedSource)).status_code == 403
    assert editor_client.get(admin_url("add", model=DeletedSource)).status_code == 403
    page = editor_client.get(admin_url("change", tombstone.pk, model=DeletedSource))
    assert page.status_code == 200
    assert 'name="source_name"' not in page.content.decode()


def test_a_story_recovered_from_its_history_is_no_longer_recorded_as_deleted(story_file):
    run_import("--path", str(story_file))
    Article.objects.get().delete()
    assert DeletedSource.objects.exists()
    [version] = Version.objects.get_deleted(Article)

    version.revision.revert()  # what the admin's "recover deleted stories" does

    assert Article.objects.get().source_name == "count.md"
    assert not DeletedSource.objects.exists()
    assert "1 unchanged" in run_import("--path", str(story_file))
