"""Authors: bylines read into people, kept in step on save and import, their pages and feeds.

Each section mirrors a rule of `articles.authors`' docstring.
"""

import importlib
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from articles import coverage
from articles.authors import author_names, sync_authors
from articles.importers.batches import import_batch
from articles.linking import EntityLinker
from articles.models import Article, ArticleAuthor, Author, Coverage
from reader.pagination import MAX_PAGES, PAGE_SIZE
from tests.factories import london, make_article, make_bylined, make_section

# Queries an author page may run, whatever the number of stories: the author from the
# URL, section nav, the paginator's count, the stories, their featured pictures, their
# authors.
AUTHOR_PAGE_QUERIES = 6
# The A–Z index: section nav, the initials, the count, the page of authors.
AUTHOR_INDEX_QUERIES = 4
# A feed: the author (with its published-story probe), the stories, featured pictures,
# authors and tags.
AUTHOR_FEED_QUERIES = 5
# The authors' sitemap: its page count, then its page of URLs (as every sitemap section).
SITEMAP_QUERIES = 2

ATOM = "{http://www.w3.org/2005/Atom}"

pytestmark = pytest.mark.django_db


# --- Reading a byline ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Smith and John Doe", ["Jane Smith", "John Doe"]),
        ("Jane Smith & John Doe", ["Jane Smith", "John Doe"]),
        ("Jane Smith, John Doe and Ann Lee", ["Jane Smith", "John Doe", "Ann Lee"]),
        ("Isabelle Stanley", ["Isabelle Stanley"]),
        ("by jane smith", []),
        ("Words by Ursula von der Leyen", ["Ursula von der Leyen"]),
        ("Jane O'Brien-Smith in Westminster", ["Jane O'Brien-Smith"]),
        ("J. K. Rowling", ["J. K. Rowling"]),
        ("By Jane Smith.", ["Jane Smith"]),
        ("Jane Smith and Jane Smith", ["Jane Smith"]),
    ],
)
def test_a_byline_names_its_people_in_order(byline, names):
    assert author_names(byline) == names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Jane Smith, Political Editor", ["Jane Smith"]),
        ("Political Editor Jane Smith", []),
        ("Staff reporter", []),
        ("Newsroom staff", []),
        ("Agencies", []),
        ("PA", []),
        ("PA Media", []),
        ("Press Association", []),
        ("Reuters", []),
        ("By JANE SMITH", []),
        ("Madonna", []),
        ("Jane Smith and agencies", ["Jane Smith"]),
        ("", []),
    ],
)
def test_desks_agencies_titles_and_single_words_are_not_people(byline, names):
    assert author_names(byline) == names


def test_a_name_of_more_than_five_words_is_not_taken_for_a_person():
    assert author_names("Alpha Beta Gamma Delta Epsilon Zeta") == []


def test_reading_a_long_hostile_byline_is_linear():
    """No backtracking: a byline of many almost-names reads in one pass (a length bound,
    not a timing: the byline field's own limit is far below this)."""
    assert author_names("Aa " * 50_000 + "!") == []
    assert author_names("Jane, " * 10_000) == []


# --- Keeping authors in step --------------------------------------------------------------


def authors_of(article: Article) -> list[str]:
    return list(
        ArticleAuthor.objects.filter(article=article)
        .order_by("position")
        .values_list("author__name", flat=True)
    )


def test_saving_a_story_records_its_authors_in_byline_order_and_keeps_the_byline():
    story = make_bylined("By Jane Smith and John Doe")
    assert authors_of(story) == ["Jane Smith", "John Doe"]
    story.refresh_from_db()
    assert story.byline == "By Jane Smith and John Doe"


def test_changing_the_byline_changes_the_authors_but_deletes_no_author():
    story = make_bylined("Jane Smith and John Doe")
    other = make_bylined("John Doe")
    story.byline = "Ann Lee"
    story.save()
    assert authors_of(story) == ["Ann Lee"]
    assert authors_of(other) == ["John Doe"]
    assert set(Author.objects.values_list("name", flat=True)) == {
        "Jane Smith",
        "John Doe",
        "Ann Lee",
    }


def test_the_same_name_is_the_same_author_and_a_clashing_slug_is_numbered():
    first = make_bylined("Zoë Ball")
    second = make_bylined("Zoe Ball")
    third = make_bylined("Zoë Ball")
    zoe_umlaut = Author.objects.get(name="Zoë Ball")
    zoe = Author.objects.get(name="Zoe Ball")
    assert {zoe_umlaut.slug, zoe.slug} == {"zoe-ball", "zoe-ball-2"}
    assert first.authors.get() == third.authors.get() == zoe_umlaut
    assert second.authors.get() == zoe


def test_a_save_that_leaves_the_byline_alone_reads_the_authors_once(django_assert_num_queries):
    story = make_bylined("Jane Smith")
    with django_assert_num_queries(1):
        assert sync_authors(story) is False


def test_a_new_story_without_a_byline_costs_no_author_query(django_assert_num_queries):
    story = Article(byline="Staff reporter")
    with django_assert_num_queries(0):
        assert sync_authors(story, created=True) is False


def test_authors_are_in_the_coverage_index_only_while_the_story_is_published():
    story = make_bylined("Jane Smith", status=Article.Status.DRAFT, published_at=None)
    author = Author.objects.get()
    rows = Coverage.objects.filter(kind=Coverage.Kind.AUTHOR, object_id=author.pk)
    assert not rows.exists()
    story.status, story.published_at = Article.Status.PUBLISHED, london(2024, 5, 1)
    story.save()
    assert list(rows.values_list("article_id", flat=True)) == [story.pk]
    story.byline = "John Doe"
    story.save(update_fields=["byline"])
    assert not rows.exists()
    assert Coverage.objects.filter(kind=Coverage.Kind.AUTHOR, article=story).count() == 1


def test_rebuilding_coverage_rebuilds_author_rows():
    story = make_bylined("Jane Smith")
    Coverage.objects.all().delete()
    coverage.rebuild_all()
    assert Coverage.objects.filter(kind=Coverage.Kind.AUTHOR, article=story).exists()


def test_deleting_an_author_takes_their_listing_with_them():
    make_bylined("Jane Smith")
    Author.objects.get().delete()
    assert not Coverage.objects.filter(kind=Coverage.Kind.AUTHOR).exists()


def write_story(folder, name: str, *, author: str, title: str):
    path = folder / name
    path.write_text(
        f'---\ntitle: "{title}"\ndate: 2024-06-27T09:00:00+01:00\nauthor: "{author}"\n'
        "section: News\n---\n\nA paragraph of the story.\n"
    )
    return path


def test_an_import_batch_records_authors_and_their_coverage(tmp_path):
    linker = EntityLinker.from_database()
    paths = [
        write_story(tmp_path, "one.md", author="Jane Smith", title="One"),
        write_story(tmp_path, "two.md", author="Jane Smith, Political Editor", title="Two"),
        write_story(tmp_path, "three.md", author="Staff reporter", title="Three"),
    ]
    import_batch(paths, linker=linker, force=False)
    jane = Author.objects.get()
    assert jane.name == "Jane Smith"
    assert set(jane.articles.values_list("title", flat=True)) == {"One", "Two"}
    assert Coverage.objects.filter(kind=Coverage.Kind.AUTHOR, object_id=jane.pk).count() == 2
    assert Article.objects.get(title="Three").byline == "Staff reporter"


def test_an_import_update_follows_the_new_byline(tmp_path):
    linker = EntityLinker.from_database()
    path = write_story(tmp_path, "one.md", author="Jane Smith", title="One")
    import_batch([path], linker=linker, force=False)
    write_story(tmp_path, "one.md", author="John Doe", title="One")
    import_batch([path], linker=linker, force=False)
    story = Article.objects.get()
    assert authors_of(story) == ["John Doe"]
    john = Author.objects.get(name="John Doe")
    assert Coverage.objects.filter(kind=Coverage.Kind.AUTHOR, object_id=john.pk).count() == 1


# --- Bylines on pages ---------------------------------------------------------------------


def test_each_name_in_a_byline_links_to_its_author_and_the_rest_stays_as_written(client):
    story = make_bylined("By Jane Smith and John Doe, in Westminster")
    html = client.get(story.get_absolute_url()).content.decode()
    jane, john = Author.objects.get(name="Jane Smith"), Author.objects.get(name="John Doe")
    assert (
        f'By <a href="{jane.get_absolute_url()}" rel="author">Jane Smith</a> and '
        f'<a href="{john.get_absolute_url()}" rel="author">John Doe</a>, in Westminster'
    ) in html


def test_a_byline_with_no_person_stays_plain_text(client):
    story = make_bylined("Staff reporter")
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<p class="byline">Staff reporter</p>' in html


def test_a_story_not_yet_saved_shows_its_byline_as_plain_text(django_assert_num_queries):
    with django_assert_num_queries(0):
        parts = Article(byline="Jane Smith").byline_parts()
    assert [(part.text, part.author) for part in parts] == [("Jane Smith", None)]


def test_a_byline_out_of_step_with_its_authors_is_plain_text():
    story = make_bylined("Jane Smith")
    Article.objects.filter(pk=story.pk).update(byline="Jane Smith and John Doe")
    story.refresh_from_db()
    parts = story.byline_parts()
    assert [(part.text, part.author) for part in parts] == [("Jane Smith and John Doe", None)]


def test_a_hostile_byline_is_escaped_in_its_links(client):
    story = make_bylined("Jane Smith <script>alert(1)</script>")
    html = client.get(reverse("articles:front_page")).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    assert story.authors.get().name == "Jane Smith"


def test_the_article_json_ld_gives_each_author_their_page(client):
    story = make_bylined("Jane Smith")
    html = client.get(story.get_absolute_url()).content.decode()
    assert (
        '"author": [{"@type": "Person", "name": "Jane Smith", "url": "http://testserver/authors/jane-smith/"}]'
        in html
    )


# --- The author page ----------------------------------------------------------------------


def test_the_author_page_lists_their_published_stories_newest_first(client):
    make_bylined("Jane Smith", title="Older story", published_at=london(2024, 5, 1))
    make_bylined("Jane Smith and John Doe", title="Newer story", published_at=london(2024, 5, 2))
    make_bylined("John Doe", title="Not hers")
    response = client.get(reverse("articles:author", args=["jane-smith"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Newer story") < html.index("Older story")
    assert "Not hers" not in html
    assert "<h1>Jane Smith</h1>" in html


def test_drafts_and_scheduled_stories_never_reach_an_author_page_feed_or_index(client):
    make_bylined("Jane Smith", title="Her published story")
    make_bylined("Jane Smith", title="Her draft", status=Article.Status.DRAFT, published_at=None)
    tomorrow = timezone.now() + timedelta(days=1)
    make_bylined("Jane Smith", title="Her scheduled story", published_at=tomorrow)
    make_bylined("Draft Only", title="Secret", status=Article.Status.DRAFT, published_at=None)
    make_bylined("Scheduled Only", title="Later", published_at=tomorrow)
    pages = [
        reverse("articles:author", args=["jane-smith"]),
        reverse("feeds:author_rss", args=["jane-smith"]),
        reverse("feeds:author_atom", args=["jane-smith"]),
        reverse("articles:author_index"),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Her published story" in html or "Jane Smith" in html
        assert "Her draft" not in html
        assert "Her scheduled story" not in html
        assert "Draft Only" not in html
        assert "Scheduled Only" not in html
    for slug in ("draft-only", "scheduled-only"):
        assert client.get(reverse("articles:author", args=[slug])).status_code == 404
        assert client.get(reverse("feeds:author_rss", args=[slug])).status_code == 404


def test_an_unknown_author_is_a_404(client):
    assert client.get(reverse("articles:author", args=["nobody"])).status_code == 404
    assert client.get(reverse("feeds:author_atom", args=["nobody"])).status_code == 404


def test_author_page_pagination_has_one_address_per_page_and_404s_past_the_end(client):
    for number in range(PAGE_SIZE + 1):
        make_bylined("Jane Smith", title=f"Story {number}")
    url = reverse("articles:author", args=["jane-smith"])
    assert client.get(url, {"page": 2}).status_code == 200
    assert client.get(url, {"page": 3}).status_code == 404
    assert client.get(url, {"page": "abc"}).status_code == 404
    response = client.get(url, {"page": 1})
    assert response.status_code == 301 and response["Location"] == url
    assert MAX_PAGES > 2


def test_the_author_page_offers_its_feeds(client):
    make_bylined("Jane Smith")
    html = client.get(reverse("articles:author", args=["jane-smith"])).content.decode()
    for format_ in ("rss", "atom"):
        feed = reverse(f"feeds:author_{format_}", args=["jane-smith"])
        assert f'<link rel="alternate" type="application/{format_}+xml"' in html
        assert f'href="http://testserver{feed}"' in html


def test_the_author_page_costs_the_same_however_many_stories(client, django_assert_max_num_queries):
    for _ in range(3):
        make_bylined("Jane Smith and John Doe", section=make_section("Politics"))
    url = reverse("articles:author", args=["jane-smith"])
    with django_assert_max_num_queries(AUTHOR_PAGE_QUERIES):
        assert client.get(url).status_code == 200
    for _ in range(10):
        make_bylined("Jane Smith and John Doe")
    with django_assert_max_num_queries(AUTHOR_PAGE_QUERIES):
        assert client.get(url).status_code == 200


# --- The index ----------------------------------------------------------------------------


def test_the_index_lists_authors_a_to_z_by_letter(client, django_assert_max_num_queries):
    make_bylined("Zara Young and Adam Brown")
    make_bylined("Alice Carter")
    url = reverse("articles:author_index")
    with django_assert_max_num_queries(AUTHOR_INDEX_QUERIES):
        html = client.get(url).content.decode()
    assert html.index("Adam Brown") < html.index("Alice Carter") < html.index("Zara Young")
    only_z = client.get(url, {"letter": "Z"}).content.decode()
    assert "Zara Young" in only_z and "Adam Brown" not in only_z
    assert client.get(url, {"letter": "Q"}).status_code == 404


# --- Feeds --------------------------------------------------------------------------------


def test_author_feeds_are_valid_xml_with_titles_escaped_once(client, django_assert_max_num_queries):
    make_bylined("Jane Smith", title="Labour's <b>win</b> & more", standfirst="A & B")
    for format_ in ("rss", "atom"):
        url = reverse(f"feeds:author_{format_}", args=["jane-smith"])
        with django_assert_max_num_queries(AUTHOR_FEED_QUERIES):
            response = client.get(url)
        root = ElementTree.fromstring(response.content)
        titles = [element.text for element in root.iter() if element.tag.endswith("title")]
        assert "Labour's <b>win</b> & more" in titles
        assert b"&amp;#x27;" not in response.content


def test_an_atom_entry_with_one_author_links_to_their_page(client):
    make_bylined("Jane Smith")
    response = client.get(reverse("feeds:author_atom", args=["jane-smith"]))
    root = ElementTree.fromstring(response.content)
    uris = [element.text for element in root.iter(f"{ATOM}uri")]
    assert "http://testserver/authors/jane-smith/" in uris


# --- The sitemap --------------------------------------------------------------------------


def test_authors_with_published_stories_are_in_the_sitemap(client):
    make_bylined("Jane Smith")
    make_bylined("Draft Only", status=Article.Status.DRAFT, published_at=None)
    xml = client.get(reverse("sitemaps:section", args=["authors"])).content.decode()
    assert "/authors/jane-smith/" in xml
    assert "draft-only" not in xml


def test_a_story_made_without_a_byline_has_no_authors():
    story = make_article()
    assert not story.authors.exists()


def test_the_authors_sitemap_costs_the_same_however_many_authors(
    client, django_assert_max_num_queries
):
    url = reverse("sitemaps:section", args=["authors"])
    make_bylined("Jane Smith")
    with django_assert_max_num_queries(SITEMAP_QUERIES):
        client.get(url)
    for number in range(10):
        make_bylined(f"Jane Smith{'e' * (number + 1)}")
    with django_assert_max_num_queries(SITEMAP_QUERIES):
        assert client.get(url).content.decode().count("<loc>") == 11


# --- The admin ----------------------------------------------------------------------------


def test_editors_find_an_author_by_name_in_the_admin(admin_client):
    make_bylined("Jane Smith and John Doe")
    response = admin_client.get(reverse("admin:articles_author_changelist"), {"q": "jane"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jane Smith" in html and "John Doe" not in html


# --- The migration's backfill -------------------------------------------------------------

BACKFILL = importlib.import_module("articles.migrations.0013_authors")


@pytest.mark.parametrize(
    "byline",
    [
        "By Jane Smith and John Doe",
        "Jane Smith, Political Editor",
        "Words by Ursula von der Leyen",
        "Staff reporter",
        "J. K. Rowling & Jane Smith.",
        "PA Media",
    ],
)
def test_the_migration_reads_bylines_as_the_app_does(byline):
    assert BACKFILL.author_names(byline) == author_names(byline)


def test_the_migration_gives_existing_stories_their_authors_and_listings():
    story = make_bylined("Jane Smith and John Doe")
    draft = make_bylined("Ann Lee", status=Article.Status.DRAFT, published_at=None)
    ArticleAuthor.objects.all().delete()
    Author.objects.all().delete()
    Coverage.objects.all().delete()

    BACKFILL.backfill_authors(django_apps, None)

    assert authors_of(story) == ["Jane Smith", "John Doe"]
    assert authors_of(draft) == ["Ann Lee"]
    covered = Coverage.objects.filter(kind=Coverage.Kind.AUTHOR)
    assert set(covered.values_list("article_id", flat=True)) == {story.pk}
