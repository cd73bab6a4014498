"""The suggested-names queue: names the linker found beside a title or role but could not match.

Reporters (who may see stories) read the queue; only editors (`suggestions.may_decide`:
permission to change people and stories) accept or reject, from the list's actions or
from a suggestion's own page. Decisions go through `articles.suggestions`, which links
the story as the admin's link inlines do. Suggestions are made only by the linker and
go when their story goes: there is nothing to add or delete here, and a decided
suggestion is read-only.
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from .. import suggestions
from ..models import LinkSuggestion

Status = LinkSuggestion.Status


class StatusFilter(admin.SimpleListFilter):
    """Opened bare, the queue shows what is waiting; "All" shows every decision too."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Status.choices, ("all", "All")]

    def value(self):
        return super().value() or Status.PENDING

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(status=self.value())


class DecisionForm(forms.ModelForm):
    """An editor's decision on one suggestion; `person` is only for accepting as them."""

    NEW, EXISTING, REJECT = "new", "existing", "reject"
    decision = forms.ChoiceField(
        choices=[
            (NEW, "Accept as a new person"),
            (EXISTING, "Accept as the existing person chosen below"),
            (REJECT, "Reject: not a person to link"),
        ],
        widget=forms.RadioSelect,
    )
    new_name = forms.CharField(
        label="Name of the new person",
        max_length=LinkSuggestion._meta.get_field("name").max_length,
        required=False,
        help_text="As found in the story; correct it before accepting if need be.",
    )

    class Meta:
        model = LinkSuggestion
        fields = ["person"]
        labels = {"person": "Existing person"}
        help_texts = {"person": "Search people on file; the name becomes one of their aliases."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_name"].initial = self.instance.name

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == self.EXISTING and not cleaned.get("person"):
            self.add_error("person", "Choose the person this name belongs to.")
        if decision == self.NEW and not " ".join(cleaned.get("new_name", "").split()):
            self.add_error("new_name", "Give the new person a name.")
        return cleaned


@admin.register(LinkSuggestion)
class LinkSuggestionAdmin(admin.ModelAdmin):
    form = DecisionForm
    list_display = ["name", "cue", "context", "story", "status", "person", "decided_by"]
    list_filter = [StatusFilter]
    list_select_related = ["article", "person", "decided_by"]
    search_fields = ["name", "article__title"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["person"]
    actions = ["accept_as_new_people", "reject_suggestions"]
    FOUND = ["name", "cue", "context", "story", "created_at"]
    DECIDED = ["status", "person", "decided_by", "decided_at"]

    @admin.display(description="story", ordering="article__title")
    def story(self, suggestion):
        url = reverse("admin:articles_article_change", args=[suggestion.article_id])
        return format_html('<a href="{}">{}</a>', url, suggestion.article.title)

    # Reporters read; editors decide pending suggestions; nobody adds or deletes.

    def has_view_permission(self, request, obj=None):
        user = request.user
        return user.is_active and (
            user.has_perm("articles.view_article") or user.has_perm("articles.change_article")
        )

    def has_decide_permission(self, request) -> bool:
        return suggestions.may_decide(request.user)

    def has_change_permission(self, request, obj=None):
        pending = obj is None or obj.status == Status.PENDING
        return pending and self.has_decide_permission(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return [*self.FOUND, "decision", "new_name", "person"]
        return [*self.FOUND, *self.DECIDED]

    def get_readonly_fields(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return self.FOUND
        return [*self.FOUND, *self.DECIDED]

    def save_model(self, request, obj, form, change):
        """The decision, through `articles.suggestions`; the form itself saves nothing."""
        decision = form.cleaned_data["decision"]
        try:
            if decision == DecisionForm.NEW:
                obj.person = None
                person = suggestions.accept_as_new_person(
                    obj, user=request.user, name=form.cleaned_data["new_name"]
                )
            elif decision == DecisionForm.EXISTING:
                person = suggestions.accept_as_person(
                    obj, form.cleaned_data["person"], user=request.user
                )
            else:
                obj.person = None
                suggestions.reject(obj, user=request.user)
                return
        except suggestions.SuggestionError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self._say_linked(request, person, obj)

    def save_related(self, request, form, formsets, change):
        """Nothing related to save: the decision made all its changes."""

    def response_change(self, request, obj):
        """Back to the queue; the decision has said what it did."""
        return HttpResponseRedirect(reverse("admin:articles_linksuggestion_changelist"))

    # Bulk actions: each suggestion is decided on its own, and refused on its own.

    @admin.action(description="Accept as new people", permissions=["decide"])
    def accept_as_new_people(self, request, queryset):
        for suggestion in queryset.select_related("article"):
            try:
                person = suggestions.accept_as_new_person(suggestion, user=request.user)
            except suggestions.SuggestionError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self._say_linked(request, person, suggestion)

    @admin.action(description="Reject", permissions=["decide"])
    def reject_suggestions(self, request, queryset):
        rejected = 0
        for suggestion in queryset:
            try:
                suggestions.reject(suggestion, user=request.user)
            except suggestions.SuggestionError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                rejected += 1
        if rejected:
            self.message_user(request, f"Rejected {rejected}.", messages.SUCCESS)

    def _say_linked(self, request, person, suggestion) -> None:
        self.message_user(
            request,
            format_html(
                '“{}” is linked to <a href="{}">{}</a>.',
                suggestion.article.title,
                reverse("admin:people_person_change", args=[person.pk]),
                person.name,
            ),
            messages.SUCCESS,
        )
