"""Helpers for the workflow tests: logged-in clients, admin URLs, uploads."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from articles.models import Article


def logged_in(user, **client_options) -> Client:
    client = Client(**client_options)
    client.force_login(user)
    return client


def admin_url(action: str, *args, model=Article) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def picture_upload(name: str = "photo.png") -> SimpleUploadedFile:
    """A small real PNG, as a browser would upload it."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def bulk_action(client, action: str, *articles, **extra):
    """POST a changelist bulk action, as ticking the boxes and pressing Go on "All stories"."""
    data = {"action": action, "_selected_action": [str(a.pk) for a in articles], **extra}
    return client.post(f"{admin_url('changelist')}?workflow=all", data)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]
