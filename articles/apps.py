from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import revisions, signals  # noqa: F401 - revisions registers models

        signals.connect(self)
