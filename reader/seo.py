"""Page metadata for search engines, social sites and feed readers.

Each builder is a plain function that returns a dict which `templates/seo/_head.html`
prints: the canonical URL, Open Graph and Twitter card tags, `<link rel="alternate">`
feed links and a schema.org JSON-LD object. URLs are made absolute from the request,
because the site has no "sites" framework to ask.

The builders read only what the page has already loaded, so they add no queries:
the article page's `for_detail()` prefetches, and the entity page's `for_page()`,
which brings a person's party memberships and a constituency's parent. (Given an
entity without `for_page()`, a person with a party costs two queries and a
constituency with a parent one.)
"""

import json
from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.renditions import JPEG, rendition_name, rendition_widths
from people.models import Constituency, Party, Person

SCHEMA_ORG = "https://schema.org"
FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
FEED_LABELS = {"rss": "RSS", "atom": "Atom"}
ENTITY_FEED_KINDS = {Person: "person", Party: "party", Constituency: "constituency"}
# Wide enough for every social card (Facebook asks for 1200), far short of an original.
SHARE_WIDTH = 1280
# What JSON may not contain inside a <script>: the same escapes as Django's json_script.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def site_name() -> str:
    """The site's name, from settings: the one place pages, feeds and metadata read it."""
    return settings.NEWSROOM_SITE_NAME


def last_modified(article) -> datetime:
    """When the story last changed for readers: its last revision, else its publication.

    `updated_at` alone would date a scheduled story before it went out, and an
    imported archive story to the day of the import.
    """
    return article.revised_at or article.published_at


def page_number(request, page=None) -> int:
    """The listing page shown: the paginator's own number when the page has one."""
    if page is not None and hasattr(page, "number"):
        return page.number
    requested = request.GET.get("page", "")
    return int(requested) if requested.isdigit() else 1


def canonical_url(request, path: str, *, page: int = 1) -> str:
    """`path` made absolute; of any query string only a page beyond the first is kept."""
    if page > 1:
        path = f"{path}?page={page}"
    return request.build_absolute_uri(path)


def feed_links(request, kind: str, *, title: str, slug: str | None = None) -> list[dict]:
    """The RSS and Atom feeds for a page, as `<link rel="alternate">` attributes."""
    args = [slug] if slug is not None else []
    return [
        {
            "type": FEED_TYPES[format_],
            "title": f"{title} ({FEED_LABELS[format_]})",
            "url": request.build_absolute_uri(reverse(f"feeds:{kind}_{format_}", args=args)),
        }
        for format_ in FEED_TYPES
    ]


def featured_image(article, request) -> dict | None:
    """The lead picture for social cards and JSON-LD, or None when it has no file.

    Its JPEG rendition rather than the original: every site reads JPEG, and a
    rendition carries no EXIF (no camera GPS position) and no multi-megabyte upload.
    Like the pages, it needs only the stored file name and size: no disk, no query.
    """
    picture = article.featured_picture
    if picture is None or not picture.file:
        return None
    url, width, height = picture.file.url, None, None
    if picture.renditions_ready and picture.width and picture.height:
        widths = rendition_widths(picture.width)
        width = max((w for w in widths if w <= SHARE_WIDTH), default=widths[0])
        height = round(picture.height * width / picture.width)
        url = default_storage.url(rendition_name(picture.file.name, width, JPEG))
    return {
        "url": request.build_absolute_uri(url),
        "width": width,
        "height": height,
        "alt": picture.alt_shown,
    }


def json_ld_script(data: dict) -> SafeString:
    """`data` as a JSON-LD script element that no string inside it can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def article_metadata(article, request) -> dict:
    """Metadata for an article page; `article` comes from `for_detail()`."""
    url = canonical_url(request, article.get_absolute_url())
    image = featured_image(article, request)
    published = isoformat(article.published_at)
    modified = isoformat(last_modified(article))
    properties = [
        ("article:published_time", published),
        ("article:modified_time", modified),
        ("article:section", article.section.name),
        *(("article:tag", tag.name) for tag in article.tags.all()),
    ]
    return page_metadata(
        url=url,
        og_type="article",
        title=article.title,
        description=article.standfirst,
        image=image,
        extra_properties=properties,
        # As on the listings, so a reader can subscribe from the page a link led them to.
        feeds=feed_links(request, "site", title=site_name()),
        json_ld=news_article(article, request, url=url, image=image),
    )


def news_article(article, request, *, url: str, image: dict | None) -> dict:
    """schema.org NewsArticle: what Google reads for Top Stories and rich results."""
    data = {
        "@context": SCHEMA_ORG,
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.standfirst,
        "datePublished": isoformat(article.published_at),
        "dateModified": isoformat(last_modified(article)),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "articleSection": article.section.name,
        "publisher": {"@type": "Organization", "name": site_name()},
    }
    if article.byline:
        data["author"] = article_authors(article, request)
    if image:
        data["image"] = [image["url"]]
    if keywords := [tag.name for tag in article.tags.all()]:
        data["keywords"] = keywords
    if mentions := article_mentions(article, request):
        data["mentions"] = mentions
    return data


def article_authors(article, request) -> list[dict]:
    """Each recognised author with their page (from `for_detail()`'s prefetch); else the byline."""
    authors = [link.author for link in article.article_authors.all()] if article.pk else []
    if not authors:
        return [{"@type": "Person", "name": article.byline}]
    return [
        {
            "@type": "Person",
            "name": author.name,
            "url": request.build_absolute_uri(author.get_absolute_url()),
        }
        for author in authors
    ]


def article_mentions(article, request) -> list[dict]:
    """The people, parties and places the story is linked to, from the page's prefetch."""
    entities = [
        *(link.person for link in article.person_links.all()),
        *(link.party for link in article.party_links.all()),
        *(link.constituency for link in article.constituency_links.all()),
    ]
    return [absolute_reference(entity, request) for entity in entities]


def absolute_reference(entity, request) -> dict:
    """A short schema.org node naming an entity and its page, to point at from others."""
    return {
        "@type": schema_type(entity),
        "name": entity.name,
        "url": request.build_absolute_uri(entity.get_absolute_url()),
    }


def schema_type(entity) -> str:
    # schema.org core has no political party type, and constituencies and wards
    # are administrative areas.
    return {Person: "Person", Party: "Organization", Constituency: "AdministrativeArea"}[
        type(entity)
    ]


def entity_metadata(entity, request, *, page=None) -> dict:
    """Metadata for a person, party or constituency page; `entity` from `for_page()`."""
    url = canonical_url(request, entity.get_absolute_url(), page=page_number(request, page))
    kind = ENTITY_FEED_KINDS[type(entity)]
    data = {"@context": SCHEMA_ORG, **absolute_reference(entity, request)}
    if alternate_names := entity_alternate_names(entity):
        data["alternateName"] = alternate_names
    if isinstance(entity, Person) and (party := entity.current_party) is not None:
        data["affiliation"] = absolute_reference(party, request)
    if isinstance(entity, Constituency) and entity.parent_id:
        data["containedInPlace"] = absolute_reference(entity.parent, request)
    return page_metadata(
        url=url,
        og_type="profile" if isinstance(entity, Person) else "website",
        title=entity.name,
        description=f"Stories about {entity.name} from {site_name()}.",
        feeds=feed_links(request, kind, title=f"{site_name()}: {entity.name}", slug=entity.slug),
        json_ld=data,
    )


def entity_alternate_names(entity) -> list[str]:
    """Other names it goes by (a party's short name, then aliases), each once."""
    names = [entity.short_name, *entity.aliases] if isinstance(entity, Party) else entity.aliases
    return list(dict.fromkeys(name for name in names if name and name != entity.name))


def listing_metadata(request, *, page=None, section=None, tag=None) -> dict:
    """Metadata for the front page, a section, a tag or a date archive.

    The front page also describes the site as a schema.org WebSite with its search.
    """
    number = page_number(request, page)
    if section is not None:
        return topic_metadata(
            request, section.get_absolute_url(), page=number, kind="section", topic=section
        )
    if tag is not None:
        path = reverse("articles:tag", args=[tag.slug])
        return topic_metadata(request, path, page=number, kind="tag", topic=tag)
    is_front_page = request.path == reverse("articles:front_page")
    return page_metadata(
        url=canonical_url(request, request.path, page=number),
        og_type="website",
        title=site_name(),
        description=f"The latest stories from {site_name()}."
        if is_front_page
        else f"Stories from the {site_name()} archive.",
        feeds=feed_links(request, "site", title=site_name()),
        json_ld=website(request) if is_front_page and number == 1 else None,
    )


def topic_metadata(request, path: str, *, page: int, kind: str, topic) -> dict:
    """Metadata for a section or tag page; `topic` has a name and a slug."""
    return page_metadata(
        url=canonical_url(request, path, page=page),
        og_type="website",
        title=topic.name,
        description=f"Stories on {topic.name} from {site_name()}.",
        feeds=feed_links(request, kind, title=f"{site_name()}: {topic.name}", slug=topic.slug),
    )


def website(request) -> dict:
    """schema.org WebSite with a SearchAction, so search engines can offer the site search."""
    search = request.build_absolute_uri(reverse("search:results"))
    return {
        "@context": SCHEMA_ORG,
        "@type": "WebSite",
        "name": site_name(),
        "url": request.build_absolute_uri(reverse("articles:front_page")),
        "potentialAction": {
            "@type": "SearchAction",
            "target": f"{search}?q={{search_term_string}}",
            "query-input": "required name=search_term_string",
        },
    }


def page_metadata(
    *,
    url: str,
    og_type: str,
    title: str,
    description: str,
    image: dict | None = None,
    extra_properties: Sequence[tuple[str, str]] = (),
    feeds: Sequence[dict] = (),
    json_ld: dict | None = None,
) -> dict:
    """The dict `seo/_head.html` prints: Open Graph as properties, the rest as names."""
    properties = [
        ("og:type", og_type),
        ("og:title", title),
        ("og:url", url),
        ("og:site_name", site_name()),
    ]
    names = [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", title),
    ]
    if description:
        properties.append(("og:description", description))
        names = [("description", description), *names, ("twitter:description", description)]
    if image:
        properties.append(("og:image", image["url"]))
        if image["width"] and image["height"]:
            properties += [("og:image:width", image["width"]), ("og:image:height", image["height"])]
        names.append(("twitter:image", image["url"]))
        if image["alt"]:
            properties.append(("og:image:alt", image["alt"]))
            names.append(("twitter:image:alt", image["alt"]))
    return {
        "canonical": url,
        "properties": [*properties, *extra_properties],
        "names": names,
        "feeds": list(feeds),
        "json_ld": json_ld,
    }


def isoformat(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat()
