"""Factories for the models the tests make: valid objects with sensible defaults.

The `make_*` functions are the short forms most tests call, with the name first.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import factory
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils.text import slugify
from factory.django import DjangoModelFactory, Password

from articles.models import Article, Section
from people.models import Constituency, Party, PartyMembership, Person

LONDON = ZoneInfo("Europe/London")


def london(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def _slug_of_name(obj) -> str:
    return obj.name.lower().replace(" ", "-")


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = "News"
    slug = factory.LazyAttribute(_slug_of_name)


class ArticleFactory(DjangoModelFactory):
    """A published article unless told otherwise; `tags=[...]` tags it."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Story number {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    standfirst = "A standfirst."
    body = "A paragraph of body text."
    status = Article.Status.PUBLISHED
    published_at = london(2024, 5, 1)
    section = factory.SubFactory(SectionFactory)

    @factory.post_generation
    def tags(article, create, extracted, **kwargs):
        if extracted:
            article.tags.add(*extracted)


class DraftArticleFactory(ArticleFactory):
    """Not yet published, nor given a publication time; `status=` moves it along."""

    status = Article.Status.DRAFT
    published_at = None


class SecretDraftFactory(DraftArticleFactory):
    """A draft whose title and body a page must not leak to readers."""

    title = "Secret budget draft"
    body = "The unpublished figures."


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.LazyAttribute(_slug_of_name)


class PartyFactory(DjangoModelFactory):
    class Meta:
        model = Party

    name = factory.Sequence(lambda n: f"Party {n}")
    slug = factory.LazyAttribute(_slug_of_name)


class ConstituencyFactory(DjangoModelFactory):
    class Meta:
        model = Constituency

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.LazyAttribute(_slug_of_name)
    kind = Constituency.Kind.WESTMINSTER


class PartyMembershipFactory(DjangoModelFactory):
    class Meta:
        model = PartyMembership

    person = factory.SubFactory(PersonFactory)
    party = factory.SubFactory(PartyFactory)


class StaffFactory(DjangoModelFactory):
    """A staff user; `group="Editor"` puts them in one of the groups migration 0004 makes."""

    class Meta:
        model = settings.AUTH_USER_MODEL
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    password = Password("not-used")
    is_staff = True

    @factory.post_generation
    def group(user, create, extracted, **kwargs):
        if extracted:
            user.groups.add(Group.objects.get(name=extracted))


def make_section(name: str = "News", slug: str | None = None) -> Section:
    return SectionFactory(name=name, **({"slug": slug} if slug else {}))


def make_article(**fields) -> Article:
    return ArticleFactory(**fields)


def make_many_published(count: int, *, section, title: str, published_at) -> None:
    """`count` published stories in one insert, for tests of archive size: "{n}" in `title`
    numbers each (its slug too); `published_at` is a time, or a function of the number."""
    when = published_at if callable(published_at) else (lambda number: published_at)
    Article.objects.bulk_create(
        Article(
            title=title.format(n=number),
            slug=slugify(title.format(n=number)),
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=when(number),
        )
        for number in range(count)
    )


def make_person(name: str, **fields) -> Person:
    return PersonFactory(name=name, **fields)


def make_party(name: str, **fields) -> Party:
    return PartyFactory(name=name, **fields)


def make_constituency(name: str, kind=Constituency.Kind.WESTMINSTER, **fields) -> Constituency:
    return ConstituencyFactory(name=name, kind=kind, **fields)


# --- Political facts and rights of reply (models named by label: no imports to add) ---


class PostHeldFactory(DjangoModelFactory):
    """An MP for a seat unless told otherwise."""

    class Meta:
        model = "people.PostHeld"

    person = factory.SubFactory(PersonFactory)
    kind = "mp"
    place = factory.SubFactory(ConstituencyFactory)


class ElectionFactory(DjangoModelFactory):
    """The 2024 general election in a seat of its own."""

    class Meta:
        model = "people.Election"

    kind = "general"
    date = london(2024, 7, 4).date()
    place = factory.SubFactory(ConstituencyFactory)
    slug = factory.Sequence(lambda n: f"election-{n}")


class CandidacyFactory(DjangoModelFactory):
    class Meta:
        model = "people.Candidacy"

    election = factory.SubFactory(ElectionFactory)
    person = factory.SubFactory(PersonFactory)
    party = factory.SubFactory(PartyFactory)


class ClaimFactory(DjangoModelFactory):
    class Meta:
        model = "people.Claim"

    person = factory.SubFactory(PersonFactory)
    statement = "in talks to defect"
    claimed_by = "A rival"


class ReplyRequestFactory(DjangoModelFactory):
    """LBC was asked and had not replied, unless told otherwise."""

    class Meta:
        model = "articles.ReplyRequest"

    article = factory.SubFactory(ArticleFactory)
    organisation = "LBC"


# --- Authors and categories ---


def make_category(name: str, slug: str | None = None):
    from articles.models import Category

    return Category.objects.create(name=name, slug=slug or name.lower().replace(" ", "-"))


def make_bylined(byline: str, **fields) -> Article:
    """A published story with this byline; its save reads its authors from it."""
    return make_article(byline=byline, **fields)
