"""What one benchmark run measured, as plain records the report reads."""

from dataclasses import dataclass, field

from importing import ImportResult
from wrk import LoadResult


@dataclass(frozen=True)
class Timing:
    """One page under one configuration: its status, and wrk's figures when it answered 200."""

    name: str  # a key of the archive's sample paths, or a peer's name
    path: str
    mode: str  # "uncached", "cached", "redis"; for a peer, the round ("before", "after")
    status: int | None  # None when it was not requested (no wrk on this machine)
    load: LoadResult | None


@dataclass
class ArchiveRun:
    size: int
    build_seconds: float
    paths: dict[str, str]
    queries: dict[str, int | None]  # per request, page cache off; None when not a 200
    timings: list[Timing] = field(default_factory=list)


@dataclass
class RunResults:
    database: str  # e.g. "SQLite 3.40.1"
    facts: dict[str, str] = field(default_factory=dict)
    archives: list[ArchiveRun] = field(default_factory=list)
    peers: list[Timing] = field(default_factory=list)
    imports: list[ImportResult] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    http_skipped: str | None = None  # why there are no HTTP figures, when there are none

    def peer_requests_per_second(self, name: str) -> float | None:
        """The mean over the rounds in which the peer was measured, the ratios' denominator."""
        figures = [
            timing.load.requests_per_second
            for timing in self.peers
            if timing.name == name and timing.load
        ]
        return sum(figures) / len(figures) if figures else None
