"""The page cache: anonymous readers' pages, feeds and sitemaps served from Django's cache.

What is cached
--------------
GET and HEAD requests for views marked `@public_page`, answered 200 or 301, from a
request with no session cookie, whose response sets no cookie and is not marked
private or no-store. Signed-in staff, previews and share links, the admin and every
form post are never cached. Entries live in the default cache: Redis when
`REDIS_URL` is set, so every app server shares them, else this process's memory.

Staying exact
-------------
Every entry is stamped with the site's content *generation*, a token kept in the same
cache, so every app server sharing it agrees. Any change a reader could see (the
signal handlers in `articles/signals.py` say which) starts a new generation once its
transaction has committed, and an entry stamped with another generation is never
served. A request reads the generation before it renders, so a page rendered from
rows that were about to change is stamped with the generation that change ends.

Scheduled stories need no writer and no cron job: a generation records when the next
scheduled story goes out, no entry outlives that moment, and the first request after
it starts a new generation.

Headers
-------
Responses to marked views carry `Cache-Control` for browsers and CDNs (`max-age`,
`s-maxage`, `stale-while-revalidate`, each bounded by the next scheduled story),
`Last-Modified` (when the generation began) and an `ETag`; with
`django.middleware.http.ConditionalGetMiddleware` outside this one, a matching
conditional GET gets a 304. When a generation ends after a change, the function named
by `NEWSROOM_CDN_PURGE` (see `articles/cdn.py`) is called with the changed paths, so a
CDN can drop its copies too.

`NEWSROOM_PAGE_CACHE_SECONDS = 0` turns the cache off (pages still carry their
headers, with no shared max-age), for measuring and debugging.
"""

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.module_loading import import_string

GENERATION_KEY = "newsroom:page-generation"
# A generation record outlives any entry; if it is ever lost, a new generation starts.
GENERATION_SECONDS = 24 * 60 * 60
ENTRY_PREFIX = "newsroom:page:"
CACHED_STATUSES = {200, 301}
# How long browsers may keep a page without asking again, at most.
BROWSER_SECONDS = 60
# How long a CDN may serve a copy while it fetches a fresh one.
STALE_WHILE_REVALIDATE = 60
# Response headers an entry keeps; the rest are the server's to set per response.
KEPT_HEADERS = {
    "content-type",
    "location",
    "x-robots-tag",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
    "content-language",
    "etag",
}

_changes = threading.local()


def public_page(view):
    """Mark a view whose anonymous GETs may be cached and served to every reader."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapped.public_page = True
    return wrapped


def page_cache_seconds() -> int:
    return settings.NEWSROOM_PAGE_CACHE_SECONDS


# --- Generations -------------------------------------------------------------------------


@dataclass(frozen=True)
class Generation:
    """One span of time in which nothing a reader can see has changed."""

    token: str
    started: float
    # When the next scheduled story goes out (a Unix time), or None if none is scheduled.
    next_publication: float | None

    def ended_by_schedule(self, now: float) -> bool:
        return self.next_publication is not None and now >= self.next_publication

    def seconds_left(self, now: float, limit: int) -> int:
        """How long an entry made now may live: `limit`, or less if a story is due sooner."""
        if self.next_publication is None:
            return limit
        return max(0, min(limit, int(self.next_publication - now)))


def next_publication() -> float | None:
    """When the next scheduled story goes out, as a Unix time."""
    from .models import Article

    moment = (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return moment.timestamp() if moment else None


def start_generation(now: float | None = None) -> Generation:
    """End the current generation, whatever it was, and begin a new one."""
    generation = Generation(
        token=secrets.token_hex(8),
        started=time.time() if now is None else now,
        next_publication=next_publication(),
    )
    cache.set(GENERATION_KEY, generation, timeout=GENERATION_SECONDS)
    return generation


def current_generation(found: Generation | None, now: float) -> Generation:
    """The generation in force: `found` (read from the cache), unless it has ended."""
    if found is None or found.ended_by_schedule(now):
        return start_generation(now)
    return found


def content_changed(*paths: str) -> None:
    """Something readers can see changed: end the generation once the change is committed.

    `paths` are addresses known to show the change (a story's own), passed on to the
    CDN purge hook; listings change too, so the hook is told the whole site changed.
    Called many times in one transaction, it ends the generation once, after commit:
    the first of the callbacks acts on everything pending and the rest find nothing.
    """
    pending = getattr(_changes, "paths", None)
    if pending is None:
        pending = _changes.paths = set()
    pending.update(paths)
    _changes.pending = True
    transaction.on_commit(_committed, robust=True)


def _committed() -> None:
    if not getattr(_changes, "pending", False):
        return
    paths, _changes.paths, _changes.pending = getattr(_changes, "paths", set()), set(), False
    start_generation()
    hook = getattr(settings, "NEWSROOM_CDN_PURGE", "")
    if hook:
        import_string(hook)(sorted(paths))


# --- The middleware ----------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    generation: str
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        # Served before CommonMiddleware would count it.
        response.headers["Content-Length"] = str(len(self.content))
        return response


def entry_key(request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return ENTRY_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def is_for_readers(request) -> bool:
    """A GET or HEAD with no session: nothing personal can be in its answer."""
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


class PageCacheMiddleware:
    """Serves readers' pages from the cache, stores the ones it may, and labels them all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        generation = None
        if page_cache_seconds() > 0 and is_for_readers(request):
            now = time.time()
            key = entry_key(request)
            found = cache.get_many([GENERATION_KEY, key])
            generation = current_generation(found.get(GENERATION_KEY), now)
            entry = found.get(key)
            if entry is not None and entry.generation == generation.token:
                return self.label(entry.response(), generation, now, hit=True)
        response = self.get_response(request)
        if getattr(request, "public_page", False) and request.method in ("GET", "HEAD"):
            self.finish(request, response, generation)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Function views are marked by @public_page; feeds carry it as a class attribute.
        request.public_page = getattr(view_func, "public_page", False)

    def finish(self, request, response, generation: Generation | None) -> None:
        """Label a freshly rendered public page, and store it if readers may share it."""
        if response.has_header("Cache-Control"):
            return  # the view said how it may be kept (a preview: not at all)
        if not is_for_readers(request):
            patch_cache_control(response, private=True, no_cache=True)
            return
        now = time.time()
        if generation is None:  # the page cache is off
            patch_cache_control(response, public=True, max_age=0)
            return
        if not self.cacheable(response):
            return
        self.label(response, generation, now, hit=False)
        timeout = generation.seconds_left(now, page_cache_seconds())
        if timeout > 0:
            cache.set(entry_key(request), self.entry(response, generation), timeout=timeout)

    @staticmethod
    def cacheable(response) -> bool:
        return (
            response.status_code in CACHED_STATUSES
            and not response.cookies
            and not getattr(response, "streaming", False)
        )

    @staticmethod
    def entry(response, generation: Generation) -> Entry:
        headers = tuple(
            (name, value)
            for name, value in response.headers.items()
            if name.lower() in KEPT_HEADERS
        )
        return Entry(generation.token, response.status_code, headers, response.content)

    @staticmethod
    def label(response, generation: Generation, now: float, *, hit: bool):
        """Headers for browsers and CDNs: how long to keep it, and how to ask again."""
        shared = generation.seconds_left(now, page_cache_seconds())
        patch_cache_control(
            response,
            public=True,
            max_age=min(BROWSER_SECONDS, shared),
            s_maxage=shared,
            stale_while_revalidate=STALE_WHILE_REVALIDATE,
        )
        response.headers["Last-Modified"] = http_date(generation.started)
        if not response.has_header("ETag"):
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response.headers["ETag"] = f'"{digest}"'
        response.headers["X-Cache"] = "hit" if hit else "miss"
        return response
