"""Party colours: the one #rrggbb pattern, and the contrast maths that picks readable text.

WCAG 2.2 definitions (relative luminance, contrast ratio); no database, no Django.
"""

import re

# The only colour form stored, checked and put into pages: "#" and six hex digits.
HEX_COLOUR = re.compile(r"\A#[0-9a-fA-F]{6}\Z")
NEUTRAL_COLOUR = "#6B6B6B"
BLACK = "#000000"
WHITE = "#FFFFFF"


def is_hex_colour(value: object) -> bool:
    """Whether `value` is a #rrggbb colour, and nothing more."""
    return isinstance(value, str) and HEX_COLOUR.match(value) is not None


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of a #rrggbb colour: 0 for black, 1 for white."""
    channels = (int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5))
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with `background`.

    The better of the two is always at least 4.58:1, so text on any brand colour
    meets WCAG AA for normal-size text.
    """
    return max((BLACK, WHITE), key=lambda text: contrast_ratio(background, text))
