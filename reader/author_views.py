"""Author pages: the stories a writer's bylines name them on, and the A–Z of writers.

Only published stories count: an author whose stories are all drafts or scheduled
has no page (a 404, as an unknown slug is) and is not in the index.
"""

from django.shortcuts import get_object_or_404, render

from articles.models import Article, Author
from articles.page_cache import public_page

from .index_views import index_page
from .pagination import canonical_page, paginate_or_404
from .seo import canonical_url, feed_links, page_metadata, page_number, site_name


@public_page
@canonical_page
def author(request, slug):
    author = get_object_or_404(Author, slug=slug)
    page = paginate_or_404(request, Article.objects.published().about(author).for_listing())
    context = {"author": author, "page": page, "meta": author_metadata(author, request, page)}
    return render(request, "authors/author.html", context)


@public_page
@canonical_page
def author_index(request):
    return index_page(
        request, entries=Author.objects.with_published_stories(), template="authors/index.html"
    )


def author_metadata(author, request, page) -> dict:
    """The author page's canonical address, its feeds for discovery, and a Person node."""
    url = canonical_url(request, author.get_absolute_url(), page=page_number(request, page))
    person = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": author.name,
        "url": request.build_absolute_uri(author.get_absolute_url()),
    }
    return page_metadata(
        url=url,
        og_type="profile",
        title=author.name,
        description=f"Stories by {author.name} from {site_name()}.",
        feeds=feed_links(
            request, "author", title=f"{site_name()}: {author.name}", slug=author.slug
        ),
        json_ld=person,
    )
