"""Any other database: case-insensitive substring matching. A fallback only.

It reads every published article on each search (no index can serve
`icontains`), does no stemming, and ranks only by where the words were found.
PostgreSQL and SQLite never use it; it exists so the site still works on a
database nobody has written a backend for.
"""

from functools import reduce
from operator import or_

from django.db.models import Case, IntegerField, Q, Value, When

from ..querysets import ArticleQuerySet
from .query import ParsedQuery, Term
from .results import ArticleHit
from .snippets import mark_words, snippet

FIELDS = ("title", "standfirst", "body")


class FallbackBackend:
    def count(self, query: ParsedQuery, articles: ArticleQuerySet) -> int:
        return articles.filter(_matches(query)).count()

    def hits(
        self, query: ParsedQuery, articles: ArticleQuerySet, *, offset: int, limit: int
    ) -> list[ArticleHit]:
        # Ranked above the rest: stories whose headline alone satisfies the query.
        in_title = reduce(
            or_, (_alternative(terms, fields=["title"]) for terms in query.alternatives)
        )
        found = (
            articles.filter(_matches(query))
            .annotate(
                rank=Case(
                    When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField()
                )
            )
            .select_related("section")
            .order_by("-rank", "-published_at", "-pk")[offset : offset + limit]
        )
        words = query.words
        return [
            ArticleHit(
                article,
                float(article.rank),
                snippet(
                    standfirst=mark_words(article.standfirst, words),
                    body=mark_words(article.body, words),
                ),
            )
            for article in found
        ]


def _matches(query: ParsedQuery) -> Q:
    return reduce(or_, (_alternative(terms) for terms in query.alternatives))


def _alternative(terms: tuple[Term, ...], fields=FIELDS) -> Q:
    condition = Q()
    for term in terms:
        found = reduce(or_, (_in_field(field, term) for field in fields))
        condition &= ~found if term.excluded else found
    return condition


def _in_field(field: str, term: Term) -> Q:
    return Q(**{f"{field}__icontains": " ".join(term.words)})
