"""Corrections and updates: shown at the foot of the story, and they date its last revision."""

import json
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleNote
from reader.seo import last_modified
from tests.factories import london, make_article, make_person
from tests.helpers import link
from tests.test_public_pages import ARTICLE_PAGE_QUERIES

ATOM = "{http://www.w3.org/2005/Atom}"

pytestmark = pytest.mark.django_db


def published_story(**fields) -> Article:
    """A story published on 1 May 2024, saved then and untouched since."""
    published = london(2024, 5, 1)
    article = make_article(published_at=published, **fields)
    Article.objects.filter(pk=article.pk).update(created_at=published, updated_at=published)
    return Article.objects.get(pk=article.pk)


def note(article: Article, text: str, *, when, kind=ArticleNote.Kind.CORRECTION) -> ArticleNote:
    return ArticleNote.objects.create(article=article, kind=kind, text=text, created_at=when)


def notes_section(html: str) -> str:
    start = html.index('<section class="article-notes"')
    return html[start : html.index("</section>", start)]


def json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html)[1])


# --- What readers see --------------------------------------------------------------------


def test_corrections_and_updates_are_shown_at_the_foot_of_the_story_oldest_first(client):
    article = published_story(body="The body of the story.")
    note(article, "Figures added.", when=london(2024, 5, 3, 14), kind=ArticleNote.Kind.UPDATE)
    note(article, "The vote was 31 to 12, not 21 to 12.", when=london(2024, 5, 2, 10, 15))

    html = client.get(article.get_absolute_url()).content.decode()

    section = notes_section(html)
    assert '<h2 id="notes-heading">Corrections and updates</h2>' in section
    assert section.index("Correction") < section.index("31 to 12") < section.index("Update")
    assert section.index("Update") < section.index("Figures added.")
    assert (
        '<span class="note-kind">Correction</span> '
        '<time datetime="2024-05-02T10:15:00+01:00">2 May 2024, 10:15</time>'
    ) in section
    assert (
        '<span class="note-kind">Update</span> '
        '<time datetime="2024-05-03T14:00:00+01:00">3 May 2024, 14:00</time>'
    ) in section
    # At the foot of the story itself: after the body, inside the article.
    article_markup = html[html.index('<article class="article">') : html.index("</article>")]
    assert section in article_markup
    assert html.index("The body of the story.") < html.index('<section class="article-notes"')


def test_a_story_without_notes_has_no_corrections_section(client):
    html = client.get(published_story().get_absolute_url()).content.decode()

    assert "article-notes" not in html
    assert "Corrections and updates" not in html


def test_hostile_markup_in_a_note_is_shown_as_text(client):
    article = published_story()
    note(article, '<script>alert(1)</script><a href="javascript:x">y</a>', when=timezone.now())

    html = notes_section(client.get(article.get_absolute_url()).content.decode())

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html


def test_note_paragraphs_keep_their_line_breaks(client):
    article = published_story()
    note(article, "First paragraph.\n\nSecond paragraph.", when=timezone.now())

    html = notes_section(client.get(article.get_absolute_url()).content.decode())

    assert "<p>First paragraph.</p>" in html
    assert "<p>Second paragraph.</p>" in html


def test_notes_cost_one_query_however_many_there_are(client, django_assert_max_num_queries):
    article = published_story(tags=["council"])
    link(article, make_person("Ali Hassan Ali"))
    for number in range(12):
        note(article, f"Correction number {number}.", when=timezone.now())

    with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES):
        response = client.get(article.get_absolute_url())

    assert notes_section(response.content.decode()).count('<li class="note') == 12


# --- The last revision: "Updated", dateModified, feeds -------------------------------------


def test_a_note_on_an_untouched_story_makes_it_updated_then(client):
    article = published_story()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Updated" not in html
    assert json_ld(html)["dateModified"] == "2024-05-01T09:00:00+01:00"

    note(article, "A correction.", when=london(2024, 5, 6, 16, 30))
    html = client.get(article.get_absolute_url()).content.decode()

    assert 'Updated <time datetime="2024-05-06T16:30:00+01:00">6 May 2024, 16:30</time>' in html
    assert json_ld(html)["dateModified"] == "2024-05-06T16:30:00+01:00"
    assert '<meta property="article:modified_time" content="2024-05-06T16:30:00+01:00">' in html
    # Adding the note touched nothing on the story itself.
    assert Article.objects.get(pk=article.pk).updated_at == london(2024, 5, 1)


def test_the_later_of_an_edit_and_a_note_is_the_last_revision():
    article = published_story()
    Article.objects.filter(pk=article.pk).update(updated_at=london(2024, 5, 4))
    note(article, "Earlier correction.", when=london(2024, 5, 3))
    assert Article.objects.for_detail().get(pk=article.pk).revised_at == london(2024, 5, 4)

    note(article, "Later update.", when=london(2024, 5, 9), kind=ArticleNote.Kind.UPDATE)

    assert Article.objects.for_detail().get(pk=article.pk).revised_at == london(2024, 5, 9)


def test_a_note_dated_before_publication_is_not_a_revision():
    scheduled = timezone.now() + timedelta(days=1)
    article = make_article(published_at=scheduled)
    note(article, "Written before the story went out.", when=timezone.now())

    loaded = Article.objects.for_detail().get(pk=article.pk)

    assert loaded.revised_at is None
    assert last_modified(loaded) == scheduled


def test_the_last_revision_reads_the_same_however_the_story_was_loaded(
    django_assert_num_queries,
):
    article = published_story()
    note(article, "A correction.", when=london(2024, 5, 2))
    note(article, "An update.", when=london(2024, 5, 7), kind=ArticleNote.Kind.UPDATE)
    for_page = Article.objects.for_detail().get(pk=article.pk)
    in_a_list = Article.objects.for_listing().get(pk=article.pk)
    plain = Article.objects.get(pk=article.pk)

    with django_assert_num_queries(0):
        assert for_page.revised_at == london(2024, 5, 7)
        assert in_a_list.revised_at == london(2024, 5, 7)
    with django_assert_num_queries(1):
        assert plain.revised_at == london(2024, 5, 7)


def test_an_unsaved_story_has_no_notes_and_asks_no_query(django_assert_num_queries):
    article = Article(published_at=london(2024, 5, 1), created_at=london(2024, 5, 1))

    with django_assert_num_queries(0):
        assert article.latest_note_time() is None
        assert article.revised_at is None


def test_the_atom_feed_dates_a_corrected_story_by_its_latest_note(client):
    article = published_story()
    note(article, "A correction.", when=london(2024, 5, 6, 16, 30))

    feed = ElementTree.fromstring(client.get(reverse("feeds:site_atom")).content)

    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}updated") == "2024-05-06T15:30:00+00:00"
    assert entry.findtext(f"{ATOM}published") == "2024-05-01T08:00:00+00:00"


def test_the_preview_of_a_corrected_story_shows_its_notes(client, django_user_model):
    article = published_story()
    note(article, "The vote was 31 to 12.", when=london(2024, 5, 2))
    staff = django_user_model.objects.create_superuser("boss", password="a-long-passphrase")
    client.force_login(staff)

    html = client.get(reverse("articles:preview", args=[article.pk])).content.decode()

    assert "The vote was 31 to 12." in notes_section(html)
