"""Scratch stores the benchmark fills and throws away: databases, and the Redis cache.

SQLite databases are files in the run's temporary folder. With a PostgreSQL server URL
(BENCH_DATABASE_URL) each scratch database is created on that server and dropped after use,
so a run never touches a database it did not make.
"""

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from errors import BenchError

POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}


def is_postgres(server_url: str | None) -> bool:
    return bool(server_url) and urlsplit(server_url).scheme in POSTGRES_SCHEMES


@contextmanager
def scratch_database(
    name: str, *, server_url: str | None, folder: Path, keep: bool
) -> Iterator[str]:
    """An empty database for `name`; yields its DATABASE_URL and drops it afterwards."""
    if not server_url:
        yield f"sqlite:///{(folder / f'{name}.sqlite3').resolve()}"
        return
    database = f"newsroom_bench_{name}_{os.getpid()}"
    _postgres_admin(server_url, f'CREATE DATABASE "{database}"')
    try:
        yield urlunsplit(urlsplit(server_url)._replace(path=f"/{database}"))
    finally:
        if keep:
            print(f"kept PostgreSQL database {database}")
        else:
            _postgres_admin(server_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def postgres_version(server_url: str) -> str:
    return str(_postgres_admin(server_url, "SHOW server_version"))


def _postgres_admin(server_url: str, statement: str) -> object:
    """Run one statement outside a transaction (CREATE/DROP DATABASE need that); its value."""
    import psycopg  # only PostgreSQL runs need the driver

    try:
        with psycopg.connect(server_url, autocommit=True) as connection:
            cursor = connection.execute(statement)
            row = cursor.fetchone() if cursor.description else None
    except psycopg.Error as error:
        raise BenchError(f"PostgreSQL at {_without_password(server_url)}: {error}") from None
    return row[0] if row else None


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(parts._replace(netloc=f"{user}{host}{port}"))


def flush_redis(url: str) -> None:
    """Empty the Redis database in `url`, so no page cached for another archive is served.

    Speaks the Redis protocol over a socket: the project's virtualenv need not have a client.
    """
    parts = urlsplit(url)
    database = parts.path.strip("/") or "0"
    commands = [["SELECT", database], ["FLUSHDB"]]
    if parts.password:
        commands.insert(0, ["AUTH", parts.password])
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=10) as sock:
            for command in commands:
                sock.sendall(_resp(command))
                reply = sock.recv(1024)
                if not reply.startswith(b"+"):
                    raise BenchError(f"Redis at {url} refused {command[0]}: {reply!r}")
    except OSError as error:
        raise BenchError(f"Redis at {url} cannot be reached: {error}") from None


def _resp(command: list[str]) -> bytes:
    encoded = [part.encode() for part in command]
    return b"*%d\r\n" % len(encoded) + b"".join(
        b"$%d\r\n%s\r\n" % (len(part), part) for part in encoded
    )
