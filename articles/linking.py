"""The entity linker: which people, parties and places a story mentions, and how often.

Matching policy
---------------
A story's linkable text is its headline, standfirst, body and picture captions, never its
byline. The body is Markdown: link and image addresses, HTML tags and [[picture:N]]
markers are dropped first, so only words a reader sees can link.

1. Names and aliases match exactly as written (case matters) and only as whole words.
   A possessive still matches ("Labour's", "Labour’s"): curly apostrophes count as
   straight ones. Any run of spaces or line breaks between words matches a space.
   An alias ending in "Party" also matches with a small "party" ("the Aspire party").
2. Where candidate matches overlap, the longest wins and the others are dropped, so
   "Bethnal Green and Stepney" is a constituency and not the Green Party, and
   "Workers Party of Britain" is one mention, not also one of "Workers Party".
3. A party's common-word aliases (Green, Reform, Respect, Aspire) are ordinary words too,
   so they only count when used as a name: capitalised, not starting a sentence or line,
   and not directly beside another capitalised word. "People might vote Green, or" is the
   Green Party; "Bethnal Green", "in this respect" and "Respect for the law" opening a
   sentence are not.
4. A name that belongs to more than one entity is ambiguous and links none of them.
5. A place's name followed directly by a football club's word (United, City, County,
   Rovers, Athletic, Albion, Wanderers, Rangers, Hotspur, FC) names the club, not the
   place: "Derby County", "West Ham United" and "Birmingham City" link nothing,
   while "Kent County Council" is still Kent, and a longer alias still wins
   ("Birmingham City Council" is Birmingham).
6. Once a person is named in full (name or alias) anywhere in the text, their surname
   alone, or after a title (Mr, Mrs, Ms, Miss, Dr, Cllr, Councillor, Sir, Dame, Lord,
   Lady), counts as a mention of them wherever it appears, before or after. The surname
   is Person.short_name. It never links anyone the text did not name in full; a surname
   shared by two people named in full links neither; a longer surname wins over a
   shorter one inside it ("Mr Hassan Ali" is never Rushanara Ali); a bare surname
   straight after "the" is a thing, not a person ("the King’s Speech"); and a bare
   surname straight after a first name is someone else ("Cllr Sarah Wood" is not Andrew
   Wood), unless that word opens the sentence ("But Wood said"), is a title, a
   possessive ("Labour's Wood") or in capitals ("MP Wood").
7. Names the linker cannot match but that stand beside a title or role ("Cllr Jane
   Smithson") are never links: `articles.suggestions` puts them to an editor.

`EntityLinker.from_database()` reads every entity once and compiles one regular
expression for names and one for surnames, so a run over many articles costs three
queries plus the writes. Imports, `manage.py link_entities` and every save in the admin
link stories the same way; the admin takes its linker from `articles.linking_cache`,
which keeps one per process until a person, party or place changes.

Links anyone added, changed or removed in the admin are theirs (origin "editor", and
the story's `links_curated`): the linker never replaces or duplicates an editor's link,
and leaves a curated story's links exactly as they are.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import transaction

from newsroom.text import APOSTROPHES
from people.models import Constituency, Party, Person

from . import coverage
from .models import (
    Article,
    ArticleConstituency,
    ArticleParty,
    ArticlePerson,
    EntityLink,
    Picture,
)
from .rendering import markdown_to_text

# Each link table, the entity it points at, and the Mentions attribute it stores.
LINK_TABLES = (
    (ArticlePerson, "person", "people"),
    (ArticleParty, "party", "parties"),
    (ArticleConstituency, "constituency", "constituencies"),
)
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Cllr", "Councillor", "Sir", "Dame", "Lord", "Lady")

# Letters and digits only: "_" and "*" around a word are Markdown emphasis, not part of it.
NOT_AFTER_LETTER = r"(?<![^\W_])"
NOT_BEFORE_LETTER = r"(?![^\W_])"

SENTENCE_ENDS = ".!?:"
OPENING_MARKS = " \t\"'‘“([*_"
# The word after a name, allowing one line break but not a blank line between. The
# repeats are possessive, so a long run of spaces is read once, not once per split.
WORD_AFTER = re.compile(r"[^\S\n]*+\n?[^\S\n]*+([^\W_][\w'-]*+)")
# A football club's word after a place's name, unless a council's name goes on.
CLUB_AFTER = re.compile(
    r"[^\S\n]++(?:United|City|County|Rovers|Athletic|Albion|Wanderers|Rangers|Hotspur|FC)"
    rf"{NOT_BEFORE_LETTER}(?![^\S\n]++Council)"
)
# How far back the word before a name is looked for.
WORD_BEFORE_REACH = 100
# Characters a word may hold but not start with.
WORD_JOINERS = "_'-"


@dataclass
class Mentions:
    """Mention counts found in one text, keyed by entity primary key."""

    people: dict[int, int] = field(default_factory=dict)
    parties: dict[int, int] = field(default_factory=dict)
    constituencies: dict[int, int] = field(default_factory=dict)


class _Target(NamedTuple):
    kind: str  # the Mentions attribute it counts towards
    pk: int


class _Span(NamedTuple):
    start: int
    end: int
    key: str


def linkable_text(article: Article, pictures: Iterable[Picture] | None = None) -> str:
    """Headline, standfirst, body and captions, one paragraph each; never the byline.

    The captions are those of `pictures` when given, else of the stored pictures.
    """
    if pictures is None:
        pictures = article.pictures.all()
    parts = [
        article.title,
        markdown_to_text(article.standfirst),
        markdown_to_text(article.body),
        *(markdown_to_text(picture.caption) for picture in pictures),
    ]
    return "\n\n".join(part for part in parts if part.strip())


def _key(name: str) -> str:
    """How a name is looked up: one space between words, straight apostrophes, "Party"."""
    words = APOSTROPHES(name).split()
    if len(words) > 1 and words[-1].lower() == "party":
        words[-1] = "Party"
    return " ".join(words)


def _pattern(key: str) -> str:
    words = [re.escape(word) for word in key.split(" ")]
    if len(words) > 1 and words[-1] == "Party":
        words[-1] = "[Pp]arty"
    # Possessive: the next word starts with a letter, so the spaces are never given back.
    return r"\s++".join(words)


def _alternation(keys: Iterable[str]) -> str:
    """Longest first, so at any position the longest name is the one that matches."""
    return "|".join(_pattern(key) for key in sorted(keys, key=lambda key: (-len(key), key)))


def _starts_sentence(text: str, start: int) -> bool:
    position = start
    while position and text[position - 1] in OPENING_MARKS:
        position -= 1
    return position == 0 or text[position - 1] == "\n" or text[position - 1] in SENTENCE_ENDS


def _word_before(text: str, start: int) -> str:
    """The word ending just before `start`, across one line break at most, or "".

    A walk backwards over at most WORD_BEFORE_REACH characters, so each call costs
    the same however long the text.
    """
    return _previous_word(text, start)[0]


def _previous_word(text: str, start: int) -> tuple[str, int]:
    """`_word_before`, and where that word starts."""
    reach = max(0, start - WORD_BEFORE_REACH)
    end, line_breaks = start, 0
    while end > reach and text[end - 1].isspace():
        line_breaks += text[end - 1] == "\n"
        if line_breaks > 1:
            return "", start
        end -= 1
    begin = end
    while begin > reach and (text[begin - 1].isalnum() or text[begin - 1] in WORD_JOINERS):
        begin -= 1
    word = text[begin:end].lstrip(WORD_JOINERS)
    return word, end - len(word)


def _after_a_first_name(text: str, start: int) -> bool:
    """Whether a bare surname at `start` follows a capitalised word that is part of the
    same name ("Sarah Wood"): not a title, a possessive ("Labour's"), capitals ("MP") or
    a word opening the sentence ("But Wood said")."""
    word, begin = _previous_word(text, start)
    return (
        word[:1].isupper()
        and not word.isupper()
        and not word.endswith("'s")
        and word not in TITLES
        and not _starts_sentence(text, begin)
    )


def _word_after(text: str, end: int) -> str:
    match = WORD_AFTER.match(text, end)
    return match.group(1) if match else ""


def _used_as_name(text: str, start: int, end: int) -> bool:
    """Whether a common word (Green, Reform) here reads as a party's name."""
    if _starts_sentence(text, start):
        return False
    return not any(
        word[:1].isupper() for word in (_word_before(text, start), _word_after(text, end))
    )


def _select(spans: Iterable[_Span], taken: bytearray) -> list[_Span]:
    """Longest spans first, skipping any that overlap one already taken; marks `taken`."""
    chosen = []
    for span in sorted(spans, key=lambda span: (span.start - span.end, span.start)):
        if not any(taken[span.start : span.end]):
            taken[span.start : span.end] = b"\x01" * (span.end - span.start)
            chosen.append(span)
    return chosen


class EntityLinker:
    """Finds mentions of known entities in text; build once per run and reuse."""

    def __init__(
        self,
        *,
        people: Iterable[Person],
        parties: Iterable[Party],
        constituencies: Iterable[Constituency],
    ) -> None:
        self._names: dict[str, set[_Target]] = defaultdict(set)
        self._common_words: set[str] = set()
        self._place_names: set[str] = set()
        self._surnames: dict[str, set[int]] = defaultdict(set)
        self._last_chosen: tuple[str | None, list[_Span]] = (None, [])

        for person in people:
            self._add_names("people", person.pk, person.names)
            self._surnames[_key(person.short_name)].add(person.pk)
        for party in parties:
            self._add_names("parties", party.pk, party.names)
            self._add_names("parties", party.pk, party.common_word_aliases)
            self._common_words.update(_key(word) for word in party.common_word_aliases if word)
        for constituency in constituencies:
            self._add_names("constituencies", constituency.pk, constituency.names)
            self._place_names.update(_key(name) for name in constituency.names)

        # The lookahead finds a candidate at every position, so overlapping candidates can
        # all be seen and the longest chosen, rather than whichever starts first.
        self._name_pattern = self._compile(
            rf"{NOT_AFTER_LETTER}(?=({_alternation(self._names)}){NOT_BEFORE_LETTER})",
            self._names,
        )
        titles = "|".join(sorted(TITLES, key=len, reverse=True))
        self._surname_pattern = self._compile(
            rf"{NOT_AFTER_LETTER}(?=((?:(?:{titles})\.?\s++)?)"
            rf"({_alternation(self._surnames)}){NOT_BEFORE_LETTER})",
            self._surnames,
        )

    @classmethod
    def from_database(cls) -> "EntityLinker":
        """A linker for every person, party and place: three queries."""
        return cls(
            people=Person.objects.for_linking(),
            parties=Party.objects.for_linking(),
            constituencies=Constituency.objects.for_linking(),
        )

    def find_mentions(self, text: str) -> Mentions:
        """Count each entity's mentions in `text` under the policy in the module docstring."""
        text = APOSTROPHES(text)
        chosen = self._chosen_names(text)
        taken = bytearray(len(text))
        for span in chosen:
            taken[span.start : span.end] = b"\x01" * (span.end - span.start)
        counts: dict[str, Counter[int]] = {
            "people": Counter(),
            "parties": Counter(),
            "constituencies": Counter(),
        }

        for span in chosen:
            targets = self._names[span.key]
            if len(targets) == 1:
                (target,) = targets
                counts[target.kind][target.pk] += 1

        named_in_full = set(counts["people"])
        if named_in_full:
            for span in _select(self._surname_spans(text), taken):
                people = self._surnames[span.key] & named_in_full
                if len(people) == 1:
                    counts["people"][people.pop()] += 1

        return Mentions(**{kind: dict(counter) for kind, counter in counts.items()})

    def named_spans(self, text: str) -> list[tuple[int, int]]:
        """Where in `text` the names the linker matches stand (surnames aside).

        `articles.suggestions` reads this so no part of a matched name ("Bethnal Green"
        in "Bethnal Green and Stepney") is suggested as a person.
        """
        return [(span.start, span.end) for span in self._chosen_names(APOSTROPHES(text))]

    def knows(self, name: str) -> bool:
        """Whether `name` is, or holds, a name the linker matches, or is a person's surname.

        `articles.suggestions` asks this so it never suggests a name already on file.
        """
        key = _key(APOSTROPHES(name))
        return key in self._names or key in self._surnames or any(self._name_spans(key))

    def link_article(self, article: Article, *, new: bool = False) -> Mentions:
        """Find the article's mentions and store them as automatic links.

        Editors have the last word: a curated article's links are left exactly as they
        are, and an editor's link to an entity is never replaced or duplicated. A `new`
        story, just created, has no links yet: none are read to be replaced.
        """
        mentions = self.find_mentions(linkable_text(article))
        if article.links_curated:
            return mentions
        with transaction.atomic():
            for model, field_name, kind in LINK_TABLES:
                found = getattr(mentions, kind)
                _replace_automatic_links(article, model, field_name, found, new=new)
            # Bulk writes send no signals: say so to the coverage index ourselves.
            coverage.story_changed(article.pk)
        return mentions

    @staticmethod
    def link_new_articles(found: Iterable[tuple[Article, Mentions]]) -> None:
        """Store the automatic links of stories just created, one write per link table.

        `found` pairs each story with its `find_mentions`. A new story has no links to
        keep or replace. Bulk writes send no signals: the caller brings the coverage
        index up to date.
        """
        found = list(found)
        for model, field_name, kind in LINK_TABLES:
            model.objects.bulk_create(
                model(
                    article=article,
                    mentions=count,
                    origin=EntityLink.Origin.AUTOMATIC,
                    **{f"{field_name}_id": pk},
                )
                for article, mentions in found
                for pk, count in sorted(getattr(mentions, kind).items())
            )

    def _add_names(self, kind: str, pk: int, names: Iterable[str]) -> None:
        for name in names:
            key = _key(name)
            if key:
                self._names[key].add(_Target(kind, pk))

    @staticmethod
    def _compile(pattern: str, keys: dict) -> re.Pattern[str] | None:
        # With no names the alternation would be empty and match everywhere.
        return re.compile(pattern) if keys else None

    def _chosen_names(self, text: str) -> list[_Span]:
        """The names matched in `text`, longest first, none overlapping another.

        The last text's answer is kept: an import asks for a story's names twice in a
        row, once to link it and once to leave them out of its suggestions.
        """
        last_text, chosen = self._last_chosen
        if text != last_text:
            chosen = _select(self._name_spans(text), bytearray(len(text)))
            self._last_chosen = (text, chosen)
        return chosen

    def _name_spans(self, text: str) -> Iterator[_Span]:
        if self._name_pattern is None:
            return
        for match in self._name_pattern.finditer(text):
            start, end = match.span(1)
            key = _key(match.group(1))
            if key in self._common_words and not _used_as_name(text, start, end):
                continue
            if key in self._place_names and CLUB_AFTER.match(text, end):
                continue
            yield _Span(start, end, key)

    def _surname_spans(self, text: str) -> Iterator[_Span]:
        if self._surname_pattern is None:
            return
        for match in self._surname_pattern.finditer(text):
            if not match.group(1) and (
                _word_before(text, match.start(2)).lower() == "the"
                or _after_a_first_name(text, match.start(2))
            ):
                continue
            yield _Span(match.start(1), match.end(2), _key(match.group(2)))


def _replace_automatic_links(
    article: Article, model: type[EntityLink], field_name: str, found: dict[int, int], *, new: bool
) -> None:
    """Bring the article's automatic links in line with `found`, leaving editors' links alone.

    One read of the article's links (none for a new story). Links still found stay, with
    their counts updated; only those no longer found are deleted and only new ones
    created, so saving an unchanged story writes nothing.
    """
    column = f"{field_name}_id"
    existing = (
        []
        if new
        else model.objects.filter(article=article).values_list("pk", column, "origin", "mentions")
    )
    stale, recount, kept = [], [], set()
    for pk, entity_id, origin, mentions in existing:
        kept.add(entity_id)
        if origin != EntityLink.Origin.AUTOMATIC:
            continue
        if entity_id not in found:
            stale.append(pk)
        elif found[entity_id] != mentions:
            recount.append(model(pk=pk, mentions=found[entity_id]))
    if stale:
        model.objects.filter(pk__in=stale).delete()
    if recount:
        model.objects.bulk_update(recount, ["mentions"])
    model.objects.bulk_create(
        model(article=article, mentions=count, origin=EntityLink.Origin.AUTOMATIC, **{column: pk})
        for pk, count in sorted(found.items())
        if pk not in kept
    )
