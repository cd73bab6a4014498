"""Small text helpers shared by the importers."""

import html
import re

MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>])")
LINE_START_SPECIALS = re.compile(r"^(#|>|[-+*](?=\s)|\d+[.)](?=\s))")


def strip_tags(markup: str) -> str:
    """Plain text of a fragment of HTML, whitespace folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def escape_markdown(text: str) -> str:
    """Plain copy as markdown that renders exactly as written."""
    escaped = MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return LINE_START_SPECIALS.sub(r"\\\1", escaped)


def split_first_paragraph(body: str) -> tuple[str, str]:
    """The opening paragraph (to serve as standfirst) and the rest of the body."""
    first, _, rest = body.strip().partition("\n\n")
    if first.startswith("[[picture:"):
        return "", body.strip()
    return " ".join(first.split()), rest.strip()
