"""Finding rights of reply in copy: each rule of `articles.importers.replies`, no database."""

from datetime import date

import pytest
from django.conf import settings

from articles.importers import replies
from articles.importers.replies import FoundReply, Outcome, find_reply_requests

SEEDS = settings.BASE_DIR / "fixtures" / "seeds"


def only(text: str) -> FoundReply:
    [found] = find_reply_requests(text)
    return found


def asked(text: str) -> list[str]:
    return [found.asked for found in find_reply_requests(text)]


# --- The seed stories ------------------------------------------------------------------


def test_seed_002_states_two_rights_of_reply_both_awaiting():
    text = (SEEDS / "002_2c19ababa5a70ba0.txt").read_text()

    assert find_reply_requests(text) == [
        FoundReply(
            "Mr Ali",
            "We have reached out to Mr Ali, who has not returned our calls or messages "
            "this morning.",
            Outcome.AWAITING,
        ),
        FoundReply("LBC", "We have also contacted LBC.", Outcome.AWAITING),
    ]


def test_someone_else_contacting_a_party_is_not_the_publication_asking():
    text = (SEEDS / "000_9370205d60b48b49.txt").read_text()
    assert "Mr Hassan Ali said he had contacted the Labour party" in text

    assert find_reply_requests(text) == []
    assert find_reply_requests((SEEDS / "001_2bc5a03e90a2a01a.txt").read_text()) == []


# --- The publication asking ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We reached out to Tower Hamlets Council.",
        "We have reached out to Tower Hamlets Council.",
        "We have also reached out to Tower Hamlets Council.",
        "We contacted Tower Hamlets Council.",
        "We have contacted Tower Hamlets Council.",
        "We also contacted Tower Hamlets Council.",
        "We approached Tower Hamlets Council for comment.",
        "We’ve approached Tower Hamlets Council.",
        "We asked Tower Hamlets Council for comment.",
        "We had asked Tower Hamlets Council for a comment.",
        "Last week we contacted Tower Hamlets Council.",
    ],
)
def test_each_cue_of_the_publication_asking(sentence):
    found = only(f"The council met. {sentence} It meets again soon.")

    assert found.asked == "Tower Hamlets Council"
    assert found.statement == sentence


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("We have reached out to Mr Ali, who has not replied.", "Mr Ali"),
        ("We have reached out to Mr Ali.", "Mr Ali"),
        ("We have reached out to Mr. Ali.", "Mr. Ali"),
        ("We approached Mr Ali for comment.", "Mr Ali"),
        ("We contacted Mr Ali but heard nothing.", "Mr Ali"),
        ("We contacted Mr Ali and LBC.", "Mr Ali"),
        ("We contacted Mr Ali; nothing came back.", "Mr Ali"),
        ("We contacted the Department For Education.", "the Department For Education"),
        ("We contacted Labour to ask about the claims.", "Labour"),
    ],
)
def test_who_was_asked_ends_at_the_first_comma_stop_or_small_word(sentence, name):
    assert asked(sentence) == [name]


def test_asking_without_for_comment_is_not_a_right_of_reply():
    assert find_reply_requests("We asked voters what they made of the campaign.") == []


def test_we_must_be_a_word():
    assert find_reply_requests("Twe contacted Labour. Awe have contacted LBC.") == []


# --- Someone else the subject ----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Tower Hamlets Council was contacted for comment.",
        "Tower Hamlets Council has been contacted for comment.",
        "Tower Hamlets Council have been approached for comment.",
        "Tower Hamlets Council has been approached for a comment.",
        "Tower Hamlets Council did not respond to a request for comment.",
        "Tower Hamlets Council has not responded to requests for comment.",
        "Tower Hamlets Council declined to comment.",
        "Tower Hamlets Council has also declined to comment.",
        "When asked, Tower Hamlets Council refused to comment.",
    ],
)
def test_each_passive_cue(sentence):
    found = only(f"The council met. {sentence}")

    assert (found.asked, found.statement) == ("Tower Hamlets Council", sentence)


def test_a_pronoun_or_a_long_clause_is_not_a_name():
    assert find_reply_requests("He declined to comment. We contacted him.") == []
    assert (
        find_reply_requests(
            "Asked about the row over the funding of the new school on Tuesday morning "
            "the minister declined to comment."
        )
        == []
    )


# --- Quotations are someone else speaking ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"We have contacted the police," she said.',
        "“We have contacted the police,” she said.",
        "‘We’ve contacted the police,’ she said.",
        '"We are shocked. We have contacted the police."',
    ],
)
def test_a_quoted_cue_is_not_the_publication_asking(text):
    assert find_reply_requests(text) == []


def test_a_quotation_after_the_cue_does_not_hide_it():
    assert asked('We have reached out to Mr Ali, who called the claims "false".') == ["Mr Ali"]


# --- Outcomes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("We contacted LBC.", Outcome.AWAITING),
        ("We contacted LBC, which has not returned our calls.", Outcome.AWAITING),
        ("We contacted LBC, which did not respond.", Outcome.AWAITING),
        ("We contacted LBC, which has not responded.", Outcome.AWAITING),
        ("We contacted LBC, which had not replied by the time of publication.", Outcome.AWAITING),
        ("We contacted LBC but had no response.", Outcome.AWAITING),
        ("We contacted LBC, which declined to comment.", Outcome.DECLINED),
        ("We contacted LBC, which refused to comment.", Outcome.DECLINED),
        ("We contacted LBC, which responded within the hour.", Outcome.REPLIED),
        ("We contacted LBC, which replied on Tuesday.", Outcome.REPLIED),
        (
            "We contacted LBC, which said in a statement that it stood by the story.",
            Outcome.REPLIED,
        ),
        ("LBC did not respond to a request for comment.", Outcome.AWAITING),
        ("LBC declined to comment.", Outcome.DECLINED),
    ],
)
def test_the_outcome_the_sentence_states(sentence, outcome):
    assert only(sentence).outcome == outcome


# --- Dates -----------------------------------------------------------------------------


def test_a_full_date_after_on_is_when_they_were_asked():
    assert only("We contacted LBC on 30 April 2024.").asked_on == date(2024, 4, 30)
    assert only("We contacted LBC on Tuesday, April 30, 2024.").asked_on == date(2024, 4, 30)


def test_no_date_or_an_impossible_one_leaves_the_date_to_the_story():
    assert only("We contacted LBC this morning.").asked_on is None
    assert only("We contacted LBC on 31 February 2024.").asked_on is None
    assert only("We contacted LBC on 1 January 0001.").asked_on is None


# --- Sentences -------------------------------------------------------------------------


def test_each_sentence_gives_its_own_reply_and_line_breaks_end_sentences():
    text = "We contacted LBC\nWe contacted Labour! Did we contact Reform? We contacted Reform."

    assert asked(text) == ["LBC", "Labour", "Reform"]


def test_a_sentence_longer_than_a_statement_is_skipped():
    long = "We contacted LBC " + "and waited " * replies.MAX_STATEMENT + "."

    assert find_reply_requests(long) == []


# --- Hostile input ---------------------------------------------------------------------

MEGABYTE = 1_000_000


@pytest.mark.parametrize(
    "text",
    [
        "We contacted " * (MEGABYTE // 13),  # cues with no sentence end
        "we " * (MEGABYTE // 3),  # "we" everywhere, no verb
        ("we asked " * 200 + ". ") * (MEGABYTE // 1800),  # "asked" never "for comment"
        ("“We contacted LBC " * 100 + ". ") * (MEGABYTE // 1800),  # quoted cues, many
        ". " * (MEGABYTE // 2),  # sentence ends only
        "Mr. " * (MEGABYTE // 4),  # titles only
        "\x00\x07\x1b\u2028\x85" * (MEGABYTE // 5),  # control characters and line breaks
        "x" * MEGABYTE,  # one word
        "İ" * MEGABYTE + " we contacted LBC.",  # a letter whose small form is longer
    ],
)
def test_hostile_megabytes_are_read_and_never_raise(text):
    assert isinstance(find_reply_requests(text), list)


def test_a_megabyte_of_real_cues_gives_one_reply_per_sentence():
    sentence = "We contacted LBC. "

    assert len(find_reply_requests(sentence * (MEGABYTE // len(sentence)))) == (
        MEGABYTE // len(sentence)
    )


def test_the_work_per_sentence_is_bounded(monkeypatch):
    """A sentence full of false cues is given up after MAX_TRIES candidates, not read per cue."""
    calls = []
    real = replies._name_after

    def counted(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(replies, "_name_after", counted)
    find_reply_requests("We contacted , " * 100 + ".")

    assert len(calls) == replies.MAX_TRIES
