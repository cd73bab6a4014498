"""Saving a story in the admin links it to the people, parties and places it names.

The linker runs on every save, as an import runs it; links anyone changed in the admin
are theirs and are never undone by it. The reference data (fixtures/entities.yaml)
supplies the people, parties and places.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles import linking_cache
from articles.models import Article, ArticlePerson, EntityLink
from people.models import Person
from tests.factories import make_person, make_section
from tests.helpers import add_inline_row, admin_form_data, inline_formset
from tests.workflow.helpers import admin_url

pytestmark = pytest.mark.django_db

Status = Article.Status
AUTOMATIC = EntityLink.Origin.AUTOMATIC
EDITOR = EntityLink.Origin.EDITOR

BODY = (
    "Rushanara Ali, the Labour MP, said the borough deserved better. "
    "Lutfur Rahman, the Aspire mayor of Tower Hamlets, disagreed.\n\n"
    "Ms Ali said she would keep asking."
)


@pytest.fixture(autouse=True)
def reference_data():
    call_command("load_reference", stdout=StringIO())


def slugs(article: Article) -> dict[str, set[str]]:
    return {
        "people": set(article.people.values_list("slug", flat=True)),
        "parties": set(article.parties.values_list("slug", flat=True)),
        "places": set(article.constituencies.values_list("slug", flat=True)),
    }


def origins(article: Article) -> dict[str, str]:
    return dict(article.person_links.values_list("person__slug", "origin"))


def file_story(client, **changes) -> Article:
    """A new story through the admin's add page, as a reporter's browser posts it."""
    data = admin_form_data(client.get(admin_url("add")))
    data.update(
        title="Tower Hamlets budget row",
        slug="tower-hamlets-budget-row",
        section=str(make_section().pk),
        body=BODY,
        **changes,
    )
    response = client.post(admin_url("add"), data)
    assert response.status_code == 302, response.context["errors"]
    return Article.objects.get(slug="tower-hamlets-budget-row")


def save(client, article: Article, edit=None, **changes) -> None:
    """The change page posted back with `changes`; `edit(page, data)` may touch inlines."""
    page = client.get(admin_url("change", article.pk))
    data = admin_form_data(page)
    data.update(changes)
    if edit:
        edit(page, data)
    response = client.post(admin_url("change", article.pk), data)
    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()


def remove_person(slug: str):
    def edit(page, data):
        people = inline_formset(page, ArticlePerson)
        (index,) = [i for i, form in enumerate(people.forms) if form.instance.person.slug == slug]
        data[f"{people.prefix}-{index}-DELETE"] = "on"

    return edit


def add_person(person: Person):
    def edit(page, data):
        add_inline_row(data, inline_formset(page, ArticlePerson), person=person.pk, mentions=1)

    return edit


# Saving links the story.


def test_a_reporters_new_draft_is_linked_to_the_people_parties_and_places_it_names(
    reporter_client,
):
    article = file_story(reporter_client)

    assert article.status == Status.DRAFT
    assert slugs(article) == {
        "people": {"rushanara-ali", "lutfur-rahman"},
        "parties": {"labour", "aspire"},
        "places": {"tower-hamlets"},
    }
    assert origins(article) == {"rushanara-ali": AUTOMATIC, "lutfur-rahman": AUTOMATIC}
    # "Ms Ali" counts once Rushanara Ali has been named in full.
    assert article.person_links.get(person__slug="rushanara-ali").mentions == 2
    assert not article.links_curated


def test_each_save_relinks_the_story_as_it_now_reads(reporter_client):
    article = file_story(reporter_client)

    save(
        reporter_client,
        article,
        title="Budget row",
        body="Rushanara Ali, the Labour MP, met John Biggs.",
        status=Status.REVIEW,
    )

    assert article.status == Status.REVIEW
    assert slugs(article)["people"] == {"rushanara-ali", "john-biggs"}
    assert slugs(article)["places"] == set()
    assert not article.links_curated


# Links changed in the admin are the editor's.


def test_a_link_an_editor_removed_stays_removed_on_later_saves(reporter_client, editor_client):
    article = file_story(reporter_client)

    save(editor_client, article, edit=remove_person("lutfur-rahman"))
    save(editor_client, article, body=BODY + "\n\nLutfur Rahman did not reply.")

    assert article.links_curated
    assert slugs(article)["people"] == {"rushanara-ali"}
    assert origins(article) == {"rushanara-ali": AUTOMATIC}


def test_an_editors_link_survives_a_save_that_does_not_name_the_person(
    reporter_client, editor_client
):
    article = file_story(reporter_client)
    biggs = Person.objects.get(slug="john-biggs")

    save(editor_client, article, edit=add_person(biggs))
    save(editor_client, article, body="Rushanara Ali spoke.")

    assert origins(article) == {
        "rushanara-ali": AUTOMATIC,
        "lutfur-rahman": AUTOMATIC,
        "john-biggs": EDITOR,
    }


def test_a_new_story_is_linked_around_the_links_its_writer_added(reporter_client):
    biggs = Person.objects.get(slug="john-biggs")
    page = reporter_client.get(admin_url("add"))
    data = admin_form_data(page)
    data.update(
        title="Tower Hamlets budget row",
        slug="tower-hamlets-budget-row",
        section=str(make_section().pk),
        body=BODY,
    )
    add_inline_row(data, inline_formset(page, ArticlePerson), person=biggs.pk, mentions=1)

    response = reporter_client.post(admin_url("add"), data)

    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get(slug="tower-hamlets-budget-row")
    assert origins(article) == {
        "rushanara-ali": AUTOMATIC,
        "lutfur-rahman": AUTOMATIC,
        "john-biggs": EDITOR,
    }
    assert article.links_curated


def test_the_change_page_says_truthfully_where_each_link_came_from(reporter_client):
    article = file_story(reporter_client)
    save(reporter_client, article, edit=add_person(Person.objects.get(slug="john-biggs")))

    page = reporter_client.get(admin_url("change", article.pk)).content.decode()

    assert "Found by the linker" in page
    assert "Added or confirmed in the admin" in page
    assert "Added by an editor" not in page


# Published, the links show to readers.


def test_the_published_story_shows_its_entities_and_appears_on_the_persons_page(
    reporter_client, editor_client
):
    article = file_story(reporter_client)
    now = timezone.localtime(timezone.now())
    save(
        editor_client,
        article,
        status=Status.PUBLISHED,
        published_at_0=f"{now:%d/%m/%Y}",
        published_at_1=f"{now:%H:%M:%S}",
    )
    assert article.is_live

    story = editor_client.get(article.get_absolute_url()).content.decode()
    person_page = editor_client.get(
        reverse("people:person", args=["rushanara-ali"])
    ).content.decode()

    assert "People, parties and places in this story" in story
    assert reverse("people:person", args=["lutfur-rahman"]) in story
    assert reverse("people:constituency", args=["tower-hamlets"]) in story
    assert article.title in person_page
    assert article.get_absolute_url() in person_page


# The linker is built once and rebuilt when the entities change.


def test_the_linker_is_reused_until_a_person_is_added():
    first = linking_cache.current_linker()
    assert linking_cache.current_linker() is first

    make_person("Nadia Okafor")
    rebuilt = linking_cache.current_linker()

    assert rebuilt is not first
    assert rebuilt.find_mentions("Nadia Okafor spoke.").people


def test_the_linker_is_rebuilt_when_a_persons_aliases_change():
    person = Person.objects.get(slug="rushanara-ali")
    linking_cache.current_linker()

    person.aliases = [*person.aliases, "Ms Rushanara"]
    person.save()

    found = linking_cache.current_linker().find_mentions("Ms Rushanara spoke.").people
    assert found == {person.pk: 1}


def test_saving_a_story_costs_the_same_however_many_people_are_known(
    reporter_client, django_assert_max_num_queries
):
    article = file_story(reporter_client)
    page = reporter_client.get(admin_url("change", article.pk))
    data = admin_form_data(page)
    linking_cache.current_linker()
    for number in range(30):
        make_person(f"Extra Person{number}")
    linking_cache.current_linker()  # the new people are compiled in once, not per save

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = reporter_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 302, response.context["errors"]


# The change page's own save (form, seven inlines, tags, revision) is 74 queries, 4 of them
# for the revision's rights of reply (read by the form, the revision and reversion); linking
# adds 9: the linker's version, the pictures' captions, three link tables read, the
# coverage refresh; suggesting names (`articles.suggestions`) 2 or 3: the captions again,
# stale pending suggestions deleted, any new ones inserted. None of it grows with the
# number of people, parties or places.
QUERY_BUDGET = 86
