"""Right of reply in the admin: entered on the story, listed on the person asked."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.formats import date_format

from articles.models import Article, ReplyRequest
from people.models import Person
from tests.factories import StaffFactory, make_article, make_person
from tests.helpers import add_inline_row, admin_form_data, inline_formset
from tests.workflow.helpers import logged_in

pytestmark = pytest.mark.django_db


def admin_url(model, action: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def add_reply(client, article, **row):
    url = admin_url(Article, "change", article.pk)
    page = client.get(url)
    data = admin_form_data(page)
    add_inline_row(data, inline_formset(page, ReplyRequest), **row)
    return client.post(url, data)


def test_an_editor_records_a_right_of_reply_on_the_story(admin_client):
    story = make_article(title="Council tax rises")
    person = make_person("Lutfur Rahman")

    response = add_reply(
        admin_client,
        story,
        person=person.pk,
        asked_on="2024-06-25",
        outcome=ReplyRequest.Outcome.AWAITING,
        statement="We have reached out to Mr Rahman, who has not returned our calls.",
    )

    assert response.status_code == 302, response.context["errors"]
    reply = story.reply_requests.get()
    assert (reply.person, reply.asked_on, reply.outcome) == (
        person,
        datetime.date(2024, 6, 25),
        ReplyRequest.Outcome.AWAITING,
    )


def test_an_organisation_not_on_file_can_be_asked(admin_client):
    story = make_article()

    response = add_reply(
        admin_client, story, person="", organisation="LBC", outcome=ReplyRequest.Outcome.DECLINED
    )

    assert response.status_code == 302, response.context["errors"]
    assert story.reply_requests.get().asked_name == "LBC"


def test_a_reply_naming_nobody_is_refused(admin_client):
    story = make_article()

    response = add_reply(admin_client, story, person="", organisation="  ", statement="Asked.")

    assert response.status_code == 200
    assert "Say who was asked: a person on file or an organisation." in response.content.decode()
    assert not story.reply_requests.exists()


def test_the_person_s_page_lists_the_stories_that_asked_them(admin_client):
    person = make_person("Lutfur Rahman")
    asked = make_article(title="Mayor's <em>budget</em>")
    ReplyRequest.objects.create(
        article=asked,
        person=person,
        asked_on=datetime.date(2024, 6, 25),
        outcome=ReplyRequest.Outcome.DECLINED,
    )
    ReplyRequest.objects.create(article=make_article(title="Not about him"), organisation="LBC")

    html = admin_client.get(admin_url(Person, "change", person.pk)).content.decode()

    story_url = admin_url(Article, "change", asked.pk)
    assert (
        f'<tr><td><a href="{story_url}">Mayor&#x27;s &lt;em&gt;budget&lt;/em&gt;</a></td>'
        f"<td>{date_format(datetime.date(2024, 6, 25))}</td><td>Declined to comment</td></tr>"
    ) in html
    assert "Not about him" not in html


def test_a_reply_added_on_a_story_shows_on_the_person_s_page(admin_client):
    story = make_article(title="Council tax rises")
    person = make_person("Lutfur Rahman")
    add_reply(admin_client, story, person=person.pk, outcome=ReplyRequest.Outcome.REPLIED)

    html = admin_client.get(admin_url(Person, "change", person.pk)).content.decode()

    assert f'<a href="{admin_url(Article, "change", story.pk)}">Council tax rises</a>' in html
    assert "date not given" in html
    assert "Replied" in html


def test_a_person_never_asked_says_so(admin_client):
    person = make_person("Oona King")

    html = admin_client.get(admin_url(Person, "change", person.pk)).content.decode()

    assert "No story has asked them for comment." in html


def test_staff_who_may_not_see_rights_of_reply_are_not_shown_them(admin_client):
    person = make_person("Lutfur Rahman")
    ReplyRequest.objects.create(article=make_article(title="Secret"), person=person)
    # Staff who may read people but not rights of reply (reporters may: they record them).
    reader = StaffFactory()
    reader.user_permissions.add(Permission.objects.get(codename="view_person"))

    html = logged_in(reader).get(admin_url(Person, "change", person.pk)).content.decode()

    assert "rights of reply" not in html.lower()
    assert "Secret" not in html


def test_reporters_see_the_rights_of_reply_they_record():
    person = make_person("Lutfur Rahman")
    ReplyRequest.objects.create(article=make_article(title="Asked"), person=person)
    reporter = StaffFactory(group="Reporter")

    html = logged_in(reporter).get(admin_url(Person, "change", person.pk)).content.decode()

    assert "Asked" in html
