"""The linear finders find what the expressions they replace found, on generated input."""

import random
import re

import pytest

from articles.importers.markup import elements, first_tag, image_at, markdown_images
from articles.importers.plaintext import credit_line
from articles.importers.text import remove_tags
from tests.helpers import growth
from tests.hostile.test_linear_text import GROWTH

# The expressions the importers used before, each quadratic on some input.
OLD_FIGURE = re.compile(r"<figure\b[^>]*>(?P<inner>.*?)</figure>", re.S | re.I)
OLD_IMAGE = re.compile(r'!\[(?P<alt>[^\]]*)\]\(\s*(?P<src>[^)\s]+)(?:\s+"(?P<title>[^"]*)")?\s*\)')
OLD_IMG_TAG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.I)
OLD_TAG = re.compile(r"<[^>]+>")
OLD_CREDIT = re.compile(
    r"^(?P<caption>.*?)\s*[-–—|(]?\s*(?:photo\s+|picture\s+|image\s+)?credit\s*:\s*"
    r"(?P<credit>[^)]+?)\)?$",
    re.I,
)


def generated(pieces: list[str], count: int, *, longest: int = 12, seed: int = 8):
    """`count` strings made of up to `longest` random pieces, the same ones every run."""
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, longest)))


def test_figures_are_the_ones_the_expression_found():
    pieces = ["<figure", ">", "</figure>", "x", " ", "<", "</FIGURE>", "<figurex", "a>", "<fıgure"]
    for text in generated(pieces, 30_000):
        expected = [(m.start(), m.end(), m["inner"]) for m in OLD_FIGURE.finditer(text)]
        assert [(e.start, e.end, e.inner) for e in elements(text, "figure")] == expected, text


def test_markdown_images_are_the_ones_the_expression_found():
    pieces = ["![", "]", "(", ")", " ", '"', "a", "](", "\n", "!", "[", "\t"]
    for text in generated(pieces, 60_000):
        expected = [
            (m.start(), m.end(), m["alt"], m["src"], m["title"]) for m in OLD_IMAGE.finditer(text)
        ]
        found = [(i.start, i.end, i.alt, i.source, i.title) for i in markdown_images(text)]
        assert found == expected, text
        at_start = OLD_IMAGE.match(text)
        image = image_at(text, 0)
        assert (image and (image.end, image.source)) == (
            at_start and (at_start.end(), at_start["src"])
        )


def test_img_tags_and_tag_removal_are_what_the_expressions_did():
    pieces = ["<img", ">", "<", "a", "<>", " ", "<IMG", "<imgx"]
    for text in generated(pieces, 30_000):
        old = OLD_IMG_TAG.search(text)
        assert first_tag(text, "img") == (old["attrs"] if old else None), text
        assert remove_tags(text, " ") == OLD_TAG.sub(" ", text), text


def test_credit_lines_are_read_as_the_expression_read_them():
    pieces = ["credit", ":", " ", ")", "(", "-", "photo", "image", "picture", "x", "İ", "—", "|"]
    pieces += ["Credit", "\t", "ımage", "ab"]
    for line in generated(pieces, 60_000):
        old = OLD_CREDIT.match(line)
        assert credit_line(line) == (old and (old["caption"], old["credit"])), line


HOSTILE_LINES = {
    "credit marks": "credit:credit:" * 30_000 + ")x",
    "credits with parentheses": "a credit: b)" * 35_000 + "x",
    "photo words": "photo " * 70_000 + "credit: x",
    "spaces": "credit" + " " * 400_000 + ": x",
}


@pytest.mark.parametrize("line", HOSTILE_LINES.values(), ids=HOSTILE_LINES.keys())
def test_a_hostile_credit_line_of_400_kb_is_read_in_linear_time(line):
    assert growth(credit_line, line) <= GROWTH


@pytest.mark.parametrize(
    "text", ["<figure>" * 50_000, "![](" * 100_000, "![a](b " * 57_000, "<" * 400_000]
)
def test_hostile_markup_of_400_kb_is_searched_in_linear_time(text):
    def search(text):
        list(elements(text, "figure"))
        list(markdown_images(text))
        remove_tags(text, " ")

    assert growth(search, text) <= GROWTH
