"""A progress line for a batch on a terminal: done (of total, when known), rate, ETA, failures.

:func:`progress_for` gives a rich progress bar when rich is installed, else a plain one-line
display redrawn with carriage returns, and nothing at all when standard error is not a terminal
(a log file or a pipe gets no progress noise).
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any, Protocol

__all__ = ["Progress", "progress_for"]


class Progress(Protocol):
    """What the batch runner tells a progress display."""

    def set_total(self, total: int) -> None: ...

    def advance(self, status: str) -> None: ...

    def close(self) -> None: ...


class _Silent:
    def set_total(self, total: int) -> None:
        pass

    def advance(self, status: str) -> None:
        pass

    def close(self) -> None:
        pass


class _Counts:
    def __init__(self) -> None:
        self.done = 0
        self.failed = 0
        self.skipped = 0
        self.total: int | None = None
        self.started = time.monotonic()

    def count(self, status: str) -> None:
        self.done += 1
        if status == "error":
            self.failed += 1
        elif status == "skipped":
            self.skipped += 1

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class _Line:
    """One line on a terminal, redrawn at most ten times a second."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._counts = _Counts()
        self._drawn = 0.0

    def set_total(self, total: int) -> None:
        self._counts.total = total

    def advance(self, status: str) -> None:
        self._counts.count(status)
        now = time.monotonic()
        if now - self._drawn >= 0.1:
            self._drawn = now
            self._draw()

    def _draw(self) -> None:
        counts = self._counts
        rate = counts.rate()
        done = f"{counts.done}/{counts.total}" if counts.total else str(counts.done)
        eta = ""
        if counts.total and rate > 0:
            eta = f"  ETA {_duration((counts.total - counts.done) / rate)}"
        self._stream.write(
            f"\r\x1b[Knewsml: {done} articles  {rate:,.0f}/s{eta}  "
            f"{counts.failed} failed  {counts.skipped} skipped"
        )
        self._stream.flush()

    def close(self) -> None:
        self._draw()
        self._stream.write("\n")
        self._stream.flush()


class _Rich:
    def __init__(self, stream: IO[str]) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.progress import (
            Progress as RichProgress,
        )

        self._counts = _Counts()
        self._bar = RichProgress(
            TextColumn("newsml"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}/s"),
            TimeRemainingColumn(),
            TextColumn("[red]{task.fields[failed]} failed"),
            console=Console(file=stream),
            transient=False,
        )
        self._task: Any = self._bar.add_task("convert", total=None, rate="0", failed=0)
        self._bar.start()

    def set_total(self, total: int) -> None:
        self._bar.update(self._task, total=total)

    def advance(self, status: str) -> None:
        self._counts.count(status)
        self._bar.update(
            self._task, advance=1, rate=f"{self._counts.rate():,.0f}", failed=self._counts.failed
        )

    def close(self) -> None:
        self._bar.stop()


def progress_for(stream: IO[str] | None = None, *, enabled: bool = True) -> Progress:
    """The best progress display ``stream`` (standard error by default) can show."""
    stream = stream if stream is not None else sys.stderr
    if not enabled or not stream.isatty():
        return _Silent()
    try:
        return _Rich(stream)
    except ImportError:
        return _Line(stream)
