"""Category pages: a category's published stories, linked from the article page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Coverage
from reader.pagination import PAGE_SIZE
from tests.factories import london, make_article, make_category

# Queries a category page may run, whatever the number of stories: the category from
# the URL, section nav, the paginator's count, the stories, their featured pictures,
# their authors.
CATEGORY_PAGE_QUERIES = 6

pytestmark = pytest.mark.django_db


def in_category(category, **fields) -> Article:
    story = make_article(**fields)
    story.categories.add(category)
    return story


def test_the_category_page_lists_its_published_stories_newest_first(client):
    local = make_category("Local news", slug="local")
    in_category(local, title="Older story", published_at=london(2024, 5, 1))
    in_category(local, title="Newer story", published_at=london(2024, 5, 2))
    make_article(title="Elsewhere")
    response = client.get(reverse("articles:category", args=["local"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Local news</h1>" in html
    assert html.index("Newer story") < html.index("Older story")
    assert "Elsewhere" not in html


def test_drafts_and_scheduled_stories_never_reach_a_category_page(client):
    local = make_category("Local")
    in_category(local, title="Published story")
    in_category(local, title="A draft", status=Article.Status.DRAFT, published_at=None)
    in_category(local, title="Scheduled", published_at=timezone.now() + timedelta(days=1))
    html = client.get(reverse("articles:category", args=["local"])).content.decode()
    assert "Published story" in html
    assert "A draft" not in html and "Scheduled" not in html


def test_a_category_with_only_unpublished_stories_or_none_is_a_404(client):
    secret = make_category("Secret")
    in_category(secret, status=Article.Status.DRAFT, published_at=None)
    make_category("Empty")
    assert client.get(reverse("articles:category", args=["secret"])).status_code == 404
    assert client.get(reverse("articles:category", args=["empty"])).status_code == 404
    assert client.get(reverse("articles:category", args=["unknown"])).status_code == 404


def test_category_pagination_404s_past_the_end_and_page_one_has_one_address(client):
    local = make_category("Local")
    for number in range(PAGE_SIZE + 1):
        in_category(local, title=f"Story {number}")
    url = reverse("articles:category", args=["local"])
    assert client.get(url, {"page": 2}).status_code == 200
    assert client.get(url, {"page": 3}).status_code == 404
    assert client.get(url, {"page": 1})["Location"] == url


def test_categories_on_the_article_page_link_to_their_pages(client):
    local = make_category("Local <news>", slug="local")
    story = in_category(local)
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<li><a href="/category/local/">Local &lt;news&gt;</a></li>' in html


def test_category_changes_from_either_side_keep_the_listing_in_step():
    local = make_category("Local")
    story = make_article()
    rows = Coverage.objects.filter(kind=Coverage.Kind.CATEGORY, object_id=local.pk)
    story.categories.add(local)
    assert list(rows.values_list("article_id", flat=True)) == [story.pk]
    story.categories.remove(local)
    assert not rows.exists()
    local.articles.add(story)
    assert rows.exists()
    local.articles.clear()
    assert not rows.exists()
    story.categories.set([local])
    local.delete()
    assert not Coverage.objects.filter(kind=Coverage.Kind.CATEGORY).exists()


def test_the_category_page_costs_the_same_however_many_stories(
    client, django_assert_max_num_queries
):
    local = make_category("Local")
    in_category(local, byline="Jane Smith")
    url = reverse("articles:category", args=["local"])
    with django_assert_max_num_queries(CATEGORY_PAGE_QUERIES):
        assert client.get(url).status_code == 200
    for _ in range(10):
        in_category(local, byline="Jane Smith and John Doe")
    with django_assert_max_num_queries(CATEGORY_PAGE_QUERIES):
        assert client.get(url).status_code == 200


def test_categories_with_published_stories_are_in_the_sitemap(client):
    in_category(make_category("Local"))
    in_category(make_category("Secret"), status=Article.Status.DRAFT, published_at=None)
    xml = client.get(reverse("sitemaps:section", args=["categories"])).content.decode()
    assert "/category/local/" in xml
    assert "/category/secret/" not in xml
