"""Checks every picture file passes before it is stored, from the admin or an import."""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image, UnidentifiedImageError


class PictureRejected(ValueError):
    """A picture file we will not store; the message says why, for the person uploading it."""


def check_picture_file(file) -> tuple[int, int]:
    """Raise PictureRejected unless `file` (path or file object) is an allowed, sane image."""
    allowed = settings.NEWSROOM_PICTURE_FORMATS
    limit = settings.NEWSROOM_PICTURE_MAX_PIXELS
    try:
        with Image.open(file if not isinstance(file, Path) else str(file)) as image:
            image_format, (width, height) = image.format, image.size
            if image_format not in allowed:
                raise PictureRejected(
                    f"{image_format} pictures are not accepted; use {', '.join(allowed)}"
                )
            if width * height > limit:
                raise PictureRejected(
                    f"picture is {width}×{height} pixels; the limit is {limit:,} pixels in all"
                )
            image.verify()
    except Image.DecompressionBombError:
        raise PictureRejected(f"picture has more than {limit:,} pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise PictureRejected("not a picture file we can read") from None
    return width, height


def validate_picture_file(file) -> None:
    """Model-field validator: the same checks, as a form error the uploader can read.

    Only new uploads are checked; a stored file was checked when it arrived.
    """
    if getattr(file, "_committed", True):
        return
    try:
        position = file.tell()
        file.seek(0)
        check_picture_file(file)
        file.seek(position)
    except PictureRejected as error:
        message = str(error)
        raise ValidationError(
            f"{message[0].upper()}{message[1:]}.", code="invalid_picture"
        ) from None


def picture_file_name(instance, filename: str) -> str:
    """Where an uploaded picture is stored: a month folder and a name nobody can guess.

    The uploader's file name is dropped (it can name a person or a place), and a
    random one means an original cannot be found by trying likely addresses.
    """
    suffix = Path(filename).suffix.lower()[:10]
    if not suffix[1:].isalnum():
        suffix = ""
    return f"pictures/{timezone.now():%Y/%m}/{secrets.token_urlsafe(16)}{suffix}"
