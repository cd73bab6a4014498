"""The full-text search index, in the form the database vendor supports.

PostgreSQL: a GIN index on exactly the weighted tsvector expression that
articles/search/postgres.py queries. SQLite: an FTS5 table over the same three
columns, with triggers that keep it in step with every insert, update and delete,
filled from the existing rows. Other databases get nothing (search falls back to
icontains). No model state changes.
"""

from django.db import migrations

POSTGRES_INDEX = "articles_article_search"
POSTGRES_CREATE = f"""
CREATE INDEX {POSTGRES_INDEX} ON articles_article USING gin ((
    (setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')
     || setweight(to_tsvector('english'::regconfig, COALESCE(standfirst, '')), 'B'))
    || setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'C')
))
"""
POSTGRES_DROP = f"DROP INDEX IF EXISTS {POSTGRES_INDEX}"

SQLITE_TABLE = "articles_article_search"
SQLITE_CREATE = [
    f"""
    CREATE VIRTUAL TABLE {SQLITE_TABLE} USING fts5(
        title, standfirst, body,
        content='articles_article', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    f"""
    CREATE TRIGGER {SQLITE_TABLE}_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO {SQLITE_TABLE}(rowid, title, standfirst, body)
        VALUES (new.id, new.title, new.standfirst, new.body);
    END
    """,
    f"""
    CREATE TRIGGER {SQLITE_TABLE}_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, title, standfirst, body)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body);
    END
    """,
    # Saves that leave the words alone (a status change, say) skip the index.
    f"""
    CREATE TRIGGER {SQLITE_TABLE}_update AFTER UPDATE OF id, title, standfirst, body
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


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def create_search_index(apps, schema_editor):
    _run(schema_editor, {"postgresql": [POSTGRES_CREATE], "sqlite": SQLITE_CREATE})


def drop_search_index(apps, schema_editor):
    _run(schema_editor, {"postgresql": [POSTGRES_DROP], "sqlite": SQLITE_DROP})


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
