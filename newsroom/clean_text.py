"""Every text a model saves is XML-safe (`newsroom.text.xml_safe`).

A headline with a vertical tab in it, pasted from a word processor, once made every
feed and the news sitemap fail (and a NUL is more than PostgreSQL will store). A
`pre_save` receiver cleans each CharField and TextField of the models it is connected
to, and the strings inside each JSONField (a party's aliases), whoever saves them:
admin forms, the importer's single saves, fixtures, revision restores. Each app
connects its own models from its `ready()`; writes that skip `save()` (bulk creates,
queryset updates) are cleaned by whoever makes them, and feeds and sitemaps clean
again on the way out.
"""

from collections.abc import Iterable

from django.db import models
from django.db.models.signals import pre_save

from .text import xml_safe


def connect(models_to_clean: Iterable[type[models.Model]]) -> None:
    for model in models_to_clean:
        pre_save.connect(
            clean_text_fields, sender=model, dispatch_uid=f"clean_text.{model._meta.label}"
        )


def clean_text_fields(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    """Replace each text value with its XML-safe form (one pass over each)."""
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField | models.JSONField):
            value = getattr(instance, field.attname)
            setattr(instance, field.attname, _cleaned(value))


def _cleaned(value):
    """`value` with every string in it XML-safe: a string, or JSON's lists and objects."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    if isinstance(value, dict):
        return {_cleaned(key): _cleaned(item) for key, item in value.items()}
    return value
