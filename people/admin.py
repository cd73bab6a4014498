from django.contrib import admin
from django.utils.html import format_html

from .models import Constituency, Party, PartyMembership, Person


class PartyMembershipInline(admin.TabularInline):
    model = PartyMembership
    extra = 0
    fields = ["party", "role", "start", "end", "ended", "source"]
    autocomplete_fields = ["party"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "surname", "slug"]
    list_filter = ["memberships__party"]
    # Aliases are searched too, so the article link autocomplete finds "Ali"
    # for "Ali Hassan Ali".
    search_fields = ["name", "surname", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "surname", "aliases"]
    inlines = [PartyMembershipInline]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
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
