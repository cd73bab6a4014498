"""Template tags for page metadata. They hand the page to `reader.seo` and format.

Each tag needs `request` in the context (the request context processor supplies it)
to make URLs absolute.
"""

from django import template

from .. import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def article_metadata(context, article):
    """`{% article_metadata article as meta %}`, for `seo/_head.html`."""
    return seo.article_metadata(article, context["request"])


@register.simple_tag(takes_context=True)
def entity_metadata(context, entity):
    """`{% entity_metadata entity as meta %}`, for `seo/_head.html`."""
    return seo.entity_metadata(entity, context["request"], page=context.get("page"))


@register.simple_tag(takes_context=True)
def listing_metadata(context, section=None, tag=None):
    """`{% listing_metadata section=section tag=tag as meta %}`; both may be missing."""
    return seo.listing_metadata(
        context["request"], page=context.get("page"), section=section or None, tag=tag or None
    )


@register.filter
def json_ld(data):
    """`{{ data|json_ld }}`: a JSON-LD script element, safe whatever strings it holds."""
    return seo.json_ld_script(data)
