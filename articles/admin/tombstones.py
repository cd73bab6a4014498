"""The admin's list of imported stories editors deleted (`articles.tombstones`).

An editor sees which files the importer will skip, and removes a record to let the
next import bring that story back. Records are made only by deleting a story, so
there is nothing to add or edit here; editors (who may publish) may see and remove them.
"""

from django.contrib import admin

from .. import publishing
from ..models import DeletedSource


@admin.register(DeletedSource)
class DeletedSourceAdmin(admin.ModelAdmin):
    list_display = ["source_name", "title", "deleted_at"]
    search_fields = ["source_name", "title"]
    date_hierarchy = "deleted_at"
    fields = ["source_name", "title", "deleted_at"]
    readonly_fields = fields

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        return (
            request.user.is_active
            and request.user.is_staff
            and publishing.can_publish(request.user)
        )

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
