"""Template tags for reader pages. They format; they do not query."""

from django import template

from articles.rendering import render_body

from .. import seo
from ..pagination import page_query

register = template.Library()


@register.simple_tag
def article_body(article):
    """`{% article_body article %}`: the body as sanitised HTML, pictures placed."""
    return render_body(article)


@register.simple_tag
def site_name():
    """The site's name (`seo.site_name`); needs no request, so the 500 page can use it."""
    return seo.site_name()


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """`{% page_url 2 %}`: this listing's page `number`, keeping its other parameters (`q`).

    Page 1 is the listing's own clean address.
    """
    request = context["request"]
    query = page_query(request, number)
    return f"?{query}" if query else request.path
