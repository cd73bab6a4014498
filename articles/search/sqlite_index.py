"""The SQLite FTS5 indexes and the triggers that keep them in step with articles_article.

Two FTS5 tables, both external-content tables over articles_article:

- `articles_article_search`: headline, standfirst, body and byline, stemmed (Porter),
  for finding stories. A writer's name in the byline finds their stories.
- `articles_article_titles`: the headline words as written (not stemmed, `detail=none`,
  so it holds only which stories each word is in), read through the fts5vocab table
  `articles_article_titles_vocab` for spelling suggestions (`articles.search.spelling`).

Both index every story, drafts and scheduled ones too: a trigger cannot know when a
scheduled story goes out. Whatever reads them joins to `published()`.

The tokenisers split words at U+02BC (the modifier letter apostrophe, a letter to
Unicode) as at every other apostrophe, so "Labourʼs" is indexed as "Labour's" is.

SQLite rebuilds a table for many schema changes (copy, drop, rename), and
dropping the old table drops its triggers with it. So the triggers are not only
created by migrations: `ensure_index()` runs after every `migrate` too, puts back
whatever a later migration removed, rebuilds an index of an older shape (one
without bylines, from migration 0002), then refills the index.
"""

TABLE = "articles_article_search"
TITLES = "articles_article_titles"
VOCABULARY = "articles_article_titles_vocab"
CREATE_TABLES = [
    f"""
    CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(
        title, standfirst, body, byline,
        content='articles_article', content_rowid='id',
        tokenize="porter unicode61 remove_diacritics 2 separators 'ʼ'"
    )
    """,
    f"""
    CREATE VIRTUAL TABLE IF NOT EXISTS {TITLES} USING fts5(
        title,
        content='articles_article', content_rowid='id', detail=none,
        tokenize="unicode61 remove_diacritics 2 separators 'ʼ'"
    )
    """,
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY} USING fts5vocab({TITLES}, row)",
]
_INSERT = f"""
        INSERT INTO {TABLE}(rowid, title, standfirst, body, byline)
        VALUES (new.id, new.title, new.standfirst, new.body, new.byline);
        INSERT INTO {TITLES}(rowid, title) VALUES (new.id, new.title);
"""
_DELETE = f"""
        INSERT INTO {TABLE}({TABLE}, rowid, title, standfirst, body, byline)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body, old.byline);
        INSERT INTO {TITLES}({TITLES}, rowid, title) VALUES ('delete', old.id, old.title);
"""
TRIGGERS = {
    f"{TABLE}_insert": f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON articles_article BEGIN
        {_INSERT}
    END
    """,
    f"{TABLE}_delete": f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON articles_article BEGIN
        {_DELETE}
    END
    """,
    # Saves that leave the words alone (a status change, say) skip the index.
    f"{TABLE}_update": f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_update
    AFTER UPDATE OF id, title, standfirst, body, byline ON articles_article
    WHEN old.id IS NOT new.id OR old.title IS NOT new.title
        OR old.standfirst IS NOT new.standfirst OR old.body IS NOT new.body
        OR old.byline IS NOT new.byline
    BEGIN
        {_DELETE}
        {_INSERT}
    END
    """,
}
REBUILD = [
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
    f"INSERT INTO {TITLES}({TITLES}) VALUES ('rebuild')",
]


def _existing(cursor, kind: str) -> dict[str, str]:
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = %s", [kind])
    return dict(cursor.fetchall())


def _current(cursor) -> bool:
    """Whether the index has this module's shape: bylines, and the headline vocabulary."""
    if not {TITLES, VOCABULARY} <= set(_existing(cursor, "table")):
        return False
    cursor.execute(f"SELECT name FROM pragma_table_info('{TABLE}')")
    return "byline" in {name for (name,) in cursor.fetchall()}


def create_index(connection) -> None:
    """Create the indexes and their triggers, and fill them from the existing rows."""
    with connection.cursor() as cursor:
        for statement in [*CREATE_TABLES, *TRIGGERS.values(), *REBUILD]:
            cursor.execute(statement)


def ensure_index(connection) -> bool:
    """Bring an existing index up to date; True if it had to.

    A missing trigger, or one that does not write the headline vocabulary (an older
    one), is put back; an index of an older shape is made again. Either way the index
    is then refilled from the articles.
    """
    with connection.cursor() as cursor:
        if TABLE not in _existing(cursor, "table"):
            return False
        if not _current(cursor):
            drop_index(connection)
            create_index(connection)
            return True
        triggers = _existing(cursor, "trigger")
        stale = {name for name in TRIGGERS if TITLES not in triggers.get(name, "")}
        for name in sorted(stale):
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(TRIGGERS[name])
        if stale:
            for statement in REBUILD:
                cursor.execute(statement)
    return bool(stale)


def drop_index(connection) -> None:
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        for table in (VOCABULARY, TITLES, TABLE):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
