"""The admin's picture form: an upload refused says why, in the uploader's words.

Django's ImageField opens the file with Pillow itself and answers every failure
with "Upload a valid image", before our checks could say more. This field runs
our check instead (``articles.pictures``), once: the model's validator and the
save reuse its result.
"""

from django import forms

from .models import Picture
from .pictures import PictureRejected, checked_upload


class PictureFileField(forms.ImageField):
    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        try:
            checked_upload(upload)
        except PictureRejected as error:
            raise error.as_validation_error() from None
        return upload


class PictureForm(forms.ModelForm):
    class Meta:
        model = Picture
        fields = [
            "article",
            "position",
            "file",
            "caption",
            "credit",
            "alt_text",
            "source_path",
            "is_featured",
        ]
        field_classes = {"file": PictureFileField}
