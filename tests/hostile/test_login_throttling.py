"""Guessing passwords gets nowhere: a username is locked from an address after a few misses.

The lock is on the pair (username, address): colleagues behind the same office address
still sign in, the same person signs in from elsewhere, and an administrator can lift it.
"""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from newsroom.accounts import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-passphrase"
OFFICE = "203.0.113.7"
ELSEWHERE = "198.51.100.20"
WRONG_PASSWORD_PAGE = "Please enter the correct username and password"
LOCKED_PAGE = "locked after too many wrong passwords"


@pytest.fixture
def rita(django_user_model):
    return django_user_model.objects.create_user("rita", password=PASSWORD, is_staff=True)


@pytest.fixture
def colleague(django_user_model):
    return django_user_model.objects.create_user("ed", password=PASSWORD, is_staff=True)


def sign_in(client, password: str, *, username: str = "rita", address: str = OFFICE, **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def guess(client, times: int, **options) -> list[int]:
    return [sign_in(client, f"guess-{number}", **options).status_code for number in range(times)]


def test_the_limit_is_five_misses_and_the_lock_lasts_a_quarter_of_an_hour():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME


def test_misses_below_the_limit_get_the_ordinary_wrong_password_page(client, rita):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "wrong")
        assert response.status_code == 200
        assert WRONG_PASSWORD_PAGE in response.content.decode()

    assert signed_in(sign_in(client, PASSWORD))


def test_sixty_guesses_then_the_right_password_is_refused_with_a_clear_message(client, rita):
    statuses = guess(client, 60)

    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert set(statuses[limit - 1 :]) == {429}
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED_PAGE in page
    assert "Try again in 15 minutes, or ask an administrator to unlock the account" in page
    assert PASSWORD not in page
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_lock_ends_once_the_cool_off_has_passed(client, rita):
    guess(client, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert signed_in(sign_in(client, PASSWORD))


def test_an_administrator_lifts_the_lock_in_the_admin(client, rita, django_user_model):
    guess(client, settings.AXES_FAILURE_LIMIT)
    admin_user = django_user_model.objects.create_superuser("boss", password=PASSWORD)
    administrator = Client()
    administrator.force_login(admin_user)
    attempts = reverse("admin:axes_accessattempt_changelist")
    listing = administrator.get(attempts, {"locked_out": "yes"}).content.decode()
    assert "rita" in listing and OFFICE in listing

    administrator.post(
        attempts,
        {
            "action": "delete_selected",
            "_selected_action": [
                str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)
            ],
            "post": "yes",
        },
    )

    assert not AccessAttempt.objects.exists()
    assert signed_in(sign_in(client, PASSWORD))


def test_an_administrator_lifts_the_lock_from_the_command_line(client, rita):
    guess(client, settings.AXES_FAILURE_LIMIT)

    out = StringIO()
    call_command("axes_reset_username", "rita", stdout=out)

    assert "1 attempts removed." in out.getvalue()
    assert signed_in(sign_in(client, PASSWORD))


def test_a_colleague_behind_the_same_office_address_still_signs_in(client, rita, colleague):
    guess(client, 20)

    assert signed_in(sign_in(Client(), PASSWORD, username="ed"))


def test_the_locked_person_still_signs_in_from_another_address(client, rita):
    guess(client, 20)

    assert signed_in(sign_in(Client(), PASSWORD, address=ELSEWHERE))


def test_an_unknown_username_is_locked_the_same_way(client, rita):
    statuses = guess(client, 10, username="nobody")

    assert statuses[-1] == 429
    assert signed_in(sign_in(Client(), PASSWORD))


def test_a_successful_sign_in_forgets_earlier_misses(client, rita):
    limit = settings.AXES_FAILURE_LIMIT
    guess(client, limit - 1)
    assert signed_in(sign_in(client, PASSWORD))
    client.logout()

    assert set(guess(client, limit - 1)) == {200}
    assert signed_in(sign_in(client, PASSWORD))


# --- Behind the TLS proxy: the client is the address the proxy saw ------------------------

PROXY = "10.0.0.2"


@pytest.fixture
def behind_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_behind_the_proxy_a_guesser_cannot_escape_the_lock_by_claiming_other_addresses(
    client, rita, behind_proxy
):
    for number in range(10):
        claimed = f"192.0.2.{number}, {OFFICE}"
        sign_in(client, "wrong", address=PROXY, HTTP_X_FORWARDED_FOR=claimed)

    refused = sign_in(client, PASSWORD, address=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.99, {OFFICE}")

    assert refused.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}
    # Someone else behind the same proxy is someone else.
    assert signed_in(sign_in(Client(), PASSWORD, address=PROXY, HTTP_X_FORWARDED_FOR=ELSEWHERE))


def test_the_client_address_is_the_last_one_the_proxy_added(behind_proxy):
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.2.3.4 , {OFFICE} "
    )

    assert client_ip(request) == OFFICE


def test_without_a_proxy_a_forwarded_for_header_is_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert client_ip(request) == OFFICE
