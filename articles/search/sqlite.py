"""SQLite: an FTS5 index, kept in step with the articles table by SQL triggers.

The index is `articles_article_search`, an external-content FTS5 table over the
headline, standfirst, body and byline of `articles_article` (migration 0002 created
it; 0014 added the byline; `sqlite_index.py` describes it). Because triggers keep
it in step, every write is indexed: admin edits, imports, fixtures, raw SQL, with no
Python signal.

The Porter stemmer is on, so "councils" finds "council", as on PostgreSQL.
Ranking is bm25 with column weights (a word in the headline counts ten times one
in the body, a name in the byline twice), over the newest MOST_RANKED matches only
(see `results.py`). The reader's query is rewritten by `query.ParsedQuery.fts5`,
with every word in double quotes; raw FTS5 syntax never reaches the database.

Warning for future migrations: SQLite's schema editor rebuilds a table for many
field changes, and dropping the table drops its triggers. A migration that does
that to Article must re-create them; the search tests fail if it does not.
"""

from django.db import connections

from ..querysets import ArticleQuerySet
from . import results
from .query import ParsedQuery
from .results import ArticleHit
from .snippets import MARK_END, MARK_START, snippet
from .sqlite_index import TABLE

# bm25 weights for title, standfirst, body and byline, in the index's column order.
WEIGHTS = (10.0, 5.0, 1.0, 2.0)

# The newest matches, read backwards along the index's rowids: FTS5 stops after LIMIT.
NEWEST_MATCHES = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s"

# CROSS JOIN makes SQLite read the matches first and look each story up by its id;
# left to itself it may walk every published story checking each against the list.
COUNT = f"""
WITH published(id) AS ({{published}})
SELECT COUNT(*) FROM ({NEWEST_MATCHES}) AS newest CROSS JOIN published
ON published.id = newest.rowid
"""

# The page of hits is ranked first, then only its rows are marked up. Only matches
# from the oldest of the newest ones on are ranked (a rowid range FTS5 reads directly).
PAGE = f"""
WITH published(id, published_at) AS ({{published}}),
page(id, score, published_at) AS (
    SELECT {TABLE}.rowid, bm25({TABLE}, %s, %s, %s, %s), published.published_at
    FROM {TABLE} JOIN published ON published.id = {TABLE}.rowid
    WHERE {TABLE} MATCH %s
        AND {TABLE}.rowid >= (SELECT min(rowid) FROM ({NEWEST_MATCHES}))
    ORDER BY 2, 3 DESC, 1 DESC
    LIMIT %s OFFSET %s
)
SELECT page.id, page.score, highlight({TABLE}, 1, %s, %s), highlight({TABLE}, 2, %s, %s)
FROM {TABLE} JOIN page ON page.id = {TABLE}.rowid
WHERE {TABLE} MATCH %s
ORDER BY page.score, page.published_at DESC, page.id DESC
"""


class SQLiteBackend:
    def count(self, query: ParsedQuery, articles: ArticleQuerySet) -> int:
        published_sql, published_params = _compiled(articles.order_by().values("pk"))
        with connections[articles.db].cursor() as cursor:
            cursor.execute(
                COUNT.format(published=published_sql),
                [*published_params, query.fts5, results.MOST_RANKED],
            )
            return cursor.fetchone()[0]

    def hits(
        self, query: ParsedQuery, articles: ArticleQuerySet, *, offset: int, limit: int
    ) -> list[ArticleHit]:
        published = articles.order_by().values("pk", "published_at")
        published_sql, published_params = _compiled(published)
        params = [
            *published_params,
            *WEIGHTS,
            query.fts5,
            query.fts5,
            results.MOST_RANKED,
            limit,
            offset,
            *(MARK_START, MARK_END) * 2,
            query.fts5,
        ]
        with connections[articles.db].cursor() as cursor:
            cursor.execute(PAGE.format(published=published_sql), params)
            rows = cursor.fetchall()
        found = articles.select_related("section").in_bulk([row[0] for row in rows])
        return [
            # bm25 is lower for better matches; ranks here are higher for better.
            ArticleHit(found[pk], -score, snippet(standfirst=standfirst, body=body))
            for pk, score, standfirst, body in rows
            if pk in found
        ]


def _compiled(queryset) -> tuple[str, tuple]:
    return queryset.query.get_compiler(queryset.db).as_sql()
