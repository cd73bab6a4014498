"""Saving a scheduled story tells the editor when it goes live, in London time."""

from datetime import UTC, datetime

import pytest

from articles import publishing
from articles.models import Article
from tests.factories import DraftArticleFactory, make_article
from tests.helpers import admin_form_data
from tests.workflow.helpers import admin_url, messages_of

pytestmark = pytest.mark.django_db

Status = Article.Status


def schedule_through_the_form(client, article, day: str, time: str):
    data = admin_form_data(client.get(admin_url("change", article.pk)))
    data.update(status=Status.PUBLISHED, published_at_0=day, published_at_1=time)
    return client.post(admin_url("change", article.pk), data)


def test_scheduling_in_summer_says_the_day_and_the_london_time(editor_client):
    article = DraftArticleFactory(status=Status.REVIEW)

    response = schedule_through_the_form(editor_client, article, "03/06/2099", "09:00:00")

    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    # 9am in London in June is 8am UTC (British Summer Time).
    assert article.published_at == datetime(2099, 6, 3, 8, 0, tzinfo=UTC)
    assert "Scheduled: goes live on 3 June 2099 at 09:00 London time." in messages_of(response)


def test_scheduling_in_winter_says_the_london_time_too(editor_client):
    article = DraftArticleFactory(status=Status.REVIEW)

    response = schedule_through_the_form(editor_client, article, "10/01/2099", "15:30:00")

    assert response.status_code == 302, response.context["errors"]
    assert "Scheduled: goes live on 10 January 2099 at 15:30 London time." in messages_of(response)


def test_the_notice_is_shown_on_the_page_the_editor_lands_on(editor_client):
    article = DraftArticleFactory(status=Status.REVIEW)

    response = schedule_through_the_form(editor_client, article, "03/06/2099", "09:00:00")

    page = editor_client.get(response["Location"]).content.decode()
    assert "Scheduled: goes live on 3 June 2099 at 09:00 London time." in page


def test_saving_a_story_that_is_not_scheduled_says_nothing_of_going_live(editor_client):
    article = make_article(title="Out already")
    data = admin_form_data(editor_client.get(admin_url("change", article.pk)))

    response = editor_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 302, response.context["errors"]
    assert not [m for m in messages_of(response) if "goes live" in m]


def test_the_notice_is_empty_for_drafts_and_live_stories():
    assert publishing.scheduled_notice(DraftArticleFactory()) == ""
    assert publishing.scheduled_notice(make_article()) == ""
