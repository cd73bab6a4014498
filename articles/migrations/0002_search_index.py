"""The full-text search index, in the form the database vendor supports.

PostgreSQL: a GIN index on exactly the weighted tsvector expression that
articles/search/postgres.py queries. SQLite: the FTS5 table and triggers defined
in articles/search/sqlite_index.py, filled from the existing rows. Other databases get nothing (search falls back to
icontains). No model state changes.
"""

from django.db import migrations

from articles.search import sqlite_index

POSTGRES_INDEX = "articles_article_search"
POSTGRES_CREATE = f"""
CREATE INDEX {POSTGRES_INDEX} ON articles_article USING gin ((
    (setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')
     || setweight(to_tsvector('english'::regconfig, COALESCE(standfirst, '')), 'B'))
    || setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'C')
))
"""
POSTGRES_DROP = f"DROP INDEX IF EXISTS {POSTGRES_INDEX}"



def create_search_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE, params=None)
    elif connection.vendor == "sqlite":
        sqlite_index.create_index(connection)


def drop_search_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP, params=None)
    elif connection.vendor == "sqlite":
        sqlite_index.drop_index(connection)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
