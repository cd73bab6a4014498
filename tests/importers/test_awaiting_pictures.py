"""Pictures the source names but does not carry: recorded by the parsers, words and all,
awaiting a file (their path in `source_path`, their alt text, caption and credit)."""

from datetime import date

import pytest

from articles.importers.base import DocumentError, picture_marker
from articles.importers.frontmatter import parse_frontmatter
from articles.importers.plaintext import parse_plaintext

TODAY = date(2026, 11, 24)
HEAD = "---\ntitle: T\ndate: 2024-06-27\n"


def front(text: str):
    return parse_frontmatter(text, source_name="story.md", source_hash="x", today=TODAY)


def plain(text: str):
    return parse_plaintext(text, source_name="story.txt", source_hash="x", today=TODAY)


def described(picture) -> tuple:
    return (
        picture.source_path,
        picture.alt_text,
        picture.caption,
        picture.credit,
        picture.is_featured,
        picture.position,
    )


# --- The lead picture from front matter ----------------------------------------------


def test_a_featured_image_path_is_the_lead_picture_awaiting_its_file():
    # Seed 001's shape: only a path.
    article = front(HEAD + 'featuredImage: "/images/lead.jpg"\n---\n\nOpening.\n\nBody.\n')

    [picture] = article.pictures
    assert described(picture) == ("/images/lead.jpg", "", "", "", True, 1)
    assert picture_marker(1) not in article.body  # a lead picture is not placed in the body


def test_a_featured_image_keeps_alt_text_and_caption_from_fields_beside_it():
    article = front(
        HEAD + "feature_image: /content/images/count.jpg\n"
        "feature_image_alt: Counting agents at the town hall\n"
        "feature_image_caption: The count in Tower Hamlets\n---\n\nBody.\n"
    )

    [picture] = article.pictures
    assert described(picture) == (
        "/content/images/count.jpg",
        "Counting agents at the town hall",
        "The count in Tower Hamlets",
        "",
        True,
        1,
    )


def test_a_featured_image_mapping_gives_path_alt_text_caption_and_credit():
    article = front(
        HEAD + "image:\n  src: /images/hustings.jpg\n  alt: Five candidates on a stage\n"
        "  caption: The hustings at Stepney\n  credit: Jo Bloggs\n---\n\nBody.\n"
    )

    [picture] = article.pictures
    assert described(picture) == (
        "/images/hustings.jpg",
        "Five candidates on a stage",
        "The hustings at Stepney",
        "Jo Bloggs",
        True,
        1,
    )


def test_a_featured_image_mapping_without_a_path_records_no_picture():
    article = front(HEAD + "image:\n  alt: A picture nobody sent\n---\n\nBody.\n")

    assert article.pictures == []


def test_a_featured_image_mapping_with_a_list_for_alt_text_is_refused_with_a_reason():
    with pytest.raises(DocumentError, match="alt must be text"):
        front(HEAD + "image:\n  src: /a.jpg\n  alt: [x, y]\n---\n\nBody.\n")


# --- Pictures in the body ------------------------------------------------------------


def test_a_figure_keeps_the_images_alt_text_and_the_figcaption():
    # Seed 001's leaflet: a markdown image inside <figure>, its caption in <figcaption>.
    article = front(
        HEAD + "---\n\nOpening.\n\nBefore.\n\n<figure>\n\n"
        "![The front and back of a campaign leaflet](/images/leaflet.jpg)\n\n"
        "<figcaption>\n\nThe candidate's leaflets\n\n</figcaption>\n\n</figure>\n\nAfter.\n"
    )

    [picture] = article.pictures
    assert described(picture) == (
        "/images/leaflet.jpg",
        "The front and back of a campaign leaflet",
        "The candidate's leaflets",
        "",
        False,
        1,
    )
    assert article.body.index("Before.") < article.body.index(picture_marker(1))
    assert article.body.index(picture_marker(1)) < article.body.index("After.")


def test_a_figure_with_an_html_img_keeps_its_alt_text_in_either_quotes():
    article = front(
        HEAD + "---\n\nOpening.\n\n<figure><img data-src='/lazy.jpg' src='/images/a.jpg' "
        'alt="The count"><figcaption>At the count</figcaption></figure>\n'
    )

    [picture] = article.pictures
    assert (picture.source_path, picture.alt_text, picture.caption) == (
        "/images/a.jpg",
        "The count",
        "At the count",
    )


def test_an_html_img_on_a_line_of_its_own_is_a_picture_with_its_alt_text():
    # The page's sanitiser drops <img>: left in the body, its alt text would be lost.
    article = front(
        HEAD + '---\n\nOpening.\n\nBefore.\n\n<img src="/images/b.jpg" alt="A ballot box" />\n\n'
        "After.\n"
    )

    [picture] = article.pictures
    assert described(picture) == ("/images/b.jpg", "A ballot box", "", "", False, 1)
    assert "<img" not in article.body
    assert picture_marker(1) in article.body


def test_an_html_img_inside_a_sentence_stays_where_it_is():
    article = front(HEAD + '---\n\nOpening.\n\nSee <img src="/c.jpg" alt="x"> here.\n')

    assert article.pictures == []
    assert '<img src="/c.jpg" alt="x">' in article.body


def test_an_html_img_without_a_src_is_not_a_picture():
    article = front(HEAD + '---\n\nOpening.\n\n<img alt="Nothing to show">\n')

    assert article.pictures == []


def test_a_markdown_image_line_keeps_alt_text_and_its_title_as_caption():
    article = front(HEAD + '---\n\nOpening.\n\n![Polling station](/p.jpg "Polling day")\n')

    [picture] = article.pictures
    assert described(picture) == ("/p.jpg", "Polling station", "Polling day", "", False, 1)


def test_a_hostile_run_of_img_attributes_is_read_in_one_pass():
    # Every "alt='" opens a quote the next one closes: nothing is read twice.
    attributes = "alt='" * 20_000
    article = front(HEAD + f'---\n\nOpening.\n\n<img src="/d.jpg" {attributes}>\n')

    [picture] = article.pictures
    assert picture.source_path == "/d.jpg"


# --- Plain text: captions with no file at all ----------------------------------------


def test_plain_text_captions_are_pictures_awaiting_a_file():
    # Seed 000's shape: a caption under the dateline (the lead) and one between paragraphs.
    article = plain(
        "Tory quits\n\nClaim and counter claim\n\nFriday, 25th March 2022 — By Jo Bloggs\n\n"
        "Ali Hassan Ali, right, during his time with the Tories\n\n"
        "THE Tories are in turmoil.\n\nConservative leader Oliver Cooper\n\nHe said so.\n"
    )

    assert [described(picture) for picture in article.pictures] == [
        ("", "", "Ali Hassan Ali, right, during his time with the Tories", "", True, 1),
        ("", "", "Conservative leader Oliver Cooper", "", False, 2),
    ]
    assert "Conservative leader Oliver Cooper" not in article.body
    assert picture_marker(2) in article.body


def test_plain_text_credit_lines_keep_caption_and_credit():
    article = plain(
        "MP denies claim\n\nThe standfirst\n\n"
        "Tahir Ali at Westminster -Credit:Darren Quinton/Birmingham Live\n\nBody text.\n"
    )

    [picture] = article.pictures
    assert described(picture) == (
        "",
        "",
        "Tahir Ali at Westminster",
        "Darren Quinton/Birmingham Live",
        True,
        1,
    )
