""" "Did you mean": a corrected query, offered when a search finds few stories.

Which words are corrected, and to what, is `spelling.py`'s policy. The known words
come from two places:

- every word of every person's, party's and place's names and aliases, read once per
  page already (`EntityIndex.words`): "Galoway" offers "Galloway";
- the words of headlines near the typed one, read by an index, never the archive:
  on PostgreSQL, the TITLES_READ published headlines nearest the word by pg_trgm's
  word similarity, nearest first (the GiST trigram index `articles_article_title_trgm`,
  migration 0016);
  on SQLite, the fts5vocab table over the headline index: words starting with the
  typed word's first two letters, of a length within the edits allowed, at most
  VOCABULARY_READ of them. Other databases offer names only.

A draft's word is never offered. The SQLite vocabulary holds every story's headline,
drafts and scheduled stories included (a trigger cannot know when a story goes
out), so nothing here trusts it: the corrected query is counted against published
stories (with the reader's filters), and offered only if it finds more stories than
the reader's did, or names someone the reader's did not. A query of words that must
all appear can only find stories holding every word, so a count above zero vouches
for each word offered. That is why a query with `or` or a left-out term gets no
suggestion: there a count cannot vouch for every word.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import F, FloatField, Func, Value

from ..querysets import ArticleQuerySet
from .entities import EntityIndex, EntityMatches, fold
from .query import APOSTROPHES, WORD, has_operators
from .spelling import Candidate, allowed_edits, corrected, nearest, words_to_correct
from .sqlite_index import VOCABULARY

# A search finding fewer stories than this gets a suggestion, if there is a better one.
FEW_STORIES = 3
TITLES_READ = 200
VOCABULARY_READ = 500

VOCABULARY_NEAR = f"""
SELECT term, doc FROM {VOCABULARY}
WHERE term >= %s AND term < %s AND length(term) BETWEEN %s AND %s
LIMIT %s
"""


@dataclass(frozen=True)
class Suggestion:
    """The corrected query, how many stories it finds, and whom it names."""

    text: str
    count: int
    entities: EntityMatches


def suggest(
    text: str,
    *,
    found: int,
    matched: EntityMatches,
    names: EntityIndex,
    articles: ArticleQuerySet,
    count: Callable[[str], int],
) -> Suggestion | None:
    """A better query than `text`, which found `found` stories and `matched`, or None.

    `articles` are the stories the reader may see (published, filtered); `count`
    counts the stories a query finds among them.
    """
    if found >= FEW_STORIES or has_operators(text):
        return None
    known_names = {word: Candidate(written) for word, written in names.words().items()}
    corrections = {}
    for word in words_to_correct(text):
        if word in known_names:
            continue
        candidates = {**headline_words(word, articles), **known_names}
        choice = nearest(word, candidates)
        if choice is not None:
            corrections[word] = choice.written
    if not corrections:
        return None
    offered = corrected(text, corrections)
    offered_count = count(offered)
    offered_entities = names.match(offered)
    better = offered_count > found or (offered_entities and not matched)
    return Suggestion(offered, offered_count, offered_entities) if better else None


def headline_words(word: str, articles: ArticleQuerySet) -> dict[str, Candidate]:
    """Headline words that might be what `word` (folded) meant, by the database's index."""
    vendor = connections[articles.db].vendor
    if vendor == "postgresql":
        return _trigram_words(word, articles)
    if vendor == "sqlite":
        return _vocabulary_words(word, articles.db)
    return {}


def _trigram_words(word: str, articles: ArticleQuerySet) -> dict[str, Candidate]:
    # The GiST trigram index hands over the headlines nearest the word, nearest first,
    # skipping those readers cannot see, and stops at TITLES_READ: the planner always
    # takes this plan for a nearest-first read with a limit.
    titles = (
        articles.alias(distance=HeadlineDistance(F("title"), Value(word)))
        .order_by("distance")
        .values_list("title", flat=True)[:TITLES_READ]
    )
    limit = allowed_edits(word)
    seen: Counter[str] = Counter()
    written: dict[str, str] = {}
    for title in titles:
        for typed in set(WORD.findall(title.translate(APOSTROPHES))):
            if abs(len(typed) - len(word)) <= limit:
                folded = fold(typed)
                seen[folded] += 1
                written.setdefault(folded, typed)
    return {folded: Candidate(written[folded], weight) for folded, weight in seen.items()}


class HeadlineDistance(Func):
    """`title <->> word`: 1 - pg_trgm's word similarity, indexed column first so the GiST
    index (migration 0016) can read headlines in this order."""

    template = "%(expressions)s"
    arg_joiner = " <->> "
    output_field = FloatField()


def _vocabulary_words(word: str, using: str) -> dict[str, Candidate]:
    prefix = word[:2]
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    limit = allowed_edits(word)
    with connections[using].cursor() as cursor:
        cursor.execute(
            VOCABULARY_NEAR,
            [prefix, after, len(word) - limit, len(word) + limit, VOCABULARY_READ],
        )
        return {term: Candidate(term, stories) for term, stories in cursor.fetchall()}
