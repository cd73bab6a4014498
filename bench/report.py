"""The run's figures as tables: plain text for the terminal, Markdown for bench/RESULTS.md.

Both renderings come from the same `Table` records, so they cannot disagree.
"""

import textwrap
from dataclasses import dataclass, field

import importing
from results import ArchiveRun, RunResults, Timing
from wrk import LoadResult

TARGET_P50_RATIO = 1.3
NOTE_WIDTH = 100
FLOOR = "floor"
WAGTAIL = "Wagtail"


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)
    label_columns: int = 2  # left-aligned; the figures after them are right-aligned


def build_tables(results: RunResults) -> list[Table]:
    tables: list[Table] = []
    if results.peers:
        tables.append(peers_table(results))
    tables += [archive_table(results, archive) for archive in results.archives]
    if len({archive.size for archive in results.archives}) > 1:
        tables.append(growth_table(results))
    if results.imports:
        tables.append(import_table(results))
    return tables


def peers_table(results: RunResults) -> Table:
    return Table(
        title="Peers (same machine, same wrk settings)",
        headers=["peer", "path", "round", "req/s", "p50 ms", "p99 ms", "errors"],
        rows=[
            [timing.name, timing.path, timing.mode, *load_cells(timing), errors_cell(timing)]
            for timing in results.peers
        ],
        notes=["× floor and × Wagtail below divide by the mean of these rounds."],
        label_columns=3,
    )


def archive_table(results: RunResults, archive: ArchiveRun) -> Table:
    floor = results.peer_requests_per_second(FLOOR)
    wagtail = results.peer_requests_per_second(WAGTAIL)
    untimed = [
        Timing(name=name, path=path, mode="", status=None, load=None)
        for name, path in archive.paths.items()
    ]
    rows = []
    for timing in archive.timings or untimed:
        rate = timing.load.requests_per_second if timing.load else None
        queries = archive.queries.get(timing.name) if timing.mode in {"uncached", ""} else None
        rows.append(
            [
                timing.name,
                timing.mode,
                *load_cells(timing),
                ratio_cell(rate, floor),
                ratio_cell(rate, wagtail),
                "" if queries is None else str(queries),
                errors_cell(timing),
            ]
        )
    return Table(
        title=(
            f"Newsroom on {results.database}, archive of {archive.size:,} stories "
            f"(built in {archive.build_seconds:.0f} s)"
        ),
        headers=[
            "page",
            "mode",
            "req/s",
            "p50 ms",
            "p99 ms",
            "× floor",
            "× Wagtail",
            "queries",
            "errors",
        ],
        rows=rows,
        notes=[
            "Paths: " + ", ".join(f"{name} {path}" for name, path in archive.paths.items()),
            "queries: SQL queries per request with the page cache off.",
        ],
    )


def growth_table(results: RunResults) -> Table:
    smallest = min(results.archives, key=lambda archive: archive.size)
    largest = max(results.archives, key=lambda archive: archive.size)
    large_timings = {(timing.name, timing.mode): timing for timing in largest.timings}
    rows = []
    for small in smallest.timings:
        large = large_timings.get((small.name, small.mode))
        if not (small.load and large and large.load):
            continue
        ratio = large.load.p50_ms / small.load.p50_ms
        verdict = "ok" if ratio <= TARGET_P50_RATIO else "over"
        rows.append(
            [
                small.name,
                small.mode,
                milliseconds(small.load.p50_ms),
                milliseconds(large.load.p50_ms),
                f"{ratio:.2f}×",
                verdict,
            ]
        )
    return Table(
        title=(
            f"p50 growth from {smallest.size:,} to {largest.size:,} stories "
            f"(target ≤ {TARGET_P50_RATIO}×)"
        ),
        headers=[
            "page",
            "mode",
            f"p50 @{smallest.size:,}",
            f"p50 @{largest.size:,}",
            "ratio",
            "target",
        ],
        rows=rows,
    )


def import_table(results: RunResults) -> Table:
    rows = [
        [
            f"{result.stories:,}",
            f"{result.seconds:.1f}",
            f"{result.fixed_seconds:.1f}",
            f"{result.stories_per_second:,.0f}",
            f"{result.per_story_ms:.2f}",
            f"{result.max_rss_mib:,.0f}",
            f"{result.reimport_seconds:.1f}",
        ]
        for result in sorted(results.imports, key=lambda result: result.stories)
    ]
    notes = [
        "total: the whole `import_seeds` command into a fresh migrated database; fixed: a "
        "dry-run import of an empty folder (start-up, reference data, linker), left out of "
        "stories/s and ms/story; re-import: the same files again, all unchanged."
    ]
    ratio = importing.per_story_ratio(results.imports)
    if ratio is not None:
        notes.append(
            f"Per-story time, largest over smallest import: {ratio:.2f}× "
            f"(target ≤ {importing.TARGET_PER_STORY_RATIO}×)."
        )
    return Table(
        title=f"Import on {results.database}",
        headers=[
            "stories",
            "total s",
            "fixed s",
            "stories/s",
            "ms/story",
            "max RSS MiB",
            "re-import s",
        ],
        rows=rows,
        notes=notes,
        label_columns=0,
    )


def load_cells(timing: Timing) -> list[str]:
    load: LoadResult | None = timing.load
    if load is None:
        reason = "not timed" if timing.status is None else f"HTTP {timing.status}, skipped"
        return [reason, "", ""]
    return [
        f"{load.requests_per_second:,.1f}",
        milliseconds(load.p50_ms),
        milliseconds(load.p99_ms),
    ]


def errors_cell(timing: Timing) -> str:
    if timing.load is None:
        return ""
    parts = []
    if timing.load.bad_status:
        parts.append(f"{timing.load.bad_status} non-2xx/3xx")
    if timing.load.socket_errors:
        parts.append(f"{timing.load.socket_errors} socket")
    return ", ".join(parts)


def ratio_cell(value: float | None, reference: float | None) -> str:
    if not value or not reference:
        return ""
    ratio = value / reference
    return f"{ratio:.3f}" if ratio < 0.1 else f"{ratio:.2f}"


def milliseconds(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def render_text(tables: list[Table], results: RunResults) -> str:
    lines = [f"{name}: {value}" for name, value in results.facts.items()]
    if results.http_skipped:
        lines.append(f"HTTP figures skipped: {results.http_skipped}")
    for table in tables:
        widths = [
            max(len(cell) for cell in column)
            for column in zip(table.headers, *table.rows, strict=True)
        ]
        lines += ["", table.title, "-" * len(table.title)]
        for row in [table.headers, *table.rows]:
            cells = [
                cell.ljust(width) if index < table.label_columns else cell.rjust(width)
                for index, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            lines.append("  ".join(cells).rstrip())
        for note in table.notes:
            lines += textwrap.wrap(
                note,
                NOTE_WIDTH,
                initial_indent="  ",
                subsequent_indent="    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
    lines += ["", *[f"FAILED: {failure}" for failure in results.failures]]
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(tables: list[Table], results: RunResults, *, command: str) -> str:
    lines = [f"## Benchmark, {results.facts.get('date', '')}", "", f"`{command}`", ""]
    lines += [f"- {name}: {value}" for name, value in results.facts.items() if name != "date"]
    if results.http_skipped:
        lines.append(f"- HTTP figures skipped: {results.http_skipped}")
    for table in tables:
        lines += ["", f"### {table.title}", "", markdown_row(table.headers)]
        lines.append(
            markdown_row(
                [
                    "---" if index < table.label_columns else "---:"
                    for index in range(len(table.headers))
                ]
            )
        )
        lines += [markdown_row(row) for row in table.rows]
        for note in table.notes:
            lines += ["", note]
    if results.failures:
        lines += ["", "### Failures", "", *[f"- {failure}" for failure in results.failures]]
    return "\n".join(lines) + "\n"


def markdown_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"
