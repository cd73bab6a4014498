"""RSS and Atom feeds of published stories: the whole site, a section, a tag, the
stories about one person, party or constituency, or the stories of one author.

Every feed lists the newest `FEED_LENGTH` published stories and costs a fixed
number of queries: the object it is about (if any), the stories with their section,
their featured pictures, their authors and their tags. An Atom entry with one
recognised author links to that author's page.

An item's unique id is its permalink, so a reader shows each story once. Titles are
plain text, which the feed generator escapes for XML once (a reader shows "Labour's",
not "Labour&#x27;s"). Descriptions and Atom summaries are read as HTML, so their text
has "<", ">" and "&" escaped first, and nothing else. Every text
in a feed passes through `newsroom.text.xml_safe` on its way out, so a control
character stored before saves cleaned text (or written by a bulk update) cannot make
a feed fail.
"""

import html

from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from taggit.models import Tag

from articles import coverage
from articles.models import Article, Author, Section
from newsroom.text import xml_safe
from people.models import Constituency, Party, Person

from .seo import last_modified, site_name

FEED_LENGTH = 30


def html_text(text: str) -> str:
    """Plain text for a field read as HTML: markup characters escaped, quotes left alone."""
    return html.escape(text, quote=False)


class StoryFeed(Feed):
    """What every story feed shares; subclasses say which stories and what they are about."""

    item_guid_is_permalink = True
    # Readers' feeds are served from the page cache (articles.page_cache).
    public_page = True

    def get_feed(self, obj, request):
        """The feed Django builds, with every text in it, the feed's and each item's, XML-safe."""
        feed = super().get_feed(obj, request)
        feed.feed = {key: _xml_safe(value) for key, value in feed.feed.items()}
        feed.items = [{key: _xml_safe(value) for key, value in item.items()} for item in feed.items]
        for item in feed.items:
            # Django makes the feed's and items' links absolute, but not an author's.
            if item.get("author_link"):
                item["author_link"] = request.build_absolute_uri(item["author_link"])
        return feed

    def stories(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return self.stories(obj).for_listing().prefetch_related("tags")[:FEED_LENGTH]

    def author_name(self):
        # Atom needs an author for entries without a byline; the site stands in.
        return site_name()

    # Plain text: the feed generator escapes it for XML, once. Escaping it here as
    # well (Django's default for titles) showed RSS readers "&#x27;" for apostrophes.
    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Readers render an RSS description as HTML: "<" and "&" are escaped so a
        # standfirst reads as the text it is, while quotes stay as they are.
        return html_text(article.standfirst)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return last_modified(article)

    def item_author_name(self, article):
        return article.byline or None

    def item_author_link(self, article):
        # From `for_listing()`'s prefetch; a byline of several authors has no one page.
        authors = article.article_authors.all()
        return authors[0].author.get_absolute_url() if len(authors) == 1 else None

    def item_categories(self, article):
        return [tag.name for tag in article.tags.all()]


class AtomFeed:
    """Mixed in before a story feed to serve it as Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self._get_dynamic_attr("description", obj)

    def item_description(self, article):
        # Atom's summary is declared type="html", as an RSS description is read.
        return html_text(article.standfirst)


class SiteFeed(StoryFeed):
    def title(self):
        return site_name()

    def link(self):
        return reverse("articles:front_page")

    def description(self):
        return f"The latest stories from {site_name()}."


class SectionFeed(StoryFeed):
    def get_object(self, request, slug):
        return Section.objects.get(slug=slug)

    def stories(self, section):
        return Article.objects.published().in_section(section)

    def title(self, section):
        return f"{site_name()}: {section.name}"

    def link(self, section):
        return section.get_absolute_url()

    def description(self, section):
        return f"The latest {section.name} stories from {site_name()}."


class TagFeed(StoryFeed):
    def get_object(self, request, slug):
        # As on the tag page: a tag only unpublished stories use is not public yet.
        published = coverage.newest(coverage.Kind.TAG, OuterRef("pk"))
        return Tag.objects.filter(Exists(published)).get(slug=slug)

    def stories(self, tag):
        return Article.objects.published().tagged(tag)

    def title(self, tag):
        return f"{site_name()}: {tag.name}"

    def link(self, tag):
        return reverse("articles:tag", args=[tag.slug])

    def description(self, tag):
        return f"The latest stories tagged {tag.name} from {site_name()}."


class EntityFeed(StoryFeed):
    """Stories that mention one person, party or constituency, found by its slug."""

    model = None

    def get_object(self, request, slug):
        return self.model.objects.get(slug=slug)

    def stories(self, entity):
        return Article.objects.published().mentioning(entity)

    def title(self, entity):
        return f"{site_name()}: {entity.name}"

    def link(self, entity):
        return entity.get_absolute_url()

    def description(self, entity):
        return f"The latest stories about {entity.name} from {site_name()}."


class AuthorFeed(StoryFeed):
    def get_object(self, request, slug):
        # As on the author page: an author of unpublished stories only is not public yet.
        return Author.objects.with_published_stories().get(slug=slug)

    def stories(self, author):
        return Article.objects.published().about(author)

    def title(self, author):
        return f"{site_name()}: {author.name}"

    def link(self, author):
        return author.get_absolute_url()

    def description(self, author):
        return f"The latest stories by {author.name} from {site_name()}."


class SiteAtomFeed(AtomFeed, SiteFeed):
    pass


class SectionAtomFeed(AtomFeed, SectionFeed):
    pass


class TagAtomFeed(AtomFeed, TagFeed):
    pass


class PersonFeed(EntityFeed):
    model = Person


class PartyFeed(EntityFeed):
    model = Party


class ConstituencyFeed(EntityFeed):
    model = Constituency


class PersonAtomFeed(AtomFeed, PersonFeed):
    pass


class PartyAtomFeed(AtomFeed, PartyFeed):
    pass


class ConstituencyAtomFeed(AtomFeed, ConstituencyFeed):
    pass


class AuthorAtomFeed(AtomFeed, AuthorFeed):
    pass


def _xml_safe(value):
    """A feed value with its texts XML-safe: a string, or a list of them (categories)."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(part) for part in value)
    return value
