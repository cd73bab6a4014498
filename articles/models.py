"""Articles, the sections they run in, and their pictures."""

import hashlib
import json
from datetime import timedelta

from django.db import models
from django.urls import reverse
from taggit.managers import TaggableManager

from .pictures import validate_picture_file
from .querysets import ArticleQuerySet

# Saves closer than this to publication are part of putting the story out, not revisions.
REVISION_GRACE = timedelta(minutes=30)


class Section(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", args=[self.slug])


class Category(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    title = models.CharField("headline", max_length=300)
    slug = models.SlugField(max_length=255, unique=True)
    standfirst = models.TextField(blank=True)
    body = models.TextField(
        blank=True,
        help_text=(
            "Markdown. A paragraph that is just [[picture:N]] places the article's "
            "picture number N there."
        ),
    )
    byline = models.CharField(max_length=255, blank=True)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    categories = models.ManyToManyField(Category, blank=True, related_name="articles")
    tags = TaggableManager(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("published", null=True, blank=True)
    published_at_inferred = models.BooleanField(
        "date inferred",
        default=False,
        help_text="The source gave no full date; the importer worked it out from the text.",
    )
    review_note = models.TextField(
        blank=True, help_text="What an editor should check before this story goes out."
    )

    people = models.ManyToManyField(
        "people.Person", through="ArticlePerson", blank=True, related_name="articles"
    )
    parties = models.ManyToManyField(
        "people.Party", through="ArticleParty", blank=True, related_name="articles"
    )
    constituencies = models.ManyToManyField(
        "people.Constituency", through="ArticleConstituency", blank=True, related_name="articles"
    )
    links_curated = models.BooleanField(
        "links checked by an editor",
        default=False,
        help_text="Once an editor has changed the entity links, re-imports leave them alone.",
    )

    source_name = models.CharField(
        max_length=255, blank=True, help_text="The file this story was imported from."
    )
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "published_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source_name"],
                condition=~models.Q(source_name=""),
                name="unique_article_source",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:article", args=[self.slug])

    @property
    def revised_at(self):
        """When the story last changed after it went out, or None if it has not.

        The clock starts at whichever is later, publication or creation: a story
        imported long after it was first published was not revised by the import.
        """
        if self.published_at is None or self.updated_at is None:
            return None
        went_out = max(self.published_at, self.created_at or self.published_at)
        return self.updated_at if self.updated_at - went_out > REVISION_GRACE else None

    @property
    def featured_picture(self):
        """The lead picture; uses the listing prefetch when there is one."""
        if hasattr(self, "featured_pictures"):
            return self.featured_pictures[0] if self.featured_pictures else None
        return next((p for p in self.pictures.all() if p.is_featured), None)

    def content_fingerprint(self) -> str:
        """A hash of everything an editor can change, to tell edited stories from imported ones."""
        content = {
            "title": self.title,
            "slug": self.slug,
            "standfirst": self.standfirst,
            "body": self.body,
            "byline": self.byline,
            "section": self.section_id,
            "status": self.status,
            "published_at": self.published_at.timestamp() if self.published_at else None,
            "tags": sorted(tag.name for tag in self.tags.all()),
            "categories": sorted(category.slug for category in self.categories.all()),
            "pictures": [
                [p.position, p.caption, p.credit, p.alt_text, p.source_path, p.is_featured]
                for p in self.pictures.order_by("position")
            ],
        }
        encoded = json.dumps(content, sort_keys=True).encode()
        return hashlib.sha256(encoded).hexdigest()

    @property
    def is_edited_since_import(self) -> bool:
        return bool(self.import_fingerprint) and (
            self.content_fingerprint() != self.import_fingerprint
        )


class Picture(models.Model):
    """A picture in a story. The file is optional: an import may know only where it was."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pictures")
    position = models.PositiveSmallIntegerField(
        default=1, help_text="Number N for placing it in the body with [[picture:N]]."
    )
    file = models.ImageField(
        upload_to="pictures/%Y/%m/",
        blank=True,
        width_field="width",
        height_field="height",
        validators=[validate_picture_file],
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.TextField(blank=True)
    credit = models.CharField(max_length=255, blank=True)
    alt_text = models.CharField(
        max_length=500,
        blank=True,
        help_text="What the picture shows, for readers who can't see it.",
    )
    source_path = models.CharField(
        max_length=500, blank=True, help_text="Where the source document said the file was."
    )
    is_featured = models.BooleanField("featured", default=False)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="unique_picture_position"),
            models.UniqueConstraint(
                fields=["article"],
                condition=models.Q(is_featured=True),
                name="one_featured_picture_per_article",
            ),
        ]

    def __str__(self):
        return self.caption or self.alt_text or self.source_path or f"Picture {self.position}"


class EntityLink(models.Model):
    """How an article is tied to something it is about, and how often it mentions it."""

    class Origin(models.TextChoices):
        AUTOMATIC = "auto", "Suggested by the linker"
        EDITOR = "editor", "Added by an editor"

    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    mentions = models.PositiveIntegerField(default=1)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EDITOR)

    class Meta:
        abstract = True
        ordering = ["-mentions"]


class ArticlePerson(EntityLink):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE)

    class Meta(EntityLink.Meta):
        default_related_name = "person_links"
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="unique_article_person")
        ]

    def __str__(self):
        return str(self.person)


class ArticleParty(EntityLink):
    party = models.ForeignKey("people.Party", on_delete=models.CASCADE)

    class Meta(EntityLink.Meta):
        default_related_name = "party_links"
        verbose_name_plural = "article parties"
        constraints = [
            models.UniqueConstraint(fields=["article", "party"], name="unique_article_party")
        ]

    def __str__(self):
        return str(self.party)


class ArticleConstituency(EntityLink):
    constituency = models.ForeignKey("people.Constituency", on_delete=models.CASCADE)

    class Meta(EntityLink.Meta):
        default_related_name = "constituency_links"
        verbose_name_plural = "article constituencies"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "constituency"], name="unique_article_constituency"
            )
        ]

    def __str__(self):
        return str(self.constituency)
