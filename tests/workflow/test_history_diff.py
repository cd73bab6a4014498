"""The word diff the history pages show (`articles.admin.history.html_diff`)."""

from articles.admin.history import html_diff


def test_a_changed_phrase_is_one_deletion_and_one_insertion():
    assert html_diff(
        "The council voted against the plan on Tuesday.",
        "The council rejected the plan outright on Tuesday.",
    ) == (
        "The council <del>voted against the plan</del><ins>rejected the plan outright</ins>"
        " on Tuesday."
    )


def test_changes_far_apart_are_marked_apart():
    assert (
        html_diff("One two three four five six.", "One 2 three four five 6.")
        == "One <del>two</del><ins>2</ins> three four five <del>six.</del><ins>6.</ins>"
    )


def test_words_added_at_the_end_or_all_removed():
    assert html_diff("a b", "a b c") == "a b <ins>c</ins>"
    assert html_diff("gone", "") == "<del>gone</del>"
    assert html_diff("", "new text") == "<ins>new text</ins>"


def test_the_same_text_has_no_marks():
    assert html_diff("Same\n\ntext.", "Same\n\ntext.") == "Same\n\ntext."


def test_line_breaks_are_kept_for_the_page_to_show():
    assert html_diff("First.\n\nSecond here.", "First.\n\nSecond there.") == (
        "First.\n\nSecond <del>here.</del><ins>there.</ins>"
    )


def test_everything_is_escaped():
    assert html_diff("<b>bold</b>", "<i>it</i>") == (
        "<del>&lt;b&gt;bold&lt;/b&gt;</del><ins>&lt;i&gt;it&lt;/i&gt;</ins>"
    )


def test_line_ends_a_browser_sends_or_doubled_spaces_change_no_word():
    before = "First.\n\nSecond  line here."
    after = "First.\r\n\r\nSecond line there."

    assert html_diff(before, after) == "First.\r\n\r\nSecond line <del>here.</del><ins>there.</ins>"
