"""Pictures awaiting their files: held back from readers everywhere, flagged for editors.

A picture the importer could only record (its path, alt text, caption and credit) has
no file to show. Readers get nothing of it: a caption or credit with no photograph
above it reads as a stray line, and a "not available" box advertises a production
fault on every view. The picture's words wait in the admin, where the story is
flagged ("Pictures awaiting files") and the staff's live preview shows a captioned
placeholder where the picture will go.
"""

import re
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Picture
from articles.rendering import render_body, render_markdown
from tests.factories import make_article, make_section
from tests.test_feeds import SITE_FEED_QUERIES
from tests.test_public_pages import (
    ARTICLE_PAGE_QUERIES,
    FRONT_PAGE_QUERIES,
    SECTION_PAGE_QUERIES,
    jpeg,
)

pytestmark = pytest.mark.django_db

LEAD_CAPTION = "Ali Hassan Ali during his time with the Tories"
LEAD_CREDIT = "Jo Bloggs/Agency"
LEAD_ALT = "A man in a suit outside the town hall"
BODY_CAPTION = "Conservative leader Oliver Cooper"
BODY_ALT = "The front and back of a campaign leaflet"
LEFT_OVER_CAPTION = "The count at the Guildhall"
AWAITING_WORDS = [LEAD_CAPTION, LEAD_CREDIT, LEAD_ALT, BODY_CAPTION, BODY_ALT, LEFT_OVER_CAPTION]


def story_awaiting_pictures(**fields) -> Article:
    """A story whose three pictures (lead, placed, left over) all wait for their files."""
    fields.setdefault("body", "Before the picture.\n\n[[picture:2]]\n\nAfter the picture.")
    article = make_article(**fields)
    Picture.objects.create(
        article=article,
        position=1,
        is_featured=True,
        caption=LEAD_CAPTION,
        credit=LEAD_CREDIT,
        alt_text=LEAD_ALT,
        source_path="/images/lead.jpg",
    )
    Picture.objects.create(
        article=article,
        position=2,
        caption=BODY_CAPTION,
        alt_text=BODY_ALT,
        source_path="/images/leaflet.jpg",
    )
    Picture.objects.create(article=article, position=3, caption=LEFT_OVER_CAPTION)
    return article


def main_content(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def assert_nothing_of_the_pictures(html: str) -> None:
    for words in AWAITING_WORDS:
        assert words not in html, words
    assert "<figure" not in html
    assert "<figcaption" not in html
    assert "<img" not in html
    assert "/images/" not in html


# --- The article page ----------------------------------------------------------------


def test_the_article_page_shows_nothing_of_pictures_awaiting_files(
    client, django_assert_max_num_queries
):
    article = story_awaiting_pictures()

    with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES):
        main = main_content(client.get(article.get_absolute_url()))

    assert_nothing_of_the_pictures(main)
    assert "[[picture" not in main
    # The text either side of the held picture closes up: no empty paragraph between.
    assert re.search(r"<p>Before the picture\.</p>\s*<p>After the picture\.</p>", main)


def test_a_picture_that_has_its_file_is_shown_with_its_caption_beside_one_awaiting(client):
    article = story_awaiting_pictures()
    Picture.objects.filter(position=2).delete()
    Picture.objects.create(
        article=article, position=2, file=jpeg(), caption="Now with a file", alt_text="A rally"
    )

    main = main_content(client.get(article.get_absolute_url()))

    assert main.count("<figure") == 1
    assert re.search(r'<img src="[^"]+" alt="A rally"', main)
    assert "<figcaption>Now with a file</figcaption>" in main
    assert LEAD_CAPTION not in main
    assert LEFT_OVER_CAPTION not in main


def test_the_body_for_readers_leaves_out_pictures_awaiting_files():
    article = story_awaiting_pictures()

    html = render_body(Article.objects.for_detail().get(pk=article.pk))

    assert_nothing_of_the_pictures(html)


# --- Listings, feeds and metadata ------------------------------------------------------


def test_the_front_page_and_a_section_show_no_lead_picture_without_a_file(
    client, django_assert_max_num_queries
):
    section = make_section("Politics", slug="politics")
    story_awaiting_pictures(title="The story awaiting pictures", section=section)

    with django_assert_max_num_queries(FRONT_PAGE_QUERIES):
        front = main_content(client.get(reverse("articles:front_page")))
    with django_assert_max_num_queries(SECTION_PAGE_QUERIES):
        listing = main_content(client.get(section.get_absolute_url()))

    for html in (front, listing):
        assert "The story awaiting pictures" in html
        assert_nothing_of_the_pictures(html)


@pytest.mark.parametrize("feed", ["feeds:site_rss", "feeds:site_atom"])
def test_feeds_carry_no_enclosure_or_picture_without_a_file(
    client, django_assert_max_num_queries, feed
):
    story_awaiting_pictures(title="The story awaiting pictures")

    with django_assert_max_num_queries(SITE_FEED_QUERIES):
        response = client.get(reverse(feed))

    xml = response.content.decode()
    ElementTree.fromstring(response.content)  # still well formed
    assert "The story awaiting pictures" in xml
    assert "enclosure" not in xml
    assert "<media:" not in xml
    assert_nothing_of_the_pictures(xml)


def test_open_graph_and_json_ld_name_no_image_without_a_file(client):
    article = story_awaiting_pictures()

    html = client.get(article.get_absolute_url()).content.decode()
    head = html[: html.index("</head>")]

    assert "og:image" not in head
    assert "twitter:image" not in head
    assert '"image"' not in head
    assert "/images/lead.jpg" not in head


# --- Drafts stay hidden ----------------------------------------------------------------


def test_a_draft_awaiting_pictures_reaches_no_reader_page_feed_or_search(client):
    published = make_article(title="Zanzibar ward result declared")
    draft = story_awaiting_pictures(
        title="Zanzibar secret draft", status=Article.Status.DRAFT, published_at=None
    )

    assert client.get(draft.get_absolute_url()).status_code == 404
    front = client.get(reverse("articles:front_page")).content.decode()
    feed = client.get(reverse("feeds:site_rss")).content.decode()
    found = client.get(reverse("search:results"), {"q": "Zanzibar"}).content.decode()
    assert published.title in found
    for html in (front, feed, found):
        assert "Zanzibar secret draft" not in html
        assert_nothing_of_the_pictures(html)


# --- The staff's live preview: a captioned placeholder ------------------------------


def test_the_staff_preview_shows_a_captioned_placeholder_with_the_alt_text_as_text():
    article = story_awaiting_pictures()

    html = render_markdown(article.body, article.pictures.all())

    assert '<figure class="picture picture-awaiting">' in html
    assert "Picture 2 is awaiting its file." in html
    # The description is text a screen reader reads, not an image with nothing to load.
    assert f'<p class="picture-placeholder-description">{BODY_ALT}</p>' in html
    assert f"<figcaption>{BODY_CAPTION}</figcaption>" in html
    assert "<img" not in html
    assert html.index("Before the picture.") < html.index("<figure")
    assert html.index("</figure>") < html.index("After the picture.")


def test_the_placeholder_escapes_its_words():
    article = make_article(body="[[picture:1]]")
    Picture.objects.create(
        article=article,
        position=1,
        alt_text='<script>alert("alt")</script>',
        caption="<b>caption</b>",
        credit='"><i>credit</i>',
    )

    html = render_markdown(article.body, article.pictures.all())

    assert "<script" not in html
    assert "<b>" not in html
    assert "<i>" not in html
    assert "&lt;script&gt;" in html


# --- The admin flag ------------------------------------------------------------------


def test_the_article_list_filters_stories_with_pictures_awaiting_files(editor_client):
    awaiting = story_awaiting_pictures(title="Awaiting")
    complete = make_article(title="Complete")
    Picture.objects.create(article=complete, position=1, file=jpeg(), alt_text="A rally")
    make_article(title="No pictures")

    url = reverse("admin:articles_article_changelist")
    response = editor_client.get(url, {"pictures": "awaiting"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [awaiting]
    assert "Pictures awaiting files" in response.content.decode()


def test_the_change_form_marks_each_picture_awaiting_its_file(editor_client):
    article = story_awaiting_pictures()
    Picture.objects.filter(position=3).delete()
    Picture.objects.create(article=article, position=3, file=jpeg(), alt_text="A rally")

    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<strong class="picture-awaiting-file">Awaiting a file</strong>') == 2
    assert "Shown with its file." in html


# --- The seeds -----------------------------------------------------------------------


@pytest.fixture
def seeded():
    call_command("import_seeds", stdout=StringIO(), stderr=StringIO())


def test_the_seed_stories_pictures_await_files_and_their_pages_show_no_stray_caption(
    client, editor_client, seeded
):
    seeds = Article.objects.order_by("source_name")
    leaflet = Picture.objects.get(source_path="/images/Ajmal-Masroor-leaflet-1024x683.jpg")

    assert not Picture.objects.exclude(file="").exists()
    assert leaflet.alt_text.startswith("The front and back of the campaign leaflet")
    for article in seeds:
        main = main_content(client.get(article.get_absolute_url()))
        assert "<figure" not in main, article.source_name
        assert "<figcaption" not in main, article.source_name
    response = editor_client.get(
        reverse("admin:articles_article_changelist"), {"pictures": "awaiting"}
    )
    assert set(response.context["cl"].result_list) == set(seeds)
