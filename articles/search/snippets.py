"""Highlighted snippets: the words around a match, safe to put in a page.

The search engine marks each match in a stored text with two private-use
characters (MARK_START, MARK_END) that no story contains in practice. Here:

1. Markdown becomes the words a reader sees (`articles.rendering.markdown_to_text`,
   which the entity linker also uses): link and image addresses, HTML tags and
   [[picture:N]] markers go, so a match inside an address is dropped with it.
2. A window of SNIPPET_WORDS words is cut around the densest run of matches, and a
   word longer than LONGEST_WORD (a run of pasted symbols) is cut short.
3. The text is HTML-escaped, and only then do balanced marker pairs become
   <mark>…</mark>. Whatever a story contains, `<script>` included, comes out as
   text; a stray marker is removed.

Engines mark whole stored texts rather than cutting fragments themselves: a
fragment cut from Markdown can start or end inside a link address, and could
then no longer be cleaned. Only the hits on one page of results are marked.
"""

import re
from bisect import bisect_left

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..rendering import markdown_to_text

MARK_START = "\ue000"
MARK_END = "\ue001"
SNIPPET_WORDS = 30
# Words of context shown before the first match in a snippet.
LEAD_WORDS = 6
ELLIPSIS = "…"
# Longer "words" are cut to this many characters in a snippet; the longest English
# words are shorter, and a page of results should not carry 80 KB of "![![![".
LONGEST_WORD = 40

PAIR = re.compile(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}")
MARKER = re.compile(f"[{MARK_START}{MARK_END}]")
# Emphasis and code markers around words; underscores inside words are kept.
EMPHASIS = re.compile(r"\*+|`+|~~|(?<![^\W_])_+|_+(?![^\W_])")


def readable(markdown: str) -> str:
    """Plain words from Markdown, one space apart, with balanced match markers."""
    text = EMPHASIS.sub("", markdown_to_text(markdown))
    return " ".join(_drop_unpaired(text).split())


def excerpt(text: str, *, size: int = SNIPPET_WORDS) -> str:
    """About `size` words of readable text around its densest run of matches."""
    words = [_shortened(word) for word in text.split()]
    if len(words) <= size:
        return " ".join(words)
    marked = [index for index, word in enumerate(words) if MARK_START in word]
    start = max(
        (max(0, index - LEAD_WORDS) for index in marked),
        key=lambda start: bisect_left(marked, start + size) - bisect_left(marked, start),
        default=0,
    )
    end = min(start + size, len(words))
    window = " ".join(words[start:end])
    if _is_open(" ".join(words[:start])):
        window = MARK_START + window
    if _is_open(" ".join(words[:end])):
        window += MARK_END
    return (ELLIPSIS + " " if start else "") + window + (" " + ELLIPSIS if end < len(words) else "")


def to_html(text: str) -> SafeString:
    """Escape the text, then turn each marked span into <mark>."""
    html = PAIR.sub(r"<mark>\1</mark>", escape(text))
    return mark_safe(MARKER.sub("", html))


def snippet(*, standfirst: str, body: str) -> SafeString:
    """The best snippet of a hit, from its engine-marked standfirst and body.

    A standfirst that matches says best what the story is; failing that, the
    matching part of the body; failing both (the match was in the headline),
    the standfirst, or the opening of the body.
    """
    texts = [readable(standfirst), readable(body)]
    chosen = next((text for text in texts if MARK_START in text), texts[0] or texts[1])
    return to_html(excerpt(chosen))


def mark_words(text: str, words: list[str]) -> str:
    """Mark where each word starts a word of `text`, ignoring case.

    For engines that cannot mark matches themselves (the icontains fallback).
    """
    if not words:
        return text
    alternation = "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W_])({alternation})", re.IGNORECASE)
    return pattern.sub(rf"{MARK_START}\1{MARK_END}", text)


def _drop_unpaired(text: str) -> str:
    """Remove markers that lost their partner (e.g. one inside a dropped link address)."""
    kept, last = [], 0
    for pair in PAIR.finditer(text):
        kept += [MARKER.sub("", text[last : pair.start()]), pair.group(0)]
        last = pair.end()
    kept.append(MARKER.sub("", text[last:]))
    return "".join(kept)


def _shortened(word: str) -> str:
    """The word, or if it is too long its start, or the part around its first match."""
    if len(word) <= LONGEST_WORD:
        return word
    start = word.find(MARK_START)
    if start == -1:
        return word[:LONGEST_WORD] + ELLIPSIS
    end = word.find(MARK_END, start)
    end = len(word) if end == -1 else end + 1
    begin, finish = max(0, start - LONGEST_WORD // 2), min(len(word), end + LONGEST_WORD // 2)
    return (
        (ELLIPSIS if begin else "") + word[begin:finish] + (ELLIPSIS if finish < len(word) else "")
    )


def _is_open(text: str) -> bool:
    return text.rfind(MARK_START) > text.rfind(MARK_END)
