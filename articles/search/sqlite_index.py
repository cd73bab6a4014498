"""The SQLite FTS5 index and the triggers that keep it in step with articles_article.

SQLite rebuilds a table for many schema changes (copy, drop, rename), and
dropping the old table drops its triggers with it. So the triggers are not only
created once by migration 0002: `ensure_index()` runs after every `migrate` too
and puts back whatever a later migration removed, then rebuilds the index.
"""

TABLE = "articles_article_search"
CREATE_TABLE = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(
    title, standfirst, body,
    content='articles_article', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
)
"""
TRIGGERS = {
    f"{TABLE}_insert": f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO {TABLE}(rowid, title, standfirst, body)
        VALUES (new.id, new.title, new.standfirst, new.body);
    END
    """,
    f"{TABLE}_delete": f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, title, standfirst, body)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body);
    END
    """,
    # Saves that leave the words alone (a status change, say) skip the index.
    f"{TABLE}_update": f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF id, title, standfirst, body
    ON articles_article
    WHEN old.id IS NOT new.id OR old.title IS NOT new.title
        OR old.standfirst IS NOT new.standfirst OR old.body IS NOT new.body
    BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, title, standfirst, body)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body);
        INSERT INTO {TABLE}(rowid, title, standfirst, body)
        VALUES (new.id, new.title, new.standfirst, new.body);
    END
    """,
}
REBUILD = f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')"


def _existing(cursor, kind: str) -> set[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
    return {name for (name,) in cursor.fetchall()}


def create_index(connection) -> None:
    """Create the index and its triggers, and fill it from the existing rows."""
    with connection.cursor() as cursor:
        cursor.execute(CREATE_TABLE)
        for statement in TRIGGERS.values():
            cursor.execute(statement)
        cursor.execute(REBUILD)


def ensure_index(connection) -> bool:
    """Put back any missing trigger (and rebuild) if the index exists; True if it had to."""
    with connection.cursor() as cursor:
        if TABLE not in _existing(cursor, "table"):
            return False
        missing = set(TRIGGERS) - _existing(cursor, "trigger")
        for name in sorted(missing):
            cursor.execute(TRIGGERS[name])
        if missing:
            cursor.execute(REBUILD)
    return bool(missing)


def drop_index(connection) -> None:
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
