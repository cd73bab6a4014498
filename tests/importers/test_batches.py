"""Importing a batch of new stories at once leaves what importing them one by one would."""

import shutil
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from articles import revisions
from articles.importers import batches
from articles.importers.batches import import_batch, import_one
from articles.importers.documents import SourceFile, parse, parse_document
from articles.importers.saving import Action
from articles.linking import EntityLinker
from articles.models import Article, Coverage, DeletedSource
from people.reference import load_reference

pytestmark = pytest.mark.django_db

SEEDS = settings.BASE_DIR / "fixtures" / "seeds"
ENTITIES = settings.BASE_DIR / "fixtures" / "entities.yaml"
DAY = 27
STORY = """---
title: "{title}"
date: 2024-06-{day:02d}T09:00:00+01:00
tags: [elections, "count night"]
categories: [local]
section: Bethnal Green
---

Rushanara Ali, the Labour candidate for Bethnal Green and Stepney, was at the count.
Ali thanked the Workers Party of Britain's George Galloway for a clean campaign.
"""


@pytest.fixture
def linker():
    load_reference(ENTITIES)
    return EntityLinker.from_database()


def write_stories(folder: Path, count: int, *, first: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(first, first + count):
        path = folder / f"story-{number:03d}.md"
        path.write_text(STORY.format(title=f"Count night story {number}", day=DAY))
        paths.append(path)
    return paths


def what_was_stored(article: Article) -> dict:
    """Everything an import writes for a story, with ids that differ between stories left out."""
    article.refresh_from_db()
    return {
        "fields": (article.title[:5], article.section.slug, article.status, article.published_at),
        "edited since import": article.is_edited_since_import,
        "edit version": article.edit_version,
        "tags": sorted(article.tags.names()),
        "categories": sorted(article.categories.values_list("slug", flat=True)),
        "people": sorted(article.person_links.values_list("person__slug", "mentions", "origin")),
        "parties": sorted(article.party_links.values_list("party__slug", "mentions", "origin")),
        "places": sorted(
            article.constituency_links.values_list("constituency__slug", "mentions", "origin")
        ),
        "coverage": sorted(
            Coverage.objects.filter(article=article).values_list("kind", "mentions", "published_at")
        ),
        "revisions": [
            (version.revision.comment.split(" of ")[0], version.object_repr == article.title)
            for version in Version.objects.get_for_object(article)
        ],
        "versions in the revision": sorted(
            version.content_type.model
            for version in Version.objects.get_for_object(article)
            .first()
            .revision.version_set.all()
        ),
    }


def latest_revision_versions(article: Article):
    return Version.objects.get_for_object(article).first().revision.version_set.all()


def test_a_batch_stores_exactly_what_importing_each_file_on_its_own_stores(tmp_path, linker):
    alone = write_stories(tmp_path / "alone", 1, first=1)[0]
    together = write_stories(tmp_path / "together", 3, first=2)

    assert import_one(alone, parse_document(alone), linker=linker, force=False).action == "created"
    outcomes = import_batch(together, linker=linker, force=False)

    assert [outcome.action for outcome in outcomes] == [Action.CREATED] * 3
    one_by_one = what_was_stored(Article.objects.get(source_name=alone.name))
    for path in together:
        assert what_was_stored(Article.objects.get(source_name=path.name)) == one_by_one
    assert one_by_one["people"]  # the story really is linked, tagged and indexed
    assert one_by_one["coverage"]
    assert one_by_one["edited since import"] is False


def test_a_batch_revision_is_the_revision_reversion_itself_would_store(tmp_path, linker):
    path = write_stories(tmp_path, 1)[0]
    import_batch([path], linker=linker, force=False)
    article = Article.objects.get(source_name=path.name)
    batch_versions = latest_revision_versions(article)

    with transaction.atomic(), reversion.create_revision(manage_manually=True):
        revisions.record(Article.objects.get(pk=article.pk))
    by_reversion = latest_revision_versions(article)

    def stored(versions):
        return sorted(
            (v.content_type_id, v.object_id, v.db, v.format, v.serialized_data, v.object_repr)
            for v in versions
        )

    assert stored(batch_versions) == stored(by_reversion)
    assert len(stored(by_reversion)) > 5


def test_a_batch_reads_the_same_for_five_stories_as_for_twenty(tmp_path, linker):
    few = write_stories(tmp_path / "few", 5)
    many = write_stories(tmp_path / "many", 20, first=10)
    # The first batch also creates the section, category and tags every story shares.
    import_batch(write_stories(tmp_path / "warm", 1, first=40), linker=linker, force=False)

    with CaptureQueriesContext(connection) as for_few:
        import_batch(few, linker=linker, force=False)
    with CaptureQueriesContext(connection) as for_many:
        outcomes = import_batch(many, linker=linker, force=False)

    assert [outcome.action for outcome in outcomes] == [Action.CREATED] * 20
    assert reads(for_many) == reads(for_few)
    # Writes are one statement per table, split only where the database limits the
    # number of values one statement may carry.
    assert writes(for_many) <= writes(for_few) + 3


def reads(queries) -> int:
    return sum(not query["sql"].startswith("INSERT") for query in queries.captured_queries)


def writes(queries) -> int:
    return sum(query["sql"].startswith("INSERT") for query in queries.captured_queries)


def test_a_file_the_database_refuses_fails_alone_and_the_rest_of_its_batch_imports(
    tmp_path, linker
):
    paths = write_stories(tmp_path, 3)
    refuse_headline("Count night story 2")

    outcomes = import_batch(paths, linker=linker, force=False)

    assert [outcome.action for outcome in outcomes] == [
        Action.CREATED,
        Action.FAILED,
        Action.CREATED,
    ]
    assert "refused by the database" in outcomes[1].detail
    assert set(Article.objects.values_list("title", flat=True)) == {
        "Count night story 1",
        "Count night story 3",
    }


def refuse_headline(title: str) -> None:
    """A rule the database itself enforces, as a constraint added by its owner would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_headline() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.title = '{title}' THEN RAISE EXCEPTION 'refused by the database'; "
                "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_headline BEFORE INSERT ON articles_article "
                "FOR EACH ROW EXECUTE FUNCTION refuse_headline()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER refuse_headline BEFORE INSERT ON articles_article "
                f"WHEN NEW.title = '{title}' BEGIN "
                "SELECT RAISE(ABORT, 'refused by the database'); END"
            )


def test_files_for_stories_that_exist_are_updated_one_by_one_in_the_same_run(tmp_path, linker):
    first = write_stories(tmp_path, 2)
    import_batch(first, linker=linker, force=False)
    first[0].write_text(STORY.format(title="Count night, corrected", day=DAY))
    later = write_stories(tmp_path, 1, first=3)

    outcomes = import_batch([*first, *later], linker=linker, force=False)

    assert [outcome.action for outcome in outcomes] == [
        Action.UPDATED,
        Action.UNCHANGED,
        Action.CREATED,
    ]
    assert Article.objects.get(source_name=first[0].name).title == "Count night, corrected"


def test_the_seed_stories_import_in_one_batch(tmp_path, linker):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    paths = sorted((tmp_path / "seeds").iterdir())

    outcomes = import_batch(paths, linker=linker, force=False)

    assert [outcome.action for outcome in outcomes] == [Action.CREATED] * 3
    assert Article.objects.count() == 3


# --- Unchanged files are not parsed ----------------------------------------------------


@pytest.fixture
def parse_calls(monkeypatch):
    """The paths the batch parses: the real parser runs, and each call is counted."""
    calls = []

    def counted(document, **kwargs):
        calls.append(document.path)
        return parse(document, **kwargs)

    monkeypatch.setattr(batches, "parse", counted)
    return calls


def test_unchanged_files_are_reported_unchanged_without_being_parsed(tmp_path, linker, parse_calls):
    paths = write_stories(tmp_path, 5)
    import_batch(paths, linker=linker, force=False)
    paths[2].write_text(STORY.format(title="Count night, corrected", day=DAY))
    parse_calls.clear()

    outcomes = import_batch(paths, linker=linker, force=False)

    assert [outcome.action for outcome in outcomes] == [Action.UNCHANGED] * 2 + [Action.UPDATED] + [
        Action.UNCHANGED
    ] * 2
    assert parse_calls == [paths[2]]
    assert outcomes[0].detail == "Count night story 1"


def test_force_parses_and_saves_unchanged_files(tmp_path, linker, parse_calls):
    paths = write_stories(tmp_path, 2)
    import_batch(paths, linker=linker, force=False)
    parse_calls.clear()

    outcomes = import_batch(paths, linker=linker, force=True)

    assert parse_calls == paths
    assert [outcome.action for outcome in outcomes] == [Action.UPDATED] * 2


def test_a_batch_of_unchanged_files_costs_two_queries_however_many_files(tmp_path, linker):
    few = write_stories(tmp_path / "few", 3)
    many = write_stories(tmp_path / "many", 30, first=10)
    import_batch(few, linker=linker, force=False)
    import_batch(many, linker=linker, force=False)

    with CaptureQueriesContext(connection) as for_few:
        import_batch(few, linker=linker, force=False)
    with CaptureQueriesContext(connection) as for_many:
        outcomes = import_batch(many, linker=linker, force=False)

    assert {outcome.action for outcome in outcomes} == {Action.UNCHANGED}
    assert len(for_few) == len(for_many) == 2  # the stored sources, the deleted ones


# --- Deleted stories stay deleted ------------------------------------------------------


def test_a_story_an_editor_deleted_is_skipped_until_forced(tmp_path, linker):
    paths = write_stories(tmp_path, 2)
    import_batch(paths, linker=linker, force=False)
    Article.objects.get(source_name=paths[0].name).delete()
    assert DeletedSource.objects.get().source_name == paths[0].name

    outcomes = import_batch(paths, linker=linker, force=False)

    assert [outcome.action for outcome in outcomes] == [Action.SKIPPED, Action.UNCHANGED]
    assert "deleted by an editor" in outcomes[0].detail
    assert "--force" in outcomes[0].detail
    assert not Article.objects.filter(source_name=paths[0].name).exists()

    outcomes = import_batch(paths, linker=linker, force=True)

    assert outcomes[0].action == Action.CREATED
    assert Article.objects.filter(source_name=paths[0].name).exists()
    assert not DeletedSource.objects.exists()


def test_a_deleted_story_is_skipped_even_when_its_file_changed(tmp_path, linker):
    [path] = write_stories(tmp_path, 1)
    import_batch([path], linker=linker, force=False)
    Article.objects.get().delete()
    path.write_text(STORY.format(title="Count night, the sequel", day=DAY))

    [outcome] = import_batch([path], linker=linker, force=False)

    assert outcome.action == Action.SKIPPED
    assert not Article.objects.exists()


# --- One story per source --------------------------------------------------------------


def test_two_files_of_one_run_with_the_same_id_do_not_fight_over_one_story(tmp_path, linker):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    for path in (first, second):
        path.write_text(f"---\ntitle: {path.stem}\nid: 42\ndate: 2024-01-01\n---\nBody\n")

    outcomes = import_batch([first, second], linker=linker, force=False)

    assert [outcome.action for outcome in outcomes] == [Action.CREATED, Action.FAILED]
    assert f"{first} in this import is the same story (id:42)" in outcomes[1].detail
    assert Article.objects.get().title == "a"


def test_a_story_imported_under_its_bare_file_name_is_found_from_its_folder(tmp_path, linker):
    """Imports before paths named sources stored desk/story.md as story.md."""
    path = write_stories(tmp_path / "desk", 1)[0]
    import_one(path, parse_document(path), linker=linker, force=False)  # named story-001.md
    story = Article.objects.get()
    source = SourceFile(path, f"desk/{path.name}")

    [outcome] = import_batch([source], linker=linker, force=False)

    assert outcome.action == Action.UNCHANGED
    assert Article.objects.get().pk == story.pk
    assert Article.objects.get().source_name == f"desk/{path.name}"
    [outcome] = import_batch([source], linker=linker, force=False)
    assert outcome.action == Action.UNCHANGED


# --- Nothing stops the run -------------------------------------------------------------


def test_an_unexpected_error_fails_its_file_alone_and_is_logged(
    tmp_path, linker, monkeypatch, caplog
):
    paths = write_stories(tmp_path, 3)

    def parse_with_a_bug(document, **kwargs):
        if document.path == paths[1]:
            raise KeyError("a bug in the parser")
        return parse(document, **kwargs)

    monkeypatch.setattr(batches, "parse", parse_with_a_bug)
    outcomes = import_batch(paths, linker=linker, force=False)

    assert [outcome.action for outcome in outcomes] == [
        Action.CREATED,
        Action.FAILED,
        Action.CREATED,
    ]
    assert outcomes[1].detail.startswith("unexpected error (KeyError")
    assert "Traceback" in caplog.text or caplog.records[-1].exc_info
