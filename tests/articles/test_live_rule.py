"""One rule for "readers can see this story now", in Python and in SQL alike."""

from datetime import timedelta

import pytest

from articles import publishing
from articles.models import Article
from tests.factories import london, make_article

pytestmark = pytest.mark.django_db

NOW = london(2024, 6, 1, 12)
Status = Article.Status


@pytest.mark.parametrize(
    "status, published_at",
    [
        (Status.PUBLISHED, NOW - timedelta(seconds=1)),
        (Status.PUBLISHED, NOW),
        (Status.PUBLISHED, NOW + timedelta(seconds=1)),
        (Status.DRAFT, NOW - timedelta(days=1)),
        (Status.REVIEW, None),
        (Status.UNPUBLISHED, NOW - timedelta(days=1)),
    ],
)
def test_is_live_at_agrees_with_the_published_queryset(status, published_at):
    article = make_article(status=status, published_at=published_at)

    in_sql = Article.objects.published(now=NOW).filter(pk=article.pk).exists()

    assert article.is_live_at(NOW) is in_sql


def test_publishing_refuses_a_story_that_is_live_by_the_same_rule(editor):
    article = make_article(status=Status.PUBLISHED, published_at=NOW)

    with pytest.raises(publishing.PublishingError, match="already live"):
        publishing.publish(article, user=editor, now=NOW)
    # A second before its time it is only scheduled, so it can go out at once.
    published = publishing.publish(article, user=editor, now=NOW - timedelta(seconds=1))
    assert published.published_at == NOW - timedelta(seconds=1)
