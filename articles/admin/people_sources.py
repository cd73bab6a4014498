"""Facts about people cite stories: editors pick the story, and see it, not a citation key.

`people` knows nothing of stories (the import contract: reader → articles → people), so
its admin can only show and edit what a fact stores as its source: a citation key
(`articles.citations`), such as ``001_2bc5a03e90a2a01a.txt``. This module, on the
articles side, replaces the people admins that show sources with subclasses where:

- every sourced inline (affiliations, posts, candidacies, claims; an election's
  candidates) has a "source story" picked by an autocomplete over the stories, stored
  as the story's citation key, and shows the story it cites as a link to its admin page;
- the facts' lists have a "source story" column, the same link;
- a person's page lists the rights of reply that name them, for those who may see them.

Stories are found with `citations.cited_stories()`: one query for a whole inline or
list page, whatever its status (editors see drafts). A key that names no story is shown
as it is stored.

Replacing beats a hook that people's admin would call: the people admin stays plain
declarations, and everything that knows of stories lives here. Django's autodiscovery
imports `articles.admin` before `people.admin` (the order of INSTALLED_APPS), so
`people.admin` is imported first here, to be registered before it is replaced.
"""

from functools import cache

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from people import admin as people_admin
from people.forms import RowLabelledSelect
from people.models import Claim, Election, PartyMembership, Person, PostHeld

from ..citations import citation_key, cited_stories
from ..models import Article, ReplyRequest


def attach_cited_stories(facts) -> None:
    """Give each fact `cited_story`, the story its source names or None: one query."""
    facts = list(facts)
    cited = cited_stories(fact.source for fact in facts)
    for fact in facts:
        fact.cited_story = cited.get(fact.source)


def story_link(fact):
    """The cited story's headline, linking to its admin page; else the key as stored."""
    story = getattr(fact, "cited_story", None)
    if story is None:
        return fact.source or None
    return format_html(
        '<a href="{}" title="{}">{}</a>',
        reverse("admin:articles_article_change", args=[story.pk]),
        fact.source,
        story.title,
    )


# Picking the story in an inline


class SourceStoryField(forms.ModelChoiceField):
    """A story picked by autocomplete, checked without a query when it is the one cited.

    `known` holds the row's cited story (a `CitedStory`, fetched with the rows): the
    value comes back as that, unchanged, so only a newly picked story is looked up.
    """

    def __init__(self, **kwargs):
        # The autocomplete asks the article admin's search, through a real foreign key to
        # Article: Django's autocomplete view needs one to know which admin to ask.
        widget = RowLabelledSelect(ReplyRequest._meta.get_field("article"), admin.site)
        super().__init__(queryset=Article.objects.all(), widget=widget, **kwargs)
        self.known = {}

    def to_python(self, value):
        if value not in self.empty_values and str(value) in self.known:
            return self.known[str(value)]
        return super().to_python(value)


class SourceStoryForm(forms.ModelForm):
    """A fact's row with a "source story" picker that writes the story's citation key."""

    source_story = SourceStoryField(
        required=False,
        label="source story",
        help_text="The story this comes from. Search by headline.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        story = getattr(self.instance, "cited_story", None)
        if story is not None:
            self.initial.setdefault("source_story", story.pk)
            field = self.fields["source_story"]
            field.known = {str(story.pk): story}
            field.widget.labels = {str(story.pk): story.title}

    def clean(self):
        cleaned_data = super().clean()
        if "source_story" in self.changed_data:
            story = cleaned_data.get("source_story")
            self.instance.source = citation_key(story) if story else ""
        return cleaned_data


class CitingFormSet(BaseInlineFormSet):
    """Finds every row's cited story at once, before the rows' forms are made."""

    def get_queryset(self):
        if not hasattr(self, "_queryset"):
            attach_cited_stories(super().get_queryset())
        return self._queryset


@cache
def sourced_form(form_class: type) -> type:
    """`form_class` with the story picker."""
    return type(f"Sourced{form_class.__name__}", (SourceStoryForm, form_class), {})


@cache
def citing_formset(formset_class: type) -> type:
    """`formset_class` finding every row's cited story at once."""
    return type(f"Citing{formset_class.__name__}", (CitingFormSet, formset_class), {})


def with_story_picker(fields: list[str]) -> list[str]:
    """The inline's fields with the stored key replaced by the picker and the story's link."""
    return [
        name
        for field in fields
        for name in (["source_story", "source_link"] if field == "source" else [field])
    ]


class SourcedInline:
    """An inline of facts whose source is picked, and shown, as a story."""

    readonly_fields = ["source_link"]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = sourced_form(self.form)
        kwargs["formset"] = citing_formset(self.formset)
        return super().get_formset(request, obj, **kwargs)

    @admin.display(description="cited story")
    def source_link(self, fact):
        return story_link(fact)


def sourced_inline(inline: type) -> type:
    """`inline`, a people inline of sourced facts, with its source picked as a story."""
    return type(
        inline.__name__,
        (SourcedInline, inline),
        {"__module__": __name__, "fields": with_story_picker(inline.fields)},
    )


SOURCED_INLINES = {
    inline: sourced_inline(inline)
    for inline in [
        people_admin.PartyMembershipInline,
        people_admin.PostHeldInline,
        people_admin.CandidacyInline,
        people_admin.ClaimInline,
        people_admin.ElectionCandidacyInline,
    ]
}


# The person's and the election's pages


class PersonAdmin(people_admin.PersonAdmin):
    inlines = [SOURCED_INLINES.get(inline, inline) for inline in people_admin.PersonAdmin.inlines]
    readonly_fields = ["rights_of_reply"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and request.user.has_perm("articles.view_replyrequest"):
            return [*fields, "rights_of_reply"]
        return fields

    @admin.display(description="rights of reply")
    def rights_of_reply(self, person):
        """The stories that asked them for comment, and what came back: one query."""
        replies = (
            ReplyRequest.objects.filter(person=person)
            .select_related("article")
            .only("asked_on", "outcome", "article__title")
            .order_by(models.F("asked_on").desc(nulls_last=True), "-pk")
        )
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td></tr>',
            (
                (
                    reverse("admin:articles_article_change", args=[reply.article_id]),
                    reply.article.title,
                    date_format(reply.asked_on) if reply.asked_on else "date not given",
                    reply.get_outcome_display(),
                )
                for reply in replies
            ),
        )
        if not rows:
            return "No story has asked them for comment."
        return format_html(
            "<table><thead><tr><th>Story</th><th>Asked on</th><th>Outcome</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            rows,
        )


class ElectionAdmin(people_admin.ElectionAdmin):
    inlines = [SOURCED_INLINES.get(inline, inline) for inline in people_admin.ElectionAdmin.inlines]


# The facts' lists


class CitingChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        attach_cited_stories(self.result_list)


class SourcedFactAdmin:
    """A fact's own list and page: the source story as a column, picked as in the inlines."""

    readonly_fields = ["source_link"]

    def get_changelist(self, request, **kwargs):
        return CitingChangeList

    def get_object(self, request, object_id, from_field=None):
        fact = super().get_object(request, object_id, from_field)
        if fact is not None:
            attach_cited_stories([fact])
        return fact

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = sourced_form(self.form)
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return with_story_picker([f for f in fields if f not in ("source_story", "source_link")])

    @admin.display(description="source story")
    def source_story(self, fact):
        return story_link(fact)

    @admin.display(description="cited story")
    def source_link(self, fact):
        return story_link(fact)


def sourced_fact_admin(model_admin: type) -> type:
    """`model_admin`, a people admin of sourced facts, with its source shown as a story."""
    return type(
        model_admin.__name__,
        (SourcedFactAdmin, model_admin),
        {"__module__": __name__, "list_display": [*model_admin.list_display, "source_story"]},
    )


PartyMembershipAdmin = sourced_fact_admin(people_admin.PartyMembershipAdmin)
PostHeldAdmin = sourced_fact_admin(people_admin.PostHeldAdmin)
ClaimAdmin = sourced_fact_admin(people_admin.ClaimAdmin)


for model, model_admin in [
    (Person, PersonAdmin),
    (Election, ElectionAdmin),
    (PartyMembership, PartyMembershipAdmin),
    (PostHeld, PostHeldAdmin),
    (Claim, ClaimAdmin),
]:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
