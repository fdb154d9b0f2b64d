"""CPU time for the tests that check work stays linear in the input."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def best_cpu_seconds(function: Callable[..., Any], *arguments: Any, runs: int = 2) -> float:
    """The CPU seconds of ``function(*arguments)``, the best of ``runs``: other work on a busy
    machine then moves the figure little (wall-clock time moved it several fold)."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        function(*arguments)
        best = min(best, time.process_time() - started)
    return best
