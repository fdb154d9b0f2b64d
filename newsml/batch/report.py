"""The JSON Lines report of a batch: one line per input, saying exactly what became of it.

Each line is an object with these fields:

``input``
    the input as named in messages: ``news/a.txt``, ``old.zip:2019/a.txt``, ``feed.jsonl:12``
``output``
    the file, relative to the output folder, holding the item (the item itself, or the
    newsMessage it went out in); null when nothing was written
``guid``, ``version``
    the item's identity (null for errors)
``status``
    ``ok`` (written now), ``skipped`` (unchanged since an earlier run) or ``error``
``reason``
    one line saying why, for ``skipped`` and ``error``; null otherwise
``diagnostics``
    the article's diagnostics: objects with ``level``, ``code``, ``message``
``quotes``, ``entities``
    how many quotes and entities were found

Lines follow the order of the inputs, except that in ``--message-size`` mode the lines of the
articles of one message are written when the message is.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Mapping
from typing import IO, Any, Self

from newsml.batch.faults import reporting
from newsml.batch.work import Outcome

__all__ = ["ReportWriter", "report_line"]


def report_line(outcome: Outcome, output: str | None) -> dict[str, Any]:
    """The report's object for one outcome; ``output`` is where its item went, if anywhere."""
    return {
        "input": outcome.origin,
        "output": output,
        "guid": outcome.guid,
        "version": outcome.version,
        "status": outcome.status,
        "reason": outcome.reason,
        "diagnostics": [dict(d) for d in outcome.diagnostics],
        "quotes": outcome.quotes,
        "entities": outcome.entities,
    }


def _open_text(path: str) -> IO[str]:
    return open(path, "w", encoding="utf-8")


class ReportWriter:
    """Writes report lines to a file (``-`` is standard output), or nowhere for None."""

    def __init__(self, target: str | None) -> None:
        self._stream: IO[str] | None
        self._owned = False
        self.name = "standard output" if target == "-" else str(target)
        if target is None:
            self._stream = None
        elif target == "-":
            self._stream = sys.stdout
        else:
            self._stream = reporting(target, (OSError,), lambda: _open_text(target))
            self._owned = True

    def write(self, line: Mapping[str, Any]) -> None:
        stream = self._stream
        if stream is not None:
            text = json.dumps(line, ensure_ascii=False) + "\n"
            reporting(self.name, (OSError,), lambda: stream.write(text))

    def flush(self) -> None:
        stream = self._stream
        if stream is not None:
            reporting(self.name, (OSError,), stream.flush)

    def close(self) -> None:
        """Flush and close; a failing flush still closes the file, then raises WriteError."""
        stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            reporting(self.name, (OSError,), stream.flush)
        finally:
            if self._owned:
                with contextlib.suppress(OSError):
                    stream.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
