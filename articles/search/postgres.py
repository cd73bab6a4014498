"""PostgreSQL: full-text search over a stored, GIN-indexed tsvector column.

The document is the headline (weight A), standfirst (B) and body (C) under the
'english' configuration, so words are stemmed and stop words ignored. Migration
0002 adds the `search_document` column, a trigger that keeps it current on every
insert and update, and the GIN index `articles_article_search`; a test checks that
the planner uses it. Ranking reads the stored vector, so it costs no re-parsing.
The reader's query goes through websearch_to_tsquery, which never raises on odd
input. Ranking is ts_rank with
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
from django.db.models.expressions import RawSQL

from ..querysets import ArticleQuerySet
from .query import ParsedQuery
from .results import ArticleHit
from .snippets import MARK_END, MARK_START, snippet

CONFIG = "english"


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
        return articles.annotate(document=document()).filter(document=self._tsquery(query))

    @staticmethod
    def _tsquery(query: ParsedQuery) -> SearchQuery:
        return SearchQuery(query.websearch, search_type="websearch", config=CONFIG)
