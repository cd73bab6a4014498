"""Small text helpers shared by the importers, each linear in the length of its input."""

import html
import re

from newsroom.text import Translation, xml_safe

MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>])")
LINE_START_SPECIALS = re.compile(r"^(#|>|[-+*](?=\s)|\d+[.)](?=\s))")
# What a report line may show as it is; anything else is written as an escape.
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
REPORT_LENGTH = 300
# Beyond what XML forbids, the importer drops DEL and the C1 controls, which no copy
# means (U+0085, NEL, is a line break to YAML and to some editors: it becomes a space).
CONTROLS = Translation({**dict.fromkeys([0x7F, *range(0x80, 0xA0)]), 0x85: " "})


def clean_text(text: str) -> str:
    """`text` without characters XML forbids (`newsroom.text.xml_safe`) or control characters."""
    return CONTROLS(xml_safe(text))


def strip_tags(markup: str) -> str:
    """Plain text of a fragment of HTML, whitespace folded."""
    return " ".join(html.unescape(remove_tags(markup, " ")).split())


def remove_tags(markup: str, replacement: str) -> str:
    """``re.sub(r"<[^>]+>", replacement, markup)``, without its quadratic worst case.

    The expression tries every ``<`` again when no ``>`` follows; here the search
    stops there, since no later ``<`` has a ``>`` after it either.
    """
    parts, kept_from, position = [], 0, 0
    while (opening := markup.find("<", position)) >= 0:
        closing = markup.find(">", opening + 1)
        if closing < 0:
            break
        if closing == opening + 1:  # "<>" is not a tag
            position = opening + 1
            continue
        parts += [markup[kept_from:opening], replacement]
        kept_from = position = closing + 1
    parts.append(markup[kept_from:])
    return "".join(parts)


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


def one_line(text: str, *, limit: int = REPORT_LENGTH) -> str:
    """`text` fit for one line of a report on a terminal, cut to `limit` characters.

    A reason can quote the file (a headline, a date as written): its line breaks,
    terminal escape sequences and lone surrogates are shown as escapes instead of
    acting, or of failing to print.
    """
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = UNPRINTABLE.sub(lambda found: repr(found[0])[1:-1], text)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
