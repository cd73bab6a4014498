"""Tags stored with an empty slug (a name of only punctuation or emoji) get a usable one.

The same slugs `articles.tags` gives new tags: "tag-" and a short hash of the name,
longer if that is taken. Written out here so later changes to that module cannot
change what this migration did.
"""

import hashlib

from django.db import migrations

HASH_LENGTHS = (8, 16, 64)


def give_empty_slugs_a_value(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.filter(slug=""):
        digest = hashlib.sha256(tag.name.encode("utf-8", "surrogatepass")).hexdigest()
        candidates = [f"tag-{digest[:length]}" for length in HASH_LENGTHS]
        others = Tag.objects.exclude(pk=tag.pk)
        tag.slug = next(
            (slug for slug in candidates if not others.filter(slug=slug).exists()),
            candidates[-1],
        )
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_import_safety"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(give_empty_slugs_a_value, migrations.RunPython.noop)]
