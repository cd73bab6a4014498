"""Who may do what with political facts: editors keep them, reporters read them.

The groups come from migrations 0004 and 0012; `ensure_roles()` rebuilds them as those
migrations do, so these tests also prove the helper and the migrations agree.
"""

import pytest
from django.contrib.auth.models import Group

from tests.factories import StaffFactory
from tests.helpers import ensure_roles

pytestmark = pytest.mark.django_db

FACT_MODELS = ["postheld", "election", "candidacy", "claim", "partymembership"]


def permissions_of(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_the_migrations_give_editors_every_action_on_facts():
    editor = StaffFactory(group="Editor")
    for model in FACT_MODELS:
        for action in ["add", "change", "delete", "view"]:
            assert editor.has_perm(f"people.{action}_{model}"), f"{action}_{model}"
    assert editor.has_perm("articles.add_replyrequest")
    assert editor.has_perm("articles.change_linksuggestion")


def test_reporters_read_facts_and_record_rights_of_reply_but_do_not_change_facts():
    reporter = StaffFactory(group="Reporter")
    for model in FACT_MODELS:
        assert reporter.has_perm(f"people.view_{model}")
        assert not reporter.has_perm(f"people.change_{model}")
    assert reporter.has_perm("articles.add_replyrequest")
    assert reporter.has_perm("articles.view_linksuggestion")
    assert not reporter.has_perm("articles.change_linksuggestion")


def test_ensure_roles_rebuilds_the_groups_the_migrations_made():
    made_by_migrations = {name: permissions_of(name) for name in ["Reporter", "Editor"]}
    Group.objects.all().delete()

    ensure_roles()

    assert {name: permissions_of(name) for name in ["Reporter", "Editor"]} == made_by_migrations


def test_an_editor_can_open_the_election_admin_and_a_reporter_only_reads_it(client):
    editor = StaffFactory(group="Editor")
    client.force_login(editor)
    assert client.get("/admin/people/election/add/").status_code == 200

    reporter = StaffFactory(group="Reporter")
    client.force_login(reporter)
    assert client.get("/admin/people/election/").status_code == 200
    assert client.get("/admin/people/election/add/").status_code == 403
