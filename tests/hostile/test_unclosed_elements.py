"""Words after an unclosed <script>, <style> or <iframe> stay on the page, as text.

The sanitiser removes those elements with everything inside them, and an element that
is never closed runs to the end of the story: "Use the <script> tag to…" once took every
word after it off the page. Now markup counts only where a browser would read an
element (`articles.raw_html`): the rest is escaped and shown. Real, closed elements are
still removed entirely, and nothing executable ever reaches the page.
"""

import re

import pytest
from django.urls import reverse

from articles.raw_html import SWALLOWING
from articles.rendering import DROPPED_WITH_CONTENT, markdown_to_text, render_markdown
from articles.search.snippets import MARK_END, MARK_START, snippet
from tests.factories import make_article

# Unescaped markup that could run script or load something, in any case.
EXECUTABLE = re.compile(r"<\s*/?\s*(script|style|iframe|object|embed|svg|math|template)", re.I)


def html_of(source: str) -> str:
    html = str(render_markdown(source))
    assert not EXECUTABLE.search(html), html
    return html


@pytest.mark.parametrize("name", ["script", "style", "iframe"])
def test_words_after_an_unclosed_element_are_kept_and_escaped(name):
    html = html_of(f"Use the <{name}> tag to load code.\n\nMore words *here*.")

    assert f"Use the &lt;{name}&gt; tag to load code." in html
    assert "<p>More words <em>here</em>.</p>" in html


@pytest.mark.parametrize("name", sorted(SWALLOWING))
def test_no_element_that_swallows_what_follows_can_hide_the_rest_of_the_story(name):
    html = html_of(f"Write <{name} class=x> where needed.\n\nThe rest of the story.")

    assert "where needed." in html
    assert "The rest of the story." in html


def test_every_element_dropped_with_its_contents_is_treated_as_swallowing():
    # <embed> is empty by definition: it never has contents to swallow.
    assert DROPPED_WITH_CONTENT - {"embed"} <= SWALLOWING


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert('x')</script>\n\nafter",
        "before <script src=x>alert('x')</script> after",
        "<STYLE>body{display:none}</Style > after",
        "<iframe src=https://evil.example/>framed</iframe> after",
        "<svg><script>alert(1)</script></svg> after",
    ],
)
def test_closed_elements_are_still_removed_with_their_contents(source):
    html = html_of(source)

    assert "after" in html
    for hidden in ("alert", "display:none", "framed", "evil.example"):
        assert hidden not in html


def test_a_closed_element_is_removed_and_a_later_unclosed_one_kept():
    html = html_of("<script>x()</script> Use the <script> tag, then more.")

    assert "x()" not in html
    assert "Use the &lt;script&gt; tag, then more." in html


def test_an_unclosed_element_at_the_start_of_a_line_leaves_the_rest_as_markdown():
    """A line starting "<script" opens an HTML block that would last to the end."""
    html = html_of("<script>\n\n## Results\n\nThe *count* was [late](https://example.com/).")

    assert "<p>&lt;script&gt;</p>" in html
    assert "<h2>Results</h2>" in html
    assert '<p>The <em>count</em> was <a href="https://example.com/">late</a>.</p>' in html


def test_an_unclosed_comment_hides_nothing():
    html = html_of("<!-- note to the subs\n\nThe story goes on.")

    assert "<p>&lt;!-- note to the subs</p>" in html
    assert "<p>The story goes on.</p>" in html


def test_a_closed_comment_is_still_hidden():
    html = html_of("<!-- note to the subs -->\n\nThe story goes on.")

    assert "note to the subs" not in html
    assert "The story goes on." in html


def test_an_unfinished_tag_is_text():
    html = html_of('<div title="oops\n\nThe story goes on.\n\nAnd on.')

    assert "&lt;div title=" in html
    assert "<p>The story goes on.</p>" in html
    assert "<p>And on.</p>" in html


def test_markup_in_code_is_shown_as_it_was_written():
    html = html_of("Use `<script>` here.\n\n```\n<style>\n```\n\nAfter.")

    assert "<code>&lt;script&gt;</code>" in html
    assert "<code>&lt;style&gt;\n</code>" in html
    assert "After." in html


def test_plain_text_keeps_an_unclosed_element_as_words():
    text = markdown_to_text("Use the <script> tag to load code. Then <style> rules.")

    assert text == "Use the <script> tag to load code. Then <style> rules."


def test_plain_text_drops_a_closed_element_with_its_contents():
    text = markdown_to_text("Before <script>alert(1)</script> after <b>bold</b>.")

    assert "alert" not in text
    assert text.split() == ["Before", "after", "bold", "."]


def test_a_snippet_shows_the_words_after_an_unclosed_element_escaped():
    html = snippet(standfirst="", body=f"Use the <script> tag to {MARK_START}load{MARK_END} it.")

    assert html == "Use the &lt;script&gt; tag to <mark>load</mark> it."


@pytest.mark.django_db
def test_the_story_page_shows_the_words_and_runs_nothing(client):
    article = make_article(
        body="Use the <script> tag to load code.\n\n<style>\n\nThe last paragraph."
    )

    page = client.get(article.get_absolute_url()).content.decode()
    body = page[page.index('<div class="body">') : page.index("</article>")]

    assert "Use the &lt;script&gt; tag to load code." in body
    assert "&lt;style&gt;" in body
    assert "The last paragraph." in body
    assert not EXECUTABLE.search(body)


@pytest.mark.django_db
def test_the_admin_preview_follows_the_same_rule(admin_client):
    response = admin_client.post(
        reverse("admin:articles_article_body_preview"),
        {"body": "Use the <script> tag.\n\n<iframe>\n\nStill here."},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Use the &lt;script&gt; tag." in html
    assert "Still here." in html
    assert not EXECUTABLE.search(html)
