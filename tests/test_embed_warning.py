"""Elements the renderer drops are named to the editor who saves them (`articles.embeds`)."""

import pytest
from django.contrib import messages

from articles.embeds import hidden_elements, hidden_elements_warning
from articles.rendering import render_markdown
from tests.factories import DraftArticleFactory
from tests.helpers import admin_form_data
from tests.workflow.helpers import admin_url, messages_of

# --- The pure function ------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("", {}),
        ("Plain text, a < b and b > c.", {}),
        ("<iframe src='https://x.example/'></iframe>", {"iframe": 1}),
        ("<IFRAME>\n<Script>a()</SCRIPT><script src=x>", {"iframe": 1, "script": 2}),
        ("<object><embed/></object>", {"object": 1, "embed": 1}),
        ("<video\ncontrols><audio\tsrc=a><form action=/x>", {"video": 1, "audio": 1, "form": 1}),
        # Closing tags, longer names and other elements are not counted.
        ("</iframe></script>", {}),
        ("<iframes> <scripts> <formula> <embedded> <p>hi</p> <sup>2</sup>", {}),
        ("<< iframe>", {}),
        # A name at the very end of the text still opens an element.
        ("text then <script", {"script": 1}),
    ],
)
def test_counts_the_elements_readers_will_not_see(body, expected):
    assert hidden_elements(body) == expected


def test_counts_come_in_a_fixed_order_whatever_the_body_order():
    assert list(hidden_elements("<form><audio><script><iframe>")) == [
        "iframe",
        "script",
        "audio",
        "form",
    ]


@pytest.mark.parametrize(
    "body",
    [
        "<ifr" * 250_000,  # 1 MB of almost-iframes
        "<" * 1_000_000,
        "<iframe" * 150_000,
        "<scrip" + "t" * 1_000_000,
    ],
)
def test_hostile_long_bodies_are_scanned_in_one_pass(body):
    counts = hidden_elements(body)

    assert set(counts) <= {"iframe", "script"}


def test_every_counted_tag_is_one_the_renderer_removes():
    for tag in ["iframe", "script", "object", "embed", "video", "audio", "form"]:
        html = render_markdown(f"Before\n\n<{tag} src=x>inside</{tag}>\n\nAfter")
        assert f"<{tag}" not in html, tag
        assert hidden_elements_warning(f"<{tag} src=x>")


def test_the_warning_names_each_tag_with_its_count():
    body = "<iframe src=a></iframe>\n<script>x</script><script>y</script>"

    assert hidden_elements_warning(body) == (
        "The body's <iframe> (1) and <script> (2) are not shown to readers: "
        "embeds and scripts are removed for safety."
    )
    assert hidden_elements_warning("<video><audio><form>").startswith(
        "The body's <video> (1), <audio> (1) and <form> (1) are not shown"
    )
    assert hidden_elements_warning("<embed>").startswith("The body's <embed> (1) is not shown")
    assert hidden_elements_warning("Nothing hidden <em>here</em>.") == ""


# --- In the admin -----------------------------------------------------------


def save_with_body(client, article, body: str):
    data = admin_form_data(client.get(admin_url("change", article.pk)))
    data["body"] = body
    return client.post(admin_url("change", article.pk), data)


def warnings_of(response) -> list[str]:
    return [
        str(message)
        for message in response.wsgi_request._messages
        if message.level == messages.WARNING
    ]


@pytest.mark.django_db
def test_saving_a_body_with_embeds_warns_the_editor(editor_client):
    article = DraftArticleFactory()
    body = "Watch:\n\n<iframe src='https://video.example/1'></iframe>\n\n<script>a()</script>"

    response = save_with_body(editor_client, article, body + "<script>b()</script>")

    assert response.status_code == 302, response.context["errors"]
    assert warnings_of(response) == [
        "The body's <iframe> (1) and <script> (2) are not shown to readers: "
        "embeds and scripts are removed for safety."
    ]
    article.refresh_from_db()
    assert "<iframe" in article.body  # The editor's text is kept as written.


@pytest.mark.django_db
def test_the_warning_is_escaped_on_the_page_the_editor_lands_on(editor_client):
    article = DraftArticleFactory()

    response = save_with_body(editor_client, article, "<iframe src=x></iframe>")

    page = editor_client.get(response["Location"]).content.decode()
    assert "The body&#x27;s &lt;iframe&gt; (1) is not shown to readers" in page
    assert "<iframe" not in page


@pytest.mark.django_db
def test_a_body_without_embeds_saves_without_a_warning(editor_client):
    article = DraftArticleFactory()

    response = save_with_body(editor_client, article, "Just words, and <sup>2</sup>.")

    assert response.status_code == 302, response.context["errors"]
    assert warnings_of(response) == []
    assert not [m for m in messages_of(response) if "not shown to readers" in m]
