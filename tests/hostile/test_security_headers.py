"""Every response carries the site's security headers, and the pages keep the policy's promises.

The Content-Security-Policy runs only the site's own script files and loads nothing
from elsewhere: so pages hold no inline script or event handler, and their only style
attributes are party colours. With the README's production settings, `check --deploy`
has nothing to say, and https is enforced.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from people.models import PartyMembership
from tests.factories import StaffFactory, make_constituency, make_party, make_person
from tests.helpers import make_full_story
from tests.workflow.helpers import admin_url, logged_in

pytestmark = pytest.mark.django_db

README = Path(settings.BASE_DIR, "README.md")
# A style attribute may set colours to a checked #rrggbb, and nothing else.
COLOUR_STYLE = re.compile(r"(?:\s*[a-z-]*color: #[0-9A-Fa-f]{6};?)+\s*")
POWERFUL_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb"]


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_security_headers(response) -> None:
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["style-src-attr"] == ["'unsafe-inline'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    unsafe = [name for name, sources in csp.items() if "'unsafe-inline'" in sources]
    assert unsafe == ["style-src-attr"]
    assert not any("'unsafe-eval'" in sources for sources in csp.values())
    permissions = response["Permissions-Policy"]
    for feature in POWERFUL_FEATURES:
        assert f"{feature}=()" in permissions
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.fixture
def story():
    person = make_person("Ali Hassan Ali")
    party = make_party("Labour Party", slug="labour", colour="#E4003B")
    PartyMembership.objects.create(person=person, party=party, role="Member")
    place = make_constituency("West Hampstead", kind="ward")
    return make_full_story(person, party, place, title="Council budget agreed")


@pytest.fixture
def editor_client():
    return logged_in(StaffFactory(username="ed", group="Editor"))


def test_a_public_page_carries_the_security_headers(client, story):
    response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert_security_headers(response)


def test_a_page_from_the_page_cache_carries_them_too(client, story, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    client.get("/")

    cached = client.get("/")

    assert cached.status_code == 200
    assert_security_headers(cached)


def test_an_admin_page_carries_the_security_headers(editor_client, story):
    response = editor_client.get(admin_url("change", story.pk))

    assert response.status_code == 200
    assert_security_headers(response)


def test_the_sign_in_page_carries_the_security_headers(client):
    response = client.get(reverse("admin:login"))

    assert_security_headers(response)


def test_a_page_not_found_carries_the_security_headers(client):
    response = client.get("/articles/no-such-story/")

    assert response.status_code == 404
    assert_security_headers(response)


# --- Pages keep the policy's promises ---------------------------------------------------


class MarkupAudit(HTMLParser):
    """Collects what the policy would block: inline scripts, handlers, style attributes."""

    def __init__(self):
        super().__init__()
        self.inline_scripts: list[str] = []
        self.handlers: list[str] = []
        self.styles: list[str] = []
        self.style_elements = 0
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            data_block = attributes.get("type") == "application/ld+json"
            self._in_inline_script = "src" not in attributes and not data_block
        if tag == "style":
            self.style_elements += 1
        self.handlers += [name for name in attributes if name.startswith("on")]
        if "style" in attributes:
            self.styles.append(attributes["style"])
        for name in ("href", "src", "action"):
            if (attributes.get(name) or "").strip().lower().startswith("javascript:"):
                self.handlers.append(f"{name}=javascript:")

    def handle_data(self, data):
        if self._in_inline_script:
            self.inline_scripts.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False


def audit(html: str) -> MarkupAudit:
    parser = MarkupAudit()
    parser.feed(html)
    return parser


def reader_pages(story) -> list[str]:
    person = story.people.get()
    party = story.parties.get()
    place = story.constituencies.get()
    return [
        "/",
        story.get_absolute_url(),
        person.get_absolute_url(),
        party.get_absolute_url(),
        place.get_absolute_url(),
        f"{reverse('search:results')}?q=Labour",
        "/articles/no-such-story/",
    ]


def test_readers_pages_have_no_inline_script_and_only_colour_styles(client, story):
    styles = []
    for url in reader_pages(story):
        markup = audit(client.get(url).content.decode())
        assert markup.inline_scripts == [], url
        assert markup.handlers == [], url
        assert markup.style_elements == 0, url
        styles += markup.styles

    assert styles, "the party pages set party colours"
    for style in styles:
        assert COLOUR_STYLE.fullmatch(style), style


def test_admin_pages_have_no_inline_script(editor_client, story):
    for url in [
        "/admin/",
        admin_url("changelist"),
        admin_url("change", story.pk),
        admin_url("add"),
        reverse("admin:login"),
        reverse("admin_password_reset"),
    ]:
        markup = audit(editor_client.get(url).content.decode())
        assert markup.inline_scripts == [], url
        assert markup.handlers == [], url


def test_the_article_form_sizes_its_fields_with_a_class_not_a_style(editor_client, story):
    markup = audit(editor_client.get(admin_url("change", story.pk)).content.decode())

    assert markup.styles == []


# --- Production settings -------------------------------------------------------------------


def production_environment() -> dict[str, str]:
    """What the README's deploy instructions export, with the secret key they generate."""
    deploy = README.read_text().split("## Deploying", 1)[1]
    block = deploy.split("```sh", 1)[1].split("```", 1)[0]
    exported = dict(re.findall(r"^export (\w+)=(\S+)", block, re.MULTILINE))
    assert exported["DJANGO_SECRET_KEY"].startswith("$(")
    exported["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    return exported


def run_with(environment: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Run Python in a clean copy of this environment plus `environment`."""
    ours = ("DJANGO_", "NEWSROOM_", "EMAIL_", "DATABASE_URL", "REDIS_URL", "AWS_")
    base = {name: value for name, value in os.environ.items() if not name.startswith(ours)}
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=base | environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_readmes_production_settings():
    environment = production_environment()
    assert environment["DJANGO_SECURE_PROXY_SSL"] == "1"

    result = run_with(environment, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_complains_without_the_tls_proxy_setting():
    environment = production_environment()
    del environment["DJANGO_SECURE_PROXY_SSL"]

    result = run_with(environment, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode != 0
    for warning in ["security.W004", "security.W008", "security.W012", "security.W016"]:
        assert warning in result.stderr


REQUEST_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="news.example.org")
plain = client.get("/robots.txt")
secure = client.get("/robots.txt", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "secure": [secure.status_code, secure.get("Strict-Transport-Security", "")],
}))
"""


def test_behind_the_tls_proxy_http_is_redirected_and_https_is_pinned(tmp_path):
    environment = production_environment() | {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        # This request touches no database; and no server is reached, the cache included.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "NEWSROOM_PAGE_CACHE_SECONDS": "0",
    }
    del environment["REDIS_URL"]

    result = run_with(environment, "-c", REQUEST_SCRIPT)

    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["plain"] == [301, "https://news.example.org/robots.txt"]
    status, hsts = seen["secure"]
    assert status == 200
    assert hsts == "max-age=31536000; includeSubDomains; preload"


IMAGE_SOURCES_SCRIPT = """
import django
django.setup()
from django.conf import settings
print(" ".join(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]))
"""


@pytest.mark.parametrize(
    ("environment", "sources"),
    [
        ({}, "'self'"),
        ({"NEWSROOM_MEDIA_BUCKET": "pics"}, "'self' https://pics.s3.amazonaws.com"),
        (
            {"NEWSROOM_MEDIA_BUCKET": "pics", "NEWSROOM_MEDIA_DOMAIN": "media.example.org"},
            "'self' https://media.example.org",
        ),
        (
            {
                "NEWSROOM_MEDIA_BUCKET": "pics",
                "NEWSROOM_MEDIA_ENDPOINT_URL": "https://minio.example.org:9000/",
            },
            "'self' https://minio.example.org:9000",
        ),
    ],
    ids=["media root", "bucket", "bucket behind a CDN", "S3-compatible store"],
)
def test_pictures_may_load_from_wherever_media_is_stored(environment, sources):
    settings_module = {"DJANGO_SETTINGS_MODULE": "newsroom.settings"}

    result = run_with(settings_module | environment, "-c", IMAGE_SOURCES_SCRIPT)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == sources
