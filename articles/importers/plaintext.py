"""Plain-text copy, as agencies and news sites paste it.

The shape: headline on the first line, standfirst next, then the body, one
paragraph per block of lines (a single line break inside a block is a wrap).
Around that, the furniture copy carries:

- a dateline such as "Friday, 25th March 2022 — By Isabelle Stanley" (date and byline);
- photo captions: a line ending "-Credit:Photographer/Agency", or a short line
  with no closing punctuation standing on its own between paragraphs;
- site furniture such as "READ MORE: …" and "Related Articles", which is not body text.

A picture that comes before the first body paragraph is the story's lead
picture; later ones are placed in the body where they stood.

Every rule reads a line in time linear in its length (`credit_line` says how the
credit rule manages it), and the text is cleaned of what XML forbids and of control
characters on the way in (`text.clean_text`).
"""

import re
from datetime import date

from .base import DocumentError, ParsedArticle, ParsedPicture, cleaned
from .dates import FULL_DATE_PATTERNS, date_article_from_copy
from .text import clean_text, escape_markdown

NAME_WORD = r"[A-Z][\w'’.-]*"
BYLINE = rf"By\s+(?P<byline>{NAME_WORD}(?:\s+(?:{NAME_WORD}|and|de|van|von|bin))*)"
DATELINE_BYLINE = re.compile(rf"{BYLINE}\s*$")
BYLINE_LINE = re.compile(rf"^{BYLINE}$")
CREDIT_MARK = re.compile(r"credit\s*:", re.I)
CREDIT_WORD = re.compile(r"(?:photo|picture|image)\s+", re.I)
CREDIT_SEPARATORS = "-–—|("
FURNITURE = re.compile(
    r"^(?:related articles?|related stories|read more\b.*|more on this story|advertisement|"
    r"share this article|sign up\b.*|follow us\b.*)$",
    re.I,
)
DATELINE_MAX_WORDS = 15
CAPTION_MAX_WORDS = 20
TITLE_MAX_WORDS = 40
SENTENCE_END = tuple(".!?:;,\"'”’…)")


def parse_plaintext(text: str, *, source_name: str, source_hash: str, today: date) -> ParsedArticle:
    blocks = _blocks(clean_text(text))
    if not blocks:
        raise DocumentError("file is empty")
    title = blocks[0].pop(0)
    if len(title.split()) > TITLE_MAX_WORDS or title.endswith((".", ",")):
        raise DocumentError("no title: the first line should be a headline, not a paragraph")
    reader = _Reader(
        ParsedArticle(
            source_name=source_name, source_hash=source_hash, format="plaintext", title=title
        )
    )
    for block in blocks:
        reader.read_block(block)
    article = reader.article
    article.body = "\n\n".join(reader.body)
    date_article_from_copy(
        article, dateline="\n".join(reader.datelines), copy="\n".join(reader.copy), today=today
    )
    return cleaned(article)


def _blocks(text: str) -> list[list[str]]:
    """Runs of non-blank lines, each line with its whitespace folded."""
    blocks: list[list[str]] = [[]]
    for raw_line in text.split("\n"):
        line = " ".join(raw_line.split())
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


class _Reader:
    """Walks the blocks in order, sorting each line into headline furniture, pictures or body."""

    def __init__(self, article: ParsedArticle):
        self.article = article
        self.body: list[str] = []  # markdown paragraphs and picture markers
        self.copy: list[str] = []  # the same paragraphs as plain text, for date finding
        self.datelines: list[str] = []

    def read_block(self, block: list[str]) -> None:
        lines: list[str] = []
        for line in block:
            if FURNITURE.match(line):
                continue
            if self._is_dateline(line):
                self.datelines.append(line)
                if byline := DATELINE_BYLINE.search(line):
                    self.article.byline = byline["byline"]
            elif not self.article.byline and not self.body and (byline := BYLINE_LINE.match(line)):
                self.article.byline = byline["byline"]
            elif credit := credit_line(line):
                self._add_paragraph(lines)
                lines = []
                caption, credited = credit
                self._add_picture(
                    ParsedPicture(caption=caption.strip(" -–—|"), credit=credited.strip())
                )
            else:
                lines.append(line)
        self._add_paragraph(lines)

    def _is_dateline(self, line: str) -> bool:
        return (
            not self.body
            and len(line.split()) <= DATELINE_MAX_WORDS
            and any(pattern.search(line) for pattern in FULL_DATE_PATTERNS)
        )

    def _add_paragraph(self, lines: list[str]) -> None:
        if not lines:
            return
        paragraph = " ".join(lines)
        if not self.article.standfirst:
            self.article.standfirst = paragraph
        elif _is_caption(paragraph):
            self._add_picture(ParsedPicture(caption=paragraph))
        else:
            self.body.append(escape_markdown(paragraph))
            self.copy.append(paragraph)

    def _add_picture(self, picture: ParsedPicture) -> None:
        has_lead = any(existing.is_featured for existing in self.article.pictures)
        if not self.body and not has_lead:
            picture.is_featured = True
            self.article.add_picture(picture)
        else:
            self.body.append(self.article.add_picture(picture))


def _is_caption(paragraph: str) -> bool:
    """A short stand-alone line with no closing punctuation: a photo caption in this copy style."""
    return (
        len(paragraph.split()) <= CAPTION_MAX_WORDS
        and not paragraph.endswith(SENTENCE_END)
        and not paragraph.startswith(("“", '"', "‘", "'"))
        and not paragraph.isupper()
    )


def credit_line(line: str) -> tuple[str, str] | None:
    """A photo caption's text and its credit, from "Caption -Credit:Name/Agency"; or None.

    What ``^(.*?)\\s*[-–—|(]?\\s*(?:photo\\s+|picture\\s+|image\\s+)?credit\\s*:\\s*([^)]+?)\\)?$``
    (case-insensitive) matched, found in one pass: that expression retries every
    "credit:" against the rest of the line, which is quadratic on a hostile line.
    The credit runs to the end of the line, with no ")" in it but one closing the line;
    so the first "credit:" after the last such ")" is the one, and the caption is what
    comes before it, less the separator and "photo" word the expression takes.
    """
    credit_end = len(line) - 1 if line.endswith(")") else len(line)
    inner_parenthesis = line.rfind(")", 0, credit_end)
    for mark in CREDIT_MARK.finditer(line, inner_parenthesis + 1):
        if mark.end() >= credit_end:
            return None  # nothing left for a credit, here or at any later mark
        credit = line[mark.end() : credit_end]
        stripped = credit.lstrip()
        return line[: _caption_end(line, mark.start())], stripped or credit[-1]
    return None


def _caption_end(line: str, mark: int) -> int:
    """Where the caption ends: before the "photo " word, spaces and separator ahead of `mark`."""
    end = _spaces_before(line, mark)
    if end < mark:
        for word_length in (5, 7):  # "photo", "image"; "picture"
            if end >= word_length and CREDIT_WORD.fullmatch(line, end - word_length, mark):
                end = end - word_length
                break
    end = _spaces_before(line, end)
    if end > 0 and line[end - 1] in CREDIT_SEPARATORS:
        end = _spaces_before(line, end - 1)
    return end


def _spaces_before(line: str, end: int) -> int:
    while end > 0 and line[end - 1].isspace():
        end -= 1
    return end
