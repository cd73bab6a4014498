"""`{% responsive_image %}`: the addresses `_picture.html` needs. Computes; never reads a file."""

from django import template

from articles.renditions import responsive_image as _responsive_image

register = template.Library()


@register.simple_tag
def responsive_image(picture, eager=False, sizes=""):
    """`{% responsive_image picture eager=eager sizes=sizes as image %}`; see renditions.py."""
    return _responsive_image(picture, eager=bool(eager), sizes=sizes)
