"""Raw HTML in a story counts as markup only when a browser would read it as an element.

Editors may write HTML in Markdown (a ``<sup>``, a ``<table>``), and the sanitiser
removes script, style, iframe and their like together with everything inside them. A
browser, and the sanitiser's parser, reads an element that is never closed as running to
the end of the page: "Use the <script> tag to load it" once made every word after it
disappear. So:

1. A ``<`` that does not start a complete tag, comment, declaration, processing
   instruction or CDATA section (CommonMark's definitions, which markdown-it uses for
   what it passes through) is text.
2. The opening tag of an element that swallows what follows (SWALLOWING) is a tag only
   if its closing tag comes later; otherwise it is text. ``<plaintext>`` can never be
   closed, so it is always text.

`escape_stray_markup` applies this to rendered HTML before it is sanitised, so readers
see those words, escaped; closed elements are left for the sanitiser to remove.
`strip_markup` applies it to Markdown to get plain text (search snippets, the linker):
tags and comments go, closed swallowing elements go with their contents, and the rest
stays.

Both look at each ``<`` once, and never scan for a terminator that is not there: the
last place of each terminator and every closing tag are found in one pass first, so
the work is linear in the text's length, whatever it holds.
"""

import re
from bisect import bisect_left
from collections.abc import Iterator
from enum import Enum

from markdown_it.common.html_re import close_tag, open_tag

# Left open, these take the rest of the page with them: the sanitiser drops them with
# their contents, or the parser reads everything after them as raw text.
SWALLOWING = frozenset(
    {
        *("script", "style", "iframe", "object", "svg", "math", "template", "noscript"),
        *("textarea", "title", "xmp", "noembed", "noframes", "plaintext"),
    }
)
NEVER_CLOSED = frozenset({"plaintext"})

OPEN_TAG = re.compile(open_tag)
CLOSE_TAG = re.compile(close_tag)
TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
SWALLOWING_CLOSER = re.compile(
    r"</(" + "|".join(sorted(SWALLOWING)) + r")(?=[\s/>])", re.IGNORECASE
)
# Constructs that end at a fixed string: comments, CDATA, processing instructions and
# declarations. What starts one, what ends it, and where the search for the end begins
# (so "<!-->" is a whole, empty comment).
TERMINATED = (
    (re.compile(r"<!--"), "-->", 2),
    (re.compile(r"<!\[CDATA\["), "]]>", 9),
    (re.compile(r"<\?"), "?>", 2),
    (re.compile(r"<![A-Za-z]"), ">", 2),
)


class Piece(Enum):
    STRAY = "a < that is text"
    TAG = "a tag, comment or the like"
    ELEMENT = "a swallowing element with everything up to its closing tag"


def escape_stray_markup(html: str) -> str:
    """`html` with every stray ``<`` escaped, so the sanitiser keeps what follows as text."""
    parts, last = [], 0
    for start, _, piece in _pieces(html):
        if piece is Piece.STRAY:
            parts += [html[last:start], "&lt;"]
            last = start + 1
    parts.append(html[last:])
    return "".join(parts)


def strip_markup(text: str) -> str:
    """`text` without tags, comments and closed swallowing elements; stray ``<`` stay."""
    parts, last = [], 0
    for start, end, piece in _pieces(text):
        if piece is not Piece.STRAY:
            parts += [text[last:start], " "]
            last = end
    parts.append(text[last:])
    return "".join(parts)


def _pieces(text: str) -> Iterator[tuple[int, int, Piece]]:
    """Each ``<`` that starts something, left to right, with where it ends and what it is."""
    closers = _closers(text)
    last_end = {end: text.rfind(end) for _, end, _ in TERMINATED}
    start = text.find("<")
    while start != -1:
        end, piece = _piece_at(text, start, closers, last_end)
        yield start, end, piece
        start = text.find("<", end)


def _piece_at(
    text: str, start: int, closers: dict[str, list[int]], last_end: dict[str, int]
) -> tuple[int, Piece]:
    """Where what starts at `start` ends, and what it is."""
    stray = (start + 1, Piece.STRAY)
    following = text[start + 1 : start + 2]
    if not following or not (following.isascii() and (following.isalpha() or following in "!?/")):
        return stray  # "a < b", "<<", "<3", a "<" at the end: nothing that could be markup
    for opening, ending, skip in TERMINATED:
        if opening.match(text, start):
            # Only searched for when it is there, so the search always stops at it.
            if last_end[ending] < start + skip:
                return stray
            return text.find(ending, start + skip) + len(ending), Piece.TAG
    tag = (OPEN_TAG if text[start + 1 : start + 2] != "/" else CLOSE_TAG).match(text, start)
    if tag is None:
        return stray
    name = TAG_NAME.match(text, start).group(1).lower()
    if text[start + 1] == "/" or name not in SWALLOWING:
        return tag.end(), Piece.TAG
    closer = _first_after(closers.get(name, []), tag.end())
    if closer is None or name in NEVER_CLOSED:
        return stray
    closed_at = text.find(">", closer)
    return (len(text) if closed_at == -1 else closed_at + 1), Piece.ELEMENT


def _closers(text: str) -> dict[str, list[int]]:
    """Where each swallowing element's closing tags start, in order."""
    found: dict[str, list[int]] = {}
    for match in SWALLOWING_CLOSER.finditer(text):
        found.setdefault(match.group(1).lower(), []).append(match.start())
    return found


def _first_after(positions: list[int], position: int) -> int | None:
    index = bisect_left(positions, position)
    return positions[index] if index < len(positions) else None
