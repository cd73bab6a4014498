"""`with_last_change()` (SQL, for sitemaps) and `Article.revised_at` (Python, for pages and
feeds) state one rule: when a story last changed for readers. Each case checks both."""

from datetime import timedelta

import pytest

from articles.models import REVISION_GRACE, Article, ArticleNote
from reader.seo import last_modified
from tests.factories import london, make_article

pytestmark = pytest.mark.django_db

PUBLISHED = london(2024, 5, 1)
LATER = timedelta(days=2)
SECOND = timedelta(seconds=1)


def story(*, created, updated, notes=()):
    """A story published at PUBLISHED, with these timestamps and dated notes."""
    article = make_article(published_at=PUBLISHED)
    Article.objects.filter(pk=article.pk).update(created_at=created, updated_at=updated)
    for dated in notes:
        ArticleNote.objects.create(article=article, text="A correction.", created_at=dated)
    return article


def both_ways(article):
    """The last change by the Python rule (a fresh instance) and by the SQL rule."""
    python = last_modified(Article.objects.get(pk=article.pk))
    sql = Article.objects.with_last_change().get(pk=article.pk).last_change
    return python, sql


@pytest.mark.parametrize(
    ("created", "updated", "notes", "expected"),
    [
        (PUBLISHED, PUBLISHED, (), PUBLISHED),
        (PUBLISHED, PUBLISHED + REVISION_GRACE, (), PUBLISHED),
        (PUBLISHED, PUBLISHED + REVISION_GRACE + SECOND, (), PUBLISHED + REVISION_GRACE + SECOND),
        (PUBLISHED, PUBLISHED + LATER, (), PUBLISHED + LATER),
        # Imported long after it came out: the import is no revision, a later edit is.
        (PUBLISHED + LATER, PUBLISHED + LATER + timedelta(minutes=5), (), PUBLISHED),
        (PUBLISHED + LATER, PUBLISHED + 2 * LATER, (), PUBLISHED + 2 * LATER),
        # Notes: one dated after publication is a revision, one before is not.
        (PUBLISHED, PUBLISHED, (PUBLISHED + LATER,), PUBLISHED + LATER),
        (PUBLISHED, PUBLISHED, (PUBLISHED - LATER,), PUBLISHED),
        (PUBLISHED, PUBLISHED + LATER, (PUBLISHED + 2 * LATER,), PUBLISHED + 2 * LATER),
        (PUBLISHED, PUBLISHED + 2 * LATER, (PUBLISHED + LATER,), PUBLISHED + 2 * LATER),
    ],
    ids=[
        "untouched",
        "saved within the grace period",
        "saved just after the grace period",
        "edited later",
        "imported later",
        "imported, then edited",
        "corrected later",
        "note dated before publication",
        "edited, then corrected",
        "corrected, then edited",
    ],
)
def test_the_sql_and_python_rules_agree_on_when_a_story_last_changed(
    created, updated, notes, expected
):
    python, sql = both_ways(story(created=created, updated=updated, notes=notes))

    assert python == sql == expected


def test_with_last_change_dates_many_stories_in_one_query(django_assert_num_queries):
    for days in range(3):
        story(created=PUBLISHED, updated=PUBLISHED + days * LATER, notes=[PUBLISHED + LATER])

    with django_assert_num_queries(1):
        changes = [a.last_change for a in Article.objects.with_last_change()]

    assert sorted(changes) == [PUBLISHED + LATER, PUBLISHED + LATER, PUBLISHED + 2 * LATER]
