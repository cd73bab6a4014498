"""Site search: published articles by their words, and entities by their names.

    results = search_articles("council tax")   # a lazy, pageable list of ArticleHit
    page = Paginator(results, 20).get_page(1)  # one count, then one page of hits
    entities = search_entities("tories")       # EntityMatches(people, parties, places)

    filters = SearchFilters.from_params(request.GET)   # section, person, dates
    results = search_articles("galoway", filters=filters)
    names = EntityIndex.load()                  # names once a page, matched in Python
    offer = suggest("galoway", found=results.count(), matched=names.match("galoway"),
                    names=names, filters=filters)        # Suggestion("Galloway", ...) or None
    around = around_results("galoway", results, filters=filters, first_page=True)
                                                # all three, as the search page shows them

Articles are searched by the database's own engine, chosen by its vendor:
PostgreSQL full-text search with a GIN index (`postgres.py`), SQLite FTS5 kept in
step by triggers (`sqlite.py`), or, for any other database, icontains as a
fallback only (`fallback.py`). Every search starts from
`Article.objects.published()`: drafts, stories in review and scheduled stories
are never found. The query syntax (`query.py`) and the snippets (`snippets.py`)
are the same on every engine. Filters (`filters.py`) narrow the published stories
searched; "did you mean" (`did_you_mean.py`, `spelling.py`) offers a corrected query
that is counted the same way, so it never offers what only drafts contain.
"""

from dataclasses import dataclass

from django.db import connections

from people.models import Person

from ..models import Article
from .did_you_mean import Suggestion
from .did_you_mean import suggest as _suggest
from .entities import EntityIndex, EntityMatches, search_entities
from .fallback import FallbackBackend
from .filters import SearchFilters
from .query import parse
from .results import ArticleHit, Backend, SearchResults
from .sqlite import SQLiteBackend

__all__ = [
    "AroundResults",
    "ArticleHit",
    "EntityIndex",
    "EntityMatches",
    "SearchFilters",
    "SearchResults",
    "Suggestion",
    "around_results",
    "search_articles",
    "search_entities",
    "settle_index",
    "suggest",
]


def search_articles(text: str, *, filters: SearchFilters | None = None, now=None) -> SearchResults:
    """Published articles matching the reader's query, best match first."""
    articles = _searched(filters, now)
    return SearchResults(backend_for(connections[articles.db].vendor), parse(text), articles)


def suggest(
    text: str,
    *,
    found: int,
    matched: EntityMatches,
    names: EntityIndex,
    filters: SearchFilters | None = None,
    now=None,
) -> Suggestion | None:
    """A corrected query if `text` found fewer than a few stories and one finds more."""
    articles = _searched(filters, now)
    backend = backend_for(connections[articles.db].vendor)
    return _suggest(
        text,
        found=found,
        matched=matched,
        names=names,
        articles=articles,
        count=lambda offered: SearchResults(backend, parse(offered), articles).count(),
    )


@dataclass(frozen=True)
class AroundResults:
    """What the search page shows beside the stories: whom the query names, a corrected
    query if few stories matched, and the people the form's person filter offers."""

    entities: EntityMatches
    suggestion: Suggestion | None
    people: list


def around_results(
    text: str, results: SearchResults, *, filters: SearchFilters, first_page: bool
) -> AroundResults:
    """Entities and a suggestion for the first page of `results` (the search for `text`);
    on later pages, or with no query, just the people to filter by.

    The names are read once (`EntityIndex.load`) for matching, suggesting and the filter.
    When the query names nobody but the suggestion does, the suggestion's entities are shown.
    """
    if not (text and first_page):
        return AroundResults(EntityMatches(), None, list(Person.objects.only("name", "slug")))
    names = EntityIndex.load()
    matched = names.match(text)
    offer = suggest(text, found=results.count(), matched=matched, names=names, filters=filters)
    shown = offer.entities if offer and not matched else matched
    return AroundResults(shown, offer, names.people)


def _searched(filters: SearchFilters | None, now):
    articles = Article.objects.published(now=now)
    return filters.apply(articles) if filters else articles


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
