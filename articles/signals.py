"""Side effects of saving content, connected once from ArticlesConfig.ready().

A saved picture gets its renditions after the transaction commits, so a rolled
back save (or an import's dry run) makes no files, and a fixture load makes none.
After every `migrate`, the SQLite search index gets back any trigger a table
rebuild dropped.
"""

import logging
from functools import partial

from django.db import connections, transaction
from django.db.models.signals import post_migrate, post_save

from .models import Picture
from .renditions import RenditionError, ensure_renditions
from .search import sqlite_index

logger = logging.getLogger(__name__)


def connect(app_config) -> None:
    post_save.connect(picture_saved, sender=Picture, dispatch_uid="articles.picture_renditions")
    post_migrate.connect(
        restore_search_triggers, sender=app_config, dispatch_uid="articles.search_triggers"
    )


def restore_search_triggers(sender, using: str = "default", **kwargs) -> None:
    connection = connections[using]
    if connection.vendor == "sqlite" and sqlite_index.ensure_index(connection):
        logger.info("Restored the search index triggers and rebuilt the index.")


def picture_saved(sender, instance: Picture, raw: bool = False, update_fields=None, **kwargs):
    if raw or not instance.file:
        return
    if update_fields is not None and "file" not in update_fields:
        return
    transaction.on_commit(partial(make_renditions_for, instance.pk), robust=True)


def make_renditions_for(pk: int) -> None:
    """Make the picture's renditions as it stands once committed, unless they are there."""
    picture = Picture.objects.filter(pk=pk).only("pk", "file", "width", "height").first()
    if picture is None or not picture.file:
        return
    try:
        ensure_renditions(picture)
    except RenditionError as error:
        logger.warning("No renditions for picture %s: %s", pk, error)
