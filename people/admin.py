"""The admin for people, parties, places and the political facts about them.

Aliases are edited as a list (`people.forms`). A person's page holds their affiliations
(party spells, or spells as an independent), posts, candidacies and claims; an
election's page holds its candidates. Checks across rows (spells that overlap, shares
over 100%, more winners than seats) are the formsets' in `people.forms`; each row's own
rules are its model's `clean()`.

The people list shows each person's current affiliation and posts, read from spells and
posts prefetched once for the whole page. A fact's source is a citation key here;
`articles.admin.people_sources` lets editors pick the story instead, since this layer
knows nothing of stories.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html

from .forms import (
    AffiliationFormSet,
    CandidacyFormSet,
    ConstituencyForm,
    PartyForm,
    PersonForm,
    RowLabelledSelect,
    RowLabelsForm,
)
from .models import (
    INDEPENDENT,
    Candidacy,
    Claim,
    Constituency,
    Election,
    Party,
    PartyMembership,
    Person,
    PostHeld,
)

SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


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


class RowLabelledAutocompletes:
    """Autocompletes labelled from each row's own objects (`people.forms.RowLabelledSelect`).

    Each inline's `get_queryset()` fetches those objects with the rows, and the person
    (or election) its rows' titles name, so a page costs no query per row.
    `independent_fields` are party fields where a blank choice means an independent.
    """

    form = RowLabelsForm
    independent_fields: tuple[str, ...] = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                RowLabelledSelect(
                    db_field,
                    self.admin_site,
                    using=kwargs.get("using"),
                    placeholder=INDEPENDENT if db_field.name in self.independent_fields else "",
                ),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# The columns every dated spell and every sourced fact has, in the order editors fill them.
SPELL_FIELDS = ["start", "start_precision", "end", "end_precision", "ended"]
SOURCE_FIELDS = ["source", "source_quote"]


class PersonFactInline(admin.StackedInline):
    """A list of one kind of fact on the person page, oldest first, one query.

    Each fact is a card whose fields flow in columns (person_form.css): a row of a
    dozen fields was twice as wide as a laptop's screen.
    """

    extra = 0
    formfield_overrides = SHORT_TEXT
    classes = ["person-facts"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_timeline().select_related("person")


class PartyMembershipInline(RowLabelledAutocompletes, PersonFactInline):
    model = PartyMembership
    formset = AffiliationFormSet
    fields = ["party", "role", *SPELL_FIELDS, "end_reason", "may_overlap", *SOURCE_FIELDS]
    autocomplete_fields = ["party"]
    independent_fields = ("party",)
    verbose_name_plural = "affiliations (a blank party is a spell as an independent)"


class PostHeldInline(RowLabelledAutocompletes, PersonFactInline):
    model = PostHeld
    fields = ["kind", "title", "place", "party", *SPELL_FIELDS, *SOURCE_FIELDS]
    autocomplete_fields = ["place", "party"]


CANDIDACY_RESULT_FIELDS = [
    "party",
    "party_not_stated",
    "votes",
    "share",
    "elected",
    "withdrawn",
    "withdrawn_on",
    *SOURCE_FIELDS,
]


class CandidacyInline(RowLabelledAutocompletes, PersonFactInline):
    model = Candidacy
    fields = ["election", *CANDIDACY_RESULT_FIELDS]
    autocomplete_fields = ["election", "party"]
    independent_fields = ("party",)


class ClaimInline(PersonFactInline):
    model = Claim
    fields = [
        "statement",
        "claimed_by",
        "claimed_on",
        "denied_by",
        "status",
        "status_changed_on",
        *SOURCE_FIELDS,
    ]


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
    inlines = [PartyMembershipInline, PostHeldInline, CandidacyInline, ClaimInline]

    class Media:
        css = {"all": ["people/admin/person_form.css"]}

    def get_queryset(self, request):
        # Every listed person's spells and current posts in two queries, not two per row.
        return super().get_queryset(request).with_memberships().with_current_posts()

    @admin.display(description="party")
    def party(self, person):
        membership = person.current_membership
        return membership.affiliation_name if membership else None

    @admin.display(description="current post")
    def current_post(self, person):
        posts = [post.label for post in person.current_posts_held]
        return ", ".join(posts or person.current_roles) or None


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


class ElectionCandidacyInline(RowLabelledAutocompletes, admin.TabularInline):
    model = Candidacy
    formset = CandidacyFormSet
    extra = 0
    fields = ["person", *CANDIDACY_RESULT_FIELDS]
    autocomplete_fields = ["person", "party"]
    independent_fields = ("party",)
    formfield_overrides = SHORT_TEXT
    verbose_name_plural = "candidates"

    def get_queryset(self, request):
        return super().get_queryset(request).for_results().select_related("election__place")


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "date", "place"]
    list_filter = ["kind", "date"]
    list_select_related = ["place"]
    search_fields = ["name", "slug", "place__name"]
    date_hierarchy = "date"
    fields = ["kind", "date", "date_precision", "place", "name", "slug", "seats", "turnout"]
    autocomplete_fields = ["place"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ElectionCandidacyInline]

    def get_queryset(self, request):
        # The title names the place, in the list and in the candidacies' autocomplete.
        return super().get_queryset(request).select_related("place")

    @admin.display(description="election", ordering="date")
    def title(self, election):
        return election.title


@admin.register(PartyMembership)
class PartyMembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "affiliation", "role", "start", "end", "ended", "may_overlap"]
    list_filter = ["party", "ended", "may_overlap"]
    list_select_related = ["person", "party"]
    search_fields = ["person__name", "party__name", "role"]
    autocomplete_fields = ["person", "party"]

    @admin.display(description="party", ordering="party__name")
    def affiliation(self, spell):
        return spell.affiliation_name


@admin.register(PostHeld)
class PostHeldAdmin(admin.ModelAdmin):
    list_display = ["person", "post", "start", "end", "ended"]
    list_filter = ["kind", "ended"]
    list_select_related = ["person", "place", "party"]
    search_fields = ["person__name", "title", "place__name", "party__name"]
    autocomplete_fields = ["person", "place", "party"]

    @admin.display(description="post")
    def post(self, post):
        return post.label


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["person", "statement", "claimed_by", "status", "claimed_on"]
    list_filter = ["status"]
    list_select_related = ["person"]
    search_fields = ["person__name", "statement", "claimed_by", "denied_by"]
    autocomplete_fields = ["person"]
