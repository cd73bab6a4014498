from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import checks, revisions, signals  # noqa: F401 - checks and revisions register

        signals.connect(self)
