"""Suggested names: what the scanner finds, how suggestions are kept, and the editors' queue.

Sections mirror `articles.suggestions`: finding (each cue and each exclusion), recording
(idempotent, rejected names stay rejected, the import and admin hooks), deciding (the
three decisions, who may make them, the story's coverage) and the admin queue.
"""

import gc
from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import suggestions
from articles.importers.batches import import_batch
from articles.linking import EntityLinker
from articles.models import Article, ArticlePerson, Coverage, EntityLink, LinkSuggestion
from people.models import Person
from tests.factories import (
    DraftArticleFactory,
    make_article,
    make_constituency,
    make_party,
    make_person,
)
from tests.helpers import admin_form_data
from tests.hostile.test_linear_text import FLOOR, GROWTH, seconds
from tests.workflow.helpers import admin_url, logged_in, messages_of

pytestmark = pytest.mark.django_db

Status = LinkSuggestion.Status
EDITOR = EntityLink.Origin.EDITOR


@pytest.fixture
def known():
    make_party("Labour Party", slug="labour", aliases=["Labour"])
    make_party("Conservative Party", aliases=["Conservatives", "Tories", "Tory"])
    make_party("Green Party", common_word_aliases=["Green"])
    make_constituency("Whitechapel", kind="ward")
    make_constituency("Bethnal Green and Stepney")
    return {
        "rushanara": make_person("Rushanara Ali"),
        "hassan_ali": make_person("Ali Hassan Ali", surname="Hassan Ali"),
        "starmer": make_person("Keir Starmer", aliases=["Sir Keir Starmer"]),
    }


def names(text: str) -> list[str]:
    linker = EntityLinker.from_database()
    return [found.name for found in suggestions.find_suggestions(text, linker=linker)]


def found(text: str) -> suggestions.Found:
    (only,) = suggestions.find_suggestions(text, linker=EntityLinker.from_database())
    return only


def queue_url(suggestion=None, action="changelist") -> str:
    args = [suggestion.pk] if suggestion else []
    return admin_url(action, *args, model=LinkSuggestion)


# --- Finding: the cues ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "cue"),
    [
        ("Cllr Jane Smithson said so.", "Jane Smithson", "Cllr"),
        ("Councillor Mary O'Neill-Brown's team met.", "Mary O'Neill-Brown", "Councillor"),
        ("Then Mrs Ada Lovelock spoke.", "Ada Lovelock", "Mrs"),
        ("A grant from Dr. Amina Begum.", "Amina Begum", "Dr"),
        ("Dame Margaret Ellery opened it.", "Margaret Ellery", "Dame"),
        ("Tower Hamlets Mayor Jo Bloggs agreed.", "Jo Bloggs", "Mayor"),
        ("Daniel Okonjo MP agreed.", "Daniel Okonjo", "MP"),
        ("the Conservative councillor Peter Golds said", "Peter Golds", "Conservative councillor"),
        ("backed by independent candidate Omar Faruk.", "Omar Faruk", "independent candidate"),
        ("The deputy mayor, Kamal Uddin Chowdhury, said", "Kamal Uddin Chowdhury", "deputy mayor"),
        (
            "The candidate for Stepney Green, Aisha Chowdhury, said",
            "Aisha Chowdhury",
            "candidate for Stepney Green",
        ),
        ("Tom Hargreaves, the Liberal Democrat candidate, said", "Tom Hargreaves", None),
        ("Sarah Jones, Labour's candidate, said", "Sarah Jones", "Labour's candidate"),
    ],
)
def test_a_name_beside_a_title_or_role_is_suggested_with_its_cue(known, text, name, cue):
    suggestion = found(text)

    assert suggestion.name == name
    assert suggestion.cue == (cue or "the Liberal Democrat candidate")


def test_a_title_and_a_role_together_are_both_the_cue(known):
    suggestion = found("Cllr Jane Smithson, the Labour candidate for Whitechapel, said.")

    assert suggestion.cue == "Cllr; the Labour candidate"
    assert suggestion.context == "Cllr Jane Smithson, the Labour candidate for Whitechapel, said"


def test_the_context_is_a_few_words_and_marks_either_side(known):
    text = " ".join(["word"] * 30) + " Cllr Jane Smithson " + " ".join(["more"] * 30)

    context = found(text).context

    assert context.split() == ["word"] * 7 + ["Cllr", "Jane", "Smithson"] + ["more"] * 8


# --- Finding: what is not suggested -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Cllr Rushanara Ali spoke.",  # on file
        "Sir Keir Starmer spoke.",  # on file, with the title
        "Mr Hassan Ali spoke.",  # a surname on file
        "Ms Smithson spoke.",  # a surname alone is not a full name
        "Jane Smithson spoke.",  # no cue
        "the Labour candidate Bethnal Green and Stepney",  # a place
        "the candidate, Labour Tories, said",  # parties
        "Mayor of London Sadiq Khan",  # "of" ends the title's run
        "Mr Speaker ruled.",
        "Cllr Whitechapel Council said",  # never part of a name
        "Councillors Will Vote",  # "Councillors" is no title
        "Cllr Jane\nSmithson said",  # a name never runs across a line
    ],
)
def test_names_on_file_surnames_parties_places_and_uncued_names_are_not_suggested(known, text):
    assert names(text) == []


def test_ordinary_words_opening_a_sentence_are_not_part_of_the_name(known):
    assert names("Yesterday Priya Raman, the Conservative candidate, spoke.") == ["Priya Raman"]


def test_a_party_before_the_name_is_not_part_of_it(known):
    assert names("Labour Cllr Ruth Adebayo and Tory Anne Marsh MP met.") == [
        "Ruth Adebayo",
        "Anne Marsh",
    ]


def test_the_context_stays_within_the_names_paragraph(known):
    text = "A headline about streets\n\nCllr Jane Smithson spoke.\n\nAnother paragraph."

    assert found(text).context == "Cllr Jane Smithson spoke."


def test_each_name_is_suggested_once_with_its_first_context(known):
    text = "Cllr Jane Smithson spoke. Later, Cllr Jane Smithson left."

    assert [(f.name, f.context) for f in suggestions.find_suggestions(text, linker=linker())] == [
        ("Jane Smithson", "Cllr Jane Smithson spoke. Later, Cllr Jane Smithson left")
    ]


def linker() -> EntityLinker:
    return EntityLinker.from_database()


@pytest.mark.parametrize(
    "build",
    [
        lambda n: "Cllr " * n,
        lambda n: "Jane " * n + "MP",
        lambda n: ", the a " * n,
        lambda n: "candidate for " + "Stepney " * n + ", Jane Doe",
        lambda n: "'" * n,
    ],
    ids=["titles", "name-then-MP", "appositions", "long-place", "apostrophes"],
)
def test_finding_takes_linear_time_on_hostile_text(db, build):
    """Eight times the text takes at most GROWTH times as long (rescanning would be 64)."""
    short, long = (build(count) for count in (5_000, 40_000))
    find = partial(suggestions.find_suggestions, linker=linker())
    # A name run this long is tens of thousands of tokens: start from a collected heap so
    # a garbage collection brought due by earlier tests lands in neither measurement.
    gc.collect()
    ratio = seconds(find, long, runs=3) / max(seconds(find, short, runs=3), FLOOR)
    assert ratio <= GROWTH, f"{ratio:.1f} times as long for 8 times the text"


# --- Recording ----------------------------------------------------------------------------


def test_recording_is_idempotent_and_drops_pending_names_gone_from_the_story(known):
    article = make_article(body="Cllr Jane Smithson and Dr Helen Mwangi spoke.")
    suggestions.record_suggestions(article, linker=linker())
    suggestions.record_suggestions(article, linker=linker())
    assert set(article.suggestions.values_list("name", flat=True)) == {
        "Jane Smithson",
        "Helen Mwangi",
    }

    article.body = "Cllr Jane Smithson spoke."
    suggestions.record_suggestions(article, linker=linker())

    assert list(article.suggestions.values_list("name", flat=True)) == ["Jane Smithson"]


def test_a_rejected_name_is_never_suggested_again_for_that_story(known, editor):
    article = make_article(body="Cllr Jane Smithson spoke.")
    suggestions.record_suggestions(article, linker=linker())
    suggestions.reject(article.suggestions.get(), user=editor)

    suggestions.record_suggestions(article, linker=linker())
    article.body = "Nobody spoke."
    suggestions.record_suggestions(article, linker=linker())
    article.body = "Cllr Jane Smithson spoke again."
    suggestions.record_suggestions(article, linker=linker())

    (only,) = article.suggestions.all()
    assert only.status == Status.REJECTED


def test_a_name_put_on_file_is_no_longer_pending(known):
    article = make_article(body="Cllr Jane Smithson spoke.")
    suggestions.record_suggestions(article, linker=linker())
    make_person("Jane Smithson")

    suggestions.record_suggestions(article, linker=linker())

    assert not article.suggestions.exists()


STORY = """---
title: "Story {number}"
date: 2024-06-01T09:00:00+01:00
section: News
---

Cllr Jane Smithson{number}, the Labour candidate, spoke. Dr Helen Mwangi{number} agreed.
"""


def write_stories(folder, count: int):
    folder.mkdir(exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"{folder.name}-{number}.md"
        path.write_text(STORY.format(number=chr(ord("a") + number)), encoding="utf-8")
        paths.append(path)
    return paths


def test_an_import_batch_suggests_names_in_one_insert(known, tmp_path):
    import_batch(write_stories(tmp_path / "few", 2), linker=linker(), force=False)
    many = write_stories(tmp_path / "many", 8)

    with CaptureQueriesContext(connection) as two:
        import_batch(write_stories(tmp_path / "two", 2), linker=linker(), force=False)
    with CaptureQueriesContext(connection) as eight:
        import_batch(many, linker=linker(), force=False)

    inserts = [q for q in eight.captured_queries if "articles_linksuggestion" in q["sql"]]
    assert len(inserts) == 1
    assert len(eight.captured_queries) == len(two.captured_queries)
    assert LinkSuggestion.objects.count() == 2 * (2 + 2 + 8)


def test_reimporting_a_changed_story_keeps_decisions_and_adds_new_names(known, tmp_path, editor):
    (path,) = write_stories(tmp_path, 1)
    import_batch([path], linker=linker(), force=False)
    article = Article.objects.get()
    suggestions.reject(article.suggestions.get(name="Helen Mwangia"), user=editor)

    path.write_text(path.read_text() + "\nMayor Jo Bloggs said no.\n", encoding="utf-8")
    import_batch([path], linker=linker(), force=False)

    assert dict(article.suggestions.values_list("name", "status")) == {
        "Jane Smithsona": Status.PENDING,
        "Helen Mwangia": Status.REJECTED,
        "Jo Bloggs": Status.PENDING,
    }


def test_saving_a_story_in_the_admin_suggests_its_names(known, reporter_client):
    article = DraftArticleFactory(body="A story.")
    data = admin_form_data(reporter_client.get(admin_url("change", article.pk)))
    data["body"] = "Cllr Jane Smithson, the Labour candidate for Whitechapel, said no."

    response = reporter_client.post(admin_url("change", article.pk), data)

    assert response.status_code == 302
    (suggestion,) = article.suggestions.all()
    assert (suggestion.name, suggestion.status) == ("Jane Smithson", Status.PENDING)
    assert not Person.objects.filter(name="Jane Smithson").exists()


# --- Deciding ---------------------------------------------------------------------------


@pytest.fixture
def pending(known):
    article = make_article(
        title="Whitechapel hustings",
        body="Cllr Jane Smithson spoke. Ms Smithson said Jane Smithson would stand.",
    )
    suggestions.record_suggestions(article, linker=linker())
    return article.suggestions.get()


def test_accepting_as_a_new_person_creates_them_and_links_the_story(pending, editor):
    person = suggestions.accept_as_new_person(pending, user=editor)

    pending.refresh_from_db()
    assert (person.name, person.slug) == ("Jane Smithson", "jane-smithson")
    assert (pending.status, pending.person, pending.decided_by) == (Status.ACCEPTED, person, editor)
    assert pending.decided_at is not None
    link = ArticlePerson.objects.get(article=pending.article, person=person)
    assert (link.origin, link.mentions) == (EDITOR, 3)
    assert Coverage.objects.filter(article=pending.article, object_id=person.pk).exists()


def test_a_new_persons_slug_is_unique(pending, editor):
    make_person("Jane Smithson", slug="jane-smithson")
    make_person("Jane Smithson", slug="jane-smithson-2")

    assert suggestions.accept_as_new_person(pending, user=editor).slug == "jane-smithson-3"


def test_accepting_as_an_existing_person_adds_the_name_as_an_alias_once(known, editor):
    article = make_article(body="Cllr Rushanara Begum-Ali spoke.")
    suggestions.record_suggestions(article, linker=linker())
    rushanara = known["rushanara"]

    suggestions.accept_as_person(article.suggestions.get(), rushanara, user=editor)

    rushanara.refresh_from_db()
    assert rushanara.aliases == ["Rushanara Begum-Ali"]
    assert ArticlePerson.objects.get(article=article).origin == EDITOR
    assert linker().knows("Rushanara Begum-Ali")


def test_accepting_a_name_already_linked_automatically_makes_the_link_the_editors(
    pending, editor, known
):
    person = make_person("Janet Smithson")
    ArticlePerson.objects.create(article=pending.article, person=person, mentions=2, origin="auto")

    suggestions.accept_as_person(pending, person, user=editor)

    link = ArticlePerson.objects.get(article=pending.article)
    # The suggested name is now one of theirs: its mentions count too.
    assert (link.origin, link.mentions) == (EDITOR, 3)


def test_a_reporter_may_not_decide(pending, reporter):
    with pytest.raises(suggestions.NotPermitted):
        suggestions.accept_as_new_person(pending, user=reporter)
    with pytest.raises(suggestions.NotPermitted):
        suggestions.reject(pending, user=reporter)
    assert not Person.objects.filter(name="Jane Smithson").exists()


def test_a_decided_suggestion_cannot_be_decided_again(pending, editor):
    suggestions.reject(pending, user=editor)

    with pytest.raises(suggestions.SuggestionError, match="rejected already"):
        suggestions.accept_as_new_person(pending, user=editor)


def test_after_accepting_the_persons_page_lists_the_published_story(pending, editor, client):
    person = suggestions.accept_as_new_person(pending, user=editor)

    page = client.get(person.get_absolute_url())

    assert page.status_code == 200
    assert "Whitechapel hustings" in page.content.decode()


# --- The admin queue ----------------------------------------------------------------------


def test_the_queue_lists_pending_suggestions_with_their_story(pending, reporter_client):
    response = reporter_client.get(queue_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Jane Smithson" in page and "Cllr" in page
    assert admin_url("change", pending.article_id) in page
    assert "accept_as_new_people" not in page  # reporters read; they have no actions


def test_the_queue_shows_only_pending_suggestions_until_asked(pending, editor, editor_client):
    suggestions.reject(pending, user=editor)

    assert "Jane Smithson" not in editor_client.get(queue_url()).content.decode()
    everything = editor_client.get(queue_url() + "?status=all").content.decode()
    assert "Jane Smithson" in everything


def test_hostile_names_and_context_are_escaped_in_the_queue(known, editor_client):
    article = make_article(title="<b>Title</b>", body="Cllr Jane <script>x</script> Smithson")
    LinkSuggestion.objects.create(
        article=article, name="<img src=x onerror=alert(1)>", context="<script>alert(1)</script>"
    )

    page = editor_client.get(queue_url()).content.decode()

    assert "<img src=x" not in page and "<script>alert" not in page and "<b>Title" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_queue_costs_the_same_however_many_suggestions(known, editor_client):
    def suggest(count: int, offset: int) -> None:
        for number in range(offset, offset + count):
            article = make_article(body=f"Cllr Jane Smithson{chr(97 + number)} spoke.")
            suggestions.record_suggestions(article, linker=linker())

    suggest(1, 0)
    editor_client.get(queue_url())  # the session and permissions, read once
    with CaptureQueriesContext(connection) as one:
        assert editor_client.get(queue_url()).status_code == 200
    suggest(20, 1)
    with CaptureQueriesContext(connection) as twenty_one:
        assert editor_client.get(queue_url()).status_code == 200

    assert len(twenty_one) == len(one)


def test_an_editor_accepts_a_new_person_from_the_suggestions_page(pending, editor_client):
    data = admin_form_data(editor_client.get(queue_url(pending, "change")))
    data.update(decision="new", new_name="Jane  Smithson-Rowe")

    response = editor_client.post(queue_url(pending, "change"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    person = Person.objects.get(name="Jane Smithson-Rowe")
    assert ArticlePerson.objects.filter(article=pending.article, person=person).exists()
    pending.refresh_from_db()
    assert pending.status == Status.ACCEPTED


def test_an_editor_accepts_an_existing_person_from_the_suggestions_page(
    pending, editor_client, known
):
    data = admin_form_data(editor_client.get(queue_url(pending, "change")))
    data.update(decision="existing", person=str(known["rushanara"].pk))

    assert editor_client.post(queue_url(pending, "change"), data).status_code == 302

    known["rushanara"].refresh_from_db()
    assert known["rushanara"].aliases == ["Jane Smithson"]


def test_accepting_an_existing_person_needs_the_person(pending, editor_client):
    data = admin_form_data(editor_client.get(queue_url(pending, "change")))
    data.update(decision="existing", person="")

    response = editor_client.post(queue_url(pending, "change"), data)

    assert response.status_code == 200
    assert "Choose the person" in response.content.decode()
    assert LinkSuggestion.objects.get().status == Status.PENDING


def test_an_editor_rejects_from_the_list(pending, editor_client):
    response = editor_client.post(
        queue_url(), {"action": "reject_suggestions", "_selected_action": [str(pending.pk)]}
    )

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.REJECTED
    assert "Rejected 1." in messages_of(response)


def test_an_editor_accepts_new_people_from_the_list(pending, editor_client):
    editor_client.post(
        queue_url(), {"action": "accept_as_new_people", "_selected_action": [str(pending.pk)]}
    )

    assert Person.objects.filter(name="Jane Smithson").exists()


def test_a_reporter_reads_a_suggestion_but_cannot_decide(pending, reporter):
    client = logged_in(reporter)

    assert client.get(queue_url(pending, "change")).status_code == 200
    response = client.post(queue_url(pending, "change"), {"decision": "new"})
    assert response.status_code == 403
    client.post(queue_url(), {"action": "accept_as_new_people", "_selected_action": [pending.pk]})
    assert not Person.objects.filter(name="Jane Smithson").exists()


def test_a_decided_suggestion_is_read_only(pending, editor, editor_client):
    suggestions.reject(pending, user=editor)

    page = editor_client.get(queue_url(pending, "change")).content.decode()

    assert 'name="decision"' not in page
    assert reverse("admin:articles_linksuggestion_changelist") in page


def test_lines_without_a_title_or_role_are_passed_over_but_still_end_names():
    """Only lines with a cue are read word by word; a line break still ends every name."""
    text = (
        "Polling stations opened early across the borough.\n"
        "Jane Smithson\n"
        "MP Robert Palmer said little. Councillor Amina Begum said more.\n"
        "Voters queued in the rain."
    )
    assert names(text) == ["Robert Palmer", "Amina Begum"]
