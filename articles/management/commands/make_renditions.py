"""manage.py make_renditions: make every stored picture's missing renditions, here and now.

Unlike a save, which leaves them to the background queue, this makes them in
this process, one picture after another, and marks each picture's renditions
ready; pages that changed are dropped from the page cache once, at the end.
"""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from articles import page_cache
from articles.models import Picture
from articles.renditions import Outcome, RenditionError, ensure_renditions, how_pages_show


class Command(BaseCommand):
    help = (
        "Make the responsive copies (several widths, WebP and JPEG) of every picture with a "
        "file that lacks them, e.g. after restoring the media folder. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Remake renditions that are already there."
        )

    def handle(self, *args, **options):
        counts: Counter[Outcome] = Counter()
        pages_changed = False
        pictures = Picture.objects.exclude(file="").only(
            "pk", "file", "width", "height", "renditions_ready"
        )
        for picture in pictures.order_by("pk").iterator():
            before = how_pages_show(picture)
            try:
                outcome = ensure_renditions(picture, force=options["force"])
            except RenditionError as error:
                self.stderr.write(f"FAILED picture {picture.pk}: {error}")
                outcome = Outcome.FAILED
            else:
                if options["verbosity"] >= 2:
                    self.stdout.write(
                        f"{outcome.upper()}: picture {picture.pk} {picture.file.name}"
                    )
            counts[outcome] += 1
            pages_changed = pages_changed or how_pages_show(picture) != before
        if pages_changed:
            page_cache.content_changed()
        summary = ", ".join(f"{counts[outcome]} {outcome}" for outcome in Outcome)
        style = self.style.ERROR if counts[Outcome.FAILED] else self.style.SUCCESS
        self.stdout.write(style(f"Renditions for {counts.total()} picture(s): {summary}."))
        if counts[Outcome.FAILED]:
            raise CommandError(f"{counts[Outcome.FAILED]} picture(s) have no renditions.")
