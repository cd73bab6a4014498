"""Site search."""

from django.http import Http404
from django.urls import path


def results(request):
    """Placeholder until the search view lands."""
    raise Http404


app_name = "search"
urlpatterns = [path("search/", results, name="results")]
