"""Importing files a batch at a time: new stories written together, the others one by one.

A batch is read first: each file is checked, hashed and named (`documents`), and one
query finds the stories already imported from those sources, and one the sources an
editor deleted. What happens to each file follows from that:

- its story exists and its bytes are unchanged: reported ``unchanged``, not parsed
  (``--force`` parses and saves it all the same);
- its story was deleted by an editor: ``skipped``, so a deleted story stays deleted
  (``--force`` imports it again and forgets the deletion);
- its story exists: updated through `saving.save_article`, in a transaction of its
  own, which also leaves a story an editor has changed alone;
- otherwise it is a new story. New stories are written together in one transaction,
  linked, indexed and recorded as revisions in a fixed number of queries for the whole
  batch, which is what lets an import of a large archive run at a steady rate. If that
  transaction fails, its stories are tried again one at a time, so the file at fault
  fails alone and the rest still import.

Nothing a file holds stops the run: whatever one file raises becomes its ``failed``
line (`failures`). Two files of one run naming the same source (the same ``id``, or
the same path under two folders imported together) would fight over one story: the
second fails, saying which file has it.

Every story written here is a revision (`articles.revisions`), linked to the entities
it mentions (`articles.linking`), and in the coverage index (`articles.coverage`).
"""

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import reversion
from django.db import DatabaseError, transaction
from django.utils import timezone

from articles import authors, coverage, page_cache, revisions, suggestions
from articles.linking import EntityLinker, linkable_text
from articles.models import Article, DeletedSource, Picture
from newsroom.dates import human_date

from .base import ParsedArticle
from .documents import Document, SourceFile, parse, read_document
from .failures import failures_of
from .reply_saving import record_new_replies
from .saving import Action, create_articles, save_article
from .text import one_line

BATCH_SIZE = 200

logger = logging.getLogger("articles.importers")


@dataclass(frozen=True)
class Outcome:
    """What became of one file: the action, the story's headline or the reason, and any
    problems an editor is told about in the review note (a picture not stored)."""

    path: Path
    action: Action
    detail: str = ""
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stored:
    """A story already imported, as the batch's one read sees it."""

    source_name: str
    source_hash: str
    title: str


@dataclass(frozen=True)
class Pending:
    """A file to parse and save, and what the batch knows of its story."""

    path: Path
    document: Document
    exists: bool
    # Names under which its story, or its deletion, was recorded; taken over or cleared.
    former_name: str = ""
    deletions: tuple[str, ...] = ()


class Run:
    """What one import run knows across its batches: the sources its files have claimed,
    and which bare file names its files use, so a file takes over a story stored under
    its former name only when no other file of the run could mean it."""

    def __init__(self, files: Iterable[SourceFile]):
        self.claimed: dict[str, Path] = {}
        self.relative_names = Counter(source.relative for source in files)

    def claim(self, document: Document) -> str:
        """Why the document may not have its source: empty when the source is its own."""
        other = self.claimed.setdefault(document.source_name, document.path)
        if other == document.path:
            return ""
        return (
            f"{other} in this import is the same story ({document.source_name}); "
            "import the folders on their own, or give each file its own id"
        )

    def may_take_over(self, source: SourceFile, document: Document) -> bool:
        if not document.former_name:
            return False
        others = self.relative_names[document.former_name] - (
            source.relative == document.former_name
        )
        return others == 0


def import_files(
    files: list[SourceFile], *, linker: EntityLinker, force: bool = False
) -> Iterable[list[Outcome]]:
    """Import `files` a batch at a time; yields each batch's outcomes, in file order."""
    run = Run(files)
    for start in range(0, len(files), BATCH_SIZE):
        yield import_batch(files[start : start + BATCH_SIZE], linker=linker, force=force, run=run)


def import_batch(
    files: list[SourceFile | Path], *, linker: EntityLinker, force: bool, run: Run | None = None
) -> list[Outcome]:
    sources = [SourceFile.named(f) if isinstance(f, Path) else f for f in files]
    run = run or Run(sources)
    outcomes: dict[Path, Outcome] = {}
    pending = _decide(list(_read_all(sources, run, outcomes)), force=force, outcomes=outcomes)
    parsed: list[tuple[Pending, ParsedArticle]] = []
    for item in pending:
        with failures_of(item.path) as failure:
            parsed.append((item, parse(item.document)))
        if failure:
            outcomes[item.path] = Outcome(item.path, Action.FAILED, failure.reason)
    new = [(item, article) for item, article in parsed if not item.exists]
    one_by_one = [(item, article) for item, article in parsed if item.exists]
    try:
        if new:
            outcomes |= _create_together(new, linker=linker)
    except DatabaseError:
        one_by_one = new + one_by_one
    except Exception:
        logger.exception("Writing %s new stories together failed; trying each alone", len(new))
        one_by_one = new + one_by_one
    for item, article in one_by_one:
        outcomes[item.path] = import_one(
            item.path,
            article,
            linker=linker,
            force=force,
            former_name=item.former_name,
            deletions=item.deletions,
        )
    return [outcomes[source.path] for source in sources]


def import_one(
    path: Path,
    parsed: ParsedArticle,
    *,
    linker: EntityLinker,
    force: bool,
    former_name: str = "",
    deletions: Iterable[str] = (),
) -> Outcome:
    """Import one file in its own transaction; a failure leaves nothing of it behind.

    A story stored under the file's `former_name` becomes the file's story; the
    `deletions` recorded for it are cleared once it is imported again.
    """
    # The revision records the story once, as the import leaves it, and coverage is
    # brought up to date once, as the file's writes end.
    with (
        failures_of(path) as failure,
        transaction.atomic(),
        reversion.create_revision(manage_manually=True),
        coverage.batched(),
    ):
        if former_name and not Article.objects.imported_from(parsed.source_name).exists():
            Article.objects.imported_from(former_name).update(source_name=parsed.source_name)
        result = save_article(parsed, force=force, folder=path.parent)
        if result.action in (Action.CREATED, Action.UPDATED):
            if deletions:
                DeletedSource.objects.filter(source_name__in=list(deletions)).delete()
            linker.link_article(result.article, new=result.action is Action.CREATED)
            suggestions.record_suggestions(result.article, linker=linker)
            revisions.record(result.article)
            reversion.set_comment(_comment(result.action, path))
    if failure:
        return Outcome(path, Action.FAILED, failure.reason)
    detail = result.reason if result.action is Action.SKIPPED else result.article.title
    return Outcome(path, result.action, one_line(detail), _problems(result.problems))


def _read_all(sources: list[SourceFile], run: Run, outcomes: dict[Path, Outcome]):
    """Each file's path, its document, and the former name it may take over ("" if none).

    Files that cannot be read, or whose source another file of the run has, fail here.
    """
    for source in sources:
        with failures_of(source.path) as failure:
            document = read_document(source)
        if not failure and (clash := run.claim(document)):
            failure.reason = one_line(clash)
        if failure:
            outcomes[source.path] = Outcome(source.path, Action.FAILED, failure.reason)
            continue
        may_take_over = run.may_take_over(source, document)
        yield source.path, document, document.former_name if may_take_over else ""


def _decide(
    documents: list[tuple[Path, Document, str]], *, force: bool, outcomes: dict[Path, Outcome]
) -> list[Pending]:
    """The files to parse, each knowing whether its story exists; the rest get their outcome.

    Two queries for the whole batch, both on unique indexes: the stories imported from
    these sources (or their former names), and the deletions recorded for them.
    """
    names = {document.source_name for _, document, _ in documents}
    names |= {former_name for _, _, former_name in documents if former_name}
    stored = {
        story.source_name: story
        for story in (
            Stored(*row)
            for row in Article.objects.exclude(source_name="")
            .filter(source_name__in=names)
            .order_by()
            .values_list("source_name", "source_hash", "title")
        )
    }
    deleted = dict(
        DeletedSource.objects.filter(source_name__in=names).values_list("source_name", "deleted_at")
    )
    to_parse = []
    for path, document, former_name in documents:
        own = stored.get(document.source_name)
        former = stored.get(former_name) if own is None and former_name else None
        if own is not None and own.source_hash == document.source_hash and not force:
            outcomes[path] = Outcome(path, Action.UNCHANGED, one_line(own.title))
        elif own is not None:
            to_parse.append(Pending(path, document, exists=True))
        elif former is not None:
            to_parse.append(Pending(path, document, exists=True, former_name=former_name))
        elif (deletions := _deletions(deleted, document, former_name)) and not force:
            when = timezone.localtime(deleted[deletions[0]])
            outcomes[path] = Outcome(
                path,
                Action.SKIPPED,
                f"deleted by an editor on {human_date(when)}; --force imports it again",
            )
        else:
            to_parse.append(Pending(path, document, exists=False, deletions=deletions))
    return to_parse


def _deletions(deleted: dict, document: Document, former_name: str) -> tuple[str, ...]:
    return tuple(name for name in (document.source_name, former_name) if name in deleted)


def _create_together(documents: list[tuple[Pending, ParsedArticle]], *, linker: EntityLinker):
    """Write new stories in one transaction: stories, links, authors, coverage, revisions."""
    paths = {parsed.source_name: item.path for item, parsed in documents}
    deletions = [name for item, _ in documents for name in item.deletions]
    with transaction.atomic():
        stories, refused = create_articles(
            [(parsed, item.path.parent) for item, parsed in documents]
        )
        articles = [story.article for story in stories]
        read = [_read(story.article, story.pictures, linker) for story in stories]
        linker.link_new_articles((article, mentions) for article, _, mentions, _ in read)
        record_new_replies(((article, text) for article, text, _, _ in read), linker=linker)
        suggestions.record_new_suggestions((article, found) for article, _, _, found in read)
        # Bulk writes send no signals: the authors are recorded here, before coverage.
        authors.sync_new_authors(articles)
        coverage.refresh(article.pk for article in articles)
        readers_see = [article for article in articles if article.readers_may_see]
        if readers_see:
            page_cache.content_changed(*(article.get_absolute_url() for article in readers_see))
        revisions.record_each(
            articles,
            [_comment(Action.CREATED, paths[article.source_name]) for article in articles],
        )
        if deletions:
            DeletedSource.objects.filter(source_name__in=deletions).delete()
    outcomes = {
        paths[source]: Outcome(paths[source], Action.FAILED, one_line(reason))
        for source, reason in refused.items()
    }
    for story in stories:
        path = paths[story.article.source_name]
        outcomes[path] = Outcome(
            path, Action.CREATED, one_line(story.article.title), _problems(story.problems)
        )
    return outcomes


def _read(article: Article, pictures: list[Picture], linker: EntityLinker) -> tuple:
    """A new story's linkable text, its mentions and its suggestions, read together.

    One after the other, so the linker matches the story's names once for both.
    """
    text = linkable_text(article, pictures)
    mentions = linker.find_mentions(text)
    return article, text, mentions, suggestions.find_suggestions(text, linker=linker)


def _problems(problems: Iterable[str]) -> tuple[str, ...]:
    return tuple(one_line(problem) for problem in problems)


def _comment(action: Action, path: Path) -> str:
    return f"{action.capitalize()} by import of {path.name}"
