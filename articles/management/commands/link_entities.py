"""manage.py link_entities: re-run the entity linker, e.g. after the reference list grows."""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.linking import EntityLinker
from articles.models import Article


class Command(BaseCommand):
    help = "Link every article to the people, parties and places it mentions."

    def handle(self, *args, **options):
        linker = EntityLinker.from_database()
        linked = curated = 0
        articles = Article.objects.prefetch_related("pictures").order_by("pk")
        for article in articles.iterator(chunk_size=200):
            if article.links_curated:
                curated += 1
                continue
            with transaction.atomic():
                linker.link_article(article)
            linked += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Linked {linked} article(s); left {curated} with editor-checked links alone."
            )
        )
