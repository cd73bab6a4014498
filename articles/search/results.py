"""What a search returns: hits, and a lazy list of them that Django's Paginator can page."""

from dataclasses import dataclass
from typing import Protocol

from django.utils.safestring import SafeString

from ..models import Article
from ..querysets import ArticleQuerySet
from .query import ParsedQuery

# Only the newest this-many matches of a query are ranked and counted. A word in
# every story would otherwise make each search rank the whole archive; news readers
# want the recent stories first, and date archives reach the rest.
MOST_RANKED = 500


@dataclass(frozen=True)
class ArticleHit:
    """One published article that matched, how well (higher is better), and where."""

    article: Article
    rank: float
    snippet: SafeString


class Backend(Protocol):
    """How one database finds articles. `articles` is already limited to published ones.

    Both methods consider only the newest MOST_RANKED matching stories.
    """

    def count(self, query: ParsedQuery, articles: ArticleQuerySet) -> int: ...

    def hits(
        self, query: ParsedQuery, articles: ArticleQuerySet, *, offset: int, limit: int
    ) -> list[ArticleHit]: ...


class SearchResults:
    """Hits, best first, fetched a page at a time: one count, then one page per slice."""

    def __init__(self, backend: Backend, query: ParsedQuery, articles: ArticleQuerySet):
        self.backend = backend
        self.query = query
        self.articles = articles
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.backend.count(self.query, self.articles) if self.query else 0
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[ArticleHit]:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("Search results are read a page (a slice) at a time.")
        start, stop, _ = index.indices(self.count())
        if start >= stop:
            return []
        return self.backend.hits(self.query, self.articles, offset=start, limit=stop - start)
