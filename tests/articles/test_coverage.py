"""The coverage index follows every change to a story's status, time, tags and links."""

import random
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles import coverage
from articles.linking import EntityLinker
from articles.models import Article, ArticlePerson, Coverage
from people.models import Constituency, Party, Person
from tests.factories import london, make_article, make_constituency, make_party, make_person
from tests.helpers import link

pytestmark = pytest.mark.django_db

Kind = Coverage.Kind


def rows(article: Article) -> set[tuple]:
    """The story's coverage as (kind, entity or tag id, publication time, mentions)."""
    return set(
        Coverage.objects.filter(article=article).values_list(
            "kind", "object_id", "published_at", "mentions"
        )
    )


def snapshot() -> set[tuple]:
    return set(
        Coverage.objects.values_list("article_id", "kind", "object_id", "published_at", "mentions")
    )


@pytest.fixture
def people():
    return {
        "person": make_person("Rushanara Ali"),
        "party": make_party("Labour Party"),
        "place": make_constituency("Bethnal Green and Stepney"),
    }


def test_a_published_story_is_indexed_under_each_tag_and_entity(people):
    story = make_article(tags=["elections"], published_at=london(2024, 6, 27))
    link(story, people["person"], mentions=3)
    link(story, people["party"], people["place"])
    tag = Tag.objects.get(name="elections")
    when = london(2024, 6, 27)

    assert rows(story) == {
        (Kind.TAG, tag.pk, when, 1),
        (Kind.PERSON, people["person"].pk, when, 3),
        (Kind.PARTY, people["party"].pk, when, 1),
        (Kind.PLACE, people["place"].pk, when, 1),
    }


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW])
def test_work_in_progress_is_not_indexed_until_it_is_published(people, status):
    story = make_article(status=status, tags=["elections"])
    link(story, people["person"])
    assert rows(story) == set()

    story.status = Article.Status.PUBLISHED
    story.save()

    assert {row[0] for row in rows(story)} == {Kind.TAG, Kind.PERSON}


def test_unpublishing_takes_a_story_out_and_moving_its_time_moves_its_rows(people):
    story = make_article(tags=["elections"])
    link(story, people["person"])
    later = london(2024, 7, 4, 22)

    story.published_at = later
    story.save()
    assert {row[2] for row in rows(story)} == {later}

    story.status = Article.Status.UNPUBLISHED
    story.save()
    assert rows(story) == set()


def test_a_scheduled_story_is_indexed_and_left_out_of_readers_listings_until_its_time(people):
    story = make_article(published_at=timezone.now() + timedelta(hours=2))
    link(story, people["person"])

    assert rows(story)
    assert list(Article.objects.published().mentioning(people["person"])) == []
    assert list(coverage.newest(Kind.PERSON, people["person"].pk)) == []


def test_tags_added_and_removed_follow(people):
    story = make_article(tags=["elections"])
    story.tags.add("council")
    assert {Tag.objects.get(pk=row[1]).name for row in rows(story)} == {"elections", "council"}

    story.tags.remove("elections")
    assert {Tag.objects.get(pk=row[1]).name for row in rows(story)} == {"council"}

    story.tags.set(["budget"], clear=True)
    assert {Tag.objects.get(pk=row[1]).name for row in rows(story)} == {"budget"}


def test_links_saved_and_deleted_one_by_one_follow(people):
    story = make_article()
    link_row = ArticlePerson.objects.create(article=story, person=people["person"], mentions=2)
    assert rows(story) == {(Kind.PERSON, people["person"].pk, story.published_at, 2)}

    link_row.mentions = 5
    link_row.save()
    assert rows(story) == {(Kind.PERSON, people["person"].pk, story.published_at, 5)}

    link_row.delete()
    assert rows(story) == set()


def test_the_linkers_bulk_writes_are_indexed(people):
    story = make_article(
        title="Rushanara Ali holds Bethnal Green and Stepney for the Labour Party",
        body="Ali thanked voters.",
    )
    linker = EntityLinker(
        people=[people["person"]], parties=[people["party"]], constituencies=[people["place"]]
    )

    linker.link_article(story)

    assert {row[:2] for row in rows(story)} == {
        (Kind.PERSON, people["person"].pk),
        (Kind.PARTY, people["party"].pk),
        (Kind.PLACE, people["place"].pk),
    }
    assert (Kind.PERSON, people["person"].pk, story.published_at, 2) in rows(story)


def test_deleting_a_story_a_person_or_a_tag_removes_their_rows(people):
    kept, deleted = make_article(tags=["elections", "gone"]), make_article(tags=["elections"])
    link(kept, *people.values())
    link(deleted, *people.values())

    deleted.delete()
    people["person"].delete()
    Tag.objects.get(name="gone").delete()

    assert not Coverage.objects.filter(article_id=deleted.pk).exists()
    assert {row[0] for row in rows(kept)} == {Kind.TAG, Kind.PARTY, Kind.PLACE}
    assert snapshot() == rebuilt()


def test_a_batch_refreshes_each_story_once_when_it_ends(people):
    story = make_article()

    with transaction.atomic(), coverage.batched():
        story.tags.add("elections", "council")
        link(story, people["person"], people["party"])
        assert rows(story) == set()  # not yet: the batch is still open

    assert len(rows(story)) == 4


def test_a_batch_that_fails_refreshes_nothing(people):
    story = make_article()

    with pytest.raises(RuntimeError), coverage.batched():
        link(story, people["person"])
        raise RuntimeError("the import of this file failed")

    assert rows(story) == set()


def test_refresh_costs_the_same_queries_for_one_story_as_for_many(
    people, django_assert_num_queries
):
    stories = [make_article(tags=["elections"]) for _ in range(5)]
    for story in stories:
        link(story, *people.values())

    with django_assert_num_queries(9):
        coverage.refresh([story.pk for story in stories])

    assert len(Coverage.objects.all()) == 5 * 4


def unlink(article: Article, entity) -> None:
    """Delete the article's link to the person, party or constituency, one row at a time."""
    field = {Person: "person", Party: "party", Constituency: "constituency"}[type(entity)]
    for row in getattr(article, f"{field}_links").filter(**{field: entity}):
        row.delete()


def rebuilt() -> set[tuple]:
    """What `rebuild_coverage` makes of the stories as they stand; the index is left as it was."""
    before = snapshot()
    with transaction.atomic():
        call_command("rebuild_coverage", stdout=StringIO())
        after = snapshot()
        transaction.set_rollback(True)
    assert snapshot() == before
    return after


def test_any_sequence_of_edits_leaves_the_index_as_a_rebuild_would_make_it():
    chance = random.Random(7)
    entities = [make_person(f"Person {n}") for n in range(3)]
    entities += [make_party(f"Party {n}") for n in range(2)]
    entities += [make_constituency(f"Place {n}") for n in range(2)]
    stories = [make_article() for _ in range(6)]
    linked: dict[tuple[int, object], None] = {}

    for _ in range(120):
        story = chance.choice(stories)
        match chance.randrange(6):
            case 0:
                story.status = chance.choice(list(Article.Status))
                story.save()
            case 1:
                story.published_at = london(2024, 1, 1) + timedelta(hours=chance.randrange(9000))
                story.save()
            case 2:
                story.tags.add(f"tag {chance.randrange(4)}")
            case 3:
                story.tags.remove(f"tag {chance.randrange(4)}")
            case 4:
                entity = chance.choice(entities)
                if (story.pk, entity) not in linked:
                    link(story, entity, mentions=chance.randrange(1, 4))
                    linked[(story.pk, entity)] = None
            case _:
                links = [entity for key, entity in linked if key == story.pk]
                if links:
                    entity = chance.choice(links)
                    del linked[(story.pk, entity)]
                    unlink(story, entity)

    assert snapshot() == rebuilt()
