"""The admin as an editor uses it: every page loads, and link edits are the editor's."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from articles.models import (
    Article,
    ArticleConstituency,
    ArticleParty,
    ArticlePerson,
    Category,
    EntityLink,
    Picture,
    Section,
)
from people.models import Constituency, Party, PartyMembership, Person
from tests.factories import make_article, make_constituency, make_party, make_person, make_section
from tests.helpers import add_inline_row, admin_form_data, inline_formset, link

pytestmark = pytest.mark.django_db

REGISTERED_MODELS = [
    Section,
    Category,
    Article,
    Picture,
    Person,
    Party,
    Constituency,
    PartyMembership,
]


def admin_url(model, action: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.fixture
def one_of_everything():
    """A saved instance of every registered model, by model."""
    article = make_article(tags=["council"])
    category = Category.objects.create(name="Local elections", slug="local-elections")
    article.categories.add(category)
    person = make_person("Ali Hassan Ali")
    party = make_party("Labour Party", slug="labour")
    borough = make_constituency("Camden", kind=Constituency.Kind.LOCAL_AUTHORITY)
    ward = make_constituency("West Hampstead", kind=Constituency.Kind.WARD, parent=borough)
    link(article, person, party, ward)
    return {
        Section: article.section,
        Category: category,
        Article: article,
        Picture: Picture.objects.create(article=article, caption="At the count"),
        Person: person,
        Party: party,
        Constituency: ward,
        PartyMembership: PartyMembership.objects.create(person=person, party=party),
    }


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda m: m.__name__)
def test_every_model_is_registered(model):
    assert admin.site.is_registered(model)


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda m: m.__name__)
def test_the_changelist_add_and_change_pages_load(admin_client, one_of_everything, model):
    obj = one_of_everything[model]

    for url in [
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
    ]:
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("model", "filters"),
    [
        (Article, {"status__exact": "published", "links_curated__exact": "0"}),
        (Constituency, {"kind__exact": "ward"}),
        (Picture, {"file__isempty": "1"}),
        (Person, {"q": "Ali"}),
        (Party, {"q": "Labour"}),
        (PartyMembership, {"q": "Ali"}),
    ],
)
def test_filtered_and_searched_changelists_load(admin_client, one_of_everything, model, filters):
    response = admin_client.get(admin_url(model, "changelist"), filters)

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_the_article_changelist_searches_headline_standfirst_and_body(admin_client):
    make_article(title="Tory quits candidate role")
    make_article(standfirst="Claim and counter claim")
    make_article(body="The group chat has been warfare.")
    make_article(title="Budget passes")

    def titles(query):
        response = admin_client.get(admin_url(Article, "changelist"), {"q": query})
        return {article.title for article in response.context["cl"].result_list}

    assert titles("quits") == {"Tory quits candidate role"}
    assert len(titles("counter claim")) == 1
    assert len(titles("warfare")) == 1
    assert titles("budget") == {"Budget passes"}


def test_people_search_matches_aliases_for_the_link_autocomplete(admin_client):
    make_person("Oliver Cooper", aliases=["Cllr Cooper"])

    response = admin_client.get(admin_url(Person, "changelist"), {"q": "Cllr"})

    assert [person.name for person in response.context["cl"].result_list] == ["Oliver Cooper"]


def test_view_on_site_goes_to_the_live_page_for_a_live_story(admin_client):
    article = make_article()

    change_page = admin_client.get(admin_url(Article, "change", article.pk))

    assert f'href="{article.get_absolute_url()}"' in change_page.content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_view_on_site_goes_to_the_staff_preview_for_a_story_not_live(admin_client, fields):
    article = make_article(**fields)

    change_page = admin_client.get(admin_url(Article, "change", article.pk))

    content = change_page.content.decode()
    assert f'href="{reverse("articles:preview", args=[article.pk])}"' in content
    assert article.get_absolute_url() not in content


@pytest.fixture
def linked_article():
    # The text names every entity linked, as the linker would have found them: saving
    # the story runs the linker again.
    article = make_article(
        tags=["council", "election"],
        byline="Isabelle Stanley",
        body="Ali Hassan Ali and Oliver Cooper of the Conservative Party in West Hampstead.",
    )
    article.categories.add(Category.objects.create(name="Local", slug="local"))
    Picture.objects.create(article=article, position=1, caption="Lead", is_featured=True)
    link(
        article,
        make_person("Ali Hassan Ali"),
        make_person("Oliver Cooper"),
        make_party("Conservative Party", slug="conservatives"),
        make_constituency("West Hampstead", kind=Constituency.Kind.WARD),
    )
    return article


def test_saving_the_article_unchanged_leaves_the_links_to_the_importer(
    admin_client, linked_article
):
    url = admin_url(Article, "change", linked_article.pk)
    data = admin_form_data(admin_client.get(url))

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    linked_article.refresh_from_db()
    assert not linked_article.links_curated
    assert set(ArticlePerson.objects.values_list("origin", flat=True)) == {"auto"}
    assert sorted(linked_article.tags.names()) == ["council", "election"]
    assert linked_article.categories.count() == 1


def test_removing_a_link_in_the_admin_marks_the_links_curated(admin_client, linked_article):
    url = admin_url(Article, "change", linked_article.pk)
    page = admin_client.get(url)
    data = admin_form_data(page)
    people = inline_formset(page, ArticlePerson)
    removed = people.forms[0].instance.person
    data[f"{people.prefix}-0-DELETE"] = "on"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    linked_article.refresh_from_db()
    assert linked_article.links_curated
    assert removed not in linked_article.people.all()
    assert linked_article.people.count() == 1
    # The untouched links stay as the linker made them.
    assert set(ArticlePerson.objects.values_list("origin", flat=True)) == {"auto"}
    assert ArticleParty.objects.get().origin == EntityLink.Origin.AUTOMATIC


def test_adding_a_link_in_the_admin_marks_it_the_editors(admin_client, linked_article):
    camden = make_constituency("Camden", kind=Constituency.Kind.LOCAL_AUTHORITY)
    url = admin_url(Article, "change", linked_article.pk)
    page = admin_client.get(url)
    data = admin_form_data(page)
    add_inline_row(data, inline_formset(page, ArticleConstituency), constituency=camden.pk)

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    linked_article.refresh_from_db()
    assert linked_article.links_curated
    added = ArticleConstituency.objects.get(constituency=camden)
    assert added.origin == EntityLink.Origin.EDITOR
    assert ArticleConstituency.objects.get(constituency__slug="west-hampstead").origin == "auto"


def test_changing_a_link_in_the_admin_marks_that_row_the_editors(admin_client, linked_article):
    url = admin_url(Article, "change", linked_article.pk)
    page = admin_client.get(url)
    data = admin_form_data(page)
    parties = inline_formset(page, ArticleParty)
    data[f"{parties.prefix}-0-mentions"] = "5"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    linked_article.refresh_from_db()
    assert linked_article.links_curated
    party_link = ArticleParty.objects.get()
    assert (party_link.mentions, party_link.origin) == (5, EntityLink.Origin.EDITOR)


def test_an_editor_can_add_an_article_with_a_link(admin_client):
    section = make_section()
    person = make_person("Oliver Cooper")
    url = admin_url(Article, "add")
    page = admin_client.get(url)
    data = admin_form_data(page)
    data.update(
        title="New story",
        slug="new-story",
        section=str(section.pk),
        status=Article.Status.DRAFT,
    )
    add_inline_row(data, inline_formset(page, ArticlePerson), person=person.pk, mentions=1)

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get(slug="new-story")
    assert article.links_curated
    assert article.person_links.get().origin == EntityLink.Origin.EDITOR


def test_two_featured_pictures_are_a_form_error_not_a_crash(admin_client, linked_article):
    url = admin_url(Article, "change", linked_article.pk)
    page = admin_client.get(url)
    data = admin_form_data(page)
    add_inline_row(
        data, inline_formset(page, Picture), position=2, caption="Second", is_featured="on"
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Only one picture can be featured." in response.content.decode()
    assert linked_article.pictures.count() == 1


@pytest.mark.parametrize(
    ("source", "field_name", "term", "expected"),
    [
        (ArticlePerson, "person", "Ali", "Ali Hassan Ali"),
        (ArticleParty, "party", "Lab", "Labour Party"),
        (ArticleConstituency, "constituency", "West", "West Hampstead"),
    ],
)
def test_the_link_inlines_autocomplete_entities(
    admin_client, one_of_everything, source, field_name, term, expected
):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": source._meta.app_label,
            "model_name": source._meta.model_name,
            "field_name": field_name,
            "term": term,
        },
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == [expected]
