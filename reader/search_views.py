"""The search page: read the query and filters, ask the search module, render."""

from django.shortcuts import render

from articles.page_cache import public_page
from articles.search import EntityIndex, SearchFilters, search_articles, suggest
from articles.search.query import clean
from people.models import Person

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
    context = {"query": query, "filters": filters}
    names = None
    if query:
        context["page"] = page = paginate(request, search_articles(query, filters=filters))
        if page.number == 1:
            names = EntityIndex.load()
            context["entities"] = matched = names.match(query)
            context["suggestion"] = offer = suggest(
                query, found=page.paginator.count, matched=matched, names=names, filters=filters
            )
            if offer:
                context["suggestion_query"] = _with_query(request, offer.text)
                if not matched:
                    context["entities"] = offer.entities
    context["people"] = names.people if names else Person.objects.only("name", "slug")
    return render(request, "search/results.html", context)


def _with_query(request, text: str) -> str:
    """This page's query string with `text` searched for instead, from page 1."""
    params = request.GET.copy()
    params.pop("page", None)
    params["q"] = text
    return params.urlencode()
