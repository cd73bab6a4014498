"""`{{ value|xml_safe }}`: text for an XML document (sitemaps), without the characters XML
1.0 forbids. Feeds do the same in `reader.feeds`; see `newsroom.text`."""

from django import template

from newsroom.text import xml_safe as _xml_safe

register = template.Library()


@register.filter(is_safe=True)
def xml_safe(value) -> str:
    """Removing characters cannot make text unsafe, so escaping still applies as usual."""
    return _xml_safe(str(value))
