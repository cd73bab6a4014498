"""The seeded facts as readers meet them: on story pages as of each story's date, and on
the pages of the people and places they are about. Dates are fixed, never "now"."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from people.models import Person
from tests.factories import london, make_article
from tests.helpers import link
from tests.test_political_pages import people_panel
from tests.test_public_pages import ARTICLE_PAGE_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("import_seeds", stdout=StringIO(), stderr=StringIO())


def story_about(slug: str, *, published_at) -> Article:
    story = make_article(title=f"About {slug}", published_at=published_at)
    link(story, Person.objects.get(slug=slug))
    return story


def test_a_2010_story_shows_ajmal_masroor_as_the_liberal_democrat_candidate(client, seeded):
    story = story_about("ajmal-masroor", published_at=london(2010, 4, 20))

    panel = people_panel(client.get(story.get_absolute_url()).content.decode())

    assert "Liberal Democrats" in panel
    assert "candidate, 2010 general election, Bethnal Green and Bow" in panel
    assert panel.index("Liberal Democrats") < panel.index("now") < panel.index("Independent")


def test_a_2012_story_shows_lutfur_rahman_as_an_independent_mayor_not_aspire(client, seeded):
    story = story_about("lutfur-rahman", published_at=london(2012, 3, 1))

    panel = people_panel(client.get(story.get_absolute_url()).content.decode())

    assert panel.index("Independent") < panel.index("now") < panel.index("Aspire")
    assert "Mayor of Tower Hamlets" in panel
    assert "Mayor of Mayor" not in panel


def test_the_seed_story_of_2024_shows_masroor_as_an_independent_candidate(
    client, seeded, django_assert_max_num_queries
):
    story = Article.objects.get(source_name="001_2bc5a03e90a2a01a.txt")

    # Six candidates named, each shown with their election: still the article's budget.
    with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES):
        panel = people_panel(client.get(story.get_absolute_url()).content.decode())

    masroor = panel[panel.index("Ajmal Masroor") :]
    masroor = masroor[: masroor.index("</li>")]
    assert "Independent" in masroor and "candidate, 2024 general election" in masroor
    assert "Liberal Democrats" not in masroor


def test_the_bethnal_green_and_bow_page_has_the_2010_and_2005_results(client, seeded):
    html = client.get("/constituencies/bethnal-green-and-bow/").content.decode()

    result_2010 = html[html.index("2010 general election") :]
    assert result_2010.index("Rushanara Ali") < result_2010.index("Ajmal Masroor")
    assert "21,784" in result_2010 and "42.9%" in result_2010
    assert "10,210" in result_2010 and "20.1%" in result_2010
    result_2005 = html[html.index("2005 general election") :]
    assert "15,801" in result_2005 and "14,978" in result_2005


def test_a_seeded_fact_links_its_source_story_not_its_file(client, seeded):
    html = client.get("/people/ajmal-masroor/").content.decode()
    story = Article.objects.get(source_name="001_2bc5a03e90a2a01a.txt")

    assert story.get_absolute_url() in html
    assert "001_2bc5a03e90a2a01a.txt" not in html


def test_tahir_alis_denied_defection_claim_reads_as_a_claim(client, seeded):
    html = client.get("/people/tahir-ali/").content.decode()

    assert "Claim:" in html
    assert "denied" in html.lower()


def test_derby_north_says_who_held_it_before(client, seeded):
    html = client.get("/constituencies/derby-north/").content.decode()

    before = html[html.index("Who held office for Derby North before") :]
    assert "Chris Williamson" in before
    assert "Who holds office for Derby North now" not in html
