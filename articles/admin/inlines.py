"""What the article form holds besides the story: pictures, corrections and updates,
links to people, parties and places, share links and old addresses."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html

from .. import publishing
from ..models import (
    ArticleConstituency,
    ArticleNote,
    ArticleParty,
    ArticlePerson,
    ArticleSlug,
    Picture,
    PreviewLink,
)
from ..picture_forms import PictureForm
from ..publishing import PublishState
from .forms import ShareLinkForm


class PictureFormSet(BaseInlineFormSet):
    def clean(self):
        """One featured picture, and alt text on every picture when the story goes out.

        Both said as form errors instead of database or publishing errors.
        """
        super().clean()
        kept = [
            form for form in self.forms if form.cleaned_data and not self._should_delete_form(form)
        ]
        if sum(1 for form in kept if form.cleaned_data.get("is_featured")) > 1:
            raise ValidationError("Only one picture can be featured.")
        article = self.instance
        if publishing.becomes_published(PublishState.stored(article), PublishState.of(article)):
            try:
                publishing.check_alt_text(form.instance for form in kept)
            except publishing.PublishingError as error:
                raise ValidationError(str(error)) from None


class PictureInline(admin.StackedInline):
    model = Picture
    form = PictureForm
    formset = PictureFormSet
    extra = 0
    # The form's fields (the article is the inline's parent), with whether the file is here.
    fields = [
        "position",
        "awaiting_file",
        *(name for name in PictureForm.Meta.fields if name not in {"article", "position"}),
    ]
    readonly_fields = ["awaiting_file", "source_path"]

    @admin.display(description="On the page")
    def awaiting_file(self, picture: Picture) -> str:
        """Marks each saved picture without a file: readers see nothing of it until one comes."""
        if picture.pk is None:
            return "Shown once it has a file."
        if picture.file:
            return "Shown with its file."
        return format_html(
            '<strong class="picture-awaiting-file">{}</strong>: readers see nothing of this '
            "picture, caption and credit included, until one is uploaded.",
            "Awaiting a file",
        )


class ArticleNoteInline(admin.TabularInline):
    """Corrections and updates. Editors add them; reporters see them read-only."""

    model = ArticleNote
    extra = 0
    fields = ["kind", "text", "created_at"]
    verbose_name = "correction or update"
    verbose_name_plural = "corrections and updates"


class EntityLinkInline(admin.TabularInline):
    """A link from the story to something it is about. Saving one makes it the editor's."""

    extra = 0
    readonly_fields = ["origin"]


class ArticlePersonInline(EntityLinkInline):
    model = ArticlePerson
    verbose_name_plural = "people in the story"
    fields = ["person", "mentions", "origin"]
    autocomplete_fields = ["person"]


class ArticlePartyInline(EntityLinkInline):
    model = ArticleParty
    verbose_name_plural = "parties in the story"
    fields = ["party", "mentions", "origin"]
    autocomplete_fields = ["party"]


class ArticleConstituencyInline(EntityLinkInline):
    model = ArticleConstituency
    verbose_name_plural = "places in the story"
    fields = ["constituency", "mentions", "origin"]
    autocomplete_fields = ["constituency"]


class PreviewLinkInline(admin.StackedInline):
    """Share links for this story; only users who may manage share links see them."""

    model = PreviewLink
    form = ShareLinkForm
    extra = 0
    fields = ["note", "expires_at", "link", "revoke", "revoked_at", "created_by"]
    readonly_fields = ["revoked_at", "created_by"]
    verbose_name = "share link"
    verbose_name_plural = "share links"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.site_root = request.build_absolute_uri("/")
        return formset


class OldAddressInline(admin.TabularInline):
    """Addresses the story had before, each redirecting here.

    Renaming makes them; an editor may remove one, which frees that address for another
    story (the article form refuses an address that is still some story's old one).
    """

    model = ArticleSlug
    extra = 0
    fields = ["slug", "created_at"]
    readonly_fields = ["slug", "created_at"]
    verbose_name = "old address"
    verbose_name_plural = "old addresses (each redirects here)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
