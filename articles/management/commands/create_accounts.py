"""manage.py create_accounts: the first login, made once, on a database with no users."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "editor"


class Command(BaseCommand):
    help = "Create an 'editor' superuser with a random password if there are no users yet."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, url, **options):
        User = get_user_model()
        if User.objects.exists():
            self.stdout.write(
                f"Admin: {url} — log in with your existing account "
                f"(forgotten it? manage.py changepassword {USERNAME})."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(USERNAME, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {url}\n  username: {USERNAME}\n  password: {password}\n"
                "  (shown once; change it with manage.py changepassword)"
            )
        )
