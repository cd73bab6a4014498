"""RSS and Atom feeds of the published stories about one person, party or constituency."""

from articles.feeds import AtomFeed, EntityFeed

from .models import Constituency, Party, Person


class PersonFeed(EntityFeed):
    model = Person


class PartyFeed(EntityFeed):
    model = Party


class ConstituencyFeed(EntityFeed):
    model = Constituency


class PersonAtomFeed(AtomFeed, PersonFeed):
    pass


class PartyAtomFeed(AtomFeed, PartyFeed):
    pass


class ConstituencyAtomFeed(AtomFeed, ConstituencyFeed):
    pass
