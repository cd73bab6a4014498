"""The story list in the admin finds stories by their byline."""

import pytest

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
