"""YAML front matter + markdown, as static-site generators and CMS exports write it.

Field names from Hugo, Jekyll, Gatsby, WordPress and Ghost exports are understood.
YAML is loaded with a safe loader that also refuses anchors and aliases, so no
tag can run code and an alias bomb fails at once instead of eating memory.
"""

import re
from datetime import date

import frontmatter
import yaml

from .base import DocumentError, ParsedArticle, ParsedPicture
from .dates import date_article_from_copy, parse_date_value
from .text import split_first_paragraph, strip_tags

DATE_FIELDS = ("date", "publicationDate", "publishDate", "pubDate", "published", "published_at")
AUTHOR_FIELDS = ("author", "authors", "byline")
STANDFIRST_FIELDS = ("summary", "standfirst", "description", "excerpt", "subtitle")
IMAGE_FIELDS = ("featuredImage", "featured_image", "image", "cover", "thumbnail")
MAX_FRONTMATTER_NODES = 10_000

FIGURE = re.compile(r"<figure\b[^>]*>(?P<inner>.*?)</figure>", re.S | re.I)
FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(?P<caption>.*?)</figcaption>", re.S | re.I)
MARKDOWN_IMAGE = re.compile(
    r'!\[(?P<alt>[^\]]*)\]\(\s*(?P<src>[^)\s]+)(?:\s+"(?P<title>[^"]*)")?\s*\)'
)
HTML_IMAGE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.I)
HTML_ATTRIBUTE = re.compile(r'(?P<name>src|alt)\s*=\s*"(?P<value>[^"]*)"', re.I)
IMAGE_PARAGRAPH = re.compile(rf"^[ \t]*{MARKDOWN_IMAGE.pattern}[ \t]*$", re.M)


class StrictSafeLoader(yaml.SafeLoader):
    """SafeLoader without anchors/aliases and with a cap on document size."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise DocumentError(
                f"front matter uses a YAML alias at line {event.start_mark.line + 1}; "
                "aliases are not allowed"
            )
        self._nodes = getattr(self, "_nodes", 0) + 1
        if self._nodes > MAX_FRONTMATTER_NODES:
            raise DocumentError("front matter is too large")
        return super().compose_node(parent, index)


class StrictYAMLHandler(frontmatter.YAMLHandler):
    def load(self, fm, **kwargs):
        try:
            metadata = yaml.load(fm, Loader=StrictSafeLoader)  # noqa: S506 - a SafeLoader subclass
        except yaml.constructor.ConstructorError as error:
            raise DocumentError(
                f"front matter line {error.problem_mark.line + 1}: {error.problem}"
            ) from None
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            where = f" at line {mark.line + 1}" if mark else ""
            raise DocumentError(f"invalid YAML in front matter{where}: {error.problem}") from None
        except ValueError as error:
            raise DocumentError(f"front matter has an impossible value: {error}") from None
        if not isinstance(metadata, dict | None):
            raise DocumentError("front matter must be a set of 'field: value' lines")
        return metadata


def looks_like_frontmatter(text: str) -> bool:
    return text.startswith("---\n")


def parse_frontmatter(
    text: str, *, source_name: str, source_hash: str, today: date
) -> ParsedArticle:
    post = frontmatter.loads(text, handler=StrictYAMLHandler())
    meta = post.metadata
    title = _string(meta, "title")
    if not title:
        raise DocumentError("no title: front matter needs a 'title' field")
    article = ParsedArticle(
        source_name=source_name,
        source_hash=source_hash,
        format="frontmatter",
        title=title,
        slug=_string(meta, "slug"),
        section=_string(meta, "section"),
        byline=" and ".join(_string_list(meta, _first_present(meta, AUTHOR_FIELDS))),
        categories=_string_list(meta, "categories"),
        tags=_string_list(meta, "tags"),
        is_draft=_boolean(meta, "draft"),
    )
    featured = _string(meta, _first_present(meta, IMAGE_FIELDS))
    if featured:
        article.add_picture(ParsedPicture(source_path=featured, is_featured=True))
    body = _extract_pictures(post.content.strip(), article)
    standfirst = _string(meta, _first_present(meta, STANDFIRST_FIELDS))
    if not standfirst:
        standfirst, body = split_first_paragraph(body)
    article.standfirst, article.body = standfirst, body

    date_field = _first_present(meta, DATE_FIELDS)
    if date_field:
        article.published_at = parse_date_value(meta[date_field], field=date_field)
    else:
        date_article_from_copy(article, dateline="", copy=body, today=today)
    return article


def _first_present(meta: dict, names: tuple[str, ...]) -> str:
    return next((name for name in names if meta.get(name) not in (None, "", [])), "")


def _string(meta: dict, name: str) -> str:
    value = meta.get(name) if name else None
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise DocumentError(f"{name} must be text, not {type(value).__name__}")
    return str(value).strip()


def _string_list(meta: dict, name: str) -> list[str]:
    """A list of strings, also accepting one comma-separated string."""
    value = meta.get(name) if name else None
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise DocumentError(f"{name} must be a list of text values")
    return [item.strip() for item in value if item.strip()]


def _boolean(meta: dict, name: str) -> bool:
    value = meta.get(name, False)
    if not isinstance(value, bool):
        raise DocumentError(f"{name} must be true or false, not {value!r}")
    return value


def _extract_pictures(body: str, article: ParsedArticle) -> str:
    """Replace each <figure> and stand-alone image with a marker for a picture record."""

    def figure_to_marker(match: re.Match) -> str:
        inner = match["inner"]
        caption_match = FIGCAPTION.search(inner)
        picture = ParsedPicture(
            caption=strip_tags(caption_match["caption"]) if caption_match else ""
        )
        image = MARKDOWN_IMAGE.search(inner)
        if image:
            picture.source_path, picture.alt_text = image["src"], image["alt"].strip()
        elif html_image := HTML_IMAGE.search(inner):
            attributes = {
                m["name"].lower(): m["value"] for m in HTML_ATTRIBUTE.finditer(html_image["attrs"])
            }
            picture.source_path = attributes.get("src", "")
            picture.alt_text = attributes.get("alt", "").strip()
        return article.add_picture(picture)

    def image_to_marker(match: re.Match) -> str:
        return article.add_picture(
            ParsedPicture(
                source_path=match["src"],
                alt_text=match["alt"].strip(),
                caption=(match["title"] or "").strip(),
            )
        )

    body = FIGURE.sub(lambda match: f"\n\n{figure_to_marker(match)}\n\n", body)
    body = IMAGE_PARAGRAPH.sub(image_to_marker, body)
    return re.sub(r"\n{3,}", "\n\n", body).strip()
