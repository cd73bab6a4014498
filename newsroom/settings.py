"""Newsroom settings.

Every value that differs between a laptop and production is read from the
environment here, and only here.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG")
# The fallback key only suits a laptop; `manage.py check --deploy` flags it.
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "django-insecure-newsroom-development-key-set-DJANGO_SECRET_KEY"
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
if env_flag("DJANGO_SECURE_PROXY_SSL"):
    # Behind a TLS-terminating proxy: trust its header so absolute URLs say https, send
    # plain-http requests to https, keep cookies off plain http, and have browsers use
    # nothing but https here for a year (HSTS).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 365 * 24 * 60 * 60))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "taggit",
    "reversion",
    "axes",
    "csp",
    "articles",
    "people",
    "reader",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so cached pages carry the policies too.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so cached pages get 304s for conditional GETs too.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before sessions and auth: a cached page for a reader costs one cache read.
    "articles.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a refused sign-in into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reader.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
# Concurrent admin saves wait for the write lock instead of failing with
# "database is locked": WAL lets readers carry on, IMMEDIATE takes the write
# lock at the start of a transaction, and the timeout says how long to wait.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    # Connections last one request, so a long cache of prepared statements serves only a
    # long import, where it holds every distinct bulk insert in memory.
    "cached_statements": 16,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: Redis when REDIS_URL is set, which every app server then shares (the page
# cache's invalidation reaches all of them); otherwise this process's memory, which
# suits `make run` and a single process only (see `articles.checks`).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("NEWSROOM_CACHE_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Sign-in throttling (django-axes; newsroom/accounts.py says why it locks what it locks).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSROOM_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("NEWSROOM_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "newsroom.accounts.client_ip"
AXES_LOCKOUT_CALLABLE = "newsroom.accounts.locked_out"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_flag("DJANGO_HASHED_STATIC", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Uploaded pictures and their renditions go to an S3-compatible bucket when one is
# named, so app servers keep no files of their own (credentials come from the usual
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); otherwise to MEDIA_ROOT.
if os.environ.get("NEWSROOM_MEDIA_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["NEWSROOM_MEDIA_BUCKET"],
            "endpoint_url": os.environ.get("NEWSROOM_MEDIA_ENDPOINT_URL") or None,
            "region_name": os.environ.get("NEWSROOM_MEDIA_REGION") or None,
            "custom_domain": os.environ.get("NEWSROOM_MEDIA_DOMAIN") or None,
            # Pictures are public: plain, stable addresses that pages and CDNs can keep.
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }


def media_origins() -> list[str]:
    """Where pictures load from besides this site: the bucket, or the CDN in front of it."""
    bucket = os.environ.get("NEWSROOM_MEDIA_BUCKET")
    if not bucket:
        return []
    if domain := os.environ.get("NEWSROOM_MEDIA_DOMAIN"):
        return [f"https://{domain}"]
    if endpoint := os.environ.get("NEWSROOM_MEDIA_ENDPOINT_URL"):
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}"]
    region = os.environ.get("NEWSROOM_MEDIA_REGION")
    regional = [f"https://{bucket}.s3.{region}.amazonaws.com"] if region else []
    return [f"https://{bucket}.s3.amazonaws.com", *regional]


# Content-Security-Policy (django-csp). Pages run only this site's own script files (the
# admin's: readers' pages have none) and load nothing from elsewhere but pictures from the
# media bucket. Inline scripts and <style> elements never run. Style *attributes* are
# allowed: party colours are set in them, and only a checked #rrggbb ever goes there
# (Party.display_colour); an attribute holds no selectors, and img-src stops url() calls.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, *media_origins()],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page here uses, switched off for every page (and anything it embeds).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        *("accelerometer", "camera", "display-capture", "geolocation", "gyroscope"),
        *("magnetometer", "microphone", "midi", "payment", "usb", "browsing-topics"),
    )
}

# Mail, for staff password resets: SMTP once EMAIL_HOST is set; until then each mail is
# printed to the log, which suits a laptop only (a reset link is a key to an account).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_SSL = env_flag("EMAIL_USE_SSL")
    EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", not EMAIL_USE_SSL)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
# A mailed reset link opens a staff account: it works for two hours, not Django's three days.
PASSWORD_RESET_TIMEOUT = 2 * 60 * 60

# Newsroom's own limits. An import refuses files larger than this outright.
NEWSROOM_IMPORT_MAX_BYTES = int(os.environ.get("NEWSROOM_IMPORT_MAX_BYTES", 2 * 1024 * 1024))
NEWSROOM_PICTURE_MAX_PIXELS = 40_000_000
# A picture file is read whole to check it and strip its metadata; larger ones are refused.
NEWSROOM_PICTURE_MAX_BYTES = 50 * 1024 * 1024
NEWSROOM_PICTURE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
# How long readers' pages stay in the page cache at most (changes end them sooner);
# 0 turns the page cache off.
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", 600))
# A function called with the changed paths when content changes, to purge a CDN
# (see articles/cdn.py), and the caches the built-in one tells.
NEWSROOM_CDN_PURGE = os.environ.get("NEWSROOM_CDN_PURGE", "")
NEWSROOM_CDN_PURGE_URLS = env_list("NEWSROOM_CDN_PURGE_URLS", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
