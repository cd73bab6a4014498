"""Feeds, sitemaps and robots.txt: how stories travel beyond the site.

Feeds are named `feeds:<kind>_<format>`, e.g. `feeds:section_rss` for
/feeds/section/<slug>/rss/; the site-wide ones are `feeds:site_rss` and
`feeds:site_atom`. Sitemaps are `sitemaps:index`, `sitemaps:section`,
`sitemaps:articles` (a month of stories) and `sitemaps:news`.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from people import feeds as people_feeds

from . import feeds
from .page_cache import public_page
from .sitemaps import SITEMAPS, NewsSitemap, articles_sitemap, robots_txt, sitemap_index

feed_patterns = [
    path("rss/", feeds.SiteFeed(), name="site_rss"),
    path("atom/", feeds.SiteAtomFeed(), name="site_atom"),
    path("section/<slug:slug>/rss/", feeds.SectionFeed(), name="section_rss"),
    path("section/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section_atom"),
    # Tag slugs may be Unicode ("café"), as on the tag pages.
    path("tag/<str:slug>/rss/", feeds.TagFeed(), name="tag_rss"),
    path("tag/<str:slug>/atom/", feeds.TagAtomFeed(), name="tag_atom"),
    path("person/<slug:slug>/rss/", people_feeds.PersonFeed(), name="person_rss"),
    path("person/<slug:slug>/atom/", people_feeds.PersonAtomFeed(), name="person_atom"),
    path("party/<slug:slug>/rss/", people_feeds.PartyFeed(), name="party_rss"),
    path("party/<slug:slug>/atom/", people_feeds.PartyAtomFeed(), name="party_atom"),
    path(
        "constituency/<slug:slug>/rss/",
        people_feeds.ConstituencyFeed(),
        name="constituency_rss",
    ),
    path(
        "constituency/<slug:slug>/atom/",
        people_feeds.ConstituencyAtomFeed(),
        name="constituency_atom",
    ),
]

sitemap_patterns = [
    path("sitemap.xml", sitemap_index, name="index"),
    path(
        "sitemap-articles-<int:year>-<int:month>.xml",
        articles_sitemap,
        name="articles",
    ),
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
]
