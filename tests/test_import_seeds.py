"""The import_seeds command on the seed documents and on bad input."""

import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone
from PIL import Image
from reversion.models import Version

from articles.models import Article, DeletedSource, Picture
from people.models import Constituency, Party, Person
from tests.helpers import png_with_huge_text_chunk

SEEDS = settings.BASE_DIR / "fixtures" / "seeds"
SOURCE_000 = "000_9370205d60b48b49.txt"
SOURCE_001 = "001_2bc5a03e90a2a01a.txt"
SOURCE_002 = "002_2c19ababa5a70ba0.txt"

pytestmark = pytest.mark.django_db


def run_import(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def article_from(source_name: str) -> Article:
    return Article.objects.get(source_name=source_name)


def london_date(article: Article) -> date:
    return timezone.localtime(article.published_at).date()


@pytest.fixture
def seeded():
    run_import()


def test_seed_000_headline_standfirst_byline_date_and_pictures(seeded):
    article = article_from(SOURCE_000)
    assert article.title == "Tory quits candidate role and joins Labour amid election infighting"
    assert article.standfirst == "Claim and counter claim as candidate moves to Labour Party"
    assert article.byline == "Isabelle Stanley"
    assert london_date(article) == date(2022, 3, 25)
    assert article.status == Article.Status.PUBLISHED
    assert not article.published_at_inferred
    assert [p.caption for p in article.pictures.all()] == [
        "Ali Hassan Ali, right, during his time with the Tories",
        "Conservative leader Oliver Cooper",
    ]
    assert "during his time with the Tories" not in article.body
    assert "Conservative leader Oliver Cooper\n" not in article.body
    assert "Related Articles" not in article.body
    assert article.body.rstrip().endswith("borough commander Raj Kohli.")


def test_seed_001_front_matter_fields(seeded):
    article = article_from(SOURCE_001)
    assert article.title.startswith(
        "Is this the end of Rushanara Ali? The rise of the independents"
    )
    assert article.standfirst.startswith("With polling day looming next week")
    assert not article.body.startswith("With polling day")
    assert article.byline == ""
    assert london_date(article) == date(2024, 6, 27)
    assert article.section.slug == "bethnal-green"
    assert sorted(c.slug for c in article.categories.all()) == ["democracy", "local", "news"]
    assert sorted(t.name for t in article.tags.all()) == ["elections", "news"]
    featured = article.featured_picture
    assert featured.source_path == "/images/Independents-anti-Labour-Tower-Hamlets.jpg"
    assert not featured.file
    figure = article.pictures.get(is_featured=False)
    assert figure.alt_text.startswith("The front and back of the campaign leaflet")
    assert figure.caption.startswith("Ajmal Masroor's campaign leaflets")
    assert "<figure>" not in article.body
    assert f"[[picture:{figure.position}]]" in article.body


def test_seed_002_inferred_date_and_credited_picture(seeded):
    article = article_from(SOURCE_002)
    assert article.title == (
        "Hall Green MP Tahir Ali denies defection claim - "
        "'a Labour government is our greatest hope'"
    )
    assert article.standfirst == "Tahir Ali, MP for Birmingham Hall Green, denies 'defection' claim"
    assert article.byline == ""
    assert london_date(article) == date(2024, 4, 30)
    assert article.published_at_inferred
    assert "inferred" in article.review_note
    [picture] = article.pictures.all()
    assert picture.caption == article.standfirst
    assert picture.credit == "Darren Quinton/Birmingham Live"
    assert "READ MORE" not in article.body
    assert "Credit:" not in article.body


def names(queryset) -> set[str]:
    return {entity.name for entity in queryset}


EXPECTED_LINKS = {
    SOURCE_000: (
        {"Ali Hassan Ali", "Oliver Cooper", "Peter Horne", "Raj Kohli"},
        {"Conservative Party", "Labour Party", "Liberal Democrats"},
        {"West Hampstead"},
    ),
    SOURCE_001: (
        {
            "Rushanara Ali",
            "Ajmal Masroor",
            "Lutfur Rahman",
            "George Galloway",
            "Keir Starmer",
            "Rabina Khan",
            "Oona King",
            "John Biggs",
        },
        {"Labour Party", "Liberal Democrats", "Green Party", "Aspire", "Respect Party"},
        {"Bethnal Green and Stepney", "Bethnal Green and Bow"},
    ),
    SOURCE_002: (
        {"Tahir Ali", "George Galloway", "Rishi Sunak", "Henry Riley", "Chris Williamson"},
        {"Labour Party", "Workers Party of Britain"},
        {"Birmingham Hall Green"},
    ),
}
THE_THREE_ALIS = {"Ali Hassan Ali", "Rushanara Ali", "Tahir Ali"}


@pytest.mark.parametrize("source", EXPECTED_LINKS)
def test_each_seed_is_linked_to_the_entities_it_is_about(seeded, source):
    article = article_from(source)
    people, parties, places = EXPECTED_LINKS[source]
    assert names(article.people.all()) >= people
    assert names(article.parties.all()) >= parties
    assert names(article.constituencies.all()) >= places


@pytest.mark.parametrize("source", EXPECTED_LINKS)
def test_each_seed_links_only_the_ali_it_names_in_full(seeded, source):
    article = article_from(source)
    named_alis = names(article.people.all()) & THE_THREE_ALIS
    assert named_alis == EXPECTED_LINKS[source][0] & THE_THREE_ALIS
    assert len(named_alis) == 1


def test_short_mentions_are_counted_for_the_person_named_in_full(seeded):
    rushanara = article_from(SOURCE_001).person_links.get(person__name="Rushanara Ali")
    assert rushanara.mentions > 20  # "Ali" alone, again and again
    hassan_ali = article_from(SOURCE_000).person_links.get(person__name="Ali Hassan Ali")
    assert hassan_ali.mentions == 10  # 3 in full, 7 as "Mr Hassan Ali"


def test_the_byline_is_not_an_entity_the_story_is_about(seeded):
    assert not Person.objects.filter(name="Isabelle Stanley").exists()
    Person.objects.create(name="Isabelle Stanley", slug="isabelle-stanley")
    shutil.copy(SEEDS / SOURCE_000, settings.MEDIA_ROOT.parent / SOURCE_000)
    run_import("--path", str(settings.MEDIA_ROOT.parent / SOURCE_000), "--force")
    assert "Isabelle Stanley" not in names(article_from(SOURCE_000).people.all())


def test_entities_are_seeded_with_aliases(seeded):
    conservatives = Party.objects.get(name="Conservative Party")
    assert {"Tories", "Tory", "Conservatives"} <= set(conservatives.aliases)
    ward = Constituency.objects.get(name="West Hampstead")
    assert ward.kind == Constituency.Kind.WARD
    assert ward.parent.name == "Camden"


def test_a_second_run_creates_nothing_and_reports_every_file_unchanged(seeded):
    before = (Article.objects.count(), Picture.objects.count(), Person.objects.count())
    links_before = list(article_from(SOURCE_001).person_links.values_list("pk", flat=True))
    out, _ = run_import()
    assert "0 created, 0 updated, 3 unchanged, 0 skipped, 0 failed" in out
    assert (Article.objects.count(), Picture.objects.count(), Person.objects.count()) == before
    assert list(article_from(SOURCE_001).person_links.values_list("pk", flat=True)) == links_before


@pytest.fixture
def story_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "stories"
    folder.mkdir()
    shutil.copy(SEEDS / SOURCE_002, folder / SOURCE_002)
    return folder


def test_a_changed_file_updates_its_article_and_keeps_its_address(story_folder):
    run_import("--path", str(story_folder))
    original = article_from(SOURCE_002)
    path = story_folder / SOURCE_002
    path.write_text(path.read_text().replace("Hall Green MP", "Birmingham MP", 1))
    out, _ = run_import("--path", str(story_folder))
    assert "1 updated" in out
    updated = article_from(SOURCE_002)
    assert updated.pk == original.pk
    assert updated.title.startswith("Birmingham MP Tahir Ali")
    assert updated.slug == original.slug


def test_an_article_edited_by_an_editor_is_not_overwritten(story_folder):
    run_import("--path", str(story_folder))
    article = article_from(SOURCE_002)
    article.standfirst = "An editor's better standfirst"
    article.save()
    path = story_folder / SOURCE_002
    path.write_text(path.read_text() + "\nA new closing paragraph.\n")

    out, _ = run_import("--path", str(story_folder))
    assert "1 skipped" in out
    assert f"SKIPPED {path}" in out and "--force" in out
    assert article_from(SOURCE_002).standfirst == "An editor's better standfirst"

    out, _ = run_import("--path", str(story_folder), "--force")
    assert "1 updated" in out
    assert article_from(SOURCE_002).standfirst.startswith("Tahir Ali, MP for")


def test_entity_links_an_editor_changed_survive_a_reimport(story_folder):
    run_import("--path", str(story_folder))
    article = article_from(SOURCE_002)
    article.person_links.filter(person__name="Rishi Sunak").delete()
    article.links_curated = True
    article.save(update_fields=["links_curated"])
    path = story_folder / SOURCE_002
    path.write_text(path.read_text() + "\nRishi Sunak said nothing.\n")

    run_import("--path", str(story_folder))
    article.refresh_from_db()
    assert "Rishi Sunak" not in names(article.people.all())
    assert "Tahir Ali" in names(article.people.all())


def test_dry_run_reports_but_writes_nothing():
    out, _ = run_import("--dry-run")
    assert "would import 3 file(s): 3 created" in out
    assert Article.objects.count() == 0
    assert Person.objects.count() == 0


BAD_FILES = {
    "bad-yaml.md": b"---\ntitle: 'unclosed\n---\nBody\n",
    "impossible-date.md": b"---\ntitle: T\ndate: '2023-02-29'\n---\nBody\n",
    "no-title.md": b"---\ndate: 2024-01-01\n---\nBody\n",
    "latin1.txt": "Caf\u00e9 society\n\nStandfirst\n".encode("latin-1"),
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "oversized.txt": b"Headline\n\n" + b"word " * 500_000,
    "hostile-tag.md": b"---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nB\n",
    "alias-bomb.md": b"---\ntitle: T\na: &a [x, x]\nb: [*a, *a]\n---\nBody\n",
}
BAD_REASONS = {
    "bad-yaml.md": "invalid YAML in front matter at line",
    "impossible-date.md": "does not exist",
    "no-title.md": "no title",
    "latin1.txt": "not UTF-8",
    "empty.txt": "file is empty",
    "binary.txt": "binary",
    "oversized.txt": "import limit",
    "hostile-tag.md": "could not determine a constructor",
    "alias-bomb.md": "alias",
}


def test_each_bad_file_is_reported_and_the_good_ones_still_import(story_folder):
    for name, raw in BAD_FILES.items():
        (story_folder / name).write_bytes(raw)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="9 file\\(s\\) could not be imported") as failure:
        call_command("import_seeds", "--path", str(story_folder), stdout=out, stderr=err)
    assert failure.value.returncode == 1
    assert "1 created, 0 updated, 0 unchanged, 0 skipped, 9 failed" in out.getvalue()
    failures = [line for line in err.getvalue().splitlines() if line.startswith("FAILED")]
    assert len(failures) == len(BAD_FILES)
    for name, reason in BAD_REASONS.items():
        [line] = [line for line in failures if f"{story_folder / name}:" in line]
        assert reason in line
    assert list(Article.objects.values_list("source_name", flat=True)) == [SOURCE_002]


def test_a_file_that_turns_bad_leaves_its_article_undamaged(story_folder):
    run_import("--path", str(story_folder))
    before = article_from(SOURCE_002)
    pictures_before = list(before.pictures.values_list("caption", "credit"))
    (story_folder / SOURCE_002).write_bytes(b"\xff\xfe broken")
    with pytest.raises(CommandError):
        run_import("--path", str(story_folder))
    after = article_from(SOURCE_002)
    assert (after.title, after.body, after.source_hash) == (
        before.title,
        before.body,
        before.source_hash,
    )
    assert list(after.pictures.values_list("caption", "credit")) == pictures_before


def test_a_failure_half_way_through_saving_rolls_back_that_file(story_folder):
    (story_folder / "too-long.md").write_text(
        f"---\ntitle: {'x' * 400}\ndate: 2024-01-01\n---\nB\n"
    )
    with pytest.raises(CommandError):
        run_import("--path", str(story_folder))
    assert not Article.objects.filter(source_name="too-long.md").exists()
    assert Picture.objects.filter(article__source_name="too-long.md").count() == 0


def test_an_undated_article_is_imported_as_a_draft_for_review(story_folder):
    (story_folder / "undated.txt").write_text("Headline here\n\nStandfirst\n\nBody text.\n")
    run_import("--path", str(story_folder / "undated.txt"))
    article = article_from("undated.txt")
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert "No publication date" in article.review_note


def test_a_picture_file_beside_the_document_is_stored(story_folder):

    (story_folder / "images").mkdir()
    Image.new("RGB", (40, 30), "red").save(story_folder / "images" / "lead.jpg")
    (story_folder / "pictured.md").write_text(
        "---\ntitle: Pictured\ndate: 2024-01-01\nfeaturedImage: /images/lead.jpg\n---\nBody.\n"
    )
    run_import("--path", str(story_folder / "pictured.md"))
    picture = article_from("pictured.md").featured_picture
    assert picture.file
    assert (picture.width, picture.height) == (40, 30)


def test_many_files_show_a_progress_bar(story_folder):
    for number in range(12):
        (story_folder / f"story-{number}.md").write_text(
            f"---\ntitle: Story {number}\ndate: 2024-01-01\n---\nBody.\n"
        )
    _, err = run_import("--path", str(story_folder))
    assert "Importing" in err
    assert "/13 " in err


def test_a_missing_path_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="No such file or folder"):
        run_import("--path", str(tmp_path / "missing"))


def test_an_import_that_changes_an_article_records_a_revision(story_folder):
    from reversion.models import Version

    run_import("--path", str(story_folder))
    article = article_from(SOURCE_002)
    path = story_folder / SOURCE_002
    path.write_text(path.read_text().replace("Hall Green MP", "Birmingham MP", 1))
    run_import("--path", str(story_folder))
    run_import("--path", str(story_folder))  # unchanged: no new revision

    versions = Version.objects.get_for_object(article)
    assert [version.revision.comment for version in versions] == [
        f"Updated by import of {SOURCE_002}",
        f"Created by import of {SOURCE_002}",
    ]
    assert versions[1].field_dict["title"].startswith("Hall Green MP")
    assert versions[0].field_dict["title"].startswith("Birmingham MP")


# --- A source is its path inside the folder imported, or its id ------------------------

COUNT_STORY = "---\ntitle: {title}\ndate: 2024-06-27T09:00:00+01:00\n---\n\nRushanara Ali spoke.\n"


def test_two_files_of_the_same_name_in_two_folders_are_two_stories(tmp_path):
    folder = tmp_path / "stories"
    for desk in ("desk_a", "desk_b"):
        (folder / desk).mkdir(parents=True)
        (folder / desk / "story.md").write_text(COUNT_STORY.format(title=f"From {desk}"))

    out, _ = run_import("--path", str(folder))

    assert "2 created" in out
    a, b = article_from("desk_a/story.md"), article_from("desk_b/story.md")
    assert (a.title, b.title) == ("From desk_a", "From desk_b")
    stamps = {article.pk: article.updated_at for article in (a, b)}

    out, _ = run_import("--path", str(folder), "-v", "2")

    assert "0 created, 0 updated, 2 unchanged" in out
    assert f"UNCHANGED {folder / 'desk_a' / 'story.md'}: From desk_a" in out
    for article in (a, b):
        article.refresh_from_db()
        assert article.updated_at == stamps[article.pk]
        assert article.revised_at is None  # no "Updated" line on the page
        assert [
            version.revision.comment for version in Version.objects.get_for_object(article)
        ] == ["Created by import of story.md"]


def test_a_file_with_an_id_is_the_same_story_wherever_it_moves(tmp_path):
    first, moved = tmp_path / "inbox", tmp_path / "archive" / "2024"
    first.mkdir()
    (first / "count.md").write_text(COUNT_STORY.format(title="Count") + "id: x\n")
    text = "---\nid: wire-991\ntitle: Count night\ndate: 2024-06-27\n---\n\nBody.\n"
    (first / "count.md").write_text(text)
    run_import("--path", str(first))
    story = article_from("id:wire-991")

    moved.mkdir(parents=True)
    (first / "count.md").rename(moved / "renamed.md")
    out, _ = run_import("--path", str(tmp_path))

    assert "0 created, 0 updated, 1 unchanged" in out
    assert Article.objects.get().pk == story.pk


# --- A story an editor deleted stays deleted ---------------------------------------------


def test_a_story_an_editor_deleted_does_not_come_back_until_forced(story_folder):
    run_import("--path", str(story_folder))
    article_from(SOURCE_002).delete()
    assert DeletedSource.objects.get().source_name == SOURCE_002

    out, err = run_import("--path", str(story_folder))

    assert "0 created, 0 updated, 0 unchanged, 1 skipped, 0 failed" in out
    assert f"SKIPPED {story_folder / SOURCE_002}: deleted by an editor on" in out
    assert not Article.objects.exists()
    assert not err

    out, _ = run_import("--path", str(story_folder), "--force")

    assert "1 created" in out
    assert article_from(SOURCE_002).status == Article.Status.PUBLISHED
    assert not DeletedSource.objects.exists()


# --- Pictures an editor added or changed survive a re-import -----------------------------


def test_an_editors_picture_survives_a_reimport_of_a_changed_file(story_folder):
    run_import("--path", str(story_folder))
    article = article_from(SOURCE_002)
    [imported] = article.pictures.all()
    assert (imported.origin, imported.position) == (Picture.Origin.IMPORTED, 1)
    # An editor adds a picture where the file's own will go once it has two.
    added = Picture.objects.create(article=article, position=2, caption="Editor's photo")
    path = story_folder / SOURCE_002
    path.write_text(path.read_text().replace("\n\n", "\n\nA second caption line\n\n", 2))

    out, _ = run_import("--path", str(story_folder), "--force")

    assert "1 updated" in out
    pictures = list(article.pictures.order_by("position"))
    kept = next(picture for picture in pictures if picture.origin == Picture.Origin.EDITOR)
    assert (kept.pk, kept.caption) == (added.pk, "Editor's photo")
    imported_now = [p for p in pictures if p.origin == Picture.Origin.IMPORTED]
    assert [p.position for p in imported_now] == list(range(1, len(imported_now) + 1))
    assert kept.position == len(imported_now) + 1
    article.refresh_from_db()
    assert not article.is_edited_since_import  # the import's fingerprint counts the kept picture


def test_an_editors_lead_picture_stays_the_lead(story_folder):
    run_import("--path", str(story_folder))
    article = article_from(SOURCE_002)
    article.pictures.update(is_featured=False)
    Picture.objects.create(article=article, position=5, caption="New lead", is_featured=True)

    run_import("--path", str(story_folder), "--force")

    assert article.featured_picture.caption == "New lead"
    assert article.pictures.filter(origin=Picture.Origin.IMPORTED).count() == 1


# --- Dates, text and pictures that used to stop the run -----------------------------------


@pytest.mark.parametrize(
    "date_value", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "'0001-01-01'"]
)
def test_a_date_no_story_can_have_fails_its_file_and_the_rest_import(story_folder, date_value):
    (story_folder / "a-placeholder-date.md").write_text(
        f"---\ntitle: Placeholder\ndate: {date_value}\n---\nBody\n"
    )
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 file\\(s\\) could not be imported"):
        call_command("import_seeds", "--path", str(story_folder), stdout=out, stderr=err)
    [failure] = err.getvalue().splitlines()
    assert failure.startswith(f"FAILED {story_folder / 'a-placeholder-date.md'}: date ")
    assert "is not a date a story can have (1800 to 2200 are accepted)" in failure
    assert list(Article.objects.values_list("source_name", flat=True)) == [SOURCE_002]


def test_a_lone_surrogate_never_reaches_the_database(story_folder):
    (story_folder / "surrogate.md").write_text(
        '---\ntitle: "Budget \\ud800row"\ndate: 2024-01-01\ntags: ["\\udfff"]\n---\nBody\n'
    )
    run_import("--path", str(story_folder))
    article = article_from("surrogate.md")
    assert article.title == "Budget row"
    assert list(article.tags.names()) == []


def test_a_picture_pillow_refuses_is_reported_and_its_story_still_imports(story_folder):
    (story_folder / "images").mkdir()
    (story_folder / "images" / "bomb.png").write_bytes(png_with_huge_text_chunk())
    (story_folder / "pictured.md").write_text(
        "---\ntitle: Pictured\ndate: 2024-01-01\nfeaturedImage: /images/bomb.png\n---\nBody.\n"
    )
    (story_folder / "z-after.md").write_text("---\ntitle: After\ndate: 2024-01-01\n---\nBody.\n")

    out, err = run_import("--path", str(story_folder))

    assert "3 created" in out
    [line] = [line for line in out.splitlines() if "pictured.md" in line]
    assert line.startswith(f"CREATED {story_folder / 'pictured.md'}: Pictured (Picture /images/")
    assert "was not stored" in line
    picture = article_from("pictured.md").featured_picture
    assert not picture.file
    assert "was not stored" in article_from("pictured.md").review_note
    assert article_from("z-after.md").title == "After"
    assert "Traceback" not in err
