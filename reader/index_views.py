"""The A–Z indexes of people, parties and places.

Each lists everything of its kind, A to Z under letter headings, a page at a time.
A jump bar links to each letter that names begin with; following it lists only that
letter (`?letter=B`), so every entry stays reachable however long the index grows,
as long as no one letter runs past the capped paginator's 25 pages. People can be
narrowed to a party's current members (`?party=<slug>`), places to a kind
(`?kind=ward`). An unknown party, kind or letter is a 404, not an empty page.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from articles.page_cache import public_page
from people.models import Constituency, Party, Person

from .pagination import canonical_page, page_of

# Headings for the kinds of place, in the plural; a kind not here is shown by its label.
PLACE_KINDS_PLURAL = {
    Constituency.Kind.WESTMINSTER: "Westminster constituencies",
    Constituency.Kind.WARD: "Council wards",
    Constituency.Kind.LOCAL_AUTHORITY: "Local authorities",
    Constituency.Kind.MAYORALTY: "Mayoralties",
}


def index_page(request, *, entries, template: str, **context):
    """The listing `entries`, by `?letter=` if given, a page of it and its jump bar."""
    letter = request.GET.get("letter", "")
    if letter and len(letter) != 1:
        raise Http404("Not a letter.")
    initials = entries.initials()
    if letter:
        letter = letter.upper()
        if letter not in initials:
            raise Http404("No names begin with that letter.")
        entries = entries.starting_with(letter)
    page = page_of(request, entries.for_index())
    context |= {
        "page": page,
        "letter": letter,
        "letters": [
            {"letter": initial, "url": letter_url(request, initial), "current": initial == letter}
            for initial in initials
        ],
        "all_letters_url": letter_url(request, ""),
    }
    return render(request, template, context)


def letter_url(request, letter: str) -> str:
    """This index at its first page of `letter` (all letters if empty), other filters kept."""
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("letter", None)
    if letter:
        params["letter"] = letter
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


@public_page
@canonical_page
def people_index(request):
    people = Person.objects.all()
    party = None
    if slug := request.GET.get("party"):
        party = get_object_or_404(Party, slug=slug)
        people = people.currently_in(party)
    return index_page(
        request,
        entries=people,
        template="people/person_index.html",
        party=party,
        parties=Party.objects.for_index(),
    )


@public_page
@canonical_page
def party_index(request):
    return index_page(request, entries=Party.objects.all(), template="people/party_index.html")


@public_page
@canonical_page
def place_index(request):
    places = Constituency.objects.all()
    kind = request.GET.get("kind", "")
    if kind:
        if kind not in Constituency.Kind.values:
            raise Http404("No such kind of place.")
        places = places.filter(kind=kind)
    return index_page(
        request,
        entries=places,
        template="people/place_index.html",
        kind=kind,
        heading=kind_plural(kind) if kind else "Places",
        kinds=[(value, kind_plural(value)) for value in Constituency.Kind.values],
    )


def kind_plural(kind: str) -> str:
    return PLACE_KINDS_PLURAL.get(kind, Constituency.Kind(kind).label)
