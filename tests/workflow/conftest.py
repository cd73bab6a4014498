"""People for the workflow tests: a reporter and an editor, in the groups migration 0004 makes."""

import pytest

from tests.workflow.helpers import logged_in, make_staff


@pytest.fixture
def reporter(django_user_model):
    return make_staff(django_user_model, "rita", "Reporter", first_name="Rita", last_name="Ng")


@pytest.fixture
def editor(django_user_model):
    return make_staff(django_user_model, "ed", "Editor", first_name="Ed", last_name="Mills")


@pytest.fixture
def reporter_client(reporter):
    return logged_in(reporter)


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)
