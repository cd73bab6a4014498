"""The newsroom's admin: where reporters and editors write, review and publish.

Django's autodiscovery imports this package; importing each module registers its admin.

  article.py       ArticleAdmin: the story form, permissions, bulk actions, live preview
  inlines.py       on the story form: pictures, corrections, entity links, share links,
                   old addresses
  filters.py       the list's editorial queues (needs review, my drafts, ...)
  forms.py         the article form (who may set what, the stale-edit check), the share link form
  history.py       history, compare and restore pages, and the word diff they show
  share_links.py   the share links list
  tombstones.py    imported stories editors deleted, which imports skip
  sections.py      sections and categories
  pictures.py      the pictures list (the upload field is `articles.picture_forms`)
  people_sources.py  the people admin's party spells show their source story, not a file
  suggestions.py   names the linker could not match, for editors to accept or reject

The admin wears the site's name (settings.NEWSROOM_SITE_NAME, as every page and feed
does) rather than "Django administration". It is read when a page is drawn, not when
this package is imported, so the setting has one source and tests may change it.
"""

from django.conf import settings
from django.contrib import admin
from django.utils.functional import lazy

from . import (  # noqa: F401
    article,
    authors,
    people_sources,
    pictures,
    sections,
    share_links,
    suggestions,
    tombstones,
)


def _named(pattern: str):
    """A title that reads the site's name each time it is shown, not once at import."""
    return lazy(lambda: pattern.format(name=settings.NEWSROOM_SITE_NAME), str)()


admin.site.site_header = _named("{name} admin")
admin.site.site_title = _named("{name} admin")
admin.site.index_title = _named("{name}")
