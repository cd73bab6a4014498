"""Who was in which party when a story came out.

A story about Lutfur Rahman in 2012 should show the affiliation he had in 2012, not
today's: readers of the archive must not be told a person's present party as if it
were the one the story describes. Each person named in a story is shown with their
spell on the story's local publication date, and the current one beside it when the
party differs ("Independent, now Aspire"). Someone standing for election when the story
came out is shown as that candidate. A story with no publication date yet (a preview) is
read as of today.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from people.models import Candidacy, PartyMembership, Person, PostHeld
from people.records import records_for

from .models import Article


@dataclass(frozen=True)
class PersonInStory:
    """A person named in a story: what they were on its date, and what they are now.

    `stood` is the candidacy whose campaign the story's date falls in, if any: a story
    from then describes them as that candidate ("the Liberal Democrat candidate"), which
    outranks a spell (`then`) the sources may not have dated. `posts_then` are the posts
    they held that day ("Mayor of Tower Hamlets"); `now` is the current spell.
    """

    person: Person
    then: PartyMembership | None
    now: PartyMembership | None
    stood: Candidacy | None = None
    posts_then: tuple[PostHeld, ...] = ()

    @property
    def party_then(self) -> tuple[bool, int | None]:
        """(known, party id) on the story's date; None as the id means independent."""
        if self.stood is not None and not self.stood.party_not_stated:
            return True, self.stood.party_id
        if self.then is not None:
            return True, self.then.party_id
        return False, None

    @property
    def moved_since(self) -> bool:
        """Their affiliation today differs from the one they had on the story's date."""
        if self.now is None:
            return False
        known, party_id = self.party_then
        return not known or party_id != self.now.party_id


def story_day(article: Article) -> date:
    """The local (Europe/London) date readers see on the story; today if it has none."""
    if article.published_at is None:
        return timezone.localdate()
    return timezone.localdate(article.published_at)


def people_as_of(article: Article) -> list[PersonInStory]:
    """The story's people with their affiliations then and now.

    Reads `for_detail()`'s prefetch of the people, then everyone's spells, posts and
    candidacies in three queries (`people.records.records_for`).
    """
    links = list(article.person_links.all())
    known = records_for(link.person_id for link in links)
    day, today = story_day(article), timezone.localdate()
    return [
        PersonInStory(
            person=link.person,
            then=record.membership_on(day),
            now=record.current_membership(today),
            stood=record.candidacy_around(day),
            posts_then=tuple(record.posts_on(day)),
        )
        for link in links
        for record in [known[link.person_id]]
    ]
