"""Picture files are checked before they are stored, from the admin or an import."""

import re
import struct
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Picture
from articles.pictures import PictureRejected, check_picture_file
from tests.factories import make_article
from tests.helpers import add_inline_row, admin_form_data, inline_formset

pytestmark = pytest.mark.django_db


def image_upload(name: str, image_format: str, size=(40, 30)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def picture_with(upload) -> Picture:
    return Picture(article=make_article(), position=1, file=upload, alt_text="A picture")


def noise(size=(400, 300), image_format="JPEG", **options) -> bytes:
    """A picture whose compressed data is long and varied, to cut short."""
    buffer = BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, format=image_format, **options)
    return buffer.getvalue()


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload)
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width`×`height` pixels (a decompression bomb's shape)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def rejection(data: bytes) -> str:
    with pytest.raises(PictureRejected) as refused:
        check_picture_file(BytesIO(data))
    return str(refused.value)


def test_an_allowed_picture_is_accepted_and_measured():
    picture = picture_with(image_upload("ok.png", "PNG"))
    picture.full_clean()
    picture.save()
    assert (picture.width, picture.height) == (40, 30)


def test_a_format_outside_the_allow_list_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError, match="TIFF pictures are not accepted; use JPEG"):
        picture_with(image_upload("scan.tiff", "TIFF")).full_clean()


def test_a_picture_over_the_pixel_limit_is_refused(settings):
    settings.NEWSROOM_PICTURE_MAX_PIXELS = 1000
    with pytest.raises(ValidationError, match="40×30 pixels; the limit is 1,000 pixels"):
        picture_with(image_upload("big.jpg", "JPEG")).full_clean()


def test_a_file_that_is_not_a_picture_is_refused():
    upload = SimpleUploadedFile("notes.jpg", b"these are not pixels")
    with pytest.raises(ValidationError, match="Not a picture file we can read"):
        picture_with(upload).full_clean()


# Cut short, damaged, too big


@pytest.mark.parametrize(
    ("image_format", "options"),
    [
        ("JPEG", {}),
        ("JPEG", {"progressive": True}),
        ("PNG", {}),
        ("WEBP", {}),
        ("WEBP", {"lossless": True}),
        ("GIF", {}),
    ],
)
@pytest.mark.parametrize("kept", [0.5, 0.95])
def test_a_file_cut_short_is_refused_as_truncated(image_format, options, kept):
    whole = noise(image_format=image_format, **options)
    check_picture_file(BytesIO(whole))

    assert rejection(whole[: int(len(whole) * kept)]) == "the file is cut short (truncated)"


def test_a_jpeg_cut_short_is_refused_by_the_model_with_the_reason():
    cut = noise((2000, 1500))[:-4000]
    # Pillow opens it, and Django's own check (open and verify) passes it.
    with Image.open(BytesIO(cut)) as image:
        image.verify()

    with pytest.raises(ValidationError, match=r"The file is cut short \(truncated\)\."):
        picture_with(SimpleUploadedFile("cut.jpg", cut)).full_clean()


def test_damaged_picture_data_is_refused_as_damaged():
    whole = bytearray(noise(image_format="PNG"))
    first_data = whole.index(b"IDAT") + 40
    whole[first_data : first_data + 200] = bytes(200)

    assert rejection(bytes(whole)).startswith("the picture's data is damaged")


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (7000, 7000),  # over our limit, under Pillow's own
        (20000, 20000),  # a decompression bomb, far over Pillow's own limit
        (65535, 65535),
    ],
)
def test_a_decompression_bomb_is_refused_with_its_size_and_the_limit(width, height):
    message = rejection(png_claiming(width, height))

    assert message == f"picture is {width}×{height} pixels; the limit is 40,000,000 pixels in all"


def test_a_file_over_the_byte_limit_is_refused_unread(settings):
    settings.NEWSROOM_PICTURE_MAX_BYTES = 10_000
    upload = SimpleUploadedFile("huge.png", noise(image_format="PNG"))

    with pytest.raises(ValidationError, match=r"The file is 0\.\d MB; the limit is 0\.\d+ MB\."):
        picture_with(upload).full_clean()


def test_a_picture_is_decoded_once_however_many_steps_check_it(monkeypatch):
    """The form field, the model's validator and the save all ask; one decode answers."""
    from articles import pictures

    calls = []
    real_check = pictures.check_picture_file
    monkeypatch.setattr(
        pictures, "check_picture_file", lambda file: calls.append(file) or real_check(file)
    )
    picture = picture_with(image_upload("ok.png", "PNG"))

    picture.full_clean()
    picture.save()

    assert len(calls) == 1


# The admin says why


def post_picture(admin_client, upload, **values):
    article = make_article()
    url = f"/admin/articles/article/{article.pk}/change/"
    response = admin_client.get(url)
    data = admin_form_data(response)
    formset = inline_formset(response, Picture)
    add_inline_row(data, formset, position=1, alt_text="Alt", caption="Caption", **values)
    data[f"{formset.prefix}-0-file"] = upload
    return article, admin_client.post(url, data)


def error_list(response) -> str:
    return " ".join(re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S))


def test_the_admin_upload_form_shows_the_reason(admin_client, settings):
    settings.NEWSROOM_PICTURE_MAX_PIXELS = 1000

    article, response = post_picture(admin_client, image_upload("big.jpg", "JPEG"))

    assert response.status_code == 200
    assert "the limit is 1,000 pixels" in response.content.decode()
    assert not Picture.objects.filter(article=article).exists()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (noise((2000, 1500))[:-4000], "The file is cut short (truncated)."),
        (
            png_claiming(20000, 20000),
            "Picture is 20000×20000 pixels; the limit is 40,000,000 pixels in all.",
        ),
        (b"these are not pixels", "Not a picture file we can read."),
    ],
)
def test_the_admin_says_why_instead_of_upload_a_valid_image(admin_client, data, reason):
    article, response = post_picture(admin_client, SimpleUploadedFile("photo.png", data))

    assert response.status_code == 200
    assert reason in error_list(response)
    assert "Upload a valid image" not in response.text
    assert not Picture.objects.filter(article=article).exists()


def test_the_pictures_list_admin_says_why_too(admin_client):
    article = make_article()
    data = {"article": article.pk, "position": 1, "file": SimpleUploadedFile("p.png", b"no")}

    response = admin_client.post("/admin/articles/picture/add/", data)

    assert response.status_code == 200
    assert "Not a picture file we can read." in error_list(response)
    assert not Picture.objects.exists()


def test_an_admin_upload_is_stored(admin_client):
    article, response = post_picture(admin_client, image_upload("ok.png", "PNG", size=(64, 48)))

    assert response.status_code == 302
    picture = Picture.objects.get(article=article)
    assert (picture.width, picture.height) == (64, 48)


# Names nobody can guess


def test_two_uploads_of_one_name_get_different_random_names_without_it():
    first = picture_with(image_upload("photo.jpg", "JPEG"))
    first.save()
    second = picture_with(image_upload("photo.jpg", "JPEG"))
    second.save()

    names = [first.file.name, second.file.name]
    assert names[0] != names[1]
    for name in names:
        assert re.fullmatch(r"pictures/\d{4}/\d{2}/[A-Za-z0-9_-]{22}\.jpg", name), name
        assert "photo" not in name


def test_a_stored_name_keeps_only_a_plain_suffix():
    picture = picture_with(image_upload("Jo Bloggs at home.JPEG;rm -rf", "JPEG"))
    picture.save()

    assert re.fullmatch(r"pictures/\d{4}/\d{2}/[A-Za-z0-9_-]{22}", picture.file.name)


def test_a_picture_saved_without_validation_still_cannot_store_a_bad_file(settings):
    upload = SimpleUploadedFile("cut.jpg", noise((2000, 1500))[:-4000])

    with pytest.raises(PictureRejected, match=r"cut short \(truncated\)"):
        Picture.objects.create(article=make_article(), position=1, file=upload)

    assert not Picture.objects.exists()
    assert not (settings.MEDIA_ROOT / "pictures").exists()
