"""Narrowing a search: by section, by the person a story is about, and by date.

The search page's GET parameters, each optional and combinable with the words:

    section=<slug>   stories in that section
    person=<slug>    stories linked to that person
    from=YYYY-MM-DD  stories published on or after that day (the site's clock)
    to=YYYY-MM-DD    ... on or before that day

A value that cannot be what it claims (a date that is no date, "to" before "from", a
slug with characters no slug has) is left out of the search, and `errors` says so
in words a reader can act on; nothing here raises. A well-formed slug that names no
section or person simply finds nothing.

Each filter is a condition on the published stories the engines search, so the
search stays what it was: the newest matches of the words, read by the engine's
index (`results.MOST_RANKED`), then these conditions on those few rows. The person
filter reads the person's links by their index, never every story.
"""

from dataclasses import dataclass, field
from datetime import date

from django.http import QueryDict

from ..models import ArticlePerson
from ..querysets import ArticleQuerySet, archive_span
from .query import clean

PARAMETERS = ("section", "person", "from", "to")
# Longer than any slug the models allow.
MAX_SLUG_LENGTH = 255
DATE_FORMAT_EXAMPLE = "2024-05-31"


@dataclass(frozen=True)
class SearchFilters:
    section: str = ""
    person: str = ""
    since: date | None = None
    until: date | None = None
    errors: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.section or self.person or self.since or self.until)

    @classmethod
    def from_params(cls, params: QueryDict) -> "SearchFilters":
        """The filters the reader asked for, without any that make no sense, and why."""
        errors: list[str] = []
        section = _slug(params.get("section", ""), "section", errors)
        person = _slug(params.get("person", ""), "person", errors)
        since = _date(params.get("from", ""), "From", errors)
        until = _date(params.get("to", ""), "To", errors)
        if since and until and since > until:
            errors.append("The “from” date is after the “to” date, so the dates were not used.")
            since = until = None
        return cls(section, person, since, until, tuple(errors))

    def apply(self, articles: ArticleQuerySet) -> ArticleQuerySet:
        if self.section:
            articles = articles.filter(section__slug=self.section)
        if self.person:
            about = ArticlePerson.objects.filter(person__slug=self.person).values("article_id")
            articles = articles.filter(pk__in=about)
        if self.since:
            articles = articles.filter(published_at__gte=archive_span(*_parts(self.since))[0])
        if self.until:
            articles = articles.filter(published_at__lt=archive_span(*_parts(self.until))[1])
        return articles


def _parts(day: date) -> tuple[int, int, int]:
    return day.year, day.month, day.day


def _slug(value: str, name: str, errors: list[str]) -> str:
    value = value.strip()
    if len(value) > MAX_SLUG_LENGTH or not all(
        char.isascii() and (char.isalnum() or char in "-_") for char in value
    ):
        errors.append(f"There is no such {name}, so the search is not limited to one.")
        return ""
    return value


def _date(value: str, label: str, errors: list[str]) -> date | None:
    value = value.strip()
    if not value:
        return None
    parts = value.split("-")
    well_formed = len(value) == 10 and len(parts) == 3
    if well_formed and all(part.isascii() and part.isdigit() for part in parts):
        try:
            day = date(*(int(part) for part in parts))
            archive_span(*_parts(day))  # the day after it must exist too
            return day
        except ValueError:
            pass
    shown = clean(value[:20]).strip() + ("…" if len(value) > 20 else "")
    errors.append(
        f"{label}: “{shown}” is not a date. Use the form {DATE_FORMAT_EXAMPLE}; "
        "the search ran without it."
    )
    return None
