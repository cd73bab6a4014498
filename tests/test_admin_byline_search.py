"""The story list in the admin finds stories by their byline."""

import pytest

from articles.models import Author
from tests.factories import DraftArticleFactory, make_article
from tests.workflow.helpers import admin_url

pytestmark = pytest.mark.django_db


def titles_found(client, query: str) -> set[str]:
    response = client.get(admin_url("changelist"), {"q": query})
    assert response.status_code == 200
    return {article.title for article in response.context["cl"].result_list}


def test_searching_for_a_byline_finds_that_writers_stories_only(editor_client):
    make_article(title="Council cuts", byline="Priya Okonkwo")
    DraftArticleFactory(title="Draft on buses", byline="Priya Okonkwo, Transport Correspondent")
    make_article(title="Budget passes", byline="Tom Hale")
    make_article(title="No byline here")

    assert titles_found(editor_client, "Okonkwo") == {"Council cuts", "Draft on buses"}
    assert titles_found(editor_client, "tom hale") == {"Budget passes"}


def test_the_story_list_filters_by_author_read_from_bylines(editor_client):
    """One choice per writer, however many stories they wrote or how their byline reads."""
    make_article(title="Council cuts", byline="Priya Okonkwo")
    DraftArticleFactory(title="Draft on buses", byline="Priya Okonkwo, Transport Correspondent")
    make_article(title="Budget passes", byline="Tom Hale")

    response = editor_client.get(admin_url("changelist"))
    author_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.title == "authors"
    )
    names = [choice["display"] for choice in author_filter.choices(response.context["cl"])]
    assert names[1:3] == ["Priya Okonkwo", "Tom Hale"]  # then "-": stories without an author

    priya = Author.objects.get(name="Priya Okonkwo")
    response = editor_client.get(admin_url("changelist"), {"authors__id__exact": priya.pk})
    assert {article.title for article in response.context["cl"].result_list} == {
        "Council cuts",
        "Draft on buses",
    }
