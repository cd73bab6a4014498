"""manage.py create_accounts: the first logins, made once, on a database with no users.

One account per role so a new newsroom can try the workflow straight away: a
superuser, an Editor and a Reporter (the groups come from migration 0004).
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

# username -> (group, superuser?)
ACCOUNTS = {
    "admin": (None, True),
    "editor": ("Editor", False),
    "reporter": ("Reporter", False),
}


class Command(BaseCommand):
    help = "Create admin, editor and reporter accounts with random passwords if there are no users."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, url, **options):
        User = get_user_model()
        if User.objects.exists():
            self.stdout.write(
                f"Admin: {url} — log in with your existing account "
                "(forgotten it? manage.py changepassword USERNAME)."
            )
            return
        lines = [f"Admin: {url}  (passwords shown once; change them with changepassword)"]
        for username, (group_name, is_superuser) in ACCOUNTS.items():
            password = secrets.token_urlsafe(12)
            if is_superuser:
                User.objects.create_superuser(username, email="", password=password)
            else:
                user = User.objects.create_user(username, password=password, is_staff=True)
                user.groups.add(Group.objects.get(name=group_name))
            role = "superuser" if is_superuser else group_name
            lines.append(f"  {role:<10} username: {username:<9} password: {password}")
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
