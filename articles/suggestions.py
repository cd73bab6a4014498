"""Names the linker cannot match, found beside a title or role, for an editor to decide.

Finding
-------
A story's linkable text (`linking.linkable_text`) is cut into words and marks by a
hand-written scanner, one pass, so the cost grows with the text and nothing backtracks.
A *name* is a run of two to four capitalised words on one line with only spaces between
("Jane Smithson", "Mary O'Neill-Brown"); a possessive "'s" is dropped. A name is
suggested when a cue stands next to it:

- a title just before it: Mr, Mrs, Ms, Miss, Dr, Sir, Dame, Lord, Lady, Cllr,
  Councillor, Mayor ("Cllr Jane Smithson", "Tower Hamlets Mayor Jo Bloggs");
- a role word just before it, a comma allowed between: councillor, candidate, mayor,
  leader, MP ("the Conservative councillor Peter Golds", "independent candidate …"),
  or a role for a place and a comma ("the candidate for Stepney Green, Aisha …");
- "MP" just after it ("Jane Smithson MP");
- an apposition just after it: a comma, "the", "a", "an" or a possessive ("Labour's"),
  at most four more words and a role word ("…, the Labour candidate for Whitechapel").

It is not suggested when the linker knows it (a person's name, alias or surname, or a
name holding a party or place: "Labour Jane"), when it is part of a longer name the
linker matched in the text ("Bethnal Green" in "Bethnal Green and Stepney"), when it
holds a word that is never part of a person's name ("Council", "Street", a weekday), or
when fewer than two words are left after dropping the ordinary words that open a
sentence ("Yesterday Jane Smithson, the candidate" suggests "Jane Smithson") and any
party or place before it.
Titles, roles and party names are cues or context, never part of the name.

Recording
---------
Each name is suggested once per story (a unique (article, name) row): saving or
re-importing the story again adds only new names, drops pending suggestions whose name
has gone from the story, and leaves decided ones alone, so a rejected name is never
suggested for that story again. New stories of an import batch are recorded in one
insert.

Deciding
--------
Only editors decide (`may_decide`: permission to change both people and stories);
reporters may read the queue. Accepting creates the person (or adds the name as an
alias of the person chosen), links the story with origin "editor" through the ORM, so
the coverage index and page cache follow as they do for any link saved in the admin,
and records who decided and when. Nothing public exists until then.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from newsroom.text import APOSTROPHES
from people.models import Person

from .linking import EntityLinker, linkable_text
from .models import Article, ArticlePerson, EntityLink, LinkSuggestion, Picture

DECIDE_PERMISSIONS = ("people.change_person", "articles.change_article")
Status = LinkSuggestion.Status

TITLES = frozenset(
    ["Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Cllr", "Councillor", "Mayor"]
)
ROLES = frozenset(["councillor", "candidate", "mayor", "leader", "MP"])
ARTICLES = frozenset(["the", "a", "an"])
# Capitalised only because they open a sentence or a clause: dropped from a name's front.
_OPENERS = """
    A An And As At But By For From Former If In Last Local Meanwhile Now On Only So
    Speaking Then The This Today Veteran When While With Yesterday Asked Also
    However After Before Here There Tonight Earlier Later Both Neither Either
    Independent Deputy Sitting
"""
# Words that are never part of a person's name: a run holding one is not a name.
_NOT_NAME_WORDS = """
    Council Borough Ward Party Street Road Lane Square Committee Government
    Parliament Commons House Office Department Trust School Primary Hospital Market
    Park Centre Church Mosque Town City County Group Association Union Election
    Elections Court Police News Times Post Live Act Bill Budget Cabinet Ministry
    Minister Secretary Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April June July August September October November
    December
"""
OPENERS = frozenset(_OPENERS.split())
NOT_NAME_WORDS = frozenset(_NOT_NAME_WORDS.split())
SHORTEST_NAME, LONGEST_NAME = 2, 4
# How many words an apposition may hold between its article and its role word.
APPOSITION_WORDS = 4
# How many words and marks either side of a name the context shows.
CONTEXT_WORDS = 8
CONTEXT_LENGTH = LinkSuggestion._meta.get_field("context").max_length
CUE_LENGTH = LinkSuggestion._meta.get_field("cue").max_length
NAME_LENGTH = LinkSuggestion._meta.get_field("name").max_length
WORD_JOINERS = "'-"
# A word ("[^\W_]" is a letter or digit, as str.isalnum() has it), or one mark that is
# not a space, or a line break.
TOKEN = re.compile(rf"([^\W_]+(?:[{WORD_JOINERS}][^\W_]+)*)|\n|[^\s]")
# A title or role word standing alone: a line without one holds nothing to suggest.
CUE = re.compile(rf"(?<![^\W_])(?:{'|'.join(sorted(TITLES | ROLES))})(?![^\W_])")


class SuggestionError(Exception):
    """A decision could not be made. The message is written for the editor who asked."""


class NotPermitted(SuggestionError, PermissionDenied):
    """The user may not decide suggestions (reporters may only read the queue)."""


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    word: bool


@dataclass(frozen=True)
class Found:
    """One name to suggest: the name, the words around it, and the cue that marked it."""

    name: str
    context: str
    cue: str


# --- Finding --------------------------------------------------------------------------


def _tokens(text: str) -> list[_Token]:
    """Words (letters and digits, with inner apostrophes and hyphens) and single marks.

    Line breaks are kept as marks, since a name never runs across one. Every cue is a
    title or a role word, and nothing is looked for across a line break, so the words
    of a line holding neither are left out: most of a story's lines, most of its cost.
    `TOKEN` and `CUE` cannot backtrack: a word's every repetition starts with a joiner,
    which is not a letter, and `CUE` is a list of plain words.
    """
    tokens, position, length = [], 0, len(text)
    while position <= length:
        end = text.find("\n", position)
        if end < 0:
            end = length
        if CUE.search(text, position, end):
            tokens += [
                _Token(match[0], match.start(), match.end(), match.lastindex == 1)
                for match in TOKEN.finditer(text, position, end)
            ]
        if end < length:
            tokens.append(_Token("\n", end, end + 1, False))
        position = end + 1
    return tokens


def _capitalised(token: _Token) -> bool:
    """A word that can be part of a name: "Smithson", "O'Neill", not "MP" or "council"."""
    text = token.text
    return token.word and text[0].isupper() and len(text) > 1 and not text.isupper()


def _starts_sentence(tokens: list[_Token], index: int) -> bool:
    previous = index - 1
    while previous >= 0 and tokens[previous].text in "\"'‘“([":
        previous -= 1
    return previous < 0 or tokens[previous].text in ".!?:\n"


def _bare(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word


class _Scanner:
    """One pass over a text's tokens, yielding each cued name once."""

    def __init__(self, text: str, linker: EntityLinker):
        self.text = APOSTROPHES(text)
        self.tokens = _tokens(self.text)
        self.linker = linker
        self.named = bytearray(len(self.text))
        for start, end in linker.named_spans(self.text):
            self.named[start:end] = b"\x01" * (end - start)

    def names(self) -> Iterator[Found]:
        tokens = self.tokens
        index = 0
        while index < len(tokens):
            if not _capitalised(tokens[index]):
                index += 1
                continue
            end = self._run_end(index)
            found = self._cued_name(index, end)
            if found:
                yield found
            index = end

    def _run_end(self, start: int) -> int:
        """Where the run of capitalised words starting at `start` ends (exclusive)."""
        end = start + 1
        while (
            end < len(self.tokens)
            and _capitalised(self.tokens[end])
            and self.tokens[end - 1].text[-2:] != "'s"
            and self.text[self.tokens[end - 1].end : self.tokens[end].start].isspace()
        ):
            end += 1
        return end

    def _cued_name(self, start: int, end: int) -> Found | None:
        tokens = self.tokens
        cues = []
        # A title inside the run: the name is what follows the last one.
        for index in range(end - 1, start - 1, -1):
            if tokens[index].text in TITLES:
                cues.append(tokens[index].text)
                start = index + 1
                break
        else:
            before = self._role_before(start)
            if before:
                cues.append(before)
        start = self._drop_openers(start, end)
        if not (SHORTEST_NAME <= end - start <= LONGEST_NAME):
            return None
        words = [token.text for token in tokens[start:end]]
        words[-1] = _bare(words[-1])
        after = self._role_after(end)
        if after:
            cues.append(after)
        if not cues or any(word in NOT_NAME_WORDS for word in words):
            return None
        name = " ".join(words)
        if len(name) > NAME_LENGTH or self._on_file(name, start, end):
            return None
        return Found(name, self._context(start, end), "; ".join(cues)[:CUE_LENGTH])

    def _on_file(self, name: str, start: int, end: int) -> bool:
        """Known to the linker, or part of a longer name it matched in the text."""
        span = self.named[self.tokens[start].start : self.tokens[end - 1].end]
        return any(span) or self.linker.knows(name)

    def _role_before(self, start: int) -> str:
        """A role word (or a title and a full stop) just before the name."""
        tokens, index = self.tokens, start - 1
        if index >= 1 and tokens[index].text == "." and tokens[index - 1].text in TITLES:
            return tokens[index - 1].text  # "Dr. Amina Begum"
        if index >= 0 and tokens[index].text == ",":
            index -= 1
            where = self._role_for_place(index)
            if where:
                return where
        if index < 0 or tokens[index].text not in ROLES:
            return ""
        if index >= 1 and tokens[index - 1].word:
            return f"{tokens[index - 1].text} {tokens[index].text}"  # "independent candidate"
        return tokens[index].text

    def _role_for_place(self, end: int) -> str:
        """ "candidate for Stepney Green" ending at `end`, before a comma and the name."""
        tokens, index = self.tokens, end
        while index >= 0 and end - index < LONGEST_NAME and _capitalised(tokens[index]):
            index -= 1
        if index == end or index < 1 or tokens[index].text not in ("for", "in", "of"):
            return ""
        if tokens[index - 1].text not in ROLES:
            return ""
        return " ".join(token.text for token in tokens[index - 1 : end + 1])

    def _role_after(self, end: int) -> str:
        """ "MP" just after the name, or an apposition ending in a role word."""
        tokens = self.tokens
        if end < len(tokens) and tokens[end].text == "MP":
            return "MP"
        if end + 1 >= len(tokens) or tokens[end].text != ",":
            return ""
        first = tokens[end + 1]
        if not (first.text in ARTICLES or first.text.endswith("'s")):
            return ""
        for index in range(end + 2, min(end + 3 + APPOSITION_WORDS, len(tokens))):
            token = tokens[index]
            if not token.word:
                return ""
            if token.text in ROLES:
                return " ".join(t.text for t in tokens[end + 1 : index + 1])
        return ""

    def _drop_openers(self, start: int, end: int) -> int:
        """Skip ordinary words opening a sentence, and parties or places, at the front."""
        while start < end and self._not_name_front(start, end):
            start += 1
        return start

    def _not_name_front(self, start: int, end: int) -> bool:
        word = _bare(self.tokens[start].text)
        if word in OPENERS:
            return _starts_sentence(self.tokens, start) or word in ("Independent", "Former")
        return end - start > SHORTEST_NAME and self.linker.knows(word)

    def _context(self, start: int, end: int) -> str:
        """A few words and marks either side of the name, within its paragraph."""
        tokens, first, last = self.tokens, start, end - 1
        while first > 0 and start - first < CONTEXT_WORDS and tokens[first - 1].text != "\n":
            first -= 1
        while (
            last + 1 < len(tokens)
            and last - end < CONTEXT_WORDS - 1
            and tokens[last + 1].text != "\n"
        ):
            last += 1
        return " ".join(self.text[tokens[first].start : tokens[last].end].split())[:CONTEXT_LENGTH]


def find_suggestions(text: str, *, linker: EntityLinker) -> list[Found]:
    """The cued names in `text` the linker cannot match, each once, first mention first."""
    found: dict[str, Found] = {}
    for name in _Scanner(text, linker).names():
        found.setdefault(name.name, name)
    return list(found.values())


# --- Recording ------------------------------------------------------------------------


def record_suggestions(
    article: Article, *, linker: EntityLinker, pictures: Iterable[Picture] | None = None
) -> list[Found]:
    """Suggest the story's cued, unknown names; drop pending ones no longer in it.

    Two queries and a read of the pictures: one delete, one insert that skips names
    already suggested (whatever their status), so a rejected name stays rejected.
    """
    found = find_suggestions(linkable_text(article, pictures), linker=linker)
    with transaction.atomic():
        LinkSuggestion.objects.filter(article=article, status=Status.PENDING).exclude(
            name__in=[item.name for item in found]
        ).delete()
        _insert((article, item) for item in found)
    return found


def record_new_suggestions(found: Iterable[tuple[Article, list[Found]]]) -> None:
    """Suggestions for stories just created (an import batch): one insert for them all.

    `found` pairs each story with its `find_suggestions`.
    """
    _insert((article, item) for article, items in found for item in items)


def _insert(rows: Iterable[tuple[Article, Found]]) -> None:
    suggestions = [
        LinkSuggestion(article=article, name=item.name, context=item.context, cue=item.cue)
        for article, item in rows
    ]
    if suggestions:
        LinkSuggestion.objects.bulk_create(suggestions, ignore_conflicts=True, batch_size=500)


# --- Deciding -------------------------------------------------------------------------


def may_decide(user) -> bool:
    """Editors decide: they may change people and stories. Reporters only read the queue."""
    return user.is_active and user.has_perms(DECIDE_PERMISSIONS)


def accept_as_new_person(
    suggestion: LinkSuggestion, *, user, name: str = "", now: datetime | None = None
) -> Person:
    """Create the person (named `name`, or as suggested) and link the story to them."""
    _check(suggestion, user)
    name = " ".join((name or suggestion.name).split())
    if not name:
        raise SuggestionError("Give the new person a name.")
    with transaction.atomic():
        person = Person(name=name, slug=unique_person_slug(name))
        person.full_clean()
        person.save()
        _accept(suggestion, person, user=user, now=now)
    return person


def accept_as_person(
    suggestion: LinkSuggestion, person: Person, *, user, now: datetime | None = None
) -> Person:
    """Link the story to `person`, adding the suggested name to their aliases if new."""
    _check(suggestion, user)
    with transaction.atomic():
        if suggestion.name not in person.names:
            person.aliases = [*person.aliases, suggestion.name]
            person.save(update_fields=["aliases"])
        _accept(suggestion, person, user=user, now=now)
    return person


def reject(suggestion: LinkSuggestion, *, user, now: datetime | None = None) -> None:
    """Not a person to link: the name is never suggested for this story again."""
    _check(suggestion, user)
    _decide(suggestion, Status.REJECTED, user=user, now=now)


def unique_person_slug(name: str) -> str:
    """The name's slug, with "-2", "-3"... if taken: one query."""
    field = Person._meta.get_field("slug")
    base = (slugify(name) or "person")[: field.max_length - 4].strip("-")
    taken = set(Person.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _check(suggestion: LinkSuggestion, user) -> None:
    if not may_decide(user):
        raise NotPermitted("Only an editor may accept or reject a suggested name.")
    if suggestion.status != Status.PENDING:
        raise SuggestionError(
            f"“{suggestion.name}” was {suggestion.get_status_display().lower()} already."
        )


def _accept(suggestion: LinkSuggestion, person: Person, *, user, now: datetime | None) -> None:
    """Link the story to `person` as an editor would in the admin, then record the decision.

    The link is saved through the ORM, so the signals that follow any link saved in the
    admin bring the coverage index and the page cache up to date.
    """
    article = suggestion.article
    only_them = EntityLinker(people=[person], parties=[], constituencies=[])
    mentions = max(1, only_them.find_mentions(linkable_text(article)).people.get(person.pk, 0))
    link = ArticlePerson.objects.filter(article=article, person=person).first()
    if link is None:
        link = ArticlePerson(article=article, person=person)
    link.origin = EntityLink.Origin.EDITOR
    link.mentions = max(link.mentions or 0, mentions) if link.pk else mentions
    link.save()
    suggestion.person = person
    _decide(suggestion, Status.ACCEPTED, user=user, now=now)


def _decide(suggestion: LinkSuggestion, status: str, *, user, now: datetime | None) -> None:
    suggestion.status = status
    suggestion.decided_by = user
    suggestion.decided_at = now or timezone.now()
    suggestion.save(update_fields=["status", "person", "decided_by", "decided_at"])
