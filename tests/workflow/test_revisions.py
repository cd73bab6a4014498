"""Revision history in the admin: who changed what, a readable diff, and one-click restore."""

import pytest
from reversion.models import Version

from articles import publishing, revisions
from articles.models import Article, ArticleNote, ArticlePerson, Picture, ReplyRequest
from tests.factories import make_article, make_person
from tests.helpers import admin_form_data, link
from tests.workflow.helpers import admin_url, bulk_action

pytestmark = pytest.mark.django_db

Status = Article.Status


def edit(client, article, **changes):
    """Open the change form, change some fields, save; as an editor in a browser would."""
    data = admin_form_data(client.get(admin_url("change", article.pk)))
    data.update(changes)
    response = client.post(admin_url("change", article.pk), data)
    assert response.status_code == 302, response.context["errors"]


def versions(article):
    """The article's stored versions, oldest first."""
    return list(Version.objects.get_for_object(article).order_by("pk"))


@pytest.fixture
def story():
    article = make_article(
        title="Council votes on the budget",
        # Named, as the linker found him: each save runs the linker again.
        standfirst="Ali Hassan Ali speaks for the opposition.",
        body="The council voted against the plan on Tuesday.",
        status=Status.DRAFT,
        published_at=None,
        tags=["council", "budget"],
    )
    link(article, make_person("Ali Hassan Ali"))
    return article


@pytest.fixture
def two_edits(story, editor_client):
    edit(editor_client, story, title="Council rejects the budget", tags="council, budget")
    edit(
        editor_client,
        story,
        body="The council rejected the plan outright on Tuesday.",
        tags="council, turnout",
    )
    return versions(story)


def test_every_admin_save_is_a_revision_with_its_user_and_comment(story, editor, two_edits):
    first, second = two_edits

    assert len(two_edits) == 2
    assert (first.revision.user, second.revision.user) == (editor, editor)
    assert "Headline" in first.revision.comment
    assert "Body" in second.revision.comment


def test_the_history_page_lists_who_when_and_what(story, editor_client, two_edits):
    page = editor_client.get(admin_url("history", story.pk))

    content = page.content.decode()
    assert page.status_code == 200
    assert content.count("(Ed Mills)") == 2
    assert "Changed Body and Tags." in content


def test_the_compare_page_shows_the_words_that_changed(story, editor_client, two_edits):
    first, second = two_edits

    page = editor_client.get(
        admin_url("compare", story.pk),
        {"version_id1": first.pk, "version_id2": second.pk},
    )

    content = page.content.decode()
    assert page.status_code == 200
    assert "<h3>Body</h3>" in content
    assert (
        "The council <del>voted against the plan</del><ins>rejected the plan outright</ins>"
        " on Tuesday." in content
    )
    # Tags are part of the revision, so the diff shows them too.
    assert "<del>budget, council</del><ins>council, turnout</ins>" in content
    assert "<h3>Headline</h3>" not in content


def test_the_compare_page_reads_older_to_newer_whichever_way_the_pair_is_given(
    story, editor_client, two_edits
):
    first, second = two_edits

    page = editor_client.get(
        admin_url("compare", story.pk), {"version_id1": second.pk, "version_id2": first.pk}
    )

    assert "<del>voted against the plan</del><ins>rejected the plan outright</ins>" in (
        page.content.decode()
    )


def test_the_compare_page_links_to_the_neighbouring_pairs(story, editor_client, two_edits):
    first, second = two_edits
    edit(editor_client, story, title="A third headline")
    third = versions(story)[-1]

    older = editor_client.get(
        admin_url("compare", story.pk), {"version_id1": first.pk, "version_id2": second.pk}
    ).content.decode()
    newer = editor_client.get(
        admin_url("compare", story.pk), {"version_id1": second.pk, "version_id2": third.pk}
    ).content.decode()

    assert f'href="?version_id1={second.pk}&amp;version_id2={third.pk}">Later' in older
    assert "Earlier" not in older
    assert f'href="?version_id1={first.pk}&amp;version_id2={second.pk}">&lsaquo; Earlier' in newer


@pytest.mark.parametrize("query", [{}, {"version_id1": "1", "version_id2": "x"}])
def test_the_compare_page_without_two_versions_is_not_found(story, editor_client, query):
    assert editor_client.get(admin_url("compare", story.pk), query).status_code == 404


def test_versions_of_another_story_cannot_be_compared(story, editor_client, two_edits):
    other = make_article(title="Another story", status=Status.DRAFT, published_at=None)
    edit(editor_client, other, title="Another story, edited")
    first, _ = two_edits

    response = editor_client.get(
        admin_url("compare", story.pk),
        {"version_id1": first.pk, "version_id2": versions(other)[-1].pk},
    )

    assert response.status_code == 404


def test_the_history_page_ticks_the_two_newest_versions_to_compare(story, editor_client, two_edits):
    first, second = two_edits

    content = editor_client.get(admin_url("history", story.pk)).content.decode()

    assert f'action="{admin_url("compare", story.pk)}"' in content
    older = f'name="version_id1" value="{first.pk}" aria-label="Compare from this version"'
    newer = f'name="version_id2" value="{second.pk}" aria-label="Compare with this version"'
    assert f"{older} checked" in content
    assert f"{newer} checked" in content
    assert f'href="{admin_url("revision", story.pk, first.pk)}"' in content


def test_restoring_the_first_version_brings_back_its_text_tags_and_links(
    story, editor, editor_client, two_edits
):
    first, _ = two_edits
    story.person_links.all().delete()
    oliver = make_person("Oliver Cooper")
    link(story, oliver)

    page = editor_client.get(admin_url("revision", story.pk, first.pk))
    assert "What restoring would change" in page.content.decode()
    response = editor_client.post(
        admin_url("revision", story.pk, first.pk),
        {"edit_version": Article.objects.get(pk=story.pk).edit_version},
    )

    assert response.status_code == 302
    assert response["Location"] == admin_url("change", story.pk)
    story.refresh_from_db()
    assert story.title == "Council rejects the budget"
    assert story.body == "The council voted against the plan on Tuesday."
    assert sorted(story.tags.names()) == ["budget", "council"]
    assert [str(p) for p in story.people.all()] == ["Ali Hassan Ali"]
    restored = versions(story)[-1].revision
    assert restored.user == editor
    assert restored.comment.startswith("Restored the version saved ")


def test_restoring_keeps_the_publish_state_the_address_and_the_corrections(
    story, editor, reporter_client, two_edits
):
    first, _ = two_edits
    publishing.publish(story, user=editor)
    publishing.add_note(story, user=editor, text="We got the date wrong.")
    story.refresh_from_db()
    live = (story.status, story.published_at, story.slug)

    reporter_client.post(
        admin_url("revision", story.pk, first.pk), {"edit_version": story.edit_version}
    )

    story.refresh_from_db()
    assert story.body == "The council voted against the plan on Tuesday."
    assert (story.status, story.published_at, story.slug) == live
    assert ArticleNote.objects.filter(article=story).count() == 1


def test_restoring_brings_back_a_deleted_picture(story, editor_client):
    Picture.objects.create(article=story, position=1, caption="At the count", alt_text="Tellers")
    edit(editor_client, story, title="With a picture")
    with_picture = versions(story)[-1]
    story.pictures.all().delete()
    edit(editor_client, story, title="Without it")

    editor_client.post(admin_url("revision", story.pk, with_picture.pk))

    assert [p.caption for p in story.pictures.all()] == ["At the count"]


def test_restoring_is_refused_if_the_story_changed_since_the_page_was_opened(
    story, editor_client, two_edits
):
    first, _ = two_edits
    opened = Article.objects.get(pk=story.pk).edit_version
    edit(editor_client, story, title="A newer headline")

    response = editor_client.post(
        admin_url("revision", story.pk, first.pk), {"edit_version": opened}
    )

    assert response.status_code == 302
    assert Article.objects.get(pk=story.pk).title == "A newer headline"


def test_a_revision_of_the_old_version_can_be_read_without_restoring_it(
    story, editor_client, two_edits
):
    first, _ = two_edits

    page = editor_client.get(admin_url("revision", story.pk, first.pk))

    assert page.status_code == 200
    assert "The council voted against the plan on Tuesday." in page.content.decode()
    assert Article.objects.get(pk=story.pk).body.startswith("The council rejected")


def test_each_story_in_a_bulk_action_gets_its_own_revision(editor_client):
    first = make_article(status=Status.REVIEW, published_at=None)
    second = make_article(status=Status.REVIEW, published_at=None)

    bulk_action(editor_client, "publish_now", first, second)

    (one,), (two,) = versions(first), versions(second)
    assert one.revision_id != two.revision_id
    assert one.revision.comment == "Published."


def test_a_staff_member_without_article_permissions_cannot_compare(
    django_user_model, client, story, two_edits
):
    staff = django_user_model.objects.create_user("nobody", password="x", is_staff=True)
    client.force_login(staff)
    first, second = two_edits

    response = client.get(
        admin_url("compare", story.pk), {"version_id1": first.pk, "version_id2": second.pk}
    )

    assert response.status_code == 403


def test_contents_of_a_version_read_like_the_story(story, editor_client, two_edits):
    first, _ = two_edits

    contents = revisions.contents_of(first)
    story.refresh_from_db()

    assert contents["headline"] == "Council rejects the budget"
    assert contents["tags"] == "budget, council"
    assert contents["people"] == "Ali Hassan Ali (found by the linker)"
    assert contents == revisions.contents_now(story) | {
        "body": "The council voted against the plan on Tuesday.",
        "tags": "budget, council",
    }


def test_an_edited_link_is_shown_as_the_editors_in_the_history(story, editor_client):
    ArticlePerson.objects.update(origin="editor")
    edit(editor_client, story, title="Touch")

    assert (
        "(added or confirmed in the admin)" in revisions.contents_of(versions(story)[-1])["people"]
    )


def test_a_picture_changed_from_the_pictures_list_shows_in_its_storys_history(
    story, editor, editor_client
):
    picture = Picture.objects.create(article=story, position=1, caption="Old caption")
    url = admin_url("change", picture.pk, model=Picture)
    data = admin_form_data(editor_client.get(url))
    data["caption"] = "New caption"

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    (version,) = versions(story)
    assert version.revision.user == editor
    assert revisions.contents_of(version)["pictures"].startswith("1. New caption")


def test_a_deleted_right_of_reply_is_read_in_the_history_and_a_restore_keeps_the_current_ones(
    story, editor_client
):
    asked = ReplyRequest.objects.create(
        article=story,
        organisation="Tower Hamlets Council",
        outcome=ReplyRequest.Outcome.REPLIED,
        statement="The council said it would appeal.",
    )
    edit(editor_client, story, title="Asked the council")
    with_reply = versions(story)[-1]
    asked.delete()
    ReplyRequest.objects.create(article=story, organisation="The Labour Party")
    edit(editor_client, story, title="Asked the party instead")
    without_it = versions(story)[-1]

    # What the editor deleted is still there to read, word for word.
    response = editor_client.get(
        admin_url("compare", story.pk) + f"?version_id1={with_reply.pk}&version_id2={without_it.pk}"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rights of reply" in page
    assert "The council said it would appeal." in page
    assert "Tower Hamlets Council" in page

    # Restoring the older version brings back its text, never its rights of reply: the
    # party's, asked later, stays on the record.
    editor_client.post(admin_url("revision", story.pk, with_reply.pk))
    story.refresh_from_db()
    assert story.title == "Asked the council"
    assert [r.organisation for r in story.reply_requests.all()] == ["The Labour Party"]
