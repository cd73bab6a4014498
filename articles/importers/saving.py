"""Writing ParsedArticles to the database: the save step every importer shares.

Re-importing is safe. A file whose bytes have not changed is left alone. A
story an editor has changed since it was imported is not overwritten unless
the caller forces it.

Pictures are the import's or an editor's (`Picture.origin`). An update replaces
the import's pictures and keeps every picture an editor added or changed, as the
entity links an editor touched are kept. The imported pictures keep the numbers the
file gives them, since the imported body's ``[[picture:N]]`` markers point at them;
a kept picture whose number the file now uses moves to the first number after all
of them, and if a kept picture is the lead picture, it stays the lead.

Two ways in, sharing every rule below:

- `save_article` creates or updates one story; each call is meant to run inside
  its own transaction.
- `create_articles` creates many new stories at once, in a fixed number of queries
  for the whole batch (one read of the slugs, one write per table); each story is
  checked before anything is written, and a batch that fails in the database is
  retried a story at a time by the caller, so one bad file still fails alone.
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC
from enum import StrEnum
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from PIL import Image
from taggit.models import Tag, TaggedItem

from articles.models import Article, Category, Picture, Section
from articles.pictures import PictureRejected, checked_copy

from .base import DocumentError, ParsedArticle, ParsedPicture
from .reply_saving import record_replies
from .text import clean_text

DEFAULT_SECTION = ("news", "News")
# Numbered slugs tried before a random suffix: "title", "title-2" ... "title-21".
SLUG_TRIES = 20
TAG_LENGTH = Tag._meta.get_field("name").max_length
# What Pillow raises on a file it cannot read, besides PictureRejected: a text chunk too
# large to decompress (ValueError), a truncated or corrupt file, a decompression bomb.
UNREADABLE_PICTURE = (ValueError, OSError, SyntaxError, EOFError, Image.DecompressionBombError)


class Action(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass
class SaveResult:
    action: Action
    article: Article | None = None
    reason: str = ""
    problems: list[str] = field(default_factory=list)


@dataclass
class Story:
    """A story ready to write: the unsaved article, its imported pictures, categories and tags.

    `problems` are what the editor is told in the review note (pictures not stored).
    """

    article: Article
    pictures: list[Picture]
    categories: list[Category]
    tags: list[str]
    problems: list[str] = field(default_factory=list)


def save_article(parsed: ParsedArticle, *, force: bool = False, folder: Path | None = None):
    """Create or update the article for `parsed`; `folder` is where to look for picture files."""
    article = Article.objects.imported_from(parsed.source_name).first()
    if article is None:
        article, action = Article(source_name=parsed.source_name), Action.CREATED
    elif article.source_hash == parsed.source_hash and not force:
        return SaveResult(Action.UNCHANGED, article)
    elif article.is_edited_since_import and not force:
        return SaveResult(
            Action.SKIPPED,
            article,
            "changed in the admin since it was imported; use --force to overwrite",
        )
    else:
        action = Action.UPDATED

    # A published story keeps its address: only a new story gets a slug from its title.
    slugs = Slugs(exclude=article.pk)
    if parsed.slug or not article.slug:
        slugs.look_up([parsed.slug or parsed.title])
    kept = [] if action is Action.CREATED else _editors_pictures(article)
    places = {picture.pk: (picture.position, picture.is_featured) for picture in kept}
    story = prepare(article, parsed, folder=folder, slugs=slugs, lookups=Lookups(), kept=kept)
    article.save()
    if action is Action.CREATED:
        tag_new_stories([story])
    else:
        article.tags.set(story.tags, clear=True)
        article.pictures.filter(origin=Picture.Origin.IMPORTED).delete()
        for picture in kept:
            if places[picture.pk] != (picture.position, picture.is_featured):
                picture.save(update_fields=["position", "is_featured"])
    if story.categories or action is Action.UPDATED:
        article.categories.set(story.categories)
    for picture in story.pictures:
        picture.article = article
        picture.save()
    record_replies(article, pictures=[*kept, *story.pictures], new=action is Action.CREATED)
    return SaveResult(action, article, problems=story.problems)


def create_articles(
    documents: list[tuple[ParsedArticle, Path | None]],
) -> tuple[list[Story], dict[str, str]]:
    """Create a story for each (parsed, folder) whose source has none yet, all at once.

    Returns the stories written, and for each source that could not become a story,
    why. The caller says which sources are new and runs this in a transaction.
    """
    slugs, lookups = Slugs(), Lookups()
    slugs.look_up(parsed.slug or parsed.title for parsed, _ in documents)
    stories, refused = [], {}
    for parsed, folder in documents:
        article = Article(source_name=parsed.source_name)
        try:
            stories.append(prepare(article, parsed, folder=folder, slugs=slugs, lookups=lookups))
        except DocumentError as error:
            refused[parsed.source_name] = str(error)
    for story in stories:
        # What Article.save() would count for a first save, which bulk_create skips.
        story.article.edit_version = 1
    Article.objects.bulk_create([story.article for story in stories])
    tag_new_stories(stories)
    Article.categories.through.objects.bulk_create(
        Article.categories.through(article_id=story.article.pk, category_id=category.pk)
        for story in stories
        for category in story.categories
    )
    plain = []
    for story in stories:
        for picture in story.pictures:
            picture.article = story.article
            if picture.file:
                picture.save()  # on its own, so that its renditions are made
            else:
                plain.append(picture)
    Picture.objects.bulk_create(plain)
    return stories, refused


def prepare(
    article: Article,
    parsed: ParsedArticle,
    *,
    folder: Path | None,
    slugs: "Slugs",
    lookups: "Lookups",
    kept: list[Picture] = (),
) -> Story:
    """Fill in `article` from `parsed`, check it, and fingerprint what will be stored.

    `kept` are the editor's pictures an update keeps: they are renumbered here where
    the file's pictures need their numbers, and count in the fingerprint, which covers
    every picture the story will have.
    Raises DocumentError when the story breaks a rule the admin's form would enforce.
    """
    _apply_fields(article, parsed, lookups)
    if parsed.slug or not article.slug:
        article.slug = slugs.take(parsed.slug or parsed.title)
    categories = [lookups.category(name) for name in parsed.categories]
    tags = list(dict.fromkeys(parsed.tags))
    if long_tag := next((tag for tag in tags if len(tag) > TAG_LENGTH), None):
        raise DocumentError(f"tag '{long_tag[:40]}…' is longer than {TAG_LENGTH} characters")
    pictures, problems = _pictures(parsed, folder)
    _make_room(pictures, kept)
    if problems:
        problems = [clean_text(problem) for problem in problems]
        article.review_note = "\n".join(filter(None, [article.review_note, *problems]))
    try:
        # Uniqueness is settled here (the source looked up, a free slug chosen), the
        # section was just read or made, and the database's constraints still guard both.
        article.full_clean(
            exclude=["tags", "section"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        raise DocumentError(_describe(error)) from None
    article.import_fingerprint = article.content_fingerprint(
        tags=tags,
        categories=[category.slug for category in categories],
        pictures=[*pictures, *kept],
    )
    return Story(article, pictures, categories, tags, problems)


def tag_new_stories(stories: Iterable[Story]) -> None:
    """Tag stories just created: one read and one write, where taggit writes tag by tag.

    The rows go in without signals; the stories' own saves (or, for a batch, the
    caller) tell the coverage index and the page cache (`articles/signals.py`).
    """
    stories = list(stories)
    names = list(dict.fromkeys(name for story in stories for name in story.tags))
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in names:
        if name not in tags:
            tags[name] = Tag.objects.create(name=name)  # taggit's save makes its slug
    article_type = ContentType.objects.get_for_model(Article)
    TaggedItem.objects.bulk_create(
        TaggedItem(content_type=article_type, object_id=story.article.pk, tag=tags[name])
        for story in stories
        for name in story.tags
    )


def _apply_fields(article: Article, parsed: ParsedArticle, lookups: "Lookups") -> None:
    article.title = parsed.title
    article.standfirst = parsed.standfirst
    article.body = parsed.body
    article.byline = parsed.byline
    article.section = lookups.section(parsed.section)
    # In UTC, as the database gives it back, so a revision records the same either way.
    article.published_at = parsed.published_at and parsed.published_at.astimezone(UTC)
    article.published_at_inferred = parsed.date_inferred
    article.review_note = "\n".join(parsed.review_notes)
    article.status = Article.Status.DRAFT if parsed.is_draft else Article.Status.PUBLISHED
    article.source_hash = parsed.source_hash


class Slugs:
    """Free slugs for titles: the title's own, numbered if taken, from one indexed read.

    `look_up` reads which of each title's few candidate slugs are taken (prefix
    matching would read every slug on SQLite, whose LIKE cannot use the index, so an
    import would cost more the larger the archive); `take` hands out the first free
    one and remembers it, so two stories in one batch never share a slug.
    """

    def __init__(self, *, exclude: int | None = None):
        self.exclude = exclude
        self.taken: set[str] = set()

    def look_up(self, texts: Iterable[str]) -> None:
        candidates = [slug for text in texts for slug in self._candidates(text)]
        self.taken |= set(
            Article.objects.exclude(pk=self.exclude)
            .filter(slug__in=candidates)
            .values_list("slug", flat=True)
        )

    def take(self, text: str) -> str:
        candidates = self._candidates(text)
        free = next((slug for slug in candidates if slug not in self.taken), None)
        slug = free or f"{candidates[0]}-{secrets.token_hex(4)}"
        self.taken.add(slug)
        return slug

    @staticmethod
    def _candidates(text: str) -> list[str]:
        base = slugify(text)[:200].strip("-") or "story"
        return [base, *(f"{base}-{number}" for number in range(2, SLUG_TRIES + 2))]


class Lookups:
    """Sections and categories by name, each read (or created) once per batch."""

    def __init__(self):
        self.sections: dict[str, Section] = {}
        self.categories: dict[str, Category] = {}

    def section(self, name: str) -> Section:
        if not name:
            slug, title = DEFAULT_SECTION
        else:
            slug = slugify(name)[:100] or DEFAULT_SECTION[0]
            title = name if name != slug else name.replace("-", " ").title()
        if slug not in self.sections:
            self.sections[slug], _ = Section.objects.get_or_create(
                slug=slug, defaults={"name": title[:100]}
            )
        return self.sections[slug]

    def category(self, name: str) -> Category:
        slug = slugify(name)[:100]
        if not slug:
            raise DocumentError(f"category {name!r} has no letters or digits")
        if slug not in self.categories:
            title = name[:100].capitalize() if name.islower() else name[:100]
            self.categories[slug], _ = Category.objects.get_or_create(
                slug=slug, defaults={"name": title}
            )
        return self.categories[slug]


def _pictures(parsed: ParsedArticle, folder: Path | None) -> tuple[list[Picture], list[str]]:
    """The story's imported pictures, not yet saved, with any files checked and stored;
    and the problems met."""
    pictures, problems = [], []
    for parsed_picture in parsed.pictures:
        picture = Picture(
            position=parsed_picture.position,
            caption=parsed_picture.caption,
            credit=parsed_picture.credit[:255],
            alt_text=parsed_picture.alt_text[:500],
            source_path=parsed_picture.source_path[:500],
            is_featured=parsed_picture.is_featured,
            origin=Picture.Origin.IMPORTED,
        )
        try:
            _attach_file(picture, parsed_picture, folder)
        except PictureRejected as error:
            problems.append(f"Picture {parsed_picture.source_path} was not stored: {error}.")
        except UNREADABLE_PICTURE:
            problems.append(
                f"Picture {parsed_picture.source_path} was not stored: "
                "not a picture file we can read."
            )
        pictures.append(picture)
    return pictures, problems


def _editors_pictures(article: Article) -> list[Picture]:
    """The pictures an update keeps: those an editor added or changed."""
    return list(article.pictures.filter(origin=Picture.Origin.EDITOR).order_by("position", "pk"))


def _make_room(imported: list[Picture], kept: list[Picture]) -> None:
    """Renumber kept pictures whose numbers the file's pictures use; an editor's lead stays lead."""
    taken = {picture.position for picture in imported}
    following = max([*taken, *(picture.position for picture in kept)], default=0) + 1
    for picture in kept:
        if picture.position in taken:
            picture.position, following = following, following + 1
    if any(picture.is_featured for picture in kept):
        for picture in imported:
            picture.is_featured = False


def _attach_file(picture: Picture, parsed: ParsedPicture, folder: Path | None) -> None:
    """Copy the picture's file in when it sits beside the document; otherwise keep only its path."""
    if not parsed.source_path or folder is None:
        return
    relative = Path(parsed.source_path.lstrip("/"))
    if ".." in relative.parts or relative.is_absolute():
        return
    candidate = folder / relative
    if not candidate.is_file():
        return
    picture.file.save(candidate.name, checked_copy(candidate), save=False)


def _describe(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
