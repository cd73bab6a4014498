"""Site search: published articles by their words, and entities by their names.

    results = search_articles("council tax")   # a lazy, pageable list of ArticleHit
    page = Paginator(results, 20).get_page(1)  # one count, then one page of hits
    entities = search_entities("tories")       # EntityMatches(people, parties, places)

Articles are searched by the database's own engine, chosen by its vendor:
PostgreSQL full-text search with a GIN index (`postgres.py`), SQLite FTS5 kept in
step by triggers (`sqlite.py`), or, for any other database, icontains as a
fallback only (`fallback.py`). Every search starts from
`Article.objects.published()`: drafts, stories in review and scheduled stories
are never found. The query syntax (`query.py`) and the snippets (`snippets.py`)
are the same on every engine.
"""

from django.db import connections

from ..models import Article
from .entities import EntityMatches, search_entities
from .fallback import FallbackBackend
from .query import parse
from .results import ArticleHit, Backend, SearchResults
from .sqlite import SQLiteBackend

__all__ = [
    "ArticleHit",
    "EntityMatches",
    "SearchResults",
    "search_articles",
    "search_entities",
    "settle_index",
]


def search_articles(text: str, *, now=None) -> SearchResults:
    """Published articles matching the reader's query, best match first."""
    articles = Article.objects.published(now=now)
    return SearchResults(backend_for(connections[articles.db].vendor), parse(text), articles)


def backend_for(vendor: str) -> Backend:
    if vendor == "postgresql":
        # Imported here: django.contrib.postgres needs a PostgreSQL driver installed.
        from .postgres import PostgresBackend

        return PostgresBackend()
    if vendor == "sqlite":
        return SQLiteBackend()
    return FallbackBackend()


def settle_index(using: str = "default") -> None:
    """After many stories are written at once, make the search index ready to use.

    PostgreSQL merges the GIN index's pending list (`postgres.settle_index` says why);
    SQLite's FTS5 index is written as the stories are, so it has nothing to do.
    """
    if connections[using].vendor == "postgresql":
        from .postgres import settle_index as settle_postgres_index

        settle_postgres_index(using)
