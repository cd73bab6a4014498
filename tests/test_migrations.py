"""Migrations stand on their own: what they do cannot change when the app's code does."""

import ast
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
APP_PACKAGES = ("articles", "people", "reader", "newsroom")
# Migrations that run SQL or Python of their own (not only operations on fields, whose
# callables, such as `upload_to`, Django itself writes in as references).
RUNS_CODE = ["articles/migrations/0002_search_index.py", "articles/migrations/0013_authors.py"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("migration", RUNS_CODE)
def test_a_migration_that_runs_code_imports_none_of_the_apps(migration):
    modules = imported_modules(ROOT / migration)

    assert not {name for name in modules if name.split(".")[0] in APP_PACKAGES}


@pytest.mark.django_db
def test_the_sqlite_search_index_made_by_the_migration_is_complete():
    """After `migrate`, nothing is missing that the app would have to put back."""
    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 index is SQLite's")
    from articles.search import sqlite_index

    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {name for (name,) in cursor.fetchall()}
    assert set(sqlite_index.TRIGGERS) <= triggers
    assert sqlite_index.ensure_index(connection) is False
