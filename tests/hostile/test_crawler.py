"""Hostile values in every field an editor can type into, then every public URL, as a crawler.

An editor fills each text box of a live story (and its pictures, tags and share link)
and of the people, party and constituency it is about with hostile text through the
admin, and writes a draft with a marker nobody outside should see. Then a crawler
starts at the front page, the feeds and the sitemaps and follows every address on the
site it finds. Every answer must be 200 or 404 (redirects followed), every feed and
sitemap well-formed XML, no page may carry markup a browser would run, and the
draft's marker must appear nowhere.
"""

import json
import xml.etree.ElementTree as ElementTree
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django import forms
from django.forms import Textarea, TextInput
from django.urls import reverse

from articles.models import Article, Picture
from people.forms import MAX_ALIAS_LENGTH
from people.models import Constituency, Party, Person
from tests.factories import make_article, make_constituency, make_party, make_person
from tests.helpers import admin_form_data, link

pytestmark = pytest.mark.django_db

DRAFT_MARKER = "unpublishedmarkerqx"
# Text a reporter might paste or an attacker might type; each box gets the next one.
HOSTILE = [
    '<script>alert("x")</script> Hostile headline',
    '"><img src=x onerror=alert(1)> quoted attribute',
    "Line\x0bbreak from Word, NUL\x00 and unit separator\x1f",
    "</script><script>alert(document.domain)</script> inside JSON-LD",
    "javascript:alert(1)",
    "![" * 2000 + " brackets",
    "<iframe src=//evil.example></iframe> framed <svg onload=alert(1)>",
    "Use the <script> tag to load code, says the council",
    "]]> <!-- comment --> <![CDATA[ x ]]> {{ 7|add:7 }} {% now 'Y' %}",
    "\u202eRight-to-left override\u202c and \ufffe non-character",
    "<a href='javascript:alert(1)'>click</a> <style>body{display:none}</style>",
    'Tom & Jerry\'s "quotes" < > &amp; &lt;script&gt;',
]
# Fields whose value must stay a working address or a choice: left as they are.
KEEP = {"slug"}

MAX_PAGES = 400
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/preview/")
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset"}
RUNNABLE = ("javascript:", "data:text/html", "vbscript:")


class Page(HTMLParser):
    """The links in a page, and anything in it that a browser would run."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.executable: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.executable.append(f"<{tag} {name}=…>")
            if name in ADDRESS_ATTRIBUTES and (value or "").strip().lower().startswith(RUNNABLE):
                self.executable.append(f"<{tag} {name}={value[:40]}>")
        if tag in {"iframe", "object", "embed", "frame", "base"}:
            self.executable.append(f"<{tag}>")
        if tag == "script":
            if attributes.get("type") == "application/ld+json":
                self._in_json_ld = True
            elif not attributes.get("src", "").startswith("/static/"):
                self.executable.append("<script> without a static source")
        if tag in {"a", "link"} and attributes.get("href"):
            self.links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)


def hostile_form(response, payloads) -> dict:
    """The admin form as posted back, with every free-text box filled with hostile text."""
    data = admin_form_data(response)
    every_form = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        every_form.extend(inline.formset.forms)
    for form in every_form:
        for bound in form:
            widget = bound.field.widget
            if bound.name in KEEP or type(widget) not in (TextInput, Textarea):
                continue
            if bound.html_name not in data or "date" in bound.name or "time" in bound.name:
                continue
            if isinstance(bound.field, forms.JSONField):
                data[bound.html_name] = json.dumps([next(payloads)])
                continue
            if isinstance(bound.field, forms.URLField | forms.EmailField | forms.SlugField):
                continue
            limit = getattr(bound.field, "max_length", None) or 10_000
            if "aliases" in bound.name:
                limit = MAX_ALIAS_LENGTH  # a longer alias is refused, saying so (people's tests)
            data[bound.html_name] = typable(next(payloads))[:limit]
    return data


def typable(payload: str) -> str:
    """What a form will store: every form refuses a NUL outright, saying so (tested below)."""
    return payload.replace("\x00", "")


def test_a_nul_in_the_writing_screen_is_refused_with_a_clear_error(admin_client):
    story = make_article(title="Clean headline", body="Clean body")
    url = admin_change(admin_client, story)
    data = admin_form_data(admin_client.get(url))
    data["body"] = "Pasted\x00 text"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    story.refresh_from_db()
    assert story.body == "Clean body"


def cycle(values):
    while True:
        yield from values


def admin_change(client, obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def save_hostile(client, obj, payloads):
    url = admin_change(client, obj)
    response = client.post(url, hostile_form(client.get(url), payloads))
    errors = getattr(response, "context", None) and response.context.get("errors")
    assert response.status_code == 302, f"{type(obj).__name__} refused: {errors}"


@pytest.fixture
def hostile_site(admin_client):
    person = make_person("Ali Hassan Ali")
    party = make_party("Labour Party", slug="labour")
    place = make_constituency("Tower Hamlets", kind=Constituency.Kind.LOCAL_AUTHORITY)
    story = make_article(slug="live-story", tags=["council", "election"])
    Picture.objects.create(article=story, position=1, caption="At the count", is_featured=True)
    link(story, person, party, place)
    make_article(slug="quiet-neighbour", title="A quiet neighbour story", tags=["council"])
    make_article(
        slug="secret-draft",
        title=f"Draft {DRAFT_MARKER}",
        body=f"Body {DRAFT_MARKER}",
        status=Article.Status.DRAFT,
        published_at=None,
        tags=[DRAFT_MARKER],
    )

    payloads = cycle(HOSTILE)
    for obj in [story, person, party, place]:
        save_hostile(admin_client, obj, payloads)
    tags_url = admin_change(admin_client, story)
    data = admin_form_data(admin_client.get(tags_url))
    data["tags"] = '"<b>bold</b>", "!!!", "🔥", "tab\x0btag", council'
    assert admin_client.post(tags_url, data).status_code == 302
    return Article.objects.get(pk=story.pk)


def crawl(client, start: list[str]) -> dict[str, tuple[int, str, bytes]]:
    """Every site address reachable from `start`: its status, content type and body."""
    seen: dict[str, tuple[int, str, bytes]] = {}
    queue = deque(start)
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen or path.startswith(SKIP_PREFIXES):
            continue
        response = client.get(path, follow=True)
        content_type = response.get("Content-Type", "")
        seen[path] = (response.status_code, content_type, response.content)
        if response.status_code != 200:
            continue
        for found in links_in(response.content, content_type, path):
            if found not in seen:
                queue.append(found)
    return seen


def links_in(content: bytes, content_type: str, path: str) -> list[str]:
    if "xml" in content_type:
        root = ElementTree.fromstring(content)
        addresses = [element.text or "" for element in root.iter() if element.tag.endswith("loc")]
        addresses += [element.get("href", "") for element in root.iter() if element.get("href")]
        addresses += [
            element.text or ""
            for element in root.iter()
            if element.tag in {"link", "guid"} or element.tag.endswith("}id")
        ]
    elif "html" in content_type:
        page = Page()
        page.feed(content.decode())
        addresses = page.links
    else:
        return []
    local = []
    for address in addresses:
        parts = urlsplit(urljoin(f"http://testserver{path}", address.strip()))
        if parts.netloc in {"testserver", "example.com", ""} and parts.path:
            local.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return local


def test_hostile_text_everywhere_breaks_no_page_and_runs_nowhere(client, hostile_site):
    start = [
        "/",
        hostile_site.get_absolute_url(),
        "/feeds/rss/",
        "/feeds/atom/",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/robots.txt",
        "/search/?q=Hostile",
        "/search/?q=brackets",
        "/search/?q=" + DRAFT_MARKER,
    ]
    pages = crawl(client, start)

    assert len(pages) > 40, sorted(pages)  # the crawl reached the whole small site
    for path, (status, content_type, content) in pages.items():
        assert status in (200, 404), f"{path} answered {status}"
        assert DRAFT_MARKER.encode() not in content or path.startswith("/search/"), path
        if status != 200:
            continue
        if "xml" in content_type:
            ElementTree.fromstring(content)  # raises unless well-formed
            assert b"<script" not in content.lower(), path
        elif "html" in content_type:
            page = Page()
            page.feed(content.decode())
            assert page.executable == [], f"{path}: {page.executable}"
            for data in page.json_ld:
                json.loads(data)
                assert "</" not in data, path
    search = pages["/search/?q=" + DRAFT_MARKER]
    assert search[0] == 200
    assert f"Draft {DRAFT_MARKER}".encode() not in search[2]


def test_the_hostile_story_and_its_subjects_show_their_words_escaped(client, hostile_site):
    story_page = client.get(hostile_site.get_absolute_url()).content.decode()
    assert "Hostile headline" in story_page or "quoted attribute" in story_page
    for model in (Person, Party, Constituency):
        subject = model.objects.get()
        response = client.get(subject.get_absolute_url())
        assert response.status_code == 200, model.__name__
        assert "<script>alert" not in response.content.decode(), model.__name__
