"""Previews: staff see any story as readers will, and a share link shows one draft to anyone."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleNote, Picture, PreviewLink
from tests.factories import (
    SecretDraftFactory,
    StaffFactory,
    london,
    make_person,
)
from tests.helpers import link, make_full_story

# Queries a staff preview runs, however much hangs off the story: the session and its
# user, the user's own and their groups' permissions, then what the article page runs
# (see ARTICLE_PAGE_QUERIES in test_public_pages).
STAFF_PREVIEW_QUERIES = 22
# The share link, then what the article page runs; no session for an anonymous reader.
SHARED_PREVIEW_QUERIES = 19

PASSWORD = "a-long-test-passphrase"
HOSTILE_BODY = (
    "<script>alert('body')</script>\n\n"
    '<img src=x onerror="alert(1)"> <a href="javascript:alert(2)">click</a>\n\n'
    '<iframe src="https://evil.example/"></iframe>'
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter():
    return StaffFactory(username="rita", password=PASSWORD, group="Reporter")


@pytest.fixture
def reporter_client(client, reporter):
    client.force_login(reporter)
    return client


def preview_url(article: Article) -> str:
    return reverse("articles:preview", args=[article.pk])


def share(article: Article, **fields) -> PreviewLink:
    return PreviewLink.objects.create(article=article, note="Legal read", **fields)


def banner(html: str) -> str:
    start = html.index('<div class="masthead-bar preview-banner"')
    return html[start : html.index("</div>", start)]


def main_content(html: str) -> str:
    """The page's <main>: the story, its rail and nothing of the preview's."""
    return html[html.index("<main") : html.index("</main>")]


def assert_not_for_readers(response) -> None:
    assert response["X-Robots-Tag"] == "noindex"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["Referrer-Policy"] == "no-referrer"


# --- Who may open a staff preview ------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_admin_login_and_never_see_the_draft(client):
    article = SecretDraftFactory(body="The unpublished figures.")

    response = client.get(preview_url(article))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={preview_url(article)}"
    html = response.content.decode()
    assert "Secret budget draft" not in html
    assert "unpublished figures" not in html
    assert_not_for_readers(response)


def test_a_logged_in_user_who_is_not_staff_is_sent_to_the_admin_login(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password=PASSWORD))
    article = SecretDraftFactory()

    response = client.get(preview_url(article))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "Secret budget draft" not in response.content.decode()


def test_staff_without_permission_to_view_articles_are_refused(client):
    client.force_login(StaffFactory(username="intern", password=PASSWORD))
    article = SecretDraftFactory()

    response = client.get(preview_url(article))

    assert response.status_code == 403
    assert "Secret budget draft" not in response.content.decode()


def test_staff_with_only_the_change_permission_may_preview(client):
    user = StaffFactory(username="subeditor", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(user)

    response = client.get(preview_url(SecretDraftFactory()))

    assert response.status_code == 200


def test_a_reporter_can_preview_a_draft_as_readers_will_see_it(reporter_client):
    article = SecretDraftFactory(
        standfirst="What the council will not say.", body="Councillors **agreed**."
    )

    response = reporter_client.get(preview_url(article))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Secret budget draft</h1>" in html
    assert "What the council will not say." in html
    assert "Councillors <strong>agreed</strong>." in html
    assert "Preview — draft; not visible to readers." in banner(html)
    assert_not_for_readers(response)
    assert '<meta name="robots" content="noindex">' in html


def test_an_editor_and_a_superuser_can_preview_too(client, django_user_model):
    article = SecretDraftFactory()
    editor = StaffFactory(username="eddie", password=PASSWORD, group="Editor")
    boss = django_user_model.objects.create_superuser("boss", password=PASSWORD)

    for user in [editor, boss]:
        client.force_login(user)
        assert client.get(preview_url(article)).status_code == 200


def test_previewing_an_article_that_does_not_exist_is_not_found(reporter_client):
    assert reporter_client.get(reverse("articles:preview", args=[9999])).status_code == 404


def test_readers_still_cannot_open_the_draft_at_its_own_address(client, reporter):
    article = SecretDraftFactory()
    client.force_login(reporter)
    assert client.get(preview_url(article)).status_code == 200

    client.logout()

    assert client.get(article.get_absolute_url()).status_code == 404


# --- What a staff preview shows ----------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"status": Article.Status.DRAFT}, "draft; not visible to readers"),
        ({"status": Article.Status.REVIEW}, "in review; not visible to readers"),
        ({"status": Article.Status.UNPUBLISHED}, "unpublished; not visible to readers"),
        (
            {"status": Article.Status.PUBLISHED, "published_at": london(2099, 6, 1, 9, 30)},
            "scheduled for 1 June 2099, 09:30; not visible to readers until then",
        ),
        (
            {"status": Article.Status.PUBLISHED, "published_at": london(2024, 5, 1)},
            "published; this is what readers see",
        ),
    ],
    ids=["draft", "in review", "unpublished", "scheduled", "live"],
)
def test_the_banner_says_what_state_the_story_is_in(reporter_client, fields, status):
    article = SecretDraftFactory(**fields)

    response = reporter_client.get(preview_url(article))

    assert response.status_code == 200
    assert f"Preview — {status}." in banner(response.content.decode())


def test_the_banner_sits_under_the_masthead_outside_the_story_and_links_to_the_edit_page(
    reporter_client,
):
    article = SecretDraftFactory()

    html = reporter_client.get(preview_url(article)).content.decode()

    edit_url = reverse("admin:articles_article_change", args=[article.pk])
    assert f'<a href="{edit_url}">Edit this story</a>' in banner(html)
    assert html.index('<header class="masthead">') < html.index(
        'class="masthead-bar preview-banner"'
    )
    assert html.index('class="masthead-bar preview-banner"') < html.index("</header>")
    assert "preview" not in main_content(html).lower()
    assert "/admin/" not in main_content(html)


def test_a_preview_of_a_live_story_is_the_readers_page_plus_the_banner(client, reporter, entities):
    article = make_full_story(*entities.values(), published_at=london(2024, 5, 1))
    make_full_story(entities["person"], title="A related story", published_at=london(2024, 4, 1))
    ArticleNote.objects.create(article=article, text="The vote was 31 to 12.")

    live = client.get(article.get_absolute_url()).content.decode()
    client.force_login(reporter)
    previewed = client.get(preview_url(article)).content.decode()

    assert main_content(previewed) == main_content(live)
    assert "A related story" in main_content(live)
    assert "preview-banner" not in live


def test_a_draft_preview_has_its_pictures_entities_related_stories_and_notes(
    reporter_client, entities
):
    article = make_full_story(
        *entities.values(), title="Secret budget draft", status=Article.Status.DRAFT
    )
    Picture.objects.create(article=article, position=2, caption="At the count")
    # With its file: a picture awaiting one is held back here as on the reader's page.
    Picture.objects.filter(position=1).update(file="pictures/lead.jpg", width=40, height=30)
    make_full_story(entities["party"], title="Published neighbour")
    make_full_story(entities["party"], title="Another draft", status=Article.Status.DRAFT)
    ArticleNote.objects.create(article=article, kind=ArticleNote.Kind.UPDATE, text="Figures added.")

    response = reporter_client.get(preview_url(article))

    html = main_content(response.content.decode())
    assert "Lead caption" in html
    assert "People, parties and places in this story" in html
    assert '<a href="/people/ali-hassan-ali/">Ali Hassan Ali</a>' in html
    assert [story.title for story in response.context["related"]] == ["Published neighbour"]
    assert "Another draft" not in html
    assert "Figures added." in html


def test_a_draft_without_a_publication_time_shows_no_empty_date(reporter_client):
    html = reporter_client.get(preview_url(SecretDraftFactory())).content.decode()

    assert "Published <time" not in html
    assert '<time datetime="">' not in html


def test_hostile_markup_in_a_draft_is_neutralised_in_the_staff_preview(reporter_client):
    html = reporter_client.get(preview_url(SecretDraftFactory(body=HOSTILE_BODY))).content.decode()

    assert_no_hostile_markup(html)


def test_a_staff_preview_costs_the_same_queries_however_much_hangs_off_the_story(
    reporter_client, entities, django_assert_max_num_queries
):
    small = SecretDraftFactory()
    large = make_full_story(
        *entities.values(), status=Article.Status.REVIEW, tags=[f"tag {n}" for n in range(8)]
    )
    people = [make_person(f"Person {n}") for n in range(6)]
    link(large, *people)
    for number in range(2, 6):
        Picture.objects.create(article=large, position=number, caption=f"Extra {number}")
        ArticleNote.objects.create(article=large, text=f"Correction {number}")
    for _ in range(5):
        make_full_story(*entities.values())

    for article in [small, large]:
        with django_assert_max_num_queries(STAFF_PREVIEW_QUERIES):
            assert reporter_client.get(preview_url(article)).status_code == 200


# --- Share links ---------------------------------------------------------------------------


def test_a_share_link_shows_its_one_draft_to_anyone_without_an_account(client):
    article = SecretDraftFactory(body="The unpublished figures.")
    SecretDraftFactory(title="Some other draft")
    shared = share(article)

    response = client.get(shared.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Secret budget draft</h1>" in html
    assert "The unpublished figures." in html
    assert "Some other draft" not in html
    assert "Preview — draft; not visible to readers." in banner(html)
    assert_not_for_readers(response)
    assert '<meta name="robots" content="noindex">' in html


def test_a_share_link_url_is_the_shared_preview_route():
    shared = share(SecretDraftFactory())

    assert shared.get_absolute_url() == f"/preview/share/{shared.token}/"


def test_a_share_link_says_when_it_stops_working(client):
    shared = share(SecretDraftFactory(), expires_at=london(2099, 1, 2, 15))

    html = banner(client.get(shared.get_absolute_url()).content.decode())

    assert (
        'This link stops working on <time datetime="2099-01-02T15:00:00+00:00">'
        "2 January 2099, 15:00</time>."
    ) in html


def test_a_share_link_has_no_admin_links(client):
    shared = share(SecretDraftFactory())

    html = client.get(shared.get_absolute_url()).content.decode()

    assert "/admin/" not in html
    assert "Edit this story" not in html


def test_a_share_link_never_links_to_other_unpublished_stories(client, entities):
    article = make_full_story(
        *entities.values(), title="Secret budget draft", status=Article.Status.DRAFT
    )
    published = make_full_story(*entities.values(), title="Published neighbour")
    hidden = [
        make_full_story(*entities.values(), title="Draft neighbour", status=Article.Status.DRAFT),
        make_full_story(*entities.values(), title="Review neighbour", status=Article.Status.REVIEW),
        make_full_story(
            *entities.values(),
            title="Scheduled neighbour",
            published_at=timezone.now() + timedelta(days=1),
        ),
        make_full_story(
            *entities.values(), title="Pulled neighbour", status=Article.Status.UNPUBLISHED
        ),
    ]
    shared = share(article)

    response = client.get(shared.get_absolute_url())

    assert list(response.context["related"]) == [published]
    html = response.content.decode()
    related = html[html.index('<aside class="related"') :]
    related = related[: related.index("</aside>")]
    assert f'href="{published.get_absolute_url()}"' in related
    for story in hidden:
        assert story.title not in html
        assert story.get_absolute_url() not in html
        assert preview_url(story) not in html
    # The only story pages linked to are the published neighbour's.
    assert set(re.findall(r'href="(/articles/[^"]+)"', html)) == {published.get_absolute_url()}


def expired_link(article: Article) -> str:
    return share(article, expires_at=timezone.now() - timedelta(seconds=1)).get_absolute_url()


def revoked_link(article: Article) -> str:
    return share(article, revoked_at=timezone.now() - timedelta(seconds=1)).get_absolute_url()


def unknown_link(article: Article) -> str:
    share(article)
    return reverse("articles:shared_preview", args=["no-such-token"])


@pytest.mark.parametrize(
    "make_url", [expired_link, revoked_link, unknown_link], ids=["expired", "revoked", "unknown"]
)
def test_an_expired_revoked_or_unknown_link_is_the_same_plain_404(client, make_url):
    url = make_url(SecretDraftFactory(body="The unpublished figures."))
    baseline = client.get(reverse("articles:shared_preview", args=["never-issued"]))

    response = client.get(url)

    assert response.status_code == baseline.status_code == 404
    assert response.content == baseline.content
    html = response.content.decode()
    assert "Secret budget draft" not in html
    assert "unpublished figures" not in html


def test_a_link_that_was_valid_stops_working_once_revoked(client):
    shared = share(SecretDraftFactory())
    assert client.get(shared.get_absolute_url()).status_code == 200

    PreviewLink.objects.filter(pk=shared.pk).update(revoked_at=timezone.now())

    assert client.get(shared.get_absolute_url()).status_code == 404


def test_a_share_link_does_not_open_the_staff_preview(client):
    article = SecretDraftFactory()
    client.get(share(article).get_absolute_url())

    assert client.get(preview_url(article)).status_code == 302


def test_hostile_markup_in_a_draft_is_neutralised_behind_a_share_link(client):
    shared = share(SecretDraftFactory(body=HOSTILE_BODY))

    html = client.get(shared.get_absolute_url()).content.decode()

    assert_no_hostile_markup(html)


def test_a_share_link_costs_the_same_queries_however_much_hangs_off_the_story(
    client, entities, django_assert_max_num_queries
):
    small = share(SecretDraftFactory())
    story = make_full_story(
        *entities.values(), status=Article.Status.DRAFT, tags=[f"tag {n}" for n in range(8)]
    )
    link(story, *(make_person(f"Person {n}") for n in range(6)))
    for number in range(2, 6):
        Picture.objects.create(article=story, position=number, caption=f"Extra {number}")
        ArticleNote.objects.create(article=story, text=f"Correction {number}")
    for _ in range(5):
        make_full_story(*entities.values())
    large = share(story)

    for shared in [small, large]:
        with django_assert_max_num_queries(SHARED_PREVIEW_QUERIES):
            assert client.get(shared.get_absolute_url()).status_code == 200


def assert_no_hostile_markup(html: str) -> None:
    for fragment in ["onerror", "javascript:", "<iframe", "evil.example", "alert"]:
        assert fragment not in html
    # The only scripts on the page are structured data, never anything that runs.
    assert re.findall(r"<script[^>]*>", html) == ['<script type="application/ld+json">']
