"""Rights of reply stated in a story: who the publication says it asked, and what came back.

Pure: text in, `FoundReply` records out, no database. `reply_saving` resolves who was
asked to a person on file and stores the rows.

Policy
------
The text is cut into sentences (a line break ends one; so does ".", "!" or "?" followed
by a space or the end of the line, closing quotes and brackets allowed between, except
after a title: "Mr. Ali" is one sentence). A sentence longer than `MAX_STATEMENT` is not
a statement of right of reply and is skipped. Each sentence gives at most one reply,
from the first cue that fits:

1. The publication asking, "we" as a word (any case):
   "We (have|had|'ve) (also) reached out to X", "We … contacted X", "We … approached X",
   and "We … asked X for (a) comment". X is the words after the cue, up to the first
   comma, full stop, other sentence or clause mark, or the first of the words "who",
   "for", "but", "and" and a few other small words that end a name ("to", "about",
   "on", "this", "yesterday" …: `ENDS_OF_NAME`). Small words are matched as written in
   lower case, so "Department For Education" is not cut at "For"; but "the Department
   for Education" becomes "the Department", the price of ending X at "for comment".
2. Someone else the subject, X standing before the cue in the same clause (after the
   last comma, semicolon or colon): "X was/were/has been/have been/had been
   contacted|approached for (a) comment", "X did not respond / has not responded … to a
   request for comment", "X declined|refused to comment". Trailing "has", "also" and the
   like are not part of X.

A cue inside a quotation (an unmatched double quote, or an opening ‘ with no closing ’
before the cue) is somebody else speaking ("We have contacted the police," she said), and
a cue with no "we" and no passive form is someone else acting ("Mr Hassan Ali said he had
contacted the Labour party"): neither is the publication asking. X empty, a pronoun
("him", "they"), longer than `MAX_NAME_WORDS` words or `MAX_NAME_LENGTH` characters is
not a name, and the sentence gives nothing.

Outcome, from the whole sentence: "declined" if it says declined or refused to comment
or respond; otherwise "awaiting" if it says an answer has not come (has not returned,
did not respond, had not replied, no response, yet to respond …); otherwise "replied"
if it says "responded", "replied" or "said in a statement"; otherwise "awaiting".

`asked_on` is a full date written straight after "on" in the sentence ("on 30 April
2024"); otherwise None, and the caller uses the story's publication date.

Cost: one pass to split, then per sentence a fixed number of `str.find` calls and at
most `MAX_TRIES` candidate cues, each checked in time bounded by the sentence's length,
which is itself bounded. So the work is linear in the text, whatever it holds; no regular
expression runs on the story text except the date patterns, on a short span after "on".
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from newsroom.text import APOSTROPHES, Translation

from .dates import FULL_DATE_PATTERNS, MONTHS

# ReplyRequest.statement and .organisation hold at most this much.
MAX_STATEMENT = 2000
MAX_NAME_LENGTH = 200
MAX_NAME_WORDS = 8
# Candidate cues examined in one sentence before it is given up on.
MAX_TRIES = 8
# How much of the text after "on" a date may take ("Wednesday, the 30th of September 2024").
DATE_REACH = 48

TITLES = frozenset(
    ["Mr", "Mrs", "Ms", "Miss", "Dr", "Cllr", "Sir", "Dame", "Lord", "Lady", "Prof", "Rev", "St"]
)
SENTENCE_ENDS = Translation(str.maketrans({"!": ".", "?": "."}))
# What may stand between a sentence's last mark and the space after it.
CLOSING = ".!?\"'”’)]"

# After "we", longest first: an auxiliary, then maybe "also", then the verb.
AUXILIARIES = (" also have ", " also had ", " have ", " had ", "'ve ", " ")
VERBS = ("reached out to ", "contacted ", "approached ", "asked ")
FOR_COMMENT = ("for comment", "for a comment")

_BEEN = ("was ", "were ", "has been ", "have been ", "had been ")
_NOT_ANSWERED = (
    "did not respond",
    "didn't respond",
    "has not responded",
    "have not responded",
    "had not responded",
    "did not reply",
    "has not replied",
    "have not replied",
    "had not replied",
)
_REQUESTS = ("a request for comment", "requests for comment", "our request for comment")
PASSIVE_CUES = (
    *(
        f" {been}{verb} {comment}"
        for been in _BEEN
        for verb in ("contacted", "approached")
        for comment in FOR_COMMENT
    ),
    *(f" {answer} to {request}" for answer in _NOT_ANSWERED for request in _REQUESTS),
    " declined to comment",
    " refused to comment",
)

# Words that end X, matched as written (lower case), each as a whole word.
ENDS_OF_NAME = (
    "who", "whom", "which", "that", "for", "but", "and", "to", "about", "on", "over",
    "regarding", "via", "by", "in", "at", "with", "this", "last", "yesterday", "today",
    "earlier", "asking", "seeking", "when", "after", "before", "since", "as",
)  # fmt: skip
# Marks that end X, wherever they stand; so does a full stop not closing a title ("Mr.").
NAME_STOPS = (",", ";", ":", "!", "?", "(", ")", '"', "“", "”", " – ", " — ", " - ")
# Words at the end of a passive subject that are not part of the name.
TRAILING_WORDS = frozenset(["has", "have", "had", "also", "so", "far", "previously", "yet"])
_PRONOUNS = "he she they it we i you him her them us his its their this that who which one"
PRONOUNS = frozenset(_PRONOUNS.split())

DECLINED = (
    "declined to comment",
    "refused to comment",
    "declined to respond",
    "refused to respond",
)
NOT_ANSWERED = (
    "not returned",
    "not return",
    "not respond",
    "n't respond",
    "n't return",
    "not repl",
    "n't repl",
    "not received",
    "no response",
    "no reply",
    "yet to respond",
    "yet to reply",
    "yet to receive",
    "not yet",
)
ANSWERED = ("responded", "replied", "said in a statement")
# Cheap tests that a sentence may hold a cue at all.
KEYWORDS = ("reached out", "contacted", "approached", "asked", "comment")


class Outcome(StrEnum):
    """As ReplyRequest.Outcome stores them."""

    AWAITING = "awaiting"
    REPLIED = "replied"
    DECLINED = "declined"


@dataclass(frozen=True)
class FoundReply:
    """One right of reply: who was asked as written, the sentence saying so, what came back."""

    asked: str
    statement: str
    outcome: Outcome
    asked_on: date | None = None


def find_reply_requests(text: str) -> list[FoundReply]:
    """Each sentence of `text` in which the publication says it asked someone, in order."""
    found = []
    for line in text.splitlines():
        lower = line.lower()
        if not any(lower.find(keyword) >= 0 for keyword in KEYWORDS):
            continue  # most lines: no cue can stand in them
        for sentence in _sentences(line):
            reply = _reply_in(sentence)
            if reply is not None:
                found.append(reply)
    return found


# --- Sentences ------------------------------------------------------------------------


def _sentences(line: str):
    """The sentences of one line as written, whitespace folded."""
    marked = SENTENCE_ENDS(line)
    start, length = 0, len(line)
    stop = marked.find(".")
    while stop >= 0:
        after = stop + 1
        while after < length and line[after] in CLOSING:
            after += 1
        if (after == length or line[after].isspace()) and not _after_title(line, start, stop):
            yield from _folded(line[start:after])
            start = after
        stop = marked.find(".", after)
    yield from _folded(line[start:])


def _folded(sentence: str):
    if len(sentence) <= 2 * MAX_STATEMENT:  # runs of spaces fold away; beyond this, too long
        folded = " ".join(sentence.split())
        if folded and len(folded) <= MAX_STATEMENT:
            yield folded


def _after_title(line: str, start: int, stop: int) -> bool:
    """Whether the mark at `stop` closes a title ("Mr."): a look back of a few characters."""
    words = line[max(start, stop - 6) : stop].split()
    return bool(words) and words[-1] in TITLES


# --- One sentence ---------------------------------------------------------------------


def _reply_in(sentence: str) -> FoundReply | None:
    plain = APOSTROPHES(sentence)
    lower = plain.lower()
    if len(lower) != len(plain):  # a letter whose small form is longer: match as written
        lower = plain
    if not any(lower.find(keyword) >= 0 for keyword in KEYWORDS):
        return None
    tries = 0
    for start, end in _active_cues(lower):
        tries += 1
        if tries > MAX_TRIES:
            return None
        asked = _name_after(plain, end)
        if asked and not _quoted(plain, start):
            return _reply(sentence, plain, lower, asked)
    for cue in PASSIVE_CUES:
        position = lower.find(cue)
        while position >= 0:
            tries += 1
            if tries > MAX_TRIES:
                return None
            asked = _name_before(plain, position)
            if asked and not _quoted(plain, position):
                return _reply(sentence, plain, lower, asked)
            position = lower.find(cue, position + 1)
    return None


def _active_cues(lower: str):
    """(start, end) of each "we …" cue: "we" as a word, an auxiliary, "also", a verb.

    "asked" counts only with "for (a) comment" after the name.
    """
    position = lower.find("we")
    while position >= 0:
        if position == 0 or not lower[position - 1].isalnum():
            end = _cue_end(lower, position + 2)
            if end >= 0:
                yield position, end
        position = lower.find("we", position + 2)


def _cue_end(lower: str, after: int) -> int:
    aux = next((aux for aux in AUXILIARIES if lower.startswith(aux, after)), None)
    if aux is None:
        return -1
    after += len(aux)
    if lower.startswith("also ", after):
        after += len("also ")
    verb = next((verb for verb in VERBS if lower.startswith(verb, after)), None)
    if verb is None:
        return -1
    end = after + len(verb)
    if verb == "asked " and not _asks_for_comment(lower, end):
        return -1
    return end


def _asks_for_comment(lower: str, end: int) -> bool:
    """ "We asked X for comment": "for (a) comment" within a name's length of the cue."""
    found = lower.find(" for ", end, end + MAX_NAME_LENGTH)
    return found >= 0 and any(lower.startswith(comment, found + 1) for comment in FOR_COMMENT)


def _name_after(plain: str, end: int) -> str:
    rest = plain[end : end + MAX_NAME_LENGTH * 2]
    cut = len(rest)
    for mark in NAME_STOPS:
        found = rest.find(mark)
        if 0 <= found < cut:
            cut = found
    stop = rest.find(".", 0, cut)
    while stop >= 0 and _after_title(rest, 0, stop):
        stop = rest.find(".", stop + 1, cut)
    if stop >= 0:
        cut = stop
    for word in ENDS_OF_NAME:
        found = _whole_word(rest, word, cut)
        if 0 <= found < cut:
            cut = found
    return _as_name(rest[:cut])


def _whole_word(text: str, word: str, limit: int) -> int:
    """Where `word` first stands as a word in text[:limit] (after a space), or -1."""
    needle = " " + word
    found = text.find(needle, 0, limit)
    while found >= 0:
        after = found + len(needle)
        if after >= len(text) or not text[after].isalnum():
            return found
        found = text.find(needle, found + 1, limit)
    return -1


def _name_before(plain: str, position: int) -> str:
    """The subject of a passive cue: its clause's words before it, less a trailing "has"."""
    clause_start = max(
        plain.rfind(mark, 0, position) for mark in (",", ";", ":", "(", " – ", " — ")
    )
    words = plain[clause_start + 1 : position].split()
    while words and words[-1].lower() in TRAILING_WORDS:
        words.pop()
    while words and words[0].lower() in ("and", "but", "so", "-", "–", "—"):
        words.pop(0)
    return _as_name(" ".join(words))


def _as_name(words: str) -> str:
    name = words.strip(" '\"‘“”-–—")
    if not name or len(name) > MAX_NAME_LENGTH or len(name.split()) > MAX_NAME_WORDS:
        return ""
    if name.lower() in PRONOUNS or not any(char.isalnum() for char in name):
        return ""
    return name


def _quoted(plain: str, position: int) -> bool:
    """Whether the cue at `position` stands inside a quotation."""
    before = plain[:position]
    if plain.count('"') % 2 or before.count('"') % 2:
        return True
    if before.count("“") > before.count("”"):
        return True
    opening = before.rfind("‘")
    if opening < 0:
        return False
    # A closing quote has become "'" (APOSTROPHES): one not followed by a letter closes.
    between = before[opening + 1 :]
    closing = between.find("'")
    while closing >= 0:
        if closing + 1 >= len(between) or not between[closing + 1].isalpha():
            return False
        closing = between.find("'", closing + 1)
    return True


def _reply(sentence: str, plain: str, lower: str, asked: str) -> FoundReply:
    return FoundReply(asked, sentence, _outcome(lower), _asked_on(plain))


def _outcome(lower: str) -> Outcome:
    if any(lower.find(phrase) >= 0 for phrase in DECLINED):
        return Outcome.DECLINED
    if any(lower.find(phrase) >= 0 for phrase in NOT_ANSWERED):
        return Outcome.AWAITING
    if any(lower.find(phrase) >= 0 for phrase in ANSWERED):
        return Outcome.REPLIED
    return Outcome.AWAITING


def _asked_on(plain: str) -> date | None:
    """A full date written straight after "on" ("on 30 April 2024"), if any."""
    position = plain.find(" on ")
    tries = 0
    while position >= 0 and tries < MAX_TRIES:
        tries += 1
        span = plain[position + 4 : position + 4 + DATE_REACH]
        for pattern in FULL_DATE_PATTERNS:
            match = pattern.match(span)
            if match and (day := _date(match)):
                return day
        position = plain.find(" on ", position + 1)
    return None


def _date(match) -> date | None:
    month = match["month"]
    month = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
    try:
        day = date(int(match["year"]), month or 0, int(match["day"]))
    except (TypeError, ValueError):
        return None
    return day if 1800 <= day.year <= 2200 else None
