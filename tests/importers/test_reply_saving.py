"""Imported stories get the rights of reply they state (`articles.importers.reply_saving`)."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.importers.batches import import_batch, import_one
from articles.importers.documents import parse_document
from articles.linking import EntityLinker
from articles.models import Article, ReplyRequest
from people.reference import load_reference

pytestmark = pytest.mark.django_db

SEEDS = settings.BASE_DIR / "fixtures" / "seeds"
ENTITIES = settings.BASE_DIR / "fixtures" / "entities.yaml"
SOURCE_000 = "000_9370205d60b48b49.txt"
SOURCE_001 = "001_2bc5a03e90a2a01a.txt"
SOURCE_002 = "002_2c19ababa5a70ba0.txt"
STORY = """---
title: "{title}"
date: 2024-06-27T23:30:00+01:00
---

{body}
"""


def import_seeds(*args) -> None:
    call_command("import_seeds", "--no-progress", *args, stdout=StringIO(), stderr=StringIO())


def replies_of(source_name: str) -> list[tuple]:
    return list(
        ReplyRequest.objects.filter(article__source_name=source_name)
        .order_by("pk")
        .values_list("person__slug", "organisation", "outcome", "statement", "asked_on")
    )


def london_date(article: Article):
    return timezone.localtime(article.published_at).date()


def write_story(folder: Path, name: str, body: str, *, title: str = "A story") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(STORY.format(title=title, body=body))
    return path


@pytest.fixture
def linker():
    load_reference(ENTITIES)
    return EntityLinker.from_database()


# --- The seed stories ------------------------------------------------------------------


def test_seed_002_gets_tahir_ali_and_lbc_awaiting_and_the_other_seeds_none():
    import_seeds()
    published = london_date(Article.objects.get(source_name=SOURCE_002))

    assert replies_of(SOURCE_002) == [
        (
            "tahir-ali",
            "",
            "awaiting",
            "We have reached out to Mr Ali, who has not returned our calls or messages "
            "this morning.",
            published,
        ),
        (None, "LBC", "awaiting", "We have also contacted LBC.", published),
    ]
    assert replies_of(SOURCE_000) == []
    assert replies_of(SOURCE_001) == []


def test_importing_the_seeds_again_adds_no_second_rows():
    import_seeds()
    first = replies_of(SOURCE_002)

    import_seeds()
    import_seeds("--force")

    assert replies_of(SOURCE_002) == first
    assert ReplyRequest.objects.count() == 2


def test_an_editors_rows_are_kept_when_the_story_is_imported_again():
    import_seeds()
    story = Article.objects.get(source_name=SOURCE_002)
    story.reply_requests.filter(organisation="LBC").delete()
    ReplyRequest.objects.create(
        article=story, organisation="The Guardian", outcome=ReplyRequest.Outcome.DECLINED
    )
    before = replies_of(SOURCE_002)

    import_seeds("--force")

    assert replies_of(SOURCE_002) == before
    assert [row[1] for row in before] == ["", "The Guardian"]


# --- Who was asked, as the linker reads the story ---------------------------------------


def test_mr_ali_after_rushanara_ali_is_rushanara_ali(tmp_path, linker):
    path = write_story(
        tmp_path,
        "rushanara.md",
        "Rushanara Ali, the Labour candidate for Bethnal Green and Stepney, spoke.\n\n"
        "We have reached out to Mr Ali for comment.",
    )

    import_batch([path], linker=linker, force=False)

    [row] = replies_of(path.name)
    assert row[:3] == ("rushanara-ali", "", "awaiting")


def test_the_single_story_path_resolves_the_same_way(tmp_path, linker):
    path = write_story(
        tmp_path,
        "alone.md",
        "Tahir Ali, the MP for Hall Green, spoke.\n\nMr Ali declined to comment.",
    )

    import_one(path, parse_document(path), linker=linker, force=False)

    [row] = replies_of(path.name)
    assert row[:4] == ("tahir-ali", "", "declined", "Mr Ali declined to comment.")


@pytest.mark.parametrize(
    ("body", "person", "organisation"),
    [
        # Two Alis named in full: "Mr Ali" links neither, and is kept as written.
        ("Rushanara Ali and Tahir Ali spoke.\n\nWe contacted Mr Ali.", None, "Mr Ali"),
        # Nobody named in full: a surname links no one.
        ("The MP spoke.\n\nWe contacted Mr Ali.", None, "Mr Ali"),
        # The longer surname wins: never Rushanara Ali.
        (
            "Rushanara Ali and Ali Hassan Ali spoke.\n\nWe contacted Mr Hassan Ali.",
            "ali-hassan-ali",
            "",
        ),
        ("We asked Tahir Ali for comment.", "tahir-ali", ""),
        ("Tahir Ali spoke.\n\nWe contacted the Labour Party.", None, "the Labour Party"),
    ],
)
def test_who_was_asked_is_whom_the_linker_links_in_that_story(
    tmp_path, linker, body, person, organisation
):
    path = write_story(tmp_path, "story.md", body)

    import_batch([path], linker=linker, force=False)

    [row] = replies_of(path.name)
    assert row[:2] == (person, organisation)


def test_sentences_about_one_person_make_one_row_with_the_last_outcome(tmp_path, linker):
    path = write_story(
        tmp_path,
        "twice.md",
        "Tahir Ali spoke.\n\nWe contacted Mr Ali on Monday. Tahir Ali declined to comment.",
    )

    import_batch([path], linker=linker, force=False)

    [row] = replies_of(path.name)
    assert row[:4] == (
        "tahir-ali",
        "",
        "declined",
        "We contacted Mr Ali on Monday. Tahir Ali declined to comment.",
    )


def test_asked_on_is_the_local_publication_date_unless_the_sentence_gives_one(tmp_path, linker):
    # Published at 23:30 on 27 June, London time: 22:30 UTC, the same day.
    undated = write_story(tmp_path, "undated.md", "We contacted LBC.")
    dated = write_story(tmp_path, "dated.md", "We contacted LBC on 25 June 2024.")

    import_batch([undated, dated], linker=linker, force=False)

    assert replies_of(undated.name)[0][4].isoformat() == "2024-06-27"
    assert replies_of(dated.name)[0][4].isoformat() == "2024-06-25"


# --- Cost ------------------------------------------------------------------------------


def test_a_batch_writes_its_rights_of_reply_in_one_insert(tmp_path, linker):
    paths = [
        write_story(tmp_path, f"story-{number}.md", "We contacted LBC. We contacted Labour.")
        for number in range(5)
    ]

    with CaptureQueriesContext(connection) as queries:
        import_batch(paths, linker=linker, force=False)

    inserts = [
        q
        for q in queries.captured_queries
        if q["sql"].startswith('INSERT INTO "articles_replyrequest"')
    ]
    assert len(inserts) == 1
    assert ReplyRequest.objects.count() == 10
