"""One compiled entity linker per process, rebuilt when people, parties or places change.

Building an `EntityLinker` reads every person, party and place (three queries) and
compiles two regular expressions, too much to repeat on every admin save. So each
process keeps the linker it last built, with the version it was built under, and
`current_linker()` rebuilds only when the version differs.

The version is two things. A token in the shared cache, replaced whenever a person,
party or place is saved or deleted: at once (so the process making the change sees it
in its own transaction) and again once the change commits (so no process keeps a
linker built from the rows as they were just before the commit). And the count and
highest key of each of the three tables, one query, which notices rows added or
removed without a signal (bulk writes, a lost cache entry). A save then costs one
cache read and one small query, not three queries and a compile.
"""

import secrets
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from people.models import Constituency, Party, Person

from .linking import EntityLinker

VERSION_KEY = "newsroom:entity-linker-version"
ENTITY_MODELS = (Person, Party, Constituency)


class _Built(NamedTuple):
    version: tuple
    linker: EntityLinker


_built: _Built | None = None


def current_linker() -> EntityLinker:
    """The linker for the people, parties and places as they are now."""
    global _built
    # The version is read before the rows, so a change that lands while the linker is
    # being built leaves a newer version behind, and the next call builds again.
    version = (_token(), _table_shape())
    built = _built
    if built is not None and built.version == version:
        return built.linker
    linker = EntityLinker.from_database()
    _built = _Built(version, linker)
    return linker


def entities_changed(**kwargs) -> None:
    """A person, party or place changed (a fixture load too): every linker is out of date."""
    _new_token()
    transaction.on_commit(_new_token, robust=True)


def connect() -> None:
    for model in ENTITY_MODELS:
        uid = f"articles.linking_cache.{model.__name__}"
        post_save.connect(entities_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(entities_changed, sender=model, dispatch_uid=uid)


def _new_token() -> str:
    token = secrets.token_hex(8)
    cache.set(VERSION_KEY, token, timeout=None)
    return token


def _token() -> str:
    return cache.get(VERSION_KEY) or _new_token()


def _table_shape() -> tuple:
    """Count and highest key of people, parties and places: one query."""
    columns = []
    for model in ENTITY_MODELS:
        table = connection.ops.quote_name(model._meta.db_table)
        key = connection.ops.quote_name(model._meta.pk.column)
        columns += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX({key}) FROM {table})"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}")
        return tuple(cursor.fetchone())
