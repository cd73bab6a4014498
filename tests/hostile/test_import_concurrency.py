"""Two imports started at once on PostgreSQL both finish cleanly, one after the other.

Each is a real `manage.py import_seeds` process against the test database. Without
the import lock, on a fresh database the second died on the party slug's unique index
while both loaded the reference data; on a populated one both reported hundreds of
false failures. Here the test holds the lock while they start, so both must wait
(and say so), then take their turns.
"""

import os
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from reversion.models import Version

from articles.importers.locking import IMPORT_LOCK
from articles.models import Article
from people.models import Party

pytestmark = pytest.mark.django_db(transaction=True)

STORIES = 40
SECONDS = 180
STORY = """---
title: "Count night story {number}"
date: 2024-06-27T09:00:00+01:00
tags: [elections, "count night"]
section: Bethnal Green
---

Rushanara Ali, the Labour candidate for Bethnal Green and Stepney, was at the count{ending}
"""


def database_url() -> str:
    """The test database, as another process must reach it."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def write_stories(folder: Path, ending: str) -> None:
    folder.mkdir(exist_ok=True)
    for number in range(STORIES):
        (folder / f"story-{number:03d}.md").write_text(STORY.format(number=number, ending=ending))


def start_import(folder: Path, log: Path) -> subprocess.Popen:
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith("DJANGO")},
        "DATABASE_URL": database_url(),
        "DJANGO_MEDIA_ROOT": str(folder.parent / "media"),
    }
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "manage.py", "import_seeds", "--path", str(folder), "--no-progress"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def two_imports_at_once(folder: Path, logs: list[Path]) -> list[str]:
    """Start two imports while the lock is held; once both wait, let them go. Their output."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [IMPORT_LOCK])
    try:
        processes = [start_import(folder, log) for log in logs]
        deadline = time.monotonic() + SECONDS
        while not all("waiting for it to finish" in log.read_text() for log in logs):
            assert time.monotonic() < deadline, [log.read_text() for log in logs]
            assert all(process.poll() is None for process in processes), [
                log.read_text() for log in logs
            ]
            time.sleep(0.1)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [IMPORT_LOCK])
    for process in processes:
        process.wait(timeout=SECONDS)
    outputs = [log.read_text() for log in logs]
    assert [process.returncode for process in processes] == [0, 0], outputs
    assert not any("FAILED" in output or "Traceback" in output for output in outputs), outputs
    return outputs


def test_two_imports_at_once_both_finish_and_take_turns(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "on SQLite one writer at a time is the database's own rule, and the test database "
            "is in memory where no other process can reach it: run with DATABASE_URL=postgres://…"
        )
    folder = tmp_path / "stories"
    write_stories(folder, ".")
    logs = [tmp_path / "first.log", tmp_path / "second.log"]

    # A fresh database: both load the reference data and find every story new.
    outputs = two_imports_at_once(folder, logs)

    summaries = sorted(
        line for output in outputs for line in output.splitlines() if "file(s)" in line
    )
    assert summaries == [summary(unchanged=STORIES), summary(created=STORIES)]
    assert Article.objects.count() == STORIES
    assert Party.objects.filter(slug="labour").count() == 1
    for article in Article.objects.all():
        assert article.person_links.filter(person__name="Rushanara Ali").exists()
        assert Version.objects.get_for_object(article).count() == 1

    # A populated database, every file changed: one run updates them, the other finds them so.
    write_stories(folder, ", and spoke.")
    outputs = two_imports_at_once(folder, logs)

    assert sorted(output.splitlines()[-1] for output in outputs) == [
        summary(unchanged=STORIES),
        summary(updated=STORIES),
    ]
    assert Article.objects.count() == STORIES
    assert all(article.standfirst.endswith("and spoke.") for article in Article.objects.all())


def summary(*, created: int = 0, updated: int = 0, unchanged: int = 0) -> str:
    return (
        f"Imported {STORIES} file(s): {created} created, {updated} updated, "
        f"{unchanged} unchanged, 0 skipped, 0 failed."
    )
