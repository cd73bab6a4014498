"""Side effects of saving content, connected once from ArticlesConfig.ready().

A picture saved with a new file has it stored without its metadata (no GPS
position; `articles.pictures`), and marked as waiting for renditions. Its id goes
to the background queue (`articles.rendition_queue`) after the transaction
commits, so a rolled back save (or an import's dry run) makes no files, a fixture
load makes none, and the request that saved it makes none either.
A saved story's authors follow its byline (`articles.authors`). A story whose status,
time, tags, entity links, authors or categories change has its coverage rows
(`articles.coverage`) brought up to date in the same transaction; a deleted author or
category takes its rows with it. Any change a reader could see ends the page cache's
generation once it commits (`articles.page_cache`): a story that is or was published,
its pictures, notes, links, tags and old addresses, sections, categories, authors, and
every person, party, place and party spell. Edits to drafts leave cached pages alone.
A story whose slug changes keeps its old address as a redirect
(`articles.slug_history`). After every `migrate`, the SQLite search index gets
back any trigger a table rebuild dropped.
"""

import logging
from functools import partial

from django.db import connections, transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save
from taggit.models import Tag, TaggedItem

from people.models import Constituency, Party, PartyMembership, Person

from . import (
    authors,
    coverage,
    linking_cache,
    page_cache,
    rendition_queue,
    slug_history,
    tombstones,
)
from .models import (
    Article,
    ArticleConstituency,
    ArticleNote,
    ArticleParty,
    ArticlePerson,
    ArticleSlug,
    Author,
    Category,
    Coverage,
    Picture,
    Section,
)
from .pictures import checked_copy
from .search import sqlite_index

# Models whose every change shows somewhere on the reader site.
READER_CONTENT = (
    Picture,
    ArticleNote,
    ArticleSlug,
    ArticlePerson,
    ArticleParty,
    ArticleConstituency,
    Section,
    Category,
    Author,
    Tag,
    TaggedItem,
    Person,
    Party,
    Constituency,
    PartyMembership,
)

logger = logging.getLogger(__name__)


def connect(app_config) -> None:
    tombstones.connect()
    linking_cache.connect()
    slug_history.connect()
    pre_save.connect(picture_arriving, sender=Picture, dispatch_uid="articles.picture_metadata")
    post_save.connect(picture_saved, sender=Picture, dispatch_uid="articles.picture_renditions")
    post_migrate.connect(
        restore_search_triggers, sender=app_config, dispatch_uid="articles.search_triggers"
    )
    post_save.connect(article_saved, sender=Article, dispatch_uid="articles.coverage")
    post_save.connect(story_changed, sender=Article, dispatch_uid="articles.page_cache")
    post_delete.connect(story_changed, sender=Article, dispatch_uid="articles.page_cache")
    m2m_changed.connect(
        categories_changed, sender=Article.categories.through, dispatch_uid="articles.page_cache"
    )
    for model in READER_CONTENT:
        uid = f"articles.page_cache.{model.__name__}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
    post_migrate.connect(
        new_code_new_pages, sender=app_config, dispatch_uid="articles.page_cache.migrate"
    )
    for model in (ArticlePerson, ArticleParty, ArticleConstituency, TaggedItem):
        uid = f"articles.coverage.{model.__name__}"
        post_save.connect(topic_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(topic_changed, sender=model, dispatch_uid=uid)
    m2m_changed.connect(
        categories_covered, sender=Article.categories.through, dispatch_uid="articles.coverage"
    )
    for model in (Author, Category):
        uid = f"articles.coverage.{model.__name__}"
        post_delete.connect(listing_gone, sender=model, dispatch_uid=uid)


def restore_search_triggers(sender, using: str = "default", **kwargs) -> None:
    connection = connections[using]
    if connection.vendor == "sqlite" and sqlite_index.ensure_index(connection):
        logger.info("Restored the search index triggers and rebuilt the index.")


def picture_arriving(sender, instance: Picture, raw: bool = False, **kwargs):
    """A new file is stored checked and without its metadata; its renditions are yet to come.

    The stored file is swapped for its checked copy just before Django writes it.
    A file that fails the check raises PictureRejected: it is never stored
    unchecked, even by code that skipped validation. (The admin form has said why
    already; an import stores files itself, through `checked_copy`.)
    """
    if raw or not instance.file or instance.file._committed:
        return
    instance.file.file = checked_copy(instance.file.file)
    instance.renditions_ready = False


def picture_saved(sender, instance: Picture, raw: bool = False, update_fields=None, **kwargs):
    if raw or not instance.file:
        return
    if update_fields is not None and "file" not in update_fields:
        return
    transaction.on_commit(partial(rendition_queue.enqueue, instance.pk), robust=True)


# Fields of a story that decide whether, and when, it is in its topics' listings.
COVERAGE_FIELDS = {"status", "published_at"}


def article_saved(
    sender,
    instance: Article,
    raw: bool = False,
    created: bool = False,
    update_fields=None,
    **kwargs,
):
    """Authors follow the byline first, so the coverage refresh sees them."""
    if raw:
        return
    saved = None if update_fields is None else set(update_fields)
    authors_changed = (saved is None or "byline" in saved) and authors.sync_authors(
        instance, created=created
    )
    if authors_changed or saved is None or COVERAGE_FIELDS & saved:
        coverage.story_changed(instance.pk)


def categories_covered(sender, instance, action: str, reverse: bool, pk_set=None, **kwargs):
    """Stories added to or taken out of a category, from either side, are refreshed."""
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            coverage.story_changed(instance.pk)
        return
    if action == "pre_clear":
        # Clearing a category's stories names none of them afterwards: note them now.
        instance._cleared_stories = list(instance.articles.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        ids = pk_set if action != "post_clear" else getattr(instance, "_cleared_stories", [])
        with coverage.batched():
            for article_id in ids or ():
                coverage.story_changed(article_id)


def listing_gone(sender, instance, **kwargs):
    """A deleted author or category is in no listing (its link rows went without signals)."""
    Coverage.objects.filter(kind=coverage.kind_of(instance), object_id=instance.pk).delete()


def topic_changed(sender, instance, raw: bool = False, origin=None, **kwargs):
    """A link or tag of a story was saved or deleted (not as part of deleting the story)."""
    if raw or _deleting_stories(origin):
        return
    if isinstance(instance, TaggedItem):
        if instance.content_type_id != coverage.article_type().pk:
            return
        coverage.story_changed(instance.object_id)
    else:
        coverage.story_changed(instance.article_id)


def _deleting_stories(origin) -> bool:
    """Whether a delete cascades from stories, whose coverage rows go with them."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return model is Article


# --- The page cache ----------------------------------------------------------------------


def story_changed(sender, instance: Article, raw: bool = False, **kwargs):
    if raw or not instance.readers_may_see:
        return
    addresses = [instance.get_absolute_url()]
    if getattr(instance, "_loaded_slug", None) not in (None, instance.slug):
        addresses.append(Article(slug=instance._loaded_slug).get_absolute_url())
    page_cache.content_changed(*addresses)


def categories_changed(sender, instance, action: str, **kwargs):
    if action.startswith("post_") and isinstance(instance, Article):
        story_changed(Article, instance)
    elif action.startswith("post_"):
        page_cache.content_changed()


def content_changed(sender, instance, raw: bool = False, **kwargs):
    if not raw:
        page_cache.content_changed()


def new_code_new_pages(sender, **kwargs):
    """A deploy runs `migrate`: pages rendered by the old code are not served again."""
    page_cache.start_generation()
