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
  Only the first frame of an animated GIF is kept.
- **Names.** ``renditions/<hash of the stored file name>/<width>.<webp|jpg>``.
  A page computes every address from the file name and the stored ``width``
  alone, so reading a page opens no file, checks no disk and processes no
  image. A new upload gets a new file name, hence a new folder.
- **When.** After a Picture with a file is saved and committed
  (``articles/signals.py``), once: copies already there and newer than the
  original are left alone, so a caption edit costs nothing.
  ``manage.py make_renditions`` makes any that are missing, for instance after
  the media folder was restored from a backup without them; pages always link
  renditions, so run it whenever media files were lost.

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

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

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

    Touches neither the database nor the disk. A picture whose size is unknown
    is shown from its original file, without a srcset.
    """
    loading = "eager" if eager else "lazy"
    fetchpriority = "high" if eager else ""
    if not picture.width or not picture.height:
        return ResponsiveImage(picture.file.url, "", "", "", None, None, loading, fetchpriority)
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


def ensure_renditions(picture: Picture, *, force: bool = False) -> Outcome:
    """Make `picture`'s missing or out-of-date renditions (all of them with `force`).

    Also corrects the stored width and height to the picture as seen, after EXIF
    orientation. Raises RenditionError when the original cannot be read.
    """
    if not picture.file:
        raise RenditionError("the picture has no file")
    try:
        original = picture.file
        with original.storage.open(original.name, "rb") as handle, Image.open(handle) as image:
            width, height = _oriented_size(image)
            _correct_stored_size(picture, width, height)
            since = None if force else _modified_time(original.storage, original.name)
            wanted = _wanted(original.name, width, force=force, since=since)
            if not wanted:
                return Outcome.PRESENT
            for name, data in _encode(image, original.name, wanted, (width, height)):
                _store(name, data)
    except FileNotFoundError:
        raise RenditionError(f"the original {picture.file.name} is missing") from None
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise RenditionError(f"cannot read {picture.file.name}: {error}") from None
    return Outcome.MADE


def _oriented_size(image: Image.Image) -> tuple[int, int]:
    width, height = image.size
    if image.getexif().get(ORIENTATION_TAG) in SWAPPED_ORIENTATIONS:
        return height, width
    return width, height


def _correct_stored_size(picture: Picture, width: int, height: int) -> None:
    if (picture.width, picture.height) == (width, height):
        return
    Picture.objects.filter(pk=picture.pk, file=picture.file.name).update(width=width, height=height)
    picture.width, picture.height = width, height


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
    # A JPEG can decode straight to a fraction of its size: much faster for big originals.
    draft_size = (largest, heights[largest])
    if image.getexif().get(ORIENTATION_TAG) in SWAPPED_ORIENTATIONS:
        draft_size = draft_size[::-1]
    image.draft(None, draft_size)
    source = _to_srgb(ImageOps.exif_transpose(image), file_name)
    for w, extensions in sorted(wanted.items()):
        resized = source.resize((w, heights[w]), Image.Resampling.LANCZOS, reducing_gap=3.0)
        resized.info = {}
        for extension in extensions:
            yield rendition_name(file_name, w, extension), _save(resized, extension)


def _to_srgb(image: Image.Image, file_name: str) -> Image.Image:
    """RGB, or RGBA when some pixel is see-through, in sRGB colours."""
    profile = image.info.get("icc_profile")
    mode = "RGBA" if image.has_transparency_data else "RGB"
    if mode == "RGBA" or image.mode not in {"RGB", "CMYK", "L"}:
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
    image = image.convert(mode)
    if mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")
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
