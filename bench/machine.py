"""Facts about the machine and software a run was measured on, printed beside its figures.

Figures from different machines only compare through their ratios to the peers; these facts
say when two runs are comparable at all.
"""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import project

PROJECT_VERSIONS = (
    "import json, sqlite3, sys, django, gunicorn; print(json.dumps({"
    "'python': sys.version.split()[0], 'django': django.get_version(), "
    "'sqlite': sqlite3.sqlite_version, 'gunicorn': gunicorn.__version__}))"
)


def project_versions() -> dict[str, str]:
    """Versions as the project's virtualenv sees them (the one serving the pages)."""
    finished = project.run(
        [str(project.PYTHON), "-c", PROJECT_VERSIONS],
        env=dict(os.environ),
        what="reading the project's versions",
    )
    return json.loads(finished.stdout)


def facts(*, versions: dict[str, str], database: str, extra: dict[str, str]) -> dict[str, str]:
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPUs (nproc)": str(len(os.sched_getaffinity(0))),
        "CPU": cpu_model(),
        "memory": memory(),
        "Python": versions["python"],
        "Django": versions["django"],
        "gunicorn": versions["gunicorn"],
        "SQLite": versions["sqlite"],
        "database under test": database,
        **extra,
        "load average at start": load_average(),
    }


def load_average() -> str:
    """Other work on the machine lowers every figure; this says whether there was any."""
    return ", ".join(f"{load:.2f}" for load in os.getloadavg())


def cpu_model() -> str:
    for line in _read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def memory() -> str:
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return "unknown"


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""
