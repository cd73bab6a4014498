"""Facts about people cite stories by key; this turns keys into stories and back.

`people` knows nothing of stories (the import contract), so a fact's `source` holds a
citation key: the file an imported story came from (its `source_name`, which is how
the reviewed reference file names its sources), or ``story:<id>`` for a story written
in the admin. Only this module reads or writes those keys.
"""

from dataclasses import dataclass

from django.db import models

from .models import Article

STORY_PREFIX = "story:"


def citation_key(article: Article) -> str:
    """The key a fact stores to cite `article`."""
    return article.source_name or f"{STORY_PREFIX}{article.pk}"


def story_id_in(key: str) -> int | None:
    """The story id a ``story:<id>`` key names, or None for any other key."""
    if not key.startswith(STORY_PREFIX):
        return None
    digits = key[len(STORY_PREFIX) :]
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) < 19 else None


@dataclass(frozen=True)
class CitedStory:
    pk: int
    title: str
    url: str


def cited_stories(keys, stories: models.QuerySet | None = None) -> dict[str, CitedStory]:
    """The stories `keys` cite, by key, in one query however many keys.

    `stories` limits where to look: readers' pages pass `Article.objects.published()`, so a
    fact cited from a draft shows no link. Keys that name no story are left out.
    """
    keys = {key for key in keys if key}
    if not keys:
        return {}
    stories = Article.objects.all() if stories is None else stories
    ids = {pk for key in keys if (pk := story_id_in(key)) is not None}
    names = {key for key in keys if story_id_in(key) is None}
    # Named files are read through the partial unique index on named sources, whose
    # condition is repeated so both databases can use it; unordered, so SQLite does not
    # walk every published story in date order instead.
    named = models.Q(source_name__in=names - {""}) & ~models.Q(source_name="")
    found = (
        stories.filter(models.Q(pk__in=ids) | named)
        .order_by()
        .only("pk", "title", "slug", "source_name")
    )
    cited = {}
    for story in found:
        story_ref = CitedStory(story.pk, story.title, story.get_absolute_url())
        if story.pk in ids:
            cited[f"{STORY_PREFIX}{story.pk}"] = story_ref
        if story.source_name in names:
            cited[story.source_name] = story_ref
    return cited
