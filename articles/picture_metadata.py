"""Picture files rewritten without their metadata, pixels untouched.

Cameras and phones write where a photo was taken (EXIF GPS) into the file, and
editing software adds XMP, IPTC and text notes that can say it too. Originals are
stored and served, so all of that goes before a file is stored.

The policy, in plain words:

- **Walk, don't re-encode.** Each file is rewritten by walking its own structure
  (JPEG markers, PNG chunks, WebP's RIFF chunks, GIF blocks) and copying the parts
  needed to draw it byte for byte. The pixels stay exactly as they were, and a
  JPEG loses no quality to a second compression.
- **What stays.** Image data, colour (ICC profile, gamma, chromaticity, sRGB and
  HDR tags), transparency, animation and pixel density. Everything else goes:
  EXIF, XMP, IPTC, comments, text chunks, maker and vendor blocks, and anything
  after the end of the image (a phone's embedded video, a second picture).
- **Orientation.** Of EXIF only the orientation survives, in a new EXIF block
  holding nothing else, so a photo taken upright still shows upright.
- **Cost.** One pass over the bytes; the file is never decoded here.

A file whose structure cannot be followed raises MalformedPicture.
"""

import re
import struct
import zlib
from collections.abc import Callable

from PIL import Image

ORIENTATION_TAG = 0x0112
ORIENTATIONS = range(1, 9)
EXIF_PREFIX = b"Exif\x00\x00"


class MalformedPicture(ValueError):
    """The file's structure cannot be followed; `cut_short` when it simply ends too soon."""

    def __init__(self, message: str, *, cut_short: bool = False):
        super().__init__(message)
        self.cut_short = cut_short


def without_metadata(data: bytes, image_format: str, *, orientation: int = 1) -> bytes:
    """`data`, a picture in `image_format` (Pillow's name), with only what draws it.

    `orientation` is the picture's EXIF orientation (1, upright, means none is kept).
    """
    if orientation not in ORIENTATIONS:
        orientation = 1
    return WALKERS[image_format](data, orientation)


def orientation_exif(orientation: int) -> bytes:
    """An EXIF block (TIFF structure, no "Exif" prefix) holding only the orientation."""
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = orientation
    return exif.tobytes().removeprefix(EXIF_PREFIX)


def _need(data: bytes, end: int, what: str) -> None:
    if end > len(data):
        raise MalformedPicture(f"the file ends inside its {what}", cut_short=True)


# --- JPEG --------------------------------------------------------------------------------

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
APP0, APP1, APP15, COM = 0xE0, 0xE1, 0xEF, 0xFE
# Marker segments kept, by the start of their payload: JFIF (and its thumbnail
# extension), the ICC colour profile, and Adobe's colour transform (which CMYK needs).
KEPT_APPLICATION_SEGMENTS = {
    0xE0: (b"JFIF\x00", b"JFXX\x00"),
    0xE2: (b"ICC_PROFILE\x00",),
    0xEE: (b"Adobe",),
}
# Markers that stand alone, with no length: restart markers and TEM.
STANDALONE = {0x01, *range(0xD0, 0xD8)}
# Fixed-width searches, run by the regex engine in C: no backtracking, linear time.
NOT_FILL = re.compile(rb"[^\xff]")
# In entropy-coded data 0xFF is followed by 0x00 (a stuffed byte) or a restart
# marker; anything else after it starts the next marker.
NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7]")


def _jpeg(data: bytes, orientation: int) -> bytes:
    if not data.startswith(b"\xff\xd8"):
        raise MalformedPicture("not a JPEG file")
    out = [b"\xff\xd8"]
    exif_pending = orientation != 1
    position = 2
    while True:
        # Like libjpeg, skip stray bytes before a marker, then its fill bytes.
        position = data.find(b"\xff", position)
        marker_byte = NOT_FILL.search(data, position) if position >= 0 else None
        if marker_byte is None:
            raise MalformedPicture("the JPEG ends before its end marker", cut_short=True)
        position = marker_byte.start()
        marker = data[position]
        position += 1
        if marker == 0x00:
            continue
        if marker == EOI:
            out.append(b"\xff\xd9")
            return b"".join(out)
        if marker in STANDALONE:
            out.append(bytes((0xFF, marker)))
            continue
        _need(data, position + 2, "segment lengths")
        (length,) = struct.unpack_from(">H", data, position)
        if length < 2:
            raise MalformedPicture("a JPEG segment has an impossible length")
        _need(data, position + length, "segments")
        payload = data[position + 2 : position + length]
        position += length
        if exif_pending and marker != APP0:
            out.append(_jpeg_segment(APP1, EXIF_PREFIX + orientation_exif(orientation)))
            exif_pending = False
        if _keep_jpeg_segment(marker, payload):
            out.append(_jpeg_segment(marker, payload))
        if marker == SOS:
            end = _end_of_scan(data, position)
            out.append(data[position:end])
            if end == len(data):
                # Some cameras leave the end marker off; decoders do without it.
                out.append(b"\xff\xd9")
                return b"".join(out)
            position = end


def _keep_jpeg_segment(marker: int, payload: bytes) -> bool:
    if marker in KEPT_APPLICATION_SEGMENTS:
        return payload.startswith(KEPT_APPLICATION_SEGMENTS[marker])
    return not (APP0 <= marker <= APP15 or marker == COM)


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    if len(payload) + 2 > 0xFFFF:
        raise MalformedPicture("a JPEG segment is too long")
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def _end_of_scan(data: bytes, position: int) -> int:
    """Where the entropy-coded data that starts at `position` ends: at the next marker."""
    found = NEXT_MARKER.search(data, position)
    return len(data) if found is None else found.start()


# --- PNG ---------------------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Critical chunks, and the ancillary ones that change how the picture looks or moves.
# Text (tEXt, zTXt, iTXt: XMP lives there), eXIf, tIME and private chunks are dropped.
KEPT_PNG_CHUNKS = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"cHRM",
    b"gAMA",
    b"iCCP",
    b"sBIT",
    b"sRGB",
    b"cICP",
    b"mDCV",
    b"cLLI",
    b"bKGD",
    b"hIST",
    b"pHYs",
    b"sPLT",
    b"acTL",
    b"fcTL",
    b"fdAT",
}


def _png(data: bytes, orientation: int) -> bytes:
    if not data.startswith(PNG_SIGNATURE):
        raise MalformedPicture("not a PNG file")
    out = [PNG_SIGNATURE]
    position = len(PNG_SIGNATURE)
    while True:
        _need(data, position + 8, "chunk headers")
        length, kind = struct.unpack_from(">I4s", data, position)
        end = position + 12 + length
        _need(data, end, "chunks")
        # A critical chunk no decoder knows (upper-case first letter) is not metadata.
        if kind in KEPT_PNG_CHUNKS or kind[:1].isupper():
            out.append(data[position:end])
        if kind == b"IHDR" and orientation != 1:
            out.append(_png_chunk(b"eXIf", orientation_exif(orientation)))
        if kind == b"IEND":
            return b"".join(out)
        position = end


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload)
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


# --- WebP --------------------------------------------------------------------------------

# The image, its alpha, animation and ICC profile; EXIF, XMP and unknown chunks go.
KEPT_WEBP_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
VP8X_EXIF, VP8X_XMP = 0x08, 0x04


def _webp(data: bytes, orientation: int) -> bytes:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise MalformedPicture("not a WebP file")
    (riff_size,) = struct.unpack_from("<I", data, 4)
    end_of_file = 8 + riff_size
    _need(data, end_of_file, "RIFF container")
    chunks: list[bytearray] = []
    position = 12
    while position + 8 <= end_of_file:
        kind = data[position : position + 4]
        (size,) = struct.unpack_from("<I", data, position + 4)
        end = position + 8 + size
        if end > end_of_file:
            raise MalformedPicture("the file ends inside its chunks", cut_short=True)
        if kind in KEPT_WEBP_CHUNKS:
            # Chunks are padded to an even length; some writers leave the last pad off.
            chunks.append(bytearray(data[position:end] + b"\x00" * (size & 1)))
        position = end + (size & 1)
    extended = next((chunk for chunk in chunks if chunk[:4] == b"VP8X"), None)
    if extended is not None:
        extended[8] &= ~(VP8X_EXIF | VP8X_XMP) & 0xFF
        if orientation != 1:
            extended[8] |= VP8X_EXIF
            exif = orientation_exif(orientation)
            padding = b"\x00" * (len(exif) & 1)
            chunks.append(bytearray(b"EXIF" + struct.pack("<I", len(exif)) + exif + padding))
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_cut_short(data: bytes) -> bool:
    """Whether a WebP file is shorter than its RIFF header says (Pillow cannot tell)."""
    if data[:4] != b"RIFF" or len(data) < 8:
        return False
    return 8 + struct.unpack_from("<I", data, 4)[0] > len(data)


# --- GIF ---------------------------------------------------------------------------------

GIF_IMAGE, GIF_EXTENSION, GIF_TRAILER = 0x2C, 0x21, 0x3B
GIF_PLAIN_TEXT, GIF_GRAPHIC_CONTROL, GIF_APPLICATION = 0x01, 0xF9, 0xFF
# Application extensions that say how to loop an animation, or its colour profile.
KEPT_GIF_APPLICATIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012")


def _gif(data: bytes, orientation: int) -> bytes:
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise MalformedPicture("not a GIF file")
    _need(data, 13, "header")
    flags = data[10]
    position = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    _need(data, position, "colour table")
    out = [data[:position]]
    while True:
        _need(data, position + 1, "blocks")
        introducer = data[position]
        if introducer == GIF_TRAILER:
            out.append(b";")
            return b"".join(out)
        if introducer == GIF_IMAGE:
            _need(data, position + 10, "image descriptors")
            flags = data[position + 9]
            start = position
            position += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0) + 1
            position = _after_sub_blocks(data, position)
            out.append(data[start:position])
        elif introducer == GIF_EXTENSION:
            _need(data, position + 2, "extensions")
            label, start = data[position + 1], position
            position = _after_sub_blocks(data, position + 2)
            if _keep_gif_extension(label, data[start + 2 : position]):
                out.append(data[start:position])
        else:
            raise MalformedPicture("a GIF block of an unknown kind")


def _after_sub_blocks(data: bytes, position: int) -> int:
    """Where the run of sub-blocks that starts at `position` ends (after its empty block)."""
    while True:
        _need(data, position + 1, "data blocks")
        size = data[position]
        position += 1 + size
        if size == 0:
            return position


def _keep_gif_extension(label: int, blocks: bytes) -> bool:
    """Frame timing and drawn text stay; comments, XMP and unknown extensions go."""
    if label == GIF_APPLICATION:
        return blocks[:1] == b"\x0b" and blocks[1:12] in KEPT_GIF_APPLICATIONS
    return label in (GIF_PLAIN_TEXT, GIF_GRAPHIC_CONTROL)


WALKERS: dict[str, Callable[[bytes, int], bytes]] = {
    "JPEG": _jpeg,
    "MPO": _jpeg,
    "PNG": _png,
    "WEBP": _webp,
    "GIF": _gif,
}
