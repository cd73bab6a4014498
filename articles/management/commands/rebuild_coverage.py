"""manage.py rebuild_coverage: rebuild the listings' index of what each story is about."""

from django.core.management.base import BaseCommand

from articles import coverage


class Command(BaseCommand):
    help = (
        "Rebuild the coverage index (which published stories are about which tags, people, "
        "parties and places) from the stories themselves. Saves keep it up to date; run "
        "this after changing stories, links or tags with raw SQL or bulk loads."
    )

    def handle(self, *args, **options):
        stories = coverage.rebuild_all()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the coverage of {stories} story(ies)."))
