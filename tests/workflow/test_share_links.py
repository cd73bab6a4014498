"""Share links in the admin: editors make them, see the address to send, and revoke them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import PreviewLink
from tests.factories import DraftArticleFactory
from tests.helpers import add_inline_row, admin_form_data, inline_formset
from tests.workflow.helpers import admin_url, messages_of

pytestmark = pytest.mark.django_db


def link_url(action: str, *args) -> str:
    return admin_url(action, *args, model=PreviewLink)


@pytest.fixture
def draft():
    return DraftArticleFactory()


def test_an_editor_creates_a_link_and_is_shown_its_full_address(editor, editor_client, draft):
    data = admin_form_data(editor_client.get(link_url("add")))
    data.update(article=str(draft.pk), note="Legal read")

    response = editor_client.post(link_url("add"), data)

    link = PreviewLink.objects.get()
    address = f"http://testserver/preview/share/{link.token}/"
    assert response.status_code == 302
    assert response["Location"] == link_url("change", link.pk)
    assert f"Share link created: {address}" in messages_of(response)
    assert (link.created_by, link.note) == (editor, "Legal read")
    assert timedelta(days=6, hours=23) < link.expires_at - timezone.now() <= timedelta(days=7)
    page = editor_client.get(link_url("change", link.pk)).content.decode()
    assert f'value="{address}"' in page


def test_an_editor_creates_a_link_from_the_story_itself(editor, editor_client, draft):
    page = editor_client.get(admin_url("change", draft.pk))
    data = admin_form_data(page)
    add_inline_row(data, inline_formset(page, PreviewLink), note="For the source")

    response = editor_client.post(admin_url("change", draft.pk), data)

    assert response.status_code == 302, response.context["errors"]
    link = draft.preview_links.get()
    assert (link.note, link.created_by) == ("For the source", editor)
    again = editor_client.get(admin_url("change", draft.pk)).content.decode()
    assert f"http://testserver/preview/share/{link.token}/" in again


def test_ticking_revoke_stops_the_link(editor_client, draft, client):
    link = PreviewLink.objects.create(article=draft, note="Legal")
    assert client.get(link.get_absolute_url()).status_code == 200
    data = admin_form_data(editor_client.get(link_url("change", link.pk)))
    data["revoke"] = "on"

    editor_client.post(link_url("change", link.pk), data)

    link.refresh_from_db()
    assert link.revoked_at is not None
    assert client.get(link.get_absolute_url()).status_code == 404


def test_the_revoke_action_revokes_every_selected_link(editor_client, draft):
    links = [PreviewLink.objects.create(article=draft) for _ in range(2)]
    kept = PreviewLink.objects.create(article=draft)

    editor_client.post(
        link_url("changelist"),
        {"action": "revoke_links", "_selected_action": [str(link.pk) for link in links]},
    )

    assert set(PreviewLink.objects.filter(revoked_at__isnull=False)) == set(links)
    assert PreviewLink.objects.get(pk=kept.pk).is_valid()


def test_a_reporter_cannot_create_share_links(reporter_client, draft):
    assert reporter_client.get(link_url("add")).status_code == 403
    response = reporter_client.post(link_url("add"), {"article": draft.pk, "note": "x"})

    assert response.status_code == 403
    assert not PreviewLink.objects.exists()


def test_a_reporter_does_not_get_the_share_link_inline_nor_can_post_one(reporter_client, draft):
    page = reporter_client.get(admin_url("change", draft.pk))
    with pytest.raises(LookupError):
        inline_formset(page, PreviewLink)
    data = admin_form_data(page)
    data.update(
        {
            "preview_links-TOTAL_FORMS": "1",
            "preview_links-INITIAL_FORMS": "0",
            "preview_links-0-note": "Crafted",
        }
    )

    response = reporter_client.post(admin_url("change", draft.pk), data)

    assert response.status_code == 302, response.context["errors"]
    assert not PreviewLink.objects.exists()
