#!/usr/bin/env python3
"""newsml's throughput and memory, printed (never asserted): a script, not a test.

Part 1, the stages: articles/s, MB/s and words/s for analyze, write and validate separately and
for the whole job (analyze + write + validate), on the seed article and on the PolNeAR and
CoNLL-2003 dev texts in ``../shared/eval`` (read through their own loaders).

Part 2, the batch (issue 5): a JSON Lines archive of ``--articles`` articles (at least 10,000 by
default) built from the dev texts, converted by ``newsml convert`` with ``--jobs 1`` and
``--jobs 2``: articles/s and the peak memory of the whole process tree; then the same for
``--large`` articles (100,000 by default) to show that peak memory does not grow with the
archive.

    python benchmarks/bench.py                       # everything
    python benchmarks/bench.py --skip-batch          # the stages only
    python benchmarks/bench.py --articles 2000 --large 20000   # scaled down

The targets it checks: the whole job at least 190,000 words/s a core; 2 jobs at least 1.9 times
one job's rate (issue 12); the same peak memory for the small and the large archive. The whole
job against spaCy's small model on the same texts is ``benchmarks/versus_spacy.py``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as _dt
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "000_94b1d46a95d8ed66.txt"
WORDS_PER_CORE_TARGET = 190_000
SPEED_UP_TARGET = 1.9
MOMENT = "2024-05-01T12:00:00+00:00"


# -- the machine -------------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{model}, {cores} cores usable (load average {load}); Python "
        f"{platform.python_version()} on {platform.system()} {platform.release()}"
    )


# -- the corpora -------------------------------------------------------------------------------


def find_shared(option: str | None) -> Path | None:
    for candidate in (
        option,
        os.environ.get("NEWSML_SHARED"),
        ROOT.parent / "shared",
        ROOT.parent.parent / "shared",
    ):
        if candidate and (Path(candidate) / "eval").is_dir():
            return Path(candidate)
    return None


def corpora(shared: Path | None) -> dict[str, list[str]]:
    texts = {"seed": [SEED.read_text(encoding="utf-8")]}
    if shared is None:
        return texts
    sys.path.insert(0, str(shared / "eval"))
    import load_conll2003
    import load_polnear

    texts["PolNeAR dev"] = [doc["text"] for doc in load_polnear.iter_attributions("dev")]
    texts["CoNLL dev"] = [text for text, _ in load_conll2003.iter_documents("dev")]
    return texts


# -- part 1: the stages ------------------------------------------------------------------------


class Rate:
    def __init__(self, articles: int, characters: int, data: int, words: int, seconds: float):
        self.articles, self.data, self.words, self.seconds = articles, data, words, seconds
        self.characters = characters

    def row(self, name: str) -> str:
        s = self.seconds or 1e-9
        return (
            f"  {name:<10} {self.articles / s:>10,.0f} articles/s {self.data / s / 1e6:>8.2f} "
            f"MB/s {self.words / s:>12,.0f} words/s"
        )


def timed(
    function: Callable[[Any], Any], inputs: Sequence[Any], minimum: float
) -> tuple[float, float, list[Any]]:
    """Passes over ``inputs`` for at least ``minimum`` s (and at least three): the seconds of
    the fastest pass and of the average one, and the results.

    The fastest pass is the figure (as ``timeit`` advises): on a shared machine other work only
    ever slows a pass down, and this machine's speed drifts by up to a factor of two over
    minutes. Every pass after the first runs with the caches the first one filled (names
    looked up, patterns compiled), as in a long batch run.
    """
    results: list[Any] = []
    passes: list[float] = []
    started = time.perf_counter()
    while True:
        begun = time.perf_counter()
        results = [function(value) for value in inputs]
        passes.append(time.perf_counter() - begun)
        if len(passes) >= 3 and time.perf_counter() - started >= minimum:
            return min(passes), sum(passes) / len(passes), results


def stages(texts: dict[str, list[str]], schema_dir: str | None, minimum: float) -> float | None:
    """Print the stage table; return the whole job's words/s on the dev texts (None if n/a)."""
    import newsml
    from newsml.options import Options

    try:
        from newsml.render.newsml import to_newsml
    except ImportError as error:
        to_newsml = None
        print(f"  (write and the whole job not measured: {error})")
    try:
        from newsml.validate import validate
    except ImportError:
        validate = None
    if validate is None or not callable(validate):
        validate = None
        print("  (validate not measured: newsml.validate has no validate yet)")
    moment = _dt.datetime.fromisoformat(MOMENT)
    options = Options(version_created=moment, schema_dir=schema_dir)
    whole_words = whole_seconds = 0.0
    for name, group in texts.items():
        data = sum(len(t.encode("utf-8")) for t in group)
        words = sum(len(t.split()) for t in group)
        characters = sum(len(t) for t in group)
        print(f"{name}: {len(group)} articles, {words:,} words, {data / 1e6:.2f} MB")
        seconds, _, articles = timed(newsml.analyze, group, minimum)
        print(Rate(len(group), characters, data, words, seconds).row("analyze"))
        if to_newsml is None:
            continue
        seconds, _, items = timed(lambda article: to_newsml(article, options), articles, minimum)
        print(Rate(len(group), characters, data, words, seconds).row("write"))
        total = 0.0
        if validate is not None:
            seconds, _, reports = timed(
                lambda item: validate(item, schema_dir=schema_dir, name="bench"), items, minimum
            )
            invalid = sum(1 for report in reports if not report.valid)
            schema = reports[0].schema if reports else "?"
            print(
                Rate(len(group), characters, data, words, seconds).row("validate")
                + f"   ({schema} schema; {invalid} invalid)"
            )

            def whole(text: str) -> Any:
                item = to_newsml(newsml.analyze(text), options)
                return validate(item, schema_dir=schema_dir, name="bench")

            total, mean, _ = timed(whole, group, minimum)
            print(
                Rate(len(group), characters, data, words, total).row("whole job")
                + f"   (average pass: {words / mean:,.0f} words/s)"
            )
            if name != "seed":
                whole_words += words
                whole_seconds += total
    return whole_words / whole_seconds if whole_seconds else None


# -- part 2: the batch -------------------------------------------------------------------------


def build_archive(path: Path, texts: list[str], count: int) -> int:
    """A JSON Lines archive of ``count`` articles cycling through ``texts``; its words."""
    words = 0
    with open(path, "w", encoding="utf-8") as stream:
        for number in range(count):
            text = texts[number % len(texts)]
            words += len(text.split())
            stream.write(json.dumps({"id": f"bench-{number:07d}", "text": text}) + "\n")
    return words


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _tree_rss(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in bytes."""
    tree = _children()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(tree.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (not its children)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclasses.dataclass
class Run:
    """One ``newsml convert`` run, as measured from outside."""

    seconds: float
    peak: int  # bytes of resident memory of the whole process tree, at its highest
    coordinator: float  # CPU seconds of the main process alone
    cpu: float  # CPU seconds of the main process and its workers

    def row(self, jobs: int, articles: int, words: int) -> str:
        return (
            f"  --jobs {jobs}: {self.seconds:7.1f} s {articles / self.seconds:>9,.0f} articles/s "
            f"{words / self.seconds:>11,.0f} words/s  peak memory {self.peak / 2**20:5.0f} MiB  "
            f"cores used {self.cpu / self.seconds:.2f} (main process {self.coordinator:.1f} s)"
        )


def convert(
    command: list[str], archive: Path, outdir: Path, jobs: int, schema_dir: str | None
) -> Run:
    """Run ``newsml convert`` on ``archive`` and measure it."""
    arguments = [
        *command, "convert", str(archive), "-o", str(outdir), "--jobs", str(jobs),
        "--no-progress", "--version-created", MOMENT,
        "--report", str(outdir.with_suffix(".report.jsonl")),
    ]  # fmt: skip
    if schema_dir:
        arguments += ["--schema-dir", schema_dir]
    errors = outdir.with_suffix(".stderr")
    started = time.perf_counter()
    with open(errors, "wb") as stderr:
        process = subprocess.Popen(arguments, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr)
    peak = 0
    coordinator = 0.0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _tree_rss(process.pid))
        coordinator = max(coordinator, _cpu_seconds(process.pid))
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode:
        first = errors.read_text(errors="replace").splitlines()[:3]
        print(f"    exit status {process.returncode}; first errors: {' | '.join(first)}")
    return Run(seconds, peak, coordinator, usage.ru_utime + usage.ru_stime)


def batch(
    command: list[str],
    texts: list[str],
    articles: int,
    large: int,
    schema_dir: str | None,
    keep: bool,
) -> None:
    with tempfile.TemporaryDirectory(prefix="newsml-bench-") as folder:
        work = Path(folder)
        archive = work / "archive.jsonl"
        words = build_archive(archive, texts, articles)
        size = archive.stat().st_size
        print(
            f"archive: {articles:,} articles built from the dev texts, {words:,} words, "
            f"{size / 1e6:.1f} MB of JSON Lines"
        )
        rates = {}
        peak = 0
        for jobs in (1, 2):
            run = convert(command, archive, work / f"out-{jobs}", jobs, schema_dir)
            rates[jobs] = articles / run.seconds
            peak = run.peak
            print(run.row(jobs, articles, words))
        identical = _same_tree(work / "out-1", work / "out-2")
        speed_up = rates[2] / rates[1]
        print(
            f"  2 jobs / 1 job: {speed_up:.2f}x (target >= {SPEED_UP_TARGET}x: "
            f"{'met' if speed_up >= SPEED_UP_TARGET else 'NOT met'}); outputs "
            f"{'byte-identical' if identical else 'DIFFER'}"
        )
        if large:
            small_peak = peak  # the --jobs 2 run's
            archive.unlink()
            build_archive(archive, texts, large)
            big_peak = convert(command, archive, work / "large", 2, schema_dir).peak
            print(
                f"  peak memory, --jobs 2: {articles:,} articles {small_peak / 2**20:.0f} MiB,"
                f" {large:,} articles {big_peak / 2**20:.0f} MiB "
                f"(ratio {big_peak / max(small_peak, 1):.2f})"
            )
        if keep:
            input(f"outputs kept in {work}; press Enter to delete them")


def _same_tree(first: Path, second: Path) -> bool:
    def files(root: Path) -> Iterator[tuple[str, bytes]]:
        for path in sorted(root.rglob("*.xml")):
            if ".newsml" not in path.relative_to(root).parts:
                yield str(path.relative_to(root)), path.read_bytes()

    return list(files(first)) == list(files(second))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", help="the shared folder holding eval/ (default: ../shared)")
    parser.add_argument(
        "--schema-dir",
        default=os.environ.get("NEWSML_SCHEMA_DIR"),
        help="IPTC's official schemas (default: $NEWSML_SCHEMA_DIR)",
    )
    parser.add_argument(
        "--seconds",
        type=float,
        default=2.0,
        help="time each stage for at least this long (default: 2)",
    )
    parser.add_argument(
        "--articles",
        type=int,
        default=10_000,
        help="articles in the batch archive (default: 10,000)",
    )
    parser.add_argument(
        "--large",
        type=int,
        default=100_000,
        help="articles in the large archive for the memory check (0: skip)",
    )
    parser.add_argument("--skip-stages", action="store_true")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument(
        "--newsml",
        default=f"{shlex.quote(sys.executable)} -m newsml.cli",
        help="the command that runs newsml (default: this Python -m newsml.cli)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the batch outputs to look at")
    arguments = parser.parse_args(argv)

    print(f"machine: {machine()}")
    shared = find_shared(arguments.shared)
    if shared is None:
        print("shared corpora not found (--shared): the seed only")
    texts = corpora(shared)
    if not arguments.skip_stages:
        print("\n== stages (one process, one core) ==")
        per_core = stages(texts, arguments.schema_dir, arguments.seconds)
        if per_core is not None:
            print(
                f"whole job on the dev texts: {per_core:,.0f} words/s a core (target >= "
                f"{WORDS_PER_CORE_TARGET:,}: {'met' if per_core >= WORDS_PER_CORE_TARGET else 'NOT met'})"
            )
    if not arguments.skip_batch:
        print("\n== batch (newsml convert, JSON Lines archive) ==")
        dev = [t for name, group in texts.items() if name != "seed" for t in group] or texts["seed"]
        batch(
            shlex.split(arguments.newsml),
            dev,
            arguments.articles,
            arguments.large,
            arguments.schema_dir,
            arguments.keep,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
