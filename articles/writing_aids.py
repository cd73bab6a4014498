"""What the article form tells a journalist while they write: words, reading time, lengths.

The rules, in one place (the form's script only shows what these return, through the
body preview endpoint, so the screen and the tests read the same numbers):

- A word is a run of non-space characters with a letter or digit in it, counted in
  the words a reader sees (`rendering.markdown_to_text`): link addresses, picture
  markers and markup are not words, and neither is a dash standing alone.
- Reading time is the words at WORDS_PER_MINUTE, rounded up; any words take a minute.
- Lengths are characters as a reader counts them (code points), spaces at the ends
  left out. Search results show about SEO_TITLE_CHARS of a headline and about
  DESCRIPTION_CHARS of the standfirst, which is the page's description; a
  standfirst under DESCRIPTION_MIN_CHARS leaves search engines to pick their own text.
"""

import math
import re
from dataclasses import dataclass

from .rendering import markdown_to_text

WORDS_PER_MINUTE = 230
SEO_TITLE_CHARS = 60
DESCRIPTION_CHARS = 160
DESCRIPTION_MIN_CHARS = 70

# A letter or a digit: what makes a run of characters a word.
WORDLIKE = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Advice:
    """A length and what to do about it; `level` is "ok", "short" or "long" ("" if empty)."""

    length: int
    limit: int
    level: str
    message: str


def word_count(markdown: str) -> int:
    return sum(1 for token in markdown_to_text(markdown).split() if WORDLIKE.search(token))


def reading_minutes(words: int) -> int:
    return math.ceil(words / WORDS_PER_MINUTE)


def reading_time(words: int) -> str:
    """What the form shows: "1 word, 1 minute to read", "1,460 words, 7 minutes to read"."""
    if words == 0:
        return "No words yet"
    minutes = reading_minutes(words)
    counted = f"{words:,} word{'s' if words != 1 else ''}"
    return f"{counted}, {minutes} minute{'s' if minutes != 1 else ''} to read"


def headline_advice(headline: str) -> Advice:
    length = len(headline.strip())
    if length == 0:
        return Advice(0, SEO_TITLE_CHARS, "", f"Search results show about {SEO_TITLE_CHARS}.")
    if length > SEO_TITLE_CHARS:
        return Advice(
            length,
            SEO_TITLE_CHARS,
            "long",
            f"Search results cut it after about {SEO_TITLE_CHARS}: put the key words first.",
        )
    return Advice(length, SEO_TITLE_CHARS, "ok", "Fits in search results.")


def standfirst_advice(standfirst: str) -> Advice:
    length = len(standfirst.strip())
    if length == 0:
        return Advice(
            0, DESCRIPTION_CHARS, "", "Search results and shared links show it as the summary."
        )
    if length > DESCRIPTION_CHARS:
        return Advice(
            length,
            DESCRIPTION_CHARS,
            "long",
            f"Search results cut the summary after about {DESCRIPTION_CHARS}.",
        )
    if length < DESCRIPTION_MIN_CHARS:
        return Advice(
            length,
            DESCRIPTION_CHARS,
            "short",
            "Short: search engines may take other words from the story instead.",
        )
    return Advice(length, DESCRIPTION_CHARS, "ok", "Fits as the summary in search results.")
