"""What django-reversion versions is declared once, in articles.revisions, whatever loads first."""

import pytest
import reversion
from django.contrib.contenttypes.models import ContentType
from reversion.models import Version
from taggit.models import TaggedItem

from articles import revisions
from articles.models import (
    Article,
    ArticleConstituency,
    ArticleNote,
    ArticleParty,
    ArticlePerson,
    ArticleSlug,
    Picture,
    PreviewLink,
    ReplyRequest,
)
from tests.factories import make_article

pytestmark = pytest.mark.django_db

VERSIONED = {
    Article,
    Picture,
    ArticlePerson,
    ArticleParty,
    ArticleConstituency,
    TaggedItem,
    ArticleNote,
    ReplyRequest,
}


def versioned_types(article: Article) -> set[type]:
    revision = Version.objects.get_for_object(article).get().revision
    return {
        ContentType.objects.get_for_id(version.content_type_id).model_class()
        for version in revision.version_set.all()
    }


def save_story_with_history() -> Article:
    """A story whose save also writes a share link and an old address, in one revision."""
    article = make_article(slug="before", status=Article.Status.DRAFT, published_at=None)
    article = Article.objects.get(pk=article.pk)
    with reversion.create_revision():
        article.slug = "after"
        article.save()
        PreviewLink.objects.create(article=article, note="Legal read")
    return article


def test_share_links_and_old_addresses_are_history_of_their_own_not_versions():
    assert {model for model in VERSIONED if reversion.is_registered(model)} == VERSIONED
    assert not reversion.is_registered(PreviewLink)
    assert not reversion.is_registered(ArticleSlug)

    article = save_story_with_history()

    assert ArticleSlug.objects.filter(article=article, slug="before").exists()
    assert versioned_types(article) == {Article}


def test_register_replaces_a_registration_guessed_by_someone_else():
    # What VersionAdmin does with a model it finds unregistered: follow its inlines.
    for model in [Article, *VERSIONED - {Article}]:
        reversion.unregister(model)
    reversion.register(PreviewLink)
    reversion.register(ArticleSlug)
    reversion.register(Article, follow=["preview_links", "old_slugs"])
    try:
        revisions.register()

        assert not reversion.is_registered(PreviewLink)
        assert not reversion.is_registered(ArticleSlug)
        article = save_story_with_history()
        assert versioned_types(article) == {Article}
        assert "tags" not in Version.objects.get_for_object(article).get().field_dict
    finally:
        revisions.register()


def test_registering_twice_changes_nothing():
    revisions.register()
    revisions.register()

    article = make_article(status=Article.Status.DRAFT, published_at=None, tags=["council"])
    with reversion.create_revision():
        Article.objects.get(pk=article.pk).save()

    assert versioned_types(article) == {Article, TaggedItem}
