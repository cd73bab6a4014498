"""Pages for the people, parties and places stories are about."""

from django.shortcuts import get_object_or_404, render

from articles import coverage
from articles.models import Article
from articles.page_cache import public_page
from people.models import Constituency, Party, Person

from .pagination import paginate

# The most people a constituency page lists as linked to the place, and how many of
# its newest stories they are drawn from.
PEOPLE_ON_A_PLACE_PAGE = 12
STORIES_FOR_PLACE_PEOPLE = 200


def entity_page(request, *, model, slug: str, template: str, **extra):
    """An entity, the published stories that mention it, and what `extra` adds."""
    entity = get_object_or_404(coverage.for_entity_page(model), slug=slug)
    stories = Article.objects.published().mentioning(entity).for_listing()
    context = {"entity": entity, "page": paginate(request, stories)}
    context |= {name: make(entity) for name, make in extra.items()}
    return render(request, template, context)


@public_page
def person(request, slug):
    return entity_page(request, model=Person, slug=slug, template="people/person.html")


@public_page
def party(request, slug):
    return entity_page(
        request,
        model=Party,
        slug=slug,
        template="people/party.html",
        members=Person.objects.members_of,
    )


@public_page
def constituency(request, slug):
    return entity_page(
        request,
        model=Constituency,
        slug=slug,
        template="people/constituency.html",
        people=lambda place: coverage.people_in_stories_about(
            place, stories=STORIES_FOR_PLACE_PEOPLE, limit=PEOPLE_ON_A_PLACE_PAGE
        ),
    )
