"""System checks for settings that work on a laptop but not on a real site."""

from django.conf import settings
from django.core.checks import Warning, register

LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"


@register(deploy=True)
def page_cache_shared(app_configs, **kwargs):
    """The page cache in local memory is right for one process, stale with several."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.NEWSROOM_PAGE_CACHE_SECONDS > 0 and backend == LOCAL_MEMORY:
        return [
            Warning(
                "Readers' pages are cached in each process's own memory, so a change made "
                "through one app server or worker is not seen by the others until their "
                "copies expire.",
                hint="Set REDIS_URL so every app server shares one cache, or set "
                "NEWSROOM_PAGE_CACHE_SECONDS=0.",
                id="articles.W001",
            )
        ]
    return []
