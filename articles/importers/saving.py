"""Writing a ParsedArticle to the database: the one save step every importer shares.

Re-importing is safe. A file whose bytes have not changed is left alone. A
story an editor has changed since it was imported is not overwritten unless
the caller forces it. Each call is meant to run inside its own transaction.
"""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.text import slugify

from articles.models import Article, Category, Picture, Section
from articles.pictures import PictureRejected, check_picture_file

from .base import DocumentError, ParsedArticle, ParsedPicture

DEFAULT_SECTION = ("news", "News")


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


def save_article(parsed: ParsedArticle, *, force: bool = False, folder: Path | None = None):
    """Create or update the article for `parsed`; `folder` is where to look for picture files."""
    article = Article.objects.filter(source_name=parsed.source_name).first()
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

    _apply_fields(article, parsed)
    try:
        article.full_clean(exclude=["tags"])
    except ValidationError as error:
        raise DocumentError(_describe(error)) from None
    article.save()
    article.tags.set(parsed.tags, clear=True)
    article.categories.set([_category(name) for name in parsed.categories])
    if problems := _replace_pictures(article, parsed, folder):
        article.review_note = "\n".join(filter(None, [article.review_note, *problems]))
    article.import_fingerprint = article.content_fingerprint()
    article.save(update_fields=["import_fingerprint", "review_note"])
    return SaveResult(action, article)


def _apply_fields(article: Article, parsed: ParsedArticle) -> None:
    article.title = parsed.title
    article.standfirst = parsed.standfirst
    article.body = parsed.body
    article.byline = parsed.byline
    article.section = _section(parsed.section)
    article.published_at = parsed.published_at
    article.published_at_inferred = parsed.date_inferred
    article.review_note = "\n".join(parsed.review_notes)
    article.status = Article.Status.DRAFT if parsed.is_draft else Article.Status.PUBLISHED
    article.source_hash = parsed.source_hash
    # A published story keeps its address: only a new story gets a slug from its title.
    if parsed.slug or not article.slug:
        article.slug = _unique_slug(parsed.slug or parsed.title, exclude=article.pk)


def _unique_slug(text: str, *, exclude: int | None) -> str:
    base = slugify(text)[:200].strip("-") or "story"
    slug, number = base, 1
    taken = Article.objects.exclude(pk=exclude).filter(slug__startswith=base)
    existing = set(taken.values_list("slug", flat=True))
    while slug in existing:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _section(name: str) -> Section:
    if not name:
        slug, title = DEFAULT_SECTION
    else:
        slug = slugify(name)[:100] or DEFAULT_SECTION[0]
        title = name if name != slug else name.replace("-", " ").title()
    section, _ = Section.objects.get_or_create(slug=slug, defaults={"name": title[:100]})
    return section


def _category(name: str) -> Category:
    slug = slugify(name)[:100]
    if not slug:
        raise DocumentError(f"category {name!r} has no letters or digits")
    category, _ = Category.objects.get_or_create(
        slug=slug, defaults={"name": name[:100].capitalize() if name.islower() else name[:100]}
    )
    return category


def _replace_pictures(article: Article, parsed: ParsedArticle, folder: Path | None) -> list[str]:
    """Pictures belong to the imported copy: they are rebuilt with it. Returns any problems."""
    problems = []
    article.pictures.all().delete()
    for parsed_picture in parsed.pictures:
        picture = Picture(
            article=article,
            position=parsed_picture.position,
            caption=parsed_picture.caption,
            credit=parsed_picture.credit[:255],
            alt_text=parsed_picture.alt_text[:500],
            source_path=parsed_picture.source_path[:500],
            is_featured=parsed_picture.is_featured,
        )
        try:
            _attach_file(picture, parsed_picture, folder)
        except PictureRejected as error:
            problems.append(f"Picture {parsed_picture.source_path} was not stored: {error}.")
        picture.save()
    return problems


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
    check_picture_file(candidate)
    with candidate.open("rb") as handle:
        picture.file.save(candidate.name, File(handle), save=False)


def _describe(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
