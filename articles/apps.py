from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from taggit.models import Tag

        from newsroom import clean_text

        from . import checks, revisions, signals, tags  # noqa: F401 - checks register on import

        revisions.register()

        # Text first, so later receivers see it clean. Tags are ours to keep clean
        # too: their names are in every feed.
        clean_text.connect([*self.get_models(), Tag])
        signals.connect(self)
        tags.connect()
