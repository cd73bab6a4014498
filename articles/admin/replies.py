"""Right of reply on the story form: who the story says was asked for comment, and what
came back. A person's page in the admin lists the same rows (`people_sources`)."""

from django.contrib import admin

from people.admin import SHORT_TEXT, RowLabelledAutocompletes

from ..models import ReplyRequest


class ReplyRequestInline(RowLabelledAutocompletes, admin.TabularInline):
    model = ReplyRequest
    extra = 0
    fields = ["person", "organisation", "asked_on", "outcome", "statement"]
    autocomplete_fields = ["person"]
    formfield_overrides = SHORT_TEXT

    def get_queryset(self, request):
        # The person's name labels the autocomplete, fetched with the rows.
        return super().get_queryset(request).select_related("person")
