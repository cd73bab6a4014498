"""Gunicorn instances: start one on a free port, wait until it answers, always stop it.

Each server runs in its own process group, so stopping it also stops its workers, and a
Ctrl-C or an error in the benchmark never leaves one behind (`serving` stops it in `finally`).
"""

import os
import signal
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import probes
from errors import BenchError

WORKERS = 2
START_TIMEOUT = 60  # seconds
STOP_TIMEOUT = 15  # seconds before a server that ignores SIGTERM is killed
LOG_TAIL_LINES = 30


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_command(gunicorn: Path, app: str, *, chdir: Path | None = None) -> list[str]:
    """Sync workers and no access log, the same for the newsroom and the peers."""
    command = [str(gunicorn), app, "--workers", str(WORKERS)]
    if chdir is not None:
        command += ["--chdir", str(chdir)]
    return command


@contextmanager
def serving(
    command: list[str], *, cwd: Path, env: dict[str, str], log: Path, ready_path: str = "/"
) -> Iterator[str]:
    """Run `command` bound to a free local port; yield its base URL once it answers."""
    base_url = f"http://127.0.0.1:{free_port()}"
    with log.open("ab") as log_file:
        process = subprocess.Popen(
            [*command, "--bind", base_url.removeprefix("http://")],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        answering = probes.wait_until_answering(
            base_url + ready_path,
            timeout=START_TIMEOUT,
            still_running=lambda: process.poll() is None,
        )
        if not answering:
            raise BenchError(
                f"{' '.join(command)} did not start answering on {base_url} "
                f"within {START_TIMEOUT} s. The end of its log ({log}):\n{log_tail(log)}"
            )
        yield base_url
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """Stop the server and its workers: SIGTERM to the group, SIGKILL if it lingers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=STOP_TIMEOUT)
            return
        except subprocess.TimeoutExpired:
            continue


def log_tail(log: Path) -> str:
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    return "\n".join(lines[-LOG_TAIL_LINES:])
