"""Mangled story files: reading and parsing one ends in a story or a reason, never a crash.

Each case is a good story (front matter or plain copy) with a few random edits:
bytes flipped, cut or repeated, and pieces that have broken parsers before (brackets
that nest, aliases, tags, escapes for lone surrogates, control characters, stray
delimiters). The same cases every run.
"""

import random
from pathlib import Path

import pytest
from django.conf import settings

from articles.importers.base import DocumentError
from articles.importers.documents import SourceFile, parse, read_document
from newsroom.text import is_xml_safe

SEEDS = settings.BASE_DIR / "fixtures" / "seeds"
FRONT_MATTER_STORY = b"""---
title: "Count night in Bethnal Green"
date: 2024-06-27T09:00:00+01:00
author: [Ann Author, Bob Writer]
tags: [elections, count]
categories: [local]
section: Bethnal Green
summary: The standfirst.
featuredImage: /images/lead.jpg
---

Rushanara Ali was at the count.

<figure>![A leaflet](/images/leaflet.jpg "Leaflet")
<figcaption>The <em>leaflet</em></figcaption></figure>

![Alt](/x.png "Cap")
"""
PIECES = [
    b"[", b"]", b"{", b"}", b"&a ", b"*a", b"!!python/object ", b"'", b'"', b"\\ud800",
    b"\\x07", b"\x00", b"\x1b", b"\x85", b"\xe2\x80\xa8", b"\xff", b"---\n", b":", b"\t",
    b"\n", b"<figure>", b"</figure>", b"![", b"](", b"credit:", b"0001-01-01", b"? ",
    b"- ", b"|", b">", b"%YAML 1.1\n", b"\xef\xbb\xbf",
]  # fmt: skip
CASES = 1500


def mangled(original: bytes, rng: random.Random) -> bytes:
    data = bytearray(original)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(data) + 1)
        edit = rng.randrange(4)
        if edit == 0:
            data[at:at] = rng.choice(PIECES)
        elif edit == 1 and data:
            data[at : at + rng.randint(1, 20)] = b""
        elif edit == 2 and at < len(data):
            data[at] = rng.randrange(256)
        else:
            data[at:at] = data[at : at + rng.randint(1, 40)] * rng.randint(2, 50)
    return bytes(data)


@pytest.mark.parametrize(
    "original",
    [FRONT_MATTER_STORY, *(path.read_bytes() for path in sorted(SEEDS.iterdir()))],
    ids=["front matter", *(path.name for path in sorted(SEEDS.iterdir()))],
)
def test_a_mangled_story_parses_or_fails_with_a_reason(tmp_path: Path, original):
    rng = random.Random(original[:40])
    path = tmp_path / "story.md"
    outcomes = {"parsed": 0, "refused": 0}
    for _ in range(CASES // 4):
        path.write_bytes(mangled(original, rng))
        try:
            article = parse(read_document(SourceFile(path, "story.md")))
        except DocumentError as error:
            assert str(error) and "\n" not in str(error)
            outcomes["refused"] += 1
            continue
        texts = [article.title, article.body, article.standfirst, article.byline, article.section]
        texts += article.tags + article.categories
        texts += [p.caption + p.alt_text + p.credit + p.source_path for p in article.pictures]
        assert all(is_xml_safe(text) for text in texts)
        assert article.title
        outcomes["parsed"] += 1
    assert outcomes["parsed"] and outcomes["refused"], outcomes  # the cases reach both ends
