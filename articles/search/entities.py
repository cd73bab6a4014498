"""Finding people, parties and places by name.

Matching policy
---------------
Every name an entity goes by counts: its name and aliases, and for a party its
short name and common-word aliases. Case and accents are ignored ("sinn fein"
finds "Sinn Féin"). An entity matches when either

1. every word of the query starts a word of one of its names, in any order
   ("hass" and "ali hassan" find Ali Hassan Ali; "tories" finds the Conservative
   Party through its alias); a query word under three letters must be a whole word;
   or
2. one of its names appears whole in the query ("tories cut council tax" finds
   the Conservative Party). A party's common-word aliases (Green, Reform,
   Respect) do not count for this, as in the entity linker: "green belt" is not a
   search for the Green Party.

Exact matches come first, then the rest by name; each kind lists at most
ENTITY_LIMIT. When an entity matches by rule 1, the query "is a name"
(`EntityMatches.is_name`) and the search page lists entities above the stories;
matched by rule 2 alone, they follow the stories.

The names are read once per page (`EntityIndex.load()`, a query per kind) and serve
three things: matching the query, the words "did you mean" may offer
(`EntityIndex.words`), and matching the offered query.

Why this is plain Python over every name, not a full-text index: the entity
tables are reference data of a few hundred rows that change rarely. Reading the
few columns matching needs (one small query per table) and matching in Python
costs well under a millisecond per page, applies exactly the same folding to
names and to aliases held as JSON lists on every database, and needs no second
index to keep in sync. If the tables grow to many thousands of rows, move names
into the articles' full-text engine instead.
"""

import unicodedata
from dataclasses import dataclass, field

from people.models import Constituency, Entity, Party, Person

from .query import APOSTROPHES, WORD, parse

ENTITY_LIMIT = 10
# Query words shorter than this only match whole words of a name.
MIN_PREFIX_LENGTH = 3


@dataclass
class EntityMatches:
    """Entities whose names match a query, by kind, best first."""

    people: list[Person] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    places: list[Constituency] = field(default_factory=list)
    # The query is a name (or the start of one) of one of them (rule 1), not only
    # a sentence that mentions one (rule 2).
    is_name: bool = False

    def __bool__(self) -> bool:
        return bool(self.people or self.parties or self.places)


@dataclass
class EntityIndex:
    """Every person, party and place, with just the columns matching reads."""

    people: list[Person]
    parties: list[Party]
    places: list[Constituency]

    @classmethod
    def load(cls) -> "EntityIndex":
        """Three queries, one per kind; people come in name order (the filter form lists them)."""
        return cls(
            people=list(Person.objects.only("name", "slug", "aliases").order_by("name")),
            parties=list(
                Party.objects.only(
                    "name", "slug", "aliases", "short_name", "common_word_aliases", "colour"
                )
            ),
            places=list(Constituency.objects.only("name", "slug", "aliases", "kind")),
        )

    def match(self, text: str) -> EntityMatches:
        """People, parties and places whose names match the reader's query."""
        words = [fold(word) for word in parse(text).words]
        if not words:
            return EntityMatches()
        found = {
            kind: _matching(entities, words)
            for kind, entities in (
                ("people", self.people),
                ("parties", self.parties),
                ("places", self.places),
            )
        }
        return EntityMatches(
            **{kind: [entity for _, entity in ranked] for kind, ranked in found.items()},
            is_name=any(named for ranked in found.values() for named, _ in ranked),
        )

    def words(self) -> dict[str, str]:
        """Each word of every name and alias, folded, to the word as the name writes it."""
        written: dict[str, str] = {}
        for entity in (*self.people, *self.parties, *self.places):
            for name in (*entity.names, *_loose_names(entity)):
                for word in WORD.findall(name.translate(APOSTROPHES)):
                    written.setdefault(fold(word), word)
        return written


def search_entities(text: str) -> EntityMatches:
    """People, parties and places whose names match the reader's query."""
    if not parse(text):
        return EntityMatches()
    return EntityIndex.load().match(text)


def _matching(entities, words: list[str]) -> list[tuple[bool, Entity]]:
    """(whether the query is this name or part of it, the entity), best first.

    Exact matches first, then the rest by name; at most ENTITY_LIMIT.
    """
    ranked = []
    for entity in entities:
        names = [_name_words(name) for name in entity.names]
        loose = [_name_words(name) for name in _loose_names(entity)]
        if any(name == words for name in names + loose):
            ranked.append((0, entity.name.casefold(), True, entity))
        elif any(_starts_words(words, name) for name in names + loose):
            ranked.append((1, entity.name.casefold(), True, entity))
        elif any(_contains(words, name) for name in names):
            ranked.append((1, entity.name.casefold(), False, entity))
    ranked.sort(key=lambda item: item[:2])
    return [(named, entity) for _, _, named, entity in ranked[:ENTITY_LIMIT]]


def _loose_names(entity: Entity) -> list[str]:
    """Names that only match a query about them alone: short names, common words."""
    if isinstance(entity, Party):
        return [name for name in (entity.short_name, *entity.common_word_aliases) if name]
    return []


def _starts_words(query: list[str], name: list[str]) -> bool:
    """Rule 1: each query word starts some word of the name."""
    return all(
        any(
            part == word or (len(word) >= MIN_PREFIX_LENGTH and part.startswith(word))
            for part in name
        )
        for word in query
    )


def _contains(query: list[str], name: list[str]) -> bool:
    """Rule 2: the whole name appears in the query as consecutive words."""
    size = len(name)
    return size > 0 and any(query[i : i + size] == name for i in range(len(query) - size + 1))


def _name_words(name: str) -> list[str]:
    return [fold(word) for word in WORD.findall(name.translate(APOSTROPHES))]


def fold(text: str) -> str:
    """Lower case without accents, so "Féin" and "fein" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
