"""PostgreSQL: full-text search over an expression with a GIN index.

The document is the headline (weight A), standfirst (B) and body (C) under the
'english' configuration, so words are stemmed and stop words ignored. Migration
0002 builds the GIN index `articles_article_search` on exactly the SQL that
`document()` compiles to; a test checks that the planner uses it. The reader's query goes through
websearch_to_tsquery, which never raises on odd input. Ranking is ts_rank with
PostgreSQL's default weights. Snippets come from ts_headline, marking matches
across the whole standfirst and body of the page's hits only (PostgreSQL works
out these expensive columns after the LIMIT).

Computing the document from its columns rather than storing it keeps the model
unchanged; the cost is re-reading matching rows to rank them, which is fine for
a newsroom's thousands of stories.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector

from ..querysets import ArticleQuerySet
from .query import ParsedQuery
from .results import ArticleHit
from .snippets import MARK_END, MARK_START, snippet

CONFIG = "english"


def document() -> SearchVector:
    """The weighted document that the GIN index holds. Change both together."""
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("standfirst", weight="B", config=CONFIG)
        + SearchVector("body", weight="C", config=CONFIG)
    )


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
