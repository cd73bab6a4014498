"""manage.py load_reference, on its own and as the first step of import_seeds."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from people.models import Party, Person
from tests.people.test_reference import SMALL, row_counts, write

pytestmark = pytest.mark.django_db


def load(*args, **options) -> str:
    out = StringIO()
    call_command("load_reference", *map(str, args), stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_load_reference_creates_the_entities_and_says_how_many(tmp_path):
    out = load(write(tmp_path, SMALL))

    assert row_counts() == (1, 2, 1, 1)
    assert "Reference data: 5 created, 0 updated, 0 unchanged." in out


def test_loading_the_same_file_again_changes_nothing(tmp_path):
    path = write(tmp_path, SMALL)
    load(path)

    assert "0 created, 0 updated, 5 unchanged" in load(path)


def test_without_a_path_the_reviewed_reference_file_is_loaded():
    load()

    assert Person.objects.filter(slug="ali-hassan-ali").exists()


def test_a_bad_file_is_refused_naming_the_entry_and_writes_nothing(tmp_path):
    path = write(tmp_path, SMALL.replace('"#E4003B"', '"red"'))

    with pytest.raises(CommandError, match=r"parties\[0\] 'Labour': bad colour 'red'"):
        load(path)
    assert row_counts() == (0, 0, 0, 0)


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="No such reference file"):
        load(tmp_path / "nowhere.yaml")


def test_a_dry_run_reports_what_it_would_do_and_writes_nothing(tmp_path):
    out = load(write(tmp_path, SMALL), dry_run=True)

    assert "Dry run, nothing written. Reference data: 5 created" in out
    assert row_counts() == (0, 0, 0, 0)


def test_verbosity_zero_prints_nothing(tmp_path):
    assert load(write(tmp_path, SMALL), verbosity=0) == ""
    assert Party.objects.get().colour == "#E4003B"


def test_import_seeds_loads_the_reference_file_through_the_command(tmp_path):
    stories = tmp_path / "stories"
    stories.mkdir()
    entities = write(tmp_path, SMALL)
    out = StringIO()

    call_command(
        "import_seeds",
        "--path",
        str(stories),
        "--entities",
        str(entities),
        verbosity=2,
        stdout=out,
        stderr=StringIO(),
    )

    assert row_counts() == (1, 2, 1, 1)
    assert "Reference data: 5 created, 0 updated, 0 unchanged." in out.getvalue()


def test_import_seeds_stops_on_a_bad_reference_file(tmp_path):
    stories = tmp_path / "stories"
    stories.mkdir()
    entities = write(tmp_path, SMALL.replace("kind: ward", "kind: county"))

    with pytest.raises(CommandError, match="bad kind 'county'"):
        call_command(
            "import_seeds",
            "--path",
            str(stories),
            "--entities",
            str(entities),
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert row_counts() == (0, 0, 0, 0)
