"""A one-line progress count for long commands: "Importing 120/1,000 files (12%)".

The line is redrawn in place with a carriage return, at most every `interval` seconds
(and whenever the count reaches the total), so a fast loop does not spend its time
writing. `write()` puts a message on a line of its own above the count, and `close()`
wipes the count away, so that what a command prints stays readable when it is done.
"""

import time
from collections.abc import Callable
from typing import TextIO


class Progress:
    def __init__(
        self,
        total: int,
        *,
        stream: TextIO,
        label: str,
        unit: str,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.total = total
        self.done = 0
        self.stream = stream
        self.label = label
        self.unit = unit
        self.interval = interval
        self.clock = clock
        self._shown = ""
        self._drawn_at: float | None = None
        self._draw()

    def line(self) -> str:
        """What the count reads now."""
        units = self.unit if self.total == 1 else f"{self.unit}s"
        percent = f" ({self.done * 100 // self.total}%)" if self.total else ""
        return f"{self.label} {self.done:,}/{self.total:,} {units}{percent}"

    def update(self, done: int = 1) -> None:
        """Count `done` more; redraw if the interval has passed or the work is complete."""
        self.done += done
        finished = self.done >= self.total
        if finished or self._drawn_at is None or self.clock() - self._drawn_at >= self.interval:
            self._draw()

    def write(self, message: str, stream: TextIO | None = None) -> None:
        """Print `message` on a line of its own, then draw the count again below it."""
        self._wipe()
        target = stream or self.stream
        target.write(f"{message}\n")
        target.flush()
        self._draw()

    def close(self) -> None:
        """Wipe the count from the terminal."""
        self._wipe()

    def _draw(self) -> None:
        text = self.line()
        # Spaces cover whatever of a longer previous line would otherwise show.
        padding = " " * max(len(self._shown) - len(text), 0)
        self.stream.write(f"\r{text}{padding}")
        self.stream.flush()
        self._shown = text
        self._drawn_at = self.clock()

    def _wipe(self) -> None:
        if self._shown:
            self.stream.write("\r" + " " * len(self._shown) + "\r")
            self.stream.flush()
            self._shown = ""
