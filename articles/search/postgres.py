"""PostgreSQL: full-text search over a stored, GIN-indexed tsvector column.

The document is the headline (weight A), standfirst (B), body (C) and byline (D)
under the 'english' configuration, so words are stemmed and stop words ignored.
Migration 0002 adds the `search_document` column, a trigger that keeps it current on
every insert and update, and the GIN index `articles_article_search`; 0014 adds the
byline to the trigger's function; a test checks that
the planner uses it. Ranking reads the stored vector, so it costs no re-parsing.
The reader's query goes through websearch_to_tsquery, which never raises on odd
input. Only the newest MOST_RANKED matches are counted and ranked (`results.py`).
Ranking is ts_rank with
PostgreSQL's default weights. Snippets come from ts_headline, marking matches
across the whole standfirst and body of the page's hits only (PostgreSQL works
out these expensive columns after the LIMIT).
"""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connections
from django.db.models.expressions import RawSQL

from ..querysets import ArticleQuerySet
from . import results
from .query import ParsedQuery
from .results import ArticleHit
from .snippets import MARK_END, MARK_START, snippet

CONFIG = "english"

# The newest matches: written out, because `document()` names the outer table.
NEWEST_MATCHES = """
SELECT id FROM articles_article
WHERE search_document @@ websearch_to_tsquery(%s::regconfig, %s)
ORDER BY id DESC LIMIT %s
"""


def settle_index(using: str) -> None:
    """Merge newly written stories into the GIN index now, and refresh the statistics.

    New rows wait in the index's pending list until autovacuum merges them; while a
    large import's rows wait there, the planner prices the index so high that it reads
    the archive story by story instead (a rare word took 80 ms at 10,000 stories, and
    7 ms once merged). An import settles the index when it ends.
    """
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list('articles_article_search'::regclass)")
        cursor.execute("ANALYZE articles_article")


def document() -> RawSQL:
    """The stored weighted document (not a model field: see migration 0002)."""
    return RawSQL('"articles_article"."search_document"', [], output_field=SearchVectorField())


class PostgresBackend:
    def count(self, query: ParsedQuery, articles: ArticleQuerySet) -> int:
        return self._matching(query, articles).count()

    def hits(
        self, query: ParsedQuery, articles: ArticleQuerySet, *, offset: int, limit: int
    ) -> list[ArticleHit]:
        tsquery = self._tsquery(query)
        marked = {"start_sel": MARK_START, "stop_sel": MARK_END, "highlight_all": True}
        found = (
            self._matching(query, articles)
            .annotate(
                rank=SearchRank(document(), tsquery),
                marked_standfirst=SearchHeadline("standfirst", tsquery, config=CONFIG, **marked),
                marked_body=SearchHeadline("body", tsquery, config=CONFIG, **marked),
            )
            .select_related("section")
            .order_by("-rank", "-published_at", "-pk")[offset : offset + limit]
        )
        return [
            ArticleHit(
                article,
                article.rank,
                snippet(standfirst=article.marked_standfirst, body=article.marked_body),
            )
            for article in found
        ]

    def _matching(self, query: ParsedQuery, articles: ArticleQuerySet):
        newest = RawSQL(NEWEST_MATCHES, [CONFIG, query.websearch, results.MOST_RANKED])
        return articles.filter(pk__in=newest)

    @staticmethod
    def _tsquery(query: ParsedQuery) -> SearchQuery:
        return SearchQuery(query.websearch, search_type="websearch", config=CONFIG)
