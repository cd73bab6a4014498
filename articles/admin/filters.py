"""The article list's filters."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q

from .. import publishing
from ..models import Picture


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


class AwaitingPicturesFilter(admin.SimpleListFilter):
    """Stories with a picture whose file has not arrived: readers see none of that picture.

    An import often knows only where a picture was (`Picture.source_path`); until an
    editor uploads the file or deletes the picture, its caption and alt text wait here.
    One EXISTS subquery, answered from the picture table's article index.
    """

    title = "pictures awaiting files"
    parameter_name = "pictures"

    def lookups(self, request, model_admin):
        return [("awaiting", "Pictures awaiting files")]

    def queryset(self, request, queryset):
        if self.value() != "awaiting":
            return queryset
        awaiting = Picture.objects.filter(Q(file="") | Q(file__isnull=True), article=OuterRef("pk"))
        return queryset.filter(Exists(awaiting))
