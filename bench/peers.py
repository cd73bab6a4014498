"""The two reference sites measured beside the newsroom in every run (../shared/peers/README.md).

- floor: a bare Django view rendering one seed story, the fastest a Django page of that size
  can be;
- Wagtail: a stock Wagtail 7.4 news site of 1,003 articles, timed on one article page.

They need a virtualenv of their own and a writable copy of the Wagtail site (shared/ may be
read-only), both kept outside the project (/tmp/newsroom-peers by default) and made on first
use only: installing takes a minute and seeding the Wagtail database about 20 s. The copy is
made again, and reseeded, when the shared source changes.
"""

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import project
from errors import BenchError

PACKAGES = ("django>=5.2,<5.3", "gunicorn", "wagtail>=7.4,<7.5")
DEFAULT_SOURCE = project.ROOT.parent / "shared" / "peers"
DEFAULT_WORKPLACE = Path("/tmp/newsroom-peers")
SEEDED_MARKER = ".bench-seeded-from"  # holds the fingerprint of the source it was seeded from
NOT_SOURCE = {"db.sqlite3", "__pycache__", "static", SEEDED_MARKER}


@dataclass(frozen=True)
class Peer:
    name: str
    app: str  # the WSGI application, relative to `folder`
    folder: Path
    path: str  # the page timed


@dataclass(frozen=True)
class PeerSites:
    python: Path
    gunicorn: Path
    env: dict[str, str]
    floor: Peer
    wagtail: Peer


def prepare(source: Path, workplace: Path) -> PeerSites:
    """Both peers ready to serve: virtualenv installed, Wagtail copy seeded (reusing both)."""
    if not (source / "floor").is_dir() or not (source / "wagtail_peer").is_dir():
        raise BenchError(
            f"The peer sites are not in {source}: set BENCH_PEERS_SOURCE to the shared/peers "
            "folder, or pass --no-peers."
        )
    workplace.mkdir(parents=True, exist_ok=True)
    python = ensure_virtualenv(workplace / "venv")
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"}
    # The peers find the seed stories beside themselves unless told; the copy is elsewhere.
    env["SEEDS_DIR"] = str(source.parent / "seeds")
    wagtail_folder = ensure_seeded_copy(
        source / "wagtail_peer", workplace / "wagtail_peer", python=python, env=env
    )
    return PeerSites(
        python=python,
        gunicorn=python.with_name("gunicorn"),
        env=env,
        floor=Peer("floor", "floor.wsgi:application", source / "floor", "/page"),
        wagtail=Peer(
            "Wagtail",
            "peer.wsgi:application",
            wagtail_folder,
            "/is-this-the-end-of-rushanara-ali-the-rise-of-the/",
        ),
    )


def ensure_virtualenv(folder: Path) -> Path:
    python = folder / "bin" / "python"
    if not python.exists():
        print(f"peers: creating a virtualenv in {folder} (once)")
        project.run([sys.executable, "-m", "venv", str(folder)], env=dict(os.environ), what="venv")
    has_packages = subprocess.run(
        [str(python), "-c", "import django, gunicorn, wagtail"], capture_output=True, check=False
    )
    if has_packages.returncode != 0:
        print(f"peers: installing {', '.join(PACKAGES)} (once)")
        project.run(
            [str(python), "-m", "pip", "install", "--quiet", *PACKAGES],
            env=dict(os.environ),
            what="installing the peers' packages",
        )
    return python


def ensure_seeded_copy(source: Path, copy: Path, *, python: Path, env: dict[str, str]) -> Path:
    fingerprint = source_fingerprint(source)
    marker = copy / SEEDED_MARKER
    if marker.exists() and marker.read_text() == fingerprint:
        return copy
    print(f"peers: copying {source} to {copy} and seeding its database (about 20 s, once)")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    make_writable(copy)
    project.run([str(python), "seed.py"], env=env, cwd=copy, what="seeding the Wagtail peer")
    marker.write_text(fingerprint)
    return copy


def source_fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not NOT_SOURCE.intersection(path.relative_to(folder).parts):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def make_writable(folder: Path) -> None:
    """A copy of a read-only tree is read-only too; seeding writes into it."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


def versions(sites: PeerSites) -> str:
    finished = project.run(
        [
            str(sites.python),
            "-c",
            "import django, wagtail; print(f'Django {django.get_version()}, "
            "Wagtail {wagtail.__version__}')",
        ],
        env=sites.env,
        what="reading the peers' versions",
    )
    return finished.stdout.strip()
