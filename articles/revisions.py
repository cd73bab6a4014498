"""Revision history for articles: what a revision holds, how it reads, how it comes back.

Every save made inside ``reversion.create_revision()`` (every admin save, every
change made through ``articles.publishing``) stores one revision per article.

What a revision captures:

- the article's own fields, including its categories;
- its pictures (caption, credit, alt text, position, the stored file's name);
- its links to people, parties and constituencies, with their origin;
- its tags (taggit's ``TaggedItem`` rows, through ``Article.tagged_items``);
- its corrections and updates;
- its rights of reply: who was asked, when, and what came back.

What ``restore()`` brings back: the text, byline, section, categories, review note,
pictures, entity links and tags of the chosen version. What it leaves as it is now:

- the publish state (status, publication time, embargo): that belongs to
  ``articles.publishing`` alone, so a restore never publishes or unpublishes;
- the address (slug): a story keeps its URL;
- corrections and updates: readers have seen them, so they stay on the record;
- rights of reply: a reply that came in after the version must not vanish with a
  restore; one deleted by mistake is still read in the history, to enter again;
- import bookkeeping (source file, hashes) and who created the story.

Not captured at all: old addresses (slug redirects) and share links, which are
history of their own, and the picture files themselves (only their names: files
are never deleted, so a restored picture finds its file).

A tag, person, party, constituency or section deleted since the version was saved
cannot come back with it; restore leaves that one link out.
"""

import difflib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import reversion
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.text import Truncator
from reversion.models import Revision, Version
from taggit.models import Tag, TaggedItem

from newsroom.dates import human_date, human_datetime
from people.models import Constituency, Party, Person

from .models import (
    Article,
    ArticleConstituency,
    ArticleNote,
    ArticleParty,
    ArticlePerson,
    Category,
    Picture,
    ReplyRequest,
    Section,
)

# Article has no accessor for its own taggit rows, and reversion follows accessors.
# A generic relation adds one without a column or a migration (and deleting an
# article now deletes its tag rows too, which taggit otherwise leaves behind).

# What a revision of an article holds besides the article, and the column that ties each
# row to its article. Corrections and rights of reply are captured but, unlike the rest,
# never restored.
FOLLOWED = {
    "pictures": (Picture, "article_id"),
    "person_links": (ArticlePerson, "article_id"),
    "party_links": (ArticleParty, "article_id"),
    "constituency_links": (ArticleConstituency, "article_id"),
    "tagged_items": (TaggedItem, "object_id"),
    "notes": (ArticleNote, "article_id"),
    "reply_requests": (ReplyRequest, "article_id"),
}
RESTORED = ["pictures", "person_links", "party_links", "constituency_links", "tagged_items"]
# Article fields a restore leaves as they are now (see the module docstring).
KEPT_ON_RESTORE = frozenset(
    {
        "id",
        "slug",
        "status",
        "published_at",
        "published_at_inferred",
        "embargo_until",
        "created_by",
        "created_at",
        "updated_at",
        "edit_version",
        "source_name",
        "source_hash",
        "import_fingerprint",
    }
)
# How versions are serialized: reversion's default, which `register` keeps.
VERSION_FORMAT = "json"
# How far back to look for the version an editor opened before someone else saved.
OPENED_VERSION_SEARCH_DEPTH = 50
SHORT_VALUE = 80


# Fields a version leaves out: tags are kept as rows (tagged_items), not as the manager's field.
EXCLUDED = {Article: ("tags",)}


def register() -> None:
    """Register exactly what a revision holds, replacing any registration made before.

    Called once from ArticlesConfig.ready(). The admin's ready() runs first and builds
    ArticleAdmin, a VersionAdmin, which registers a model it finds unregistered with
    a follow list guessed from its inlines (share links and old addresses among them):
    those registrations are dropped here, so what is versioned never depends on which
    module happened to be imported first. Safe to call more than once.
    """
    for model in [*apps.get_app_config("articles").get_models(), TaggedItem]:
        if reversion.is_registered(model):
            reversion.unregister(model)
    for model, _ in FOLLOWED.values():
        reversion.register(model)
    reversion.register(Article, follow=list(FOLLOWED), exclude=EXCLUDED[Article])


# What each followed row's name in the history reads, fetched with the rows.
FOLLOWED_NAMES = {
    "person_links": "person",
    "party_links": "party",
    "constituency_links": "constituency",
    "tagged_items": "tag",
    "reply_requests": "person",
}


def record(article: Article) -> None:
    """Add the article as it now stands, and all it follows, to the open revision.

    A fixed number of queries: the followed rows are prefetched with what their names
    read, where reversion on its own would fetch each row's entity or tag by itself.
    """
    _prefetch_followed([article])
    reversion.add_to_revision(article)


def record_each(articles: list[Article], comments: list[str]) -> None:
    """A revision of each article as it now stands, as `record` makes one, all at once.

    reversion saves one revision at a time, reading each kind of row back to check it
    still exists and serializing each row on its own; for a batch of stories just
    written that costs more than writing them. Here every article's followed rows are
    prefetched together, each kind of row is serialized in one pass to what reversion
    would store, and all revisions and versions are written in two inserts.
    """
    _prefetch_followed(articles)
    now = timezone.now()
    revisions = Revision.objects.bulk_create(
        Revision(date_created=now, comment=comment) for comment in comments
    )
    rows_by_model: dict[type, list[tuple[models.Model, Revision]]] = defaultdict(list)
    for article, revision in zip(articles, revisions, strict=True):
        for row in [article, *_followed_rows_of(article)]:
            rows_by_model[type(row)].append((row, revision))
    Version.objects.bulk_create(
        version for model, rows in rows_by_model.items() for version in _versions(model, rows)
    )


def _prefetch_followed(articles: list[Article]) -> None:
    """The followed rows, and the categories a version lists, in one query each."""
    models.prefetch_related_objects(
        articles,
        "categories",
        *(
            models.Prefetch(name, queryset=model.objects.select_related(*_joins(name)))
            for name, (model, _) in FOLLOWED.items()
        ),
    )
    for article in articles:
        for tagged in article.tagged_items.all():
            tagged.content_object = article  # its name reads the article it tags


def _followed_rows_of(article: Article) -> list[models.Model]:
    return [row for name in FOLLOWED for row in getattr(article, name).all()]


def _versions(model: type, rows: list[tuple[models.Model, Revision]]) -> list[Version]:
    """The versions reversion would store for `rows` of `model` (see `reversion.register`).

    reversion stores each row as Django's JSON serializer writes a list of that one
    row; the Python serializer makes every row's data in one pass, written the same way.
    """
    concrete = model._meta.concrete_model._meta
    fields = [
        field.name
        for field in concrete.local_fields + concrete.local_many_to_many
        if field.name not in EXCLUDED.get(model, ())
    ]
    data = serializers.serialize("python", [row for row, _ in rows], fields=fields)
    content_type = ContentType.objects.get_for_model(model)
    return [
        Version(
            revision=revision,
            content_type=content_type,
            object_id=str(row.pk),
            db=router.db_for_write(model, instance=row),
            format=VERSION_FORMAT,
            serialized_data="[" + json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False) + "]",
            object_repr=str(row),
        )
        for (row, revision), item in zip(rows, data, strict=True)
    ]


def _joins(name: str) -> list[str]:
    return [FOLLOWED_NAMES[name]] if name in FOLLOWED_NAMES else []


class RestoreError(Exception):
    """The version cannot be restored; the message says why."""


@dataclass(frozen=True)
class Change:
    """One part of a story that differs between two versions, in words an editor reads."""

    label: str
    before: str
    after: str

    @property
    def short(self) -> tuple[str, str]:
        """Before and after, cut down to the words around the first difference."""
        return _excerpts(self.before, self.after)


def history(article: Article):
    """The article's versions, newest first, with who saved each."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision", "revision__user")
        .order_by("-pk")
    )


def latest_revision(article: Article) -> Revision | None:
    version = history(article).first()
    return version.revision if version else None


def version_at(article: Article, edit_version: int) -> Version | None:
    """The stored version whose save counter was `edit_version`, if it is still recent."""
    for version in history(article)[:OPENED_VERSION_SEARCH_DEPTH]:
        if version.field_dict.get("edit_version") == edit_version:
            return version
    return None


def contents_now(article: Article) -> dict[str, str]:
    """The story as it is stored now, part by part, as readable text."""
    rows = {
        name: list(model.objects.filter(**{key: article.pk}))
        for name, (model, key) in FOLLOWED.items()
    }
    rows["tagged_items"] = [
        item for item in rows["tagged_items"] if item.content_type_id == _article_type().pk
    ]
    categories = list(article.categories.values_list("pk", flat=True))
    return _readable(article, categories, rows)


def contents_of(version: Version) -> dict[str, str]:
    """The story as `version` stored it, part by part, as readable text."""
    article, categories = _article_from(version)
    return _readable(article, categories, _followed_rows(version))


def changes(before: dict[str, str], after: dict[str, str]) -> list[Change]:
    """The parts that differ, in the order a story reads."""
    return [
        Change(label, before.get(label, ""), after.get(label, ""))
        for label in dict.fromkeys([*before, *after])
        if before.get(label, "") != after.get(label, "")
    ]


def restore(
    version: Version, *, user, expected_edit_version: int | None = None, now=None
) -> Article:
    """Bring back the story as `version` stored it, as a new revision by `user`.

    Runs in one transaction with the article's row locked. With
    `expected_edit_version`, refuses if the story was saved since the person
    restoring looked at it. See the module docstring for what comes back.
    """
    with transaction.atomic(), reversion.create_revision():
        article = Article.objects.select_for_update().get(pk=version.object_id)
        if expected_edit_version is not None and article.edit_version != expected_edit_version:
            raise RestoreError(
                "The story was saved by someone else after you opened this page; "
                "look at the version again before restoring it."
            )
        old, categories = _article_from(version)
        rows = _followed_rows(version)
        for name in RESTORED:
            getattr(article, name).all().delete()
        for name in RESTORED:
            for row in rows[name]:
                if _targets_exist(row):
                    # A raw save, as reversion reverts: the row comes back with its own id.
                    models.Model.save_base(row, raw=True, force_insert=True)
        for field in Article._meta.concrete_fields:
            if field.name not in KEPT_ON_RESTORE:
                setattr(article, field.attname, getattr(old, field.attname))
        if not Section.objects.filter(pk=article.section_id).exists():
            article.section_id = Article.objects.values_list("section_id", flat=True).get(
                pk=article.pk
            )
        article.save()
        article.categories.set(Category.objects.filter(pk__in=categories))
        when = timezone.localtime(version.revision.date_created)
        reversion.set_user(user)
        reversion.set_date_created(now or timezone.now())
        reversion.set_comment(f"Restored the version saved {human_datetime(when)}.")
    return article


def _article_type() -> ContentType:
    return ContentType.objects.get_for_model(Article)


def _article_from(version: Version) -> tuple[Article, list[int]]:
    """An unsaved Article holding the version's fields, and its category ids."""
    data = dict(version.field_dict)
    categories = [int(pk) for pk in data.pop("categories", [])]
    fields = {f.attname for f in Article._meta.concrete_fields}
    return Article(**{name: value for name, value in data.items() if name in fields}), categories


def _followed_rows(version: Version) -> dict[str, list[models.Model]]:
    """The revision's pictures, links, tag rows and notes that belong to this article."""
    pk = int(version.object_id)
    by_model = {model: (name, key) for name, (model, key) in FOLLOWED.items()}
    rows: dict[str, list[models.Model]] = {name: [] for name in FOLLOWED}
    for other in version.revision.version_set.exclude(pk=version.pk):
        model = other._model
        if model not in by_model:
            continue
        name, key = by_model[model]
        data = dict(other.field_dict)
        data.setdefault(model._meta.pk.attname, int(other.object_id))
        if data.get(key) != pk:
            continue
        if model is TaggedItem and data.get("content_type_id") != _article_type().pk:
            continue
        rows[name].append(model(**data))
    return rows


def _targets_exist(row: models.Model) -> bool:
    """Whether everything the row points at (tag, person, party...) still exists."""
    for field in row._meta.concrete_fields:
        if field.many_to_one and field.related_model is not Article:
            value = getattr(row, field.attname)
            if value is not None and not field.related_model.objects.filter(pk=value).exists():
                return False
    return True


def _readable(article: Article, category_ids: list[int], rows) -> dict[str, str]:
    """Label -> text for each part of a story, the same way for stored and old versions."""
    names = _names(article, category_ids, rows)
    return {
        "headline": article.title,
        "address": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "byline": article.byline,
        "section": names[Section].get(article.section_id, ""),
        "categories": ", ".join(sorted(names[Category].values())),
        "tags": ", ".join(sorted(names[Tag].get(item.tag_id, "") for item in rows["tagged_items"])),
        "status": article.get_status_display(),
        "published": _when(article.published_at),
        "embargoed until": _when(article.embargo_until),
        "review note": article.review_note,
        "pictures": "\n".join(_picture_line(p) for p in sorted(rows["pictures"], key=_position)),
        "people": _links(rows["person_links"], "person_id", names[Person]),
        "parties": _links(rows["party_links"], "party_id", names[Party]),
        "places": _links(rows["constituency_links"], "constituency_id", names[Constituency]),
        "corrections and updates": "\n".join(
            f"{note.get_kind_display()}, {_when(note.created_at)}: {note.text}"
            for note in sorted(rows["notes"], key=lambda note: (note.created_at, note.pk))
        ),
        "rights of reply": "\n".join(
            sorted(_reply_line(reply, names[Person]) for reply in rows["reply_requests"])
        ),
    }


def _names(article, category_ids, rows) -> dict[type, dict[int, str]]:
    """Names for every id the parts refer to, one query per kind."""
    wanted = {
        Section: [article.section_id],
        Category: category_ids,
        Tag: [item.tag_id for item in rows["tagged_items"]],
        Person: [link.person_id for link in rows["person_links"]]
        + [reply.person_id for reply in rows["reply_requests"] if reply.person_id],
        Party: [link.party_id for link in rows["party_links"]],
        Constituency: [link.constituency_id for link in rows["constituency_links"]],
    }
    return {
        model: dict(model.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
        for model, ids in wanted.items()
    }


def _position(picture: Picture) -> tuple[int, int]:
    return picture.position, picture.pk or 0


def _picture_line(picture: Picture) -> str:
    parts = [f"{picture.position}. {picture.caption or '(no caption)'}"]
    if picture.credit:
        parts.append(f"credit: {picture.credit}")
    parts.append(f"alt text: {picture.alt_text or '(none)'}")
    if picture.file:
        parts.append(f"file: {picture.file.name}")
    if picture.is_featured:
        parts.append("featured")
    return "; ".join(parts)


def _reply_line(reply: ReplyRequest, people: dict[int, str]) -> str:
    asked = people.get(reply.person_id, "(deleted)") if reply.person_id else reply.organisation
    said = f": {reply.statement}" if reply.statement else ""
    when = human_date(reply.asked_on) if reply.asked_on else "(no date)"
    return f"{asked}, asked {when}, {reply.get_outcome_display()}{said}"


def _links(links: Iterable, key: str, names: dict[int, str]) -> str:
    described = sorted(
        f"{names.get(getattr(link, key), '(deleted)')} ({link.get_origin_display().lower()})"
        for link in links
    )
    return ", ".join(described)


def _when(moment) -> str:
    return human_datetime(moment) if moment else ""


def _excerpts(before: str, after: str) -> tuple[str, str]:
    """The words around the first difference between two texts, each cut short."""
    old_words, new_words = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    first = next(
        (opcode for opcode in matcher.get_opcodes() if opcode[0] != "equal"),
        None,
    )
    if first is None:
        return _short(before), _short(after)
    _, a_start, a_end, b_start, b_end = first
    context = 4

    def excerpt(words, start, end):
        text = " ".join(words[max(start - context, 0) : end + context])
        prefix = "…" if start > context else ""
        suffix = "…" if end + context < len(words) else ""
        return _short(f"{prefix}{text}{suffix}") if words else "(empty)"

    return excerpt(old_words, a_start, a_end), excerpt(new_words, b_start, b_end)


def _short(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(SHORT_VALUE) or "(empty)"
