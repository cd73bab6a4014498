from datetime import date

import pytest

from articles.importers.base import DocumentError
from articles.importers.frontmatter import parse_frontmatter

TODAY = date(2026, 11, 24)


def parse(text: str):
    return parse_frontmatter(text, source_name="story.md", source_hash="x", today=TODAY)


def test_common_export_fields_are_understood():
    article = parse(
        "---\n"
        'title: "A headline"\n'
        "date: 2024-06-27\n"
        "author: [Ann Author, Bob Writer]\n"
        "tags: elections, news\n"
        "categories:\n  - local\n"
        "section: bethnal-green\n"
        "summary: The standfirst.\n"
        "slug: custom-slug\n"
        "---\n\nThe body.\n"
    )
    assert article.title == "A headline"
    assert article.published_at.date() == date(2024, 6, 27)
    assert article.byline == "Ann Author and Bob Writer"
    assert article.tags == ["elections", "news"]
    assert article.categories == ["local"]
    assert article.section == "bethnal-green"
    assert article.standfirst == "The standfirst."
    assert article.slug == "custom-slug"
    assert article.body == "The body."
    assert not article.is_draft


def test_without_a_summary_the_opening_paragraph_is_the_standfirst():
    article = parse('---\ntitle: T\npublicationDate: "2024-06-27"\n---\n\nOpening.\n\nSecond.\n')
    assert article.standfirst == "Opening."
    assert article.body == "Second."


def test_draft_true_imports_as_draft():
    assert parse("---\ntitle: T\ndate: 2024-01-01\ndraft: true\n---\nBody\n").is_draft


def test_featured_image_is_recorded_as_lead_picture():
    article = parse("---\ntitle: T\ndate: 2024-01-01\nfeaturedImage: /images/a.jpg\n---\nBody\n")
    [picture] = article.pictures
    assert (picture.source_path, picture.is_featured, picture.position) == (
        "/images/a.jpg",
        True,
        1,
    )


def test_a_figure_becomes_a_picture_with_alt_text_and_caption():
    article = parse(
        "---\ntitle: T\ndate: 2024-01-01\nsummary: S\n---\n"
        "Before.\n\n<figure>\n\n![A leaflet](/images/leaflet.jpg)\n\n"
        "<figcaption>\n\nThe <em>leaflet</em>\n\n</figcaption>\n\n</figure>\n\nAfter.\n"
    )
    [picture] = article.pictures
    assert (picture.alt_text, picture.caption, picture.source_path) == (
        "A leaflet",
        "The leaflet",
        "/images/leaflet.jpg",
    )
    assert article.body == "Before.\n\n[[picture:1]]\n\nAfter."


def test_a_standalone_markdown_image_becomes_a_picture():
    article = parse('---\ntitle: T\ndate: 2024-01-01\nsummary: S\n---\n![Alt](/x.png "Cap")\n')
    [picture] = article.pictures
    assert (picture.alt_text, picture.caption) == ("Alt", "Cap")
    assert article.body == "[[picture:1]]"


@pytest.mark.parametrize(
    "front_matter, message",
    [
        ("date: 2024-01-01", "no title"),
        ("title: [a, b]", "title must be text"),
        ("title: T\ntags: 5", "tags must be a list"),
        ("title: T\ntags: [a, [b]]", "tags must be a list"),
        ("title: T\ndraft: maybe", "draft must be true or false"),
        ("title: T\ndate: 2024-02-30", "impossible value|does not exist"),
        ('title: T\ndate: "2024-02-30"', "does not exist"),
        ("title: 'unclosed", "invalid YAML in front matter at line"),
        ("title: !!python/object/apply:os.system ['echo hi']", "could not determine a constructor"),
        ("- just\n- a list", "field: value"),
    ],
)
def test_bad_front_matter_is_a_one_line_error(front_matter, message):
    with pytest.raises(DocumentError, match=message):
        parse(f"---\n{front_matter}\n---\nBody\n")


def test_yaml_aliases_are_refused_before_they_can_expand():
    with pytest.raises(DocumentError, match="alias at line 4"):
        parse("---\ntitle: T\na: &a [x]\nb: [*a]\n---\nBody\n")
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}" + f",*{chr(97 + i)}" * 8 + "]\n"
        for i in range(8)
    )
    with pytest.raises(DocumentError, match="alias"):
        parse(f"---\ntitle: T\n{bomb}---\nBody\n")
