"""The site footer: every section, the people, party, place and writer indexes, the feeds."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def footer_nav(html: str) -> str:
    footer = html[html.index("<footer") : html.index("</footer>")]
    return footer[
        footer.index('<nav class="footer-nav" aria-label="Site">') : footer.index("</nav>")
    ]


def test_the_front_page_footer_links_each_section_the_indexes_and_the_feeds(client):
    sections = [make_section("Politics"), make_section("Local <Elections>", slug="local")]
    for section in sections:
        make_article(section=section)

    nav = footer_nav(client.get(reverse("articles:front_page")).content.decode())

    assert '<a href="/section/politics/">Politics</a>' in nav
    # A section's name is escaped like any other text.
    assert '<a href="/section/local/">Local &lt;Elections&gt;</a>' in nav
    indexes = ["people:people_index", "people:party_index", "people:place_index"]
    for name in [*indexes, "articles:author_index"]:
        assert f'<a href="{reverse(name)}">' in nav, name
    assert f'<a href="{reverse("feeds:site_rss")}" type="application/rss+xml">' in nav
    assert f'<a href="{reverse("feeds:site_atom")}" type="application/atom+xml">' in nav
    assert len(re.findall(r"<ul>", nav)) == 3


def test_the_footer_costs_no_query_beyond_the_header_nav(client):
    """The footer lists the header nav's sections again from the same fetched queryset."""
    make_section("Politics")
    with CaptureQueriesContext(connection) as counted:
        html = client.get(reverse("people:party_index")).content.decode()
    section_queries = [q for q in counted.captured_queries if "articles_section" in q["sql"]]

    assert len(section_queries) == 1
    assert '<a href="/section/politics/">Politics</a>' in footer_nav(html)
