from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from .models import (
    Article,
    ArticleConstituency,
    ArticleParty,
    ArticlePerson,
    Category,
    EntityLink,
    Picture,
    Section,
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class PictureFormSet(BaseInlineFormSet):
    def clean(self):
        """One featured picture, said as a form error instead of a database error."""
        super().clean()
        featured = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_featured") and not self._should_delete_form(form)
        ]
        if len(featured) > 1:
            raise ValidationError("Only one picture can be featured.")


class PictureInline(admin.StackedInline):
    model = Picture
    formset = PictureFormSet
    extra = 0
    fields = ["position", "file", "caption", "credit", "alt_text", "source_path", "is_featured"]
    readonly_fields = ["source_path"]


class EntityLinkInline(admin.TabularInline):
    """A link from the story to something it is about. Saving one makes it the editor's."""

    extra = 0
    readonly_fields = ["origin"]


class ArticlePersonInline(EntityLinkInline):
    model = ArticlePerson
    fields = ["person", "mentions", "origin"]
    autocomplete_fields = ["person"]


class ArticlePartyInline(EntityLinkInline):
    model = ArticleParty
    fields = ["party", "mentions", "origin"]
    autocomplete_fields = ["party"]


class ArticleConstituencyInline(EntityLinkInline):
    model = ArticleConstituency
    fields = ["constituency", "mentions", "origin"]
    autocomplete_fields = ["constituency"]


def is_entity_link_formset(formset) -> bool:
    return issubclass(formset.model, EntityLink)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "section",
        "byline",
        "published_at",
        "published_at_inferred",
        "updated_at",
    ]
    list_filter = ["status", "section", "published_at_inferred", "links_curated", "categories"]
    list_select_related = ["section"]
    search_fields = ["title", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["categories"]
    readonly_fields = ["source_name", "edited_since_import", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body", "byline"]}),
        ("Filing", {"fields": ["section", "categories", "tags"]}),
        (
            "Publication",
            {"fields": ["status", "published_at", "published_at_inferred", "review_note"]},
        ),
        (
            "Source",
            {
                "fields": [
                    "source_name",
                    "edited_since_import",
                    "links_curated",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [
        PictureInline,
        ArticlePersonInline,
        ArticlePartyInline,
        ArticleConstituencyInline,
    ]

    @admin.display(description="edited since import", boolean=True)
    def edited_since_import(self, article):
        return article.is_edited_since_import if article.pk else None

    def save_formset(self, request, form, formset, change):
        """Links an editor adds or changes are the editor's, whoever suggested them first."""
        if not is_entity_link_formset(formset):
            super().save_formset(request, form, formset, change)
            return
        links = formset.save(commit=False)
        for link in formset.deleted_objects:
            link.delete()
        for link in links:
            link.origin = EntityLink.Origin.EDITOR
            link.save()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        """Once an editor has touched the links, re-imports must leave them alone."""
        super().save_related(request, form, formsets, change)
        article = form.instance
        touched = any(is_entity_link_formset(fs) and fs.has_changed() for fs in formsets)
        if touched and not article.links_curated:
            article.links_curated = True
            article.save(update_fields=["links_curated"])


@admin.register(Picture)
class PictureAdmin(admin.ModelAdmin):
    """Pictures are edited on their article; this list is for finding ones without files."""

    list_display = ["__str__", "article", "position", "is_featured", "source_path"]
    list_filter = ["is_featured", ("file", admin.EmptyFieldListFilter)]
    list_select_related = ["article"]
    search_fields = ["caption", "credit", "alt_text", "source_path", "article__title"]
    autocomplete_fields = ["article"]
    readonly_fields = ["source_path"]
