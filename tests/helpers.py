"""Test helpers beyond the model factories: richer stories, and admin forms posted back."""

import io
import struct
import zlib
from collections.abc import Callable
from importlib import import_module

from django.apps import apps
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.forms import CheckboxInput, FileInput, MultiWidget
from django.forms.widgets import ChoiceWidget
from PIL import Image

from articles.models import (
    Article,
    ArticleConstituency,
    ArticleParty,
    ArticlePerson,
    EntityLink,
    Picture,
)
from people.models import Constituency, Party, Person
from tests.factories import make_article

FormData = dict[str, str | list[str]]


def link(article: Article, *entities, origin=EntityLink.Origin.AUTOMATIC, mentions: int = 1):
    """Tie the article to each person, party or constituency given."""
    for entity in entities:
        match entity:
            case Person():
                ArticlePerson.objects.create(
                    article=article, person=entity, origin=origin, mentions=mentions
                )
            case Party():
                ArticleParty.objects.create(
                    article=article, party=entity, origin=origin, mentions=mentions
                )
            case Constituency():
                ArticleConstituency.objects.create(
                    article=article, constituency=entity, origin=origin, mentions=mentions
                )
            case _:
                raise TypeError(f"Cannot link an article to {entity!r}")


def make_full_story(*entities, **fields) -> Article:
    """A story with everything a page can show: tags, a featured picture and entity links."""
    fields.setdefault("tags", ["council", "election"])
    article = make_article(**fields)
    Picture.objects.create(
        article=article, position=1, caption="Lead caption", credit="Agency", is_featured=True
    )
    link(article, *entities)
    return article


def admin_form_data(response) -> FormData:
    """What a browser would post back, untouched, from an admin add or change page.

    Read from the response context: the model form's values, then each inline
    formset's management form and forms.
    """
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(formset_data(inline.formset))
    return data


def inline_formset(response, model):
    """The inline formset on an admin page that edits `model`."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset
    raise LookupError(f"No inline for {model.__name__} on this page")


def add_inline_row(data: FormData, formset, **values) -> None:
    """Add one more row to `formset` in posted `data`, as 'Add another' would, then fill it in."""
    total_key = f"{formset.prefix}-TOTAL_FORMS"
    index = int(data[total_key])
    data[total_key] = str(index + 1)
    for key, value in form_data(formset.empty_form).items():
        data[key.replace("__prefix__", str(index))] = value
    for name, value in values.items():
        data[f"{formset.prefix}-{index}-{name}"] = str(value)


def formset_data(formset) -> FormData:
    data = form_data(formset.management_form)
    for form in formset.forms:
        data.update(form_data(form))
    return data


def form_data(form) -> FormData:
    data: FormData = {}
    for bound_field in form:
        data.update(
            _widget_data(bound_field.html_name, bound_field.field.widget, bound_field.value())
        )
    return data


def _widget_data(name: str, widget, value) -> FormData:
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    if isinstance(widget, FileInput):
        return {}
    if isinstance(widget, MultiWidget):
        parts = value if isinstance(value, list | tuple) else widget.decompress(value)
        data: FormData = {}
        for suffix, subwidget, part in zip(
            widget.widgets_names, widget.widgets, parts, strict=True
        ):
            data.update(_widget_data(name + suffix, subwidget, part))
        return data
    if isinstance(widget, CheckboxInput):
        return {name: "on"} if widget.check_test(value) else {}
    if isinstance(widget, ChoiceWidget):
        chosen = widget.format_value(value)
        if widget.allow_multiple_selected:
            return {name: chosen}
        return {name: chosen[0] if chosen else ""}
    formatted = widget.format_value(value)
    return {name: "" if formatted is None else str(formatted)}


def ensure_roles() -> None:
    """The Reporter and Editor groups, as migrations 0004 and 0012 make them.

    A test on a live server empties every table when it ends, the groups with it; a
    browser test that logs in as an editor calls this so it does not depend on order.
    """
    roles = import_module("articles.migrations.0004_roles")
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    wanted = {
        "Reporter": {app_label: dict(models) for app_label, models in roles.REPORTER.items()},
        "Editor": {
            app_label: dict.fromkeys(models, roles.ACTIONS)
            for app_label, models in roles.EDITOR_MODELS.items()
        },
    }
    wanted["Editor"]["articles"]["article"] = [*roles.ACTIONS, "publish"]
    fact_roles = import_module("articles.migrations.0012_fact_roles")
    for name, added in [("Reporter", fact_roles.REPORTER), ("Editor", fact_roles.EDITOR)]:
        for app_label, models in added.items():
            wanted[name][app_label] = {**wanted[name].get(app_label, {}), **models}
    for name, models_and_actions in wanted.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            permission
            for app_label, models in models_and_actions.items()
            for model, actions in models.items()
            for permission in Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )


def png_with_huge_text_chunk() -> bytes:
    """A 4x4 PNG carrying a zTXt chunk that inflates to 2 MB: Pillow refuses to read it."""
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    png = buffer.getvalue()
    data = b"Comment\x00\x00" + zlib.compress(b"A" * (2 * 1024 * 1024), 9)
    chunk = struct.pack(">I", len(data)) + b"zTXt" + data
    chunk += struct.pack(">I", zlib.crc32(b"zTXt" + data) & 0xFFFFFFFF)
    return png[:33] + chunk + png[33:]  # after the signature and the IHDR chunk


def growth(work: Callable[[str], object], text: str) -> float:
    """How many times as long `work(text)` takes as `work` on the first eighth of `text`.

    A linear pass gives about 8; one that rescans the rest of the text from each opener
    gives 64. The suite asserts at most `tests.hostile.test_linear_text.GROWTH` (24):
    never seconds, which depend on the machine.
    """
    from tests.hostile.test_linear_text import FLOOR, seconds

    short = text[: len(text) // 8]
    return seconds(work, text) / max(seconds(work, short, runs=3), FLOOR)
