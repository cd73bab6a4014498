"""Authors: the people a story's byline names, kept in step with the byline as written.

The byline stays exactly as the reporter or the import wrote it; what is read from it
is the list of people who wrote the story, each an `Author` with a page of their own.

How a byline is read
--------------------
One pass over its characters, no regular expression:

- It is cut into parts at `,` `;` `&` `/` `|` `(` `)` `:` and at the words "and",
  "with" and "by" (any case), so "By Jane Smith and John Doe", "Jane Smith & John
  Doe" and "Words by Jane Smith" all come apart at the right places.
- In each part, a name is the run of name words it starts with. A name word begins
  with a capital letter and holds only letters, apostrophes, hyphens and full stops
  ("O'Brien", "Smith-Jones", "J."); between two name words a lowercase particle may
  stand ("Ursula von der Leyen"). The run ends at the first other word, so "Jane Smith
  in Westminster" is Jane Smith.
- A name is a person only with two to five words. One word ("Reuters", "Staff") may
  be an agency or a desk as easily as a person, so it is never taken for one.

What is not a person
--------------------
Conservatively, anything that might be a desk, an agency or a job title is not a
person, and the byline stays plain text there: a run may not begin with, and ends at,
a word such as "Staff", "Reporter", "Editor", "Correspondent", "Newsroom", "Agencies",
"Press" or "News" (`NOT_NAME_WORDS`), so "Staff reporter", "Newsroom staff",
"Political Editor" and "Press Association" name no one, and "Jane Smith, Political
Editor" names only Jane Smith. A word of two or more capitals with no full stops
("PA", "AP", "BBC", "JANE") is an acronym, not a name. A byline this misses is shown
as written, unlinked: a missed author costs a link, a wrong one would credit a desk
as a person.

Keeping in step
---------------
`sync_authors(article)` makes the story's `ArticleAuthor` rows the byline's authors,
in the byline's order: the same name is the same author, and a new name becomes an
author with a slug of its own (numbered if taken). Authors are never deleted here: an
author whose stories all stopped naming them simply has no page (pages list only
published stories), and an editor's changes to them are kept. `sync_new_authors` does
the same for stories created together by the importer, in a fixed number of queries
for the batch. Both write without signals; their callers refresh coverage.
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.text import slugify

from newsroom.text import xml_safe

from .models import Article, ArticleAuthor, Author

# Characters that end one part of a byline and start the next.
SEPARATORS = frozenset(",;&/|():\n\r\t")
# Words that end one part of a byline and start the next (compared in lower case).
JOINING_WORDS = frozenset({"and", "with", "by"})
# Lowercase words that may stand between two name words.
PARTICLES = frozenset(
    {"de", "del", "della", "der", "den", "di", "da", "du", "la", "le", "van", "von", "bin"}
    | {"ibn", "al", "el", "ter", "ten", "dos", "das", "y"}
)
# Words that mark a desk, an agency or a job title rather than a person (lower case).
NOT_NAME_WORDS = frozenset(
    {"staff", "reporter", "reporters", "editor", "editors", "correspondent"}
    | {"correspondents", "writer", "writers", "journalist", "journalists", "columnist"}
    | {"contributor", "contributors", "team", "desk", "newsroom", "agency", "agencies"}
    | {"association", "press", "news", "media", "service", "wire", "wires", "bureau"}
    | {"reuters", "bloomberg", "political", "chief", "deputy", "senior", "editorial"}
    | {"local", "democracy", "reporting", "analysis", "comment", "opinion", "guest"}
    | {"our", "the", "online", "digital", "live", "photographer", "partnership"}
)
MIN_NAME_WORDS = 2
MAX_NAME_WORDS = 5
SLUG_LENGTH = 200
SLUG_TRIES = 20


@dataclass(frozen=True)
class Name:
    """A person named in a byline: the name, and where it stands in the byline."""

    text: str
    start: int
    end: int


# --- Reading a byline ------------------------------------------------------------------


def names_in(byline: str) -> list[Name]:
    """The people a byline names, in its order, each once (see the module docstring)."""
    names, seen = [], set()
    for part in _parts(byline):
        name = _leading_name(byline, part)
        if name is not None and name.text not in seen:
            seen.add(name.text)
            names.append(name)
    return names


def author_names(byline: str) -> list[str]:
    return [name.text for name in names_in(byline)]


def _words(text: str) -> Iterable[tuple[int, int] | None]:
    """Each word's (start, end) in `text`, and None where a separator stands."""
    start = None
    for index, char in enumerate(text):
        if char in SEPARATORS or char.isspace():
            if start is not None:
                yield start, index
                start = None
            if char in SEPARATORS:
                yield None
        elif start is None:
            start = index
    if start is not None:
        yield start, len(text)


def _parts(text: str) -> Iterable[list[tuple[int, int]]]:
    """The words of each part of the byline, cut at separators and joining words."""
    part: list[tuple[int, int]] = []
    for word in _words(text):
        if word is None or text[word[0] : word[1]].lower() in JOINING_WORDS:
            if part:
                yield part
            part = []
        else:
            part.append(word)
    if part:
        yield part


def _leading_name(text: str, part: list[tuple[int, int]]) -> Name | None:
    """The name that `part` starts with, if it is a person's."""
    run: list[tuple[int, int]] = []
    for start, end in part:
        word = text[start:end]
        if is_name_word(word) or run and word in PARTICLES:
            run.append((start, end))
        else:
            break
    while run and text[run[-1][0] : run[-1][1]] in PARTICLES:
        run.pop()
    words = [_without_stop(text[start:end]) for start, end in run]
    if not MIN_NAME_WORDS <= len(words) <= MAX_NAME_WORDS:
        return None
    end = run[-1][0] + len(words[-1])
    return Name(xml_safe(" ".join(words)), run[0][0], end)


def is_name_word(word: str) -> bool:
    """A capitalised word of letters, apostrophes, hyphens and stops; no acronym or title."""
    if not word[0].isupper() or not word[0].isalpha():
        return False
    if any(not (char.isalpha() or char in "'’-.") for char in word):
        return False
    letters = [char for char in word if char.isalpha()]
    if len(letters) > 1 and "." not in word and all(char.isupper() for char in letters):
        return False
    return _without_stop(word).lower() not in NOT_NAME_WORDS


def _without_stop(word: str) -> str:
    """A word without the full stop that ends a sentence ("Smith."), initials kept ("J.")."""
    if word.endswith(".") and sum(char.isalpha() for char in word) > 1 and "." not in word[:-1]:
        return word[:-1]
    return word


# --- Showing a byline ------------------------------------------------------------------


@dataclass(frozen=True)
class BylinePart:
    """A piece of a byline as written, and the author it names (None for plain text)."""

    text: str
    author: Author | None = None


def byline_parts(article: Article) -> list[BylinePart]:
    """The byline as written, each author's name paired with the author.

    The byline's k-th name is the story's author at position k, as `sync_authors`
    recorded them; read from `for_listing()`'s or `for_detail()`'s prefetch. A byline
    that no longer matches its authors (changed without a save) is plain text.
    """
    byline = article.byline
    if not byline:
        return []
    if article.pk is None:
        # A story drawn before its first save (a live preview) has no authors yet.
        return [BylinePart(byline)]
    authors = [link.author for link in article.article_authors.all()]
    names = names_in(byline)
    if not authors or len(authors) != len(names):
        return [BylinePart(byline)]
    parts, done = [], 0
    for name, author in zip(names, authors, strict=True):
        if name.start > done:
            parts.append(BylinePart(byline[done : name.start]))
        parts.append(BylinePart(byline[name.start : name.end], author))
        done = name.end
    if done < len(byline):
        parts.append(BylinePart(byline[done:]))
    return parts


# --- Keeping authors in step -----------------------------------------------------------


def sync_authors(article: Article, *, created: bool = False) -> bool:
    """Make the story's authors the ones its byline names; True if they changed.

    One query when nothing changed (none for a new story without a byline); a change
    costs a read of the authors named, new authors' slugs and the writes.
    """
    names = author_names(article.byline)
    if created and not names:
        return False
    if not created:
        current = list(
            ArticleAuthor.objects.filter(article=article)
            .order_by("position")
            .values_list("author__name", flat=True)
        )
        if current == names:
            return False
    authors = authors_named(names)
    if not created:
        ArticleAuthor.objects.filter(article=article).delete()
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author=authors[name], position=position)
        for position, name in enumerate(names, start=1)
    )
    return True


def sync_new_authors(articles: Iterable[Article]) -> None:
    """`sync_authors` for stories just created together: four queries for the batch."""
    named = [(article, author_names(article.byline)) for article in articles]
    authors = authors_named(name for _, names in named for name in names)
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author=authors[name], position=position)
        for article, names in named
        for position, name in enumerate(names, start=1)
    )


def authors_named(names: Iterable[str]) -> dict[str, Author]:
    """The author of each name, created with a free slug where there is none yet.

    Three queries at most: the authors by name, the slugs taken, the new authors.
    """
    names = list(dict.fromkeys(names))
    if not names:
        return {}
    found = {author.name: author for author in Author.objects.filter(name__in=names)}
    missing = [name for name in names if name not in found]
    if missing:
        candidates = {name: slug_candidates(name) for name in missing}
        taken = set(
            Author.objects.filter(
                slug__in=[slug for slugs in candidates.values() for slug in slugs]
            ).values_list("slug", flat=True)
        )
        new = []
        for name in missing:
            slug = next((slug for slug in candidates[name] if slug not in taken), None)
            slug = slug or f"{candidates[name][0]}-{secrets.token_hex(4)}"
            taken.add(slug)
            new.append(Author(name=name, slug=slug))
        found |= {author.name: author for author in Author.objects.bulk_create(new)}
    return found


def slug_candidates(name: str) -> list[str]:
    """The slugs a new author may take, most wanted first."""
    base = slugify(name)[:SLUG_LENGTH].strip("-") or "author"
    return [base, *(f"{base}-{number}" for number in range(2, SLUG_TRIES + 2))]
