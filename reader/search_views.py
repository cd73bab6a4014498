"""The search page: read the query and filters, ask the search module, render."""

from django.shortcuts import render

from articles.page_cache import public_page
from articles.search import SearchFilters, around_results, search_articles
from articles.search.query import clean

from .pagination import canonical_page, paginate


@public_page
@canonical_page
def results(request):
    """`/search/?q=`: matching stories a page at a time; on the first, matching entities
    (above the stories when the query is a name) and, if few stories match, a
    corrected query to try.

    `section`, `person`, `from` and `to` narrow the stories (`SearchFilters`); pages
    and the suggestion keep them. Without a query, just the form.
    """
    # What is searched for, and shown: printable, and cut to a query's length.
    query = clean(request.GET.get("q", "")).strip()
    filters = SearchFilters.from_params(request.GET)
    results = search_articles(query, filters=filters)
    page = paginate(request, results) if query else None
    around = around_results(
        query, results, filters=filters, first_page=page is not None and page.number == 1
    )
    offer = around.suggestion
    context = {
        "query": query,
        "filters": filters,
        "page": page,
        "entities": around.entities,
        "suggestion": offer,
        "suggestion_query": _with_query(request, offer.text) if offer else "",
        "people": around.people,
    }
    return render(request, "search/results.html", context)


def _with_query(request, text: str) -> str:
    """This page's query string with `text` searched for instead, from page 1."""
    params = request.GET.copy()
    params.pop("page", None)
    params["q"] = text
    return params.urlencode()
