"""Template tags for reader pages. They format; they do not query."""

from django import template
from django.conf import settings

from ..rendering import render_body

register = template.Library()


@register.simple_tag
def article_body(article):
    """`{% article_body article %}`: the body as sanitised HTML, pictures placed."""
    return render_body(article)


@register.simple_tag
def site_name():
    """The site's name from settings; needs no request, so the 500 page can use it."""
    return settings.NEWSROOM_SITE_NAME
