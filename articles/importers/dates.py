"""Finding publication dates in copy.

A full date (day, month and year) is taken as written. A weekday with a day
and month but no year ("Tuesday April 30") pins the date down too: it is the
latest such date, not after today, that fell on that weekday. Anything vaguer
is not a date, and the article goes to an editor rather than getting one made up.

Only dates a newsroom can mean are taken: 1800 to 2200, in UTC. Anything else is a
placeholder or a typo (0001-01-01, 9999-12-31), which PostgreSQL would store as 1 BC
or a time in the year 10000, and which pages, feeds and the admin cannot show; the
file is refused with the date as written.
"""

import re
from datetime import UTC, date, datetime, time

from django.utils import timezone

from newsroom.dates import human_date

from .base import DocumentError

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# How far back a year-less date may reach before we call it ambiguous.
INFERENCE_YEARS = 28
EARLIEST = datetime(1800, 1, 1, tzinfo=UTC)
LATEST = datetime(2201, 1, 1, tzinfo=UTC)  # not included

_month = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_weekday = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_year = r"(?P<year>\d{4})"
FULL_DATE_PATTERNS = [
    re.compile(
        rf"\b(?:{_weekday},?\s+)?(?:the\s+)?{_day}\s+(?:of\s+)?{_month},?\s+{_year}\b", re.I
    ),
    re.compile(rf"\b(?:{_weekday},?\s+)?{_month}\s+{_day},?\s+{_year}\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
]
PARTIAL_DATE_PATTERNS = [
    re.compile(rf"\b{_weekday},?\s+(?:the\s+)?{_day}\s+(?:of\s+)?{_month}\b(?!,?\s+\d{{4}})", re.I),
    re.compile(rf"\b{_weekday},?\s+{_month}\s+{_day}\b(?!,?\s+\d{{4}})", re.I),
]


def _month_number(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower().rstrip(".")]


def _make_date(year: int, month: int, day: int, written: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DocumentError(f"the date '{written}' does not exist") from None


def start_of_day(day: date) -> datetime:
    """Publication time for a story that gives only its date: the start of that day.

    The day starts in the newsroom's time zone, settings.TIME_ZONE (London).
    """
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


def in_newsroom_range(moment: datetime, *, written: str) -> datetime:
    """`moment`, if it falls in 1800 to 2200 once in UTC; else a DocumentError quoting `written`."""
    try:
        in_utc = moment.astimezone(UTC)
    except (OverflowError, ValueError):  # beyond year 1 or 9999 once in UTC
        in_utc = None
    if in_utc is None or not EARLIEST <= in_utc < LATEST:
        raise DocumentError(f"{written} is not a date a story can have (1800 to 2200 are accepted)")
    return moment


def find_full_date(text: str) -> tuple[date, str] | None:
    """The first full date written in `text`, and a warning if its weekday is wrong."""
    for pattern in FULL_DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            found = _make_date(
                int(match["year"]), _month_number(match["month"]), int(match["day"]), match[0]
            )
            weekday = match.groupdict().get("weekday")
            warning = ""
            if weekday and WEEKDAYS.index(weekday.lower()) != found.weekday():
                warning = f"The copy says '{match[0]}', but that date was a {found:%A}."
            return found, warning
    return None


def infer_date(text: str, *, today: date) -> date | None:
    """The latest date not after `today` matching the first "weekday day month" in `text`."""
    for pattern in PARTIAL_DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        month, day = _month_number(match["month"]), int(match["day"])
        weekday = WEEKDAYS.index(match["weekday"].lower())
        for year in range(today.year, today.year - INFERENCE_YEARS, -1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if candidate <= today and candidate.weekday() == weekday:
                return candidate
        return None
    return None


def parse_date_value(value: object, *, field: str) -> datetime:
    """A front-matter date (YAML date, datetime or string) as an aware datetime."""
    if isinstance(value, date):
        written = f"{field} {value.isoformat()}"
    elif isinstance(value, str):
        written = f"{field} '{value.strip()}'"
    else:
        raise DocumentError(f"{field} must be a date, not {type(value).__name__}")
    return in_newsroom_range(_date_value(value, field=field), written=written)


def _date_value(value: date | str, *, field: str) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else timezone.make_aware(value)
    if isinstance(value, date):
        return start_of_day(value)
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        found = find_full_date(text)
        if found is None:
            raise DocumentError(
                f"{field} '{text}' is not a date this importer understands"
            ) from None
        return start_of_day(found[0])
    if len(text) == 10:
        return start_of_day(parsed.date())
    return parsed if parsed.tzinfo else timezone.make_aware(parsed)


def date_article_from_copy(article, *, dateline: str, copy: str, today: date) -> None:
    """Give a ParsedArticle the date its dateline states or its copy pins down, or flag it.

    Only a dateline's full date is the publication date (a full date in the body
    is usually about something else). Never falls back to the import time: a
    made-up date is worse than none.
    """
    found = find_full_date(dateline)
    if found:
        day, warning = found
        article.published_at = in_newsroom_range(
            start_of_day(day), written=f"the dateline's date {human_date(day)}"
        )
        if warning:
            article.review_notes.append(warning)
        return
    inferred = infer_date(f"{dateline}\n{copy}", today=today)
    if inferred:
        article.published_at = in_newsroom_range(
            start_of_day(inferred), written=f"the inferred date {human_date(inferred)}"
        )
        article.date_inferred = True
        article.review_notes.append(
            f"Publication date {human_date(inferred)} was inferred from the weekday in the copy."
        )
        return
    article.is_draft = True
    article.review_notes.append("No publication date in the source: set one before publishing.")
