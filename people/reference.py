"""Load the reference list of parties, places and people from a YAML file.

The file (fixtures/entities.yaml) is the source of truth for every entity it names:
loading it creates or updates each one by slug, field for field, so an optional field
left out means "empty". It never deletes: entities and memberships that are not in
the file are left alone.

A membership is identified by person, party, role and source; its dates are updated.

The whole file is checked before anything is written, so a bad file writes nothing.
Transactions are the caller's business; loading is safe inside `transaction.atomic()`.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify

from .colours import is_hex_colour
from .models import Constituency, Party, PartyMembership, Person

# The reviewed reference file `manage.py load_reference` and `import_seeds` read by default.
DEFAULT_FILE = settings.BASE_DIR / "fixtures" / "entities.yaml"
SECTIONS = ("parties", "constituencies", "people")
ENTITY_KEYS = {"name", "slug", "aliases"}
PARTY_KEYS = ENTITY_KEYS | {"short_name", "colour", "common_word_aliases"}
CONSTITUENCY_KEYS = ENTITY_KEYS | {"kind", "parent"}
PERSON_KEYS = ENTITY_KEYS | {"surname", "memberships"}
MEMBERSHIP_KEYS = {"party", "role", "start", "end", "ended", "source"}


class ReferenceDataError(Exception):
    """The reference file is malformed; the message names the entry and what is wrong."""


@dataclass
class ReferenceResult:
    """How many rows (entities and memberships) a load created, updated or left as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class _Membership:
    label: str
    party: str
    role: str
    start: date | None
    end: date | None
    ended: bool
    source: str


@dataclass
class _Entry:
    """One validated entity: its model field values, plus what needs resolving by slug."""

    label: str
    slug: str
    fields: dict[str, Any]
    parent: str | None = None
    memberships: list[_Membership] = field(default_factory=list)


@dataclass
class _Reference:
    parties: list[_Entry]
    constituencies: list[_Entry]
    people: list[_Entry]


def load_reference(path: Path) -> ReferenceResult:
    """Create or update everything `path` describes; a second load changes nothing."""
    reference = _parse(path)
    _check_references(reference)
    statuses: list[str] = []

    parties = _upsert(Party, reference.parties, statuses)
    constituencies = _upsert(Constituency, reference.constituencies, statuses)
    # Parents are set once every constituency in the file exists, so order doesn't matter.
    _resolve_parents(reference.constituencies, constituencies, statuses)
    people = _upsert(Person, reference.people, statuses)
    _sync_memberships(reference.people, people, parties, statuses)

    return ReferenceResult(
        created=statuses.count("created"),
        updated=statuses.count("updated"),
        unchanged=statuses.count("unchanged"),
    )


# Reading and checking the file: no writes.


def _parse(path: Path) -> _Reference:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ReferenceDataError(f"{path}: not valid YAML: {error}") from error
    data = data or {}
    if not isinstance(data, dict):
        raise ReferenceDataError(f"{path}: expected a mapping with {', '.join(SECTIONS)}")
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise ReferenceDataError(f"{path}: unknown section(s) {', '.join(map(str, unknown))}")

    sections = {}
    for section in SECTIONS:
        items = data.get(section) or []
        if not isinstance(items, list):
            raise ReferenceDataError(f"{section}: expected a list of entries")
        parse_entry = {
            "parties": _parse_party,
            "constituencies": _parse_constituency,
            "people": _parse_person,
        }[section]
        entries = [parse_entry(f"{section}[{index}]", raw) for index, raw in enumerate(items)]
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
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ReferenceDataError(f"{label}: unknown field(s) {', '.join(map(str, unknown))}")
    slug = raw.get("slug") or slugify(name)
    if not isinstance(slug, str):
        raise ReferenceDataError(f"{label}: slug must be text")
    fields = {"name": name.strip(), "aliases": _strings(label, "aliases", raw.get("aliases"))}
    return _Entry(label=label, slug=slug, fields=fields)


def _parse_party(position: str, raw: Any) -> _Entry:
    entry = _parse_entity(position, raw, PARTY_KEYS)
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
    kind = raw.get("kind")
    if kind not in Constituency.Kind.values:
        choices = ", ".join(Constituency.Kind.values)
        raise ReferenceDataError(f"{entry.label}: bad kind {kind!r}, expected one of {choices}")
    entry.fields["kind"] = kind
    parent = raw.get("parent")
    if parent is not None and (not isinstance(parent, str) or not parent):
        raise ReferenceDataError(f"{entry.label}: parent must be a constituency slug")
    if parent == entry.slug:
        raise ReferenceDataError(f"{entry.label}: is its own parent")
    entry.parent = parent
    return entry


def _parse_person(position: str, raw: Any) -> _Entry:
    entry = _parse_entity(position, raw, PERSON_KEYS)
    entry.fields["surname"] = _text(entry.label, "surname", raw.get("surname"))
    memberships = raw.get("memberships") or []
    if not isinstance(memberships, list):
        raise ReferenceDataError(f"{entry.label}: memberships must be a list")
    entry.memberships = [
        _parse_membership(f"{entry.label} membership {index}", item)
        for index, item in enumerate(memberships)
    ]
    keys = [(m.party, m.role, m.source) for m in entry.memberships]
    if len(set(keys)) != len(keys):
        raise ReferenceDataError(f"{entry.label}: the same party, role and source twice")
    return entry


def _parse_membership(label: str, raw: Any) -> _Membership:
    if not isinstance(raw, dict):
        raise ReferenceDataError(f"{label}: expected a mapping, got {type(raw).__name__}")
    unknown = sorted(set(raw) - MEMBERSHIP_KEYS)
    if unknown:
        raise ReferenceDataError(f"{label}: unknown field(s) {', '.join(map(str, unknown))}")
    party = raw.get("party")
    if not isinstance(party, str) or not party:
        raise ReferenceDataError(f"{label}: missing party slug")
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        # Every fact must say which document it came from.
        raise ReferenceDataError(f"{label}: missing source")
    start = _date(label, "start", raw.get("start"))
    end = _date(label, "end", raw.get("end"))
    if start and end and end < start:
        raise ReferenceDataError(f"{label}: ends ({end}) before it starts ({start})")
    ended = raw.get("ended", False)
    if not isinstance(ended, bool):
        raise ReferenceDataError(f"{label}: ended must be true or false")
    return _Membership(
        label=label,
        party=party,
        role=_text(label, "role", raw.get("role")),
        start=start,
        end=end,
        ended=ended,
        source=source.strip(),
    )


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


def _date(label: str, key: str, value: Any) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ReferenceDataError(f"{label}: bad {key} date {value!r}, expected YYYY-MM-DD")


def _check_unique_slugs(entries: list[_Entry]) -> None:
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.slug in seen:
            raise ReferenceDataError(
                f"{entry.label}: slug {entry.slug!r} is already used by {seen[entry.slug]}"
            )
        seen[entry.slug] = entry.label


def _check_references(reference: _Reference) -> None:
    """Parents and parties named by slug must be in the file or already in the database."""
    in_file = {entry.slug: entry for entry in reference.constituencies}
    wanted = {e.parent for e in reference.constituencies if e.parent} - set(in_file)
    known = set(in_file) | set(
        Constituency.objects.filter(slug__in=wanted).values_list("slug", flat=True)
    )
    for entry in reference.constituencies:
        if entry.parent and entry.parent not in known:
            raise ReferenceDataError(f"{entry.label}: unknown parent {entry.parent!r}")
        # Walk up through the file: a loop would make every area its own ancestor.
        seen, parent = {entry.slug}, entry.parent
        while parent in in_file:
            if parent in seen:
                raise ReferenceDataError(f"{entry.label}: parents form a loop")
            seen.add(parent)
            parent = in_file[parent].parent

    party_slugs = {entry.slug for entry in reference.parties}
    wanted = {m.party for e in reference.people for m in e.memberships} - party_slugs
    party_slugs |= set(Party.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    for entry in reference.people:
        for membership in entry.memberships:
            if membership.party not in party_slugs:
                raise ReferenceDataError(
                    f"{membership.label}: unknown party slug {membership.party!r}"
                )


# Writing.


def _save(instance: models.Model, label: str, **kwargs: Any) -> None:
    """Validate as the admin would, then save; problems come back naming the entry."""
    exclude = [f.name for f in instance._meta.fields if f.is_relation]
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise ReferenceDataError(f"{label}: {problems}") from error
    instance.save(**kwargs)


def _upsert(
    model: type[models.Model], entries: list[_Entry], statuses: list[str]
) -> dict[str, tuple[models.Model, int]]:
    """Create or update each entry by slug; returns slug -> (instance, index in statuses)."""
    existing = model.objects.in_bulk([entry.slug for entry in entries], field_name="slug")
    saved = {}
    for entry in entries:
        instance = existing.get(entry.slug)
        if instance is None:
            instance = model(slug=entry.slug, **entry.fields)
            _save(instance, entry.label)
            status = "created"
        else:
            changed = [
                name for name, value in entry.fields.items() if getattr(instance, name) != value
            ]
            for name in changed:
                setattr(instance, name, entry.fields[name])
            if changed:
                _save(instance, entry.label, update_fields=changed)
            status = "updated" if changed else "unchanged"
        saved[entry.slug] = (instance, len(statuses))
        statuses.append(status)
    return saved


def _resolve_parents(
    entries: list[_Entry],
    saved: dict[str, tuple[models.Model, int]],
    statuses: list[str],
) -> None:
    outside = {entry.parent for entry in entries if entry.parent} - set(saved)
    by_slug = {slug: instance for slug, (instance, _) in saved.items()}
    by_slug.update(Constituency.objects.in_bulk(list(outside), field_name="slug"))
    for entry in entries:
        instance, index = saved[entry.slug]
        parent = by_slug[entry.parent] if entry.parent else None
        if instance.parent_id != (parent.pk if parent else None):
            instance.parent = parent
            instance.save(update_fields=["parent"])
            if statuses[index] == "unchanged":
                statuses[index] = "updated"


def _sync_memberships(
    entries: list[_Entry],
    people: dict[str, tuple[models.Model, int]],
    parties: dict[str, tuple[models.Model, int]],
    statuses: list[str],
) -> None:
    wanted = {m.party for entry in entries for m in entry.memberships} - set(parties)
    party_by_slug = {slug: instance for slug, (instance, _) in parties.items()}
    party_by_slug.update(Party.objects.in_bulk(list(wanted), field_name="slug"))
    existing = {
        (m.person_id, m.party_id, m.role, m.source): m
        for m in PartyMembership.objects.filter(
            person__in=[instance for instance, _ in people.values()]
        )
    }
    for entry in entries:
        person, _ = people[entry.slug]
        for fact in entry.memberships:
            party = party_by_slug[fact.party]
            membership = existing.get((person.pk, party.pk, fact.role, fact.source))
            if membership is None:
                membership = PartyMembership(
                    person=person,
                    party=party,
                    role=fact.role,
                    start=fact.start,
                    end=fact.end,
                    ended=fact.ended,
                    source=fact.source,
                )
                _save(membership, fact.label)
                statuses.append("created")
            elif (membership.start, membership.end, membership.ended) != (
                fact.start,
                fact.end,
                fact.ended,
            ):
                membership.start, membership.end = fact.start, fact.end
                membership.ended = fact.ended
                _save(membership, fact.label, update_fields=["start", "end", "ended"])
                statuses.append("updated")
            else:
                statuses.append("unchanged")
