"""wrk, the load generator: find (or install) it, drive one URL, read its figures.

Every page, the newsroom's and the peers', is driven with the same settings so the figures
can be divided by one another. The timeout is raised from wrk's 2 s so that a slow page on a
large archive is timed rather than dropped as a socket error.
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from errors import BenchError

THREADS = 2
CONNECTIONS = 8
TIMEOUT = "30s"
SUMMARY_SCRIPT = Path(__file__).with_name("wrk_summary.lua")
SUMMARY_MARKER = "WRK_SUMMARY "


@dataclass(frozen=True)
class LoadResult:
    """What one wrk run measured."""

    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    bad_status: int  # responses that were neither 2xx nor 3xx
    socket_errors: int  # connect, read, write errors and timeouts


def find_wrk() -> str | None:
    """The wrk executable, installed with apt-get when missing and allowed; None if absent."""
    found = shutil.which("wrk")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    print("wrk is missing: installing it with apt-get")
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    if subprocess.run(install, check=False, **quiet).returncode != 0:
        # A fresh machine may have no package lists yet.
        subprocess.run(["apt-get", "update", "-q"], check=False, **quiet)
        subprocess.run(install, check=False, **quiet)
    return shutil.which("wrk")


def wrk_version(wrk: str) -> str:
    """wrk's version line ("wrk 4.1.0 [epoll] ..."), which it prints with any usage message."""
    output = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)
    first_line = (output.stdout or output.stderr).splitlines()[:1]
    return first_line[0].split(" Copyright")[0] if first_line else "unknown"


def measure(wrk: str, url: str, *, duration: int) -> LoadResult:
    """Drive one URL for `duration` seconds with the benchmark's fixed threads and connections."""
    command = [
        wrk,
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{duration}s",
        f"--timeout={TIMEOUT}",
        "--latency",
        "-s",
        str(SUMMARY_SCRIPT),
        url,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise BenchError(f"wrk failed on {url}: {completed.stderr.strip() or completed.stdout}")
    return parse_summary(completed.stdout, url=url)


def parse_summary(output: str, *, url: str) -> LoadResult:
    """Read the JSON line the summary script prints at the end of wrk's output."""
    lines = [line for line in output.splitlines() if line.startswith(SUMMARY_MARKER)]
    if not lines:
        raise BenchError(f"wrk printed no summary for {url}:\n{output}")
    summary = json.loads(lines[-1].removeprefix(SUMMARY_MARKER))
    seconds = summary["duration_us"] / 1_000_000
    return LoadResult(
        requests=int(summary["requests"]),
        requests_per_second=summary["requests"] / seconds if seconds else 0.0,
        p50_ms=summary["p50_us"] / 1000,
        p99_ms=summary["p99_us"] / 1000,
        bad_status=int(summary["status"]),
        socket_errors=int(sum(summary[kind] for kind in ("connect", "read", "write", "timeout"))),
    )
