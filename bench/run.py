"""Benchmark the newsroom's public pages under gunicorn, beside two peer sites, and its import.

Prints figures and asserts nothing. Exits 1 when a page answered other than 200 (it is then
left out) or answered errors under load, and 2 when something the benchmark needs cannot run.

    make bench                                                  # the defaults below
    .venv/bin/python bench/run.py --sizes 200,1000 --import-sizes 200,1000 --duration 3
    .venv/bin/python bench/run.py --sizes 1000,10000,100000 --markdown /tmp/bench.md

For each archive size it builds a scratch database with bench/archive.py, counts each sample
page's SQL queries, then serves the archive with gunicorn (2 workers) and times every sample
path with wrk (-t2 -c8), first with the page cache off, then with the default settings (and
with Redis, when asked). The peers (a bare Django view, "floor", and a stock Wagtail site)
are timed before and after with the same settings. Then it times `import_seeds` of generated
story files into a fresh database.

Options [environment variable]:
  --sizes LIST         archive sizes in stories, comma-separated [BENCH_SIZES]; default
                       1000,10000 (100000 works, and takes a while)
  --import-sizes LIST  how many story files to import [BENCH_IMPORT_SIZES]; default: the sizes
                       up to 10,000; "none" skips the import timing
  --duration SECONDS   wrk's run per URL and configuration [BENCH_DURATION]; default 10
  --database-url URL   a PostgreSQL server on which to create (and drop) one scratch database
                       per archive and import [BENCH_DATABASE_URL], e.g.
                       postgres://postgres@127.0.0.1:5432/postgres; default SQLite files
  --redis-url URL      also time the cached configuration with REDIS_URL=URL; that Redis
                       database is flushed before each run [BENCH_REDIS_URL]
  --redis              the same with redis://127.0.0.1:6379/15
  --markdown FILE      also write the results as Markdown (for bench/RESULTS.md)
  --no-peers           leave out the peers (and the × floor / × Wagtail ratios)
  --peers-dir DIR      the peers' virtualenv and Wagtail copy, made once and reused
                       [BENCH_PEERS_DIR]; default /tmp/newsroom-peers
  --peers-source DIR   the shared peers folder [BENCH_PEERS_SOURCE]; default ../shared/peers
  --keep               keep the temporary folder and scratch databases, and say where

BENCH_ARCHIVE_SCRIPT names a script to use instead of bench/archive.py (same interface:
`build --size N --database-url URL`, `files --count N --out DIR`).
"""

import argparse
import os
import shlex
import shutil
import signal
import sys
import tempfile
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

import databases
import importing
import machine
import peers
import probes
import project
import report
import servers
import wrk
from errors import BenchError
from results import ArchiveRun, RunResults, Timing

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
LARGEST_DEFAULT_IMPORT = 10_000
BUSY_LOAD = 0.5  # a 1-minute load average above this means something else is running


@dataclass(frozen=True)
class CacheMode:
    """One configuration the archive is served in; each gets a freshly started gunicorn."""

    name: str
    settings: dict[str, str] = field(default_factory=dict)
    redis_url: str | None = None


@dataclass
class Bench:
    """One run: its options, its temporary folder, the tools found, and what it measured."""

    options: argparse.Namespace
    folder: Path
    results: RunResults
    wrk: str | None = None
    peer_sites: peers.PeerSites | None = None

    def scratch_database(self, name: str) -> AbstractContextManager[str]:
        return databases.scratch_database(
            name, server_url=self.options.database_url, folder=self.folder, keep=self.options.keep
        )

    def modes(self) -> list[CacheMode]:
        modes = [CacheMode("uncached", {"NEWSROOM_PAGE_CACHE_SECONDS": "0"}), CacheMode("cached")]
        if self.options.redis_url:
            url = self.options.redis_url
            modes.append(CacheMode("cached-redis", {"REDIS_URL": url}, redis_url=url))
        return modes


def main(argv: list[str] | None = None) -> int:
    options = parse_options(argv)
    sys.stdout.reconfigure(line_buffering=True)
    # Ctrl-C (even when a parent shell ignored it) and a plain `kill` both unwind the run,
    # so its servers are stopped and its scratch data removed.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        results = benchmark(options)
    except BenchError as error:
        print(f"\nbench: cannot run: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nbench: interrupted", file=sys.stderr)
        return 130
    tables = report.build_tables(results)
    print("\n" + report.render_text(tables, results))
    if options.markdown:
        command = shlex.join(["bench/run.py", *(sys.argv[1:] if argv is None else argv)])
        try:
            options.markdown.write_text(report.render_markdown(tables, results, command=command))
        except OSError as error:
            print(f"bench: cannot write the Markdown: {error}", file=sys.stderr)
            return 2
        print(f"Markdown written to {options.markdown}")
    if results.failures:
        print(f"bench: {len(results.failures)} failure(s), listed above", file=sys.stderr)
        return 1
    return 0


def parse_options(argv: list[str] | None) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    # String defaults go through `type` like the command line's values.
    parser.add_argument("--sizes", type=sizes, default=env("BENCH_SIZES", "1000,10000"))
    parser.add_argument("--import-sizes", type=sizes, default=env("BENCH_IMPORT_SIZES"))
    parser.add_argument("--duration", type=int, default=env("BENCH_DURATION", "10"))
    parser.add_argument("--database-url", default=env("BENCH_DATABASE_URL") or None)
    parser.add_argument("--redis-url", default=env("BENCH_REDIS_URL") or None)
    parser.add_argument("--redis", action="store_true")
    parser.add_argument("--markdown", type=Path)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument(
        "--peers-dir", type=Path, default=Path(env("BENCH_PEERS_DIR", peers.DEFAULT_WORKPLACE))
    )
    parser.add_argument(
        "--peers-source", type=Path, default=Path(env("BENCH_PEERS_SOURCE", peers.DEFAULT_SOURCE))
    )
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args(argv)
    if options.import_sizes is None:
        options.import_sizes = [size for size in options.sizes if size <= LARGEST_DEFAULT_IMPORT]
    if options.redis and not options.redis_url:
        options.redis_url = DEFAULT_REDIS_URL
    if options.duration < 1:
        parser.error("--duration must be at least 1 second")
    return options


def sizes(text: str) -> list[int]:
    """'1000,10000' -> [1000, 10000]; 'none' -> []."""
    if text.strip().lower() in {"", "none", "0"}:
        return []
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text}") from None
    if any(value < 1 for value in values):
        raise argparse.ArgumentTypeError(f"sizes must be positive: {text}")
    return sorted(set(values))


def benchmark(options: argparse.Namespace) -> RunResults:
    project.check_installed()
    folder = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    try:
        bench = Bench(options=options, folder=folder, results=RunResults(database=""))
        prepare(bench)
        if bench.peer_sites:
            bench.results.peers += time_peers(bench, "before")
        for size in options.sizes:
            time_archive(bench, size)
        if bench.peer_sites:
            bench.results.peers += time_peers(bench, "after")
        for count in options.import_sizes:
            time_import(bench, count)
        bench.results.facts["load average at end"] = machine.load_average()
        return bench.results
    finally:
        if options.keep:
            print(f"kept the run's files in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def prepare(bench: Bench) -> None:
    """Find the tools, set up the peers, collect static files, and note the machine's facts."""
    options, results = bench.options, bench.results
    versions = machine.project_versions()
    if options.database_url and databases.is_postgres(options.database_url):
        version = databases.postgres_version(options.database_url).split()[0]
        results.database = f"PostgreSQL {version}"
    elif options.database_url:
        raise BenchError(f"BENCH_DATABASE_URL must be a PostgreSQL URL: {options.database_url}")
    else:
        results.database = f"SQLite {versions['sqlite']}"
    if options.redis_url:
        databases.flush_redis(options.redis_url)  # fails early when Redis is not there
    extra: dict[str, str] = {}
    bench.wrk = wrk.find_wrk()
    if bench.wrk is None:
        results.http_skipped = "wrk is not installed and cannot be installed here"
        print(f"bench: {results.http_skipped}: skipping the HTTP measurements")
    else:
        extra["wrk"] = f"{wrk.wrk_version(bench.wrk)}, -t{wrk.THREADS} -c{wrk.CONNECTIONS} "
        extra["wrk"] += f"-d{options.duration}s; gunicorn {servers.WORKERS} sync workers"
        if not options.no_peers:
            bench.peer_sites = peers.prepare(options.peers_source, options.peers_dir)
            extra["peers"] = peers.versions(bench.peer_sites)
        # Production settings serve hashed static files, which need the manifest.
        project.manage("collectstatic", "--no-input", env=newsroom_env(bench, "static"))
    results.facts = machine.facts(versions=versions, database=results.database, extra=extra)
    if os.getloadavg()[0] > BUSY_LOAD:
        print(
            f"bench: the machine is busy (load average {machine.load_average()}): "
            "expect lower, noisier figures"
        )


def newsroom_env(
    bench: Bench, name: str, database_url: str = "sqlite://:memory:"
) -> dict[str, str]:
    return project.environment(database_url=database_url, media_root=bench.folder / f"media-{name}")


def time_peers(bench: Bench, round_name: str) -> list[Timing]:
    sites = bench.peer_sites
    timings = []
    for peer in (sites.floor, sites.wagtail):
        command = servers.gunicorn_command(sites.gunicorn, peer.app, chdir=peer.folder)
        log = bench.folder / f"gunicorn-{peer.name}.log"
        with servers.serving(
            command, cwd=peer.folder, env=sites.env, log=log, ready_path=peer.path
        ) as base_url:
            timings += time_pages(
                bench, base_url, {peer.name: peer.path}, mode=round_name, context="peer"
            )
    return timings


def time_archive(bench: Bench, size: int) -> None:
    print(f"\n[{size:,} stories] building the archive")
    with bench.scratch_database(f"archive_{size}") as database_url:
        env = newsroom_env(bench, f"archive-{size}", database_url)
        paths, build_seconds = project.build_archive(size, env=env)
        queries = project.count_queries(paths, env=env)
        archive = ArchiveRun(size, build_seconds, paths, queries)
        bench.results.archives.append(archive)
        print(f"  built in {build_seconds:.1f} s; {len(paths)} sample paths")
        if bench.wrk is None:
            return
        command = servers.gunicorn_command(project.GUNICORN, "newsroom.wsgi")
        log = bench.folder / f"gunicorn-newsroom-{size}.log"
        for mode in bench.modes():
            if mode.redis_url:
                databases.flush_redis(mode.redis_url)
            with servers.serving(
                command, cwd=project.ROOT, env={**env, **mode.settings}, log=log
            ) as base_url:
                archive.timings += time_pages(
                    bench, base_url, paths, mode=mode.name, context=f"{size:,} stories"
                )


def time_pages(
    bench: Bench, base_url: str, paths: dict[str, str], *, mode: str, context: str
) -> list[Timing]:
    """Check every path answers 200, then warm and time each one that does."""
    statuses = {name: status_of(base_url + path) for name, path in paths.items()}
    timings = []
    for name, path in paths.items():
        status = statuses[name]
        load = None
        if status != 200:
            answer = f"answered HTTP {status}" if status else "gave no HTTP answer"
            bench.results.failures.append(f"{context}, {mode}: {path} {answer}")
        else:
            probes.warm(base_url + path)
            load = wrk.measure(bench.wrk, base_url + path, duration=bench.options.duration)
            if load.bad_status:
                bench.results.failures.append(
                    f"{context}, {mode}: {path} answered {load.bad_status} non-2xx/3xx "
                    "responses under load"
                )
        timing = Timing(name=name, path=path, mode=mode, status=status, load=load)
        print(f"  {mode:<12} {name:<18} {progress_figures(timing)}")
        timings.append(timing)
    return timings


def status_of(url: str) -> int:
    """The page's status; 0 when the server gave no HTTP answer at all."""
    try:
        return probes.status_of(url)
    except OSError:
        return 0


def progress_figures(timing: Timing) -> str:
    if timing.load is None:
        return f"HTTP {timing.status}, skipped"
    load = timing.load
    return (
        f"{load.requests_per_second:9,.1f} req/s  "
        f"p50 {load.p50_ms:7.2f} ms  p99 {load.p99_ms:7.2f} ms"
    )


def time_import(bench: Bench, count: int) -> None:
    print(f"\n[import of {count:,} story files]")
    empty_folder = bench.folder / "empty"
    empty_folder.mkdir(exist_ok=True)
    files = bench.folder / f"stories-{count}"
    with bench.scratch_database(f"import_{count}") as database_url:
        env = newsroom_env(bench, f"import-{count}", database_url)
        project.write_story_files(count, files, env=env)
        result = importing.time_import(count, files, empty_folder=empty_folder, env=env)
    bench.results.imports.append(result)
    print(f"  {result.seconds:.1f} s, {result.per_story_ms:.2f} ms per story")


if __name__ == "__main__":
    sys.exit(main())
