"""Renditions are made after the upload's request, by one background worker per process.

These tests commit for real (`transaction=True`): the worker reads only committed
rows. They hold the worker back (`rendition_queue.held()`) to see the moment
after a request and before any rendition, then wait for it
(`rendition_queue.wait_until_idle()`).

(They live after tests/browser on purpose: each transactional test empties the
database, roles from data migrations included, and the browser editor's journey
expects those roles.)
"""

import logging
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles import rendition_queue
from articles.models import Picture
from articles.renditions import rendition_name
from tests.factories import make_article
from tests.helpers import add_inline_row, admin_form_data, inline_formset

pytestmark = pytest.mark.django_db(transaction=True)

# Far longer than any job here takes; a test that waits this long has failed.
WAIT_SECONDS = 120


def rendered() -> None:
    """Wait until the background worker has made every queued picture's renditions."""
    assert rendition_queue.wait_until_idle(WAIT_SECONDS), "the rendition worker never finished"


@pytest.fixture(autouse=True)
def no_jobs_left_behind():
    """A test's queued pictures are done before its database and media folder go."""
    yield
    rendered()


def image_bytes(size, *, image_format="JPEG", colour="navy") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(data: bytes, name="photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def media_path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name


def rendition_path(picture: Picture, width: int, extension: str) -> Path:
    return media_path(rendition_name(picture.file.name, width, extension))


def rendition_count(picture: Picture) -> int:
    folder = rendition_path(picture, 1, "jpg").parent
    return len(list(folder.iterdir())) if folder.exists() else 0


@pytest.fixture
def save_picture():
    def save(data: bytes, **fields) -> Picture:
        fields.setdefault("article", make_article())
        fields.setdefault("position", 1)
        picture = Picture.objects.create(file=upload(data), **fields)
        rendered()
        picture.refresh_from_db()
        return picture

    return save


def post_pictures(admin_client, *files: bytes, name="photo.jpg"):
    """Upload `files` as new pictures of a new story through its admin page, in one request."""
    article = make_article()
    url = f"/admin/articles/article/{article.pk}/change/"
    response = admin_client.get(url)
    form = admin_form_data(response)
    formset = inline_formset(response, Picture)
    for number, content in enumerate(files, start=1):
        add_inline_row(
            form, formset, position=number, alt_text="The count", is_featured=number == 1
        )
        form[f"{formset.prefix}-{number - 1}-file"] = SimpleUploadedFile(name, content)
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    return article, list(Picture.objects.filter(article=article).order_by("position"))


def test_an_upload_returns_before_its_renditions_exist_and_the_worker_makes_them(
    admin_client, client
):
    with rendition_queue.held():
        article, (picture,) = post_pictures(admin_client, image_bytes((1500, 1000)))

        # The request is over: it made no copy, and the page shows the original.
        assert not picture.renditions_ready
        assert not media_path("renditions").exists()
        assert rendition_queue.pending() == 1
        page = client.get(article.get_absolute_url()).content.decode()
        assert f'<img src="{picture.file.url}"' in page
        assert 'width="1500" height="1000"' in page
        assert "srcset" not in page

    rendered()

    picture.refresh_from_db()
    assert picture.renditions_ready
    assert rendition_count(picture) == 10
    page = client.get(article.get_absolute_url()).content.decode()
    assert f"{rendition_name(picture.file.name, 1500, 'webp')} 1500w" in page
    assert f'src="{picture.file.url}"' not in page


def test_a_page_cached_before_the_renditions_were_ready_is_not_served_after(
    admin_client, client, settings
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    with rendition_queue.held():
        article, (picture,) = post_pictures(admin_client, image_bytes((700, 500)))
        url = article.get_absolute_url()
        client.get(url)
        cached = client.get(url)
        assert cached["X-Cache"] == "hit"
        assert "srcset" not in cached.content.decode()

    rendered()

    fresh = client.get(url)
    assert fresh["X-Cache"] != "hit"
    assert f"{rendition_name(picture.file.name, 700, 'jpg')} 700w" in fresh.content.decode()


def test_a_picture_over_the_pixel_limit_gets_no_renditions_and_keeps_its_original(
    settings, client, caplog
):
    article = make_article()
    with rendition_queue.held():
        picture = Picture.objects.create(
            article=article, position=1, is_featured=True, file=upload(image_bytes((800, 600)))
        )
        settings.NEWSROOM_PICTURE_MAX_PIXELS = 100_000
    with caplog.at_level(logging.WARNING, logger="articles.rendition_queue"):
        rendered()

    picture.refresh_from_db()
    assert not picture.renditions_ready
    assert not media_path("renditions").exists()
    assert "picture is 800×600 pixels; the limit is 100,000 pixels in all" in caplog.text
    assert f'<img src="{picture.file.url}"' in client.get(article.get_absolute_url()).text


def test_a_failed_job_does_not_stop_the_worker(save_picture, caplog):
    with rendition_queue.held():
        lost = Picture.objects.create(
            article=make_article(), position=1, file=upload(image_bytes((500, 400)))
        )
        media_path(lost.file.name).unlink()
    with caplog.at_level(logging.WARNING, logger="articles.rendition_queue"):
        rendered()

    after = save_picture(image_bytes((500, 400)))

    assert f"the original {lost.file.name} is missing" in caplog.text
    assert after.renditions_ready
    assert rendition_path(after, 500, "webp").exists()


def test_a_picture_queued_twice_before_its_turn_is_made_once():
    with rendition_queue.held():
        picture = Picture.objects.create(
            article=make_article(), position=1, file=upload(image_bytes((500, 400)))
        )
        picture.caption = "Edited before the worker got to it"
        picture.save()
        assert rendition_queue.pending() == 1
        assert not rendition_queue.wait_until_idle(0.1)

    rendered()
    assert rendition_queue.pending() == 0


# Big uploads


def png(size, colour="teal") -> bytes:
    return image_bytes(size, image_format="PNG", colour=colour)


def test_a_6000_pixel_square_png_uploaded_in_the_admin_gets_no_renditions_in_its_request(
    admin_client,
):
    with rendition_queue.held():
        _, (picture,) = post_pictures(admin_client, png((6000, 6000)), name="big.png")

        assert (picture.width, picture.height) == (6000, 6000)
        assert not picture.renditions_ready
        assert not media_path("renditions").exists()

    rendered()
    picture.refresh_from_db()
    assert picture.renditions_ready
    assert rendition_path(picture, 1920, "webp").exists()


def test_three_big_uploads_at_once_queue_one_behind_another(admin_client):
    with rendition_queue.held():
        _, pictures = post_pictures(
            admin_client,
            png((4000, 3000), "red"),
            png((4000, 3000), "green"),
            png((3000, 4000)),
            name="big.png",
        )
        assert rendition_queue.pending() == 3

    rendered()
    for picture in pictures:
        picture.refresh_from_db()
        assert picture.renditions_ready
        assert rendition_path(picture, 1920, "webp").exists()
