"""The seed stories as a reader sees them after `import_seeds`."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("import_seeds", stdout=StringIO(), stderr=StringIO())


def page_for(client, source_name: str) -> str:
    article = Article.objects.get(source_name=source_name)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_seed_001_links_and_escaped_brackets_render_correctly(client, seeded):
    html = page_for(client, "001_2bc5a03e90a2a01a.txt")
    assert (
        '<a href="https://romanroadlondon.com/school-strike-protest-palestine-cease-fire-'
        'rushanara-ali-tower-hamlets/">‘School Strike for Palestine’</a>'
    ) in html
    assert "if there was one [pro-Palestinian] figure running" in html
    assert "\\[" not in html


def test_seed_001_pictures_awaiting_files_are_held_back_with_no_broken_image(client, seeded):
    html = page_for(client, "001_2bc5a03e90a2a01a.txt")
    assert "<img" not in html
    assert "<figure" not in html
    assert "Ajmal Masroor&#x27;s campaign leaflets, showing support for Lutfur Rahman" not in html


def test_seed_002_holds_back_the_credit_of_its_missing_picture_and_shows_no_furniture(
    client, seeded
):
    html = page_for(client, "002_2c19ababa5a70ba0.txt")
    assert "Darren Quinton/Birmingham Live" not in html
    assert "READ MORE" not in html
    assert '<time datetime="2024-04-30T00:00:00+01:00">30 April 2024</time>' in html


def test_seed_000_shows_byline_and_no_caption_of_its_missing_pictures(client, seeded):
    html = page_for(client, "000_9370205d60b48b49.txt")
    assert "Isabelle Stanley" in html
    assert "Ali Hassan Ali, right, during his time with the Tories" not in html
    assert "Conservative leader Oliver Cooper" not in html
    assert "Related Articles" not in html


def test_the_front_page_lists_the_seeds_newest_first(client, seeded):
    html = client.get("/").content.decode()
    positions = [
        html.index("Is this the end of Rushanara Ali?"),
        html.index("Hall Green MP Tahir Ali denies defection claim"),
        html.index("Tory quits candidate role and joins Labour"),
    ]
    assert positions == sorted(positions)


def test_a_person_page_lists_the_story_that_named_them(client, seeded):
    html = client.get("/people/tahir-ali/").content.decode()
    assert "Hall Green MP Tahir Ali denies defection claim" in html
    assert "Is this the end of Rushanara Ali?" not in html


def test_the_front_page_shows_seed_people_in_the_news_from_all_time(client, seeded):
    # The seeds are from 2022 and 2024: nothing is recent, so the strip ranks all time.
    response = client.get("/")
    names = [person.name for person in response.context["people_in_the_news"]]
    assert names
    assert "Rushanara Ali" in names
    assert "People in the news" in response.content.decode()


def test_ali_hassan_ali_is_labour_now_and_was_a_conservative_candidate(client, seeded):
    html = client.get("/people/ali-hassan-ali/").content.decode()
    assert 'class="party-badge" href="/parties/labour/"' in html
    timeline = html[html.index('<ol class="timeline">') :]
    assert timeline.index("Conservative Party") < timeline.index("Labour Party")
    assert 'Until <time datetime="2022-03-23">23 March 2022</time>' in timeline
    story = Article.objects.get(source_name="000_9370205d60b48b49.txt")
    assert f'Source: <a href="{story.get_absolute_url()}">{story.title}</a>' in timeline


def test_the_conservative_page_lists_ali_hassan_ali_as_a_former_member(client, seeded):
    html = client.get("/parties/conservative/").content.decode()
    members = html[html.index('id="members-heading"') :]
    entry = members[members.index("Ali Hassan Ali") :]
    assert entry.index("Former member, now") < entry.index("</li>")


def test_seed_stories_are_related_through_the_people_and_parties_they_share(client, seeded):
    article = Article.objects.get(source_name="002_2c19ababa5a70ba0.txt")
    response = client.get(article.get_absolute_url())
    related = [story.source_name for story in response.context["related"]]
    # 002 and 001 share George Galloway, Labour, the Conservatives and Birmingham.
    assert related[0] == "001_2bc5a03e90a2a01a.txt"
    assert article.source_name not in related


def test_seed_archive_and_tag_pages_list_their_stories(client, seeded):
    day = client.get("/2022/03/25/").content.decode()
    assert "Tory quits candidate role and joins Labour" in day
    tag = client.get("/tag/elections/").content.decode()
    assert "Is this the end of Rushanara Ali?" in tag
