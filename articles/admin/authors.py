"""Authors: made from bylines (`articles.authors`); editors may correct a name or a slug.

The list shows no story count: counting every author's stories would read the whole
archive for one page of the list. An author's stories are one click away, on their page.
"""

from django.contrib import admin

from ..models import Author


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
