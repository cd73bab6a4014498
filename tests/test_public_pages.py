"""What readers see, what they must not see, and what each page costs in queries."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Picture
from tests.factories import (
    london,
    make_article,
    make_constituency,
    make_party,
    make_person,
    make_section,
)
from tests.helpers import link, make_full_story

# Queries each page may run, whatever the number of stories on it.
# Listing pages: section nav, paginator count, the stories, their featured pictures.
FRONT_PAGE_QUERIES = 4
# ...plus looking up the section or entity from the URL.
SECTION_PAGE_QUERIES = 5
PERSON_PAGE_QUERIES = 5
PARTY_PAGE_QUERIES = 5
# ...plus the constituency's parent, for the link to it.
CONSTITUENCY_PAGE_QUERIES = 6
# Section nav, the article with its section, then tags, categories, pictures,
# and the person, party and constituency links with what they point at.
ARTICLE_PAGE_QUERIES = 8

pytestmark = pytest.mark.django_db


@pytest.fixture
def entities():
    borough = make_constituency("Camden", kind="local_authority")
    return {
        "person": make_person("Ali Hassan Ali"),
        "party": make_party("Labour Party", slug="labour", colour="#E4003B"),
        "constituency": make_constituency(
            "West Hampstead", kind="ward", parent=borough, slug="west-hampstead"
        ),
    }


def make_stories(count: int, entities: dict, **fields) -> list[Article]:
    return [make_full_story(*entities.values(), **fields) for _ in range(count)]


def unpublished_stories(entities: dict) -> list[Article]:
    """A draft, a story in review and one due out tomorrow, all linked to every entity."""
    tomorrow = timezone.now() + timedelta(days=1)
    return [
        make_full_story(*entities.values(), title="Draft story", status=Article.Status.DRAFT),
        make_full_story(*entities.values(), title="Review story", status=Article.Status.REVIEW),
        make_full_story(*entities.values(), title="Tomorrow story", published_at=tomorrow),
    ]


def page_urls(entities: dict) -> dict[str, str]:
    return {
        "front page": reverse("articles:front_page"),
        "section": reverse("articles:section", args=["news"]),
        "person": entities["person"].get_absolute_url(),
        "party": entities["party"].get_absolute_url(),
        "constituency": entities["constituency"].get_absolute_url(),
    }


LISTING_QUERIES = {
    "front page": FRONT_PAGE_QUERIES,
    "section": SECTION_PAGE_QUERIES,
    "person": PERSON_PAGE_QUERIES,
    "party": PARTY_PAGE_QUERIES,
    "constituency": CONSTITUENCY_PAGE_QUERIES,
}


@pytest.mark.parametrize("page", LISTING_QUERIES)
def test_listing_pages_show_published_stories_newest_first(client, entities, page):
    older = make_full_story(
        *entities.values(),
        title="Older story",
        standfirst="The older standfirst.",
        byline="Isabelle Stanley",
        published_at=london(2022, 3, 25),
    )
    newer = make_full_story(
        *entities.values(), title="Newer story", published_at=london(2024, 5, 1)
    )

    response = client.get(page_urls(entities)[page])

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Newer story") < html.index("Older story")
    assert f'href="{older.get_absolute_url()}"' in html
    assert f'href="{newer.get_absolute_url()}"' in html
    assert "The older standfirst." in html
    assert "Isabelle Stanley" in html
    assert '<time datetime="2022-03-25T09:00:00+00:00">25 March 2022</time>' in html
    assert f'href="{older.section.get_absolute_url()}">News</a>' in html


@pytest.mark.parametrize(("page", "queries"), LISTING_QUERIES.items())
def test_listing_pages_cost_the_same_queries_for_3_stories_as_for_15(
    client, entities, django_assert_max_num_queries, page, queries
):
    url = page_urls(entities)[page]
    make_stories(3, entities)
    with django_assert_max_num_queries(queries):
        assert client.get(url).status_code == 200

    make_stories(12, entities)
    with django_assert_max_num_queries(queries):
        response = client.get(url)
    assert len(response.context["page"]) == 15


@pytest.mark.parametrize("page", LISTING_QUERIES)
def test_listing_pages_leave_out_unpublished_and_future_stories(client, entities, page):
    make_full_story(*entities.values(), title="Visible story")
    unpublished_stories(entities)

    response = client.get(page_urls(entities)[page])

    html = response.content.decode()
    assert "Visible story" in html
    for title in ["Draft story", "Review story", "Tomorrow story"]:
        assert title not in html


def test_listing_pages_are_paginated(client):
    for _ in range(21):
        make_article()

    first = client.get(reverse("articles:front_page"))
    second = client.get(reverse("articles:front_page"), {"page": 2})

    assert len(first.context["page"]) == 20
    assert 'href="?page=2"' in first.content.decode()
    assert len(second.context["page"]) == 1


def test_the_section_page_shows_only_its_own_stories(client):
    make_article(title="Council story", section=make_section("Council"))
    make_article(title="Other news")

    response = client.get(reverse("articles:section", args=["council"]))

    assert "Council story" in response.content.decode()
    assert "Other news" not in response.content.decode()


def test_the_article_page_shows_the_story(client, entities):
    article = make_full_story(
        *entities.values(),
        title="Tory quits candidate role",
        standfirst="Claim and counter claim.",
        byline="Isabelle Stanley",
        body="THE Tories are in [turmoil](https://example.com/turmoil).",
        published_at=london(2022, 3, 25),
        published_at_inferred=True,
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Tory quits candidate role</h1>" in html
    assert "Claim and counter claim." in html
    assert "Isabelle Stanley" in html
    assert '<time datetime="2022-03-25T09:00:00+00:00">25 March 2022</time>' in html
    assert f'<a href="{article.section.get_absolute_url()}">News</a>' in html
    assert '<a href="https://example.com/turmoil">turmoil</a>' in html
    assert "Lead caption" in html
    assert "<li>council</li>" in html
    assert "inferred" not in html.lower()


def test_the_article_page_lists_the_people_parties_and_places_with_links(client, entities):
    article = make_full_story(*entities.values())

    html = client.get(article.get_absolute_url()).content.decode()

    assert "People, parties and places in this story" in html
    assert '<a href="/people/ali-hassan-ali/">Ali Hassan Ali</a>' in html
    assert '<a href="/parties/labour/">Labour Party</a>' in html
    assert '<a href="/constituencies/west-hampstead/">West Hampstead</a>' in html


def test_the_article_page_costs_the_same_queries_however_much_hangs_off_it(
    client, entities, django_assert_max_num_queries
):
    small = make_full_story(entities["person"])
    large = make_full_story(*entities.values(), tags=[f"tag {n}" for n in range(10)])
    for number in range(2, 6):
        Picture.objects.create(article=large, position=number, caption=f"Extra {number}")
    link(large, *(make_person(f"Person {n}") for n in range(10)))

    for article in [small, large]:
        with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES):
            assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"published_at": None},
        {"published_at": timezone.now() + timedelta(minutes=5)},
    ],
    ids=["draft", "in review", "published without a date", "published in the future"],
)
def test_unpublished_articles_are_not_found_by_readers(client, fields):
    article = make_article(**fields)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404
    assert article.title not in response.content.decode()


def test_hostile_body_markup_does_not_reach_the_article_page(client):
    article = make_article(
        body=(
            "<script>alert('body')</script>\n\n"
            '<img src=x onerror="alert(1)"> <a href="javascript:alert(2)">click</a>\n\n'
            '<iframe src="https://evil.example/"></iframe>'
        )
    )

    html = client.get(article.get_absolute_url()).content.decode()

    for fragment in ["<script", "onerror", "javascript:", "<iframe", "evil.example", "alert"]:
        assert fragment not in html


def test_a_featured_picture_without_a_file_shows_its_caption_and_no_image(client):
    article = make_article()
    Picture.objects.create(
        article=article,
        position=1,
        caption="Ali Hassan Ali during his time with the Tories",
        credit="Campaign photo",
        source_path="images/ali.jpg",
        is_featured=True,
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Ali Hassan Ali during his time with the Tories" in html
    assert '<span class="credit">Campaign photo</span>' in html
    assert "<img" not in html


def test_the_party_page_shows_its_colour(client, entities):
    html = client.get(entities["party"].get_absolute_url()).content.decode()

    assert 'class="swatch" style="background-color: #E4003B"' in html


def test_the_constituency_page_shows_its_kind_and_links_its_parent(client, entities):
    html = client.get(entities["constituency"].get_absolute_url()).content.decode()

    assert "Council ward" in html
    assert '<a href="/constituencies/camden/">Camden</a>' in html


def test_unknown_entities_and_sections_are_not_found(client):
    for url in ["/people/nobody/", "/parties/none/", "/constituencies/nowhere/", "/section/x/"]:
        assert client.get(url).status_code == 404


def test_the_layout_has_a_skip_link_section_nav_and_stylesheet(client):
    make_section("Politics")

    html = client.get(reverse("articles:front_page")).content.decode()

    assert '<html lang="en-GB">' in html
    assert '<a class="skip-link" href="#content">' in html
    assert '<main id="content"' in html
    assert '<a href="/section/politics/">Politics</a>' in html
    assert 'href="/static/css/site.css"' in html


def test_the_server_error_page_renders_without_a_database_or_request(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")

    assert "Something went wrong" in html
    assert "/static/css/site.css" in html
