"""A share link shows a story only on its way out, and lasts a month at most.

Draft, in review or scheduled: the link shows the story. Live: the link leads to the
public page. Unpublished (taken down): the link shows nothing, like a revoked one.
An expiry is in the future and at most 30 days after the link was made.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import publishing
from articles.models import Article, PreviewLink
from tests.factories import SecretDraftFactory, make_article
from tests.helpers import add_inline_row, admin_form_data, inline_formset
from tests.workflow.helpers import admin_url

pytestmark = pytest.mark.django_db

Status = Article.Status
FAR_FUTURE = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)


def share(article: Article, **fields) -> PreviewLink:
    return PreviewLink.objects.create(article=article, **fields)


def never_issued(client):
    return client.get(reverse("articles:shared_preview", args=["never-issued"]))


# --- What a link shows, as the story moves -----------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT},
        {"status": Status.REVIEW},
        {"status": Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "in review", "scheduled"],
)
def test_a_link_shows_a_story_readers_cannot_see_yet(client, fields):
    link = share(SecretDraftFactory(**fields))

    response = client.get(link.get_absolute_url())

    assert response.status_code == 200
    assert "The unpublished figures." in response.content.decode()


def test_once_the_story_is_live_the_link_leads_to_the_public_page(client, editor):
    article = SecretDraftFactory()
    link = share(article)

    publishing.publish(article, user=editor)
    response = client.get(link.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_once_the_story_is_taken_down_the_link_shows_nothing(client, editor):
    article = SecretDraftFactory()
    link = share(article)
    publishing.publish(article, user=editor)

    publishing.unpublish(article, user=editor)
    response = client.get(link.get_absolute_url())

    assert response.status_code == 404
    assert response.content == never_issued(client).content
    assert "Secret budget draft" not in response.content.decode()
    assert "Location" not in response


def test_a_scheduled_story_taken_down_before_its_time_is_not_shown(client, editor):
    article = SecretDraftFactory()
    link = share(article)
    publishing.schedule(article, user=editor, at=timezone.now() + timedelta(days=1))
    assert client.get(link.get_absolute_url()).status_code == 200

    publishing.unpublish(article, user=editor)

    assert client.get(link.get_absolute_url()).status_code == 404


def test_a_taken_down_story_returned_to_draft_can_be_shared_again(client, editor):
    article = SecretDraftFactory()
    link = share(article)
    publishing.publish(article, user=editor)
    publishing.unpublish(article, user=editor)

    publishing.return_to_draft(article, user=editor)

    assert client.get(link.get_absolute_url()).status_code == 200


# --- Expiry ---------------------------------------------------------------------------------


def test_an_expiry_in_the_year_9999_is_refused():
    link = PreviewLink(article=SecretDraftFactory(), expires_at=FAR_FUTURE)

    with pytest.raises(ValidationError) as refused:
        link.full_clean()

    assert "at most 30 days" in refused.value.message_dict["expires_at"][0]


def test_an_expiry_in_the_past_is_refused():
    link = PreviewLink(
        article=SecretDraftFactory(), expires_at=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(ValidationError) as refused:
        link.full_clean()

    assert refused.value.message_dict["expires_at"] == ["A share link must expire in the future."]


def test_an_expiry_thirty_days_away_is_accepted_and_thirty_one_is_not():
    article = SecretDraftFactory()
    PreviewLink(article=article, expires_at=timezone.now() + timedelta(days=30)).full_clean()

    with pytest.raises(ValidationError):
        PreviewLink(article=article, expires_at=timezone.now() + timedelta(days=31)).full_clean()


def test_the_default_expiry_is_accepted():
    PreviewLink(article=SecretDraftFactory()).full_clean()


def test_a_link_older_than_thirty_days_stops_working_whatever_its_expiry_says(client):
    link = share(SecretDraftFactory(), expires_at=FAR_FUTURE)
    assert client.get(link.get_absolute_url()).status_code == 200

    PreviewLink.objects.filter(pk=link.pk).update(
        created_at=timezone.now() - timedelta(days=30, minutes=1)
    )
    link.refresh_from_db()

    assert client.get(link.get_absolute_url()).status_code == 404
    assert not link.is_valid()


def test_an_old_link_with_a_far_expiry_can_still_be_revoked_in_the_admin(editor_client):
    link = share(SecretDraftFactory(), expires_at=FAR_FUTURE)
    url = admin_url("change", link.pk, model=PreviewLink)
    data = admin_form_data(editor_client.get(url))
    data["revoke"] = "on"

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    link.refresh_from_db()
    assert link.revoked_at is not None


def split(moment: datetime) -> tuple[str, str]:
    local = timezone.localtime(moment)
    return f"{local:%d/%m/%Y}", f"{local:%H:%M:%S}"


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("31/12/9999", "A share link can last at most 30 days"),
        ("01/01/2020", "A share link must expire in the future."),
    ],
    ids=["year 9999", "past"],
)
def test_the_share_link_admin_refuses_an_expiry_out_of_bounds(editor_client, day, message):
    article = SecretDraftFactory()
    add = admin_url("add", model=PreviewLink)
    data = admin_form_data(editor_client.get(add))
    data.update(article=str(article.pk), expires_at_0=day, expires_at_1="12:00:00")

    response = editor_client.post(add, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["expires_at"]
    assert any(error.startswith(message) for error in errors)
    assert not PreviewLink.objects.exists()


def test_the_story_page_refuses_a_share_link_expiring_in_the_year_9999(editor_client):
    article = SecretDraftFactory()
    page = editor_client.get(admin_url("change", article.pk))
    data = admin_form_data(page)
    add_inline_row(
        data,
        inline_formset(page, PreviewLink),
        note="Legal",
        expires_at_0="31/12/9999",
        expires_at_1="12:00:00",
    )

    response = editor_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 200
    assert "A share link can last at most 30 days" in response.content.decode()
    assert not PreviewLink.objects.exists()


def test_the_admin_accepts_an_expiry_within_the_month(editor_client):
    article = SecretDraftFactory()
    add = admin_url("add", model=PreviewLink)
    data = admin_form_data(editor_client.get(add))
    day, time = split(timezone.now() + timedelta(days=29))
    data.update(article=str(article.pk), expires_at_0=day, expires_at_1=time)

    response = editor_client.post(add, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert PreviewLink.objects.get().article == article


# --- New links are for stories on their way out --------------------------------------------


@pytest.mark.parametrize(
    ("status", "message"),
    [(Status.PUBLISHED, "is live"), (Status.UNPUBLISHED, "has been taken down")],
    ids=["live", "unpublished"],
)
def test_no_new_link_is_made_for_a_live_or_taken_down_story(editor_client, status, message):
    article = make_article(title="Budget agreed", status=status)
    add = admin_url("add", model=PreviewLink)
    data = admin_form_data(editor_client.get(add))
    data.update(article=str(article.pk))

    response = editor_client.post(add, data)

    assert response.status_code == 200
    assert f"“Budget agreed” {message}" in " ".join(
        response.context["adminform"].form.non_field_errors()
    )
    assert not PreviewLink.objects.exists()
