"""Telling a CDN or caching proxy that pages changed: the built-in purge hook.

The page cache calls the function named by `NEWSROOM_CDN_PURGE` once a change readers
can see has committed, with the paths known to show it (a story's current and former
addresses). Listings, feeds and entity pages change with them, so a purge should
drop the whole site, and the paths are there for caches that can only purge by URL.

`purge_by_http` suits Varnish and Nginx-style caches: for each base URL in
`NEWSROOM_CDN_PURGE_URLS` it sends `PURGE <path>` for each path, then `BAN /` for
everything. A Varnish configuration that honours both, from trusted addresses only:

    acl purgers { "127.0.0.1"; }
    sub vcl_recv {
        if (req.method == "PURGE" && client.ip ~ purgers) { return (purge); }
        if (req.method == "BAN" && client.ip ~ purgers) {
            ban("req.http.host == " + req.http.host);
            return (synth(200, "Banned"));
        }
    }

For Cloudflare, Fastly or CloudFront, write a function with the same signature,
`purge(paths: list[str]) -> None`, that calls their API, and name it in the setting.
Whatever a purge does, pages carry `s-maxage` no longer than the page cache keeps them
and never past the next scheduled story, so a missed purge ages out by itself.
"""

import logging
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 2


def purge_by_http(paths: list[str]) -> None:
    """PURGE each path, then BAN the whole site, at every cache named in the settings."""
    for base in settings.NEWSROOM_CDN_PURGE_URLS:
        for method, path in [*(("PURGE", path) for path in paths), ("BAN", "/")]:
            request = urllib.request.Request(base.rstrip("/") + path, method=method)
            try:
                urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS).close()
            except (urllib.error.URLError, OSError) as error:
                # The change is saved; the cache's copy ages out by its s-maxage.
                logger.warning("Could not %s %s at %s: %s", method, path, base, error)
