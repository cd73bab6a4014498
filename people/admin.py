"""The admin for people, parties and places.

Aliases are edited as a list (`people.forms`). The people list shows each person's
current party and roles, read from memberships prefetched once for the whole page.
A membership's source is a file name here; `articles.admin.people_sources` shows the
story it became instead, since this layer knows nothing of stories.
"""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html

from .forms import ConstituencyForm, PartyForm, PersonForm
from .models import Constituency, Party, PartyMembership, Person


class CurrentPartyFilter(admin.SimpleListFilter):
    """People by the party they are in now (a spell not ended), not any they were ever in."""

    title = "current party"
    parameter_name = "party"

    def lookups(self, request, model_admin):
        return [(str(party.pk), party.name) for party in Party.objects.only("pk", "name")]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        current = PartyMembership.objects.filter(
            Q(end__isnull=True) | Q(end__gt=timezone.localdate()),
            party_id=self.value(),
            ended=False,
        )
        return queryset.filter(pk__in=current.values("person_id"))


class PartyMembershipInline(admin.TabularInline):
    model = PartyMembership
    extra = 0
    fields = ["party", "role", "start", "end", "ended", "source"]
    autocomplete_fields = ["party"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonForm
    list_display = ["name", "party", "current_post", "surname", "slug"]
    list_filter = [CurrentPartyFilter]
    # Aliases are searched too, so the article link autocomplete finds "Ali"
    # for "Ali Hassan Ali".
    search_fields = ["name", "surname", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "surname", "aliases"]
    inlines = [PartyMembershipInline]

    def get_queryset(self, request):
        # One query for every listed person's spells and their parties, not one per row.
        return super().get_queryset(request).with_memberships()

    @admin.display(description="party")
    def party(self, person):
        party = person.current_party
        return party.name if party else None

    @admin.display(description="current post or role")
    def current_post(self, person):
        return ", ".join(person.current_roles) or None


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    form = PartyForm
    list_display = ["name", "short_name", "swatch", "slug"]
    search_fields = ["name", "short_name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "short_name", "colour", "aliases", "common_word_aliases"]

    @admin.display(description="colour", ordering="colour")
    def swatch(self, party):
        # Only a checked colour goes into the style attribute, as on the reader pages;
        # the stored value is shown as text, so a bad one can be seen and fixed.
        return format_html(
            '<span style="display:inline-block;width:1em;height:1em;background:{};'
            'border:1px solid #0003;vertical-align:middle"></span> {}',
            party.display_colour,
            party.colour,
        )


@admin.register(Constituency)
class ConstituencyAdmin(admin.ModelAdmin):
    form = ConstituencyForm
    list_display = ["name", "kind", "parent", "slug"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "kind", "parent", "aliases"]
    autocomplete_fields = ["parent"]


@admin.register(PartyMembership)
class PartyMembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "party", "role", "start", "end", "ended"]
    list_filter = ["party", "ended"]
    list_select_related = ["person", "party"]
    search_fields = ["person__name", "party__name", "role"]
    autocomplete_fields = ["person", "party"]
