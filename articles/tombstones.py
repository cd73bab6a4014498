"""An imported story an editor deletes stays deleted.

Deleting is how a story is taken down for good (a legal takedown, a duplicate). The
file it came from is still in the import folder, so without a record the next import
would bring it back and publish it again. Deleting a story imported from a file
records its source name (`DeletedSource`); the importer skips that file and says so,
unless it is run with ``--force``, which imports it again and removes the record. A
story that comes back another way (restored from its history) takes its record away
too, and editors can see and remove records in the admin (`articles.admin.tombstones`).
"""

from django.db.models.signals import post_delete, post_save

from .models import Article, DeletedSource

TITLE_LENGTH = DeletedSource._meta.get_field("title").max_length


def connect() -> None:
    post_delete.connect(story_deleted, sender=Article, dispatch_uid="articles.tombstones.delete")
    post_save.connect(story_returned, sender=Article, dispatch_uid="articles.tombstones.return")


def story_deleted(sender, instance: Article, **kwargs) -> None:
    """Record the deleted story's source, in the transaction that deletes it."""
    if instance.source_name:
        DeletedSource.objects.update_or_create(
            source_name=instance.source_name, defaults={"title": instance.title[:TITLE_LENGTH]}
        )


def story_returned(sender, instance: Article, created: bool = False, **kwargs) -> None:
    """A story created again (restored from its history, say) is not deleted any more."""
    if created and instance.source_name:
        DeletedSource.objects.filter(source_name=instance.source_name).delete()
