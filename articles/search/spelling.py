"""Spelling: which known word a reader probably meant. Pure: no ORM, no database.

Policy
------
1. Only the words the reader wants found are read (not `or`, not words left out), at
   most MAX_CORRECTED of them, longest first, and only words of MIN_LENGTH letters or
   more: a short word has too many neighbours to guess from.
2. A word is known, and left alone, when a candidate is the word itself.
3. Otherwise the candidate nearest by edit distance (Damerau-Levenshtein: a swap of two
   neighbouring letters is one edit, as is an insertion, deletion or substitution)
   replaces it, if it is near enough: one edit for words under LONG_WORD letters, two
   from then on. Ties go to the candidate in more stories, then the alphabet.
4. The corrected word is written as the name or headline writes it, in lower case if
   the reader typed the word in lower case.

Where candidates come from, and why a suggestion never offers a word only drafts
contain, is `articles.search.suggestions`' business.
"""

from dataclasses import dataclass

from .entities import fold
from .query import clean, wanted_words

MIN_LENGTH = 4
LONG_WORD = 8
MAX_CORRECTED = 3
# Words longer than this are never corrected (nor compared): no real word is, and
# the distance costs the product of the two lengths.
MAX_WORD_LENGTH = 30


@dataclass(frozen=True)
class Candidate:
    """A known word as written, and in how many stories (or names) it appears."""

    written: str
    weight: int = 1


def allowed_edits(word: str) -> int:
    if len(word) < MIN_LENGTH or len(word) > MAX_WORD_LENGTH:
        return 0
    return 1 if len(word) < LONG_WORD else 2


def distance(first: str, second: str, *, limit: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), or limit + 1 if over it.

    Two rows of the table at a time, stopping as soon as a whole row exceeds `limit`;
    words over MAX_WORD_LENGTH are over the limit without being read.
    """
    over = limit + 1
    if abs(len(first) - len(second)) > limit or max(len(first), len(second)) > MAX_WORD_LENGTH:
        return over
    before: list[int] = []
    previous = list(range(len(second) + 1))
    for i in range(1, len(first) + 1):
        current = [i] + [0] * len(second)
        for j in range(1, len(second) + 1):
            value = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (first[i - 1] != second[j - 1]),
            )
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return over
        before, previous = previous, current
    return min(previous[-1], over)


def nearest(word: str, candidates: dict[str, Candidate]) -> Candidate | None:
    """The candidate the reader probably meant by `word` (folded), or None (rule 2, 3)."""
    if word in candidates:
        return None
    limit = allowed_edits(word)
    if not limit:
        return None
    best: tuple[int, int, str] | None = None
    found = None
    for known, candidate in candidates.items():
        edits = distance(word, known, limit=limit)
        if edits > limit:
            continue
        key = (edits, -candidate.weight, known)
        if best is None or key < best:
            best, found = key, candidate
    return found


def words_to_correct(text: str) -> list[str]:
    """The folded words worth a correction (rule 1), longest first."""
    cleaned = clean(text)
    words = {fold(cleaned[start:end]) for start, end in wanted_words(text)}
    ranked = sorted((word for word in words if allowed_edits(word)), key=lambda w: (-len(w), w))
    return ranked[:MAX_CORRECTED]


def corrected(text: str, corrections: dict[str, str]) -> str:
    """The reader's query with each corrected word replaced (rule 4), the rest as typed."""
    cleaned = clean(text)
    parts, last = [], 0
    for start, end in wanted_words(text):
        typed = cleaned[start:end]
        written = corrections.get(fold(typed))
        if written is None:
            continue
        if typed.islower():
            written = written.lower()
        elif typed[0].isupper():
            written = written[0].upper() + written[1:]
        parts += [cleaned[last:start], written]
        last = end
    parts.append(cleaned[last:])
    return "".join(parts)
