"""Every tag has a slug its page can live at, whatever its name.

taggit makes a tag's slug from its name, and a name of only punctuation or emoji
("!!!", "🔥") gives none: the story page and the tags sitemap then failed to build the
tag's address. A `pre_save` receiver, connected from ArticlesConfig.ready(), gives such a
tag "tag-" and a short hash of its name (a longer one in the rare case that is taken),
and cuts a slug longer than its column, which a name can grow into when slugified, to
fit. Migration 0007 gave tags stored before this rule their slugs.
"""

import hashlib
from collections.abc import Iterator

from django.db.models.signals import pre_save
from taggit.models import Tag

FALLBACK_PREFIX = "tag-"
HASH_LENGTHS = (8, 16, 64)


def connect() -> None:
    pre_save.connect(give_tag_a_slug, sender=Tag, dispatch_uid="articles.tag_slug")


def give_tag_a_slug(sender, instance: Tag, **kwargs) -> None:
    """A usable, unique slug for a tag whose slug is empty or too long: a query or two."""
    max_length = Tag._meta.get_field("slug").max_length
    if instance.slug and len(instance.slug) <= max_length:
        return
    cut = instance.slug[:max_length].strip("-_")
    candidates = [cut] if cut else []
    candidates += fallback_slugs(instance.name)
    others = Tag.objects.exclude(pk=instance.pk)
    free = (slug for slug in candidates if not others.filter(slug=slug).exists())
    instance.slug = next(free, candidates[-1])


def fallback_slugs(name: str) -> Iterator[str]:
    """ "tag-" and a hash of the name, short first: the same name always gets the same slug."""
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()
    return (FALLBACK_PREFIX + digest[:length] for length in HASH_LENGTHS)
