"""An original picture is stored without where it was taken; its pixels are untouched.

A phone photo carries its GPS position in EXIF, and editing software copies it into
XMP, IPTC and comments. Every way a file arrives (the model, the admin form, an
import) stores it without any of that, keeping only its orientation, and leaves
anything hidden after the end of the image behind.
"""

import struct
import time
import zlib
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.loader import render_to_string
from PIL import Image, PngImagePlugin

from articles.models import Article, Picture
from articles.picture_metadata import without_metadata
from tests.factories import make_article
from tests.helpers import add_inline_row, admin_form_data, inline_formset

pytestmark = pytest.mark.django_db

ORIENTATION_TAG, GPS_IFD, ARTIST_TAG = 0x0112, 0x8825, 0x013B
ROTATE_CLOCKWISE = 6
WHERE = "51.5072N 0.1276W"
XMP = f'<x:xmpmeta><rdf:Description exif:GPSLatitude="{WHERE}"/></x:xmpmeta>'.encode()
# A phone's "motion photo": a video, with its own location, after the picture ends.
TRAILER = b"\x00\x00\x00\x18ftypmp42" + f"location {WHERE}".encode() * 20


# What Pillow reports of a file that is about drawing it, not about where or who.
DRAWING_INFO = {
    "dpi",
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "exif",  # checked tag by tag
    "transparency",
    "background",
    "loop",
    "duration",
    "extension",
    "version",
    "timestamp",
}


def gps_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[ARTIST_TAG] = "Jo Bloggs"
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 26.0), 3: "W", 4: (0.0, 7.0, 39.0)}
    if orientation:
        exif[ORIENTATION_TAG] = orientation
    return exif


def photo(size=(120, 80)) -> Image.Image:
    """Varied pixels, so that any re-encoding would show."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.paste((200, 30, 30), (0, 0, size[0] // 3, size[1] // 2))
    return image


def encoded(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def app_segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with_location(orientation: int | None = None) -> bytes:
    """A JPEG with GPS in EXIF, XMP, a comment, an IPTC block, and a video after its end."""
    data = encoded(
        photo(), "JPEG", quality=90, exif=gps_exif(orientation), xmp=XMP, comment=WHERE.encode()
    )
    iptc = app_segment(0xED, b"Photoshop 3.0\x00" + f"8BIM City {WHERE}".encode())
    return data[:2] + iptc + data[2:] + TRAILER


def png_with_location() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", WHERE)
    info.add_text("Comment", WHERE, zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    return encoded(photo(), "PNG", exif=gps_exif(ROTATE_CLOCKWISE), pnginfo=info) + TRAILER


def pixels(data: bytes) -> bytes:
    with Image.open(BytesIO(data)) as image:
        return image.convert("RGBA").tobytes()


def metadata_of(data: bytes) -> dict:
    """Everything Pillow finds that could say where: GPS, other EXIF, and the info dict."""
    with Image.open(BytesIO(data)) as image:
        image.load()
        exif = image.getexif()
        return {
            "gps": dict(exif.get_ifd(GPS_IFD)),
            "exif": {tag: value for tag, value in exif.items() if tag != ORIENTATION_TAG},
            "orientation": exif.get(ORIENTATION_TAG),
            "info": set(image.info) - DRAWING_INFO,
        }


def stored_bytes(picture: Picture) -> bytes:
    return (Path(settings.MEDIA_ROOT) / picture.file.name).read_bytes()


def assert_says_nothing_of_where(data: bytes) -> None:
    found = metadata_of(data)
    assert found["gps"] == {}
    assert found["exif"] == {}
    assert found["info"] == set()
    assert b"51.5" not in data
    assert b"mp42" not in data


# Through the model, the admin and an import


def test_a_jpeg_saved_on_a_picture_is_stored_without_its_location_and_shown():
    original = jpeg_with_location()
    assert metadata_of(original)["gps"]

    picture = Picture.objects.create(
        article=make_article(), position=1, file=SimpleUploadedFile("photo.jpg", original)
    )

    stored = stored_bytes(picture)
    assert_says_nothing_of_where(stored)
    assert pixels(stored) == pixels(original)
    html = render_to_string("articles/_picture.html", {"picture": picture})
    assert f'<img src="{picture.file.url}"' in html
    assert 'width="120" height="80"' in html


def test_a_jpeg_keeps_its_orientation_and_only_that():
    picture = Picture.objects.create(
        article=make_article(),
        position=1,
        file=SimpleUploadedFile("photo.jpg", jpeg_with_location(ROTATE_CLOCKWISE)),
    )

    stored = stored_bytes(picture)
    assert_says_nothing_of_where(stored)
    assert metadata_of(stored)["orientation"] == ROTATE_CLOCKWISE


def test_a_picture_uploaded_through_the_admin_is_stored_without_its_location(admin_client):
    article = make_article()
    url = f"/admin/articles/article/{article.pk}/change/"
    response = admin_client.get(url)
    data = admin_form_data(response)
    formset = inline_formset(response, Picture)
    add_inline_row(data, formset, position=1, alt_text="The count", caption="Counting")
    data[f"{formset.prefix}-0-file"] = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_location())

    response = admin_client.post(url, data)

    assert response.status_code == 302
    picture = Picture.objects.get(article=article)
    assert "IMG_0001" not in picture.file.name
    assert_says_nothing_of_where(stored_bytes(picture))
    page = admin_client.get(article.get_absolute_url())
    assert f'src="{picture.file.url}"' in page.text


def test_an_imported_picture_is_stored_without_its_location(tmp_path):
    folder = tmp_path / "stories"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "lead.jpg").write_bytes(jpeg_with_location())
    (folder / "pictured.md").write_text(
        "---\ntitle: Pictured\ndate: 2024-01-01\nfeaturedImage: /images/lead.jpg\n---\nBody.\n"
    )

    call_command("import_seeds", "--path", str(folder), stdout=StringIO(), stderr=StringIO())

    picture = Article.objects.get(source_name="pictured.md").featured_picture
    assert "lead" not in picture.file.name
    assert_says_nothing_of_where(stored_bytes(picture))


def test_an_imported_picture_cut_short_is_not_stored_and_the_story_says_why(tmp_path):
    folder = tmp_path / "stories"
    (folder / "images").mkdir(parents=True)
    whole = encoded(Image.effect_noise((600, 400), 60).convert("RGB"), "JPEG")
    (folder / "images" / "lead.jpg").write_bytes(whole[: len(whole) // 2])
    (folder / "pictured.md").write_text(
        "---\ntitle: Pictured\ndate: 2024-01-01\nfeaturedImage: /images/lead.jpg\n---\nBody.\n"
    )

    call_command("import_seeds", "--path", str(folder), stdout=StringIO(), stderr=StringIO())

    article = Article.objects.get(source_name="pictured.md")
    assert not article.featured_picture.file
    assert "the file is cut short (truncated)" in article.review_note


# Each format


def test_a_png_loses_its_text_xmp_and_gps_keeps_its_orientation_and_every_pixel():
    original = png_with_location()

    stored = without_metadata(original, "PNG", orientation=ROTATE_CLOCKWISE)

    assert_says_nothing_of_where(stored)
    assert metadata_of(stored)["orientation"] == ROTATE_CLOCKWISE
    assert pixels(stored) == pixels(original)


def test_a_transparent_palette_png_keeps_its_palette_and_transparency():
    image = Image.new("P", (30, 20), 1)
    image.putpalette([0, 0, 0, 200, 10, 10] + [0] * 762)
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", WHERE)
    original = encoded(image, "PNG", transparency=0, pnginfo=info)

    stored = without_metadata(original, "PNG")

    assert_says_nothing_of_where(stored)
    assert pixels(stored) == pixels(original)
    with Image.open(BytesIO(stored)) as reread:
        assert reread.mode == "P"
        assert reread.info["transparency"] == 0


@pytest.mark.parametrize("lossless", [True, False])
def test_a_webp_loses_its_exif_and_xmp_and_keeps_every_pixel(lossless):
    original = encoded(photo(), "WEBP", exif=gps_exif(), xmp=XMP, lossless=lossless) + TRAILER

    stored = without_metadata(original, "WEBP")

    assert_says_nothing_of_where(stored)
    assert pixels(stored) == pixels(original)
    # The extended header no longer announces EXIF or XMP.
    assert stored[12:16] == b"VP8X"
    assert stored[20] & 0x0C == 0


def test_a_webp_keeps_its_orientation():
    original = encoded(photo(), "WEBP", exif=gps_exif(ROTATE_CLOCKWISE), xmp=XMP)

    stored = without_metadata(original, "WEBP", orientation=ROTATE_CLOCKWISE)

    assert_says_nothing_of_where(stored)
    assert metadata_of(stored)["orientation"] == ROTATE_CLOCKWISE
    assert stored[20] & 0x0C == 0x08


def test_an_animated_gif_loses_its_comments_and_xmp_and_keeps_its_frames():
    frames = [Image.new("P", (24, 16), colour) for colour in (1, 2, 3)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255] + [0] * 756)
    animated = encoded(
        frames[0], "GIF", save_all=True, append_images=frames[1:], loop=0, duration=80
    )
    xmp = b"\x21\xff\x0bXMP DataXMP" + bytes((len(XMP[:200]),)) + XMP[:200] + b"\x00"
    comment = b"\x21\xfe" + bytes((len(WHERE),)) + WHERE.encode() + b"\x00"
    start = animated.index(b"\x21\xff\x0bNETSCAPE2.0")
    original = animated[:start] + xmp + comment + animated[start:-1] + comment + b";" + TRAILER

    stored = without_metadata(original, "GIF")

    assert_says_nothing_of_where(stored)
    assert stored == animated
    with Image.open(BytesIO(stored)) as reread:
        assert reread.n_frames == 3
        assert reread.info["loop"] == 0


def test_stripping_a_clean_file_changes_nothing():
    for image_format in ("PNG", "GIF"):
        clean = encoded(photo(), image_format)
        assert without_metadata(clean, image_format) == clean
    jpeg = encoded(photo(), "JPEG")
    assert without_metadata(jpeg, "JPEG") == jpeg


# One pass over the bytes


def worst_case_jpeg(segments: int) -> bytes:
    """A JPEG made mostly of tiny comment segments and stuffed 0xFF bytes in its scan."""
    data = encoded(photo(), "JPEG")
    sos = data.index(b"\xff\xda")
    header_length = struct.unpack(">H", data[sos + 2 : sos + 4])[0]
    scan = sos + 2 + header_length
    comments = app_segment(0xFE, b"x") * segments
    stuffing = b"\xff\x00" * segments
    return data[:2] + comments + data[2:scan] + stuffing + data[scan:]


def worst_case_png(chunks: int) -> bytes:
    data = encoded(photo(), "PNG")
    text = struct.pack(">I", 1) + b"tEXt" + b"x" + struct.pack(">I", zlib.crc32(b"tEXtx"))
    return data[:33] + text * chunks + data[33:]


@pytest.mark.parametrize(
    ("make", "image_format"), [(worst_case_jpeg, "JPEG"), (worst_case_png, "PNG")]
)
def test_stripping_takes_time_in_proportion_to_the_file(make, image_format):
    timings = []
    for count in (25_000, 50_000, 100_000):
        data = make(count)
        started = time.perf_counter()
        without_metadata(data, image_format)
        timings.append(time.perf_counter() - started)

    assert len(make(100_000)) > 400_000
    # Four times the input, well under sixteen times the time.
    assert timings[-1] < 8 * max(timings[0], 0.005)
