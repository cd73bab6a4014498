"""Pages for the people, parties and places stories are about."""

from django.shortcuts import get_object_or_404, render

from articles.models import Article
from articles.views import paginate

from .models import Constituency, Party, Person


def entity_page(request, *, model, slug: str, link_field: str, template: str):
    """An entity and the published stories linked to it through `link_field`."""
    entity = get_object_or_404(model, slug=slug)
    stories = Article.objects.published().filter(**{link_field: entity}).for_listing()
    return render(request, template, {"entity": entity, "page": paginate(request, stories)})


def person(request, slug):
    return entity_page(
        request, model=Person, slug=slug, link_field="people", template="people/person.html"
    )


def party(request, slug):
    return entity_page(
        request, model=Party, slug=slug, link_field="parties", template="people/party.html"
    )


def constituency(request, slug):
    return entity_page(
        request,
        model=Constituency,
        slug=slug,
        link_field="constituencies",
        template="people/constituency.html",
    )
