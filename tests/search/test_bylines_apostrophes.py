"""Bylines in the index (migration 0014) and apostrophes, on whichever database runs the tests."""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection

from articles.models import Article
from articles.search import search_articles, sqlite_index
from articles.signals import restore_search_triggers
from tests.factories import make_article
from tests.search.test_index import SchemaEditor

migration = import_module("articles.migrations.0014_search_bylines_trigrams")
first_index = import_module("articles.migrations.0002_search_index")

pytestmark = pytest.mark.django_db


def found(text: str) -> set[str]:
    return {hit.article.title for hit in search_articles(text)[0:20]}


def test_a_writers_name_finds_their_stories():
    make_article(title="Ferry cut", byline="Rita Ng")
    make_article(title="Bins late", byline="Ed Mills")

    assert found("Rita Ng") == {"Ferry cut"}
    assert found("mills") == {"Bins late"}


def test_a_changed_byline_is_indexed_again():
    article = make_article(title="Ferry cut", byline="Rita Ng")

    Article.objects.filter(pk=article.pk).update(byline="Ed Mills")

    assert found("Rita") == set()
    assert found("Mills") == {"Ferry cut"}


def test_a_name_in_the_headline_ranks_above_the_same_name_in_a_byline():
    make_article(title="Ferry cut", byline="Rita Galloway", body="Nothing.")
    make_article(title="Galloway wins", body="Nothing.")

    assert [hit.article.title for hit in search_articles("galloway")[0:2]] == [
        "Galloway wins",
        "Ferry cut",
    ]


APOSTROPHES = {"typewriter": "'", "typographic": "\u2019", "modifier letter": "\u02bc"}


@pytest.mark.parametrize("typed", APOSTROPHES.values(), ids=list(APOSTROPHES))
def test_every_apostrophe_finds_every_other(typed):
    for name, stored in APOSTROPHES.items():
        make_article(title=f"Labour{stored}s plan {name}", body=f"Labour{stored}s plan.")

    assert found(f"Labour{typed}s plan") == {f"Labour{s}s plan {n}" for n, s in APOSTROPHES.items()}


def test_hyphens_still_find_every_way_of_writing_a_word():
    make_article(title="The by-election", byline="Rita Ng")
    make_article(title="The byelection")

    assert found("by-election") == {"The by-election", "The byelection"}


def test_the_migration_reindexes_existing_stories_and_reverses_to_0002():
    editor = SchemaEditor(connection)
    make_article(title="Ferry cut", byline="Rita Ng")
    if connection.vendor == "postgresql":
        editor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    migration.unindex_bylines(None, editor)
    assert found("Rita") == set()
    assert found("ferry") == {"Ferry cut"}

    migration.index_bylines(None, editor)
    assert found("Rita") == {"Ferry cut"}
    if connection.vendor == "sqlite":
        assert sqlite_index.ensure_index(connection) is False  # the app's shape exactly


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 tables are SQLite's")
def test_migrate_brings_an_older_sqlite_index_up_to_date():
    """An index of 0002's shape (no bylines, no headline vocabulary) is made again."""
    make_article(title="Ferry cut", byline="Rita Ng")
    editor = SchemaEditor(connection)
    migration.unindex_bylines(None, editor)

    restore_search_triggers(sender=apps.get_app_config("articles"), using="default")

    assert found("Rita") == {"Ferry cut"}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT term FROM {sqlite_index.VOCABULARY}")
        assert {term for (term,) in cursor.fetchall()} == {"ferry", "cut"}
    assert sqlite_index.ensure_index(connection) is False


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 triggers are SQLite's")
def test_an_older_trigger_is_replaced_and_the_index_refilled():
    make_article(title="Ferry cut")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {sqlite_index.TABLE}_insert")
        cursor.execute(first_index.SQLITE_CREATE[1])  # 0002's insert trigger: no byline
    make_article(title="Bins late", byline="Rita Ng")

    assert sqlite_index.ensure_index(connection) is True
    make_article(title="Parking", byline="Rita Ng")

    assert found("Rita") == {"Bins late", "Parking"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the tsvector is PostgreSQL's")
def test_the_stored_document_gives_the_byline_the_lowest_weight():
    article = make_article(title="Ferry", standfirst="Harbour", body="Tide", byline="Rita Ng")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document::text FROM articles_article WHERE id = %s", [article.pk]
        )
        assert cursor.fetchone()[0] == "'ferri':1A 'harbour':2B 'ng':5 'rita':4 'tide':3C"
