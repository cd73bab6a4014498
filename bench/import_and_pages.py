"""Benchmark: import throughput and public page speed on a synthetic newsroom.

Prints figures; asserts nothing. Runs against a throwaway SQLite database unless
BENCH_DATABASE_URL is set (e.g. to a scratch PostgreSQL database).

    .venv/bin/python bench/import_and_pages.py [number-of-articles]
"""

import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
scratch = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["DJANGO_HASHED_STATIC"] = "0"
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article  # noqa: E402

PARAGRAPH = (
    "Rushanara Ali, the Labour candidate for Bethnal Green and Stepney, was canvassing "
    "when George Galloway's Workers Party of Britain announced a rival. Mr Galloway said "
    "the Green Party and the Liberal Democrats would also stand. Ali declined to comment."
)


def write_stories(folder: Path, count: int) -> None:
    for number in range(count):
        if number % 2:
            text = (
                f"---\ntitle: Story number {number}\ndate: 2024-06-{number % 28 + 1:02d}\n"
                f"tags: [elections, story-{number % 10}]\nsection: politics\n---\n\n"
                + "\n\n".join([PARAGRAPH] * 12)
            )
            (folder / f"story-{number}.md").write_text(text)
        else:
            text = (
                f"Plain story number {number}\n\nA standfirst for it\n\n"
                f"Friday, 25th March 2022 — By A Reporter\n\n" + "\n\n".join([PARAGRAPH] * 12)
            )
            (folder / f"story-{number}.txt").write_text(text)


def timed(label: str, function, repeat: int = 1) -> None:
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    elapsed = (time.perf_counter() - start) / repeat
    print(f"{label:<45} {elapsed * 1000:9.1f} ms")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    call_command("migrate", verbosity=0)
    stories = scratch / "stories"
    stories.mkdir()
    write_stories(stories, count)
    quiet = {"stdout": StringIO(), "stderr": StringIO(), "no_progress": True}

    start = time.perf_counter()
    call_command("import_seeds", path=[stories], **quiet)
    elapsed = time.perf_counter() - start
    print(f"{'first import of ' + str(count) + ' files':<45} {elapsed:9.2f} s")
    print(f"{'  per file':<45} {elapsed / count * 1000:9.1f} ms")
    timed("re-import, all unchanged", lambda: call_command("import_seeds", path=[stories], **quiet))

    client = Client()
    article = Article.objects.published().order_by("?").first()
    pages = {
        "front page": "/",
        "article page": article.get_absolute_url(),
        "section page": article.section.get_absolute_url(),
        "person page": article.people.first().get_absolute_url(),
        "party page": article.parties.first().get_absolute_url(),
        "constituency page": article.constituencies.first().get_absolute_url(),
        "search, a rare word": "/search/?q=Plain+story+number+7",
        "search, a word in every story": "/search/?q=Galloway",
        "site RSS feed": "/feeds/rss/",
        "articles sitemap": "/sitemap-articles.xml",
    }
    for label, url in pages.items():
        status = client.get(url).status_code
        if status != 200:
            print(f"{label}: HTTP {status}")
            continue
        with CaptureQueriesContext(connection) as queries:
            timed(f"{label}", lambda url=url: client.get(url), repeat=20)
        print(f"{'  queries per request':<45} {len(queries) // 20:9d}")


if __name__ == "__main__":
    main()
