"""Articles, the sections they run in, and their pictures."""

import hashlib
import json
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import dateformat, timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from newsroom.addresses import address
from newsroom.dates import human_date, human_datetime

from .pictures import picture_file_name, validate_picture_file
from .querysets import ArticleQuerySet, AuthorQuerySet

# Saves closer than this to publication are part of putting the story out, not revisions.
REVISION_GRACE = timedelta(minutes=30)
# The longest body a story may have: a long read is a tenth of it, and a page made from
# the densest markup this allows still renders in about a second.
BODY_MAX_LENGTH = 100_000
# How long a shared preview link works unless it is revoked sooner, and at most.
PREVIEW_LINK_LIFETIME = timedelta(days=7)
PREVIEW_LINK_LONGEST_LIFETIME = timedelta(days=30)


class Section(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:section", self.slug)


class Category(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:category", self.slug)


class Author(models.Model):
    """A writer named in bylines. Kept in step with each story's byline, which stays as written."""

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:author", self.slug)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    # Copy still being written or checked: a reporter may move a story between these.
    WORK_IN_PROGRESS = frozenset({Status.DRAFT, Status.REVIEW})

    title = models.CharField("headline", max_length=300)
    slug = models.SlugField(max_length=255, unique=True)
    standfirst = models.TextField(blank=True)
    body = models.TextField(
        blank=True,
        max_length=BODY_MAX_LENGTH,
        help_text=(
            "Markdown. A paragraph that is just [[picture:N]] places the article's "
            "picture number N there."
        ),
    )
    byline = models.CharField(max_length=255, blank=True)
    authors = models.ManyToManyField(
        Author, through="ArticleAuthor", blank=True, related_name="articles", editable=False
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    categories = models.ManyToManyField(Category, blank=True, related_name="articles")
    tags = TaggableManager(blank=True)
    # The tag rows themselves, so a revision can record and restore them.
    tagged_items = GenericRelation(TaggedItem)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("published", null=True, blank=True)
    published_at_inferred = models.BooleanField(
        "date inferred",
        default=False,
        help_text="The source gave no full date; the importer worked it out from the text.",
    )
    review_note = models.TextField(
        "review note",
        blank=True,
        help_text="What an editor should check before this story goes out.",
    )
    embargo_until = models.DateTimeField(
        "embargoed until",
        null=True,
        blank=True,
        help_text="The story cannot be published, or scheduled, before this time.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_created",
        editable=False,
    )
    edit_version = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Counts saves, so an edit made on a stale copy can be refused.",
    )

    people = models.ManyToManyField(
        "people.Person", through="ArticlePerson", blank=True, related_name="articles"
    )
    parties = models.ManyToManyField(
        "people.Party", through="ArticleParty", blank=True, related_name="articles"
    )
    constituencies = models.ManyToManyField(
        "people.Constituency",
        through="ArticleConstituency",
        blank=True,
        related_name="articles",
        verbose_name="places",
    )
    links_curated = models.BooleanField(
        "links checked by an editor",
        default=False,
        help_text="Once an editor has changed the entity links, re-imports leave them alone.",
    )

    source_name = models.CharField(
        max_length=500, blank=True, help_text="The file this story was imported from."
    )
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            # The editors' queues.
            models.Index(fields=["status", "published_at"]),
            # Readers' listings walk these newest first: every story, a section's stories.
            models.Index(fields=["published_at"], name="article_published"),
            models.Index(fields=["section", "published_at"], name="article_section_published"),
        ]
        permissions = [("publish_article", "Can publish, unpublish and schedule articles")]
        constraints = [
            models.UniqueConstraint(
                fields=["source_name"],
                condition=~models.Q(source_name=""),
                name="unique_article_source",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "edit_version" in update_fields:
            self.edit_version += 1
        # post_save handlers see the slug and status the story was loaded with (an old
        # address is recorded, `articles.slug_history`; the old page is purged) ...
        super().save(*args, **kwargs)
        # ... and the next save compares with what is stored now.
        self._loaded_slug = self.slug
        self._loaded_status = self.status

    def get_absolute_url(self):
        return address("articles:article", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._loaded_slug = article.__dict__.get("slug")
        article._loaded_status = article.__dict__.get("status")
        return article

    def clean(self):
        """Rules every way of saving shares: the admin form, imports and publishing."""
        errors = {}
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            errors["published_at"] = "A published story needs a publication time."
        if (
            self.status == self.Status.PUBLISHED
            and self.published_at
            and self.embargo_until
            and self.published_at < self.embargo_until
        ):
            when = timezone.localtime(self.embargo_until)
            errors["published_at"] = (
                f"This story is embargoed until {human_datetime(when)}; "
                "it cannot be published or scheduled before then."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def readers_may_see(self) -> bool:
        """Whether readers can see this story, now or once scheduled, or could when loaded.

        A change to any other story (a draft, one in review) changes nothing on the site.
        """
        published = self.Status.PUBLISHED
        return published in (self.status, getattr(self, "_loaded_status", None))

    @property
    def is_scheduled(self) -> bool:
        """Published, but with a publication time still to come."""
        return self.scheduled_as_of(timezone.now())

    def scheduled_as_of(self, now) -> bool:
        """Published, with a publication time after `now` (`ArticleQuerySet.scheduled`)."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > now
        )

    @property
    def is_live(self) -> bool:
        """Whether readers can see this story now (`is_live_at()`)."""
        return self.is_live_at(timezone.now())

    def is_live_at(self, now) -> bool:
        """Whether readers can see this story at `now`: ArticleQuerySet.published()'s rule."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
        )

    @property
    def revised_at(self):
        """When the story last changed after it went out, or None if it has not.

        A save counts once it comes REVISION_GRACE after the story went out, a clock
        that starts at whichever is later, publication or creation: a story imported
        long after it was first published was not revised by the import. A correction
        or update dated after publication counts too, even if nothing else changed.
        """
        if self.published_at is None:
            return None
        revisions = []
        if self.updated_at is not None:
            went_out = max(self.published_at, self.created_at or self.published_at)
            if self.updated_at - went_out > REVISION_GRACE:
                revisions.append(self.updated_at)
        noted = self.latest_note_time()
        if noted is not None and noted > self.published_at:
            revisions.append(noted)
        return max(revisions, default=None)

    def byline_parts(self):
        """The byline as written, each author's name with its author (`articles.authors`)."""
        from .authors import byline_parts

        return byline_parts(self)

    @property
    def featured_picture(self):
        """The lead picture; uses the listing prefetch when there is one."""
        if hasattr(self, "featured_pictures"):
            return self.featured_pictures[0] if self.featured_pictures else None
        return next((p for p in self.pictures.all() if p.is_featured), None)

    def content_fingerprint(self, *, tags=None, categories=None, pictures=None) -> str:
        """A hash of everything an editor can change, to tell edited stories from imported ones.

        Tag names, category slugs and pictures are read from the database unless given:
        the importer passes what it is about to store, so it need not read them back.
        """
        if tags is None:
            tags = [tag.name for tag in self.tags.all()]
        if categories is None:
            categories = [category.slug for category in self.categories.all()]
        if pictures is None:
            pictures = self.pictures.order_by("position")
        content = {
            "title": self.title,
            "slug": self.slug,
            "standfirst": self.standfirst,
            "body": self.body,
            "byline": self.byline,
            "section": self.section_id,
            "status": self.status,
            "published_at": self.published_at.timestamp() if self.published_at else None,
            "tags": sorted(set(tags)),
            "categories": sorted(set(categories)),
            "pictures": [
                [p.position, p.caption, p.credit, p.alt_text, p.source_path, p.is_featured]
                for p in sorted(pictures, key=lambda picture: picture.position)
            ],
        }
        encoded = json.dumps(content, sort_keys=True).encode()
        return hashlib.sha256(encoded).hexdigest()

    @property
    def is_edited_since_import(self) -> bool:
        return bool(self.import_fingerprint) and (
            self.content_fingerprint() != self.import_fingerprint
        )

    def latest_note_time(self):
        """When the newest correction or update is dated, or None.

        Read from `for_listing()`'s annotation or `for_detail()`'s prefetch, so pages and
        feeds pay nothing for it; any other instance pays one query.
        """
        if hasattr(self, "latest_note_at"):
            return self.latest_note_at
        if self.pk is None:
            return None
        return max((note.created_at for note in self.notes.all()), default=None)

    def preview_status(self, *, now=None) -> str:
        """Where the story stands and who can read it, for the preview banner."""
        now = now or timezone.now()
        if self.status == self.Status.PUBLISHED and self.published_at is not None:
            if self.published_at <= now:
                return "published; this is what readers see"
            when = dateformat.format(timezone.localtime(self.published_at), "j F Y, H:i")
            return f"scheduled for {when}; not visible to readers until then"
        state = {
            self.Status.DRAFT: "draft",
            self.Status.REVIEW: "in review",
            self.Status.UNPUBLISHED: "unpublished",
            self.Status.PUBLISHED: "published without a publication time",
        }[self.status]
        return f"{state}; not visible to readers"


class Picture(models.Model):
    """A picture in a story. The file is optional: an import may know only where it was."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pictures")
    position = models.PositiveSmallIntegerField(
        default=1, help_text="Number N for placing it in the body with [[picture:N]]."
    )

    class Origin(models.TextChoices):
        IMPORTED = "import", "Importer"
        EDITOR = "editor", "Editor"

    file = models.ImageField(
        upload_to=picture_file_name,
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
    origin = models.CharField(
        max_length=10,
        choices=Origin.choices,
        default=Origin.EDITOR,
        editable=False,
        help_text="Who last set this picture: re-imports keep what an editor touched.",
    )
    renditions_ready = models.BooleanField(
        default=False,
        editable=False,
        help_text="Its responsive copies are made; until then pages do not link them.",
    )

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

    @property
    def repeats_standfirst(self) -> bool:
        """Whether this lead picture's caption only says its story's standfirst again.

        Imported stories often carry the standfirst as the lead picture's caption as
        well; printed one under the other, readers get the same sentence twice in a row.
        Whitespace and case are ignored. Reads `self.article`, which the article page's
        and the listings' prefetches have already set; other pictures never read it.
        """
        if not (self.is_featured and self.caption.strip()):
            return False
        return _normalised(self.caption) == _normalised(self.article.standfirst)

    @property
    def caption_shown(self) -> str:
        """The caption pages print: none when it would repeat the standfirst above it."""
        return "" if self.repeats_standfirst else self.caption

    @property
    def alt_shown(self) -> str:
        """The alt text pages print: a lead picture without any says what its caption said.

        The caption a lead picture drops for repeating the standfirst still describes
        the story's picture, so a screen reader is given it rather than nothing.
        """
        if self.alt_text.strip() or not self.repeats_standfirst:
            return self.alt_text
        return " ".join(self.caption.split())


def _normalised(text: str) -> str:
    """Text as compared for repetition: runs of whitespace as one space, case folded."""
    return " ".join(text.split()).casefold()


class EntityLink(models.Model):
    """How an article is tied to something it is about, and how often it mentions it."""

    class Origin(models.TextChoices):
        # Anyone who may edit the story in the admin adds or confirms links, reporters too.
        AUTOMATIC = "auto", "Found by the linker"
        EDITOR = "editor", "Added or confirmed in the admin"

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
    constituency = models.ForeignKey(
        "people.Constituency", on_delete=models.CASCADE, verbose_name="place"
    )

    class Meta(EntityLink.Meta):
        default_related_name = "constituency_links"
        verbose_name = "article place"
        verbose_name_plural = "article places"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "constituency"], name="unique_article_constituency"
            )
        ]

    def __str__(self):
        return str(self.constituency)


class ArticleAuthor(models.Model):
    """A writer of a story, in the order the byline names them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="article_authors")
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")
        ]

    def __str__(self):
        return f"{self.author} wrote {self.article_id}"


class Coverage(models.Model):
    """A published story is about this tag, person, party or place, or is by this author or
    in this category: the listings' index.

    Derived data, kept by `articles.coverage` from the story's tags and entity links
    whenever they, its status or its publication time change. A row exists while the
    story's status is published, scheduled ones included; readers' queries add
    `published_at <= now`. With the publication time copied here, "the newest stories
    about X" and "who was in the news this fortnight" are index range scans that read
    a page of rows, however large the archive.
    """

    class Kind(models.TextChoices):
        TAG = "tag", "Tag"
        PERSON = "person", "Person"
        PARTY = "party", "Party"
        PLACE = "place", "Place"
        AUTHOR = "author", "Author"
        CATEGORY = "category", "Category"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="coverage")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    published_at = models.DateTimeField()
    mentions = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "coverage"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "object_id"], name="unique_article_coverage"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "object_id", "published_at"], name="coverage_listing"),
            models.Index(fields=["kind", "published_at"], name="coverage_window"),
        ]

    def __str__(self):
        return f"{self.article_id} is about {self.kind} {self.object_id}"


def preview_link_expiry():
    return timezone.now() + PREVIEW_LINK_LIFETIME


class ArticleNote(models.Model):
    """A dated correction or update, shown to readers at the foot of the story."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(help_text="What was wrong and what is right, or what is new.")
    created_at = models.DateTimeField("dated", default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        # "Note" is kept for nothing readers or editors see: a share link has a label,
        # a story in review a review note.
        verbose_name = "correction or update"
        verbose_name_plural = "corrections and updates"

    def __str__(self):
        return f"{self.get_kind_display()} of {human_date(self.created_at)}"


class ArticleSlug(models.Model):
    """An address a story used to have; it redirects permanently to the current one."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "old address"

    def __str__(self):
        return self.slug


class PreviewLinkQuerySet(models.QuerySet):
    def valid(self, *, now=None):
        """Not revoked, not expired, and (whatever its expiry says) not older than allowed."""
        now = now or timezone.now()
        return self.filter(
            revoked_at__isnull=True,
            expires_at__gt=now,
            created_at__gt=now - PREVIEW_LINK_LONGEST_LIFETIME,
        )


def new_preview_token() -> str:
    return secrets.token_urlsafe(32)


class PreviewLink(models.Model):
    """A revocable, expiring link that lets someone without an account read one draft.

    A link shows its story only while the story is on its way out: a draft, in review,
    or scheduled (published with a time still to come). Once the story is live, the
    link leads to the public page like any other address; once it is unpublished, the
    link shows nothing, exactly as a revoked one, so a takedown takes the story away
    from everyone who was sent it too (`shows()`).

    A link lasts at most PREVIEW_LINK_LONGEST_LIFETIME from when it was made; its expiry
    cannot be set in the past (`clean()`).
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    token = models.CharField(max_length=64, unique=True, default=new_preview_token, editable=False)
    note = models.CharField(
        "label", max_length=200, blank=True, help_text="Who it is for, e.g. 'Legal read'."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=preview_link_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "share link"

    def __str__(self):
        return f"Share link to {self.article} ({self.note or 'no label'})"

    def get_absolute_url(self):
        return reverse("articles:shared_preview", args=[self.token])

    @classmethod
    def from_db(cls, db, field_names, values):
        link = super().from_db(db, field_names, values)
        link._loaded_expires_at = link.__dict__.get("expires_at")
        return link

    def clean(self):
        """A new link is for a story readers cannot see yet; its expiry is within limits."""
        if self.pk is None and self.article_id is not None and not self.shows(self.article):
            raise ValidationError(
                f"“{self.article}” is live: send readers its address instead."
                if self.article.is_live
                else f"“{self.article}” has been taken down: a share link to it would show nothing."
            )
        changed = self.pk is None or self.expires_at != getattr(self, "_loaded_expires_at", None)
        if self.expires_at is None or not changed:
            # A link made before these limits can still be revoked or given a note.
            return
        now = timezone.now()
        latest = (self.created_at or now) + PREVIEW_LINK_LONGEST_LIFETIME
        if self.expires_at <= now:
            raise ValidationError({"expires_at": "A share link must expire in the future."})
        if self.expires_at > latest:
            days = PREVIEW_LINK_LONGEST_LIFETIME.days
            when = timezone.localtime(latest)
            raise ValidationError(
                {
                    "expires_at": f"A share link can last at most {days} days: "
                    f"set an expiry no later than {human_datetime(when)}."
                }
            )

    def is_valid(self, *, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.revoked_at is None
            and self.expires_at > now
            and self.created_at > now - PREVIEW_LINK_LONGEST_LIFETIME
        )

    @staticmethod
    def shows(article: Article) -> bool:
        """Whether a share link shows `article`: a draft, one in review, or a scheduled one."""
        return article.status in Article.WORK_IN_PROGRESS or article.is_scheduled


class DeletedSource(models.Model):
    """An imported story an editor deleted: re-imports of its source leave it deleted.

    Deleting is how a legal takedown is done; the tombstone keeps the next import from
    quietly bringing the story back (``import_seeds --force`` still can).
    """

    source_name = models.CharField(max_length=500, unique=True)
    title = models.CharField("headline", max_length=300, blank=True)
    deleted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "deleted imported story"
        verbose_name_plural = "deleted imported stories"
        ordering = ["-deleted_at"]

    def __str__(self):
        return f"{self.source_name} (deleted {self.deleted_at:%Y-%m-%d})"


class ReplyRequest(models.Model):
    """Right of reply: who the story says was asked for comment, when, and what came back."""

    class Outcome(models.TextChoices):
        AWAITING = "awaiting", "Had not replied"
        REPLIED = "replied", "Replied"
        DECLINED = "declined", "Declined to comment"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="reply_requests")
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reply_requests",
        help_text="The person asked, if they are on file.",
    )
    organisation = models.CharField(
        max_length=200, blank=True, help_text="Who was asked, when not a person on file (LBC)."
    )
    asked_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.AWAITING)
    statement = models.TextField(
        max_length=2000,
        blank=True,
        help_text="What the story says, e.g. 'We have reached out to Mr Ali, who has not "
        "returned our calls.'",
    )

    class Meta:
        ordering = ["article", "pk"]
        verbose_name = "right of reply"
        verbose_name_plural = "rights of reply"

    def __str__(self):
        return f"{self.asked_name}: {self.get_outcome_display().lower()}"

    @property
    def asked_name(self) -> str:
        return self.person.name if self.person_id else self.organisation

    def clean(self):
        super().clean()
        if not (self.person_id or self.organisation.strip()):
            raise ValidationError("Say who was asked: a person on file or an organisation.")


class LinkSuggestion(models.Model):
    """A name the linker found next to a title or role but could not match: an editor decides.

    Accepting creates the person (or adds the name as an alias of the person chosen) and
    links the story; nothing public is created until an editor accepts.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an editor"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggestions")
    name = models.CharField(max_length=200)
    context = models.CharField(
        max_length=500, help_text="The words around the name in the story, as the linker saw them."
    )
    cue = models.CharField(
        max_length=100, blank=True, help_text="The title or role that marked it as a name."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who it turned out to be, once accepted.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["status", "-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "name"], name="one_suggestion_per_name")
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="suggestion_queue")]

    def __str__(self):
        return self.name
