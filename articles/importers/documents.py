"""From a path on disk to a ParsedArticle: finding files, reading them safely, naming their
source, picking a parser.

A file's *source name* is what ties it to its story from one import to the next:

- its path inside the folder imported, with forward slashes (``desk_a/story.md``), so
  two files of the same name in two folders are two stories; a file at the top of the
  folder, or named on its own, is its bare file name, as every import before this rule
  named it, so stories imported then are still found;
- or, when its front matter has an ``id`` field, ``id:<value>``: the story is then the
  same wherever the file is moved.

Imports before this rule named every file by its bare name, so a file whose source name
is now something else also remembers that *former name* (`Document.former_name`); the
batch step uses it to find a story, or a deletion, recorded under it.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ..models import BODY_MAX_LENGTH
from .base import DocumentError, ParsedArticle
from .frontmatter import front_matter_id, looks_like_frontmatter, parse_frontmatter
from .plaintext import parse_plaintext
from .text import clean_text

DOCUMENT_SUFFIXES = {".md", ".markdown", ".txt"}
MAX_SOURCE_NAME = 500  # Article.source_name's length


@dataclass(frozen=True)
class SourceFile:
    """A story file found for an import, and its path inside the folder imported."""

    path: Path
    relative: str

    @classmethod
    def named(cls, path: Path) -> "SourceFile":
        """A file named on its own: its bare file name."""
        return cls(path, path.name)


@dataclass(frozen=True)
class Document:
    """A story file read, checked and named, not yet parsed."""

    path: Path
    source_name: str
    source_hash: str
    text: str
    former_name: str = ""


def find_documents(paths: Iterable[Path]) -> list[SourceFile]:
    """Every story file named, or inside a folder named, in a stable order."""
    found: dict[Path, SourceFile] = {}
    for path in paths:
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                relative = candidate.relative_to(path)
                if (
                    candidate.suffix.lower() in DOCUMENT_SUFFIXES
                    and not any(part.startswith(".") for part in relative.parts)
                    and candidate.is_file()
                ):
                    found.setdefault(candidate, SourceFile(candidate, relative.as_posix()))
        elif path.is_file():
            found.setdefault(path, SourceFile.named(path))
        else:
            raise FileNotFoundError(f"No such file or folder: {path}")
    return list(found.values())


def read_text(raw: bytes, *, max_bytes: int) -> str:
    """The document's text, or a DocumentError saying why it is not a story file."""
    if len(raw) > max_bytes:
        raise DocumentError(f"file is {len(raw):,} bytes; the import limit is {max_bytes:,} bytes")
    if not raw.strip():
        raise DocumentError("file is empty")
    if b"\x00" in raw:
        raise DocumentError("file is binary, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"file is not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start})"
        ) from None
    if not text.strip():
        raise DocumentError("file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(source: SourceFile | Path) -> Document:
    """Read one file, check it is a story file, and name its source; DocumentError if not."""
    if isinstance(source, Path):
        source = SourceFile.named(source)
    relative = _checked_name(source.relative)
    raw = _read_at_most(source.path, settings.NEWSROOM_IMPORT_MAX_BYTES)
    text = read_text(raw, max_bytes=settings.NEWSROOM_IMPORT_MAX_BYTES)
    identifier = front_matter_id(text)
    source_name = f"id:{identifier}" if identifier else relative
    bare_name = _checked_name(source.path.name)
    return Document(
        path=source.path,
        source_name=source_name,
        source_hash=hashlib.sha256(raw).hexdigest(),
        text=text,
        former_name=bare_name if bare_name != source_name else "",
    )


def parse(document: Document, *, today: date | None = None) -> ParsedArticle:
    """Parse a document read by `read_document` with the importer its contents call for."""
    source = {
        "source_name": document.source_name,
        "source_hash": document.source_hash,
        "today": today or timezone.localdate(),
    }
    if looks_like_frontmatter(document.text):
        parsed = parse_frontmatter(document.text, **source)
    else:
        parsed = parse_plaintext(document.text, **source)
    if len(parsed.body) > BODY_MAX_LENGTH:
        raise DocumentError(
            f"the body is {len(parsed.body):,} characters; a story's limit is {BODY_MAX_LENGTH:,}"
        )
    return parsed


def parse_document(path: Path, *, today: date | None = None) -> ParsedArticle:
    """Read and parse one file named on its own."""
    return parse(read_document(path), today=today)


def _read_at_most(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; a file over the limit is refused without being read into memory."""
    with path.open("rb") as handle:
        raw = handle.read(max_bytes + 1)
        if len(raw) > max_bytes:
            size = max(path.stat().st_size, len(raw))
            raise DocumentError(f"file is {size:,} bytes; the import limit is {max_bytes:,} bytes")
    return raw


def _checked_name(name: str) -> str:
    """A path fit to be a source name: UTF-8, and short enough to store."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise DocumentError("the file's name is not UTF-8; rename it") from None
    cleaned = clean_text(name)
    if len(cleaned) > MAX_SOURCE_NAME:
        raise DocumentError(f"the file's path is longer than {MAX_SOURCE_NAME} characters")
    return cleaned
