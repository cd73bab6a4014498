"""A story's body has a limit, so no page spends more than about a second rendering it."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import BODY_MAX_LENGTH, Article
from tests.factories import make_article
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db


def test_the_importer_refuses_a_body_over_the_limit_and_imports_the_rest(tmp_path):
    (tmp_path / "long.md").write_text(
        "---\ntitle: Far too long\ndate: 2024-05-01\n---\nOpening paragraph.\n\n"
        + "word " * (BODY_MAX_LENGTH // 4)
    )
    (tmp_path / "short.md").write_text("---\ntitle: Short enough\ndate: 2024-05-01\n---\nBody.\n")
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError):
        call_command("import_seeds", "--path", str(tmp_path), stdout=out, stderr=err)

    lines = [line for line in (out.getvalue() + err.getvalue()).splitlines() if "long.md" in line]
    assert len(lines) == 1
    assert f"a story's limit is {BODY_MAX_LENGTH:,}" in lines[0]
    assert list(Article.objects.values_list("title", flat=True)) == ["Short enough"]


def test_the_admin_refuses_a_body_over_the_limit_and_keeps_the_story(admin_client):
    story = make_article(body="The body as it was.")
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = admin_form_data(admin_client.get(url))
    data["body"] = "![" * (BODY_MAX_LENGTH // 2 + 1)

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert f"at most {BODY_MAX_LENGTH}" in str(response.context["adminform"].form.errors["body"])
    story.refresh_from_db()
    assert story.body == "The body as it was."
