"""Pictures get responsive renditions once, after a save; pages only link them once ready.

A save hands the picture to the background worker after it commits. Here the
job the worker runs (`rendition_queue.make_renditions_for`) is run in the test,
inside the test's transaction; tests/hostile/test_pictures_background.py commits
for real and lets the worker do it.
"""

import json
import os
import re
import shutil
import time
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.template import Context, Template
from django.template.loader import render_to_string
from PIL import Image, ImageCms

from articles.models import Picture
from articles.rendition_queue import enqueue, make_renditions_for
from articles.renditions import SIZES, displayable, rendition_name, rendition_widths
from tests.factories import make_article

pytestmark = pytest.mark.django_db

# One query reads the pictures; nothing more while every rendition is in place.
MAKE_RENDITIONS_QUERIES = 1
ORIENTATION_TAG, ARTIST_TAG = 0x0112, 0x013B
ROTATE_CLOCKWISE = 6


def image_bytes(size, *, image_format="JPEG", mode="RGB", colour="navy", **options) -> bytes:
    buffer = BytesIO()
    Image.new(mode, size, colour).save(buffer, format=image_format, **options)
    return buffer.getvalue()


def two_halves(size, left, right, *, mode="RGB") -> Image.Image:
    width, height = size
    image = Image.new(mode, size, right)
    image.paste(Image.new(mode, (width // 2, height), left), (0, 0))
    return image


def encoded(image: Image.Image, image_format="JPEG", **options) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def exif(tags: dict) -> Image.Exif:
    result = Image.Exif()
    result.update(tags)
    return result


def upload(data: bytes, name="photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def rendition_jobs(callbacks) -> list[int]:
    """The pictures that on-commit `callbacks` hand to the background worker."""
    return [job.args[0] for job in callbacks if getattr(job, "func", None) is enqueue]


@pytest.fixture
def save_picture(django_capture_on_commit_callbacks):
    """Save a picture, and run the job its commit queues, as the worker would."""

    def save(data: bytes | None = None, name="photo.jpg", **fields) -> Picture:
        fields.setdefault("article", make_article())
        fields.setdefault("position", 1)
        fields.setdefault("alt_text", "Counting agents at the table")
        with django_capture_on_commit_callbacks() as callbacks:
            picture = Picture.objects.create(file=upload(data, name) if data else "", **fields)
        for pk in rendition_jobs(callbacks):
            make_renditions_for(pk)
        picture.refresh_from_db()
        return picture

    return save


def media_path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name


def rendition_path(picture: Picture, width: int, extension: str) -> Path:
    return media_path(rendition_name(picture.file.name, width, extension))


def rendition_folder(picture: Picture) -> Path:
    return rendition_path(picture, 1, "jpg").parent


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def set_mtime(path: Path, seconds_ago: float) -> int:
    stamp = time.time() - seconds_ago
    os.utime(path, (stamp, stamp))
    return path.stat().st_mtime_ns


def picture_html(picture: Picture, **context) -> str:
    return render_to_string("articles/_picture.html", {"picture": picture, **context})


def srcset_entries(html: str, attribute: str) -> list[tuple[str, int]]:
    value = re.search(rf'{attribute}="([^"]*)"', html).group(1)
    return [(url, int(w.rstrip("w"))) for url, w in (entry.split() for entry in value.split(", "))]


# Making renditions


@pytest.mark.parametrize(
    ("original", "widths"),
    [
        (2400, [320, 640, 960, 1280, 1920]),
        (1920, [320, 640, 960, 1280, 1920]),
        (1500, [320, 640, 960, 1280, 1500]),
        (320, [320]),
        (200, [200]),
    ],
)
def test_the_width_ladder_stops_at_the_original_and_at_the_top_rung(original, widths):
    assert rendition_widths(original) == widths


def test_saving_a_picture_makes_webp_and_jpeg_copies_at_each_width_up_to_the_original(
    save_picture,
):
    picture = save_picture(image_bytes((1500, 1000)))

    assert files_in(rendition_folder(picture)) == sorted(
        f"{width}.{extension}"
        for width in (320, 640, 960, 1280, 1500)
        for extension in ("jpg", "webp")
    )
    for width in (320, 640, 960, 1280, 1500):
        for extension, image_format in (("webp", "WEBP"), ("jpg", "JPEG")):
            with Image.open(rendition_path(picture, width, extension)) as image:
                assert image.format == image_format
                assert image.size == (width, round(1000 * width / 1500))


def test_a_wide_original_is_capped_at_the_top_width(save_picture):
    picture = save_picture(image_bytes((2400, 1200)))

    assert files_in(rendition_folder(picture)) == sorted(
        f"{width}.{extension}"
        for width in (320, 640, 960, 1280, 1920)
        for extension in ("jpg", "webp")
    )
    with Image.open(rendition_path(picture, 1920, "jpg")) as image:
        assert image.size == (1920, 960)
    assert not rendition_path(picture, 2400, "jpg").exists()


def test_a_small_original_is_never_upscaled(save_picture):
    picture = save_picture(image_bytes((200, 150)))

    assert files_in(rendition_folder(picture)) == ["200.jpg", "200.webp"]
    with Image.open(rendition_path(picture, 200, "webp")) as image:
        assert image.size == (200, 150)


def test_exif_orientation_is_applied_and_the_stored_size_follows_it(save_picture):
    sideways = two_halves((800, 400), "red", "blue")
    data = encoded(sideways, exif=exif({ORIENTATION_TAG: ROTATE_CLOCKWISE}))

    picture = save_picture(data)

    assert (picture.width, picture.height) == (400, 800)
    assert files_in(rendition_folder(picture)) == ["320.jpg", "320.webp", "400.jpg", "400.webp"]
    with Image.open(rendition_path(picture, 400, "jpg")) as image:
        assert image.size == (400, 800)
        # Turned clockwise, the stored left half (red) is on top.
        top, bottom = image.getpixel((200, 100)), image.getpixel((200, 700))
    assert top[0] > 200 > top[2]
    assert bottom[2] > 200 > bottom[0]


def test_renditions_carry_no_metadata(save_picture):
    tags = exif({ARTIST_TAG: "Jo Bloggs, 51.5N 0.1W"})
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    picture = save_picture(image_bytes((700, 500), exif=tags, icc_profile=srgb))

    for extension in ("jpg", "webp"):
        with Image.open(rendition_path(picture, 640, extension)) as image:
            assert dict(image.getexif()) == {}
            assert not {"exif", "icc_profile", "xmp"} & set(image.info)


def test_a_transparent_picture_keeps_its_transparency_in_webp_and_is_flattened_on_white_in_jpeg(
    save_picture,
):
    png = encoded(two_halves((400, 200), (0, 0, 0, 0), (200, 0, 0, 255), mode="RGBA"), "PNG")

    picture = save_picture(png, name="logo.png")

    with Image.open(rendition_path(picture, 400, "webp")) as webp:
        assert webp.mode == "RGBA"
        assert webp.getpixel((50, 100))[3] == 0
        assert webp.getpixel((350, 100))[3] == 255
    with Image.open(rendition_path(picture, 400, "jpg")) as jpeg:
        assert jpeg.mode == "RGB"
        assert min(jpeg.getpixel((50, 100))) > 245
        assert jpeg.getpixel((350, 100))[0] > 180


def mode_and_quarter_points(picture: Picture, extension: str, width: int):
    """The rendition's mode and its pixels at the left and right quarter-points."""
    with Image.open(rendition_path(picture, width, extension)) as image:
        middle = image.height // 2
        return (
            image.mode,
            image.getpixel((image.width // 4, middle)),
            image.getpixel((3 * image.width // 4, middle)),
        )


def near(pixel, expected, tolerance=6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=True))


@pytest.mark.parametrize("mode", ["I;16", "I;16B"])
def test_a_mid_grey_16_bit_png_gives_mid_grey_renditions(save_picture, mode):
    """Clipping 16-bit values to 8 bits would make every grey above 255 of 65535 white."""
    mid_grey = 128 * 257
    png = encoded(Image.new(mode, (400, 300), mid_grey), "PNG")
    with Image.open(BytesIO(png)) as stored:
        assert stored.mode.startswith("I;16")

    picture = save_picture(png, name="scan.png")

    for extension in ("jpg", "webp"):
        image_mode, left, right = mode_and_quarter_points(picture, extension, 400)
        assert image_mode == "RGB"
        assert near(left, (128, 128, 128)) and near(right, (128, 128, 128)), (left, right)


def test_a_16_bit_gradient_keeps_its_dark_and_light_ends(save_picture):
    gradient = Image.linear_gradient("L").resize((400, 300)).convert("I")
    sixteen_bit = gradient.point(lambda value: value * 257).convert("I;16")
    picture = save_picture(encoded(sixteen_bit, "PNG"), name="scan.png")

    with Image.open(rendition_path(picture, 400, "jpg")) as image:
        top, middle, bottom = (image.getpixel((200, y))[0] for y in (5, 150, 294))
    assert top < 20 and 115 < middle < 140 and bottom > 235


def test_a_palette_png_with_a_transparent_colour_keeps_its_transparency(save_picture):
    palette = Image.new("P", (400, 200), 1)
    palette.putpalette([0, 0, 0, 200, 0, 0] + [0] * 762)
    palette.paste(0, (0, 0, 200, 200))
    picture = save_picture(encoded(palette, "PNG", transparency=0), name="logo.png")

    assert mode_and_quarter_points(picture, "webp", 400)[1][3] == 0
    mode, left, right = mode_and_quarter_points(picture, "webp", 400)
    assert mode == "RGBA" and near(right, (200, 0, 0, 255))
    mode, left, right = mode_and_quarter_points(picture, "jpg", 400)
    assert near(left, (255, 255, 255)) and near(right, (200, 0, 0), tolerance=12)


def test_grey_with_alpha_keeps_its_transparency(save_picture):
    grey = two_halves((400, 200), (0, 0), (100, 255), mode="LA")
    picture = save_picture(encoded(grey, "PNG"), name="mark.png")

    mode, left, right = mode_and_quarter_points(picture, "webp", 400)
    assert mode == "RGBA" and left[3] == 0 and near(right, (100, 100, 100, 255))
    mode, left, right = mode_and_quarter_points(picture, "jpg", 400)
    assert near(left, (255, 255, 255)) and near(right, (100, 100, 100))


def test_a_cmyk_jpeg_comes_out_in_the_right_colours(save_picture):
    cmyk = two_halves((400, 200), (255, 0, 0, 0), (0, 0, 0, 0), mode="CMYK")
    picture = save_picture(encoded(cmyk, "JPEG", quality=95))

    mode, cyan, white = mode_and_quarter_points(picture, "jpg", 400)
    assert mode == "RGB"
    assert cyan[0] < 40 and cyan[1] > 215 and cyan[2] > 215
    assert near(white, (255, 255, 255))


def test_a_one_bit_png_comes_out_black_and_white(save_picture):
    picture = save_picture(encoded(two_halves((400, 200), 0, 1, mode="1"), "PNG"), name="fax.png")

    mode, black, white = mode_and_quarter_points(picture, "jpg", 400)
    assert near(black, (0, 0, 0)) and near(white, (255, 255, 255))


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        (Image.new("I", (8, 8), 128 * 257), (128, 128, 128)),
        (Image.new("I;16B", (8, 8), 64 * 257), (64, 64, 64)),
        (Image.new("F", (8, 8), 0.5), (128, 128, 128)),
        (Image.new("F", (8, 8), 200.0), (200, 200, 200)),
        (Image.new("PA", (8, 8), (0, 0)), (0, 0, 0, 0)),
    ],
    ids=["I", "I;16B", "F 0-1", "F 0-255", "PA"],
)
def test_modes_no_upload_can_carry_are_made_displayable_too(image, expected):
    if image.mode == "PA":
        image.putpalette([0, 0, 0] * 256)

    shown = displayable(image)

    assert shown.mode == ("RGBA" if len(expected) == 4 else "RGB")
    assert near(shown.getpixel((4, 4)), expected, tolerance=1)


def test_a_picture_without_a_file_gets_no_renditions(save_picture):
    save_picture(caption="Polling day in Kilburn")

    assert not media_path("renditions").exists()


# When renditions are made


def test_a_new_file_gets_new_renditions_and_the_partial_links_them(
    save_picture, django_capture_on_commit_callbacks
):
    picture = save_picture(image_bytes((1000, 500)))
    old_folder = rendition_folder(picture)

    picture.file = upload(image_bytes((700, 700), colour="orange"), "second.jpg")
    with django_capture_on_commit_callbacks() as callbacks:
        picture.save()
    picture.refresh_from_db()
    assert not picture.renditions_ready
    assert "srcset" not in picture_html(picture)
    assert rendition_jobs(callbacks) == [picture.pk]
    make_renditions_for(picture.pk)
    picture.refresh_from_db()

    assert files_in(rendition_folder(picture)) == sorted(
        f"{width}.{extension}" for width in (320, 640, 700) for extension in ("jpg", "webp")
    )
    html = picture_html(picture)
    assert f"renditions/{rendition_folder(picture).name}/700.webp 700w" in html
    assert old_folder.name not in html


def test_editing_only_the_caption_leaves_the_renditions_alone(
    save_picture, django_capture_on_commit_callbacks
):
    picture = save_picture(image_bytes((700, 500)))
    set_mtime(media_path(picture.file.name), seconds_ago=7200)
    renditions = sorted(rendition_folder(picture).iterdir())
    before = [set_mtime(path, seconds_ago=3600) for path in renditions]

    picture.caption = "A new caption"
    with django_capture_on_commit_callbacks() as callbacks:
        picture.save()
    for pk in rendition_jobs(callbacks):
        make_renditions_for(pk)
    picture.alt_text = "New alt text"
    with django_capture_on_commit_callbacks() as skipped:
        picture.save(update_fields=["alt_text"])

    assert [path.stat().st_mtime_ns for path in renditions] == before
    assert rendition_jobs(callbacks) == [picture.pk]
    assert rendition_jobs(skipped) == []
    picture.refresh_from_db()
    assert picture.renditions_ready


def test_an_original_replaced_under_the_same_name_is_made_again(save_picture):
    picture = save_picture(image_bytes((1000, 500)))
    for path in rendition_folder(picture).iterdir():
        set_mtime(path, seconds_ago=3600)
    media_path(picture.file.name).write_bytes(image_bytes((700, 350), colour="orange"))

    picture.save()
    make_renditions_for(picture.pk)
    picture.refresh_from_db()

    assert (picture.width, picture.height) == (700, 350)
    with Image.open(rendition_path(picture, 640, "jpg")) as image:
        assert image.size == (640, 320)
        red, green, _ = image.getpixel((10, 10))
    assert red > 200 and 100 < green < 200


def test_a_save_that_is_rolled_back_makes_no_renditions(django_capture_on_commit_callbacks):
    article = make_article()

    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Picture.objects.create(article=article, position=1, file=upload(image_bytes((500, 400))))
        raise RuntimeError

    assert callbacks == []
    assert not Picture.objects.exists()
    assert not media_path("renditions").exists()


def test_loading_a_fixture_makes_no_renditions(tmp_path, django_capture_on_commit_callbacks):
    article = make_article()
    name = default_storage.save("pictures/fixture.jpg", ContentFile(image_bytes((500, 400))))
    fixture = tmp_path / "pictures.json"
    fields = {"article": article.pk, "position": 1, "file": name, "width": 500, "height": 400}
    fixture.write_text(json.dumps([{"model": "articles.picture", "pk": 9001, "fields": fields}]))

    with django_capture_on_commit_callbacks() as callbacks:
        call_command("loaddata", fixture, stdout=StringIO())

    assert rendition_jobs(callbacks) == []
    assert Picture.objects.get(pk=9001).file.name == name
    assert not media_path("renditions").exists()


# manage.py make_renditions


def make_renditions(*args) -> str:
    stdout = StringIO()
    call_command("make_renditions", *args, stdout=stdout, stderr=StringIO())
    return stdout.getvalue()


def test_make_renditions_restores_deleted_renditions_and_reports_counts(save_picture):
    intact = save_picture(image_bytes((700, 500)))
    wiped = save_picture(image_bytes((1000, 800)))
    save_picture(caption="No file, nothing to do")
    one_missing = rendition_path(intact, 640, "webp")
    one_missing.unlink()
    shutil.rmtree(rendition_folder(wiped))

    output = make_renditions()

    assert "Renditions for 2 picture(s): 2 made, 0 already there, 0 failed." in output
    assert one_missing.exists()
    assert len(files_in(rendition_folder(wiped))) == 8
    with Image.open(rendition_path(wiped, 960, "webp")) as image:
        assert image.size == (960, 768)
    assert "0 made, 2 already there, 0 failed." in make_renditions()


def test_make_renditions_force_remakes_renditions_that_are_there(save_picture):
    picture = save_picture(image_bytes((500, 400)))
    path = rendition_path(picture, 320, "jpg")
    before = set_mtime(path, seconds_ago=3600)

    output = make_renditions("--force")

    assert "1 made, 0 already there" in output
    assert path.stat().st_mtime_ns > before


def test_make_renditions_fails_loudly_for_a_missing_original(save_picture):
    picture = save_picture(image_bytes((500, 400)))
    media_path(picture.file.name).unlink()
    stderr = StringIO()

    with pytest.raises(CommandError, match="1 picture"):
        call_command("make_renditions", stdout=StringIO(), stderr=stderr)

    assert f"FAILED picture {picture.pk}: the original {picture.file.name} is missing" in (
        stderr.getvalue()
    )


def test_make_renditions_sets_upright_sizes_for_pictures_saved_before_renditions_existed():
    sideways = encoded(Image.new("RGB", (800, 400)), exif=exif({ORIENTATION_TAG: ROTATE_CLOCKWISE}))
    picture = Picture.objects.create(article=make_article(), file=upload(sideways))
    assert (picture.width, picture.height) == (800, 400)

    make_renditions()

    picture.refresh_from_db()
    assert (picture.width, picture.height) == (400, 800)
    assert picture.renditions_ready
    assert rendition_path(picture, 400, "webp").exists()


def test_make_renditions_makes_them_here_and_marks_them_ready():
    picture = Picture.objects.create(article=make_article(), file=upload(image_bytes((700, 500))))
    assert not rendition_path(picture, 640, "jpg").exists()

    output = make_renditions()

    picture.refresh_from_db()
    assert "1 made, 0 already there, 0 failed." in output
    assert picture.renditions_ready
    assert rendition_path(picture, 640, "jpg").exists()
    assert "640.webp 640w" in picture_html(picture)


@pytest.mark.parametrize("count", [1, 3])
def test_make_renditions_reads_all_pictures_in_one_query(
    save_picture, django_assert_num_queries, count
):
    for _ in range(count):
        save_picture(image_bytes((400, 300)))

    with django_assert_num_queries(MAKE_RENDITIONS_QUERIES):
        output = make_renditions()

    assert f"0 made, {count} already there" in output


# The partial


def stored_picture(**fields) -> Picture:
    """An unsaved picture: the partial reads attributes only, so no file or database is needed."""
    fields.setdefault("file", "pictures/2024/05/count.jpg")
    fields.setdefault("alt_text", "Counting agents at the table")
    fields.setdefault("renditions_ready", True)
    return Picture(position=1, **fields)


def test_the_partial_offers_webp_and_jpeg_at_every_width_with_sizes_and_dimensions():
    picture = stored_picture(width=1500, height=1000, caption="The count", credit="Jo Bloggs")

    html = picture_html(picture)

    widths = [320, 640, 960, 1280, 1500]
    webp = [(default_storage.url(rendition_name(picture.file.name, w, "webp")), w) for w in widths]
    jpeg = [(default_storage.url(rendition_name(picture.file.name, w, "jpg")), w) for w in widths]
    assert '<source type="image/webp"' in html
    assert srcset_entries(html, "srcset") == webp
    assert srcset_entries(html.split("<img")[1], "srcset") == jpeg
    assert html.count(f'sizes="{SIZES}"') == 2
    assert SIZES == "(min-width: 45rem) 42rem, 100vw"
    assert f'<img src="{jpeg[2][0]}"' in html
    assert 'alt="Counting agents at the table" width="1500" height="1000"' in html
    assert 'loading="lazy" decoding="async">' in html
    assert "fetchpriority" not in html
    assert '<figcaption>The count <span class="credit">Jo Bloggs</span></figcaption>' in html


def test_every_address_in_the_partial_is_a_stored_rendition_of_the_advertised_width(
    save_picture,
):
    picture = save_picture(image_bytes((1300, 700)))

    html = picture_html(picture)

    entries = srcset_entries(html, "srcset") + srcset_entries(html.split("<img")[1], "srcset")
    assert len(entries) == 10
    for url, width in entries:
        with Image.open(media_path(url.removeprefix(default_storage.base_url))) as image:
            assert image.width == width
            assert image.format == ("WEBP" if url.endswith(".webp") else "JPEG")


def test_a_lead_picture_can_load_eagerly_and_a_narrow_one_can_say_its_size():
    picture = stored_picture(width=800, height=600)
    template = Template(
        '{% include "articles/_picture.html" with picture=picture eager=True sizes="10rem" %}'
    )

    html = template.render(Context({"picture": picture}))

    assert 'loading="eager" decoding="async" fetchpriority="high">' in html
    assert html.count('sizes="10rem"') == 2
    assert 'loading="lazy"' not in html


def test_a_small_picture_offers_only_its_own_width():
    html = picture_html(stored_picture(width=200, height=100))

    assert [w for _, w in srcset_entries(html, "srcset")] == [200]
    assert 'width="200" height="100"' in html


def test_a_picture_of_unknown_size_is_shown_from_its_original():
    picture = stored_picture(width=800, height=600)
    picture.width = picture.height = None

    html = picture_html(picture)

    assert '<img src="/media/pictures/2024/05/count.jpg" alt="Counting agents at the table"' in html
    assert "srcset" not in html
    assert "width=" not in html


def test_a_picture_whose_renditions_are_not_ready_is_shown_from_its_original_with_its_size():
    html = picture_html(stored_picture(width=1500, height=1000, renditions_ready=False))

    assert '<img src="/media/pictures/2024/05/count.jpg" alt="Counting agents at the table"' in html
    assert 'width="1500" height="1000"' in html
    assert "srcset" not in html
    assert "renditions/" not in html


def test_a_picture_without_a_file_renders_nothing_for_readers():
    html = picture_html(Picture(position=1, caption="Polling day", credit="Archive"))

    assert html.strip() == ""


def test_a_picture_without_a_file_is_a_captioned_placeholder_where_asked_but_no_image():
    picture = Picture(position=1, caption="Polling day", credit="Archive")

    html = picture_html(picture, placeholder=True)

    assert '<figcaption>Polling day <span class="credit">Archive</span></figcaption>' in html
    assert "<img" not in html
    assert "<picture" not in html


def test_a_picture_with_nothing_to_show_renders_nothing():
    assert picture_html(Picture(position=1)).strip() == ""


def test_alt_text_is_escaped():
    html = picture_html(stored_picture(width=800, height=600, alt_text='"><script>x</script>'))

    assert "<script" not in html
    assert 'alt="&quot;&gt;&lt;script&gt;' in html


def test_rendering_the_partial_runs_no_queries(django_assert_num_queries):
    picture = stored_picture(width=1500, height=1000, caption="The count")

    with django_assert_num_queries(0):
        picture_html(picture)


def test_reading_a_page_makes_and_reads_no_files(client, save_picture):
    """With the original and every rendition gone, the page still lists them all: it
    computed their addresses and did no image work."""
    article = make_article()
    picture = save_picture(image_bytes((1000, 600)), article=article, is_featured=True)
    shutil.rmtree(media_path("renditions"))
    media_path(picture.file.name).unlink()

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert f"{rendition_name(picture.file.name, 1000, 'webp')} 1000w" in html
    assert 'width="1000" height="600"' in html
    assert not media_path("renditions").exists()
