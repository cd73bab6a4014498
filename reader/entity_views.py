"""Pages for the people, parties and places stories are about.

Facts on these pages (affiliations, posts, candidacies, claims) come from `people`;
the published stories about each entity, and the stories facts cite, from `articles`.
"""

from django.shortcuts import get_object_or_404, render

from articles.citations import cited_stories
from articles.models import Article
from articles.page_cache import public_page
from people.models import Constituency, Election, Party, Person, PostHeld
from people.querysets import moves_for

from .pagination import canonical_page, paginate


def entity_page(request, entity, *, template: str, **context):
    """`entity`, the published stories that mention it, and what `context` adds."""
    stories = Article.objects.published().mentioning(entity).for_listing()
    context |= {"entity": entity, "page": paginate(request, stories)}
    return render(request, template, context)


def cite_sources(facts) -> None:
    """Give each fact `source_story`: the published story it cites, or None. One query.

    A fact cited from a draft or a file that never became a story gets None, so the
    page shows no link, and neither the file name nor the draft's sentence.
    """
    facts = list(facts)
    cited = cited_stories((fact.source for fact in facts), Article.objects.published())
    for fact in facts:
        fact.source_story = cited.get(fact.source)


@public_page
@canonical_page
def person(request, slug):
    person = get_object_or_404(Person.objects.for_profile(), slug=slug)
    cite_sources(
        [
            *person.memberships.all(),
            *person.posts.all(),
            *person.candidacies.all(),
            *person.claims.all(),
        ]
    )
    return entity_page(request, person, template="people/person.html")


@public_page
@canonical_page
def party(request, slug):
    party = get_object_or_404(Party.objects.for_page(), slug=slug)
    members = Person.objects.members_of(party)
    return entity_page(
        request,
        party,
        template="people/party.html",
        members=members,
        moves=moves_for(party, members),
        posts=PostHeld.objects.held_for(party),
    )


@public_page
@canonical_page
def constituency(request, slug):
    place = get_object_or_404(Constituency.objects.for_page(), slug=slug)
    return entity_page(
        request,
        place,
        template="people/constituency.html",
        offices=PostHeld.objects.offices_in(place),
        elections=Election.objects.held_in(place),
    )
