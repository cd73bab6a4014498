"""manage.py import_seeds: import story files and link them to the entities they mention."""

from collections import Counter
from contextlib import nullcontext
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.importers import find_documents
from articles.importers.batches import Outcome, import_files
from articles.importers.documents import SourceFile
from articles.importers.locking import one_import_at_a_time
from articles.importers.saving import Action
from articles.importers.text import one_line
from articles.linking import EntityLinker
from articles.progress import Progress
from articles.search import settle_index
from people.reference import DEFAULT_FILE as DEFAULT_ENTITIES

DEFAULT_SEEDS = settings.BASE_DIR / "fixtures" / "seeds"
PROGRESS_FROM = 10


class Command(BaseCommand):
    help = (
        "Import articles from YAML front-matter markdown or plain-text copy, seed the "
        "people, parties and places, and link each article to those it mentions."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            nargs="+",
            type=Path,
            default=[DEFAULT_SEEDS],
            help="Files or folders to import (default: fixtures/seeds/).",
        )
        parser.add_argument(
            "--entities",
            type=Path,
            default=DEFAULT_ENTITIES,
            help="Reference file of people, parties and places.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Parse and save every file even if unchanged, overwrite articles edited since "
                "import, and import again stories an editor deleted."
            ),
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress count.")

    def handle(self, *args, **options):
        try:
            files = find_documents(options["path"])
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        self.verbosity = options["verbosity"]
        counts: Counter[str] = Counter()
        # Each file, or batch of new stories, commits on its own; a dry run wraps them all
        # in one transaction that it discards. Another import running waits for this one.
        with (
            one_import_at_a_time(on_wait=self.waiting),
            transaction.atomic() if options["dry_run"] else nullcontext(),
        ):
            self.load_entities(options["entities"])
            linker = EntityLinker.from_database()
            self.start_progress(files, options)
            for outcomes in import_files(files, linker=linker, force=options["force"]):
                for outcome in outcomes:
                    counts[outcome.action] += 1
                    self.tell(outcome)
                self.advance(len(outcomes))
            self.finish_progress()
            if options["dry_run"]:
                transaction.set_rollback(True)
            elif counts[Action.CREATED] or counts[Action.UPDATED]:
                settle_index()
        self.report(counts, dry_run=options["dry_run"])
        if counts[Action.FAILED]:
            raise CommandError(f"{counts[Action.FAILED]} file(s) could not be imported.")

    def load_entities(self, path: Path) -> None:
        """`manage.py load_reference`; its summary is a detail of an import, shown at -v 2."""
        call_command(
            "load_reference",
            path,
            verbosity=self.verbosity if self.verbosity >= 2 else 0,
            stdout=self.stdout,
            stderr=self.stderr,
        )

    def waiting(self) -> None:
        self.stderr.write("Another import is running on this database; waiting for it to finish…")

    def tell(self, outcome: Outcome) -> None:
        """One line for each file that failed, was skipped or has problems; for every file at -v 2.

        Paths and reasons are written as escapes where they hold what a terminal would act on.
        """
        line = (
            f"{outcome.action.upper()} {one_line(str(outcome.path), limit=1000)}: {outcome.detail}"
        )
        if outcome.problems:
            line += f" ({' '.join(outcome.problems)})"
        if outcome.action is Action.FAILED:
            self.say(self.stderr, line)
        elif outcome.action is Action.SKIPPED or outcome.problems:
            self.say(self.stdout, self.style.WARNING(line))
        elif self.verbosity >= 2:
            self.say(self.stdout, line)

    def start_progress(self, files: list[SourceFile], options) -> None:
        self.progress = None
        if options["no_progress"] or self.verbosity < 1 or len(files) < PROGRESS_FROM:
            return
        stream = getattr(self.stderr, "_out", self.stderr)
        self.progress = Progress(len(files), stream=stream, label="Importing", unit="file")

    def advance(self, files: int) -> None:
        if self.progress is not None:
            self.progress.update(files)

    def finish_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()

    def say(self, stream, message: str) -> None:
        """Write a line without tearing the progress count."""
        if self.progress is None:
            stream.write(message)
        else:
            self.progress.write(message, getattr(stream, "_out", stream))

    def report(self, counts: Counter, *, dry_run: bool) -> None:
        summary = ", ".join(f"{counts[action]} {action}" for action in Action)
        prefix = "Dry run, nothing written: would import" if dry_run else "Imported"
        style = self.style.ERROR if counts[Action.FAILED] else self.style.SUCCESS
        self.stdout.write(style(f"{prefix} {sum(counts.values())} file(s): {summary}."))
