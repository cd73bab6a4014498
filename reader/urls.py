"""Every address of the public site, under the namespaces templates and code use.

- `articles:` the front page, sections, tags, categories, date archives, stories and their
  previews, authors (`author`, and the A–Z `author_index`), and the pages about the desk
  (`about`, `corrections_policy`);
- `people:` person, party and constituency pages, and their indexes (`people_index`,
  `party_index`, `place_index`); `search:results`;
- `feeds:<kind>_<format>`, e.g. `feeds:section_rss` for /feeds/section/<slug>/rss/;
  the site-wide ones are `feeds:site_rss` and `feeds:site_atom`;
- `sitemaps:index`, `sitemaps:section`, `sitemaps:articles` (a month of stories) and
  `sitemaps:news`; and `robots_txt`.

Date archives are written `/2024/06/05/`: the month and day are read with or without
their leading zero and always written with it, and the archive view sends the other
spellings to that one with a 301.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, register_converter

from articles.page_cache import public_page

from . import (
    archive_views,
    author_views,
    entity_views,
    feeds,
    index_views,
    listing_views,
    page_views,
    preview_views,
    search_views,
    story_views,
)
from .sitemap_views import articles_sitemap, robots_txt, sitemap_index
from .sitemaps import SITEMAPS, NewsSitemap


class TwoDigitConverter:
    """A month or a day of the month: `6` or `06` read as 6, always written `06`."""

    regex = "[0-9]{1,2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return f"{int(value):02d}"


register_converter(TwoDigitConverter, "two_digits")

article_patterns = [
    path("", listing_views.front_page, name="front_page"),
    path("section/<slug:slug>/", listing_views.section, name="section"),
    # Tag slugs may be Unicode ("café"), which the slug converter would refuse.
    path("tag/<str:slug>/", listing_views.tag, name="tag"),
    path("category/<slug:slug>/", listing_views.category, name="category"),
    path("authors/", author_views.author_index, name="author_index"),
    path("authors/<slug:slug>/", author_views.author, name="author"),
    path("<int:year>/", archive_views.archive, name="archive_year"),
    path("<int:year>/<two_digits:month>/", archive_views.archive, name="archive_month"),
    path(
        "<int:year>/<two_digits:month>/<two_digits:day>/",
        archive_views.archive,
        name="archive_day",
    ),
    path("about/", page_views.about, name="about"),
    path("corrections/", page_views.corrections_policy, name="corrections_policy"),
    path("articles/<slug:slug>/", story_views.article, name="article"),
    path("preview/<int:pk>/", preview_views.preview, name="preview"),
    path("preview/share/<str:token>/", preview_views.shared_preview, name="shared_preview"),
]

people_patterns = [
    path("people/", index_views.people_index, name="people_index"),
    path("parties/", index_views.party_index, name="party_index"),
    path("constituencies/", index_views.place_index, name="place_index"),
    path("people/<slug:slug>/", entity_views.person, name="person"),
    path("parties/<slug:slug>/", entity_views.party, name="party"),
    path("constituencies/<slug:slug>/", entity_views.constituency, name="constituency"),
]

search_patterns = [path("search/", search_views.results, name="results")]

feed_patterns = [
    path("rss/", feeds.SiteFeed(), name="site_rss"),
    path("atom/", feeds.SiteAtomFeed(), name="site_atom"),
    path("section/<slug:slug>/rss/", feeds.SectionFeed(), name="section_rss"),
    path("section/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section_atom"),
    # Tag slugs may be Unicode ("café"), as on the tag pages.
    path("tag/<str:slug>/rss/", feeds.TagFeed(), name="tag_rss"),
    path("tag/<str:slug>/atom/", feeds.TagAtomFeed(), name="tag_atom"),
    path("person/<slug:slug>/rss/", feeds.PersonFeed(), name="person_rss"),
    path("person/<slug:slug>/atom/", feeds.PersonAtomFeed(), name="person_atom"),
    path("party/<slug:slug>/rss/", feeds.PartyFeed(), name="party_rss"),
    path("party/<slug:slug>/atom/", feeds.PartyAtomFeed(), name="party_atom"),
    path("constituency/<slug:slug>/rss/", feeds.ConstituencyFeed(), name="constituency_rss"),
    path("constituency/<slug:slug>/atom/", feeds.ConstituencyAtomFeed(), name="constituency_atom"),
    path("author/<slug:slug>/rss/", feeds.AuthorFeed(), name="author_rss"),
    path("author/<slug:slug>/atom/", feeds.AuthorAtomFeed(), name="author_atom"),
]

sitemap_patterns = [
    path("sitemap.xml", sitemap_index, name="index"),
    path("sitemap-articles-<int:year>-<int:month>.xml", articles_sitemap, name="articles"),
    path(
        "sitemap-news.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="news",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="section",
    ),
]

urlpatterns = [
    path("feeds/", include((feed_patterns, "feeds"))),
    path("", include((sitemap_patterns, "sitemaps"))),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include((search_patterns, "search"))),
    path("", include((people_patterns, "people"))),
    path("", include((article_patterns, "articles"))),
]
