"""The full-text search index, in the form the database vendor supports.

PostgreSQL: a `search_document` tsvector column (headline A, standfirst B, body C,
'english'), kept up to date by a trigger and indexed with GIN. The model does not
declare the column: only articles/search/postgres.py reads it. A trigger with no
column list (the function itself skips unchanged words) rather than a generated
column or an `UPDATE OF` trigger: PostgreSQL refuses to change the type of a column
either of those depends on, which would block later migrations of the headline or
body. SQLite: an FTS5 table and three triggers, filled from the existing rows.
Other databases get nothing (search falls back to icontains). No model state changes.

The SQL is copied here as it was when this migration was written, not imported from
the app, so later changes to the app cannot change what this migration does.
`articles/search/sqlite_index.py` keeps its own copy: after every `migrate` it puts
back any trigger a SQLite table rebuild dropped.
"""

from django.db import migrations

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


SQLITE_TABLE = "articles_article_search"
SQLITE_CREATE = [
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
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_update",
    f"DROP TABLE IF EXISTS {SQLITE_TABLE}",
]


def create_search_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement, params=None)
    elif connection.vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement, params=None)


def drop_search_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement, params=None)
    elif connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
