"""Two editors saving at once on SQLite: the second waits for the first instead of failing.

Each test opens two real connections to one SQLite file through Django's own
backend, and runs what an admin save does inside `transaction.atomic()`: read,
then write. The database under test is a scratch file, so this runs the same
whatever DATABASE_URL the rest of the suite uses.
"""

import threading
import time

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.db.utils import OperationalError

DEFERRED = {"timeout": 20}


@pytest.fixture(autouse=True)
def scratch_databases_allowed(django_db_blocker):
    """These connections go to a scratch file, never to the test database."""
    with django_db_blocker.unblock():
        yield


def open_connection(path, options: dict) -> DatabaseWrapper:
    settings_dict = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": options,
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    wrapper = DatabaseWrapper(settings_dict, alias="concurrency")
    wrapper.ensure_connection()
    return wrapper


def save_story(path, options: dict, *, title: str, pause: float, errors: list) -> None:
    """What atomic() does on SQLite around an admin save: begin, read, write, commit."""
    wrapper = open_connection(path, options)
    try:
        wrapper._start_transaction_under_autocommit()
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM story")
            time.sleep(pause)
            cursor.execute("INSERT INTO story (title) VALUES (%s)", [title])
        wrapper.connection.execute("COMMIT")
    except OperationalError as error:
        errors.append(str(error))
    finally:
        wrapper.close()


def two_saves_at_once(tmp_path, options: dict) -> tuple[list[str], int]:
    path = tmp_path / "newsroom.sqlite3"
    setup = open_connection(path, options)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE story (id INTEGER PRIMARY KEY, title TEXT)")
    setup.close()

    errors: list[str] = []
    first = threading.Thread(
        target=save_story,
        args=(path, options),
        kwargs={"title": "first", "pause": 0.4, "errors": errors},
    )
    second = threading.Thread(
        target=save_story,
        args=(path, options),
        kwargs={"title": "second", "pause": 0, "errors": errors},
    )
    first.start()
    time.sleep(0.1)
    second.start()
    first.join(10)
    second.join(10)

    check = open_connection(path, options)
    with check.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM story")
        (saved,) = cursor.fetchone()
    check.close()
    return errors, saved


def test_with_the_project_settings_the_second_save_waits_and_both_land(tmp_path):
    errors, saved = two_saves_at_once(tmp_path, settings.SQLITE_OPTIONS)
    assert errors == []
    assert saved == 2


def test_the_project_settings_put_sqlite_in_wal_mode(tmp_path):
    wrapper = open_connection(tmp_path / "wal.sqlite3", settings.SQLITE_OPTIONS)
    with wrapper.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    wrapper.close()


def test_without_them_the_same_two_saves_fail_with_database_is_locked(tmp_path):
    """The control: SQLite's default deferred transactions cannot upgrade the read lock."""
    errors, saved = two_saves_at_once(
        tmp_path, {**DEFERRED, "init_command": "PRAGMA journal_mode=WAL"}
    )
    assert errors == ["database is locked"]
    assert saved == 1
