"""Dates as the site writes them for people: "1 May 2024", "1 May 2024 14:05".

Every layer may use these (messages, admin notes, importer reasons), so they live
here rather than in an app. A moment is shown in the site's time zone
(settings.TIME_ZONE); a date as it is. Built from the parts: strftime's `%-d` (the
day without its leading zero) is a glibc extension that other C libraries reject,
and `%B` follows the process's locale. Templates say the same with `|date:"j F Y"`.
"""

from datetime import date, datetime

from django.utils import timezone

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def human_date(value: date | datetime) -> str:
    """The day as people write it, "1 May 2024": a date's own, or a moment's local day."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def human_datetime(moment: datetime) -> str:
    """A moment in local time, to the minute: "1 May 2024 14:05"."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{human_date(local)} {local:%H:%M}"
