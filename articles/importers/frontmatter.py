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
Pictures are found in linear time (`markup`), whatever the markup holds: the lead
picture the front matter names (a path, or a mapping with its alt text and caption),
each <figure>, and each line that is only an image, markdown or <img>. Their files
seldom travel with the text, so each is recorded with its path and words, awaiting one.
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
IMAGE_FIELDS = ("featuredImage", "featured_image", "feature_image", "image", "cover", "thumbnail")
# The lead picture's words, where an export keeps them beside its path (Ghost's
# feature_image_alt, WordPress's featured_image_alt) rather than in a mapping under it.
IMAGE_ALT_FIELDS = (
    "featuredImageAlt",
    "featured_image_alt",
    "feature_image_alt",
    "image_alt",
    "imageAlt",
    "cover_alt",
)
IMAGE_CAPTION_FIELDS = (
    "featuredImageCaption",
    "featured_image_caption",
    "feature_image_caption",
    "image_caption",
    "imageCaption",
    "cover_caption",
)
# `image: {src: …, alt: …, caption: …, credit: …}`, as Jekyll and Decap CMS themes write it.
IMAGE_SOURCE_KEYS = ("src", "url", "path", "file")
MAX_FRONTMATTER_NODES = 10_000
MAX_FRONTMATTER_DEPTH = 32
MAX_ID_LENGTH = 200
# The identifier's line: a top-level `id` key (only then is the front matter read for it).
ID_LINE = re.compile(r"""^(?:id|'id'|"id")[ \t]*:""", re.M)
# Line breaks to YAML, which in front matter only ever come from pasted text.
LINE_SEPARATORS = Translation({0x2028: " ", 0x2029: " "})
# An <img>'s src or alt, quoted either way (not data-src: the name stands on its own).
HTML_ATTRIBUTE = re.compile(
    r"""(?<![\w-])(?P<name>src|alt)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""", re.I
)


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
    if featured := _featured_picture(meta):
        article.add_picture(featured)
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


def _featured_picture(meta: dict) -> ParsedPicture | None:
    """The lead picture the front matter names, with its alt text and caption; None if none.

    Its path may be the field's value or, in a mapping, its `src` (or `url`, `path`,
    `file`) beside `alt`, `caption` and `credit`; words kept in fields of their own
    (`feature_image_alt`) count too. The file seldom travels with the text: the picture
    is recorded with its words, awaiting its file.
    """
    name = _first_present(meta, IMAGE_FIELDS)
    value = meta[name] if name else None
    if isinstance(value, dict):
        picture = ParsedPicture(
            source_path=_string(value, _first_present(value, IMAGE_SOURCE_KEYS)),
            alt_text=_string(value, "alt"),
            caption=_string(value, "caption"),
            credit=_string(value, "credit"),
        )
    else:
        picture = ParsedPicture(source_path=_string(meta, name))
    if not picture.source_path:
        return None
    picture.alt_text = picture.alt_text or _string(meta, _first_present(meta, IMAGE_ALT_FIELDS))
    picture.caption = picture.caption or _string(meta, _first_present(meta, IMAGE_CAPTION_FIELDS))
    picture.is_featured = True
    return picture


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
        _read_img_attributes(picture, html_image)
    return picture


def _read_img_attributes(picture: ParsedPicture, attributes: str) -> None:
    """`picture`'s path and alt text from an <img> tag's attributes."""
    found = {
        match["name"].lower(): match["double"] if match["double"] is not None else match["single"]
        for match in HTML_ATTRIBUTE.finditer(attributes)
    }
    picture.source_path = found.get("src", "")
    picture.alt_text = found.get("alt", "").strip()


def _image_line(line: str, article: ParsedArticle) -> str:
    """A line that is only an image, markdown or an HTML <img>, as a picture marker; other
    lines as they are. (The page's sanitiser drops an <img>, and its alt text with it.)"""
    text = line.strip(" \t")
    image = image_at(text, 0)
    if image is not None and image.end == len(text):
        return article.add_picture(
            ParsedPicture(
                source_path=image.source,
                alt_text=image.alt.strip(),
                caption=(image.title or "").strip(),
            )
        )
    if picture := _lone_img(text):
        return article.add_picture(picture)
    return line


def _lone_img(text: str) -> ParsedPicture | None:
    """The picture `text` is when it is one <img> tag with a src, and nothing else."""
    if text[:4].lower() != "<img":
        return None
    attributes = first_tag(text, "img")
    if attributes is None or len("<img") + len(attributes) + 1 != len(text):
        return None
    picture = ParsedPicture()
    _read_img_attributes(picture, attributes)
    return picture if picture.source_path else None
