"""App servers hold no state: the database, the cache and the media store come from settings.

`tests/test_two_app_servers.py` runs two servers against one database and one Redis;
these tests cover the settings that point at shared stores, and that pictures work
on a storage that is not this machine's disk.
"""

import json
import os
import subprocess
import sys
from io import BytesIO

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from articles.models import Picture
from articles.renditions import JPEG, WEBP, ensure_renditions, rendition_name
from tests.factories import make_article

SETTINGS_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage
print(json.dumps({
    "storage": settings.STORAGES["default"],
    "cache": settings.CACHES["default"],
    "url": default_storage.url("pictures/2024/06/count.jpg"),
}))
"""


def settings_with(**environment) -> dict:
    """The settings a fresh app server process reads from this environment."""
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("NEWSROOM") and key != "REDIS_URL"
    }
    env = {**inherited, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **environment}
    output = subprocess.run(
        [sys.executable, "-c", SETTINGS_PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def test_media_go_to_an_s3_compatible_bucket_when_one_is_named():
    found = settings_with(
        NEWSROOM_MEDIA_BUCKET="newsroom-media",
        NEWSROOM_MEDIA_ENDPOINT_URL="http://127.0.0.1:9000",
        NEWSROOM_MEDIA_REGION="eu-west-2",
    )

    assert found["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert found["storage"]["OPTIONS"]["bucket_name"] == "newsroom-media"
    assert found["storage"]["OPTIONS"]["querystring_auth"] is False
    assert found["url"] == "http://127.0.0.1:9000/newsroom-media/pictures/2024/06/count.jpg"


def test_without_a_bucket_media_stay_in_the_media_folder():
    found = settings_with()

    assert found["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert found["url"] == "/media/pictures/2024/06/count.jpg"


def test_redis_is_the_cache_when_its_url_is_given():
    shared = settings_with(REDIS_URL="redis://127.0.0.1:6379/3", NEWSROOM_CACHE_PREFIX="site-a")
    alone = settings_with()

    assert shared["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shared["cache"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert shared["cache"]["KEY_PREFIX"] == "site-a"
    assert alone["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_deploy_checks_warn_of_a_page_cache_in_one_process_memory(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600

    warnings = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "articles.W001" in warnings

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
        }
    }
    warnings = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "articles.W001" not in warnings


@pytest.mark.django_db
def test_pictures_and_their_renditions_work_on_storage_that_is_not_a_disk(client, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    article = make_article(title="Count night")
    buffer = BytesIO()
    Image.new("RGB", (700, 400), "teal").save(buffer, format="PNG")
    picture = Picture(article=article, position=1, alt_text="The count", is_featured=True)
    picture.file.save("count.png", ContentFile(buffer.getvalue()), save=True)

    ensure_renditions(picture)

    assert "InMemoryStorage" in type(default_storage._wrapped).__name__
    for width in (320, 640, 700):
        for extension in (WEBP, JPEG):
            assert default_storage.exists(rendition_name(picture.file.name, width, extension))
    page = client.get(article.get_absolute_url()).content.decode()
    assert default_storage.url(rendition_name(picture.file.name, 640, WEBP)) in page
