"""From a path on disk to a ParsedArticle: finding files, reading them safely, picking a parser."""

import hashlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .base import DocumentError, ParsedArticle
from .frontmatter import looks_like_frontmatter, parse_frontmatter
from .plaintext import parse_plaintext

DOCUMENT_SUFFIXES = {".md", ".markdown", ".txt"}


def find_documents(paths: Iterable[Path]) -> list[Path]:
    """Every story file named, or inside a folder named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    candidate
                    for candidate in path.rglob("*")
                    if candidate.is_file()
                    and candidate.suffix.lower() in DOCUMENT_SUFFIXES
                    and not any(part.startswith(".") for part in candidate.parts)
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"No such file or folder: {path}")
    return list(dict.fromkeys(found))


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
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_document(path: Path, *, today: date | None = None) -> ParsedArticle:
    """Read one file and parse it with the importer its contents call for."""
    raw = path.read_bytes()
    text = read_text(raw, max_bytes=settings.NEWSROOM_IMPORT_MAX_BYTES)
    source = {
        "source_name": path.name,
        "source_hash": hashlib.sha256(raw).hexdigest(),
        "today": today or timezone.localdate(),
    }
    if looks_like_frontmatter(text):
        return parse_frontmatter(text, **source)
    return parse_plaintext(text, **source)
