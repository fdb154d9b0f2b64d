#!/usr/bin/env python3
"""Print how fast entity detection runs on its own, and what the first analyze() costs.

    python tools/entity_speed.py                 # the seed article, repeated
    python tools/entity_speed.py FILE ...        # plain-text articles of one's own

Throughput is words per second of this process's CPU time (best of three passes), so that other
work on a shared machine does not blur it; the first figure is wall-clock time and peak memory
of ``import newsml`` plus one ``analyze()`` in a fresh interpreter, gazetteers included.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_CALL = """
import resource, sys, time
started = time.perf_counter()
import newsml
newsml.analyze(open(sys.argv[1], encoding="utf-8").read())
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"import newsml + first analyze(): {elapsed:.2f} s, peak RSS {peak:.0f} MB")
"""


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])]
    if not paths:
        paths = [ROOT / "seeds" / "000_94b1d46a95d8ed66.txt"]
    subprocess.run([sys.executable, "-c", FIRST_CALL, str(paths[0])], cwd=ROOT, check=True)
    sys.path.insert(0, str(ROOT))
    from newsml.detect.entities import find_entities

    texts = [p.read_text(encoding="utf-8") for p in paths]
    if len(texts) == 1:
        texts = texts * 50
    words = sum(len(text.split()) for text in texts)
    find_entities(texts[0])  # tables loaded outside the timing
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for text in texts:
            find_entities(text)
        best = min(best, time.process_time() - started)
    print(f"entity detection alone: {words:,} words, {words / best:,.0f} words/s (CPU time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
