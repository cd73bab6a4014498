"""Formatting for political facts on reader pages: dates as known, claims, result bars.

They format what the page has loaded; they do not query. Every value returned is
plain text, so the template escapes it.
"""

from decimal import Decimal, InvalidOperation

from django import template

from people.colours import NEUTRAL_COLOUR
from people.models import Claim, DatePrecision

register = template.Library()

MACHINE_FORMATS = {DatePrecision.YEAR: "%Y", DatePrecision.MONTH: "%Y-%m"}


@register.filter
def machine_date(value, precision) -> str:
    """`{{ spell.start|machine_date:spell.start_precision }}`: "2010", "2010-06" or "2010-06-03".

    For a <time datetime> attribute, no more precise than the source.
    """
    if value is None:
        return ""
    return value.strftime(MACHINE_FORMATS.get(precision, "%Y-%m-%d"))


@register.filter
def party_colour(party) -> str:
    """The party's checked colour (`display_colour`), or the neutral grey for independents."""
    return party.display_colour if party is not None else NEUTRAL_COLOUR


@register.filter
def bar_width(share) -> str:
    """A vote share as a CSS percentage number between 0 and 100, whatever is stored."""
    try:
        number = Decimal(share)
    except (TypeError, ValueError, InvalidOperation):
        return "0"
    if not number.is_finite():
        return "0"
    return f"{min(max(number, Decimal(0)), Decimal(100)):f}"


@register.filter
def vote_share(share) -> str:
    """A stored share as readers write it: 54.90 as "54.9", 40.00 as "40"."""
    if share is None:
        return ""
    text = f"{Decimal(share):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _day(value) -> str:
    return f"{value.day} {value:%B} {value.year}"


@register.filter
def claim_status(claim: Claim) -> str:
    """Where a claim stands, as a claim: "Claimed by X on 3 June 2024; denied by Y"."""
    said = "Claimed"
    if claim.claimed_by:
        said += f" by {claim.claimed_by}"
    if claim.claimed_on:
        said += f" on {_day(claim.claimed_on)}"
    parts = [said]
    if claim.denied_by:
        parts.append(f"denied by {claim.denied_by}")
    if claim.status == Claim.Status.CONFIRMED:
        parts.append("confirmed")
    elif claim.status == Claim.Status.RETRACTED:
        parts.append("retracted")
    elif claim.status == Claim.Status.DENIED and not claim.denied_by:
        parts.append("denied")
    if claim.status != Claim.Status.CLAIMED and claim.status_changed_on:
        parts[-1] += f" on {_day(claim.status_changed_on)}"
    return "; ".join(parts)
