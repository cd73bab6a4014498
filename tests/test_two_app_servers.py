"""Two app servers sharing one PostgreSQL and one Redis behave as one site.

Each is a real gunicorn process on this machine, reading the test database and a
Redis database under a key prefix of this test's own. An editor publishes through
one; a reader of the other sees it on the next request, though both had the front
page cached. Then the editor takes it down through the other.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import global_settings, settings
from django.db import connection

from articles.models import Article
from tests.factories import london, make_article
from tests.services import REDIS_URL, need_redis

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "two-servers-one-site"
BASE_DIR = settings.BASE_DIR
START_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database, as the app servers must reach it."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@contextmanager
def app_server(env: dict[str, str], log: Path):
    """A gunicorn serving the project on a free port; yields its base URL."""
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(gunicorn), "newsroom.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


class Browser:
    """Cookies and forms over plain HTTP, enough to log in to the admin and post."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, path: str):
        with self.opener.open(self.base + path, timeout=10) as response:
            return response.headers, response.read().decode()

    def post(self, path: str, data: dict) -> str:
        _, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
        request = urllib.request.Request(
            self.base + path, data=body.encode(), headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=10) as response:
            return response.read().decode()

    def log_in(self, username: str) -> None:
        page = self.post("/admin/login/?next=/admin/", {"username": username, "password": PASSWORD})
        assert "Log out" in page or "logout" in page, "the editor could not log in"

    def bulk_action(self, action: str, article: Article) -> None:
        self.post(
            "/admin/articles/article/?workflow=all",
            {"action": action, "_selected_action": [str(article.pk)], "index": "0"},
        )


def front_page(base: str) -> tuple[str, str]:
    """What an anonymous reader gets: whether it was cached, and the page."""
    with urllib.request.urlopen(base + "/", timeout=10) as response:
        return response.headers.get("X-Cache", ""), response.read().decode()


def test_a_publish_through_one_app_server_shows_on_the_other_at_once(
    django_user_model, tmp_path, settings
):
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share PostgreSQL: run with DATABASE_URL=postgres://…")
    need_redis()
    # The servers check passwords with the project's own hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    # A superuser: the roles' groups come from a data migration that transactional
    # tests' flushes remove, and who may publish is not what this test is about.
    django_user_model.objects.create_superuser("ed", password=PASSWORD)
    make_article(title="Already out", published_at=london(2024, 6, 1))
    draft = make_article(title="Count under way", status=Article.Status.DRAFT, published_at=None)
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith("DJANGO")},
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "NEWSROOM_CACHE_PREFIX": f"two-servers-{time.time_ns()}",
        "NEWSROOM_PAGE_CACHE_SECONDS": "600",
        "DJANGO_SECRET_KEY": "two-servers-one-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HASHED_STATIC": "0",
    }

    with app_server(env, tmp_path / "one.log") as one, app_server(env, tmp_path / "two.log") as two:
        for base in (one, two):
            front_page(base)
            cached, page = front_page(base)
            assert cached == "hit"
            assert "Count under way" not in page

        editor_on_one = Browser(one)
        editor_on_one.log_in("ed")
        editor_on_one.bulk_action("publish_now", draft)

        for base in (two, one):
            cached, page = front_page(base)
            assert cached == "miss", base
            assert "Count under way" in page, base

        editor_on_two = Browser(two)
        editor_on_two.log_in("ed")
        editor_on_two.bulk_action("unpublish", draft)

        for base in (one, two):
            assert "Count under way" not in front_page(base)[1], base
