"""The query vocabulary for articles: the one place that says what readers may see."""

from django.db import models
from django.utils import timezone


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """Visible to readers: published, with a publication time that has arrived."""
        return self.filter(
            status=self.model.Status.PUBLISHED,
            published_at__lte=now or timezone.now(),
        )

    def in_section(self, section):
        return self.filter(section=section)

    def for_listing(self):
        """Everything a list of stories shows, in a fixed number of queries."""
        from .models import Picture

        return (
            self.select_related("section")
            .prefetch_related(
                models.Prefetch(
                    "pictures",
                    queryset=Picture.objects.filter(is_featured=True),
                    to_attr="featured_pictures",
                )
            )
            .order_by("-published_at", "-pk")
        )

    def for_detail(self):
        """Everything an article page shows, in a fixed number of queries."""
        from .models import ArticleConstituency, ArticleParty, ArticlePerson

        return self.select_related("section").prefetch_related(
            "tags",
            "categories",
            "pictures",
            models.Prefetch(
                "person_links", queryset=ArticlePerson.objects.select_related("person")
            ),
            models.Prefetch("party_links", queryset=ArticleParty.objects.select_related("party")),
            models.Prefetch(
                "constituency_links",
                queryset=ArticleConstituency.objects.select_related("constituency"),
            ),
        )
