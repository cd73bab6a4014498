"""The Reporter and Editor groups and what each may do.

Reporters file and edit copy and send it for review; they cannot publish,
unpublish, schedule or delete. Editors can do everything with content.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER = {
    "articles": {
        "article": ["add", "change", "view"],
        "picture": ["add", "change", "delete", "view"],
        "articleperson": ["add", "change", "delete", "view"],
        "articleparty": ["add", "change", "delete", "view"],
        "articleconstituency": ["add", "change", "delete", "view"],
        "articlenote": ["view"],
        "section": ["view"],
        "category": ["view"],
    },
    "people": {"person": ["view"], "party": ["view"], "constituency": ["view"]},
    "taggit": {"tag": ["add", "view"]},
}
EDITOR_MODELS = {
    "articles": [
        "article",
        "picture",
        "articleperson",
        "articleparty",
        "articleconstituency",
        "articlenote",
        "articleslug",
        "previewlink",
        "section",
        "category",
    ],
    "people": ["person", "party", "constituency", "partymembership"],
    "taggit": ["tag", "taggeditem"],
}
ACTIONS = ["add", "change", "delete", "view"]


def create_groups(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so the groups can use them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(wanted: dict[str, dict[str, list[str]]]):
        found = []
        for app_label, models in wanted.items():
            for model, actions in models.items():
                codenames = [f"{action}_{model}" for action in actions]
                found += Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
        return found

    reporter, _ = Group.objects.get_or_create(name="Reporter")
    reporter.permissions.set(permissions(REPORTER))
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor_wanted = {
        app_label: {model: ACTIONS for model in models}
        for app_label, models in EDITOR_MODELS.items()
    }
    editor_wanted["articles"]["article"] = [*ACTIONS, "publish"]
    editor.permissions.set(permissions(editor_wanted))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Reporter", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editorial_workflow"),
        ("people", "0002_membership_ended"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
