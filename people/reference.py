"""Load the reviewed reference data: parties, places, people, their facts, and elections.

The file (fixtures/entities.yaml) is the source of truth for everything it names. Each
entity is created or updated by slug, field for field, so an optional field left out
means "empty". It never deletes: rows the file does not mention are left alone.

A person's facts (affiliations, posts held, claims) and each election's candidacies are
*reviewed* facts: each names the seed story it comes from (`source`, a file in
fixtures/seeds/) and quotes the `sentence` there that states it. A sentence that is not
in its seed word for word (runs of whitespace aside) is refused: that is the review.

Facts are found again by natural keys, so loading twice changes nothing, and everything
else about a fact is updated to match the file:

- an affiliation by person, party (or ``independent``), role and source;
- a post by person, kind, title, place, party, start and source (the same post held
  twice is two spells; so a corrected start adds a post, and the old one is removed in
  the admin);
- a claim by person, statement and source;
- an election by slug; a candidacy by election and person (one each, as the model says).

Dates are written as precisely as the source gives them, ``2010``, ``2024-06`` or
``2024-06-03``: the first day of the year or month is stored, with its precision (a
polling day too). Dates that are always whole days (a claim's, a withdrawal's) must be
YYYY-MM-DD. A candidacy names its party, ``independent``, or ``not stated`` where the
story does not say what the candidate stood as (shown so, never as independent).

The whole file is read and checked (shapes, slugs, dates, sentences) before anything is
written, and the writing runs in one transaction (a savepoint inside the caller's), so
a fact that the model's own validation (`full_clean()`) refuses leaves nothing written.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.text import slugify

from .colours import is_hex_colour
from .models import (
    Candidacy,
    Claim,
    Constituency,
    DatePrecision,
    Election,
    Party,
    PartyMembership,
    Person,
    PostHeld,
)

# The reviewed reference file `manage.py load_reference` and `import_seeds` read by default,
# and the seed stories its facts quote.
DEFAULT_FILE = settings.BASE_DIR / "fixtures" / "entities.yaml"
DEFAULT_SEEDS = settings.BASE_DIR / "fixtures" / "seeds"
# Where a party slug goes, this says "no party": standing or sitting as an independent.
INDEPENDENT = "independent"
# For a candidacy: the source does not say what the candidate stood as.
PARTY_NOT_STATED = "not stated"

SECTIONS = ("parties", "constituencies", "people", "elections")
ENTITY_KEYS = {"name", "slug", "aliases"}
PARTY_KEYS = ENTITY_KEYS | {"short_name", "colour", "common_word_aliases"}
CONSTITUENCY_KEYS = ENTITY_KEYS | {"kind", "parent"}
PERSON_KEYS = ENTITY_KEYS | {"surname", "affiliations", "posts", "claims"}
SOURCED_KEYS = {"source", "sentence"}
SPELL_KEYS = SOURCED_KEYS | {"start", "end", "ended"}
AFFILIATION_KEYS = SPELL_KEYS | {"party", "role", "end_reason", "may_overlap"}
POST_KEYS = SPELL_KEYS | {"kind", "title", "place", "party"}
CLAIM_KEYS = SOURCED_KEYS | {
    "statement",
    "claimed_by",
    "denied_by",
    "status",
    "claimed_on",
    "status_changed_on",
}
ELECTION_KEYS = {"kind", "date", "place", "name", "slug", "seats", "turnout", "candidacies"}
CANDIDACY_KEYS = SOURCED_KEYS | {
    "person",
    "party",
    "votes",
    "share",
    "elected",
    "withdrawn",
    "withdrawn_on",
}
PRECISIONS = {1: DatePrecision.YEAR, 2: DatePrecision.MONTH, 3: DatePrecision.DAY}
PARTIAL_DATE = "YYYY, YYYY-MM or YYYY-MM-DD"


class _Loader(yaml.SafeLoader):
    """YAML that leaves dates as text, so a bad one is reported with its entry, not by YAML."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class ReferenceDataError(Exception):
    """The reference file is malformed; the message names the entry and what is wrong."""


@dataclass
class ReferenceResult:
    """How many rows (entities, facts, elections) a load created, updated or left alone."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class _Fact:
    """One sourced fact: its field values, and the slugs of what it points to.

    `party` is a party slug, or None for none (an independent, or a post held for no party).
    """

    label: str
    fields: dict[str, Any]
    party: str | None = None
    place: str | None = None
    person: str | None = None

    @property
    def source(self) -> str:
        return self.fields["source"]

    @property
    def sentence(self) -> str:
        return self.fields["source_quote"]


@dataclass
class _Entry:
    """One validated entity or election: its field values, and what needs resolving by slug."""

    label: str
    slug: str
    fields: dict[str, Any]
    parent: str | None = None
    place: str | None = None
    affiliations: list[_Fact] = field(default_factory=list)
    posts: list[_Fact] = field(default_factory=list)
    claims: list[_Fact] = field(default_factory=list)
    candidacies: list[_Fact] = field(default_factory=list)


@dataclass
class _Reference:
    parties: list[_Entry]
    constituencies: list[_Entry]
    people: list[_Entry]
    elections: list[_Entry]

    def facts(self) -> Iterator[_Fact]:
        for person in self.people:
            yield from person.affiliations
            yield from person.posts
            yield from person.claims
        for election in self.elections:
            yield from election.candidacies


def load_reference(path: Path, *, seeds: Path = DEFAULT_SEEDS) -> ReferenceResult:
    """Create or update everything `path` describes; a second load changes nothing.

    `seeds` is the folder of seed stories the facts' sentences are checked against.
    """
    reference = _parse(path)
    _check_references(reference)
    _check_sentences(reference, Path(seeds))
    statuses: list[str] = []
    with transaction.atomic():
        _write(reference, statuses)
    return ReferenceResult(
        created=statuses.count("created"),
        updated=statuses.count("updated"),
        unchanged=statuses.count("unchanged"),
    )


# Reading and checking the file: no writes.


def _parse(path: Path) -> _Reference:
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as error:
        raise ReferenceDataError(f"{path}: not valid YAML: {error}") from error
    data = data or {}
    if not isinstance(data, dict):
        raise ReferenceDataError(f"{path}: expected a mapping with {', '.join(SECTIONS)}")
    unknown = sorted(set(data) - set(SECTIONS), key=str)
    if unknown:
        raise ReferenceDataError(f"{path}: unknown section(s) {', '.join(map(str, unknown))}")

    parsers = {
        "parties": _parse_party,
        "constituencies": _parse_constituency,
        "people": _parse_person,
        "elections": _parse_election,
    }
    sections = {}
    for section in SECTIONS:
        items = data.get(section) or []
        if not isinstance(items, list):
            raise ReferenceDataError(f"{section}: expected a list of entries")
        entries = [parsers[section](f"{section}[{index}]", raw) for index, raw in enumerate(items)]
        _check_unique_slugs(entries)
        sections[section] = entries
    return _Reference(**sections)


def _parse_entity(position: str, raw: Any, allowed: set[str]) -> _Entry:
    if not isinstance(raw, dict):
        raise ReferenceDataError(f"{position}: expected a mapping, got {type(raw).__name__}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ReferenceDataError(f"{position}: missing name")
    label = f"{position} {name!r}"
    _check_keys(label, raw, allowed)
    slug = raw.get("slug") or slugify(name)
    if not isinstance(slug, str):
        raise ReferenceDataError(f"{label}: slug must be text")
    fields = {"name": name.strip(), "aliases": _strings(label, "aliases", raw.get("aliases"))}
    return _Entry(label=label, slug=slug, fields=fields)


def _parse_party(position: str, raw: Any) -> _Entry:
    entry = _parse_entity(position, raw, PARTY_KEYS)
    if entry.slug == INDEPENDENT:
        raise ReferenceDataError(f"{entry.label}: the slug {INDEPENDENT!r} means 'no party'")
    colour = raw.get("colour")
    if colour is None:
        raise ReferenceDataError(f"{entry.label}: missing colour")
    if not is_hex_colour(colour):
        raise ReferenceDataError(f"{entry.label}: bad colour {colour!r}, expected #rrggbb")
    entry.fields.update(
        short_name=_text(entry.label, "short_name", raw.get("short_name")),
        colour=colour,
        common_word_aliases=_strings(
            entry.label, "common_word_aliases", raw.get("common_word_aliases")
        ),
    )
    return entry


def _parse_constituency(position: str, raw: Any) -> _Entry:
    entry = _parse_entity(position, raw, CONSTITUENCY_KEYS)
    entry.fields["kind"] = _choice(entry.label, "kind", raw.get("kind"), Constituency.Kind)
    entry.parent = _slug(entry.label, "parent", raw.get("parent"), required=False)
    if entry.parent == entry.slug:
        raise ReferenceDataError(f"{entry.label}: is its own parent")
    return entry


def _parse_person(position: str, raw: Any) -> _Entry:
    entry = _parse_entity(position, raw, PERSON_KEYS)
    entry.fields["surname"] = _text(entry.label, "surname", raw.get("surname"))
    entry.affiliations = [
        _parse_affiliation(f"{entry.label} affiliation {index}", item)
        for index, item in enumerate(_list(entry.label, "affiliations", raw.get("affiliations")))
    ]
    entry.posts = [
        _parse_post(f"{entry.label} post {index}", item)
        for index, item in enumerate(_list(entry.label, "posts", raw.get("posts")))
    ]
    entry.claims = [
        _parse_claim(f"{entry.label} claim {index}", item)
        for index, item in enumerate(_list(entry.label, "claims", raw.get("claims")))
    ]
    _check_unique_facts(
        entry.label,
        "affiliation (party, role and source)",
        [(f.party, f.fields["role"], f.source) for f in entry.affiliations],
    )
    _check_unique_facts(
        entry.label,
        "post (kind, title, place, party, start and source)",
        [
            (f.fields["kind"], f.fields["title"], f.place, f.party, f.fields["start"], f.source)
            for f in entry.posts
        ],
    )
    _check_unique_facts(
        entry.label,
        "claim (statement and source)",
        [(f.fields["statement"], f.source) for f in entry.claims],
    )
    return entry


def _parse_affiliation(label: str, raw: Any) -> _Fact:
    _check_keys(label, raw, AFFILIATION_KEYS)
    party = _slug(label, "party", raw.get("party"), required=True)
    fields = {
        **_sourced(label, raw),
        **_spell(label, raw),
        "role": _text(label, "role", raw.get("role")),
        "end_reason": _choice(
            label, "end_reason", raw.get("end_reason"), PartyMembership.EndReason, required=False
        ),
        "may_overlap": _bool(label, "may_overlap", raw.get("may_overlap")),
    }
    return _Fact(label=label, fields=fields, party=None if party == INDEPENDENT else party)


def _parse_post(label: str, raw: Any) -> _Fact:
    _check_keys(label, raw, POST_KEYS)
    fields = {
        **_sourced(label, raw),
        **_spell(label, raw),
        "kind": _choice(label, "kind", raw.get("kind"), PostHeld.Kind),
        "title": _text(label, "title", raw.get("title")),
    }
    party = _slug(label, "party", raw.get("party"), required=False)
    if party == INDEPENDENT:
        raise ReferenceDataError(f"{label}: a post's party is a party slug; leave it out for none")
    place = _slug(label, "place", raw.get("place"), required=False)
    return _Fact(label=label, fields=fields, party=party, place=place)


def _parse_claim(label: str, raw: Any) -> _Fact:
    _check_keys(label, raw, CLAIM_KEYS)
    statement = _text(label, "statement", raw.get("statement"))
    if not statement:
        raise ReferenceDataError(f"{label}: missing statement")
    fields = {
        **_sourced(label, raw),
        "statement": statement,
        "claimed_by": _text(label, "claimed_by", raw.get("claimed_by")),
        "denied_by": _text(label, "denied_by", raw.get("denied_by")),
        "status": _choice(label, "status", raw.get("status", Claim.Status.CLAIMED), Claim.Status),
        "claimed_on": _day(label, "claimed_on", raw.get("claimed_on")),
        "status_changed_on": _day(label, "status_changed_on", raw.get("status_changed_on")),
    }
    return _Fact(label=label, fields=fields)


def _parse_election(position: str, raw: Any) -> _Entry:
    if not isinstance(raw, dict):
        raise ReferenceDataError(f"{position}: expected a mapping, got {type(raw).__name__}")
    _check_keys(position, raw, ELECTION_KEYS)
    kind = _choice(position, "kind", raw.get("kind"), Election.Kind)
    polling_day, precision = _partial_date(position, "date", raw.get("date"))
    if polling_day is None:
        raise ReferenceDataError(f"{position}: missing date")
    place = _slug(position, "place", raw.get("place"), required=True)
    slug = raw.get("slug") or slugify(f"{polling_day.year} {Election.Kind(kind).label} {place}")
    if not isinstance(slug, str):
        raise ReferenceDataError(f"{position}: slug must be text")
    label = f"{position} {slug!r}"
    seats = _count(label, "seats", raw.get("seats", 1))
    if not seats:
        raise ReferenceDataError(f"{label}: seats must be at least 1")
    fields = {
        "kind": kind,
        "date": polling_day,
        "date_precision": precision,
        "name": _text(label, "name", raw.get("name")),
        "seats": seats,
        "turnout": _count(label, "turnout", raw.get("turnout")),
    }
    entry = _Entry(label=label, slug=slug, fields=fields, place=place)
    entry.candidacies = [
        _parse_candidacy(f"{label} candidacy {index}", item)
        for index, item in enumerate(_list(label, "candidacies", raw.get("candidacies")))
    ]
    _check_unique_facts(label, "candidacy (person)", [(f.person,) for f in entry.candidacies])
    return entry


def _parse_candidacy(label: str, raw: Any) -> _Fact:
    _check_keys(label, raw, CANDIDACY_KEYS)
    person = _slug(label, "person", raw.get("person"), required=True)
    # Required, so that "independent" is always said, never assumed from a party left out.
    party = raw.get("party")
    if party != PARTY_NOT_STATED:
        party = _slug(label, "party", party, required=True)
    fields = {
        **_sourced(label, raw),
        "party_not_stated": party == PARTY_NOT_STATED,
        "votes": _count(label, "votes", raw.get("votes")),
        "share": _share(label, raw.get("share")),
        "elected": _bool(label, "elected", raw.get("elected")),
        "withdrawn": _bool(label, "withdrawn", raw.get("withdrawn")),
        "withdrawn_on": _day(label, "withdrawn_on", raw.get("withdrawn_on")),
    }
    party = None if party in (INDEPENDENT, PARTY_NOT_STATED) else party
    return _Fact(label=label, fields=fields, party=party, person=person)


# Checking values: each raises ReferenceDataError naming the entry and the key.


def _check_keys(label: str, raw: Any, allowed: set[str]) -> None:
    if not isinstance(raw, dict):
        raise ReferenceDataError(f"{label}: expected a mapping, got {type(raw).__name__}")
    unknown = sorted(set(raw) - allowed, key=str)
    if unknown:
        raise ReferenceDataError(f"{label}: unknown field(s) {', '.join(map(str, unknown))}")


def _list(label: str, key: str, value: Any) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ReferenceDataError(f"{label}: {key} must be a list")
    return value


def _sourced(label: str, raw: dict) -> dict[str, str]:
    """The seed a fact comes from and the sentence there that states it: both required."""
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ReferenceDataError(f"{label}: missing source")
    source = source.strip()
    if "/" in source or "\\" in source or source.startswith("."):
        raise ReferenceDataError(f"{label}: source must be a seed file name, not {source!r}")
    sentence = raw.get("sentence")
    if not isinstance(sentence, str) or not sentence.strip():
        raise ReferenceDataError(f"{label}: missing sentence")
    return {"source": source, "source_quote": _normalised(sentence)}


def _spell(label: str, raw: dict) -> dict[str, Any]:
    start, start_precision = _partial_date(label, "start", raw.get("start"))
    end, end_precision = _partial_date(label, "end", raw.get("end"))
    if start and end and end < start:
        raise ReferenceDataError(f"{label}: ends ({end}) before it starts ({start})")
    return {
        "start": start,
        "start_precision": start_precision,
        "end": end,
        "end_precision": end_precision,
        "ended": _bool(label, "ended", raw.get("ended")),
    }


def _strings(label: str, key: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ReferenceDataError(f"{label}: {key} must be a list of names")
    return [v.strip() for v in value]


def _text(label: str, key: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ReferenceDataError(f"{label}: {key} must be text")
    return value.strip()


def _slug(label: str, key: str, value: Any, *, required: bool) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value:
        raise ReferenceDataError(f"{label}: {'missing' if value is None else 'bad'} {key} slug")
    return value


def _choice(label: str, key: str, value: Any, choices, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if value not in choices.values:
        raise ReferenceDataError(
            f"{label}: bad {key} {value!r}, expected one of {', '.join(choices.values)}"
        )
    return value


def _bool(label: str, key: str, value: Any) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ReferenceDataError(f"{label}: {key} must be true or false")
    return value


def _count(label: str, key: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ReferenceDataError(f"{label}: {key} must be a whole number, not {value!r}")
    return value


def _share(label: str, value: Any) -> Decimal | None:
    """A percentage as the source gives it: 42.9 is kept as 42.9, not as a float's digits."""
    if value is None:
        return None
    if not isinstance(value, bool) and isinstance(value, int | float | str):
        try:
            share = Decimal(str(value))
        except InvalidOperation:
            pass
        else:
            if share.is_finite() and 0 <= share <= 100:
                return share
    raise ReferenceDataError(f"{label}: share must be a percentage from 0 to 100, not {value!r}")


def _partial_date(label: str, key: str, value: Any) -> tuple[date | None, str]:
    """A date and how precise it is: '2010' (YAML reads 2010 as a number), '2024-06', a day."""
    if value is None:
        return None, DatePrecision.DAY
    if isinstance(value, date) and not isinstance(value, datetime):
        return value, DatePrecision.DAY
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        parts = value.split("-")
        well_formed = [len(part) for part in parts] == [4, 2, 2][: len(parts)] and all(
            part.isascii() and part.isdigit() for part in parts
        )
        if well_formed:
            numbers = [int(part) for part in parts] + [1] * (3 - len(parts))
            try:
                return date(*numbers), PRECISIONS[len(parts)]
            except ValueError:
                pass
    raise ReferenceDataError(f"{label}: bad {key} date {value!r}, expected {PARTIAL_DATE}")


def _day(label: str, key: str, value: Any) -> date | None:
    """A whole date: the model keeps no precision for these."""
    try:
        day, precision = _partial_date(label, key, value)
    except ReferenceDataError:
        precision = None
    if precision != DatePrecision.DAY:
        raise ReferenceDataError(f"{label}: bad {key} date {value!r}, expected YYYY-MM-DD")
    return day


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _check_unique_slugs(entries: list[_Entry]) -> None:
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.slug in seen:
            raise ReferenceDataError(
                f"{entry.label}: slug {entry.slug!r} is already used by {seen[entry.slug]}"
            )
        seen[entry.slug] = entry.label


def _check_unique_facts(label: str, what: str, keys: list[tuple]) -> None:
    if len(set(keys)) != len(keys):
        raise ReferenceDataError(f"{label}: the same {what} twice")


def _known(model: type[models.Model], in_file: Iterable[str], wanted: set[str]) -> set[str]:
    """The slugs of `wanted` that the file defines or the database already has."""
    in_file = set(in_file)
    missing = wanted - in_file
    return in_file | set(model.objects.filter(slug__in=missing).values_list("slug", flat=True))


def _check_references(reference: _Reference) -> None:
    """Everything named by slug must be in the file or already in the database."""
    in_file = {entry.slug: entry for entry in reference.constituencies}
    facts = list(reference.facts())
    wanted_places = {e.parent for e in reference.constituencies if e.parent}
    wanted_places |= {f.place for f in facts if f.place}
    wanted_places |= {e.place for e in reference.elections}
    places = _known(Constituency, in_file, wanted_places)
    parties = _known(
        Party, (e.slug for e in reference.parties), {f.party for f in facts if f.party}
    )
    people = _known(
        Person, (e.slug for e in reference.people), {f.person for f in facts if f.person}
    )

    for entry in reference.constituencies:
        if entry.parent and entry.parent not in places:
            raise ReferenceDataError(f"{entry.label}: unknown parent {entry.parent!r}")
        # Walk up through the file: a loop would make every area its own ancestor.
        seen, parent = {entry.slug}, entry.parent
        while parent in in_file:
            if parent in seen:
                raise ReferenceDataError(f"{entry.label}: parents form a loop")
            seen.add(parent)
            parent = in_file[parent].parent
    for entry in reference.elections:
        if entry.place not in places:
            raise ReferenceDataError(f"{entry.label}: unknown place slug {entry.place!r}")
    for fact in facts:
        if fact.party and fact.party not in parties:
            raise ReferenceDataError(f"{fact.label}: unknown party slug {fact.party!r}")
        if fact.place and fact.place not in places:
            raise ReferenceDataError(f"{fact.label}: unknown place slug {fact.place!r}")
        if fact.person and fact.person not in people:
            raise ReferenceDataError(f"{fact.label}: unknown person slug {fact.person!r}")


def _check_sentences(reference: _Reference, seeds: Path) -> None:
    """Each fact's sentence must be in its seed, as written there (whitespace aside)."""
    texts: dict[str, str] = {}
    for fact in reference.facts():
        if fact.source not in texts:
            seed = seeds / fact.source
            if not seed.is_file():
                raise ReferenceDataError(f"{fact.label}: no seed story {fact.source!r}")
            texts[fact.source] = _normalised(seed.read_text(encoding="utf-8"))
        if fact.sentence not in texts[fact.source]:
            raise ReferenceDataError(
                f"{fact.label}: sentence not found in {fact.source}: {fact.sentence[:80]!r}"
            )


# Writing.


def _write(reference: _Reference, statuses: list[str]) -> None:
    parties = _by_slug(
        _sync(Party, [(e.label, {"slug": e.slug, **e.fields}) for e in reference.parties], statuses)
    )
    saved_places = _sync(
        Constituency,
        [(e.label, {"slug": e.slug, **e.fields}) for e in reference.constituencies],
        statuses,
    )
    # Parents are set once every place in the file exists, so order doesn't matter.
    _resolve_parents(reference.constituencies, saved_places, statuses)
    people = _by_slug(
        _sync(Person, [(e.label, {"slug": e.slug, **e.fields}) for e in reference.people], statuses)
    )
    facts = list(reference.facts())
    parties.update(_outside(Party, parties, {f.party for f in facts if f.party}))
    places = _by_slug(saved_places)
    wanted_places = {f.place for f in facts if f.place} | {e.place for e in reference.elections}
    places.update(_outside(Constituency, places, wanted_places))
    people.update(_outside(Person, people, {f.person for f in facts if f.person}))

    def pk(instances: dict[str, models.Model], slug: str | None) -> int | None:
        return instances[slug].pk if slug else None

    def person_rows(kind: str, relations) -> list[tuple[str, dict[str, Any]]]:
        return [
            (fact.label, {**fact.fields, "person_id": people[entry.slug].pk, **relations(fact)})
            for entry in reference.people
            for fact in getattr(entry, kind)
        ]

    def of_these_people(model: type[models.Model]) -> models.QuerySet:
        return model.objects.filter(person__in=[person.pk for person in people.values()])

    _sync(
        PartyMembership,
        person_rows("affiliations", lambda fact: {"party_id": pk(parties, fact.party)}),
        statuses,
        key=("person_id", "party_id", "role", "source"),
        existing=of_these_people(PartyMembership),
    )
    _sync(
        PostHeld,
        person_rows(
            "posts",
            lambda fact: {"party_id": pk(parties, fact.party), "place_id": pk(places, fact.place)},
        ),
        statuses,
        key=("person_id", "kind", "title", "place_id", "party_id", "start", "source"),
        existing=of_these_people(PostHeld),
    )
    _sync(
        Claim,
        person_rows("claims", lambda fact: {}),
        statuses,
        key=("person_id", "statement", "source"),
        existing=of_these_people(Claim),
    )

    elections = _by_slug(
        _sync(
            Election,
            [
                (e.label, {"slug": e.slug, **e.fields, "place_id": places[e.place].pk})
                for e in reference.elections
            ],
            statuses,
        )
    )
    rows = [
        (
            fact.label,
            {
                **fact.fields,
                "election_id": elections[entry.slug].pk,
                "person_id": people[fact.person].pk,
                "party_id": pk(parties, fact.party),
            },
        )
        for entry in reference.elections
        for fact in entry.candidacies
    ]
    _sync(
        Candidacy,
        rows,
        statuses,
        key=("election_id", "person_id"),
        existing=Candidacy.objects.filter(election__in=[e.pk for e in elections.values()]),
    )


def _sync(
    model: type[models.Model],
    rows: list[tuple[str, dict[str, Any]]],
    statuses: list[str],
    *,
    key: tuple[str, ...] = ("slug",),
    existing: models.QuerySet | None = None,
) -> dict[tuple, tuple[models.Model, int]]:
    """Create or update each row, found by its `key` values among `existing`.

    Rows give relations by attname (``party_id``), so comparing and saving need no
    lookups. Returns key -> (instance, its index in `statuses`).
    """
    if existing is None:
        existing = model.objects.filter(slug__in=[values["slug"] for _, values in rows])
    found = {tuple(getattr(row, name) for name in key): row for row in existing}
    saved = {}
    for label, values in rows:
        row_key = tuple(values[name] for name in key)
        instance = found.get(row_key)
        if instance is None:
            instance = model(**values)
            _save(instance, label)
            status = "created"
        else:
            changed = [name for name, value in values.items() if getattr(instance, name) != value]
            for name in changed:
                setattr(instance, name, values[name])
            if changed:
                _save(instance, label, update_fields=changed)
            status = "updated" if changed else "unchanged"
        found[row_key] = instance
        saved[row_key] = (instance, len(statuses))
        statuses.append(status)
    return saved


def _by_slug(saved: dict[tuple, tuple[models.Model, int]]) -> dict[str, models.Model]:
    return {slug: instance for (slug,), (instance, _) in saved.items()}


def _outside(
    model: type[models.Model], in_file: dict[str, models.Model], wanted: set[str]
) -> dict[str, models.Model]:
    """The rows the file names by slug but does not define: they are in the database."""
    return model.objects.in_bulk(list(wanted - set(in_file)), field_name="slug")


def _save(instance: models.Model, label: str, **kwargs: Any) -> None:
    """Validate as the admin would, then save; problems come back naming the entry.

    Relations hold rows just loaded or saved, so checking that each exists would cost a
    query and prove nothing; those in a unique constraint are kept, for the constraint.
    """
    constrained = {
        name
        for constraint in instance._meta.constraints
        for name in getattr(constraint, "fields", ())
    }
    exclude = [f.name for f in instance._meta.fields if f.is_relation and f.name not in constrained]
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        problems = "; ".join(
            " ".join(messages) if name == NON_FIELD_ERRORS else f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
        raise ReferenceDataError(f"{label}: {problems}") from error
    instance.save(**kwargs)


def _resolve_parents(
    entries: list[_Entry],
    saved: dict[tuple, tuple[models.Model, int]],
    statuses: list[str],
) -> None:
    by_slug = _by_slug(saved)
    by_slug.update(_outside(Constituency, by_slug, {e.parent for e in entries if e.parent}))
    for entry in entries:
        instance, index = saved[(entry.slug,)]
        parent = by_slug[entry.parent] if entry.parent else None
        if instance.parent_id != (parent.pk if parent else None):
            instance.parent = parent
            instance.save(update_fields=["parent"])
            if statuses[index] == "unchanged":
                statuses[index] = "updated"
