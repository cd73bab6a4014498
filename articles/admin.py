"""The newsroom's admin: where reporters and editors write, review and publish.

Every change of publish state goes through `articles.publishing`, which checks
permissions and rules on the server whatever the buttons showed. Every save is a
django-reversion revision (`articles.revisions` says what one holds).
"""

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from reversion.admin import VersionAdmin

from newsroom.dates import human_datetime

from . import admin_tombstones, publishing, revisions  # noqa: F401 - registers its admin
from .admin_forms import ArticleAdminForm, ShareLinkForm
from .admin_history import ArticleHistoryMixin
from .models import (
    Article,
    ArticleConstituency,
    ArticleNote,
    ArticleParty,
    ArticlePerson,
    ArticleSlug,
    Category,
    EntityLink,
    Picture,
    PreviewLink,
    Section,
)
from .picture_forms import PictureForm
from .publishing import PublishState
from .rendering import render_markdown

Status = Article.Status


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


class WorkflowFilter(admin.SimpleListFilter):
    """The editorial queues.

    Opened bare (no search, no other filter), the list shows the queue that person
    works from: "Needs review" for editors, "My drafts" for everyone else. Any
    search or filter looks at every story; "All stories" says so explicitly.
    """

    title = "workflow"
    parameter_name = "workflow"
    QUEUES = {
        "review": "Needs review",
        "mine": "My drafts",
        "scheduled": "Scheduled",
        "live": "Live",
        "unpublished": "Unpublished",
        "all": "All stories",
    }
    # Query parameters that do not count as choosing what to see.
    NEUTRAL_PARAMETERS = frozenset({"o", "p"})

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        bare = set(request.GET) <= self.NEUTRAL_PARAMETERS
        self.default = None
        if bare:
            self.default = "review" if publishing.can_publish(request.user) else "mine"

    def lookups(self, request, model_admin):
        return list(self.QUEUES.items())

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        match self.value():
            case "review":
                return queryset.in_review()
            case "mine":
                return queryset.work_in_progress_by(request.user)
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.published()
            case "unpublished":
                return queryset.unpublished()
        return queryset


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
    fields = ["position", "file", "caption", "credit", "alt_text", "source_path", "is_featured"]
    readonly_fields = ["source_path"]


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


def is_entity_link_formset(formset) -> bool:
    return issubclass(formset.model, EntityLink)


@admin.register(Article)
class ArticleAdmin(ArticleHistoryMixin, VersionAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "workflow_status",
        "section",
        "byline",
        "created_by",
        "published_at",
        "updated_at",
    ]
    list_filter = [
        WorkflowFilter,
        "status",
        "section",
        "byline",
        "created_by",
        "published_at",
        "updated_at",
        "published_at_inferred",
        "links_curated",
        "categories",
    ]
    list_select_related = ["section", "created_by"]
    search_fields = ["title", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["categories"]
    readonly_fields = [
        "source_name",
        "edited_since_import",
        "created_by",
        "created_at",
        "updated_at",
    ]
    # The template puts the inlines after the first fieldset (see change_form.html).
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "standfirst",
                    "body",
                    "byline",
                    "section",
                    "categories",
                    "tags",
                    "opened_version",
                ]
            },
        ),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "embargo_until",
                    "review_note",
                    "published_at_inferred",
                ]
            },
        ),
        (
            "Import and provenance",
            {
                "fields": [
                    "source_name",
                    "edited_since_import",
                    "links_curated",
                    "created_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [
        PictureInline,
        ArticleNoteInline,
        ArticlePersonInline,
        ArticlePartyInline,
        ArticleConstituencyInline,
        PreviewLinkInline,
        OldAddressInline,
    ]
    actions = ["publish_now", "unpublish", "submit_for_review", "return_to_draft"]

    class Media:
        js = ["articles/admin/body_preview.js"]
        css = {"all": ["articles/admin/body_preview.css", "articles/admin/article_form.css"]}

    @admin.display(description="status", ordering="status")
    def workflow_status(self, article):
        return publishing.state_label(article)

    @admin.display(description="edited since import", boolean=True)
    def edited_since_import(self, article):
        return article.is_edited_since_import if article.pk else None

    def view_on_site(self, article):
        """The live page for a live story; the staff preview for anything else."""
        if article.is_live:
            return article.get_absolute_url()
        return reverse("articles:preview", args=[article.pk])

    # Permissions: the server-side half of what the buttons show.

    def has_publish_permission(self, request) -> bool:
        return publishing.can_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        """Deleting a published or scheduled story takes it down, so it needs an editor.

        The bulk delete action asks this for every selected story.
        """
        if not super().has_delete_permission(request, obj):
            return False
        if obj is not None and obj.status == Status.PUBLISHED:
            return publishing.can_publish(request.user)
        return True

    # The form and saving.

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        form.preview_url = reverse("admin:articles_article_body_preview")
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        try:
            publishing.save_edit(obj, user=request.user, was=form.opened_state)
        except publishing.PublishingError as error:
            # The form checked the same rules; reaching here means a race or a bug.
            raise PermissionDenied(str(error)) from error

    def save_formset(self, request, form, formset, change):
        """Links and pictures an editor adds or changes are the editor's (re-imports keep
        them); share links record who made them."""
        if formset.model is PreviewLink:
            for link in formset.save(commit=False):
                link.created_by = link.created_by or request.user
                link.save()
            for link in formset.deleted_objects:
                link.delete()
            return
        if not (is_entity_link_formset(formset) or formset.model is Picture):
            super().save_formset(request, form, formset, change)
            return
        links = formset.save(commit=False)
        for link in formset.deleted_objects:
            link.delete()
        for link in links:
            link.origin = type(link).Origin.EDITOR
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

    def log_addition(self, request, obj, message):
        return self._with_workflow_comment(super().log_addition, request, obj, message)

    def log_change(self, request, obj, message):
        return self._with_workflow_comment(super().log_change, request, obj, message)

    def _with_workflow_comment(self, log, request, obj, message):
        """The revision comment: what publishing said happened, then the admin's field list."""
        said = reversion.get_comment() if reversion.is_active() else ""
        entry = log(request, obj, message)
        if said and reversion.is_active():
            reversion.set_comment(f"{said} {entry.get_change_message()}")
        return entry

    # Bulk actions: each story goes through publishing, and is refused on its own.

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        self._each(request, queryset, publishing.publish, "Published")

    @admin.action(description="Unpublish", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._each(request, queryset, publishing.unpublish, "Unpublished")

    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._each(request, queryset, publishing.submit_for_review, "Submitted for review")

    @admin.action(description="Return to draft", permissions=["change"])
    def return_to_draft(self, request, queryset):
        self._each(request, queryset, publishing.return_to_draft, "Returned to draft")

    def _each(self, request, queryset, change, done: str) -> None:
        moved = 0
        for article in queryset:
            try:
                change(article, user=request.user)
            except publishing.PublishingError as error:
                self.message_user(request, f"“{article}” was not changed: {error}", messages.ERROR)
            else:
                moved += 1
        if moved:
            stories = "story" if moved == 1 else "stories"
            self.message_user(request, f"{done}: {moved} {stories}.", messages.SUCCESS)

    def changelist_view(self, request, extra_context=None):
        # Skip VersionAdmin's one revision around the whole list: each story a bulk
        # action changes gets a revision of its own, so restoring one touches only it.
        # reversion's list template offers "Recover deleted" on this flag; recovering
        # can bring back a published story, so only editors are offered it.
        may_recover = self.has_change_permission(request) and publishing.can_publish(request.user)
        return super(VersionAdmin, self).changelist_view(
            request, {"has_change_permission": may_recover} | (extra_context or {})
        )

    # The live body preview.

    def get_urls(self):
        preview = path(
            "body-preview/",
            self.admin_site.admin_view(self.body_preview_view),
            name="articles_article_body_preview",
        )
        return [preview, *super().get_urls()]

    def body_preview_view(self, request):
        """The body as readers would get it: sanitised HTML from the one markdown renderer."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        article = request.POST.get("article", "")
        pictures = Picture.objects.filter(article_id=article) if article.isdigit() else []
        return HttpResponse(render_markdown(request.POST.get("body", ""), pictures))

    # Recovering deleted stories (history, compare and restore: `admin_history`).

    def recoverlist_view(self, request, extra_context=None):
        # A recovered story comes back in whatever state it was deleted in, published included.
        if not publishing.can_publish(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not publishing.can_publish(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)


@admin.register(PreviewLink)
class PreviewLinkAdmin(admin.ModelAdmin):
    """Share links: an expiring, revocable address that lets someone read one draft."""

    form = ShareLinkForm
    list_display = ["article", "note", "state", "expires_at", "created_by", "created_at"]
    list_select_related = ["article", "created_by"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "expires_at"]
    search_fields = ["article__title", "note"]
    autocomplete_fields = ["article"]
    fields = ["article", "note", "expires_at", "link", "revoke", "revoked_at", "created_by"]
    readonly_fields = ["revoked_at", "created_by"]
    actions = ["revoke_links"]

    @admin.display(description="state")
    def state(self, link):
        if link.revoked_at:
            return "Revoked"
        if not link.is_valid():
            return "Expired"
        return f"Works until {human_datetime(link.expires_at)}"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.site_root = request.build_absolute_uri("/")
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        """Straight to the new link's page, where its address is shown to copy."""
        if "_popup" in request.POST or "_addanother" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        address = request.build_absolute_uri(obj.get_absolute_url())
        self.message_user(request, f"Share link created: {address}", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_previewlink_change", args=[obj.pk]))

    @admin.action(description="Revoke selected links", permissions=["change"])
    def revoke_links(self, request, queryset):
        with transaction.atomic():
            revoked = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"Revoked {revoked} share link(s).", messages.SUCCESS)


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
