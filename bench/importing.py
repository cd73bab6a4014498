"""Import timing: `manage.py import_seeds` of N story files into a fresh, empty database.

The per-story figure leaves out the command's fixed cost (starting Python and Django, loading
the reference entities, building the linker), measured as a dry-run import of an empty folder
into the same database, so that the per-story ratio between a small and a large import shows
whether the import slows down as the archive grows, not how start-up amortises.
"""

from dataclasses import dataclass
from pathlib import Path

import project

TARGET_PER_STORY_RATIO = 1.25


@dataclass(frozen=True)
class ImportResult:
    stories: int
    seconds: float  # the whole command, start-up included
    fixed_seconds: float  # a dry-run import of an empty folder
    max_rss_mib: float
    reimport_seconds: float  # the same files again, all unchanged

    @property
    def per_story_ms(self) -> float:
        return max(self.seconds - self.fixed_seconds, 0.0) / self.stories * 1000

    @property
    def stories_per_second(self) -> float:
        return 1000 / self.per_story_ms if self.per_story_ms else 0.0


def time_import(stories: int, folder: Path, *, empty_folder: Path, env: dict) -> ImportResult:
    """Migrate the (empty) database in env, then time importing every file in `folder`."""
    project.manage("migrate", "--no-input", env=env)
    fixed = project.manage(
        "import_seeds", "--path", str(empty_folder), "--dry-run", "--no-progress", env=env
    )
    first = project.manage("import_seeds", "--path", str(folder), "--no-progress", env=env)
    again = project.manage("import_seeds", "--path", str(folder), "--no-progress", env=env)
    return ImportResult(
        stories=stories,
        seconds=first.seconds,
        fixed_seconds=fixed.seconds,
        max_rss_mib=first.max_rss_mib,
        reimport_seconds=again.seconds,
    )


def per_story_ratio(results: list[ImportResult]) -> float | None:
    """Per-story time of the largest import over the smallest: 1.0 means perfectly linear."""
    if len(results) < 2:
        return None
    smallest = min(results, key=lambda result: result.stories)
    largest = max(results, key=lambda result: result.stories)
    if not smallest.per_story_ms:
        return None
    return largest.per_story_ms / smallest.per_story_ms
