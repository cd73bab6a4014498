"""What a reader typed, made safe for each search engine.

Readers get the syntax of web search engines, the same on every database:
words must all appear (in any form the engine's stemmer relates), "quoted words"
must appear together, `or` between terms means either will do, and a leading
minus leaves a term out. A hyphenated word is found written any of the ways
papers write it: "by-election" finds "by-election", "by election" and
"byelection". Apostrophes are all one: "Labour’s" (a typographic apostrophe, or
the modifier letter some keyboards send) finds what "Labour's" finds, and the
engines index every kind the same way (migration 0014). Everything else is
punctuation and is dropped; nothing a reader types ever reaches a database as
query syntax. A query that leaves no term to look for (only punctuation, only
minus terms) finds nothing, without asking the database.

This module is pure: no ORM, no database.
"""

import re
import unicodedata
from dataclasses import dataclass

# Long enough for any real search; a pasted paragraph is cut here, between words.
MAX_QUERY_LENGTH = 200
# Words past this many are ignored: each one adds work for the engine.
MAX_TERMS = 16

# Letters and digits: the characters both engines' tokenisers keep in a word.
WORD = re.compile(r"[^\W_]+")
# A quoted phrase (the closing quote may be missing), or a run of anything else.
CHUNK = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
# Hyphens and the dashes people type for them inside a word.
HYPHENS = frozenset("-\u2010\u2011\u2012\u2013")
# Characters typed or stored for an apostrophe, read as "'". U+02BC is a letter to
# Unicode, so without this "Labourʼs" would be one word.
APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u02bc\u2032\uff07\u0060\u00b4", "'"))
# A word written closed up ("byelection") is looked for only for this many hyphenated
# words in a query: each one doubles the alternatives the engine is asked for.
MAX_HYPHENATED = 3


@dataclass(frozen=True)
class Term:
    """A word, or words that must appear together, perhaps to be left out."""

    words: tuple[str, ...]
    excluded: bool = False

    @property
    def quoted(self) -> str:
        """The words in double quotes: a phrase to both engines, never an operator.

        Words hold only letters and digits, so nothing can close the quotes early.
        """
        return '"' + " ".join(self.words) + '"'


@dataclass(frozen=True)
class ParsedQuery:
    """A reader's query as alternatives (joined by `or`), each a list of terms."""

    alternatives: tuple[tuple[Term, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.alternatives)

    @property
    def words(self) -> list[str]:
        """Every word to look for, in order, without the ones left out."""
        return [
            word
            for terms in self.alternatives
            for term in terms
            if not term.excluded
            for word in term.words
        ]

    @property
    def websearch(self) -> str:
        """The query again for PostgreSQL's websearch_to_tsquery, cleaned and capped."""
        return " or ".join(
            " ".join(("-" if term.excluded else "") + term.quoted for term in terms)
            for terms in self.alternatives
        )

    @property
    def fts5(self) -> str:
        """The same query in SQLite FTS5 syntax, every word inside quotes."""
        return " OR ".join(_fts5_alternative(terms) for terms in self.alternatives)


def parse(text: str) -> ParsedQuery:
    """Read a reader's query. Never raises, whatever the input."""
    # Each alternative is a list of slots; a slot is the ways one term may be written.
    alternatives: list[list[list[Term]]] = [[]]
    word_count = hyphenated = 0
    for match in CHUNK.finditer(clean(text)):
        minus, phrase, bare_minus, bare = match.groups()
        if bare is not None and bare.casefold() == "or" and not bare_minus:
            alternatives.append([])
            continue
        words = tuple(WORD.findall(phrase if bare is None else bare))
        if not words or word_count + len(words) > MAX_TERMS:
            continue
        word_count += len(words)
        excluded = bool(minus or bare_minus)
        ways = [Term(words, excluded=excluded)]
        if bare is not None and hyphenated < MAX_HYPHENATED and _is_hyphenated(bare, words):
            hyphenated += 1
            ways.append(Term(("".join(words),), excluded=excluded))
        if excluded:
            # Leaving a word out means leaving out every way of writing it.
            alternatives[-1].extend([way] for way in ways)
        else:
            alternatives[-1].append(ways)
    kept = tuple(
        terms
        for slots in alternatives
        for terms in _spelled_out(slots)
        if any(not term.excluded for term in terms)
    )
    return ParsedQuery(kept)


def wanted_words(text: str) -> list[tuple[int, int]]:
    """Where each word the reader wants found lies in `clean(text)`, as (start, end).

    Words of terms left out ("-word") are not wanted; nor is `or`. At most MAX_TERMS.
    """
    spans: list[tuple[int, int]] = []
    cleaned = clean(text)
    for match in CHUNK.finditer(cleaned):
        minus, phrase, bare_minus, bare = match.groups()
        if minus or bare_minus or (bare is not None and bare.casefold() == "or"):
            continue
        start = match.start(2) if bare is None else match.start(4)
        spans += [
            (start + word.start(), start + word.end())
            for word in WORD.finditer(phrase if bare is None else bare)
        ]
    return spans[:MAX_TERMS]


def has_operators(text: str) -> bool:
    """Whether the query uses `or` or leaves a term out: alternatives a count cannot vouch for."""
    for match in CHUNK.finditer(clean(text)):
        minus, _, bare_minus, bare = match.groups()
        if minus or bare_minus or (bare is not None and bare.casefold() == "or"):
            return True
    return False


def _is_hyphenated(chunk: str, words: tuple[str, ...]) -> bool:
    """Words joined by hyphens only ("by-election"), not other punctuation ("don't")."""
    return (
        len(words) > 1
        and len(chunk) == sum(map(len, words)) + len(words) - 1
        and all(char in HYPHENS for char in chunk if not char.isalnum())
    )


def _spelled_out(slots: list[list[Term]]) -> list[tuple[Term, ...]]:
    """Every combination of the ways each slot may be written, as plain lists of terms."""
    combinations: list[tuple[Term, ...]] = [()]
    for ways in slots:
        combinations = [terms + (way,) for terms in combinations for way in ways]
    return combinations


def clean(text: str) -> str:
    """Printable text only, cut to length at a space: NUL and friends break databases.

    Only the start of a long paste is read at all, so the work is bounded whatever
    the length of what was sent.
    """
    text = unicodedata.normalize("NFC", text[: MAX_QUERY_LENGTH * 4]).translate(APOSTROPHES)
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in text)
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
    return text


def _fts5_alternative(terms: tuple[Term, ...]) -> str:
    wanted = " ".join(term.quoted for term in terms if not term.excluded)
    unwanted = "".join(f" NOT {term.quoted}" for term in terms if term.excluded)
    return f"({wanted}){unwanted}"
