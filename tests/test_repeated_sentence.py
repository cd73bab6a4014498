"""A lead picture whose caption repeats the standfirst does not print it a second time.

Seed 002 has the same sentence as its standfirst and as its lead picture's caption;
the article page prints it once, as the standfirst, and gives it to the picture as
alt text when the picture has none (`Picture.caption_shown`, `Picture.alt_shown`).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from articles.models import Article, Picture
from tests.factories import make_article
from tests.test_public_pages import ARTICLE_PAGE_QUERIES, FRONT_PAGE_QUERIES, jpeg

pytestmark = pytest.mark.django_db

STANDFIRST = "Tahir Ali, MP for Birmingham Hall Green, denies 'defection' claim"
SEED_002 = "002_2c19ababa5a70ba0.txt"


def main_content(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def story_with_lead(caption: str, *, alt_text: str = "", with_file: bool = True, **fields):
    article = make_article(title="Defection denied", standfirst=STANDFIRST, **fields)
    Picture.objects.create(
        article=article,
        position=1,
        caption=caption,
        credit="Darren Quinton",
        alt_text=alt_text,
        is_featured=True,
        file=jpeg() if with_file else "",
    )
    return article


# --- The rule, on the model ---------------------------------------------------------


def test_a_lead_caption_repeating_the_standfirst_is_not_shown_and_becomes_the_alt_text():
    story_with_lead(f"  {STANDFIRST.upper()}\n")
    picture = Picture.objects.get()

    assert picture.repeats_standfirst
    assert picture.caption_shown == ""
    assert picture.alt_shown == STANDFIRST.upper()


def test_a_lead_picture_keeps_its_own_alt_text():
    story_with_lead(STANDFIRST, alt_text="Tahir Ali in the Commons")

    assert Picture.objects.get().alt_shown == "Tahir Ali in the Commons"


def test_a_different_caption_is_shown_as_it_is():
    story_with_lead("Tahir Ali at Prime Minister's Questions")
    picture = Picture.objects.get()

    assert not picture.repeats_standfirst
    assert picture.caption_shown == "Tahir Ali at Prime Minister's Questions"
    assert picture.alt_shown == ""


def test_a_picture_that_is_not_the_lead_keeps_its_caption():
    article = story_with_lead("Tahir Ali at Prime Minister's Questions")
    second = Picture.objects.create(article=article, position=2, caption=STANDFIRST)

    assert second.caption_shown == STANDFIRST


# --- On the article page ------------------------------------------------------------


def test_the_article_page_prints_the_sentence_once_with_the_credit_kept(client):
    article = story_with_lead(STANDFIRST.replace(" ", "  ").lower())

    main = main_content(client.get(article.get_absolute_url()))

    # Printed once, as the standfirst; the picture carries it for screen readers only.
    assert main.lower().count(escape(STANDFIRST).lower()) == 2
    assert main.count(f'<p class="standfirst">{escape(STANDFIRST)}</p>') == 1
    assert f'alt="{escape(STANDFIRST.lower())}"' in main
    assert '<figcaption> <span class="credit">Darren Quinton</span></figcaption>' in main


def test_a_lead_picture_without_a_file_shows_nothing_not_even_its_credit(client):
    article = story_with_lead(STANDFIRST, with_file=False)

    main = main_content(client.get(article.get_absolute_url()))

    assert main.count(escape(STANDFIRST)) == 1
    assert "Darren Quinton" not in main


def test_the_rule_costs_the_article_and_front_pages_no_query(client, django_assert_max_num_queries):
    article = story_with_lead(STANDFIRST)
    with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES):
        client.get(article.get_absolute_url())
    with django_assert_max_num_queries(FRONT_PAGE_QUERIES):
        front = client.get("/").content.decode()
    assert front.count(escape(STANDFIRST)) == 2  # the standfirst and the alt text

    Picture.objects.update(caption="Tahir Ali at Prime Minister's Questions")
    with CaptureQueriesContext(connection) as different:
        client.get(article.get_absolute_url())
    Picture.objects.update(caption=STANDFIRST)
    with CaptureQueriesContext(connection) as repeated:
        client.get(article.get_absolute_url())
    assert len(repeated) == len(different)


# --- Seed 002 -----------------------------------------------------------------------


@pytest.fixture
def seeded():
    call_command("import_seeds", stdout=StringIO(), stderr=StringIO())


def test_seed_002_prints_its_standfirst_once(client, seeded):
    article = Article.objects.get(source_name=SEED_002)

    main = main_content(client.get(article.get_absolute_url()))

    assert article.standfirst == STANDFIRST
    assert main.count(escape(STANDFIRST)) == 1
    assert f'<p class="standfirst">{escape(STANDFIRST)}</p>' in main
    # Its picture has no file, so its credit waits with it (tests/test_missing_pictures.py).
    assert "Darren Quinton/Birmingham Live" not in main


def test_seed_002_lead_picture_takes_the_sentence_as_alt_text(seeded):
    picture = Article.objects.get(source_name=SEED_002).featured_picture

    assert picture.caption == STANDFIRST
    assert picture.caption_shown == ""
    assert picture.alt_shown == STANDFIRST
