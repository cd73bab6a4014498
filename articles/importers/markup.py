"""Pictures in a story's markup, found in time linear in its length.

An expression such as ``<figure\\b[^>]*>(.*?)</figure>`` reads as one pass but is
not: where it fails, Python's engine starts again at the next position, so 50,000
unclosed ``<figure>`` tags make it read the rest of the file 50,000 times (83 seconds
for 400 KB). The finders here only ever search forward, and stop as soon as what
they need is nowhere ahead: with no ``>`` left, no later tag can end either.

They find what the expressions they replace found (the tests compare the two on
generated input): an element runs from its opening tag to the first closing tag
after it, not nested; a markdown image is ``![alt](src "title")``.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

SPACES = re.compile(r"\s*")
SOURCE = re.compile(r"[^)\s]*")


@dataclass(frozen=True)
class Element:
    """``<name attributes>inner</name>`` found at text[start:end]."""

    start: int
    end: int
    attributes: str
    inner: str


@dataclass(frozen=True)
class Image:
    """``![alt](source "title")`` found at text[start:end]."""

    start: int
    end: int
    alt: str
    source: str
    title: str | None


@cache
def _tags(name: str) -> tuple[re.Pattern, re.Pattern]:
    return re.compile(rf"<{name}\b", re.I), re.compile(rf"</{name}>", re.I)


def elements(text: str, name: str) -> Iterator[Element]:
    """Each ``<name ...>...</name>`` in `text`, in order, as ``re.finditer`` would find them."""
    opening, closing = _tags(name)
    position = 0
    while (opened := opening.search(text, position)) is not None:
        tag_end = text.find(">", opened.end())
        if tag_end < 0:
            return
        closed = closing.search(text, tag_end + 1)
        if closed is None:
            return
        yield Element(
            opened.start(),
            closed.end(),
            text[opened.end() : tag_end],
            text[tag_end + 1 : closed.start()],
        )
        position = closed.end()


def first_element(text: str, name: str) -> Element | None:
    return next(elements(text, name), None)


def first_tag(text: str, name: str) -> str | None:
    """The attributes of the first ``<name ...>`` tag in `text` (``<name\\b([^>]*)>``)."""
    opening, _ = _tags(name)
    opened = opening.search(text)
    if opened is None:
        return None
    tag_end = text.find(">", opened.end())
    return None if tag_end < 0 else text[opened.end() : tag_end]


def markdown_images(text: str) -> Iterator[Image]:
    """Each markdown image in `text`, in order, as ``re.finditer`` would find them.

    Every ``![`` between one ``]`` and the next shares that ``]``, and so what follows
    it: if the first of them is no image, none is. And when what follows a ``](`` fails
    after a long source, a later ``](`` inside that source would fail the same way,
    so it is not read again.
    """
    position, dead_until = 0, -1
    while (start := text.find("![", position)) >= 0:
        bracket = text.find("]", start + 2)
        if bracket < 0:
            return
        if bracket + 2 < dead_until:
            position = bracket + 1
            continue
        image, source_end = _image_tail(text, bracket)
        if image is None:
            dead_until = max(dead_until, source_end)
            position = bracket + 1
            continue
        alt, (source, title, end) = text[start + 2 : bracket], image
        yield Image(start, end, alt, source, title)
        position = end


def image_at(text: str, start: int) -> Image | None:
    """The markdown image starting exactly at `start`, if there is one."""
    if not text.startswith("![", start):
        return None
    bracket = text.find("]", start + 2)
    if bracket < 0:
        return None
    image, _ = _image_tail(text, bracket)
    if image is None:
        return None
    source, title, end = image
    return Image(start, end, text[start + 2 : bracket], source, title)


def _image_tail(text: str, bracket: int):
    """What ``](source "title")`` at `bracket` holds, or None; and where its source ends.

    The same as ``\\]\\(\\s*([^)\\s]+)(?:\\s+"([^"]*)")?\\s*\\)``: the source takes all it can,
    so there is only one way for the rest to match.
    """
    if not text.startswith("](", bracket):
        return None, bracket
    source_start = SPACES.match(text, bracket + 2).end()
    source_end = SOURCE.match(text, source_start).end()
    if source_end == source_start:
        return None, source_end
    after = SPACES.match(text, source_end).end()
    if text.startswith(")", after):
        return (text[source_start:source_end], None, after + 1), source_end
    if after > source_end and text.startswith('"', after):
        quote = text.find('"', after + 1)
        if quote >= 0:
            close = SPACES.match(text, quote + 1).end()
            if text.startswith(")", close):
                title = text[after + 1 : quote]
                return (text[source_start:source_end], title, close + 1), source_end
    return None, source_end
