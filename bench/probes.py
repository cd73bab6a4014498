"""Single HTTP requests around a load run: is the server up, does the page answer 200, warm it.

Redirects are not followed: a page that answers 301 is reported as 301, not timed as the page
it points to.
"""

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

REQUEST_TIMEOUT = 120  # seconds; generous, so a slow page on a large archive is timed, not lost
WARM_REQUESTS = 16
WARM_CONCURRENCY = 4  # more than one, so each gunicorn worker sees the page before timing


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


def status_of(url: str) -> int:
    """The HTTP status of one GET, with the body read in full as a reader's browser would."""
    try:
        with _opener.open(url, timeout=REQUEST_TIMEOUT) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_answering(url: str, *, timeout: float, still_running: Callable[[], bool]) -> bool:
    """Poll until the server answers with any HTTP status; False if it died or time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and still_running():
        try:
            status_of(url)
            return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    return False


def warm(url: str) -> None:
    """A few concurrent requests, so first-request costs stay out of the timed run."""
    with ThreadPoolExecutor(max_workers=WARM_CONCURRENCY) as pool:
        list(pool.map(lambda _: status_of(url), range(WARM_REQUESTS)))
