"""Markdown becomes HTML here, and nowhere else (and plain text, for linking and search).

The pipeline, in order:

1. markdown-it-py parses the body as CommonMark. Raw HTML in the source is let
   through at this stage, so an editor can still write a ``<sup>`` or a
   ``<table>``; markdown-it also refuses to make links out of ``javascript:``,
   ``vbscript:``, ``file:`` and most ``data:`` URLs. Pipe tables (GitHub's
   syntax) are read too; a column's alignment becomes an ``align-*`` class,
   because no style attribute survives step 3.
   An HTML block that would run to the end of the story because its end never
   comes (an unclosed ``<script>`` or ``<!--`` at the start of a line) is read as
   an ordinary paragraph instead, so the rest of the story is still Markdown.
2. Raw HTML counts only where a browser would read it as an element
   (`articles.raw_html`): a ``<`` that starts no complete tag, or opens a script,
   style, iframe or the like that is never closed, is escaped and shown as text.
   Otherwise "Use the <script> tag" would take every word after it away.
3. nh3 keeps only the tags, attributes and URL schemes listed below and drops
   everything else. Whatever came in, what comes out cannot run script, load
   another document or restyle the page. Script and style elements go with
   their contents; other unknown tags are unwrapped and their text kept.
4. A paragraph that is only ``[[picture:N]]`` is replaced with the article's
   picture number N. This happens after sanitising because the figure markup
   is ours, from ``articles/_picture.html``, and would not survive the
   allow-list. A number with no picture renders nothing.
5. A picture whose file has not arrived (an import knew only its path) renders
   nothing for readers: its caption, credit and alt text describe a photograph
   they cannot see. The staff's live preview (`render_markdown`) shows it as a
   captioned placeholder instead, so the editor sees where it will go.
"""

import importlib
import re
from collections.abc import Iterable
from html import unescape

import nh3
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.rules_block.html_block import HTML_SEQUENCES, html_block

from .models import Article, Picture
from .raw_html import escape_stray_markup, strip_markup

ALLOWED_TAGS = frozenset(
    {
        *("p", "br", "hr", "blockquote", "pre", "code"),
        *("h2", "h3", "h4", "h5", "h6"),
        *("a", "em", "strong", "s", "sup", "sub"),
        *("ul", "ol", "li"),
        *("figure", "figcaption"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"),
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# How a pipe table's column is aligned (`|:-:|`), as the only classes a body may carry.
ALIGN_CLASSES = frozenset({"align-left", "align-center", "align-right"})
ALLOWED_CLASSES = {"th": ALIGN_CLASSES, "td": ALIGN_CLASSES}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed together with everything inside them, rather than unwrapped to text.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"}
)

PICTURE_MARKER = re.compile(r"<p>\[\[picture:(\d+)\]\]</p>\n?")


def _demote_top_headings(state) -> None:
    """The headline is the page's only h1, so a `# Heading` in the body becomes an h2."""
    for token in state.tokens:
        if token.type in {"heading_open", "heading_close"} and token.tag == "h1":
            token.tag = "h2"


def _align_by_class(state) -> None:
    """A table cell's `style="text-align:right"` becomes `class="align-right"`."""
    for token in state.tokens:
        if token.type in {"th_open", "td_open"} and (style := token.attrs.pop("style", None)):
            token.attrSet("class", "align-" + str(style).removeprefix("text-align:"))


# CommonMark's HTML blocks that end only at a closing sequence (`</script>`, `-->`, `?>`,
# `>`, `]]>`), not at a blank line; markdown-it lists them first.
CLOSED_BLOCKS = HTML_SEQUENCES[:5]


def _html_block_if_closed(state, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's HTML block rule, declining a block whose closing sequence never comes.

    Where each closing sequence last occurs is found once per story, in `state.env`.
    """
    start = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("<", start):
        return False
    line = state.src[start : state.eMarks[start_line]]
    for opening, closing, _ in CLOSED_BLOCKS:
        if opening.search(line):
            last = state.env.setdefault("last_block_closings", {})
            if closing not in last:
                last[closing] = max((m.start() for m in closing.finditer(state.src)), default=-1)
            if last[closing] < start:
                return False
            break
    return html_block(state, start_line, end_line, silent)


# A table row shorter than its header is filled with empty cells, so "x" on each line
# under a 500-column header made 65,536 cells (markdown-it's own limit) out of 20 KB,
# and took 2 seconds to render. A news table leaves nothing like 4,096 cells empty.
# (The package exports the rule function under the module's name, hence importlib.)
MAX_EMPTY_TABLE_CELLS = 4096
importlib.import_module(
    "markdown_it.rules_block.table"
).MAX_AUTOCOMPLETED_CELLS = MAX_EMPTY_TABLE_CELLS

_markdown = MarkdownIt("commonmark", {"html": True}).enable("table")
_markdown.block.ruler.at(
    "html_block", _html_block_if_closed, {"alt": ["paragraph", "reference", "blockquote"]}
)
_markdown.core.ruler.push("demote_top_headings", _demote_top_headings)
_markdown.core.ruler.push("align_by_class", _align_by_class)

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    # No target attribute survives, so links cannot open a window that could
    # reach back to this page; referrers are left to the site's policy.
    link_rel=None,
)


# For markdown_to_text: constructs whose addresses or syntax are not words a reader sees.
# Every pattern runs in time linear in the text: a bracketed part stops at the next
# bracket, an address at the next space or parenthesis, and repeats are possessive
# (`*+`), so a failed match is never retried from inside itself. HTML is
# `raw_html.strip_markup`'s job, which scans each "<" once.
ANY_PICTURE_MARKER = re.compile(r"\[\[\s*+picture\s*+:\s*+\d++\s*+\]\]", re.IGNORECASE)
LINK_TARGET = r"\(\s*+<?(?:[^()\s]|\([^()\s]*+\))*+>?(?:\s++(?:\"[^\"]*+\"|'[^']*+'))?\s*+\)"
IMAGE = re.compile(r"!\[([^\[\]]*+)\]" + LINK_TARGET)
LINK = re.compile(r"\[([^\[\]]*+)\]" + LINK_TARGET)
REFERENCE_LINK = re.compile(r"!?\[([^\[\]]*+)\]\[[^\[\]]*+\]")
LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\[\]]++\]:[ \t]*+\n?[ \t]*+\S++.*$", re.MULTILINE)
AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9.+-]{1,31}:|[^<>\s@]++@)[^<>\s]*+>")
BARE_URL = re.compile(r"https?://\S++")
BLOCK_MARKER = re.compile(r"^[ \t]*+(?:(?:#{1,6}|[-*+>]|\d++[.)])[ \t]++)++", re.MULTILINE)
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def markdown_to_text(markdown: str) -> str:
    """The words a reader sees, without addresses or markup that could look like names.

    HTML follows the page's rule (`articles.raw_html`): tags and comments go, a closed
    script or style goes with its contents, and an unclosed one stays as words.
    """
    text = ANY_PICTURE_MARKER.sub(" ", markdown)
    text = IMAGE.sub(r"\1", text)
    text = LINK.sub(r"\1", text)
    text = REFERENCE_LINK.sub(r"\1", text)
    text = LINK_DEFINITION.sub("", text)
    text = AUTOLINK.sub(" ", text)
    text = strip_markup(text)
    text = BARE_URL.sub(" ", text)
    text = BLOCK_MARKER.sub("", text)
    text = ESCAPED.sub(r"\1", text)
    return unescape(text)


def render_picture(picture: Picture, *, placeholder: bool = False) -> SafeString:
    """The picture's figure; one awaiting its file is nothing, or with `placeholder` a box
    saying so, with its description, caption and credit."""
    context = {"picture": picture, "placeholder": placeholder}
    return mark_safe(render_to_string("articles/_picture.html", context))


def _render(
    source: str, pictures: Iterable[Picture], *, placeholders: bool
) -> tuple[str, set[int]]:
    """Sanitised HTML with pictures placed, and the positions that were placed."""
    by_position = {picture.position: picture for picture in pictures}
    placed: set[int] = set()

    def place(match: re.Match) -> str:
        picture = by_position.get(int(match.group(1)))
        if picture is None:
            return ""
        placed.add(picture.position)
        return render_picture(picture, placeholder=placeholders)

    html = _cleaner.clean(escape_stray_markup(_markdown.render(source)))
    html = PICTURE_MARKER.sub(place, html)
    return html, placed


def render_markdown(
    source: str, pictures: Iterable[Picture] = (), *, placeholders: bool = True
) -> SafeString:
    """Markdown as safe HTML, with `[[picture:N]]` paragraphs taken from `pictures`.

    For the staff's live preview: a picture awaiting its file is shown as a placeholder
    unless `placeholders` is false.
    """
    html, _ = _render(source, pictures, placeholders=placeholders)
    return mark_safe(html)


def render_body(article: Article) -> SafeString:
    """The article's body for readers, its pictures placed, then any pictures it left out.

    Pictures awaiting their files are left out. Reads `article.pictures.all()`, which
    `for_detail()` prefetches.
    """
    pictures = list(article.pictures.all())
    html, placed = _render(article.body, pictures, placeholders=False)
    leftovers = _unplaced(pictures, placed)
    return mark_safe(html + "".join(render_picture(picture) for picture in leftovers))


def _unplaced(pictures: list[Picture], placed: set[int]) -> list[Picture]:
    return [p for p in pictures if not p.is_featured and p.position not in placed]
