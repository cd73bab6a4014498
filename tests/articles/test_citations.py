"""Facts cite stories by key: imported stories by their file, others by id."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.citations import citation_key, cited_stories, story_id_in
from articles.models import Article
from tests.factories import london, make_article, make_many_published, make_section
from tests.search.test_index import explain

pytestmark = pytest.mark.django_db


def test_an_imported_story_is_cited_by_its_file_and_a_written_one_by_its_id():
    imported = make_article(title="Imported", source_name="001_abc.txt")
    written = make_article(title="Written")
    assert citation_key(imported) == "001_abc.txt"
    assert citation_key(written) == f"story:{written.pk}"


@pytest.mark.parametrize("key", ["story:", "story:x1", "story:١٢", "story:" + "9" * 40, "001.txt"])
def test_keys_that_name_no_story_id_give_none(key):
    assert story_id_in(key) is None


def test_cited_stories_finds_both_kinds_of_key_in_one_query(django_assert_num_queries):
    imported = make_article(title="Imported", source_name="001_abc.txt")
    written = make_article(title="Written")
    keys = ["001_abc.txt", f"story:{written.pk}", "missing.txt", "story:999999", ""]
    with django_assert_num_queries(1):
        found = cited_stories(keys)
    assert set(found) == {"001_abc.txt", f"story:{written.pk}"}
    assert found["001_abc.txt"].title == "Imported"
    assert found["001_abc.txt"].url == imported.get_absolute_url()


def test_readers_get_no_link_to_a_story_they_cannot_see():
    draft = make_article(title="Draft", status=Article.Status.DRAFT, published_at=None)
    assert cited_stories([citation_key(draft)], Article.objects.published()) == {}
    assert cited_stories([citation_key(draft)]) != {}


def test_no_keys_cost_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert cited_stories(["", ""]) == {}


def test_cited_stories_are_read_by_index_not_by_walking_the_archive():
    # Every fact on a person's page cites a story; with the articles' default order, SQLite
    # walked every published story newest first (22 ms at 10,000 stories) to find them.
    make_many_published(
        3000, section=make_section(), title="Filler {n}", published_at=london(2024, 1, 1)
    )
    imported = make_article(title="Imported", source_name="001_abc.txt")
    written = make_article(title="Written")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    with CaptureQueriesContext(connection) as queries:
        found = cited_stories(["001_abc.txt", f"story:{written.pk}"], Article.objects.published())

    assert set(found) == {"001_abc.txt", f"story:{written.pk}"}
    assert found["001_abc.txt"].pk == imported.pk
    (query,) = queries.captured_queries
    plan = explain(query["sql"])
    assert "unique_article_source" in plan, plan
    if connection.vendor == "sqlite":
        assert "SCAN articles_article" not in plan, plan
