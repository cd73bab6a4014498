"""What Reporters and Editors may do with political facts, rights of reply and suggestions.

Editors keep the reference data: affiliations, posts, elections, candidacies and claims,
and decide link suggestions. Reporters read the facts and the suggestions queue, and
record whom their stories asked for comment.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ["add", "change", "delete", "view"]
REPORTER = {
    "articles": {"replyrequest": ["add", "change", "delete", "view"], "linksuggestion": ["view"]},
    "people": {
        "partymembership": ["view"],
        "postheld": ["view"],
        "election": ["view"],
        "candidacy": ["view"],
        "claim": ["view"],
    },
}
EDITOR = {
    "articles": {"replyrequest": ACTIONS, "linksuggestion": ["change", "view"]},
    "people": {model: ACTIONS for model in ["postheld", "election", "candidacy", "claim"]},
}


def permissions_for(Permission, wanted):
    return [
        permission
        for app_label, models in wanted.items()
        for model, actions in models.items()
        for permission in Permission.objects.filter(
            content_type__app_label=app_label,
            codename__in=[f"{action}_{model}" for action in actions],
        )
    ]


def grant(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so the groups can use them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in [("Reporter", REPORTER), ("Editor", EDITOR)]:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions_for(Permission, wanted))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in [("Reporter", REPORTER), ("Editor", EDITOR)]:
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*permissions_for(Permission, wanted))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_replies_and_suggestions"),
        ("people", "0005_election_precision_party_not_stated"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
