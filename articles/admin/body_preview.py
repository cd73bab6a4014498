"""The writing screen's live preview: the body as readers would get it, and the writing aids.

The form's script (body_preview.js) posts what the form holds now, saved or not: the
body, headline and standfirst, and the pictures as the inline rows have them. The
answer is the body rendered by the one renderer (`articles.rendering`), with each
`[[picture:N]]` placed from those rows: a saved picture with its file and the caption
being typed, a picture not saved yet as a captioned placeholder (the renderer's, for a
picture with no file), a picture ticked for deletion not at all. The counts and the
advice are `articles.writing_aids`' own, so the screen shows exactly what its rules say.
"""

import json
from dataclasses import asdict

from django.http import QueryDict

from .. import writing_aids
from ..models import Article, Picture
from ..rendering import render_markdown

# More rows than any story has pictures; the rest of a crafted list is ignored.
MAX_PICTURES = 200


def preview(data: QueryDict) -> dict:
    """What the writing screen shows for the form's current `data` (one query at most)."""
    body = data.get("body", "")
    standfirst = data.get("standfirst", "")
    article = data.get("article", "")
    words = writing_aids.word_count(body)
    article_id = int(article) if article.isascii() and article.isdigit() else None
    if "pictures" in data:
        pictures = form_pictures(article_id, _rows(data["pictures"]), standfirst=standfirst)
    else:
        # A form without the pictures' rows: the story's pictures as stored.
        pictures = Picture.objects.filter(article_id=article_id) if article_id else []
    return {
        "html": render_markdown(body, pictures),
        "words": words,
        "reading_time": writing_aids.reading_time(words),
        "headline": asdict(writing_aids.headline_advice(data.get("title", ""))),
        "standfirst": asdict(writing_aids.standfirst_advice(standfirst)),
    }


def form_pictures(article_id: int | None, rows: list[dict], *, standfirst: str) -> list[Picture]:
    """The pictures as the form's rows hold them: stored ones (of this story only) with
    the row's words, new ones unsaved and without a file."""
    stored = {p.pk: p for p in Picture.objects.filter(article_id=article_id)} if article_id else {}
    # What a lead picture's caption is compared with (Picture.repeats_standfirst).
    story = Article(pk=article_id, standfirst=standfirst)
    pictures = []
    for row in rows:
        if row["deleted"] or row["position"] is None:
            continue
        picture = stored.get(row["id"]) or Picture()
        picture.article = story
        picture.position = row["position"]
        picture.caption, picture.credit = row["caption"], row["credit"]
        picture.alt_text = row["alt"]
        picture.is_featured = row["featured"]
        pictures.append(picture)
    return pictures


def _rows(posted: str) -> list[dict]:
    """The posted rows as plain values; anything malformed reads as no rows, or no value."""
    try:
        rows = json.loads(posted) if posted else []
    except ValueError:
        return []
    if not isinstance(rows, list):
        return []
    return [_row(row) for row in rows[:MAX_PICTURES] if isinstance(row, dict)]


def _row(row: dict) -> dict:
    def text(key: str) -> str:
        value = row.get(key)
        return value if isinstance(value, str) else ""

    def number(key: str) -> int | None:
        value = text(key).strip()
        return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None

    return {
        "id": number("id"),
        "position": number("position"),
        "caption": text("caption"),
        "credit": text("credit"),
        "alt": text("alt"),
        "featured": row.get("featured") is True,
        "deleted": row.get("deleted") is True,
    }
