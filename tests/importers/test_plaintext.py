import contextlib
from datetime import date

import pytest

from articles.importers.base import DocumentError
from articles.importers.plaintext import parse_plaintext
from tests.helpers import growth
from tests.hostile.test_linear_text import GROWTH

TODAY = date(2026, 11, 24)


def parse(text: str):
    return parse_plaintext(text, source_name="story.txt", source_hash="x", today=TODAY)


DATELINE_STORY = """Council leader quits

Resignation follows row over budget

Monday, 2nd May 2022 — By Jo Bloggs


Jo Smith, left, at the town hall



THE council leader has resigned.

Council leader Jo Smith

She said: “It was time.”

Related Articles
"""


def test_headline_standfirst_dateline_and_byline():
    article = parse(DATELINE_STORY)
    assert article.title == "Council leader quits"
    assert article.standfirst == "Resignation follows row over budget"
    assert article.byline == "Jo Bloggs"
    assert article.published_at.isoformat() == "2022-05-02T00:00:00+01:00"
    assert not article.date_inferred


def test_caption_lines_become_pictures_not_paragraphs():
    article = parse(DATELINE_STORY)
    captions = [(p.caption, p.is_featured, p.position) for p in article.pictures]
    assert captions == [
        ("Jo Smith, left, at the town hall", True, 1),
        ("Council leader Jo Smith", False, 2),
    ]
    assert "Jo Smith, left" not in article.body
    assert article.body.split("\n\n") == [
        "THE council leader has resigned.",
        "[[picture:2]]",
        "She said: “It was time.”",
    ]


def test_related_articles_and_read_more_are_furniture():
    article = parse(
        "Headline\n\nStandfirst here\n\nFirst paragraph.\n\n"
        "READ MORE: Another story entirely\n\nLast paragraph.\n\nRelated Articles\n"
    )
    assert article.body == "First paragraph.\n\nLast paragraph."


def test_credit_line_becomes_lead_picture_with_caption_and_credit():
    article = parse(
        "Headline\n\nStandfirst line\nThe MP at Westminster -Credit:Jane Doe/Agency\n\n"
        "Body paragraph on (Tuesday April 30).\n"
    )
    assert article.standfirst == "Standfirst line"
    [picture] = article.pictures
    assert (picture.caption, picture.credit, picture.is_featured) == (
        "The MP at Westminster",
        "Jane Doe/Agency",
        True,
    )
    assert article.published_at.date() == date(2024, 4, 30)
    assert article.date_inferred


def test_a_byline_on_its_own_line_is_taken():
    article = parse("Headline\n\nStandfirst.\n\nBy Sam Jones\n\nFirst paragraph.\n")
    assert article.byline == "Sam Jones"
    assert article.body == "First paragraph."


def test_wrapped_lines_inside_a_paragraph_are_joined():
    article = parse("Headline\n\nStandfirst.\n\nA paragraph that was\nwrapped by the sender.\n")
    assert article.body == "A paragraph that was wrapped by the sender."


def test_plain_copy_is_escaped_so_it_renders_as_written():
    article = parse("Headline\n\nStandfirst.\n\n# not a heading, *not emphasis* and <b>.\n")
    assert article.body == r"\# not a heading, \*not emphasis\* and \<b\>."


def test_a_story_without_a_date_is_a_draft_flagged_for_review():
    article = parse("Headline\n\nStandfirst.\n\nNothing says when.\n")
    assert article.is_draft
    assert article.published_at is None
    assert article.review_notes


def test_a_first_line_that_is_a_paragraph_is_not_a_headline():
    with pytest.raises(DocumentError, match="no title"):
        parse("This is a whole paragraph of copy, not a headline at all.\n\nMore.\n")


HOSTILE_COPY = {
    "credit marks": "credit:credit:" * 30_000 + ")x",
    "credits with parentheses": "a credit: b)" * 35_000 + "x",
    "bylines": "By By By " * 45_000,
    "weekdays and days": "Monday 1 " * 45_000,
    "furniture": "read more " * 40_000,
    "caption lines": "A caption\n\n" * 36_000,
}


@pytest.mark.parametrize("copy", HOSTILE_COPY.values(), ids=HOSTILE_COPY.keys())
def test_hostile_copy_of_400_kb_parses_in_linear_time(copy):
    def read(copy):
        # Too many pictures is a fine answer, as long as it comes in linear time.
        with contextlib.suppress(DocumentError):
            parse(f"Headline\n\nStandfirst\n\n{copy}\n")

    assert growth(read, copy) <= GROWTH


def test_control_characters_and_forbidden_characters_are_dropped():
    article = parse(
        "Head\x01line\x0bhere\n\nStand\x1bfirst\n\nFriday, 25th March 2022 — By Jo\x07 Bloggs\n\n"
        "Body\x00 text\ufffe.\n"
    )
    assert (article.title, article.standfirst) == ("Headline here", "Standfirst")
    assert article.body == "Body text."
