"""Checks every picture file passes before it is stored, from the admin or an import.

A file is accepted when it is no bigger than ``NEWSROOM_PICTURE_MAX_BYTES``, is in
one of ``NEWSROOM_PICTURE_FORMATS``, has at most ``NEWSROOM_PICTURE_MAX_PIXELS``
pixels, and its picture (the first frame of an animation) decodes to the end. A
JPEG is decoded at an eighth of its size, which reads every byte of it all the
same. Each refusal says why, in words for the person uploading it.

What is stored is the file without its metadata (``articles.picture_metadata``):
no GPS position, pixels untouched. Files arrive three ways and each one passes
here: the admin form (``articles.picture_forms``), a Picture saved with a new file
(``articles.signals.picture_arriving``) and an import (``checked_copy``).
"""

import secrets
import struct
import zlib
from dataclasses import dataclass
from io import BytesIO
from math import ceil
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from .picture_metadata import (
    ORIENTATION_TAG,
    MalformedPicture,
    webp_cut_short,
    without_metadata,
)

MEGABYTE = 1024 * 1024
# JPEGs are checked at this fraction of their size: libjpeg still reads every byte.
JPEG_CHECK_SCALE = 8
# Pillow names a JPEG holding a second picture (a phone's depth map) MPO; we store a JPEG.
FORMAT_NAMES = {"MPO": "JPEG"}
CUT_SHORT = "the file is cut short (truncated)"
# Where the result of checking an upload is kept, so the form, the model's validator
# and the save step decode it once between them.
CHECKED = "_newsroom_checked_picture"


class PictureRejected(ValueError):
    """A picture file we will not store; the message says why, for the person uploading it."""

    def as_validation_error(self) -> ValidationError:
        message = str(self)
        return ValidationError(f"{message[0].upper()}{message[1:]}.", code="invalid_picture")


@dataclass(frozen=True)
class CheckedPicture:
    """An accepted picture: what it is, and the bytes to store."""

    image_format: str
    width: int
    height: int
    orientation: int
    data: bytes


def check_picture_file(file) -> CheckedPicture:
    """Raise PictureRejected unless `file` (path or file object) is an allowed, sane image."""
    data = _read(file)
    try:
        with Image.open(BytesIO(data)) as image:
            image_format = FORMAT_NAMES.get(image.format, image.format)
            width, height = image.size
            _check_format(image_format)
            _check_pixels(width, height)
            if image_format == "JPEG":
                image.draft(None, (ceil(width / JPEG_CHECK_SCALE), ceil(height / JPEG_CHECK_SCALE)))
            image.load()
            orientation = _orientation(image)
    except PictureRejected:
        raise
    except Image.DecompressionBombError:
        _check_pixels(*_declared_size(data))
        raise PictureRejected(
            f"picture has more pixels than {Image.MAX_IMAGE_PIXELS * 2:,}; "
            f"the limit is {settings.NEWSROOM_PICTURE_MAX_PIXELS:,} pixels in all"
        ) from None
    except UnidentifiedImageError:
        raise PictureRejected("not a picture file we can read") from None
    except OSError as error:
        if "truncated" in str(error) or webp_cut_short(data):
            raise PictureRejected(CUT_SHORT) from None
        raise PictureRejected(f"the picture's data is damaged ({error})") from None
    except (SyntaxError, ValueError, EOFError, IndexError, TypeError, struct.error, zlib.error):
        raise PictureRejected("the picture's data is damaged") from None
    try:
        stored = without_metadata(data, image_format, orientation=orientation)
    except MalformedPicture as error:
        raise PictureRejected(CUT_SHORT if error.cut_short else f"{error}") from None
    return CheckedPicture(image_format, width, height, orientation, stored)


def checked_upload(file) -> CheckedPicture:
    """check_picture_file for an uploaded file, done once however many steps ask."""
    if isinstance(file, FieldFile):
        file = file.file
    checked = getattr(file, CHECKED, None)
    if checked is None:
        checked = check_picture_file(file)
        setattr(file, CHECKED, checked)
    return checked


def checked_copy(file) -> ContentFile:
    """The file to store in place of `file` (a path or an upload): checked, without metadata.

    Raises PictureRejected. Use it wherever a file is saved straight to storage
    (``picture.file.save(name, checked_copy(...))``), which no model hook sees.
    """
    if isinstance(file, str | Path):
        return ContentFile(check_picture_file(file).data, name=Path(file).name)
    return ContentFile(checked_upload(file).data, name=Path(file.name or "").name)


def validate_picture_file(file) -> None:
    """Model-field validator: the same checks, as a form error the uploader can read.

    Only new uploads are checked; a stored file was checked when it arrived.
    """
    if getattr(file, "_committed", True):
        return
    try:
        checked_upload(file)
    except PictureRejected as error:
        raise error.as_validation_error() from None


def picture_file_name(instance, filename: str) -> str:
    """Where an uploaded picture is stored: a month folder and a name nobody can guess.

    The uploader's file name is dropped (it can name a person or a place), and a
    random one means an original cannot be found by trying likely addresses.
    """
    suffix = Path(filename).suffix.lower()[:10]
    if not suffix[1:].isalnum():
        suffix = ""
    return f"pictures/{timezone.now():%Y/%m}/{secrets.token_urlsafe(16)}{suffix}"


def _read(file) -> bytes:
    """The whole file, refused unread past the byte limit."""
    limit = settings.NEWSROOM_PICTURE_MAX_BYTES
    if isinstance(file, str | Path):
        with open(file, "rb") as handle:
            return _read(handle)
    file.seek(0)
    data = file.read(limit + 1)
    file.seek(0)
    if len(data) > limit:
        size = getattr(file, "size", None)
        said = f"{size / MEGABYTE:.1f} MB" if isinstance(size, int) else "larger"
        raise PictureRejected(f"the file is {said}; the limit is {limit / MEGABYTE:g} MB")
    return data


def _check_format(image_format: str) -> None:
    allowed = settings.NEWSROOM_PICTURE_FORMATS
    if image_format not in allowed:
        raise PictureRejected(f"{image_format} pictures are not accepted; use {', '.join(allowed)}")


def _check_pixels(width: int, height: int) -> None:
    limit = settings.NEWSROOM_PICTURE_MAX_PIXELS
    if width * height > limit:
        raise PictureRejected(
            f"picture is {width}×{height} pixels; the limit is {limit:,} pixels in all"
        )


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation; 1 (upright) when there is none, or the EXIF is unreadable.

    The EXIF is about to be dropped, so a broken one is no reason to refuse the picture.
    """
    try:
        return image.getexif().get(ORIENTATION_TAG, 1)
    except (SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError, struct.error):
        return 1


def _declared_size(data: bytes) -> tuple[int, int]:
    """The size in a picture's header, read without Pillow's own pixel check.

    ``Image.open`` refuses a picture over twice Pillow's limit before saying how
    big it is. Each format's opener reads only the header, so ask them directly.
    Returns (0, 0) when no allowed format reads it.
    """
    Image.init()
    prefix = data[:16]
    for name in settings.NEWSROOM_PICTURE_FORMATS:
        factory, accept = Image.OPEN.get(name, (None, None))
        accepted = factory is not None and (accept is None or accept(prefix))
        if not accepted or isinstance(accepted, str):
            continue
        try:
            return factory(BytesIO(data)).size
        except (OSError, SyntaxError, ValueError, IndexError, TypeError, struct.error):
            continue
    return 0, 0
