"""The pictures list, for finding pictures without files; pictures are edited on their story."""

import reversion
from django.contrib import admin

from ..models import Picture
from ..picture_forms import PictureForm


@admin.register(Picture)
class PictureAdmin(admin.ModelAdmin):
    """Pictures are edited on their article; this list is for finding ones without files."""

    form = PictureForm
    list_display = ["__str__", "article", "position", "is_featured", "source_path"]
    list_filter = ["is_featured", ("file", admin.EmptyFieldListFilter)]
    list_select_related = ["article"]
    search_fields = ["caption", "credit", "alt_text", "source_path", "article__title"]
    autocomplete_fields = ["article"]
    readonly_fields = ["source_path"]

    def save_model(self, request, obj, form, change):
        """A picture changed here is a change to its story, recorded in the story's history."""
        obj.origin = Picture.Origin.EDITOR  # an editor's picture now: re-imports keep it
        with reversion.create_revision():
            super().save_model(request, obj, form, change)
            reversion.add_to_revision(obj.article)
            reversion.set_user(request.user)
            reversion.set_comment(f"Changed picture {obj.position} from the pictures list.")
