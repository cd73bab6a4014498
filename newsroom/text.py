"""Text every part of the site may store or send: no characters XML 1.0 forbids.

A headline pasted from a word processor can carry a vertical tab (its line break); a
feed or sitemap holding one is not XML, and no reader can load it. Text is cleaned on
the way in (model saves, admin forms, the importer) and again on the way out (feeds,
sitemaps), so a value stored before this rule existed cannot break a page either.

One pass over the string with ``str.translate``: linear in its length, whatever it holds.
"""

# XML 1.0 allows tab, line feed and carriage return below U+0020; the C0 controls
# other than those, the UTF-16 surrogates and U+FFFE/U+FFFF are never allowed.
# Line-breaking controls (vertical tab, form feed) become a space, so words stay apart.
_SPACED = {0x0B: " ", 0x0C: " "}
_FORBIDDEN = [code for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)]
_FORBIDDEN += list(range(0xD800, 0xE000)) + [0xFFFE, 0xFFFF]
XML_SAFE = {code: _SPACED.get(code) for code in _FORBIDDEN}


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (line-breaking ones become spaces)."""
    return text.translate(XML_SAFE)


def is_xml_safe(text: str) -> bool:
    return xml_safe(text) == text
