"""The article list as a work queue: editors land on stories to review, reporters on drafts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article
from tests.workflow.helpers import admin_url

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def newsroom(reporter, editor):
    """One story in each state that matters to the queues, by title."""
    now = timezone.now()
    stories = {
        "rita's draft": {"status": Status.DRAFT, "created_by": reporter},
        "rita's story in review": {"status": Status.REVIEW, "created_by": reporter},
        "ed's draft": {"status": Status.DRAFT, "created_by": editor},
        "ed's story in review": {"status": Status.REVIEW, "created_by": editor},
        "scheduled": {"published_at": now + timedelta(hours=3)},
        "live": {"published_at": now - timedelta(hours=3)},
        "unpublished": {"status": Status.UNPUBLISHED, "published_at": now - timedelta(days=3)},
    }
    for title, fields in stories.items():
        if fields.get("status") in {Status.DRAFT, Status.REVIEW}:
            fields["published_at"] = None
        make_article(title=title, **fields)


def titles(client, **query) -> set[str]:
    response = client.get(admin_url("changelist"), query)
    assert response.status_code == 200
    return {article.title for article in response.context["cl"].result_list}


def test_an_editor_lands_on_the_stories_that_need_review(newsroom, editor_client):
    assert titles(editor_client) == {"rita's story in review", "ed's story in review"}


def test_a_reporter_lands_on_their_own_work_in_progress(newsroom, reporter_client):
    assert titles(reporter_client) == {"rita's draft", "rita's story in review"}


@pytest.mark.parametrize(
    ("queue", "expected"),
    [
        ("review", {"rita's story in review", "ed's story in review"}),
        ("mine", {"ed's draft", "ed's story in review"}),
        ("scheduled", {"scheduled"}),
        ("live", {"live"}),
        ("unpublished", {"unpublished"}),
    ],
)
def test_each_queue_holds_its_stories(newsroom, editor_client, queue, expected):
    assert titles(editor_client, workflow=queue) == expected


def test_all_stories_and_searches_look_at_everything(newsroom, editor_client, reporter_client):
    assert len(titles(editor_client, workflow="all")) == 7
    assert titles(reporter_client, q="ed's") == {"ed's draft", "ed's story in review"}
    assert len(titles(reporter_client, status__exact=Status.PUBLISHED)) == 2


def test_the_queue_links_mark_the_one_shown(newsroom, editor_client):
    page = editor_client.get(admin_url("changelist")).content.decode()

    assert '<li class="selected">\n    <a href="?workflow=review">Needs review</a>' in page
    assert '<a href="?workflow=all">All stories</a>' in page


def test_the_list_filters_on_who_filed_a_story(newsroom, editor_client, reporter):
    page = editor_client.get(admin_url("changelist"), {"created_by__id__exact": reporter.pk})

    assert {a.title for a in page.context["cl"].result_list} == {
        "rita's draft",
        "rita's story in review",
    }
    # Who filed it is a filter, not a column: the list's columns fit a laptop.
    assert "field-created_by" not in page.content.decode()
