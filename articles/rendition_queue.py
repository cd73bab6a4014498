"""Renditions are made in the background: one thread per process, one picture at a time.

Making a big picture's renditions takes seconds and hundreds of megabytes, so
the request that uploads it must not do it, and several uploads at once must not
do it side by side. A saved picture's id is handed here once its transaction
commits (``articles/signals.py``); a daemon thread, started in each process the
first time it is needed, takes ids off a queue and makes the renditions one
picture after another (``articles.renditions.ensure_renditions``). No other
service runs: ``make run`` and gunicorn work as before.

- An id already waiting is not queued twice.
- Each job opens its own database connection and closes it when done.
- When a job changes how pages show the picture (its renditions become ready),
  the page cache's generation ends.
- A process that exits with pictures still queued finishes them first (a
  management command, an import); one killed outright leaves them with
  ``renditions_ready`` false, showing their originals, until
  ``manage.py make_renditions`` runs.
- After a fork the child starts with an empty queue and its own thread.

Tests wait with ``wait_until_idle()``, and hold jobs back with ``held()`` to see
the moment before any is made.
"""

import atexit
import logging
import os
import queue
import threading
from contextlib import contextmanager

from django.db import connections

from . import page_cache
from .models import Picture
from .renditions import RenditionError, ensure_renditions, how_pages_show

logger = logging.getLogger(__name__)


class Worker:
    """This process's queue of picture ids and the thread that works through it."""

    def __init__(self):
        self.jobs: queue.SimpleQueue[int] = queue.SimpleQueue()
        self.waiting: set[int] = set()
        self.unfinished = 0
        self.changed = threading.Condition()
        self.may_run = threading.Event()
        self.may_run.set()
        self.thread = threading.Thread(target=self.run, name="renditions", daemon=True)
        self.thread.start()

    def put(self, pk: int) -> None:
        with self.changed:
            if pk in self.waiting:
                return
            self.waiting.add(pk)
            self.unfinished += 1
        self.jobs.put(pk)

    def run(self) -> None:
        while True:
            pk = self.jobs.get()
            self.may_run.wait()
            with self.changed:
                self.waiting.discard(pk)
            try:
                make_renditions_for(pk)
            except Exception:
                logger.exception("Making the renditions of picture %s failed", pk)
            finally:
                connections.close_all()
                with self.changed:
                    self.unfinished -= 1
                    self.changed.notify_all()

    def wait_until_idle(self, timeout: float | None) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.unfinished == 0, timeout)


_worker: Worker | None = None
_starting = threading.Lock()


def enqueue(pk: int) -> None:
    """Have the picture `pk`'s renditions made in the background, soon."""
    _current_worker().put(pk)


def wait_until_idle(timeout: float | None = None) -> bool:
    """Wait until every queued picture is done; False if `timeout` seconds passed first."""
    worker = _worker
    return worker is None or worker.wait_until_idle(timeout)


def pending() -> int:
    """How many pictures are queued or being worked on in this process."""
    worker = _worker
    return 0 if worker is None else worker.unfinished


@contextmanager
def held():
    """Queue jobs but start none until the block ends."""
    worker = _current_worker()
    worker.may_run.clear()
    try:
        yield
    finally:
        worker.may_run.set()


def make_renditions_for(pk: int) -> None:
    """Make the picture's renditions as it stands now, unless they are there."""
    picture = (
        Picture.objects.filter(pk=pk)
        .only("pk", "file", "width", "height", "renditions_ready")
        .first()
    )
    if picture is None or not picture.file:
        return
    before = how_pages_show(picture)
    try:
        ensure_renditions(picture)
    except RenditionError as error:
        logger.warning("No renditions for picture %s: %s", pk, error)
        return
    if how_pages_show(picture) != before:
        page_cache.content_changed()


def _current_worker() -> Worker:
    global _worker
    with _starting:
        if _worker is None:
            _worker = Worker()
        return _worker


def _forget_parents_worker() -> None:
    global _worker, _starting
    _worker, _starting = None, threading.Lock()


def _finish_before_exit() -> None:
    wait_until_idle()


os.register_at_fork(after_in_child=_forget_parents_worker)
atexit.register(_finish_before_exit)
