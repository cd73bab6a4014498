"""What readers see, what they must not see, and what each page costs in queries."""

import re
import time
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, Picture
from people.models import PartyMembership
from tests.factories import (
    london,
    make_article,
    make_constituency,
    make_party,
    make_person,
    make_section,
)
from tests.helpers import link, make_full_story

# Queries each page may run, whatever the number of stories, tags or entities on it.
# Listing pages: section nav, paginator count, the stories, their featured pictures,
# their authors (for the byline links)...
SECTION_PAGE_QUERIES = 6  # ...plus the section from the URL.
TAG_PAGE_QUERIES = 6  # ...plus the tag from the URL.
ARCHIVE_PAGE_QUERIES = 6  # ...plus the months or days that have stories.
# ...plus the sections' blocks (the newest stories' ids, then the stories; the sections
# are the nav's, read once), and the people in the news (their ranking, the people,
# their party spells for the swatch beside each name).
FRONT_PAGE_QUERIES = 10
# ...plus the person, with their party spells, posts, candidacies and claims, and the
# published stories all those facts cite (one query for every source on the page).
PERSON_PAGE_QUERIES = 11
# ...plus the party, its members with their spells, and the posts held for it.
PARTY_PAGE_QUERIES = 9
# ...plus the place with its parent, its child areas, who holds office there now and
# who held it before (one query), and its elections with their results.
CONSTITUENCY_PAGE_QUERIES = 10
# Section nav, the article with its section, then its authors, tags, categories, pictures, the
# person links with their people, those people's party spells, posts and candidacies (read
# for everyone at once, `people.records`, with
# elections and parties: what they stood as when the story came out), the party links, the
# constituency links, the corrections and updates (one query however many: they are
# prefetched, and also date the "Updated" line), the rights of reply with their
# people, the related stories' ranking, the stories, their featured pictures and authors.
ARTICLE_PAGE_QUERIES = 18

# How far ahead the scheduled-story test schedules its story, then waits for it.
SCHEDULED_IN = timedelta(seconds=1.5)

pytestmark = pytest.mark.django_db


def make_stories(count: int, entities: dict, **fields) -> list[Article]:
    return [make_full_story(*entities.values(), **fields) for _ in range(count)]


def unpublished_stories(entities: dict) -> list[Article]:
    """A draft, a story in review and one due out tomorrow, all linked to every entity."""
    tomorrow = timezone.now() + timedelta(days=1)
    return [
        make_full_story(*entities.values(), title="Draft story", status=Article.Status.DRAFT),
        make_full_story(*entities.values(), title="Review story", status=Article.Status.REVIEW),
        make_full_story(*entities.values(), title="Tomorrow story", published_at=tomorrow),
    ]


def page_urls(entities: dict) -> dict[str, str]:
    """Every listing page, for stories made with make_full_story (published 1 May 2024)."""
    return {
        "front page": reverse("articles:front_page"),
        "section": reverse("articles:section", args=["news"]),
        "tag": reverse("articles:tag", args=["council"]),
        "year archive": reverse("articles:archive_year", args=[2024]),
        "month archive": reverse("articles:archive_month", args=[2024, 5]),
        "day archive": reverse("articles:archive_day", args=[2024, 5, 1]),
        "person": entities["person"].get_absolute_url(),
        "party": entities["party"].get_absolute_url(),
        "constituency": entities["constituency"].get_absolute_url(),
    }


LISTING_QUERIES = {
    "front page": FRONT_PAGE_QUERIES,
    "section": SECTION_PAGE_QUERIES,
    "tag": TAG_PAGE_QUERIES,
    "year archive": ARCHIVE_PAGE_QUERIES,
    "month archive": ARCHIVE_PAGE_QUERIES,
    "day archive": ARCHIVE_PAGE_QUERIES,
    "person": PERSON_PAGE_QUERIES,
    "party": PARTY_PAGE_QUERIES,
    "constituency": CONSTITUENCY_PAGE_QUERIES,
}


def jpeg(width: int = 40, height: int = 30) -> ContentFile:
    buffer = BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="picture.jpg")


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


# --- Every listing page --------------------------------------------------------


@pytest.mark.parametrize("page", LISTING_QUERIES)
def test_listing_pages_show_published_stories_newest_first(client, entities, page):
    older = make_full_story(
        *entities.values(),
        title="Older story",
        standfirst="The older standfirst.",
        byline="Isabelle Stanley",
        published_at=london(2024, 5, 1, 8),
    )
    newer = make_full_story(
        *entities.values(), title="Newer story", published_at=london(2024, 5, 1, 10)
    )

    response = client.get(page_urls(entities)[page])

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Newer story") < html.index("Older story")
    assert f'href="{older.get_absolute_url()}"' in html
    assert f'href="{newer.get_absolute_url()}"' in html
    assert "The older standfirst." in html
    assert "Isabelle Stanley" in html
    assert '<time datetime="2024-05-01T08:00:00+01:00">1 May 2024</time>' in html
    assert f'href="{older.section.get_absolute_url()}">News</a>' in html
    assert h1_count(html) == 1


@pytest.mark.parametrize(("page", "queries"), LISTING_QUERIES.items())
def test_listing_pages_cost_the_same_queries_for_3_stories_as_for_15(
    client, entities, django_assert_max_num_queries, page, queries
):
    url = page_urls(entities)[page]
    make_stories(3, entities)
    with django_assert_max_num_queries(queries):
        assert client.get(url).status_code == 200

    # Many more of everything a page hangs off a story: sections, tags, people, spells.
    for number in range(12):
        story = make_full_story(
            *entities.values(),
            # Half in News, half in sections of their own, for more front-page blocks.
            section=make_section("News" if number % 2 else f"Section {number}"),
            tags=["council", f"tag {number}"],
        )
        person = make_person(f"Person {number}")
        PartyMembership.objects.create(person=person, party=entities["party"], role="Member")
        link(story, person)
        make_constituency(f"Ward {number}", kind="ward", parent=entities["constituency"])
    with django_assert_max_num_queries(queries):
        response = client.get(url)
    assert len(response.context["page"]) == (9 if page == "section" else 15)


@pytest.mark.parametrize("page", LISTING_QUERIES)
def test_listing_pages_leave_out_unpublished_and_future_stories(client, entities, page):
    make_full_story(*entities.values(), title="Visible story")
    unpublished_stories(entities)

    response = client.get(page_urls(entities)[page])

    html = response.content.decode()
    assert "Visible story" in html
    for title in ["Draft story", "Review story", "Tomorrow story"]:
        assert title not in html


def test_listing_pages_are_paginated_with_labelled_links(client):
    for _ in range(21):
        make_article()

    first = client.get(reverse("articles:section", args=["news"]))
    second = client.get(reverse("articles:section", args=["news"]), {"page": 2})

    assert len(first.context["page"]) == 20
    first_html = first.content.decode()
    assert '<nav class="pagination" aria-label="Pages of stories">' in first_html
    assert 'rel="next" href="?page=2"' in first_html
    assert 'href="/section/news/" aria-current="page"' in first_html
    assert len(second.context["page"]) == 1
    second_html = second.content.decode()
    assert 'rel="prev" href="/section/news/"' in second_html
    assert 'href="?page=2" aria-current="page"' in second_html


def test_a_listing_with_one_page_has_no_pagination(client):
    make_article()

    html = client.get(reverse("articles:section", args=["news"])).content.decode()

    assert 'class="pagination"' not in html


# --- Front page ------------------------------------------------------------------


def test_the_front_page_leads_with_the_newest_story_and_its_picture(client):
    make_article(title="Yesterday's story", published_at=london(2024, 4, 30))
    lead = make_article(title="Today's lead", published_at=london(2024, 5, 1))
    Picture.objects.create(
        article=lead, position=1, file=jpeg(), alt_text="Candidates at the count", is_featured=True
    )

    response = client.get(reverse("articles:front_page"))

    assert response.context["lead"] == lead
    html = response.content.decode()
    lead_story = html[html.index('<article class="lead-story">') : html.index("</article>")]
    assert "Today&#x27;s lead" in lead_story
    assert 'alt="Candidates at the count"' in lead_story
    latest = html[html.index('id="latest-heading"') :]
    assert "Yesterday&#x27;s story" in latest
    assert "Today&#x27;s lead" not in latest[: latest.index("</section>")]


def test_the_front_page_lead_without_a_picture_file_shows_no_lone_caption(client):
    make_full_story()  # Its featured picture has a caption but no file.

    html = client.get(reverse("articles:front_page")).content.decode()

    assert '<article class="lead-story">' in html
    assert "Lead caption" not in html


def test_the_front_page_has_a_block_of_the_newest_stories_per_section(client):
    politics, council = make_section("Politics"), make_section("Council")
    for day in range(1, 7):
        make_article(
            title=f"Politics day {day}", section=politics, published_at=london(2024, 5, day)
        )
    make_article(title="Council story", section=council, published_at=london(2024, 3, 1))
    make_article(title="Council draft", section=council, status=Article.Status.DRAFT)
    make_article(title="Only a draft", section=make_section("Empty"), status=Article.Status.DRAFT)

    response = client.get(reverse("articles:front_page"))

    blocks = response.context["section_blocks"]
    assert [block.section.name for block in blocks] == ["Council", "Politics"]
    assert [story.title for story in blocks[0].stories] == ["Council story"]
    assert [story.title for story in blocks[1].stories] == [
        f"Politics day {day}" for day in (6, 5, 4, 3)
    ]
    html = response.content.decode()
    assert '<h2 id="section-politics" class="block-heading"><a href="/section/politics/">' in html
    assert "More from Politics" in html
    assert "Council draft" not in html
    assert "section-empty" not in html


def test_the_front_page_shows_people_in_the_news_with_their_party(client, entities):
    make_full_story(*entities.values(), published_at=timezone.now() - timedelta(hours=1))

    html = client.get(reverse("articles:front_page")).content.decode()

    strip = html[html.index('<aside class="people-strip"') :]
    strip = strip[: strip.index("</aside>")]
    assert "People in the news" in strip
    assert '<a href="/people/ali-hassan-ali/">Ali Hassan Ali</a>' in strip
    assert 'style="background-color: #E4003B"' in strip
    assert "Labour Party" in strip


def test_people_named_only_in_unpublished_stories_are_not_in_the_news(client, entities):
    secret = make_person("Secret Candidate")
    recently = timezone.now() - timedelta(hours=1)
    make_article(title="Old story", published_at=london(2022, 1, 1))
    link(Article.objects.get(title="Old story"), entities["person"])
    for fields in [
        {"status": Article.Status.DRAFT, "published_at": recently},
        {"status": Article.Status.REVIEW, "published_at": recently},
        {"published_at": timezone.now() + timedelta(hours=2)},
    ]:
        link(make_article(**fields), secret, mentions=50)

    html = client.get(reverse("articles:front_page")).content.decode()

    assert "Secret Candidate" not in html
    # With nothing recent published, the strip falls back to all time rather than vanish.
    assert '<a href="/people/ali-hassan-ali/">Ali Hassan Ali</a>' in html


def test_later_front_pages_list_older_stories_without_the_lead_or_blocks(client):
    for number in range(21):
        make_article(title=f"Story {number:02}", published_at=london(2024, 5, 1, 0, number))

    response = client.get(reverse("articles:front_page"), {"page": 2})

    html = response.content.decode()
    assert "<h1>Older stories</h1>" in html
    assert "Story 00" in html
    assert "Story 20" not in html
    assert "lead-story" not in html
    assert "section_blocks" not in response.context
    assert h1_count(html) == 1


def test_the_front_page_says_so_when_nothing_is_published(client):
    make_article(status=Article.Status.DRAFT)

    response = client.get(reverse("articles:front_page"))

    assert response.status_code == 200
    assert "No stories yet." in response.content.decode()


# --- Section and tag pages -----------------------------------------------------------


def test_the_section_page_shows_only_its_own_stories(client):
    make_article(title="Council story", section=make_section("Council"))
    make_article(title="Other news")

    response = client.get(reverse("articles:section", args=["council"]))

    html = response.content.decode()
    assert "<h1>Council</h1>" in html
    assert "Council story" in html
    assert "Other news" not in html
    assert '<a href="/section/council/" aria-current="page">Council</a>' in html


def test_the_tag_page_shows_only_published_stories_with_that_tag(client):
    make_article(title="Tagged story", tags=["housing"])
    make_article(title="Untagged story", tags=["transport"])
    make_article(title="Tagged draft", tags=["housing"], status=Article.Status.DRAFT)

    response = client.get(reverse("articles:tag", args=["housing"]))

    assert response.status_code == 200
    assert response.context["tag"].name == "housing"
    html = response.content.decode()
    assert "<h1>housing</h1>" in html
    assert "Tagged story" in html
    assert "Untagged story" not in html
    assert "Tagged draft" not in html


def test_tags_with_unicode_slugs_have_pages(client):
    story = make_article(title="Café culture", tags=["café"])

    article_html = client.get(story.get_absolute_url()).content.decode()
    tag_url = reverse("articles:tag", args=["café"])

    assert f'href="{tag_url}"' in article_html
    assert "Café culture" in client.get(tag_url).content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "in review", "scheduled"],
)
def test_a_tag_only_unpublished_stories_use_is_not_found(client, fields):
    make_article(title="Embargoed", tags=["embargoed-topic"], **fields)

    response = client.get(reverse("articles:tag", args=["embargoed-topic"]))

    assert response.status_code == 404
    assert "Embargoed" not in response.content.decode()


def test_unknown_tags_are_not_found(client):
    assert client.get(reverse("articles:tag", args=["no-such-tag"])).status_code == 404


# --- Article page ----------------------------------------------------------------------


def test_the_article_page_shows_the_story(client, entities):
    article = make_full_story(
        *entities.values(),
        title="Tory quits candidate role",
        standfirst="Claim and counter claim.",
        byline="Isabelle Stanley",
        body="THE Tories are in [turmoil](https://example.com/turmoil).",
        published_at=london(2022, 3, 25),
        published_at_inferred=True,
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Tory quits candidate role</h1>" in html
    assert h1_count(html) == 1
    assert "Claim and counter claim." in html
    assert "Isabelle Stanley" in html
    assert 'Published <time datetime="2022-03-25T09:00:00+00:00">25 March 2022</time>' in html
    assert f'<a href="{article.section.get_absolute_url()}">News</a>' in html
    assert '<a href="https://example.com/turmoil">turmoil</a>' in html
    assert "Lead caption" not in html  # its file has not arrived: held for an editor
    assert '<li><a href="/tag/council/">council</a></li>' in html
    assert '<li><a href="/tag/election/">election</a></li>' in html
    assert "inferred" not in html.lower()


def test_the_article_page_shows_an_update_time_only_after_a_real_revision(client):
    published = timezone.now() - timedelta(days=2)
    article = make_article(published_at=published)
    Article.objects.filter(pk=article.pk).update(
        created_at=published - timedelta(hours=1), updated_at=published + timedelta(minutes=5)
    )
    assert "Updated" not in client.get(article.get_absolute_url()).content.decode()

    revised = published + timedelta(days=1)
    Article.objects.filter(pk=article.pk).update(updated_at=revised)
    html = client.get(article.get_absolute_url()).content.decode()

    assert f'Updated <time datetime="{timezone.localtime(revised).isoformat()}">' in html


def test_the_article_page_lists_the_people_parties_and_places_with_links(client, entities):
    article = make_full_story(*entities.values())

    html = client.get(article.get_absolute_url()).content.decode()

    panel = html[html.index('<aside class="entities"') :]
    panel = panel[: panel.index("</aside>")]
    assert "People, parties and places in this story" in panel
    assert '<a href="/people/ali-hassan-ali/">Ali Hassan Ali</a>' in panel
    assert '<a href="/parties/labour/">Labour Party</a>' in panel
    assert '<a href="/constituencies/west-hampstead/">West Hampstead</a>' in panel
    assert panel.count('class="swatch" style="background-color: #E4003B"') == 2
    assert "Council ward" in panel


def test_the_article_page_has_no_entity_panel_when_the_story_names_nobody(client):
    article = make_article()

    html = client.get(article.get_absolute_url()).content.decode()

    assert "People, parties and places in this story" not in html
    assert "Related stories" not in html


def test_related_stories_share_entities_or_tags_ranked_by_overlap_then_recency(client, entities):
    person, party, place = entities.values()
    article = make_full_story(person, party, place, tags=["housing", "council"])
    most = make_full_story(person, party, tags=["housing"], title="Shares three")
    make_full_story(place, tags=[], title="Shares one, newer", published_at=london(2024, 5, 2))
    make_full_story(tags=["council"], title="Shares one, older", published_at=london(2024, 4, 1))
    make_full_story(make_person("Someone Else"), tags=["sport"], title="Shares nothing")

    response = client.get(article.get_absolute_url())

    titles = [story.title for story in response.context["related"]]
    assert titles == ["Shares three", "Shares one, newer", "Shares one, older"]
    html = response.content.decode()
    assert "Related stories" in html
    assert f'href="{most.get_absolute_url()}"' in html
    assert "Shares nothing" not in html


def test_related_stories_never_include_unpublished_stories(client, entities):
    article = make_full_story(*entities.values())
    unpublished_stories(entities)

    response = client.get(article.get_absolute_url())

    assert list(response.context["related"]) == []
    html = response.content.decode()
    for title in ["Draft story", "Review story", "Tomorrow story"]:
        assert title not in html


def test_the_article_page_costs_the_same_queries_however_much_hangs_off_it(
    client, entities, django_assert_max_num_queries
):
    small = make_full_story(entities["person"])
    make_full_story(entities["person"])
    large = make_full_story(*entities.values(), tags=[f"tag {n}" for n in range(10)])
    for number in range(2, 6):
        Picture.objects.create(article=large, position=number, caption=f"Extra {number}")
    people = [make_person(f"Person {n}") for n in range(10)]
    for person in people:
        PartyMembership.objects.create(person=person, party=entities["party"])
    link(large, *people)
    for _ in range(6):
        link(make_full_story(entities["party"], tags=["tag 1"]), *people)

    for article in [small, large]:
        with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES):
            assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"status": Article.Status.UNPUBLISHED},
        {"published_at": None},
        {"published_at": timezone.now() + timedelta(minutes=5)},
    ],
    ids=[
        "draft",
        "in review",
        "unpublished",
        "published without a date",
        "published in the future",
    ],
)
def test_unpublished_articles_are_not_found_by_readers(client, fields):
    article = make_article(**fields)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404
    assert article.title not in response.content.decode()


def test_hostile_body_markup_does_not_reach_the_article_page(client):
    article = make_article(
        body=(
            "<script>alert('body')</script>\n\n"
            '<img src=x onerror="alert(1)"> <a href="javascript:alert(2)">click</a>\n\n'
            '<iframe src="https://evil.example/"></iframe>'
        )
    )

    html = client.get(article.get_absolute_url()).content.decode()

    for fragment in ["onerror", "javascript:", "<iframe", "evil.example", "alert"]:
        assert fragment not in html
    # The only scripts on the page are structured data, never anything that runs.
    assert re.findall(r"<script[^>]*>", html) in ([], ['<script type="application/ld+json">'])


def test_a_featured_picture_without_a_file_shows_nothing_until_its_file_arrives(client):
    article = make_article()
    Picture.objects.create(
        article=article,
        position=1,
        caption="Ali Hassan Ali during his time with the Tories",
        credit="Campaign photo",
        source_path="images/ali.jpg",
        is_featured=True,
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Ali Hassan Ali during his time with the Tories" not in html
    assert "Campaign photo" not in html
    assert "<img" not in html


# --- Scheduled and unpublished stories -------------------------------------------------


def reader_urls(article: Article) -> dict[str, str]:
    """The pages a story made by make_article(tags=["council"]) would appear on."""
    day = timezone.localtime(article.published_at)
    return {
        "front page": reverse("articles:front_page"),
        "section": reverse("articles:section", args=["news"]),
        "tag": reverse("articles:tag", args=["council"]),
        "day archive": reverse("articles:archive_day", args=[day.year, day.month, day.day]),
    }


def test_a_scheduled_story_becomes_visible_exactly_at_its_publication_time():
    due = london(2024, 6, 3, 7, 30)
    story = make_article(published_at=due)

    assert story not in Article.objects.published(now=due - timedelta(seconds=1))
    assert story in Article.objects.published(now=due)
    assert story in Article.objects.published(now=due + timedelta(days=1))
    front_page = Article.objects.published(now=due - timedelta(minutes=1)).for_listing()
    assert story not in front_page


def test_a_scheduled_story_is_hidden_from_readers_until_its_time_then_shown(client):
    make_article(title="Already out", tags=["council"], published_at=london(2024, 5, 1))
    goes_out = timezone.now() + SCHEDULED_IN
    story = make_article(title="Budget embargo lifts", tags=["council"], published_at=goes_out)
    urls = reader_urls(story)

    assert client.get(story.get_absolute_url()).status_code == 404
    for page in ["front page", "section", "tag"]:
        assert "Budget embargo lifts" not in client.get(urls[page]).content.decode(), page
    assert client.get(urls["day archive"]).status_code == 404

    # Its time comes: no job runs and nothing is written; the clock simply passes it.
    time.sleep(max(0.0, (goes_out - timezone.now()).total_seconds()) + 0.05)

    assert client.get(story.get_absolute_url()).status_code == 200
    for page, url in urls.items():
        assert "Budget embargo lifts" in client.get(url).content.decode(), page


def test_an_unpublished_story_is_not_found_and_leaves_every_listing(client):
    make_article(title="Still out", published_at=london(2024, 5, 1, 8))
    story = make_article(title="Pulled story", tags=["council"], published_at=london(2024, 5, 1))
    urls = reader_urls(story)
    for url in [story.get_absolute_url(), *urls.values()]:
        assert "Pulled story" in client.get(url).content.decode()

    Article.objects.filter(pk=story.pk).update(status=Article.Status.UNPUBLISHED)

    response = client.get(story.get_absolute_url())
    assert response.status_code == 404
    assert "Pulled story" not in response.content.decode()
    for page in ["front page", "section", "day archive"]:
        assert "Pulled story" not in client.get(urls[page]).content.decode(), page
    # Its tag was on no other story, so the tag page goes too.
    assert client.get(urls["tag"]).status_code == 404


# --- People, parties and places ------------------------------------------------------


def test_the_person_page_shows_current_party_roles_and_timeline(client):
    conservatives = make_party("Conservative Party", slug="conservative", colour="#0087DC")
    labour = make_party("Labour Party", slug="labour", colour="#E4003B")
    person = make_person("Ali Hassan Ali")
    PartyMembership.objects.create(
        person=person,
        party=conservatives,
        role="Council candidate, West Hampstead ward",
        end=london(2022, 3, 23).date(),
        source="000_9370205d60b48b49.txt",
    )
    PartyMembership.objects.create(
        person=person,
        party=labour,
        role="Member",
        start=london(2022, 3, 23).date(),
        source="https://example.com/defection",
    )

    html = client.get(person.get_absolute_url()).content.decode()

    assert "<h1>Ali Hassan Ali</h1>" in html
    # White on Labour red: 4.81:1.
    assert (
        '<a class="party-badge" href="/parties/labour/" '
        'style="background-color: #E4003B; color: #FFFFFF">Labour Party</a>'
    ) in html
    assert '<ul class="roles" aria-label="Roles">' in html
    assert "<li>Member</li>" in html
    timeline = html[html.index('<ol class="timeline">') :]
    assert timeline.index("Conservative Party") < timeline.index("Labour Party")
    assert 'Until <time datetime="2022-03-23">23 March 2022</time>' in timeline
    assert 'Since <time datetime="2022-03-23">23 March 2022</time>' in timeline
    assert "Council candidate, West Hampstead ward" in timeline
    # Sources that are no published story show nothing: no file name, no bare link.
    assert "000_9370205d60b48b49.txt" not in html
    assert "example.com/defection" not in html


def test_the_person_timeline_links_each_source_to_the_published_story_it_became(client):
    person = make_person("Ali Hassan Ali")
    party = make_party("Labour Party", slug="labour")
    story = make_article(title="Tory quits", source_name="000.txt")
    make_article(title="Secret draft", source_name="001.txt", status=Article.Status.DRAFT)
    PartyMembership.objects.create(person=person, party=party, role="Member", source="000.txt")
    PartyMembership.objects.create(person=person, party=party, role="Leader", source="001.txt")

    html = client.get(person.get_absolute_url()).content.decode()

    assert f'Source: <a href="{story.get_absolute_url()}">Tory quits</a>' in html
    assert "001.txt" not in html
    assert "Secret draft" not in html


def test_the_person_page_picks_black_text_on_a_light_party_colour(client):
    snp = make_party("Scottish National Party", slug="snp", colour="#FDF38E")
    person = make_person("Jo Bloggs")
    PartyMembership.objects.create(person=person, party=snp)

    html = client.get(person.get_absolute_url()).content.decode()

    assert 'style="background-color: #FDF38E; color: #000000"' in html


def test_the_person_page_of_someone_without_a_party_has_no_badge(client):
    person = make_person("Sham Uddin")
    make_full_story(person, title="Independent stands")

    html = client.get(person.get_absolute_url()).content.decode()

    assert "party-badge" not in html
    assert "timeline" not in html
    assert "Independent stands" in html


def test_the_party_page_shows_its_colour_and_members_current_first(client, entities):
    labour = entities["party"]
    aspire = make_party("Aspire", colour="#6B6B6B")
    leaver = make_person("Lutfur Rahman")
    PartyMembership.objects.create(person=leaver, party=labour, role="Council leader")
    PartyMembership.objects.create(person=leaver, party=aspire, role="Leader")

    html = client.get(labour.get_absolute_url()).content.decode()

    assert 'class="swatch" style="background-color: #E4003B"' in html
    assert 'style="border-left-color: #E4003B"' in html
    members = html[html.index('id="members-heading"') :]
    assert members.index("Ali Hassan Ali") < members.index("Lutfur Rahman")
    assert "Former member, now" in members
    assert "Council leader" in members
    assert members.count("Former member") == 1


def test_the_constituency_page_shows_its_kind_parent_children_not_people_from_stories(
    client, entities
):
    ward = entities["constituency"]
    make_constituency("Fortune Green", kind="ward", parent=ward, slug="fortune-green")
    often, once = make_person("Often Named"), make_person("Once Named")
    for _ in range(2):
        link(make_article(), ward, often)
    link(make_article(), ward, once)
    link(make_article(status=Article.Status.DRAFT), ward, make_person("Draft Only"))

    response = client.get(ward.get_absolute_url())

    html = response.content.decode()
    assert "Council ward" in html
    assert '<a href="/constituencies/camden/">Camden</a>' in html
    assert '<a href="/constituencies/fortune-green/">Fortune Green</a>' in html
    # Being named in a story about a place is no tie to it: only facts list people.
    assert "Often Named" not in html
    assert "Draft Only" not in html


def test_a_party_colour_that_is_not_hex_never_reaches_a_style_attribute(client):
    party = make_party("Odd Party", colour="x;top:0")

    html = client.get(party.get_absolute_url()).content.decode()

    assert "x;top:0" not in html
    assert 'style="background-color: #6B6B6B"' in html


def test_unknown_entities_and_sections_are_not_found(client):
    for url in ["/people/nobody/", "/parties/none/", "/constituencies/nowhere/", "/section/x/"]:
        assert client.get(url).status_code == 404


# --- Layout and error pages -------------------------------------------------------------


def test_the_layout_has_a_skip_link_section_nav_search_and_stylesheet(client):
    make_section("Politics")

    html = client.get(reverse("articles:front_page")).content.decode()

    assert '<html lang="en-GB">' in html
    assert '<a class="skip-link" href="#content">' in html
    assert '<main id="content"' in html
    assert '<nav class="section-nav" aria-label="Sections">' in html
    assert '<a href="/section/politics/">Politics</a>' in html
    assert 'href="/static/css/site.css"' in html
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert f'<form class="search-form" role="search" action="{reverse("search:results")}"' in html
    label = re.search(r'<label[^>]*for="site-search"[^>]*>([^<]+)</label>', html)
    assert label and label.group(1).strip()
    assert '<input id="site-search" type="search" name="q"' in html
    for element in ["<header", "<nav", "<main", "<footer"]:
        assert element in html


def test_every_page_has_exactly_one_h1(client, entities):
    article = make_full_story(*entities.values())
    urls = [*page_urls(entities).values(), article.get_absolute_url(), "/no-such-page/"]

    for url in urls:
        assert h1_count(client.get(url).content.decode()) == 1, url


def test_the_not_found_page_is_friendly_and_in_the_sites_design(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'href="/static/css/site.css"' in html
    assert 'role="search"' in html
    assert '<a href="/">go to the front page</a>' in html


def test_the_server_error_page_renders_without_a_database_or_request(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")

    assert "Something went wrong" in html
    assert "/static/css/site.css" in html
    assert '<html lang="en-GB">' in html
    assert h1_count(html) == 1
