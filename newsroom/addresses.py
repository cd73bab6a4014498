"""Page addresses, worked out once for each name and slug.

A reader's page links the same sections, people and stories many times over, and
Django's `reverse()` rebuilds each address from the URL patterns every time. An
address depends only on the URL configuration, the script prefix and the arguments,
so it is remembered on exactly those; a changed URL configuration is a new key.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Enough for every section, tag, person and page of stories a busy site links often.
REMEMBERED = 20_000


def address(name: str, *args) -> str:
    """`reverse(name, args=args)`, remembered."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed(urlconf, get_script_prefix(), name, args)


@lru_cache(maxsize=REMEMBERED)
def _reversed(urlconf: str, prefix: str, name: str, args: tuple) -> str:
    return reverse(name, args=args, urlconf=urlconf)
