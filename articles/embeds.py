"""Which elements in a body readers will never see, so the editor can be told.

The renderer (`articles.rendering`) drops embeds, scripts, media and forms without
a trace; an editor who pasted an ``<iframe>`` would otherwise not know it is gone.
This only counts: a ``<`` followed directly by one of the names below, in any
case, and ending there (``<iframe>``, ``<IFRAME src=…>``, but not ``<iframes>``
or closing tags). It over-counts rather than misses: a tag in a code span, or an
unclosed one the renderer shows as text, is counted too; harmless in a warning.
One pass over the text, no regular expression, so a hostile body costs linear time.
"""

from collections import Counter

# In the order the warning names them.
HIDDEN_TAGS = ("iframe", "script", "object", "embed", "video", "audio", "form")
_FIRST_LETTERS = frozenset(tag[0] for tag in HIDDEN_TAGS)
# What may follow a tag name: the end of the tag, whitespace or a self-closing slash.
_NAME_ENDS = frozenset(">/ \t\n\r\f")


def hidden_elements(body: str) -> dict[str, int]:
    """How many of each hidden tag the body opens, in `HIDDEN_TAGS` order; absent ones left out."""
    text = body.lower()
    found = Counter()
    start = text.find("<")
    while start != -1:
        # Each `<` compares a few bounded names, so the scan stays linear however hostile.
        name_at = start + 1
        if text[name_at : name_at + 1] in _FIRST_LETTERS:
            for tag in HIDDEN_TAGS:
                after = text[name_at + len(tag) : name_at + len(tag) + 1]
                if text.startswith(tag, name_at) and (after == "" or after in _NAME_ENDS):
                    found[tag] += 1
                    break
        start = text.find("<", name_at)
    return {tag: found[tag] for tag in HIDDEN_TAGS if found[tag]}


def hidden_elements_warning(body: str) -> str:
    """The editor's warning, or "" when every element of the body is shown."""
    counts = hidden_elements(body)
    if not counts:
        return ""
    names = [f"<{tag}> ({count})" for tag, count in counts.items()]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    verb = "is" if len(names) == 1 and sum(counts.values()) == 1 else "are"
    return (
        f"The body's {listed} {verb} not shown to readers: "
        "embeds and scripts are removed for safety."
    )
