import re

import pytest

from articles.models import Picture
from articles.rendering import render_body, render_markdown
from tests.factories import make_article

SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#")


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def picture(position=1, **fields) -> Picture:
    """An unsaved picture: rendering reads attributes only, so no database is needed."""
    return Picture(position=position, **fields)


def test_markdown_links_render_as_links():
    html = render_markdown('See [the council](https://camden.gov.uk/ "Camden Council").')

    assert '<a href="https://camden.gov.uk/" title="Camden Council">the council</a>' in html


def test_relative_and_mailto_links_are_kept():
    html = render_markdown("[About us](/about/) or [write](mailto:news@example.com)")

    assert hrefs(html) == ["/about/", "mailto:news@example.com"]


def test_escaped_brackets_render_as_literal_brackets():
    html = render_markdown(r"The \[pro-Palestinian\] candidate")

    assert html == "<p>The [pro-Palestinian] candidate</p>\n"


def test_a_top_level_heading_becomes_h2_because_the_headline_is_the_h1():
    html = render_markdown("# Results\n\n## By ward")

    assert html == "<h2>Results</h2>\n<h2>By ward</h2>\n"


def test_the_markup_editors_may_write_survives():
    source = (
        "> quoted *and* **strong**\n\n"
        "- one\n- two\n\n1. first\n\n"
        "`inline`\n\n```\nblock\n```\n\n---\n\n"
        "line one  \nline two\n\n"
        "x<sup>2</sup> H<sub>2</sub>O <s>struck</s>\n\n"
        "<table><caption>Votes</caption><thead><tr><th>Party</th></tr></thead>"
        "<tbody><tr><td>Labour</td></tr></tbody><tfoot><tr><td>All</td></tr></tfoot></table>\n\n"
        "<figure><blockquote>Q</blockquote><figcaption>Who said it</figcaption></figure>\n"
    )

    html = render_markdown(source)

    for tag in [
        "blockquote", "em", "strong", "ul", "ol", "li", "code", "pre", "hr", "br", "sup", "sub",
        "s", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "figure",
        "figcaption",
    ]:  # fmt: skip
        assert f"<{tag}>" in html, tag


def test_links_keep_href_and_title_and_nothing_else():
    html = render_markdown(
        '<a href="https://example.com/" title="T" class="c" id="i" style="color:red" '
        'target="_blank" rel="opener">x</a>'
    )

    assert html == '<p><a href="https://example.com/" title="T">x</a></p>\n'


def test_attributes_on_other_tags_are_removed():
    html = render_markdown('<p class="lead" id="top" style="color:red">Text</p>')

    assert html == "<p>Text</p>"


HOSTILE = {
    "script element": ("<script>alert('x')</script>\n\nafter", ["<script", "alert"]),
    "inline script in a paragraph": ("before <script>alert('x')</script>", ["<script", "alert"]),
    "onerror on an image": ("<img src=x onerror=alert(1)>", ["<img", "onerror", "alert"]),
    "event handler on allowed tag": ('<p onmouseover="alert(1)">hi</p>', ["onmouseover"]),
    "javascript: raw link": ('<a href="javascript:alert(1)">x</a>', ["javascript:"]),
    "javascript: with entity": ('<a href="jav&#x09;ascript:alert(1)">x</a>', ["ascript"]),
    "javascript: markdown link": ("[x](javascript:alert(1))", ['href="javascript']),
    "iframe": ('<iframe src="https://evil.example/"></iframe>', ["<iframe", "evil.example"]),
    "svg onload": ("<svg onload=alert(1)><circle r=1 /></svg>", ["<svg", "onload", "<circle"]),
    "style element": ("<style>body{display:none}</style>\n\nafter", ["<style", "display:none"]),
    "style attribute": ('<p style="position:fixed">x</p>', ["style=", "position"]),
    "data: link": ('<a href="data:text/html,<script>alert(1)</script>">x</a>', ["data:", "alert"]),
    "data: markdown image": ("![x](data:image/png;base64,iVBORw0KGgo=)", ["data:", "<img"]),
    "object and embed": (
        '<object data="x.swf"></object><embed src="x.swf">',
        ["<object", "<embed"],
    ),
    "form": ('<form action="https://evil.example/"><input name=q></form>', ["<form", "<input"]),
}


@pytest.mark.parametrize(("source", "forbidden"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markup_is_neutralised(source, forbidden):
    html = render_markdown(source)

    for fragment in forbidden:
        assert fragment not in html
    assert all(href.startswith(SAFE_SCHEMES) for href in hrefs(html))


def test_a_picture_marker_with_a_file_becomes_a_figure_with_an_image():
    pictures = [
        picture(
            2,
            file="pictures/2024/05/count.jpg",
            width=800,
            height=600,
            renditions_ready=True,
            alt_text="Counting agents at the table",
            caption="The count at the town hall",
            credit="Jo Bloggs",
        )
    ]

    html = render_markdown("Before.\n\n[[picture:2]]\n\nAfter.", pictures)

    assert "[[picture" not in html
    assert re.search(
        r'<img src="/media/renditions/\w+/800\.jpg" srcset="[^"]+ 800w" sizes="[^"]+" '
        r'alt="Counting agents at the table" width="800" height="600" loading="lazy" '
        r'decoding="async">',
        html,
    )
    assert (
        '<figcaption>The count at the town hall <span class="credit">Jo Bloggs</span></figcaption>'
        in html
    )
    assert html.index("Before.") < html.index("<figure") < html.index("After.")


def test_a_picture_marker_without_a_file_shows_caption_and_credit_but_no_image():
    pictures = [picture(1, caption="Polling day in Kilburn", credit="Archive")]

    html = render_markdown("[[picture:1]]", pictures)

    assert "<figure" in html
    assert "Polling day in Kilburn" in html
    assert '<span class="credit">Archive</span>' in html
    assert "<img" not in html


def test_an_unknown_picture_marker_renders_nothing():
    html = render_markdown("Before.\n\n[[picture:7]]\n\nAfter.", [picture(1, caption="One")])

    assert html == "<p>Before.</p>\n<p>After.</p>\n"


def test_a_marker_inside_a_sentence_or_code_is_left_as_text():
    pictures = [picture(1, caption="One")]

    html = render_markdown("See [[picture:1]] here.\n\n    [[picture:1]]", pictures)

    assert "<figure" not in html
    assert "See [[picture:1]] here." in html


def test_picture_text_is_escaped():
    pictures = [picture(1, caption="<script>alert(1)</script>", credit='"><b>x</b>')]

    html = render_markdown("[[picture:1]]", pictures)

    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "<b>" not in html


@pytest.mark.django_db
def test_the_body_lists_pictures_it_did_not_place_after_the_text():
    article = make_article(body="Text.\n\n[[picture:2]]\n\nMore text.")
    for position, caption in [(1, "Lead"), (2, "Placed"), (3, "Left over")]:
        Picture.objects.create(
            article=article,
            position=position,
            caption=caption,
            is_featured=position == 1,
            file=f"pictures/2024/05/{position}.jpg",
            width=40,
            height=30,
        )

    html = render_body(article)

    assert html.count("<figure") == 2  # the placed one and the one left over
    assert "Lead" not in html
    assert html.index("Text.") < html.index("Placed") < html.index("More text.")
    assert html.index("More text.") < html.index("Left over")
