"""The writing screen: the story list's columns, the article form's aids and its preview."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Picture
from tests.factories import london, make_article, make_section
from tests.workflow.helpers import admin_url, picture_upload

pytestmark = pytest.mark.django_db

Status = Article.Status
PREVIEW_URL = "admin:articles_article_body_preview"
# The session, the user and their permissions (two), then the story's stored pictures.
PREVIEW_QUERIES = 5


def story_list(client) -> str:
    return client.get(admin_url("changelist"), {"workflow": "all"}).content.decode()


# The story list


def test_the_list_has_headline_status_section_byline_and_when_columns(editor_client):
    make_article(title="Budget agreed", byline="Rita Ng")

    page = story_list(editor_client)

    for column in ("title", "workflow_status", "section", "byline", "when"):
        assert f"column-{column}" in page
    for dropped in ("created_by", "updated_at", "published_at"):
        assert f"column-{dropped}" not in page


def test_who_filed_a_story_and_when_it_was_updated_are_filters(editor_client):
    page = story_list(editor_client)

    assert "By created by" in page
    assert "By updated at" in page


def test_each_state_is_a_label_in_words(editor_client):
    now = timezone.now()
    make_article(status=Status.DRAFT, published_at=None)
    make_article(status=Status.REVIEW, published_at=None)
    make_article(published_at=now + timedelta(days=1))
    make_article(published_at=now - timedelta(days=1))
    make_article(status=Status.UNPUBLISHED, published_at=None)

    page = story_list(editor_client)

    for kind, words in [
        ("draft", "Draft"),
        ("review", "In review"),
        ("scheduled", "Scheduled"),
        ("published", "Published"),
        ("unpublished", "Unpublished"),
    ]:
        assert page.count(f'<span class="status-label status-{kind}">{words}</span>') == 1


def test_when_is_the_publication_time_or_the_last_edit(editor_client):
    make_article(published_at=london(2024, 5, 1, 9, 5))
    make_article(published_at=timezone.now() + timedelta(days=400))
    draft = make_article(status=Status.DRAFT, published_at=None)

    page = story_list(editor_client)

    assert '<time datetime="2024-05-01T08:05:00+00:00">1 May 2024 09:05</time>' in page
    assert page.count(">Goes live ") == 1
    edited = timezone.localtime(draft.updated_at)
    assert f">Edited {edited.day} " in page


def test_headlines_and_bylines_are_escaped_in_the_list(editor_client):
    make_article(title="<script>alert(1)</script>", byline="<b>Rita</b>")

    page = story_list(editor_client)

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Rita&lt;/b&gt;" in page


def test_the_list_costs_the_same_queries_for_3_stories_or_30(editor_client):
    section = make_section("Politics")
    for _ in range(3):
        make_article(section=section, byline="Rita Ng")
    with CaptureQueriesContext(connection) as three:
        story_list(editor_client)
    for number in range(27):
        make_article(section=make_section(f"Section {number}"), byline="Rita Ng")
    with CaptureQueriesContext(connection) as thirty:
        story_list(editor_client)

    assert len(thirty) == len(three)


# The article form


def test_the_body_carries_what_the_writing_screen_needs(editor_client, settings):
    settings.NEWSROOM_SITE_NAME = "The Ledger"
    article = make_article()

    page = editor_client.get(admin_url("change", article.pk)).content.decode()

    assert 'data-site-name="The Ledger"' in page
    assert 'data-address="http://testserver/articles/SLUG/"' in page
    assert 'data-title-chars="60"' in page
    assert 'data-description-chars="160"' in page
    assert 'class="writing-body"' in page
    assert "articles/admin/article_list.css" in page


def test_the_length_guidance_is_there_without_the_script(editor_client):
    page = editor_client.get(admin_url("add")).content.decode()

    assert "Search results show about 60 characters of a headline" in page
    assert "about 160 characters fit" in page


def test_the_add_form_still_saves(editor_client):
    section = make_section("Politics")

    response = editor_client.post(
        admin_url("add"),
        {
            "title": "A new story",
            "slug": "a-new-story",
            "body": "Words.",
            "section": section.pk,
            "status": "draft",
            **{
                f"{prefix}-{key}": value
                for prefix in (
                    "pictures",
                    "notes",
                    "person_links",
                    "party_links",
                    "constituency_links",
                    "preview_links",
                    "old_slugs",
                    "reply_requests",
                )
                for key, value in [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0")]
            },
        },
    )

    assert response.status_code == 302, response.context["errors"]
    assert Article.objects.get(slug="a-new-story").body == "Words."


# The live preview: counts and advice


def preview(client, **data) -> dict:
    response = client.post(reverse(PREVIEW_URL), data)
    assert response.status_code == 200
    return response.json()


def test_the_preview_counts_the_words_and_the_reading_time(reporter_client):
    answer = preview(reporter_client, body="Labour [held](https://example.org) the seat.")

    assert answer["words"] == 4
    assert answer["reading_time"] == "4 words, 1 minute to read"


def test_the_preview_advises_on_the_headline_and_standfirst(reporter_client):
    answer = preview(reporter_client, title="x" * 61, standfirst="Too short.")

    assert answer["headline"]["level"] == "long"
    assert answer["headline"]["length"] == 61
    assert answer["standfirst"]["level"] == "short"
    assert answer["standfirst"]["limit"] == 160


def test_list_items_keep_their_list(reporter_client):
    answer = preview(reporter_client, body="- one\n- two")

    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in answer["html"]


# The live preview: pictures as the form holds them


def rows(*pictures) -> str:
    return json.dumps(list(pictures))


def test_an_unsaved_picture_is_previewed_as_a_placeholder_with_its_caption(editor_client):
    article = make_article()

    html = preview(
        editor_client,
        body="Before\n\n[[picture:2]]\n\nAfter",
        article=article.pk,
        pictures=rows({"id": "", "position": "2", "caption": "At the count", "credit": "PA"}),
    )["html"]

    assert "Picture 2" in html
    assert "At the count" in html
    assert '<span class="credit">PA</span>' in html
    assert "<img" not in html


def test_a_saved_picture_is_previewed_with_its_file_and_the_caption_being_typed(editor_client):
    article = make_article()
    picture = Picture.objects.create(
        article=article, position=1, caption="Old caption", file=picture_upload()
    )

    html = preview(
        editor_client,
        body="[[picture:1]]",
        article=article.pk,
        pictures=rows({"id": str(picture.pk), "position": "1", "caption": "New caption"}),
    )["html"]

    assert "<img" in html
    assert picture.file.url in html
    assert "New caption" in html
    assert "Old caption" not in html


def test_a_picture_ticked_for_deletion_is_not_previewed(editor_client):
    article = make_article()
    picture = Picture.objects.create(article=article, position=1, caption="Going")

    html = preview(
        editor_client,
        body="[[picture:1]]",
        article=article.pk,
        pictures=rows({"id": str(picture.pk), "position": "1", "caption": "Go", "deleted": True}),
    )["html"]

    assert "Go" not in html


def test_another_storys_picture_is_never_shown(editor_client):
    other = Picture.objects.create(
        article=make_article(), position=1, caption="Theirs", file=picture_upload()
    )
    article = make_article()

    html = preview(
        editor_client,
        body="[[picture:1]]",
        article=article.pk,
        pictures=rows({"id": str(other.pk), "position": "1", "caption": "Mine"}),
    )["html"]

    assert other.file.url not in html
    assert "Mine" in html


def test_a_hostile_caption_is_escaped_in_the_preview(editor_client):
    html = preview(
        editor_client,
        body="[[picture:1]]",
        pictures=rows({"position": "1", "caption": "<script>alert(1)</script>"}),
    )["html"]

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "posted",
    [
        "not json",
        '{"position": "1"}',
        '[1, "two", null]',
        rows({"position": "²"}),
        rows({"position": "99999999999999999999"}),
        rows({"position": ["1"], "caption": {"x": 1}}),
    ],
)
def test_malformed_picture_rows_preview_no_pictures(editor_client, posted):
    answer = preview(editor_client, body="Text\n\n[[picture:1]]", pictures=posted)

    assert answer["html"] == "<p>Text</p>\n"


def test_the_preview_reads_the_stored_pictures_at_most_once(
    editor_client, django_assert_max_num_queries
):
    article = make_article()
    for position in range(1, 6):
        Picture.objects.create(article=article, position=position, caption=f"Picture {position}")
    posted = rows(*({"id": "", "position": str(n), "caption": "new"} for n in range(6, 60)))

    with django_assert_max_num_queries(PREVIEW_QUERIES):
        editor_client.post(
            reverse(PREVIEW_URL),
            {"body": "[[picture:1]]\n\n[[picture:7]]", "article": article.pk, "pictures": posted},
        )
