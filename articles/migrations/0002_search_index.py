"""The full-text search index, in the form the database vendor supports.

PostgreSQL: a `search_document` tsvector column (headline A, standfirst B, body C,
'english'), kept up to date by a trigger and indexed with GIN. The model does not
declare the column: only articles/search/postgres.py reads it. A trigger with no
column list (the function itself skips unchanged words) rather than a generated
column or an `UPDATE OF` trigger: PostgreSQL refuses to change the type of a column
either of those depends on, which would block later migrations of the headline or body. SQLite: the FTS5 table and triggers defined
in articles/search/sqlite_index.py, filled from the existing rows. Other databases get nothing (search falls back to
icontains). No model state changes.
"""

from django.db import migrations

from articles.search import sqlite_index

POSTGRES_INDEX = "articles_article_search"
POSTGRES_CREATE = [
    "ALTER TABLE articles_article ADD COLUMN search_document tsvector",
    """
    CREATE FUNCTION articles_article_search_document() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE'
            AND NEW.title IS NOT DISTINCT FROM OLD.title
            AND NEW.standfirst IS NOT DISTINCT FROM OLD.standfirst
            AND NEW.body IS NOT DISTINCT FROM OLD.body
            AND OLD.search_document IS NOT NULL THEN
            RETURN NEW;
        END IF;
        NEW.search_document :=
            setweight(to_tsvector('english', COALESCE(NEW.title, '')), 'A')
            || setweight(to_tsvector('english', COALESCE(NEW.standfirst, '')), 'B')
            || setweight(to_tsvector('english', COALESCE(NEW.body, '')), 'C');
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_article_search_document
    BEFORE INSERT OR UPDATE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_document()
    """,
    "UPDATE articles_article SET title = title",  # fills search_document (it is NULL)
    f"CREATE INDEX {POSTGRES_INDEX} ON articles_article USING gin (search_document)",
]
POSTGRES_DROP = [
    f"DROP INDEX IF EXISTS {POSTGRES_INDEX}",
    "DROP TRIGGER IF EXISTS articles_article_search_document ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_search_document()",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document",
]


def create_search_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement, params=None)
    elif connection.vendor == "sqlite":
        sqlite_index.create_index(connection)


def drop_search_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement, params=None)
    elif connection.vendor == "sqlite":
        sqlite_index.drop_index(connection)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
