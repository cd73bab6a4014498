"""The search page: read the query, ask the search module, render."""

from django.shortcuts import render

from articles.page_cache import public_page
from articles.search import search_articles, search_entities

from .pagination import canonical_page, paginate


@public_page
@canonical_page
def results(request):
    """`/search/?q=`: matching stories a page at a time, matching entities on the first.

    Without a query, just the form.
    """
    query = request.GET.get("q", "").strip()
    context = {"query": query}
    if query:
        context["page"] = page = paginate(request, search_articles(query))
        if page.number == 1:
            context["entities"] = search_entities(query)
    return render(request, "search/results.html", context)
