import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("create_accounts", stdout=out)
    return out.getvalue()


def sign_in(username: str, password: str):
    """As the admin's sign-in page does: the sign-in throttle needs the request."""
    return authenticate(
        RequestFactory().post("/admin/login/"), username=username, password=password
    )


def test_the_first_run_creates_one_account_per_role_and_prints_each_password_once():
    output = run()
    passwords = dict(re.findall(r"username: (\w+)\s+password: (\S+)", output))
    assert set(passwords) == {"admin", "editor", "reporter"}

    admin = sign_in("admin", passwords["admin"])
    editor = sign_in("editor", passwords["editor"])
    reporter = sign_in("reporter", passwords["reporter"])
    assert admin.is_superuser
    assert editor.is_staff and not editor.is_superuser
    assert editor.has_perm("articles.publish_article")
    assert reporter.is_staff and not reporter.has_perm("articles.publish_article")
    assert reporter.has_perm("articles.change_article")

    again = run()
    assert "password:" not in again
    assert get_user_model().objects.count() == 3


def test_no_account_is_made_when_users_exist(django_user_model):
    django_user_model.objects.create_user("someone", password="x")
    assert "password:" not in run()
    assert django_user_model.objects.count() == 1
