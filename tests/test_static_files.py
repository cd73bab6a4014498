"""Static files as production serves them: hashed names from collectstatic, sent by whitenoise.

Tests normally use plain storage (see conftest.py); these switch to the production
storage and a throwaway STATIC_ROOT, collect, then serve through a fresh test client,
whose WhiteNoise middleware scans STATIC_ROOT when it is built on the first request.
"""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

# A hashed name: css/site.0123456789ab.css
HASHED_STYLESHEET = re.compile(r"/static/css/site\.[0-9a-f]{12}\.css")
ONE_YEAR = 365 * 24 * 60 * 60


@pytest.fixture
def production_static(tmp_path):
    """Settings as in production for static files, with STATIC_ROOT collected into tmp_path."""
    production = override_settings(
        DEBUG=False,
        STATIC_ROOT=tmp_path / "staticfiles",
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    )
    with production:
        call_command("collectstatic", interactive=False, verbosity=0)
    # Entering the settings again drops the storage collectstatic used, so the next
    # use reads the manifest it wrote, as a freshly started server would.
    with production:
        yield tmp_path / "staticfiles"


def cache_max_age(response) -> int:
    match = re.search(r"max-age=(\d+)", response.headers["Cache-Control"])
    assert match, response.headers["Cache-Control"]
    return int(match.group(1))


def test_collectstatic_writes_the_stylesheet_under_a_hashed_name(production_static):
    hashed = list((production_static / "css").glob("site.*.css"))

    assert [path.name for path in hashed if re.fullmatch(r"site\.[0-9a-f]{12}\.css", path.name)]
    assert (production_static / "staticfiles.json").exists()


def test_the_static_tag_gives_the_hashed_name(production_static, client):
    url = static("css/site.css")

    assert HASHED_STYLESHEET.fullmatch(url)
    html = client.get("/").content.decode()
    assert f'<link rel="stylesheet" href="{url}">' in html


def test_whitenoise_serves_the_hashed_stylesheet_cached_for_a_year_as_immutable(
    production_static,
):
    url = static("css/site.css")

    response = Client().get(url)

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")
    assert cache_max_age(response) >= ONE_YEAR
    assert "immutable" in response.headers["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert body == (settings.BASE_DIR / "static" / "css" / "site.css").read_bytes()


def test_whitenoise_sends_the_compressed_copy_to_browsers_that_accept_it(production_static):
    response = Client().get(static("css/site.css"), HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response.headers["Content-Encoding"] in {"gzip", "br"}
    assert "Accept-Encoding" in response.headers["Vary"]


def test_the_unhashed_name_is_not_cached_as_immutable(production_static):
    response = Client().get("/static/css/site.css")

    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"]
    assert cache_max_age(response) < ONE_YEAR
