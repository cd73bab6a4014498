"""Text every part of the site may store or send: no characters XML 1.0 forbids.

A headline pasted from a word processor can carry a vertical tab (its line break); a
feed or sitemap holding one is not XML, and no reader can load it. Text is cleaned on
the way in (model saves, admin forms, the importer) and again on the way out (feeds,
sitemaps), so a value stored before this rule existed cannot break a page either.

One scan of the string for any character to change, and a ``str.translate`` only when
there is one: linear in its length, whatever it holds, and cheap for the usual clean text.
"""

import re

# Up to this many characters a translation is made with str.replace, one each.
FEW = 4


class Translation:
    """``str.translate`` with `table`, skipped when the text holds none of its characters.

    ``str.translate`` looks every character up in a dict; finding the first character
    to change with one compiled character class runs in C at memory speed. Clean text,
    the usual case, is returned as it is.
    """

    def __init__(self, table: dict[int, str | None]):
        self.table = table
        self._finder = re.compile("[" + "".join(re.escape(chr(code)) for code in table) + "]")
        # A few characters, none brought back by another's replacement: ``str.replace``
        # for each is faster still than one ``str.translate``.
        pairs = [(chr(code), new or "") for code, new in table.items()]
        few = len(pairs) <= FEW
        chained_safely = few and not any(old in new for old, _ in pairs for _, new in pairs)
        self._replacements = pairs if chained_safely else None

    def __call__(self, text: str) -> str:
        if not self._finder.search(text):
            return text
        if self._replacements is None:
            return text.translate(self.table)
        for old, new in self._replacements:
            text = text.replace(old, new)
        return text


# XML 1.0 allows tab, line feed and carriage return below U+0020; the C0 controls
# other than those, the UTF-16 surrogates and U+FFFE/U+FFFF are never allowed.
# Line-breaking controls (vertical tab, form feed) become a space, so words stay apart.
_SPACED = {0x0B: " ", 0x0C: " "}
_FORBIDDEN = [code for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)]
_FORBIDDEN += list(range(0xD800, 0xE000)) + [0xFFFE, 0xFFFF]
XML_SAFE = Translation({code: _SPACED.get(code) for code in _FORBIDDEN})


# Typographic apostrophes read as the plain one, so "O’Neill" and "O'Neill" are one name.
APOSTROPHES = Translation(str.maketrans({"\u2019": "'", "\u02bc": "'"}))


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (line-breaking ones become spaces)."""
    return XML_SAFE(text)


def is_xml_safe(text: str) -> bool:
    return xml_safe(text) == text
