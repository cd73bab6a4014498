"""Coverage: which published stories are about which tags, people, parties and places,
and which are by which authors and in which categories.

`Coverage` rows are derived from a story's status, publication time, tags, entity
links, authors (`ArticleAuthor`, kept in step with the byline by `articles.authors`)
and categories. They let every "newest stories about X" listing, "people in the news" and the
choice of related stories read a bounded slice of an index instead of counting
through the archive.

Keeping them in step
--------------------
`refresh(ids)` rebuilds the rows of those stories from their sources in a fixed
number of queries. `story_changed(pk)` is what everything else calls: the signal
handlers in `articles/signals.py` call it whenever a story, one of its entity links or
one of its tags is saved or deleted, its authors change or its categories are added or
removed, and code that writes links in bulk (the linker)
calls it itself. Normally the story is refreshed at once, in the same transaction as
the change, so the index is never seen out of step. Inside `batched()` the calls are
collected and each story is refreshed once, as the block ends: an import does this
for each file it saves on its own, and refreshes a batch of new stories in one call.
`manage.py rebuild_coverage` rebuilds everything, for after raw SQL or a bulk load.

Reading
-------
Rows exist for published stories, scheduled ones included, so a scheduled story
appears by itself when its time comes; every query here adds `published_at <= now`,
and listings also keep `Article.objects.published()` as their base.
"""

import threading
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from people.models import Constituency, Party, Person

from .models import (
    Article,
    ArticleAuthor,
    ArticleConstituency,
    ArticleParty,
    ArticlePerson,
    Author,
    Category,
    Coverage,
)

Kind = Coverage.Kind
TABLE = Coverage._meta.db_table
# Which link table holds each kind of entity, and the column naming the entity.
ENTITY_LINKS = {
    Kind.PERSON: (ArticlePerson, "person_id"),
    Kind.PARTY: (ArticleParty, "party_id"),
    Kind.PLACE: (ArticleConstituency, "constituency_id"),
}
# Which table says who wrote a story, and which categories it is in (no mentions counted).
PLAIN_LINKS = {
    Kind.AUTHOR: (ArticleAuthor, "author_id"),
    Kind.CATEGORY: (Article.categories.through, "category_id"),
}
KIND_OF_MODEL = {
    Tag: Kind.TAG,
    Person: Kind.PERSON,
    Party: Kind.PARTY,
    Constituency: Kind.PLACE,
    Author: Kind.AUTHOR,
    Category: Kind.CATEGORY,
}

_pending = threading.local()


def article_type() -> ContentType:
    """The content type tags use to point at stories (cached by Django after the first)."""
    return ContentType.objects.get_for_model(Article)


def kind_of(topic) -> Kind:
    """The coverage kind of a tag, person, party or place."""
    return KIND_OF_MODEL[type(topic)]


# --- Keeping the rows in step ---------------------------------------------------------


def refresh(article_ids: Iterable[int]) -> None:
    """Rebuild the coverage rows of these stories from their tags, links, authors, categories.

    Nine queries whatever the number of stories: which are published, one delete,
    one read per link table (people, parties, places, authors, categories) and one for
    tags, one insert.
    """
    ids = set(article_ids)
    if not ids:
        return
    published = dict(
        Article.objects.filter(
            pk__in=ids, status=Article.Status.PUBLISHED, published_at__isnull=False
        ).values_list("pk", "published_at")
    )
    Coverage.objects.filter(article_id__in=ids).delete()
    if not published:
        return
    rows = [
        Coverage(
            article_id=article_id,
            kind=kind,
            object_id=object_id,
            published_at=published[article_id],
            mentions=mentions,
        )
        for kind, (model, field) in ENTITY_LINKS.items()
        for article_id, object_id, mentions in model.objects.filter(
            article_id__in=published
        ).values_list("article_id", field, "mentions")
    ]
    rows += [
        Coverage(
            article_id=article_id,
            kind=kind,
            object_id=object_id,
            published_at=published[article_id],
        )
        for kind, (model, field) in PLAIN_LINKS.items()
        for article_id, object_id in model.objects.filter(article_id__in=published).values_list(
            "article_id", field
        )
    ]
    rows += [
        Coverage(
            article_id=article_id,
            kind=Kind.TAG,
            object_id=tag_id,
            published_at=published[article_id],
        )
        for article_id, tag_id in TaggedItem.objects.filter(
            content_type=article_type(), object_id__in=published
        ).values_list("object_id", "tag_id")
    ]
    Coverage.objects.bulk_create(rows, batch_size=500)


def story_changed(article_id: int) -> None:
    """A story's tags, links, status or time changed: refresh it now, or at the batch's end."""
    pending = getattr(_pending, "ids", None)
    if pending is None:
        refresh([article_id])
    else:
        pending.add(article_id)


@contextmanager
def batched():
    """Refresh each story changed inside the block once, as it ends (not if it raises).

    Use it inside the transaction that makes the changes, so the refresh commits or
    rolls back with them. Nested blocks join the outermost one.
    """
    if getattr(_pending, "ids", None) is not None:
        yield
        return
    _pending.ids = set()
    try:
        yield
        changed = _pending.ids
    finally:
        _pending.ids = None
    refresh(changed)


def rebuild_all(*, chunk: int = 1000) -> int:
    """Rebuild every story's rows, a chunk per transaction; returns how many stories."""
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        with transaction.atomic():
            refresh(ids[start : start + chunk])
    return len(ids)


# --- Reading ---------------------------------------------------------------------------


def newest(kind: Kind, object_id: int, *, now: datetime | None = None):
    """Rows about one topic, newest first: an index range scan of `coverage_listing`."""
    return Coverage.objects.filter(
        kind=kind, object_id=object_id, published_at__lte=now or timezone.now()
    ).order_by("-published_at", "-article_id")


def mentions_between(kind: Kind, start: datetime, end: datetime):
    """Mentions per entity of `kind` in stories published in [start, end], most first.

    Reads the window's rows off the `coverage_window` index: the work grows with how
    much was published in the window, not with the archive.
    """
    return (
        Coverage.objects.filter(kind=kind, published_at__gte=start, published_at__lte=end)
        .values("object_id")
        .annotate(total=models.Sum("mentions"), stories=models.Count("pk"))
        .order_by("-total", "-stories", "object_id")
    )


def people_in_the_news(*, until: datetime, days: int, limit: int) -> list[Person]:
    """Up to `limit` people most mentioned in stories published in the `days` days to `until`.

    `until` is the newest published story's time: on a working site that is about now,
    and an archive that has gone quiet still shows who its last stories were about.
    Ranked by mentions in that window, then by the number of stories, then by name;
    each person has `mentions` and `stories`. Reads the window's coverage rows only.
    """
    ranked = mentions_between(Kind.PERSON, until - timedelta(days=days), until)[:limit]
    return _people_in_order(list(ranked))


def _people_in_order(ranked: list[dict]) -> list[Person]:
    """The people of `ranked` coverage rows, with their counts and party spells, best first."""
    people = Person.objects.with_memberships().in_bulk([row["object_id"] for row in ranked])
    found = []
    for row in ranked:
        person = people.get(row["object_id"])
        if person is not None:
            person.mentions = row["total"]
            person.stories = row["stories"]
            found.append(person)
    found.sort(key=lambda person: (-person.mentions, -person.stories, person.name))
    return found


# --- Related stories -------------------------------------------------------------------

# How much sharing each kind of topic counts for when ranking related stories.
TOPIC_WEIGHTS = {Kind.PERSON: 3, Kind.PLACE: 2, Kind.PARTY: 2, Kind.TAG: 1}
# The most topics of one story used to find candidates, and how many stories each
# contributes from either side of the story's own date.
RELATED_TOPICS = 20
RELATED_PER_TOPIC = 8


def topics_of(article: Article) -> list[tuple[Kind, int]]:
    """The story's topics, most telling first: people, places, parties (by mentions), tags.

    Reads the prefetches of `for_detail()` when they are there, so a page pays nothing.
    """
    topics = []
    for kind, links, field in (
        (Kind.PERSON, article.person_links.all(), "person_id"),
        (Kind.PLACE, article.constituency_links.all(), "constituency_id"),
        (Kind.PARTY, article.party_links.all(), "party_id"),
    ):
        ordered = sorted(links, key=lambda link: -link.mentions)
        topics += [(kind, getattr(link, field)) for link in ordered]
    topics += [(Kind.TAG, tag.pk) for tag in article.tags.all()]
    return topics[:RELATED_TOPICS]


def related_ranking(article: Article, *, now: datetime, limit: int) -> list[int]:
    """Ids of up to `limit` stories sharing most with `article`, best first.

    Candidates are, for each of the story's topics, the RELATED_PER_TOPIC stories
    published just before it and just after it (up to now): short scans of the
    `coverage_listing` index, so the set is bounded whatever the size of the archive.
    Each candidate scores the TOPIC_WEIGHTS of every topic it shares with the story,
    read through the unique (article, kind, object_id) index; ties go to the newer
    story.
    One query, written as SQL because composing it from querysets would cost more
    than running it.
    """
    topics = topics_of(article)
    if not topics:
        return []
    adapt = connections[Coverage.objects.db].ops.adapt_datetimefield_value
    around, now = adapt(min(article.published_at or now, now)), adapt(now)
    arms, params = [], []
    for number, (kind, object_id) in enumerate(topics):
        arms += [
            f"SELECT article_id FROM (SELECT article_id FROM {TABLE} WHERE kind = %s "
            "AND object_id = %s AND published_at <= %s "
            f"ORDER BY published_at DESC LIMIT %s) AS before{number}",
            f"SELECT article_id FROM (SELECT article_id FROM {TABLE} WHERE kind = %s "
            "AND object_id = %s AND published_at > %s AND published_at <= %s "
            f"ORDER BY published_at LIMIT %s) AS after{number}",
        ]
        params += [str(kind), object_id, around, RELATED_PER_TOPIC]
        params += [str(kind), object_id, around, now, RELATED_PER_TOPIC]
    shared = " OR ".join(["(kind = %s AND object_id = %s)"] * len(topics))
    weights = " ".join(f"WHEN '{kind}' THEN {weight}" for kind, weight in TOPIC_WEIGHTS.items())
    # Shared topics are scored in the SELECT, not filtered in the WHERE: the candidates'
    # own rows are then read through the index that starts with their id, a bounded
    # read, where a filter on the topics invites reading every story about each.
    sql = (
        f"SELECT article_id FROM {TABLE} "
        f"WHERE article_id IN ({' UNION '.join(arms)}) AND article_id <> %s "
        f"GROUP BY article_id "
        f"ORDER BY SUM(CASE WHEN {shared} THEN CASE kind {weights} ELSE 1 END ELSE 0 END) DESC, "
        f"MAX(published_at) DESC, article_id DESC LIMIT %s"
    )
    params.append(article.pk or 0)
    for kind, object_id in topics:
        params += [str(kind), object_id]
    params.append(limit)
    with connections[Coverage.objects.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
