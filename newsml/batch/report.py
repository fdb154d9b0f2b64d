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

import json
import sys
from collections.abc import Mapping
from typing import IO, Any, Self

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


class ReportWriter:
    """Writes report lines to a file (``-`` is standard output), or nowhere for None."""

    def __init__(self, target: str | None) -> None:
        self._stream: IO[str] | None
        self._owned = False
        if target is None:
            self._stream = None
        elif target == "-":
            self._stream = sys.stdout
        else:
            self._stream = open(target, "w", encoding="utf-8")  # noqa: SIM115 (closed by close)
            self._owned = True

    def write(self, line: Mapping[str, Any]) -> None:
        if self._stream is not None:
            self._stream.write(json.dumps(line, ensure_ascii=False) + "\n")

    def flush(self) -> None:
        if self._stream is not None:
            self._stream.flush()

    def close(self) -> None:
        if self._stream is not None:
            self._stream.flush()
            if self._owned:
                self._stream.close()
            self._stream = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
