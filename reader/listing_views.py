"""Pages that list stories: the front page, a section, a tag, a category.

Each view resolves input, asks `Article.objects.published()`, renders.
"""

from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from articles import coverage
from articles.models import Article, Category, Section
from articles.page_cache import public_page

from .pagination import canonical_page, paginate, paginate_or_404
from .seo import canonical_url, page_metadata, page_number, site_name

STORIES_PER_SECTION_BLOCK = 4
# "In the news" means mentioned in the fortnight up to the newest story.
IN_THE_NEWS_DAYS = 14
IN_THE_NEWS_PEOPLE = 8


@public_page
@canonical_page
def front_page(request):
    published = Article.objects.published()
    page = paginate(request, published.for_listing())
    # The section blocks and the layout's navigation list the same sections: one query.
    sections = list(Section.objects.all())
    context = {"page": page, "nav_sections": sections}
    if page.number == 1:
        stories = list(page)
        context |= {
            "lead": stories[0] if stories else None,
            "latest": stories[1:],
            "section_blocks": published.section_blocks(
                sections, per_section=STORIES_PER_SECTION_BLOCK
            ),
            # "In the news" is the fortnight up to the newest story, which is about now.
            "people_in_the_news": coverage.people_in_the_news(
                until=stories[0].published_at, days=IN_THE_NEWS_DAYS, limit=IN_THE_NEWS_PEOPLE
            )
            if stories
            else [],
        }
    return render(request, "articles/front_page.html", context)


@public_page
@canonical_page
def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    page = paginate(request, Article.objects.published().in_section(section).for_listing())
    return render(request, "articles/section.html", {"section": section, "page": page})


@public_page
@canonical_page
def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    # A tag used only on unpublished stories is not public yet: 404, not an empty page.
    page = paginate_or_404(request, Article.objects.published().tagged(tag).for_listing())
    return render(request, "articles/tag.html", {"tag": tag, "page": page})


@public_page
@canonical_page
def category(request, slug):
    category = get_object_or_404(Category, slug=slug)
    # As for tags: a category only unpublished stories are in is not public yet.
    page = paginate_or_404(request, Article.objects.published().about(category).for_listing())
    context = {
        "category": category,
        "page": page,
        "meta": category_metadata(category, request, page),
    }
    return render(request, "articles/category.html", context)


def category_metadata(category, request, page) -> dict:
    """The category page's canonical address and description (categories have no feeds)."""
    path = category.get_absolute_url()
    return page_metadata(
        url=canonical_url(request, path, page=page_number(request, page)),
        og_type="website",
        title=category.name,
        description=f"Stories in {category.name} from {site_name()}.",
    )
