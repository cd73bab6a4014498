"""Readers' addresses stay put: only editors move a story that has gone out, and no story
takes over an address that still leads readers to another one."""

import pytest

from articles.models import Article, ArticleSlug
from tests.factories import DraftArticleFactory, make_article, make_section
from tests.helpers import admin_form_data
from tests.workflow.helpers import admin_url

pytestmark = pytest.mark.django_db

Status = Article.Status


def rename(article: Article, slug: str) -> Article:
    article.slug = slug
    article.save()
    return article


def change_form(client, article: Article):
    page = client.get(admin_url("change", article.pk))
    assert page.status_code == 200
    return page, admin_form_data(page)


def post_slug(client, article: Article, slug: str):
    _, data = change_form(client, article)
    data["slug"] = slug
    return client.post(admin_url("change", article.pk), data)


def slug_errors(response) -> list[str]:
    return response.context["adminform"].form.errors.get("slug", [])


@pytest.fixture
def live_story():
    """A live story renamed once: its old address redirects to it."""
    return rename(make_article(title="Budget agreed", slug="budget-draft"), "budget-agreed")


# --- Who may move a story that has gone out ------------------------------------------------


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.UNPUBLISHED])
def test_a_reporter_sees_the_address_of_a_story_that_went_out_read_only(reporter_client, status):
    article = make_article(status=status)

    page, _ = change_form(reporter_client, article)

    field = page.context["adminform"].form.fields["slug"]
    assert field.disabled
    assert "only an editor can change its address" in field.help_text


def test_a_reporter_cannot_rename_a_live_story_even_with_a_crafted_post(reporter_client, client):
    article = make_article(title="Budget agreed", slug="budget-agreed")

    response = post_slug(reporter_client, article, "something-else")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.slug == "budget-agreed"
    assert not ArticleSlug.objects.exists()
    assert client.get("/articles/budget-agreed/").status_code == 200


def test_a_reporter_renames_a_draft(reporter_client):
    article = DraftArticleFactory(slug="first-try")
    page, _ = change_form(reporter_client, article)
    assert not page.context["adminform"].form.fields["slug"].disabled

    response = post_slug(reporter_client, article, "second-try")

    assert response.status_code == 302, response.context["errors"]
    assert Article.objects.get(pk=article.pk).slug == "second-try"


def test_an_editor_renames_a_live_story_and_the_old_address_redirects(editor_client, client):
    article = make_article(slug="budget-draft")

    response = post_slug(editor_client, article, "budget-agreed")

    assert response.status_code == 302, response.context["errors"]
    moved = client.get("/articles/budget-draft/")
    assert (moved.status_code, moved["Location"]) == (301, "/articles/budget-agreed/")


# --- An old address is taken -------------------------------------------------------------


def test_a_draft_cannot_take_the_old_address_of_a_live_story(reporter_client, live_story, client):
    article = DraftArticleFactory(slug="new-draft")

    response = post_slug(reporter_client, article, "budget-draft")

    assert response.status_code == 200
    [error] = slug_errors(response)
    assert "“budget-draft” is an old address of “Budget agreed”" in error
    assert Article.objects.get(pk=article.pk).slug == "new-draft"
    moved = client.get("/articles/budget-draft/")
    assert (moved.status_code, moved["Location"]) == (301, "/articles/budget-agreed/")


def test_a_new_story_cannot_be_filed_at_an_old_address(reporter_client, live_story):
    data = admin_form_data(reporter_client.get(admin_url("add")))
    data.update(title="Budget reaction", slug="budget-draft", section=str(make_section().pk))

    response = reporter_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert "is an old address of “Budget agreed”" in slug_errors(response)[0]
    assert not Article.objects.filter(title="Budget reaction").exists()


def test_an_editor_cannot_take_an_old_address_either(editor_client, live_story):
    other = make_article(slug="reaction")

    response = post_slug(editor_client, other, "budget-draft")

    assert "is an old address of “Budget agreed”" in slug_errors(response)[0]


def test_a_story_may_return_to_its_own_old_address(editor_client, live_story, client):
    response = post_slug(editor_client, live_story, "budget-draft")

    assert response.status_code == 302, response.context["errors"]
    assert client.get("/articles/budget-draft/").status_code == 200
    assert list(ArticleSlug.objects.values_list("slug", "article")) == [
        ("budget-agreed", live_story.pk)
    ]


def test_an_editor_frees_an_old_address_by_removing_it_first(editor_client, live_story, client):
    _, data = change_form(editor_client, live_story)
    [old] = ArticleSlug.objects.all()
    assert data["old_slugs-0-id"] == str(old.pk)
    data["old_slugs-0-DELETE"] = "on"

    response = editor_client.post(admin_url("change", live_story.pk), data)

    assert response.status_code == 302, response.context["errors"]
    assert not ArticleSlug.objects.filter(pk=old.pk).exists()
    assert client.get("/articles/budget-draft/").status_code == 404
    other = DraftArticleFactory(slug="reaction")
    assert post_slug(editor_client, other, "budget-draft").status_code == 302


def test_reporters_cannot_remove_old_addresses(reporter_client, live_story):
    page, data = change_form(reporter_client, live_story)

    assert all(
        inline.formset.model is not ArticleSlug for inline in page.context["inline_admin_formsets"]
    )
    data.update(
        {
            "old_slugs-TOTAL_FORMS": "1",
            "old_slugs-INITIAL_FORMS": "1",
            "old_slugs-0-id": str(ArticleSlug.objects.get().pk),
            "old_slugs-0-article": str(live_story.pk),
            "old_slugs-0-DELETE": "on",
        }
    )

    reporter_client.post(admin_url("change", live_story.pk), data)

    assert ArticleSlug.objects.filter(slug="budget-draft").exists()


# --- Saving never deletes another story's old address ------------------------------------


def test_saving_a_story_at_another_storys_old_address_leaves_that_redirect(live_story, client):
    """Whatever path sets the slug (an import, a script), the other story keeps its links."""
    rename(DraftArticleFactory(slug="new-draft"), "budget-draft")

    assert ArticleSlug.objects.get(slug="budget-draft").article == live_story
    moved = client.get("/articles/budget-draft/")
    assert (moved.status_code, moved["Location"]) == (301, "/articles/budget-agreed/")
