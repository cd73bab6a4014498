"""The article admin: where reporters and editors write, review and publish stories.

Every change of publish state goes through `articles.publishing`, which checks
permissions and rules on the server whatever the buttons showed. Every save is a
django-reversion revision (`articles.revisions` says what one holds).
"""

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from newsroom.dates import human_datetime

from .. import coverage, embeds, linking_cache, publishing, suggestions
from ..models import Article, EntityLink, Picture, PreviewLink
from . import body_preview
from .filters import AwaitingPicturesFilter, WorkflowFilter
from .forms import ArticleAdminForm
from .history import ArticleHistoryMixin
from .inlines import (
    ArticleConstituencyInline,
    ArticleNoteInline,
    ArticlePartyInline,
    ArticlePersonInline,
    OldAddressInline,
    PictureInline,
    PreviewLinkInline,
)
from .replies import ReplyRequestInline

Status = Article.Status


def is_entity_link_formset(formset) -> bool:
    return issubclass(formset.model, EntityLink)


@admin.register(Article)
class ArticleAdmin(ArticleHistoryMixin, VersionAdmin):
    form = ArticleAdminForm
    # Columns that fit a laptop beside the filters (article_list.css sets their widths);
    # who created a story and when it was last updated are filters instead.
    list_display = ["title", "workflow_status", "section", "byline", "when"]
    list_filter = [
        WorkflowFilter,
        "status",
        "section",
        "authors",
        "created_by",
        "published_at",
        "updated_at",
        "published_at_inferred",
        "links_curated",
        "categories",
        AwaitingPicturesFilter,
    ]
    list_select_related = ["section"]
    search_fields = ["title", "standfirst", "body", "byline"]
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
        ReplyRequestInline,
    ]
    actions = ["publish_now", "unpublish", "submit_for_review", "return_to_draft"]

    class Media:
        js = ["articles/admin/body_preview.js"]
        css = {
            "all": [
                "articles/admin/body_preview.css",
                "articles/admin/article_form.css",
                "articles/admin/article_list.css",
            ]
        }

    @admin.display(description="status", ordering="status")
    def workflow_status(self, article):
        """The state as a label whose words say it; article_list.css colours it."""
        label = publishing.state_label(article)
        kind = "scheduled" if label == "Scheduled" else article.status
        return format_html('<span class="status-label status-{}">{}</span>', kind, label)

    @admin.display(description="when", ordering="published_at")
    def when(self, article):
        """When it went (or goes) out; for a story not out, when it was last edited."""
        if article.status == Status.PUBLISHED and article.published_at:
            moment, said = article.published_at, ""
            if article.published_at > timezone.now():
                said = "Goes live "
        else:
            moment, said = article.updated_at, "Edited "
        return format_html(
            '<time datetime="{}">{}{}</time>', moment.isoformat(), said, human_datetime(moment)
        )

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
        form.site_root = request.build_absolute_uri("/")
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        try:
            publishing.save_edit(obj, user=request.user, was=form.opened_state)
        except publishing.PublishingError as error:
            # The form checked the same rules; reaching here means a race or a bug.
            raise PermissionDenied(str(error)) from error
        if notice := publishing.scheduled_notice(obj):
            self.message_user(request, notice, messages.INFO)
        # The renderer drops embeds and scripts silently; the editor should know.
        if warning := embeds.hidden_elements_warning(obj.body):
            self.message_user(request, warning, messages.WARNING)

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
        """Every save runs the linker, as an import does; editors' links are never undone.

        The story is linked after its pictures are saved, so their captions count. Once
        anyone has changed the links in the admin they are the editor's: neither this
        nor a re-import touches them again. A story being added has no links but the
        ones its writer gave it, none removed, so it is linked around those.
        """
        # Each inline row saved or deleted would refresh the coverage index: once will do.
        with coverage.batched():
            super().save_related(request, form, formsets, change)
            article = form.instance
            touched = any(is_entity_link_formset(fs) and fs.has_changed() for fs in formsets)
            if not article.links_curated and not (change and touched):
                linker = linking_cache.current_linker()
                linker.link_article(article, new=not (change or touched))
                suggestions.record_suggestions(article, linker=linker)
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
        """The body as readers would get it, with the words counted and lengths advised."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        return JsonResponse(body_preview.preview(request.POST))

    # Recovering deleted stories (history, compare and restore: `history`).

    def recoverlist_view(self, request, extra_context=None):
        # A recovered story comes back in whatever state it was deleted in, published included.
        if not publishing.can_publish(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not publishing.can_publish(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)
