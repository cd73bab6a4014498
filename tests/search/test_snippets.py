"""Snippets: readable words around the matches, escaped, with only our own <mark> tags."""

from articles.search.snippets import (
    MARK_END,
    MARK_START,
    SNIPPET_WORDS,
    excerpt,
    mark_words,
    readable,
    snippet,
    to_html,
)


def marked(word: str) -> str:
    return f"{MARK_START}{word}{MARK_END}"


def test_matches_become_mark_elements():
    assert to_html(f"the {marked('budget')} vote") == "the <mark>budget</mark> vote"


def test_text_is_escaped_before_marks_are_added():
    html = to_html(f'<script>alert("x")</script> & {marked("<b>budget</b>")}')
    assert html == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
        "<mark>&lt;b&gt;budget&lt;/b&gt;</mark>"
    )


def test_a_marker_without_its_partner_is_dropped():
    assert to_html(f"budget{MARK_END} and {MARK_START}cuts") == "budget and cuts"


def test_link_addresses_never_show_and_link_text_does():
    text = readable(
        f"See [the {marked('budget')} report](https://example.com/{marked('budget')}-2024) "
        "and ![a chart](/images/chart.png)."
    )
    assert text == f"See the {marked('budget')} report and a chart."


def test_markup_is_reduced_to_the_words_a_reader_sees():
    text = readable(
        "# Heading\n\n> A **bold** and _quiet_ claim <em>here</em>\n\n[[picture:1]]\n\n"
        "- item one\n- item_two `code`"
    )
    assert text == "Heading A bold and quiet claim here item one item_two code"


def test_escaped_html_in_markdown_stays_text():
    assert to_html(readable("Fish &amp; chips &lt;script&gt;")) == "Fish &amp; chips &lt;script&gt;"


def test_a_short_text_is_shown_whole():
    text = f"A {marked('budget')} vote."
    assert excerpt(text) == text


def test_a_long_text_is_cut_around_the_densest_run_of_matches():
    words = [f"w{number}" for number in range(200)]
    words[20] = marked("lone")
    words[120] = marked("budget")
    words[125] = marked("cuts")
    result = excerpt(" ".join(words))
    assert result.startswith("… w114 ")
    assert result.endswith(" …")
    assert marked("budget") in result and marked("cuts") in result
    assert len(result.split()) == SNIPPET_WORDS + 2


def test_a_long_text_without_matches_shows_its_opening():
    result = excerpt(" ".join(f"w{number}" for number in range(100)))
    assert result.startswith("w0 w1 ")
    assert result.endswith(" …")


def test_a_marked_phrase_cut_by_the_window_stays_balanced():
    words = ["w"] * 100
    words[10] = MARK_START + "start"
    words[60] = "end" + MARK_END
    result = excerpt(" ".join(words))
    assert result.count(MARK_START) == result.count(MARK_END) == 1
    assert "<mark>" in to_html(result)


def test_a_matching_standfirst_is_preferred_to_the_body():
    html = snippet(standfirst=f"The {marked('budget')} is out.", body=f"A {marked('budget')}.")
    assert html == "The <mark>budget</mark> is out."


def test_the_body_is_used_when_only_it_matches():
    html = snippet(standfirst="The plan is out.", body=f"A [{marked('budget')}](https://x.org).")
    assert html == "A <mark>budget</mark>."


def test_a_headline_only_match_shows_the_standfirst():
    assert snippet(standfirst="The plan is out.", body="Body text.") == "The plan is out."
    assert snippet(standfirst="", body="Body text.") == "Body text."


def test_mark_words_marks_word_starts_ignoring_case():
    assert mark_words("Budgets and the BUDGET; nobudget", ["budget"]) == (
        f"{marked('Budget')}s and the {marked('BUDGET')}; nobudget"
    )
