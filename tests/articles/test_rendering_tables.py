"""Pipe tables in a body render as tables: cells escaped, alignment as a class, no style."""

import pytest

from articles.rendering import MAX_EMPTY_TABLE_CELLS, render_markdown
from tests.hostile.test_linear_text import HOSTILE_RENDER_GROWTH, RENDER_LENGTHS, seconds

RESULTS = """\
| Candidate | Party | Votes |
|:----------|:-----:|------:|
| Ali Hassan Ali | Labour | 1,204 |
| Jo Bloggs | Green | 987 |
"""


def test_a_pipe_table_renders_as_a_table_with_a_head_and_a_body():
    html = render_markdown(RESULTS)

    assert "|" not in html
    assert html.startswith("<table>\n<thead>\n<tr>\n")
    assert '<th class="align-left">Candidate</th>' in html
    assert '<th class="align-center">Party</th>' in html
    assert '<th class="align-right">Votes</th>' in html
    assert "</thead>\n<tbody>\n" in html
    assert '<td class="align-left">Ali Hassan Ali</td>' in html
    assert '<td class="align-right">987</td>' in html
    assert html.count("<tr>") == 3
    assert "style" not in html


def test_a_column_without_alignment_has_no_class():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n")

    assert "<th>a</th>" in html
    assert "<td>2</td>" in html


def test_text_in_cells_is_escaped_and_markdown_in_them_still_works():
    html = render_markdown('| Claim |\n|---|\n| a < b & "c" **bold** `x|y` |\n')

    assert '<td>a &lt; b &amp; "c" <strong>bold</strong>' in html


@pytest.mark.parametrize(
    "cell",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        '<td style="background:url(x)" class="evil" onclick="alert(1)">y</td>',
        "<style>body{display:none}</style>",
        "<iframe src=//evil.example></iframe>",
    ],
)
def test_hostile_content_in_a_cell_cannot_run_or_restyle(cell):
    html = render_markdown(f"| Claim | Source |\n|---|:-:|\n| {cell} | ok |\n")

    assert "<table>" in html
    for unsafe in ["<script", "<img", "<style", "<iframe", "href=", "onclick", "onerror"]:
        assert unsafe not in html
    assert "style=" not in html
    assert "evil" not in html
    assert '<td class="align-center">ok</td>' in html


def test_classes_other_than_alignment_are_dropped_from_raw_html_tables():
    html = render_markdown('<table><tr><td class="align-right evil">1</td></tr></table>\n')

    assert 'class="align-right"' in html
    assert "evil" not in html


def test_a_table_of_mostly_empty_cells_is_cut_short():
    # A 500-column header over a line per row: each "x" would be 499 empty cells.
    source = "|a" * 500 + "|\n" + "|-" * 500 + "|\n" + "x\n" * 10_000

    html = render_markdown(source)

    assert html.count("<td") <= MAX_EMPTY_TABLE_CELLS + 500


TABLE_HOSTILE = {
    "wide header, short rows": lambda n: "|a" * 500 + "|\n" + "|-" * 500 + "|\n" + "x\n" * (n // 2),
    "rows of pipes": lambda n: "|a|b|\n|-|-|\n" + "|x|y|\n" * (n // 6),
    "delimiter rows": lambda n: "|-|\n" * (n // 4),
    "pipes": lambda n: "|" * n,
    "escaped pipes in a cell": lambda n: "|a|\n|-|\n|" + "\\|" * (n // 2),
    "header lines without a delimiter": lambda n: "a|b\n" * (n // 4),
}


@pytest.mark.parametrize("build", TABLE_HOSTILE.values(), ids=TABLE_HOSTILE.keys())
def test_hostile_tables_render_in_linear_time(build):
    short, long = (build(length) for length in RENDER_LENGTHS)

    ratio = seconds(render_markdown, long) / seconds(render_markdown, short, runs=3)
    assert ratio <= HOSTILE_RENDER_GROWTH, f"{ratio:.1f} times as long for 8 times the text"
