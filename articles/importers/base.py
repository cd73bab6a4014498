"""What every importer produces, whatever format it reads."""

from dataclasses import dataclass, field, fields
from datetime import datetime

from .text import clean_text

# More pictures than any story carries: a file with more is not a story but a flood.
MAX_PICTURES = 1000


class DocumentError(Exception):
    """A file that cannot become an article; the message says why in one line."""


@dataclass
class ParsedPicture:
    caption: str = ""
    credit: str = ""
    alt_text: str = ""
    source_path: str = ""
    is_featured: bool = False
    position: int = 0


@dataclass
class ParsedArticle:
    source_name: str
    source_hash: str
    format: str
    title: str
    body: str = ""
    standfirst: str = ""
    byline: str = ""
    slug: str = ""
    section: str = ""
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    date_inferred: bool = False
    is_draft: bool = False
    pictures: list[ParsedPicture] = field(default_factory=list)
    review_notes: list[str] = field(default_factory=list)

    def add_picture(self, picture: ParsedPicture) -> str:
        """Number the picture and return the body marker that places it."""
        if len(self.pictures) >= MAX_PICTURES:
            raise DocumentError(f"the story has more than {MAX_PICTURES:,} pictures")
        picture.position = len(self.pictures) + 1
        self.pictures.append(picture)
        return picture_marker(picture.position)


def picture_marker(position: int) -> str:
    return f"[[picture:{position}]]"


def cleaned(article: ParsedArticle) -> ParsedArticle:
    """`article` with every text it holds, its pictures' too, cleaned by `clean_text`
    (what XML forbids, `newsroom.text.xml_safe`, and control characters).

    Stories are written with bulk_create, which no model save hook sees, so the parse
    step is where text is cleaned: a lone surrogate or a control character from a
    YAML escape ("\\ud800", "\\x07") never reaches the database, a feed or a page.
    """
    _clean_fields(article)
    for picture in article.pictures:
        _clean_fields(picture)
    return article


def _clean_fields(record) -> None:
    for item in fields(record):
        value = getattr(record, item.name)
        if isinstance(value, str):
            setattr(record, item.name, clean_text(value))
        elif isinstance(value, list) and all(isinstance(entry, str) for entry in value):
            entries = (clean_text(entry) for entry in value)
            setattr(record, item.name, [entry for entry in entries if entry.strip()])
