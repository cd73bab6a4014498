"""manage.py load_reference: create or update what a reference file names, facts and all."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from people.reference import DEFAULT_FILE, ReferenceDataError, load_reference


class Command(BaseCommand):
    help = (
        "Load the reference list of parties, places, people (with their affiliations, posts "
        "and claims) and elections (with their candidacies) from a YAML file. Each fact must "
        "quote its seed story. Nothing is written unless the whole file is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=DEFAULT_FILE,
            help="The reference file (default: fixtures/entities.yaml).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, **options):
        path = options["path"]
        if not path.is_file():
            raise CommandError(f"No such reference file: {path}")
        try:
            with transaction.atomic():
                result = load_reference(path)
                transaction.set_rollback(options["dry_run"])
        except ReferenceDataError as error:
            raise CommandError(f"{path}: {error}") from None
        if options["verbosity"] >= 1:
            prefix = "Dry run, nothing written. " if options["dry_run"] else ""
            self.stdout.write(self.style.SUCCESS(f"{prefix}Reference data: {result}."))
