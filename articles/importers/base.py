"""What every importer produces, whatever format it reads."""

from dataclasses import dataclass, field
from datetime import datetime


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
        picture.position = len(self.pictures) + 1
        self.pictures.append(picture)
        return picture_marker(picture.position)


def picture_marker(position: int) -> str:
    return f"[[picture:{position}]]"
