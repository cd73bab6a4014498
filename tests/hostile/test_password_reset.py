"""A member of staff who forgot their password sets a new one from a mailed link.

The reset page answers every address the same way, mails staff only, and mails one
address at most once in a few minutes, so it neither tells who has an account nor can
be used to flood an inbox.
"""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

OLD_PASSWORD = "a-long-test-passphrase"
NEW_PASSWORD = "correct-horse-battery-staple-42"
LINK = re.compile(r"https?://testserver(/admin/password_reset/[\w-]+/[\w-]+/)")


@pytest.fixture(autouse=True)
def empty_cache():
    """The one-mail-per-interval memory lives in the cache: start each test without it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rita(django_user_model):
    return django_user_model.objects.create_user(
        "rita", email="rita@example.org", password=OLD_PASSWORD, is_staff=True
    )


def request_reset(client, email: str):
    return client.post(reverse("admin_password_reset"), {"email": email})


def sign_in(password: str):
    return Client().post(
        reverse("admin:login"), {"username": "rita", "password": password, "next": "/admin/"}
    )


def test_the_sign_in_page_offers_a_password_reset(client):
    page = client.get(reverse("admin:login")).content.decode()

    assert f'href="{reverse("admin_password_reset")}"' in page


def test_a_forgotten_password_is_reset_through_a_mailed_link(client, rita, mailoutbox):
    response = request_reset(client, "rita@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["rita@example.org"]
    link = LINK.search(mail.body).group(1)

    # The link swaps its token for the session and leads to the set-password form.
    form_page = client.get(link)
    assert form_page.status_code == 302
    set_password = form_page["Location"]
    assert client.get(set_password).status_code == 200
    done = client.post(set_password, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")
    assert sign_in(NEW_PASSWORD)["Location"] == "/admin/"
    assert sign_in(OLD_PASSWORD).status_code == 200
    # The link worked once.
    again = Client().get(link, follow=True).content.decode()
    assert "The password reset link was invalid" in again


def test_the_new_password_must_pass_the_password_rules(client, rita, mailoutbox):
    request_reset(client, "rita@example.org")
    set_password = client.get(LINK.search(mailoutbox[0].body).group(1))["Location"]

    response = client.post(set_password, {"new_password1": "12345", "new_password2": "12345"})

    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    assert sign_in(OLD_PASSWORD)["Location"] == "/admin/"


def test_the_answer_is_the_same_for_an_address_with_no_account(client, rita, mailoutbox):
    known = request_reset(client, "rita@example.org")
    unknown = request_reset(Client(), "nobody@example.org")

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [mail.to for mail in mailoutbox] == [["rita@example.org"]]


def test_only_staff_are_mailed(client, django_user_model, mailoutbox):
    django_user_model.objects.create_user("reader", email="reader@example.org", password="x")

    response = request_reset(client, "reader@example.org")

    assert response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []


def test_an_address_is_mailed_at_most_once_in_a_few_minutes(client, rita, mailoutbox):
    responses = [request_reset(Client(), "rita@example.org") for _ in range(20)]

    assert {response["Location"] for response in responses} == {reverse("password_reset_done")}
    assert len(mailoutbox) == 1


def test_the_interval_is_per_address_whatever_its_case(client, rita, mailoutbox):
    request_reset(client, "rita@example.org")
    request_reset(client, " RITA@Example.org ")

    assert len(mailoutbox) == 1
