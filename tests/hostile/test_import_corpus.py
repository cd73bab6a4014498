"""An import over a folder of hostile files: each fails alone with a reason, or imports
cleaned; the good stories import; nothing stored before is damaged; and the command
ends with its bad-files status, never a traceback.

The files are in `corpus/` (small ones) or made here (large ones, a picture, a file
name that is not UTF-8). Run with -v 2, so that every file gets exactly one line.
"""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from reversion.models import Version

from articles.models import Article, Picture
from newsroom.text import is_xml_safe
from tests.helpers import png_with_huge_text_chunk

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "corpus"
FAILED, CREATED, UNCHANGED = "FAILED", "CREATED", "UNCHANGED"
NOT_A_DATE = "is not a date a story can have (1800 to 2200 are accepted)"

# What each corpus file comes to: the line's first word, and words its reason holds.
EXPECTED = {
    "alias-bomb.md": (FAILED, "aliases are not allowed"),
    "binary-junk-no-nul.txt": (FAILED, "not UTF-8 text"),
    "binary-junk.txt": (FAILED, "file is binary"),
    "bom-only.txt": (FAILED, "file is empty"),
    "byline-too-long.md": (FAILED, "byline: Ensure this value has at most 255 characters"),
    "control-characters.md": (CREATED, "Budget row[31m deepens"),
    "control-characters.txt": (CREATED, "Headline here"),
    "date-bad-offset.md": (FAILED, "impossible value"),
    "date-quoted-year-1.md": (FAILED, f"date '0001-01-01' {NOT_A_DATE}"),
    "date-year-1.md": (FAILED, f"date 0001-01-01T00:00:00+05:00 {NOT_A_DATE}"),
    "date-year-10000.md": (FAILED, f"date 9999-12-31T23:59:59-05:00 {NOT_A_DATE}"),
    "dateline-1066.txt": (FAILED, f"the dateline's date 14 October 1066 {NOT_A_DATE}"),
    "deep-yaml-mapping.md": (FAILED, "nested more than 32 levels deep"),
    "deep-yaml.md": (FAILED, "nested more than 32 levels deep"),
    "empty.md": (FAILED, "file is empty"),
    "front-matter-list.md": (FAILED, "must be a set of 'field: value' lines"),
    "front-matter-only.md": (FAILED, "no title"),
    "fuzzed-yaml-keys.md": (FAILED, "unhashable key"),
    "fuzzed-yaml-quotes.md": (FAILED, "invalid YAML in front matter at line 4"),
    "fuzzed-yaml-tab.md": (FAILED, "invalid YAML in front matter at line 3"),
    "huge-integer.md": (FAILED, "impossible value"),
    "invalid-yaml.md": (FAILED, "invalid YAML in front matter at line 3"),
    "latin-1.txt": (FAILED, "not UTF-8 text (byte 0xe9 at offset 3)"),
    "lone-surrogate-title.md": (FAILED, "no title"),
    "nul-bytes.md": (FAILED, "file is binary"),
    "paragraph-not-headline.txt": (FAILED, "no title"),
    "python-tag.md": (FAILED, "could not determine a constructor"),
    "tag-too-long.md": (FAILED, "is longer than 100 characters"),
    "title-too-long.md": (FAILED, "title: Ensure this value has at most 300 characters"),
    "utf-16.txt": (FAILED, "file is binary"),
    "whitespace-only.txt": (FAILED, "file is empty"),
    "wrong-type-date.md": (FAILED, "date must be a date, not list"),
    "wrong-type-draft.md": (FAILED, "draft must be true or false"),
    "wrong-type-id.md": (FAILED, "id must be text or a number, not dict"),
    "wrong-type-tags.md": (FAILED, "tags must be a list of text values"),
    "wrong-type-title.md": (FAILED, "title must be text, not dict"),
}
# Made by the test: too large to keep, or impossible to keep in a repository.
MADE = {
    "over-the-limit.txt": (FAILED, "the import limit is 2,097,152 bytes"),
    "figures-50k-unclosed.md": (FAILED, "characters; a story's limit is 100,000"),
    "figures-50k.md": (FAILED, "more than 1,000 pictures"),
    "pictured.md": (CREATED, "was not stored"),
    "caf\udce9.md": (FAILED, "name is not UTF-8"),
    "stored-turned-bad.md": (FAILED, "nested more than 32 levels deep"),
}
GOOD = {
    "good-story.md": (CREATED, "Council passes budget"),
    "good-story.txt": (CREATED, "Mayor opens new library"),
    "stored-unchanged.md": (UNCHANGED, "Stored before the hostile run"),
}
ACTIONS = ("CREATED", "UPDATED", "UNCHANGED", "SKIPPED", "FAILED")


def story(title: str, body: str = "Rushanara Ali spoke at the count.") -> str:
    return f"---\ntitle: {title}\ndate: 2024-06-27T09:00:00+01:00\ntags: [count]\n---\n\n{body}\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The corpus, the files made here, and good stories, two of them imported already."""
    folder = tmp_path / "import"
    shutil.copytree(CORPUS, folder)
    (folder / "stored-unchanged.md").write_text(story("Stored before the hostile run"))
    (folder / "stored-turned-bad.md").write_text(story("Stored, then its file broke"))
    run("--path", str(folder / "stored-unchanged.md"), str(folder / "stored-turned-bad.md"))
    (folder / "stored-turned-bad.md").write_text((CORPUS / "deep-yaml.md").read_text())

    limit = settings.NEWSROOM_IMPORT_MAX_BYTES
    (folder / "over-the-limit.txt").write_bytes(b"Headline\n\n" + b"x" * limit)
    front = "---\ntitle: {}\ndate: 2024-01-01\nsummary: S\n---\n"
    (folder / "figures-50k-unclosed.md").write_text(
        front.format("Unclosed figures") + "<figure>" * 50_000
    )
    (folder / "figures-50k.md").write_text(front.format("Figures") + "<figure>x</figure>" * 50_000)
    (folder / "images").mkdir()
    (folder / "images" / "bomb.png").write_bytes(png_with_huge_text_chunk())
    (folder / "pictured.md").write_text(
        "---\ntitle: Pictured\ndate: 2024-01-01\nfeaturedImage: /images/bomb.png\n---\nBody.\n"
    )
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.md"), "wb") as handle:
        handle.write(story("Named badly").encode())
    (folder / "good-story.md").write_text(story("Council passes budget"))
    (folder / "good-story.txt").write_text(
        "Mayor opens new library\n\nA standfirst\n\nFriday, 25th March 2022 — By Jo Bloggs\n\n"
        "The mayor opened it.\n"
    )
    return folder


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_seeds", "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def what_is_stored(source_name: str) -> dict:
    article = Article.objects.get(source_name=source_name)
    return {
        "fields": [getattr(article, field.attname) for field in Article._meta.concrete_fields],
        "tags": sorted(article.tags.names()),
        "pictures": list(article.pictures.values_list("caption", "position", "origin")),
        "people": list(article.person_links.values_list("person__slug", "mentions", "origin")),
        "revisions": Version.objects.get_for_object(article).count(),
    }


def test_every_hostile_file_fails_alone_with_its_reason_and_the_rest_import(folder):
    before = {
        name: what_is_stored(name) for name in ("stored-unchanged.md", "stored-turned-bad.md")
    }
    expected = {**EXPECTED, **MADE, **GOOD}
    assert {path.name for path in CORPUS.iterdir()} == set(EXPECTED), "every file is described"

    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(
            "import_seeds",
            "--path",
            str(folder),
            "-v",
            "2",
            "--no-progress",
            stdout=out,
            stderr=err,
        )

    failed = sum(action == FAILED for action, _ in expected.values())
    assert failure.value.returncode == 1
    assert str(failure.value) == f"{failed} file(s) could not be imported."
    assert "Traceback" not in out.getvalue() + err.getvalue()
    lines = [
        line for line in (out.getvalue() + err.getvalue()).splitlines() if line.startswith(ACTIONS)
    ]
    assert len(lines) == len(expected)
    for name, (action, reason) in expected.items():
        shown = str(folder / name).encode("utf-8", "backslashreplace").decode()
        [line] = [line for line in lines if line.split(" ", 1)[1].startswith(f"{shown}:")]
        assert line.startswith(f"{action} "), line
        assert reason in line, line
    created = sum(action == CREATED for action, _ in expected.values())
    assert (
        f"{created} created, 0 updated, 1 unchanged, 0 skipped, {failed} failed" in out.getvalue()
    )

    assert {name: what_is_stored(name) for name in before} == before
    stored = {article.source_name for article in Article.objects.all()}
    assert stored == {name for name, (action, _) in expected.items() if action != FAILED} | {
        "stored-turned-bad.md"
    }
    assert Article.objects.get(source_name="good-story.txt").byline == "Jo Bloggs"
    assert not Article.objects.get(source_name="pictured.md").featured_picture.file


def test_everything_the_hostile_run_stored_is_clean_text(folder):
    with pytest.raises(CommandError):
        run("--path", str(folder))
    texts = []
    for article in Article.objects.all():
        texts += [article.title, article.standfirst, article.body, article.byline]
        texts += [article.section.name, article.review_note, *article.tags.names()]
        texts += [category.name for category in article.categories.all()]
    for picture in Picture.objects.all():
        texts += [picture.caption, picture.credit, picture.alt_text, picture.source_path]
    assert all(is_xml_safe(text) for text in texts)
    assert not any(
        character in text for text in texts for character in ("\x1b", "\x7f", "\x9b", "\x85")
    )
    controlled = Article.objects.get(source_name="control-characters.md")
    assert (controlled.standfirst, controlled.byline, controlled.section.name) == (
        "Standfirst here",
        "Jo Bloggs",
        "Ne ws",
    )
    assert sorted(controlled.tags.names()) == ["vote"]
    assert [c.name for c in controlled.categories.all()] == ["Local"]
    assert list(controlled.pictures.values_list("alt_text", "caption")) == [("Alt", "Caption[0m")]


def test_a_second_run_over_the_same_folder_changes_nothing(folder):
    with pytest.raises(CommandError):
        run("--path", str(folder))
    before = {
        article.source_name: what_is_stored(article.source_name)
        for article in Article.objects.all()
    }

    with pytest.raises(CommandError) as failure:
        run("--path", str(folder))

    assert failure.value.returncode == 1
    after = {
        article.source_name: what_is_stored(article.source_name)
        for article in Article.objects.all()
    }
    assert after == before
