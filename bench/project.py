"""The newsroom's own commands, run the way production runs them: its virtualenv, its manage.py.

Every command gets an environment built here from scratch for the database under test, so
nothing in the caller's shell (a DATABASE_URL, a REDIS_URL, DJANGO_DEBUG) leaks into a figure.
"""

import json
import os
import secrets
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from errors import BenchError

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
GUNICORN = VENV_BIN / "gunicorn"
ARCHIVE_SCRIPT = Path(os.environ.get("BENCH_ARCHIVE_SCRIPT", ROOT / "bench" / "archive.py"))
QUERY_COUNTS_SCRIPT = ROOT / "bench" / "query_counts.py"
SECRET_KEY = secrets.token_urlsafe(50)
# Settings a caller's shell might hold that would change what is measured.
CLEARED_VARIABLES = ("DATABASE_URL", "REDIS_URL")
CLEARED_PREFIXES = ("DJANGO_", "NEWSROOM_")
OUTPUT_TAIL_CHARS = 3000


def check_installed() -> None:
    """Fail early, with the fix, when the project's virtualenv or the archive builder is missing."""
    for needed in (PYTHON, GUNICORN):
        if not needed.exists():
            raise BenchError(f"{needed} is missing: run `make install` first.")
    if not ARCHIVE_SCRIPT.exists():
        raise BenchError(
            f"{ARCHIVE_SCRIPT} is missing: it builds the archives the benchmark serves "
            "(set BENCH_ARCHIVE_SCRIPT to use another script with the same interface)."
        )


def environment(*, database_url: str, media_root: Path) -> dict[str, str]:
    """Production-like settings (no DEBUG, hashed static files) for one database."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in CLEARED_VARIABLES and not name.startswith(CLEARED_PREFIXES)
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_MEDIA_ROOT=str(media_root),
        PYTHONUNBUFFERED="1",
    )
    return env


@dataclass(frozen=True)
class Finished:
    """A command that ran to completion: its output, wall time and peak memory."""

    stdout: str
    seconds: float
    max_rss_mib: float


def run(command: list[str], *, env: dict[str, str], what: str, cwd: Path = ROOT) -> Finished:
    """Run a command to completion; a failure stops the benchmark with the end of its output.

    os.wait4 gives this child's own peak RSS (getrusage(RUSAGE_CHILDREN) would give the
    largest of every child so far).
    """
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr
        )
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            process.wait()
            raise
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        stdout.seek(0)
        stderr.seek(0)
        output = stdout.read().decode(errors="replace")
        if process.returncode != 0:
            tail = (output + stderr.read().decode(errors="replace"))[-OUTPUT_TAIL_CHARS:]
            raise BenchError(f"{what} failed (exit {process.returncode}):\n{tail}")
    return Finished(stdout=output, seconds=seconds, max_rss_mib=usage.ru_maxrss / 1024)


def manage(*arguments: str, env: dict[str, str]) -> Finished:
    return run(
        [str(PYTHON), "manage.py", *arguments], env=env, what=f"manage.py {' '.join(arguments)}"
    )


def build_archive(size: int, *, env: dict[str, str]) -> tuple[dict[str, str], float]:
    """Fill the (empty) database in env with `size` stories; the sample paths and the seconds."""
    finished = run(
        [
            str(PYTHON),
            str(ARCHIVE_SCRIPT),
            "build",
            "--size",
            str(size),
            "--database-url",
            env["DATABASE_URL"],
        ],
        env=env,
        what=f"{ARCHIVE_SCRIPT.name} build --size {size}",
    )
    lines = finished.stdout.strip().splitlines()
    last_line = lines[-1] if lines else ""
    try:
        paths = json.loads(last_line)
    except json.JSONDecodeError:
        paths = None
    if not isinstance(paths, dict) or not paths:
        raise BenchError(
            f"{ARCHIVE_SCRIPT.name} build printed no JSON object of paths as its last line; "
            f"it printed: {last_line!r}"
        )
    return {str(name): str(path) for name, path in paths.items()}, finished.seconds


def write_story_files(count: int, folder: Path, *, env: dict[str, str]) -> None:
    run(
        [str(PYTHON), str(ARCHIVE_SCRIPT), "files", "--count", str(count), "--out", str(folder)],
        env=env,
        what=f"{ARCHIVE_SCRIPT.name} files --count {count}",
    )


def count_queries(paths: dict[str, str], *, env: dict[str, str]) -> dict[str, int | None]:
    """SQL queries per request for each path, counted in-process (the page cache turned off)."""
    finished = run(
        [str(PYTHON), str(QUERY_COUNTS_SCRIPT), *paths.values()],
        env={**env, "NEWSROOM_PAGE_CACHE_SECONDS": "0"},
        what="counting queries",
    )
    by_path = json.loads(finished.stdout.strip().splitlines()[-1])
    return {name: by_path.get(path) for name, path in paths.items()}
