from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("create_accounts", stdout=out)
    return out.getvalue()


def test_the_first_run_creates_an_editor_superuser_and_prints_its_password_once():
    output = run()
    password = output.split("password: ")[1].split()[0]
    user = authenticate(username="editor", password=password)
    assert user is not None and user.is_superuser
    again = run()
    assert "password:" not in again
    assert get_user_model().objects.count() == 1


def test_no_account_is_made_when_users_exist(django_user_model):
    django_user_model.objects.create_user("reporter", password="x")
    assert "password:" not in run()
    assert not django_user_model.objects.filter(username="editor").exists()
