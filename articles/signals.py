"""Side effects of saving content, connected once from ArticlesConfig.ready().

A saved picture gets its renditions after the transaction commits, so a rolled
back save (or an import's dry run) makes no files, and a fixture load makes none.
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_save

from .models import Picture
from .renditions import RenditionError, ensure_renditions

logger = logging.getLogger(__name__)


def connect() -> None:
    post_save.connect(picture_saved, sender=Picture, dispatch_uid="articles.picture_renditions")


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
