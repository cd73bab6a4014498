"""The built-in CDN purge hook, against a real HTTP server on this machine."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles import cdn


class Recorder(BaseHTTPRequestHandler):
    """A caching proxy's purge endpoint: it notes what it was asked to drop."""

    heard: list[tuple[str, str]] = []

    def do_PURGE(self):
        self.answer()

    def do_BAN(self):
        self.answer()

    def answer(self):
        self.heard.append((self.command, self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.heard = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_each_path_is_purged_then_the_whole_site_banned(proxy, settings):
    settings.NEWSROOM_CDN_PURGE_URLS = [proxy]

    cdn.purge_by_http(["/articles/old-slug/", "/articles/new-slug/"])

    assert Recorder.heard == [
        ("PURGE", "/articles/old-slug/"),
        ("PURGE", "/articles/new-slug/"),
        ("BAN", "/"),
    ]


def test_a_cache_that_cannot_be_reached_is_logged_and_the_rest_still_told(proxy, settings, caplog):
    settings.NEWSROOM_CDN_PURGE_URLS = ["http://127.0.0.1:9", proxy]

    cdn.purge_by_http(["/"])

    assert Recorder.heard == [("PURGE", "/"), ("BAN", "/")]
    assert "Could not PURGE / at http://127.0.0.1:9" in caplog.text
