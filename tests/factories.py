"""Small helpers that make valid objects with sensible defaults."""

from datetime import datetime
from itertools import count
from zoneinfo import ZoneInfo

from articles.models import Article, Section
from people.models import Constituency, Party, Person

LONDON = ZoneInfo("Europe/London")
_numbers = count(1)


def london(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def make_section(name: str = "News", slug: str | None = None) -> Section:
    section, _ = Section.objects.get_or_create(
        slug=slug or name.lower().replace(" ", "-"), defaults={"name": name}
    )
    return section


def make_article(**fields) -> Article:
    """A published article unless told otherwise."""
    number = next(_numbers)
    fields.setdefault("title", f"Story number {number}")
    fields.setdefault("slug", f"story-{number}")
    fields.setdefault("standfirst", "A standfirst.")
    fields.setdefault("body", "A paragraph of body text.")
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("published_at", london(2024, 5, 1))
    if "section" not in fields:
        fields["section"] = make_section()
    tags = fields.pop("tags", [])
    article = Article.objects.create(**fields)
    if tags:
        article.tags.add(*tags)
    return article


def make_person(name: str, **fields) -> Person:
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    return Person.objects.create(name=name, **fields)


def make_party(name: str, **fields) -> Party:
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    return Party.objects.create(name=name, **fields)


def make_constituency(name: str, kind=Constituency.Kind.WESTMINSTER, **fields) -> Constituency:
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    return Constituency.objects.create(name=name, kind=kind, **fields)
