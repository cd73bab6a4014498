"""Why a file could not be imported, in one line for the person running the import.

An import never stops for one file. What a hostile or broken file can raise while it
is read, parsed or saved becomes that file's reason: the parsers' own DocumentError,
and the errors a library raises on input it cannot take (YAML, deep nesting, text the
database cannot encode, numbers and dates out of range, pictures Pillow refuses). Any
other exception is a bug, not a bad file: its traceback goes to the log, and the
file's line names it, so the rest of the run still imports.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import DatabaseError
from PIL import Image

from .base import DocumentError
from .text import one_line

logger = logging.getLogger("articles.importers")

# Errors a file's contents can cause, with the reason each gives; the first that fits is used.
EXPECTED = {
    DocumentError: "{error}",
    yaml.YAMLError: "invalid YAML: {error}",
    RecursionError: "the file is nested too deeply to read",
    UnicodeError: "the file holds text that cannot be stored ({error})",
    OverflowError: "a number or date in the file is out of range ({error})",
    Image.DecompressionBombError: "a picture it uses is too large to open ({error})",
    ValueError: "the file holds a value that cannot be used ({error})",
    OSError: "{error}",
    DatabaseError: "the database refused it: {error}",
}


@dataclass
class Failure:
    """Why the work on one file failed; empty while it has not."""

    reason: str = ""

    def __bool__(self) -> bool:
        return bool(self.reason)


@contextmanager
def failures_of(path: Path) -> Iterator[Failure]:
    """Turn any exception the block raises for `path` into the Failure it yields.

    Use it outside the block's transaction, so the work is rolled back first.
    """
    failure = Failure()
    try:
        yield failure
    except tuple(EXPECTED) as error:
        failure.reason = reason(error)
    except Exception as error:
        logger.exception("Importing %s failed unexpectedly", path)
        failure.reason = one_line(
            f"unexpected error ({type(error).__name__}: {_first_line(error)}); "
            "the log has the details"
        )


def reason(error: Exception) -> str:
    """The one-line reason an expected error gives."""
    template = next(text for kind, text in EXPECTED.items() if isinstance(error, kind))
    return one_line(template.format(error=_first_line(error)))


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
