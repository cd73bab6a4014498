"""What a person was on a given day, read from their spells, posts and candidacies.

The rules live here once, over plain lists, so they serve both a `Person` whose
relations are prefetched (`Person.membership_on()` and the rest) and a story page
that reads the records of everyone it names in three queries (`records_for()`)
rather than through a prefetch per person.
"""

from dataclasses import dataclass
from datetime import date


def begun(spell) -> tuple:
    """Sort key: spells by start, undated ones first, then in the order recorded.

    Sources often give no dates, and a person who moved usually has the old spell
    recorded first, so recording order is the best guess when dates are missing.
    """
    return (spell.start is not None, spell.start, spell.pk)


def latest_begun(spells):
    """The spell begun most recently (`begun`), or None."""
    return max(spells, key=begun, default=None)


def spells_current(spells, today: date) -> list:
    """Spells not over on `today`."""
    return [spell for spell in spells if spell.is_current(today=today)]


def spell_on(spells, day: date):
    """The spell held on `day`; where spells overlap, the one begun most recently."""
    return latest_begun([spell for spell in spells if spell.was_current_on(day)])


def posts_on(posts, day: date) -> list:
    """The posts held on `day`, the latest begun first."""
    return sorted((post for post in posts if post.was_current_on(day)), key=begun, reverse=True)


def candidacy_around(candidacies, day: date):
    """The candidacy whose campaign `day` falls in; the latest election if several."""
    around = [c for c in candidacies if c.election.campaign_includes(day)]
    return max(around, key=lambda c: (c.election.date, c.pk), default=None)


@dataclass(frozen=True)
class Record:
    """One person's spells, posts and candidacies, each with what displaying them needs."""

    memberships: tuple = ()
    posts: tuple = ()
    candidacies: tuple = ()

    def membership_on(self, day: date):
        return spell_on(self.memberships, day)

    def current_membership(self, today: date):
        return latest_begun(spells_current(self.memberships, today))

    def posts_on(self, day: date) -> list:
        return posts_on(self.posts, day)

    def candidacy_around(self, day: date):
        return candidacy_around(self.candidacies, day)


def records_for(person_ids) -> dict[int, Record]:
    """The records of these people, by id: three queries, whatever the number of people.

    Everyone asked about has a record, empty if nothing is known of them.
    """
    from .models import Candidacy, PartyMembership, PostHeld

    ids = set(person_ids)
    if not ids:
        return {}
    found: dict[int, dict[str, list]] = {pk: {} for pk in ids}
    for name, rows in (
        ("memberships", PartyMembership.objects.select_related("party")),
        ("posts", PostHeld.objects.select_related("place", "party")),
        ("candidacies", Candidacy.objects.select_related("election__place", "party")),
    ):
        for row in rows.filter(person_id__in=ids):
            found[row.person_id].setdefault(name, []).append(row)
    return {
        pk: Record(**{name: tuple(rows) for name, rows in lists.items()})
        for pk, lists in found.items()
    }
