"""Picture files are checked before they are stored, from the admin or an import."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Picture
from tests.factories import make_article
from tests.helpers import add_inline_row, admin_form_data, inline_formset

pytestmark = pytest.mark.django_db


def image_upload(name: str, image_format: str, size=(40, 30)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def picture_with(upload) -> Picture:
    return Picture(article=make_article(), position=1, file=upload, alt_text="A picture")


def test_an_allowed_picture_is_accepted_and_measured():
    picture = picture_with(image_upload("ok.png", "PNG"))
    picture.full_clean()
    picture.save()
    assert (picture.width, picture.height) == (40, 30)


def test_a_format_outside_the_allow_list_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError, match="TIFF pictures are not accepted; use JPEG"):
        picture_with(image_upload("scan.tiff", "TIFF")).full_clean()


def test_a_picture_over_the_pixel_limit_is_refused(settings):
    settings.NEWSROOM_PICTURE_MAX_PIXELS = 1000
    with pytest.raises(ValidationError, match="40×30 pixels; the limit is 1,000 pixels"):
        picture_with(image_upload("big.jpg", "JPEG")).full_clean()


def test_a_file_that_is_not_a_picture_is_refused():
    upload = SimpleUploadedFile("notes.jpg", b"these are not pixels")
    with pytest.raises(ValidationError, match="Not a picture file we can read"):
        picture_with(upload).full_clean()


def test_the_admin_upload_form_shows_the_reason(admin_client, settings):
    settings.NEWSROOM_PICTURE_MAX_PIXELS = 1000
    article = make_article()
    url = f"/admin/articles/article/{article.pk}/change/"
    response = admin_client.get(url)
    data = admin_form_data(response)
    formset = inline_formset(response, Picture)
    add_inline_row(data, formset, position=1, alt_text="Big", caption="Too big")
    data[f"{formset.prefix}-0-file"] = image_upload("big.jpg", "JPEG")

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "the limit is 1,000 pixels" in response.content.decode()
    assert not Picture.objects.filter(article=article).exists()
