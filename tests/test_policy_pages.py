"""The about and corrections policy pages, linked from every page's footer and from the
corrections shown on a story."""

import pytest
from django.urls import reverse

from articles.models import Article, ArticleNote
from tests.factories import london, make_article, make_section

pytestmark = pytest.mark.django_db

# The section nav in the layout; the pages themselves read nothing.
POLICY_PAGE_QUERIES = 1

ABOUT = reverse("articles:about")
CORRECTIONS = reverse("articles:corrections_policy")


def main_content(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def footer_about(html: str) -> str:
    footer = html[html.index("<footer") : html.index("</footer>")]
    return footer[footer.index('<nav class="footer-about"') : footer.rindex("</nav>")]


def test_the_addresses_are_about_and_corrections():
    assert (ABOUT, CORRECTIONS) == ("/about/", "/corrections/")


def test_the_about_page_says_who_we_are_and_links_the_corrections_policy(
    client, django_assert_num_queries
):
    make_section("Politics")

    with django_assert_num_queries(POLICY_PAGE_QUERIES):
        response = client.get(ABOUT)

    main = main_content(response)
    assert "<h1>About us</h1>" in main
    assert "<h2>Our standards</h2>" in main
    assert "asked for their side before it is published" in main
    assert f'<a href="{CORRECTIONS}">our corrections policy</a>' in main
    assert "<title>About us – " in response.content.decode()


def test_the_corrections_policy_says_how_corrections_and_updates_are_made_and_shown(
    client, django_assert_num_queries
):
    make_section("Politics")

    with django_assert_num_queries(POLICY_PAGE_QUERIES):
        response = client.get(CORRECTIONS)

    main = main_content(response)
    assert "<h1>Corrections policy</h1>" in main
    # The labels readers see on a story's notes (ArticleNote.Kind), explained.
    for kind in ArticleNote.Kind:
        assert f"<strong>{kind.label}</strong>" in main
    assert "Corrections and updates" in main
    assert '<h2 id="corrections">Corrections</h2>' in main
    assert f'<a href="{ABOUT}">about page</a>' in main


@pytest.mark.parametrize("address", [ABOUT, CORRECTIONS])
def test_the_pages_are_public_pages_with_cache_headers(client, address):
    response = client.get(address)

    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"]


@pytest.mark.parametrize("address", [ABOUT, CORRECTIONS])
def test_the_site_name_is_escaped_on_the_pages(client, settings, address):
    settings.NEWSROOM_SITE_NAME = "<b>Desk</b>"

    html = client.get(address).content.decode()

    assert "<b>Desk</b>" not in html
    assert "&lt;b&gt;Desk&lt;/b&gt;" in html


@pytest.mark.parametrize("address", [ABOUT, CORRECTIONS])
def test_the_pages_show_no_story_published_or_draft(client, address):
    make_article(title="A published story")
    make_article(title="A secret draft", status=Article.Status.DRAFT, published_at=None)

    main = main_content(client.get(address))

    assert "A secret draft" not in main
    assert "A published story" not in main


# --- Where they are linked ---------------------------------------------------------------


@pytest.mark.parametrize(
    "address", [reverse("articles:front_page"), reverse("people:party_index"), ABOUT]
)
def test_every_page_footer_links_about_and_the_corrections_policy(client, address):
    nav = footer_about(client.get(address).content.decode())

    assert f'<a href="{ABOUT}">About us</a>' in nav
    assert f'<a href="{CORRECTIONS}">Corrections policy</a>' in nav


def test_a_missing_page_links_them_too(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert f'<a href="{CORRECTIONS}">Corrections policy</a>' in response.content.decode()


def test_a_storys_corrections_link_the_policy(client):
    article = make_article()
    ArticleNote.objects.create(
        article=article, text="The vote was 52, not 25.", created_at=london(2024, 5, 2)
    )

    main = main_content(client.get(article.get_absolute_url()))

    notes = main[main.index('<section class="article-notes"') :]
    notes = notes[: notes.index("</section>")]
    assert "The vote was 52, not 25." in notes
    assert f'<a href="{CORRECTIONS}">Our corrections policy</a>' in notes


def test_a_story_without_corrections_has_no_corrections_section(client):
    article = make_article()

    main = main_content(client.get(article.get_absolute_url()))

    assert "Our corrections policy" not in main
