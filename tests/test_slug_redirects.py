"""Published stories keep their addresses: an old slug redirects, for good, to the current one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ArticleSlug
from tests.factories import make_article

# The story at that slug (none), then the story that used to be there.
REDIRECT_QUERIES = 2

pytestmark = pytest.mark.django_db


def rename(article: Article, slug: str) -> Article:
    article.slug = slug
    article.save()
    return article


def old_url(slug: str) -> str:
    return f"/articles/{slug}/"


def test_a_renamed_story_redirects_permanently_from_its_old_address(client):
    article = make_article(title="Council budget", slug="council-budget-draft-title")
    rename(article, "council-budget-agreed")

    response = client.get(old_url("council-budget-draft-title"))

    assert response.status_code == 301
    assert response["Location"] == "/articles/council-budget-agreed/"
    assert client.get(response["Location"]).status_code == 200


def test_a_story_renamed_twice_redirects_from_each_old_address_in_one_hop(client):
    article = make_article(slug="first")
    rename(article, "second")
    rename(article, "third")

    for slug in ["first", "second"]:
        response = client.get(old_url(slug))
        assert response.status_code == 301
        assert response["Location"] == "/articles/third/"


def test_a_story_renamed_back_serves_its_old_address_again(client):
    article = make_article(slug="original")
    rename(article, "interim")
    rename(article, "original")

    assert client.get(old_url("original")).status_code == 200
    response = client.get(old_url("interim"))
    assert response.status_code == 301
    assert response["Location"] == "/articles/original/"
    assert not ArticleSlug.objects.filter(slug="original").exists()


def test_the_redirect_keeps_the_query_string(client):
    rename(make_article(slug="before"), "after")

    response = client.get(old_url("before"), {"utm_source": "newsletter"})

    assert response["Location"] == "/articles/after/?utm_source=newsletter"


def test_a_published_story_at_an_address_wins_over_an_old_address_there(client):
    rename(make_article(title="Moved story", slug="contested"), "moved")
    make_article(title="New story", slug="contested")

    response = client.get(old_url("contested"))

    assert response.status_code == 200
    assert response.context["article"].title == "New story"


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"status": Article.Status.UNPUBLISHED},
        {"published_at": timezone.now() + timedelta(hours=1)},
    ],
    ids=["draft", "in review", "unpublished", "scheduled"],
)
def test_an_old_address_of_a_story_readers_cannot_see_is_not_found(client, fields):
    article = make_article(title="Secret budget", slug="secret-budget", **fields)
    rename(article, "secret-budget-final")

    response = client.get(old_url("secret-budget"))

    assert response.status_code == 404
    html = response.content.decode()
    assert "Secret budget" not in html
    assert "secret-budget-final" not in html
    assert "Location" not in response


def test_an_unpublished_story_stops_redirecting_and_a_republished_one_starts_again(client):
    article = rename(make_article(slug="old-name"), "new-name")
    assert client.get(old_url("old-name")).status_code == 301

    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    assert client.get(old_url("old-name")).status_code == 404

    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    assert client.get(old_url("old-name")).status_code == 301


def test_an_address_that_never_existed_is_not_found(client):
    make_article(slug="real-story")

    assert client.get(old_url("no-such-story")).status_code == 404


def test_a_redirect_costs_the_same_queries_however_many_times_a_story_moved(
    client, django_assert_max_num_queries
):
    article = make_article(slug="name-0")
    for number in range(1, 8):
        rename(article, f"name-{number}")
    for _ in range(5):
        make_article()

    for slug in ["name-0", "name-6"]:
        with django_assert_max_num_queries(REDIRECT_QUERIES):
            assert client.get(old_url(slug)).status_code == 301
