"""One import at a time per database.

Two imports run at once would both find a source, a tag or a party missing and both
create it; the second then fails on the unique index (or reports a false failure
for every file). So an import holds a lock for the whole run, and a second one waits
for the first to finish, then finds its work done and reports it unchanged.

On PostgreSQL the lock is an advisory lock held by the import's connection: it needs
no table, and ends with the connection should the import be killed. SQLite needs
none: it lets one connection write at a time, and an import's transactions wait
their turn (``timeout`` in the settings), so two runs already take turns; and nothing
else can reach an in-memory database.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connections

# Advisory locks are named by a 64-bit number; this one is the import's (a crc32 of
# "newsroom.import_seeds", so no other use of advisory locks is likely to pick it).
IMPORT_LOCK = 0xE3F1_EC7B


@contextmanager
def one_import_at_a_time(*, on_wait: Callable[[], None], using: str = "default") -> Iterator[None]:
    """Hold the import lock while the block runs; call `on_wait` first if another run has it."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [IMPORT_LOCK])
        (taken,) = cursor.fetchone()
        if not taken:
            on_wait()
            cursor.execute("SELECT pg_advisory_lock(%s)", [IMPORT_LOCK])
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [IMPORT_LOCK])
        except DatabaseError:
            pass  # the connection is gone, and the lock with it
