"""manage.py make_renditions: make every stored picture's missing renditions."""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from articles.models import Picture
from articles.renditions import Outcome, RenditionError, ensure_renditions


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
        pictures = Picture.objects.exclude(file="").only("pk", "file", "width", "height")
        for picture in pictures.order_by("pk").iterator():
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
        summary = ", ".join(f"{counts[outcome]} {outcome}" for outcome in Outcome)
        style = self.style.ERROR if counts[Outcome.FAILED] else self.style.SUCCESS
        self.stdout.write(style(f"Renditions for {counts.total()} picture(s): {summary}."))
        if counts[Outcome.FAILED]:
            raise CommandError(f"{counts[Outcome.FAILED]} picture(s) have no renditions.")
