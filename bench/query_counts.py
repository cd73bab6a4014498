"""Print, as one JSON line, the SQL queries each given path runs per request.

A query whose count grows with the archive shows here before it shows in the timings.
Run by bench/run.py with the archive's DATABASE_URL; each path is requested once to warm
per-process caches, then counted on a second request (null when that is not a 200).

    DATABASE_URL=... .venv/bin/python bench/query_counts.py /path/ [/other/ ...]
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def queries_per_request(client: Client, path: str) -> int | None:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    return len(queries) if status == 200 else None


def main() -> None:
    client = Client()
    print(json.dumps({path: queries_per_request(client, path) for path in sys.argv[1:]}))


if __name__ == "__main__":
    main()
