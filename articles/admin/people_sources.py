"""A party spell's source shown as the story it came from, not as a file name.

`people` knows nothing of stories (the import contract: reader → articles → people), so
its admin can only show what a spell stores as its source: usually the file a story was
imported from, such as ``001_2bc5a03e90a2a01a.txt``. This module, on the articles side,
replaces the two people admins that show sources with subclasses that add a "source
story" column: the story's headline, linking to its page in the admin (whatever its
status), or the stored source as it is when no story was imported from it. The story is
found by a correlated subquery on the listed spells, so the column costs no query per row.

Replacing beats a hook that people's admin would call: the people admin stays plain
declarations, and everything that knows of stories lives here. Django's autodiscovery
imports `articles.admin` before `people.admin` (the order of INSTALLED_APPS), so
`people.admin` is imported first here, to be registered before it is replaced.
"""

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from people import admin as people_admin
from people.models import PartyMembership, Person

from ..models import Article


def with_source_story(spells: models.QuerySet) -> models.QuerySet:
    """Each spell with the id and headline of the story its source was imported from."""
    stories = Article.objects.imported_from(models.OuterRef("source"))
    return spells.annotate(
        source_story_pk=models.Subquery(stories.values("pk")[:1]),
        source_story_title=models.Subquery(stories.values("title")[:1]),
    )


class SourceStoryColumn:
    @admin.display(description="source story")
    def source_story(self, spell):
        story_pk = getattr(spell, "source_story_pk", None)
        if story_pk is None:
            return spell.source or None
        return format_html(
            '<a href="{}" title="{}">{}</a>',
            reverse("admin:articles_article_change", args=[story_pk]),
            spell.source,
            spell.source_story_title,
        )


class PartyMembershipInline(SourceStoryColumn, people_admin.PartyMembershipInline):
    fields = [*people_admin.PartyMembershipInline.fields, "source_story"]
    readonly_fields = ["source_story"]

    def get_queryset(self, request):
        return with_source_story(super().get_queryset(request))


class PersonAdmin(people_admin.PersonAdmin):
    inlines = [
        PartyMembershipInline if inline is people_admin.PartyMembershipInline else inline
        for inline in people_admin.PersonAdmin.inlines
    ]


class PartyMembershipAdmin(SourceStoryColumn, people_admin.PartyMembershipAdmin):
    list_display = [*people_admin.PartyMembershipAdmin.list_display, "source_story"]

    def get_queryset(self, request):
        return with_source_story(super().get_queryset(request))


for model, model_admin in [(Person, PersonAdmin), (PartyMembership, PartyMembershipAdmin)]:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
