"""YAML front matter + markdown, as static-site generators and CMS exports write it.

Field names from Hugo, Jekyll, Gatsby, WordPress and Ghost exports are understood.
YAML is loaded with a safe loader that also refuses anchors and aliases, so no
tag can run code and an alias bomb fails at once instead of eating memory, and that
refuses nesting deeper than any front matter needs, so a kilobyte of brackets fails
as a bad file instead of exhausting the stack.

Text is cleaned on the way in (`text.clean_text`): characters XML forbids and control
characters are dropped, and the line separators YAML would read as line breaks inside
a value (U+2028, U+2029) become spaces. A value that YAML escapes bring back
("\ud800") is cleaned with the rest of the story.
Pictures are found in linear time (`markup`), whatever the markup holds.
"""

import re
from datetime import date

import frontmatter
import yaml

from newsroom.text import Translation

from .base import DocumentError, ParsedArticle, ParsedPicture, cleaned
from .dates import date_article_from_copy, parse_date_value
from .markup import elements, first_element, first_tag, image_at, markdown_images
from .text import clean_text, split_first_paragraph, strip_tags

DATE_FIELDS = ("date", "publicationDate", "publishDate", "pubDate", "published", "published_at")
AUTHOR_FIELDS = ("author", "authors", "byline")
STANDFIRST_FIELDS = ("summary", "standfirst", "description", "excerpt", "subtitle")
IMAGE_FIELDS = ("featuredImage", "featured_image", "image", "cover", "thumbnail")
MAX_FRONTMATTER_NODES = 10_000
MAX_FRONTMATTER_DEPTH = 32
MAX_ID_LENGTH = 200
# The identifier's line: a top-level `id` key (only then is the front matter read for it).
ID_LINE = re.compile(r"""^(?:id|'id'|"id")[ \t]*:""", re.M)
# Line breaks to YAML, which in front matter only ever come from pasted text.
LINE_SEPARATORS = Translation({0x2028: " ", 0x2029: " "})
HTML_ATTRIBUTE = re.compile(r'(?P<name>src|alt)\s*=\s*"(?P<value>[^"]*)"', re.I)


class StrictSafeLoader(yaml.SafeLoader):
    """SafeLoader without anchors/aliases, with caps on document size and nesting."""

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
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_FRONTMATTER_DEPTH:
                raise DocumentError(
                    f"front matter is nested more than {MAX_FRONTMATTER_DEPTH} levels deep"
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class StrictYAMLHandler(frontmatter.YAMLHandler):
    def load(self, fm, **kwargs):
        try:
            metadata = yaml.load(fm, Loader=StrictSafeLoader)  # noqa: S506 - a SafeLoader subclass
        except yaml.constructor.ConstructorError as error:
            line = f" line {error.problem_mark.line + 1}" if error.problem_mark else ""
            raise DocumentError(f"front matter{line}: {error.problem}") from None
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            where = f" at line {mark.line + 1}" if mark else ""
            raise DocumentError(f"invalid YAML in front matter{where}: {error.problem}") from None
        except yaml.reader.ReaderError as error:
            raise DocumentError(
                f"front matter holds a character YAML does not allow ({error.character!r})"
            ) from None
        except yaml.YAMLError as error:
            raise DocumentError(f"invalid YAML in front matter: {error}") from None
        except RecursionError:
            raise DocumentError("front matter is nested too deeply") from None
        except (ValueError, OverflowError) as error:
            raise DocumentError(f"front matter has an impossible value: {error}") from None
        if not isinstance(metadata, dict | None):
            raise DocumentError("front matter must be a set of 'field: value' lines")
        return metadata


def looks_like_frontmatter(text: str) -> bool:
    return text.startswith("---\n")


def front_matter_id(text: str) -> str:
    """The story's own identifier, when its front matter has an `id` field; else "".

    Read before the rest of the file is parsed, since the identifier, not the file's
    path, is then what ties the file to its story. It is a line of its own, ``id: value``;
    most files have none, and for them no YAML is read here.
    """
    text = _cleaned(text)
    if not looks_like_frontmatter(text):
        return ""
    handler = StrictYAMLHandler()
    try:
        front, _ = handler.split(text.strip())
    except ValueError:
        return ""
    if not ID_LINE.search(front):
        return ""
    value = (handler.load(front) or {}).get("id")
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise DocumentError(f"id must be text or a number, not {type(value).__name__}")
    identifier = clean_text(str(value)).strip()
    if len(identifier) > MAX_ID_LENGTH:
        raise DocumentError(f"id is longer than {MAX_ID_LENGTH} characters")
    return identifier


def parse_frontmatter(
    text: str, *, source_name: str, source_hash: str, today: date
) -> ParsedArticle:
    post = frontmatter.loads(_cleaned(text), handler=StrictYAMLHandler())
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
    return cleaned(article)


def _cleaned(text: str) -> str:
    return LINE_SEPARATORS(clean_text(text))


def _first_present(meta: dict, names: tuple[str, ...]) -> str:
    return next((name for name in names if meta.get(name) not in (None, "", [])), "")


def _string(meta: dict, name: str) -> str:
    value = meta.get(name) if name else None
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise DocumentError(f"{name} must be text, not {type(value).__name__}")
    return clean_text(str(value)).strip()


def _string_list(meta: dict, name: str) -> list[str]:
    """A list of strings, also accepting one comma-separated string."""
    value = meta.get(name) if name else None
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise DocumentError(f"{name} must be a list of text values")
    items = (clean_text(item).strip() for item in value)
    return [item for item in items if item]


def _boolean(meta: dict, name: str) -> bool:
    value = meta.get(name, False)
    if not isinstance(value, bool):
        raise DocumentError(f"{name} must be true or false, not {value!r:.40}")
    return value


def _extract_pictures(body: str, article: ParsedArticle) -> str:
    """Replace each <figure> and stand-alone image with a marker for a picture record."""
    parts, kept_from = [], 0
    for figure in elements(body, "figure"):
        marker = article.add_picture(_figure_picture(figure.inner))
        parts += [body[kept_from : figure.start], f"\n\n{marker}\n\n"]
        kept_from = figure.end
    parts.append(body[kept_from:])
    lines = [_image_line(line, article) for line in "".join(parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _figure_picture(inner: str) -> ParsedPicture:
    caption = first_element(inner, "figcaption")
    picture = ParsedPicture(caption=strip_tags(caption.inner) if caption else "")
    image = next(markdown_images(inner), None)
    if image:
        picture.source_path, picture.alt_text = image.source, image.alt.strip()
    elif (html_image := first_tag(inner, "img")) is not None:
        attributes = {
            found["name"].lower(): found["value"] for found in HTML_ATTRIBUTE.finditer(html_image)
        }
        picture.source_path = attributes.get("src", "")
        picture.alt_text = attributes.get("alt", "").strip()
    return picture


def _image_line(line: str, article: ParsedArticle) -> str:
    """A line that is only a markdown image, as a picture marker; other lines as they are."""
    text = line.strip(" \t")
    image = image_at(text, 0)
    if image is None or image.end != len(text):
        return line
    return article.add_picture(
        ParsedPicture(
            source_path=image.source,
            alt_text=image.alt.strip(),
            caption=(image.title or "").strip(),
        )
    )
