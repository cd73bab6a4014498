"""The search index that migration 0002 builds, on whichever database runs the tests."""

from importlib import import_module
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Section
from articles.search import search_articles
from tests.factories import london, make_article, make_section

migration = import_module("articles.migrations.0002_search_index")

pytestmark = pytest.mark.django_db

SQLITE_OBJECTS = {
    ("table", "articles_article_search"),
    ("trigger", "articles_article_search_insert"),
    ("trigger", "articles_article_search_update"),
    ("trigger", "articles_article_search_delete"),
}


def search_index() -> dict[str, str]:
    """Name -> definition of each search index object on this database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'articles_article' AND indexname = %s",
                [migration.POSTGRES_INDEX],
            )
        else:
            cursor.execute(
                "SELECT type || ' ' || name, sql FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
                [name for _, name in sorted(SQLITE_OBJECTS)],
            )
        return dict(cursor.fetchall())


class SchemaEditor:
    """Just what the migration's functions use, without the migration executor's checks."""

    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql, params=()):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)


def test_the_migration_built_the_index_this_database_searches_with():
    index = search_index()

    if connection.vendor == "postgresql":
        (definition,) = index.values()
        assert "USING gin (search_document)" in definition
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'articles_article'::regclass "
                "AND NOT tgisinternal"
            )
            assert [name for (name,) in cursor.fetchall()] == ["articles_article_search_document"]
    else:
        assert set(index) == {f"{kind} {name}" for kind, name in SQLITE_OBJECTS}
        table = index["table articles_article_search"]
        assert "fts5" in table and "content='articles_article'" in table and "porter" in table


def test_searches_use_the_index():
    section = make_section()
    Article.objects.bulk_create(
        Article(
            title=f"Council story {number}",
            slug=f"council-{number}",
            body="Bins and parking.",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=london(2024, 1, 1),
        )
        for number in range(3000)
    )
    make_article(title="Ferry cut")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Fresh rows wait in the GIN index's pending list, which the planner prices
            # high; a real archive has long since been merged in.
            cursor.execute(
                "SELECT gin_clean_pending_list(%s::regclass)", [migration.POSTGRES_INDEX]
            )
        cursor.execute("ANALYZE")
    with CaptureQueriesContext(connection) as queries:
        results = search_articles("ferry")
        assert results.count() == 1
        assert len(results[0:20]) == 1

    searches = [
        query["sql"]
        for query in queries.captured_queries
        if "search_document" in query["sql"] or "MATCH" in query["sql"]
    ]
    assert len(searches) == 2  # counting, then the page of hits
    for sql in searches:
        plan = explain(sql)
        if connection.vendor == "postgresql":
            assert f"Bitmap Index Scan on {migration.POSTGRES_INDEX}" in plan, plan
        else:
            assert "articles_article_search VIRTUAL TABLE INDEX" in plan, plan


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A few hundred rows are cheaper to scan than to look up, so ask whether the
            # index can serve the query at all; with a real archive the planner picks it.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_the_migration_indexes_existing_articles_and_reverses_cleanly():
    editor = SchemaEditor(connection)
    make_article(title="Ferry before")
    if connection.vendor == "postgresql":
        # The test's transaction defers foreign key checks, and PostgreSQL will not
        # build an index on a table with checks pending; a real migration has none.
        editor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    migration.drop_search_index(None, editor)
    assert search_index() == {}
    make_article(title="Ferry while unindexed")

    migration.create_search_index(None, editor)
    assert search_index()
    found = {hit.article.title for hit in search_articles("ferry")[0:20]}
    assert found == {"Ferry before", "Ferry while unindexed"}


def test_the_index_follows_a_story_renumbered_or_moved_between_sections():
    article = make_article(title="Ferry cut")
    Article.objects.filter(pk=article.pk).update(section=Section.objects.create(name="X", slug="x"))
    Article.objects.filter(pk=article.pk).update(id=article.pk + 1000)

    (hit,) = search_articles("ferry")[0:1]
    assert hit.article.pk == article.pk + 1000
    assert hit.article.section.slug == "x"


def test_the_index_survives_schema_changes_to_the_article_table():
    """SQLite drops triggers when it rebuilds a table; `migrate` puts them back.

    PostgreSQL keeps its trigger through column changes, such as a longer headline,
    which a generated column would have blocked.
    """
    from django.apps import apps

    from articles.signals import restore_search_triggers

    make_article(title="Ferry before")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER articles_article_search_insert")
        else:
            # Deferred foreign-key checks from the test's own inserts would block ALTER TABLE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE articles_article ALTER COLUMN title TYPE varchar(400)")
    make_article(title="Ferry after the schema change")

    restore_search_triggers(sender=apps.get_app_config("articles"), using="default")

    found = {hit.article.title for hit in search_articles("ferry")[0:20]}
    assert found == {"Ferry before", "Ferry after the schema change"}
    if connection.vendor == "sqlite":
        assert set(search_index()) == {f"{kind} {name}" for kind, name in SQLITE_OBJECTS}


def test_the_stored_document_weights_headline_standfirst_and_body():
    article = make_article(title="Ferry", standfirst="Harbour", body="Tide")
    if connection.vendor != "postgresql":
        assert {hit.article for hit in search_articles("harbour")[0:5]} == {article}
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document::text FROM articles_article WHERE id = %s", [article.pk]
        )
        assert cursor.fetchone()[0] == "'ferri':1A 'harbour':2B 'tide':3C"
    Article.objects.filter(pk=article.pk).update(body="Storm")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document::text FROM articles_article WHERE id = %s", [article.pk]
        )
        assert "'storm':3C" in cursor.fetchone()[0]


def pending_index_pages() -> int:
    """Merge the GIN index's pending list, and say how many pages it held."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [migration.POSTGRES_INDEX])
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_an_import_leaves_the_search_index_merged(tmp_path):
    make_article(title="Written one at a time")
    assert pending_index_pages() >= 1  # a new row waits in the pending list
    for number in range(3):
        (tmp_path / f"story-{number}.md").write_text(
            f"---\ntitle: Ferry story {number}\ndate: 2024-05-01\n---\nThe ferry runs.\n"
        )

    call_command("import_seeds", "--path", str(tmp_path), "--no-progress", stdout=StringIO())

    assert pending_index_pages() == 0
    assert search_articles("ferry").count() == 3
