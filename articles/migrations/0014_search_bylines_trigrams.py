"""Bylines in the search index, one apostrophe for all, and trigram suggestions.

PostgreSQL: the trigger function that fills `search_document` now adds the byline
(weight D) and reads U+02BC (a letter to Unicode) as an apostrophe; every story is
indexed again. The pg_trgm extension and a GIN trigram index on headlines serve
"did you mean" (`articles/search/spelling.py`). SQLite: the FTS5 table gains a byline
column and splits words at U+02BC, a second FTS5 table holds headline words as
written for suggestions, with an fts5vocab table to read them; the triggers write
both, and both are filled. Reversing puts back migration 0002's index.

As in 0002, the SQL is copied here as it was when this migration was written;
`articles/search/sqlite_index.py` keeps the app's own copy.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

POSTGRES_TITLE_INDEX = "articles_article_title_trgm"


def _postgres_function(with_byline: bool) -> str:
    def text(column):
        value = f"COALESCE(NEW.{column}, '')"
        return f"translate({value}, 'ʼ', '''')" if with_byline else value

    byline_unchanged = "AND NEW.byline IS NOT DISTINCT FROM OLD.byline" if with_byline else ""
    byline = f"|| setweight(to_tsvector('english', {text('byline')}), 'D')" if with_byline else ""
    return f"""
    CREATE OR REPLACE FUNCTION articles_article_search_document() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE'
            AND NEW.title IS NOT DISTINCT FROM OLD.title
            AND NEW.standfirst IS NOT DISTINCT FROM OLD.standfirst
            AND NEW.body IS NOT DISTINCT FROM OLD.body
            {byline_unchanged}
            AND OLD.search_document IS NOT NULL THEN
            RETURN NEW;
        END IF;
        NEW.search_document :=
            setweight(to_tsvector('english', {text("title")}), 'A')
            || setweight(to_tsvector('english', {text("standfirst")}), 'B')
            || setweight(to_tsvector('english', {text("body")}), 'C')
            {byline};
        RETURN NEW;
    END
    $$
    """


# The function skips rows whose words are unchanged, so clearing the column first
# makes the next update index every row again.
POSTGRES_REINDEX = [
    "ALTER TABLE articles_article DISABLE TRIGGER articles_article_search_document",
    "UPDATE articles_article SET search_document = NULL",
    "ALTER TABLE articles_article ENABLE TRIGGER articles_article_search_document",
    "UPDATE articles_article SET title = title",
]
POSTGRES_FORWARD = [
    _postgres_function(with_byline=True),
    *POSTGRES_REINDEX,
    f"CREATE INDEX {POSTGRES_TITLE_INDEX} ON articles_article USING gin (title gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    f"DROP INDEX IF EXISTS {POSTGRES_TITLE_INDEX}",
    _postgres_function(with_byline=False),
    *POSTGRES_REINDEX,
]

SQLITE_TABLE = "articles_article_search"
SQLITE_TITLES = "articles_article_titles"
SQLITE_VOCABULARY = "articles_article_titles_vocab"
SQLITE_TRIGGERS = [f"{SQLITE_TABLE}_{event}" for event in ("insert", "delete", "update")]
SQLITE_INSERT = f"""
        INSERT INTO {SQLITE_TABLE}(rowid, title, standfirst, body, byline)
        VALUES (new.id, new.title, new.standfirst, new.body, new.byline);
        INSERT INTO {SQLITE_TITLES}(rowid, title) VALUES (new.id, new.title);
"""
SQLITE_DELETE = f"""
        INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, title, standfirst, body, byline)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body, old.byline);
        INSERT INTO {SQLITE_TITLES}({SQLITE_TITLES}, rowid, title)
        VALUES ('delete', old.id, old.title);
"""
SQLITE_CREATE = [
    f"""
    CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5(
        title, standfirst, body, byline,
        content='articles_article', content_rowid='id',
        tokenize="porter unicode61 remove_diacritics 2 separators 'ʼ'"
    )
    """,
    f"""
    CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TITLES} USING fts5(
        title,
        content='articles_article', content_rowid='id', detail=none,
        tokenize="unicode61 remove_diacritics 2 separators 'ʼ'"
    )
    """,
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_VOCABULARY} USING fts5vocab({SQLITE_TITLES}, row)",
    f"""
    CREATE TRIGGER IF NOT EXISTS {SQLITE_TABLE}_insert AFTER INSERT ON articles_article BEGIN
        {SQLITE_INSERT}
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {SQLITE_TABLE}_delete AFTER DELETE ON articles_article BEGIN
        {SQLITE_DELETE}
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {SQLITE_TABLE}_update
    AFTER UPDATE OF id, title, standfirst, body, byline ON articles_article
    WHEN old.id IS NOT new.id OR old.title IS NOT new.title
        OR old.standfirst IS NOT new.standfirst OR old.body IS NOT new.body
        OR old.byline IS NOT new.byline
    BEGIN
        {SQLITE_DELETE}
        {SQLITE_INSERT}
    END
    """,
    f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}) VALUES ('rebuild')",
    f"INSERT INTO {SQLITE_TITLES}({SQLITE_TITLES}) VALUES ('rebuild')",
]
SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    f"DROP TABLE IF EXISTS {SQLITE_VOCABULARY}",
    f"DROP TABLE IF EXISTS {SQLITE_TITLES}",
    f"DROP TABLE IF EXISTS {SQLITE_TABLE}",
]
# Migration 0002's index, as it was.
SQLITE_0002 = [
    f"""
    CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5(
        title, standfirst, body,
        content='articles_article', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {SQLITE_TABLE}_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO {SQLITE_TABLE}(rowid, title, standfirst, body)
        VALUES (new.id, new.title, new.standfirst, new.body);
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {SQLITE_TABLE}_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, title, standfirst, body)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body);
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {SQLITE_TABLE}_update AFTER UPDATE OF id, title, standfirst, body
    ON articles_article
    WHEN old.id IS NOT new.id OR old.title IS NOT new.title
        OR old.standfirst IS NOT new.standfirst OR old.body IS NOT new.body
    BEGIN
        INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, title, standfirst, body)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body);
        INSERT INTO {SQLITE_TABLE}(rowid, title, standfirst, body)
        VALUES (new.id, new.title, new.standfirst, new.body);
    END
    """,
    f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}) VALUES ('rebuild')",
]


class PostgresTrigramExtension(TrigramExtension):
    """pg_trgm on PostgreSQL; nothing elsewhere, reversing included (Django's own
    operation asks any database for pg_extension when reversed)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def _run(schema_editor, statements) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def index_bylines(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_FORWARD)
    elif vendor == "sqlite":
        _run(schema_editor, [*SQLITE_DROP, *SQLITE_CREATE])


def unindex_bylines(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_BACKWARD)
    elif vendor == "sqlite":
        _run(schema_editor, [*SQLITE_DROP, *SQLITE_0002])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_authors"),
    ]

    operations = [
        PostgresTrigramExtension(),
        migrations.RunPython(index_bylines, unindex_bylines, elidable=False),
    ]
