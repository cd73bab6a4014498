"""Responsive copies of each picture: made once with Pillow, stored, and linked from pages.

The policy, in plain words:

- **Widths.** Every rung of ``WIDTHS`` narrower than the original, plus the
  original's own width capped at the top rung. Nothing is ever upscaled: a
  200-pixel original gets one 200-pixel copy.
- **Formats.** WebP for every browser that takes it, keeping transparency, and
  a JPEG fallback. A transparent picture's JPEG is flattened onto the page's
  white background, so every fallback is a ``.jpg`` and its address can be
  worked out without knowing the picture's pixels.
- **Pixels.** EXIF orientation is applied, colours are converted to sRGB, and
  all metadata (EXIF with any GPS position, XMP, ICC profile) is dropped.
  Only the first frame of an animated GIF is kept. Every Pillow mode ends up as
  8-bit RGB or RGBA: 16-bit greyscale (``I;16``, and ``I``, taken to hold 16-bit
  values as PNG's do) is scaled to 8 bits, not clipped; floating point (``F``) is
  taken as 0–1 when no value exceeds 1, else as 0–255; palettes and grey with
  alpha keep their transparency; CMYK goes through its ICC profile when it has one.
- **Memory.** A picture over ``NEWSROOM_PICTURE_MAX_PIXELS`` gets no renditions.
  A JPEG is decoded straight at a fraction of its size (``draft``); any other is
  decoded whole, then shrunk by a whole factor (``reduce``) before anything else,
  so one job holds at most about six bytes per pixel of the limit (a 16-bit
  greyscale picture widened to 32 bits), about 240 MB.
- **Names.** ``renditions/<hash of the stored file name>/<width>.<webp|jpg>``.
  A page computes every address from the file name and the stored ``width``
  alone, so reading a page opens no file, checks no disk and processes no
  image. A new upload gets a new file name, hence a new folder.
- **When.** In the background, after a Picture with a file is saved and
  committed (``articles/signals.py`` hands its id to ``articles.rendition_queue``),
  so the upload's request makes none. Copies already there and newer than the
  original are left alone, so a caption edit costs nothing. When all are made,
  ``Picture.renditions_ready`` is set and the page cache's generation ends.
  Until then pages show the original file, whose metadata was stripped when it
  arrived (``articles.pictures``), with its width and height, and no srcset: a
  page never links a copy that is not there. A new file sets the flag back.
  ``manage.py make_renditions`` makes any that are missing, synchronously, and
  sets the flag: run it after the media folder was restored from a backup
  without them, or after a process stopped with pictures still queued.

Django's ImageField records the stored pixels' width and height, before EXIF
orientation. A phone photo taken upright is stored sideways with an
orientation tag, so ``ensure_renditions`` corrects the stored width and height
to the picture as seen: the ``img`` box and the width ladder depend on them.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageCms, UnidentifiedImageError

from .models import Picture

logger = logging.getLogger(__name__)

WIDTHS = (320, 640, 960, 1280, 1920)
# The width a browser that ignores srcset gets in `src`.
SRC_WIDTH = 960
# How wide the picture is drawn: the text column on wide screens, the screen on phones.
SIZES = "(min-width: 45rem) 42rem, 100vw"
FOLDER = "renditions"
WEBP, JPEG = "webp", "jpg"
FORMATS = {
    WEBP: ("WEBP", {"quality": 80, "method": 4}),
    JPEG: ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
# Transparent pictures are flattened onto the page background for the JPEG fallback.
BACKGROUND = (255, 255, 255)
SWAPPED_ORIENTATIONS = {5, 6, 7, 8}
ORIENTATION_TAG = 0x0112
# How each EXIF orientation is undone, as ImageOps.exif_transpose does it.
TRANSPOSITIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# A decoded original is shrunk by a whole factor while still this many times the
# widest rendition: the same result as `resize(reducing_gap=3.0)`, in less memory.
REDUCING_GAP = 3
# The modes Image.reduce works on; any other is converted first.
REDUCIBLE_MODES = {"L", "LA", "La", "RGB", "RGBA", "RGBa", "CMYK", "I", "F"}
SIXTEEN_BIT_MODES = {"I;16", "I;16L", "I;16B", "I;16N"}


class RenditionError(Exception):
    """A picture whose renditions cannot be made; the message says why."""


class Outcome(StrEnum):
    MADE = "made"
    PRESENT = "already there"
    FAILED = "failed"


def rendition_widths(width: int) -> list[int]:
    """The widths made for an original `width` pixels wide, narrowest first."""
    widest = min(width, WIDTHS[-1])
    return [rung for rung in WIDTHS if rung < widest] + [widest]


def rendition_name(file_name: str, width: int, extension: str) -> str:
    """Where the `width`-pixel copy of the stored file `file_name` lives on the storage."""
    digest = hashlib.sha256(file_name.encode()).hexdigest()[:20]
    return f"{FOLDER}/{digest}/{width}.{extension}"


@dataclass(frozen=True)
class ResponsiveImage:
    """What `_picture.html` writes into `<source>` and `<img>`; empty srcsets mean none."""

    src: str
    webp_srcset: str
    srcset: str
    sizes: str
    width: int | None
    height: int | None
    loading: str
    fetchpriority: str


def responsive_image(picture: Picture, *, eager: bool = False, sizes: str = "") -> ResponsiveImage:
    """Addresses for `picture`'s renditions, computed from its stored file name and size.

    Touches neither the database nor the disk. A picture whose renditions are not
    ready yet, or whose size is unknown, is shown from its original file, without
    a srcset.
    """
    loading = "eager" if eager else "lazy"
    fetchpriority = "high" if eager else ""
    if not picture.renditions_ready or not picture.width or not picture.height:
        known = bool(picture.width and picture.height)
        return ResponsiveImage(
            picture.file.url,
            "",
            "",
            "",
            picture.width if known else None,
            picture.height if known else None,
            loading,
            fetchpriority,
        )
    widths = rendition_widths(picture.width)

    def srcset(extension: str) -> str:
        return ", ".join(
            f"{default_storage.url(rendition_name(picture.file.name, w, extension))} {w}w"
            for w in widths
        )

    src_width = max((w for w in widths if w <= SRC_WIDTH), default=widths[0])
    return ResponsiveImage(
        src=default_storage.url(rendition_name(picture.file.name, src_width, JPEG)),
        webp_srcset=srcset(WEBP),
        srcset=srcset(JPEG),
        sizes=sizes or SIZES,
        width=picture.width,
        height=picture.height,
        loading=loading,
        fetchpriority=fetchpriority,
    )


def how_pages_show(picture: Picture) -> tuple[bool, int | None, int | None]:
    """What of `picture` its pages depend on; when ensure_renditions changes it, they change."""
    return picture.renditions_ready, picture.width, picture.height


def ensure_renditions(picture: Picture, *, force: bool = False) -> Outcome:
    """Make `picture`'s missing or out-of-date renditions (all of them with `force`).

    Then records them as ready, with the stored width and height corrected to the
    picture as seen (after EXIF orientation): one update, none when nothing changed.
    Raises RenditionError when the original cannot be read or has too many pixels.
    """
    if not picture.file:
        raise RenditionError("the picture has no file")
    original = picture.file
    outcome = Outcome.PRESENT
    try:
        with original.storage.open(original.name, "rb") as handle, Image.open(handle) as image:
            _check_pixels(image)
            width, height = _oriented_size(image)
            since = None if force else _modified_time(original.storage, original.name)
            wanted = _wanted(original.name, width, force=force, since=since)
            if wanted:
                for name, data in _encode(image, original.name, wanted, (width, height)):
                    _store(name, data)
                outcome = Outcome.MADE
    except FileNotFoundError:
        raise RenditionError(f"the original {picture.file.name} is missing") from None
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise RenditionError(f"cannot read {picture.file.name}: {error}") from None
    _record_ready(picture, width, height)
    return outcome


def _check_pixels(image: Image.Image) -> None:
    limit = settings.NEWSROOM_PICTURE_MAX_PIXELS
    if image.width * image.height > limit:
        raise RenditionError(
            f"picture is {image.width}×{image.height} pixels; the limit is {limit:,} pixels in all"
        )


def _oriented_size(image: Image.Image) -> tuple[int, int]:
    width, height = image.size
    if image.getexif().get(ORIENTATION_TAG) in SWAPPED_ORIENTATIONS:
        return height, width
    return width, height


def _record_ready(picture: Picture, width: int, height: int) -> None:
    if how_pages_show(picture) == (True, width, height):
        return
    Picture.objects.filter(pk=picture.pk, file=picture.file.name).update(
        width=width, height=height, renditions_ready=True
    )
    picture.width, picture.height, picture.renditions_ready = width, height, True


def _wanted(
    file_name: str, width: int, *, force: bool, since: datetime | None
) -> dict[int, list[str]]:
    """The widths to (re)make, each with its extensions missing or older than `since`."""
    wanted: dict[int, list[str]] = {}
    for w in rendition_widths(width):
        stale = [
            extension
            for extension in FORMATS
            if force or _is_stale(rendition_name(file_name, w, extension), since)
        ]
        if stale:
            wanted[w] = stale
    return wanted


def _is_stale(name: str, since: datetime | None) -> bool:
    if not default_storage.exists(name):
        return True
    if since is None:
        return False
    made = _modified_time(default_storage, name)
    return made is not None and made < since


def _modified_time(storage, name: str) -> datetime | None:
    try:
        return storage.get_modified_time(name)
    except NotImplementedError:
        return None


def _encode(image: Image.Image, file_name: str, wanted: dict[int, list[str]], size):
    """Yield (storage name, bytes) for each wanted rendition, decoding the original once."""
    width, height = size
    heights = {w: max(1, round(height * w / width)) for w in wanted}
    largest = max(wanted)
    orientation = image.getexif().get(ORIENTATION_TAG)
    target = (largest, heights[largest])
    if orientation in SWAPPED_ORIENTATIONS:
        target = target[::-1]
    profile = image.info.get("icc_profile")
    source = _decoded(image, target)
    if orientation in TRANSPOSITIONS:
        source = source.transpose(TRANSPOSITIONS[orientation])
    source = displayable(source, profile=profile, file_name=file_name)
    for w, extensions in sorted(wanted.items()):
        resized = source.resize((w, heights[w]), Image.Resampling.LANCZOS, reducing_gap=3.0)
        resized.info = {}
        for extension in extensions:
            yield rendition_name(file_name, w, extension), _save(resized, extension)


def _decoded(image: Image.Image, target: tuple[int, int]) -> Image.Image:
    """The original's pixels, already shrunk towards `target` (its stored orientation).

    A JPEG decodes straight to a fraction of its size. Anything else is decoded
    whole and reduced by a whole factor at once, and the full-size copy let go.
    """
    image.draft(None, target)
    image.load()
    decoded = image if image.mode in REDUCIBLE_MODES else _reducible(image)
    factor = min(
        decoded.width // (target[0] * REDUCING_GAP), decoded.height // (target[1] * REDUCING_GAP)
    )
    if factor > 1:
        decoded = decoded.reduce(factor)
    if decoded is not image:
        image.close()
    return decoded


def _reducible(image: Image.Image) -> Image.Image:
    """`image` in a mode Image.reduce works on, keeping transparency and 16-bit depth."""
    if image.mode in SIXTEEN_BIT_MODES:
        return image.convert("I")
    if image.mode == "1":
        return image.convert("L")
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


def displayable(
    image: Image.Image, *, profile: bytes | None = None, file_name: str = ""
) -> Image.Image:
    """`image`, in any mode, as 8-bit RGB (RGBA when some pixel is see-through) in sRGB.

    `profile` is the original's ICC profile; one that cannot be used is ignored.
    """
    image = _eight_bit(image)
    mode = "RGBA" if image.has_transparency_data else "RGB"
    if image.mode not in {mode, "CMYK", "L"}:
        image = image.convert(mode)
    if profile:
        try:
            image = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode=mode,
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            # Keep the pixels as they are rather than fail over a broken profile.
            logger.warning("Ignoring the unusable colour profile of %s", file_name)
    if image.mode != mode:
        # Converting to the mode it has would copy every pixel for nothing.
        image = image.convert(mode)
    if mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")
    return image


def _eight_bit(image: Image.Image) -> Image.Image:
    """Greyscale deeper than 8 bits scaled into 0–255; Pillow's convert would clip it."""
    if image.mode in SIXTEEN_BIT_MODES:
        image = image.convert("I")
    if image.mode == "I":
        return image.point(lambda value: value / 257).convert("L")
    if image.mode == "F":
        scale = 255 if image.getextrema()[1] <= 1 else 1
        return image.point(lambda value: value * scale).convert("L")
    return image


def _save(image: Image.Image, extension: str) -> bytes:
    pillow_format, options = FORMATS[extension]
    if extension == JPEG and image.mode == "RGBA":
        flat = Image.new("RGB", image.size, BACKGROUND)
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    buffer = BytesIO()
    image.save(buffer, pillow_format, **options)
    return buffer.getvalue()


def _store(name: str, data: bytes) -> None:
    """Write `data` under exactly `name`, replacing what was there."""
    if default_storage.exists(name):
        default_storage.delete(name)
    stored = default_storage.save(name, ContentFile(data))
    if stored != name:
        # Another process wrote `name` first; its copy is as good as ours.
        default_storage.delete(stored)
