"""The share links list: every link to a draft, who made it, and revoking them."""

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from newsroom.dates import human_datetime

from ..models import PreviewLink
from .forms import ShareLinkForm


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
