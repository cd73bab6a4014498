"""A tag named "!!!" or "🔥" has a page, and the pages that list it still work.

taggit slugifies a tag's name, and some names slugify to nothing; the story page and
/sitemap-tags.xml then failed to build the tag's address. `articles.tags` gives every
tag a usable slug, and migration 0007 gave one to tags stored without.
"""

import importlib
import re
from xml.etree import ElementTree

import pytest
from django.apps import apps
from django.urls import reverse
from taggit.models import Tag

from articles.tags import fallback_slugs
from tests.factories import make_article

pytestmark = pytest.mark.django_db

FALLBACK = re.compile(r"tag-[0-9a-f]{8}")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize("name", ["!!!", "🔥", "—", "???", " - "])
def test_a_tag_whose_name_makes_no_slug_gets_one(name):
    tag = Tag.objects.create(name=name)

    assert FALLBACK.fullmatch(tag.slug)
    assert Tag.objects.get(pk=tag.pk).slug == tag.slug


def test_such_slugs_are_unique_and_always_the_same_for_the_same_name():
    fire, shout = Tag.objects.create(name="🔥"), Tag.objects.create(name="!!!")
    first = fire.slug
    fire.delete()

    assert shout.slug != first
    assert Tag.objects.create(name="🔥").slug == first


def test_a_taken_slug_gives_way_to_a_longer_hash():
    short, longer, _ = fallback_slugs("🔥")
    Tag.objects.create(name="squatter", slug=short)

    assert Tag.objects.create(name="🔥").slug == longer


def test_tags_with_ordinary_names_keep_taggits_slugs():
    assert Tag.objects.create(name="Council Tax").slug == "council-tax"
    assert Tag.objects.create(name="Café").slug == "café"


def test_a_name_that_slugifies_longer_than_the_column_is_cut_to_fit():
    # "ﷺ" is one character that Unicode normalisation turns into eighteen.
    tag = Tag.objects.create(name="ﷺ" * 50)

    assert 0 < len(tag.slug) <= Tag._meta.get_field("slug").max_length
    assert Tag.objects.get(slug=tag.slug) == tag


def test_the_story_page_tag_page_and_sitemap_work_for_an_emoji_tag(client):
    article = make_article(tags=["🔥", "!!!", "council"])
    slugs = dict(Tag.objects.values_list("name", "slug"))

    story = client.get(article.get_absolute_url())
    assert story.status_code == 200
    for name in ("🔥", "!!!"):
        tag_page = reverse("articles:tag", args=[slugs[name]])
        assert f'href="{tag_page}"' in story.content.decode()
        assert client.get(tag_page).status_code == 200
        assert client.get(reverse("feeds:tag_rss", args=[slugs[name]])).status_code == 200

    sitemap = client.get(reverse("sitemaps:section", kwargs={"section": "tags"}))
    assert sitemap.status_code == 200
    locations = [loc.text for loc in ElementTree.fromstring(sitemap.content).iter(f"{SITEMAP}loc")]
    assert len(locations) == 3


def test_the_migration_gives_tags_stored_without_a_slug_one(client):
    article = make_article(tags=["🔥", "council"])
    # As taggit stored the first such tag before the rule (slugs are unique: only one).
    Tag.objects.filter(name="🔥").update(slug="")
    migration = importlib.import_module("articles.migrations.0007_tag_slugs")

    migration.give_empty_slugs_a_value(apps, schema_editor=None)

    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert slugs == {"🔥": next(fallback_slugs("🔥")), "council": "council"}
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(reverse("sitemaps:section", kwargs={"section": "tags"})).status_code == 200
