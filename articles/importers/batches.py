"""Importing files a batch at a time: new stories written together, the others one by one.

A batch is parsed first; a file that cannot be read or parsed fails alone. A file
whose source already has a story (or shares its source with an earlier file of the
batch) goes through `saving.save_article` in a transaction of its own, as an update,
an unchanged file or a story an editor has changed. The other files are new stories:
they are written together in one transaction, linked, indexed and recorded as
revisions in a fixed number of queries for the whole batch, which is what lets an
import of a large archive run at a steady rate. If that transaction fails in the
database, its stories are tried again one at a time, so the file at fault fails alone
and the rest still import.

Every story written here is a revision (`articles.revisions`), linked to the entities
it mentions (`people.linking`), and in the coverage index (`articles.coverage`).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import reversion
from django.db import DatabaseError, transaction

from articles import coverage, page_cache, revisions
from articles.models import Article
from people.linking import EntityLinker

from .base import DocumentError, ParsedArticle
from .documents import parse_document
from .saving import Action, create_articles, save_article

BATCH_SIZE = 200


@dataclass(frozen=True)
class Outcome:
    """What became of one file: the action, and the story's headline or the reason."""

    path: Path
    action: Action
    detail: str = ""


def import_files(
    paths: list[Path], *, linker: EntityLinker, force: bool = False
) -> Iterable[list[Outcome]]:
    """Import `paths` a batch at a time; yields each batch's outcomes, in file order."""
    for start in range(0, len(paths), BATCH_SIZE):
        yield import_batch(paths[start : start + BATCH_SIZE], linker=linker, force=force)


def import_batch(paths: list[Path], *, linker: EntityLinker, force: bool) -> list[Outcome]:
    outcomes: dict[Path, Outcome] = {}
    documents: list[tuple[Path, ParsedArticle]] = []
    for path in paths:
        try:
            documents.append((path, parse_document(path)))
        except (DocumentError, OSError) as error:
            outcomes[path] = Outcome(path, Action.FAILED, str(error))
    new, one_by_one = _split_new(documents)
    try:
        outcomes |= _create_together(new, linker=linker)
    except DatabaseError:
        one_by_one = new + one_by_one
    for path, parsed in one_by_one:
        outcomes[path] = import_one(path, parsed, linker=linker, force=force)
    return [outcomes[path] for path in paths]


def import_one(path: Path, parsed: ParsedArticle, *, linker: EntityLinker, force: bool) -> Outcome:
    """Import one file in its own transaction; a failure leaves nothing of it behind."""
    try:
        # The revision records the story once, as the import leaves it, and coverage
        # is brought up to date once, as the file's writes end.
        with (
            transaction.atomic(),
            reversion.create_revision(manage_manually=True),
            coverage.batched(),
        ):
            result = save_article(parsed, force=force, folder=path.parent)
            if result.action in (Action.CREATED, Action.UPDATED):
                linker.link_article(result.article, new=result.action is Action.CREATED)
                revisions.record(result.article)
                reversion.set_comment(_comment(result.action, path))
    except (DocumentError, OSError, DatabaseError) as error:
        return Outcome(path, Action.FAILED, str(error))
    detail = result.reason if result.action is Action.SKIPPED else result.article.title
    return Outcome(path, result.action, detail)


def _split_new(documents):
    """The documents that will be new stories, and those to import one at a time."""
    sources = [parsed.source_name for _, parsed in documents]
    existing = set(
        Article.objects.exclude(source_name="")
        .filter(source_name__in=sources)
        .values_list("source_name", flat=True)
    )
    new, one_by_one = [], []
    for path, parsed in documents:
        if parsed.source_name in existing:
            one_by_one.append((path, parsed))
        else:
            existing.add(parsed.source_name)
            new.append((path, parsed))
    return new, one_by_one


def _create_together(documents, *, linker: EntityLinker) -> dict[Path, Outcome]:
    """Write new stories in one transaction: stories, links, coverage, revisions."""
    if not documents:
        return {}
    paths = {parsed.source_name: path for path, parsed in documents}
    with transaction.atomic():
        stories, refused = create_articles([(parsed, path.parent) for path, parsed in documents])
        articles = [story.article for story in stories]
        linker.link_new_articles((story.article, story.pictures) for story in stories)
        coverage.refresh(article.pk for article in articles)
        readers_see = [article for article in articles if article.readers_may_see]
        if readers_see:
            page_cache.content_changed(*(article.get_absolute_url() for article in readers_see))
        revisions.record_each(
            articles,
            [_comment(Action.CREATED, paths[article.source_name]) for article in articles],
        )
    outcomes = {
        paths[source]: Outcome(paths[source], Action.FAILED, reason)
        for source, reason in refused.items()
    }
    for article in articles:
        path = paths[article.source_name]
        outcomes[path] = Outcome(path, Action.CREATED, article.title)
    return outcomes


def _comment(action: Action, path: Path) -> str:
    return f"{action.capitalize()} by import of {path.name}"
