"""Storing the rights of reply an imported story states, found by `replies.find_reply_requests`.

Who was asked ("Mr Ali", "LBC") becomes a person on file when the entity linker, reading
the story, would link that phrase to exactly one person; otherwise it is kept as written,
as the organisation. The phrase is read in the story's context: after the names the
linker matches in the story (`EntityLinker.named_spans`), so the surname rule works as
it does on the story itself. "Mr Ali" is Tahir Ali in a story that names Tahir Ali in
full, Rushanara Ali in one that names her, and nobody (kept as written) in one naming
both or neither; "Mr Hassan Ali" is never Rushanara Ali.

One row per person or organisation: sentences about the same one are joined, and the
last definite outcome (declined, replied) wins. `asked_on` is the date the sentence
gives, else the story's publication date in the newsroom's time zone.

Whose rows are these? ReplyRequest has no field saying whether the importer or an
editor made a row, so an import never deletes or changes one: a story that already has
rights of reply keeps them exactly as they are when it is imported again, and only a
story with none gets the ones its text states.
"""

from collections.abc import Iterable
from typing import NamedTuple

from django.utils import timezone

from articles import linking_cache
from articles.linking import EntityLinker, linkable_text
from articles.models import Article, Picture, ReplyRequest
from newsroom.text import APOSTROPHES

from .replies import MAX_STATEMENT, FoundReply, Outcome, find_reply_requests

# What the phrase is read after: a lower-case word, so that a capitalised first word of
# the phrase is not taken for the start of a sentence ("Sarah Wood" is not Andrew Wood).
LEAD_IN = "\n.\nwe asked "


def record_replies(
    article: Article,
    *,
    pictures: Iterable[Picture],
    new: bool,
    linker: EntityLinker | None = None,
) -> list[ReplyRequest]:
    """Store the story's stated rights of reply, unless it has some already (see above).

    At most two queries: whether it has any (not asked for a `new` story), and one insert.
    Without a `linker`, the process's current one (`articles.linking_cache`) is used,
    and only when the story states a right of reply.
    """
    if not new and article.reply_requests.exists():
        return []
    text = linkable_text(article, list(pictures))
    found = find_reply_requests(text)
    if not found:
        return []
    rows = _rows(article, text, found, linker or linking_cache.current_linker())
    return ReplyRequest.objects.bulk_create(rows)


def record_new_replies(
    stories: Iterable[tuple[Article, str]], *, linker: EntityLinker
) -> list[ReplyRequest]:
    """Rights of reply for stories just created (an import batch): one insert for them all.

    `stories` pairs each story with its `linking.linkable_text`.
    """
    rows = []
    for article, text in stories:
        found = find_reply_requests(text)
        if found:
            rows += _rows(article, text, found, linker)
    return ReplyRequest.objects.bulk_create(rows) if rows else []


def _rows(
    article: Article, text: str, found: list[FoundReply], linker: EntityLinker
) -> list[ReplyRequest]:
    context = _named_in(text, linker)
    published = article.published_at and timezone.localdate(article.published_at)
    rows: dict[tuple, ReplyRequest] = {}
    for reply in found:
        person = _person(reply.asked, context, linker)
        key = ("person", person) if person else ("organisation", reply.asked.casefold())
        row = rows.get(key)
        if row is None:
            rows[key] = ReplyRequest(
                article=article,
                person_id=person,
                organisation="" if person else reply.asked,
                asked_on=reply.asked_on or published or None,
                outcome=reply.outcome.value,
                statement=reply.statement,
            )
            continue
        joined = f"{row.statement} {reply.statement}"
        if len(joined) <= MAX_STATEMENT:
            row.statement = joined
        if reply.outcome is not Outcome.AWAITING:
            row.outcome = reply.outcome.value
    return list(rows.values())


class _Context(NamedTuple):
    """The names the linker matches in a story, and the people they count, read once."""

    text: str
    people: dict[int, int]


def _named_in(text: str, linker: EntityLinker) -> _Context:
    translated = APOSTROPHES(text)  # named_spans counts in this text
    names = "\n.\n".join(translated[start:end] for start, end in linker.named_spans(text))
    return _Context(names, linker.find_mentions(names).people)


def _person(asked: str, context: _Context, linker: EntityLinker) -> int | None:
    """The one person the linker links for `asked` read after the story's names, or None."""
    people = linker.find_mentions(f"{context.text}{LEAD_IN}{asked}").people
    added = [pk for pk, count in people.items() if count > context.people.get(pk, 0)]
    return added[0] if len(added) == 1 else None
