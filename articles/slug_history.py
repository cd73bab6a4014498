"""A story's old addresses keep working: changing its slug records the old one.

When a saved story's slug differs from the one it was loaded with, the old slug
becomes an `ArticleSlug`, which redirects permanently to the story. A story given
back an address it had before no longer needs to redirect from it, so that row goes;
an old address of another story stays that story's, so its links keep working.

Written from a post_save handler (as Wagtail's redirects app does), in the same
transaction as the save, so `Article.save()` stays free of side effects. Fixture
loads (`raw`) and new stories record nothing. `Article.from_db()` remembers the
loaded slug and `Article.save()` moves it on once every handler has run.
"""

from django.db.models.signals import post_save

from .models import Article, ArticleSlug


def connect() -> None:
    post_save.connect(slug_saved, sender=Article, dispatch_uid="articles.slug_history")


def slug_saved(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    old_slug = getattr(instance, "_loaded_slug", None)
    if raw or not old_slug or old_slug == instance.slug:
        return
    ArticleSlug.objects.update_or_create(slug=old_slug, defaults={"article": instance})
    ArticleSlug.objects.filter(slug=instance.slug, article=instance).delete()
