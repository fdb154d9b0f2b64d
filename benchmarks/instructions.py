#!/usr/bin/env python3
"""Instructions per word of each stage, counted by valgrind's callgrind: a figure that does not
drift with the machine's load (timings here move by up to a factor of two over minutes).

Each stage runs in a fresh process under callgrind twice: once up to the point where the texts
(and, for write and validate, the articles and items they take) are ready, once with the stage
run over every text as well. The difference is the stage's work. Slow (callgrind runs Python
about fifty times slower): a few minutes a stage on the dev texts.

    python benchmarks/instructions.py                   # analyze, write, validate, whole job
    python benchmarks/instructions.py analyze whole     # some of them
    python benchmarks/instructions.py text entities quotes   # analyze's parts, apart
    python benchmarks/instructions.py tokens parse checks    # finer parts (see PARTS)
    python benchmarks/instructions.py --base ../old     # the same, for another checkout too

Compare two checkouts (say, main before and after a change) with the same command: the ratio of
their counts is the speed-up, whatever else runs on the machine.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("analyze", "write", "validate", "whole")
#: Parts counted apart on request: analyze's text stage and each detector in its order; inside
#: quotes, the tokens (tokenize over the paragraphs that may hold a cue or hold a quotation,
#: the relevance test included); inside validate, parsing with the schema (parse_valid: the
#: bytes read and validated in one pass) and the checks beyond the schema on the parsed trees.
PARTS = ("text", "entities", "quotes", "tokens", "parse", "checks")
_COLLECTED = re.compile(r"Collected : (\d+)")


def _texts(shared: Path) -> list[str]:
    sys.path.insert(0, str(shared / "eval"))
    import load_conll2003
    import load_polnear

    return [doc["text"] for doc in load_polnear.iter_attributions("dev")] + [
        text for text, _ in load_conll2003.iter_documents("dev")
    ]


def inner(stage: str, part: str, shared: Path) -> None:
    """What runs under callgrind: prepare, then (for part 'run') the stage over every text."""
    sys.path.insert(0, os.getcwd())
    import newsml
    from newsml.detect import DETECTORS
    from newsml.model import Metadata
    from newsml.options import Options
    from newsml.render.newsml import to_newsml
    from newsml.text import segment

    if stage in ("parse", "checks"):  # validate's parts, as validate() runs them
        from newsml.validate import _PARSED_CHECKS, run_checks
        from newsml.validate.parse import parse_valid
    if stage == "tokens":  # the quote stage's tokens, as detect_quotes makes them
        from functools import partial

        from newsml.detect.cues import may_attribute
        from newsml.detect.marks import find_quotations
        from newsml.detect.tokens import tokenize
        from newsml.model import Span

    options = Options(version_created=_dt.datetime(2026, 1, 1, tzinfo=_dt.UTC))
    seed = (ROOT / "seeds" / "000_94b1d46a95d8ed66.txt").read_text(encoding="utf-8")
    newsml.validate(to_newsml(newsml.analyze(seed), options))  # tables loaded, patterns compiled
    texts = _texts(shared)
    written = ("write", "validate", "parse", "checks")
    articles = [newsml.analyze(text) for text in texts] if stage in written else []
    items = [to_newsml(article, options) for article in articles] if stage in written[1:] else []
    schema = _schema() if stage in ("parse", "checks") else None
    trees = [parse_valid(item, schema) for item in items] if stage == "checks" else []
    quoted = []
    if stage == "tokens":
        for text in texts:
            article = segment(text, Metadata())
            paragraphs = article.paragraphs or ((Span(0, len(text)),) if text.strip() else ())
            quoted.append((text, paragraphs, find_quotations(text, paragraphs)))
    detectors = dict(DETECTORS.enabled())
    segmented = [segment(text, Metadata()) for text in texts] if stage in detectors else []
    for name, detector in DETECTORS.enabled():  # the input of the detector counted
        if name == stage:
            break
        segmented = [detector(article) for article in segmented]
    if part != "run":
        return
    if stage == "text":
        for text in texts:
            segment(text, Metadata())
    elif stage in detectors:
        for article in segmented:
            detectors[stage](article)
    elif stage == "analyze":
        for text in texts:
            newsml.analyze(text)
    elif stage == "write":
        for article in articles:
            to_newsml(article, options)
    elif stage == "validate":
        for item in items:
            newsml.validate(item)
    elif stage == "tokens":
        for text, paragraphs, quotations in quoted:
            tokenize(text, paragraphs, quotations, partial(may_attribute, text))
    elif stage == "parse":
        for item in items:
            parse_valid(item, schema)
    elif stage == "checks":
        for tree, item in zip(trees, items):
            run_checks(tree.getroot(), _PARSED_CHECKS, source=item)
    else:
        for text in texts:
            newsml.validate(to_newsml(newsml.analyze(text), options))


def _schema():  # type: ignore[no-untyped-def]
    """The schema validate() would use (official when at hand, else the profile)."""
    from newsml.validate.schemas import locate, official_schema, profile_schema

    location = locate(None, None)
    return official_schema(location.folder) if location.kind == "official" else profile_schema()


def count(checkout: Path, stage: str, part: str, shared: Path) -> int:
    with tempfile.TemporaryDirectory() as folder:
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={folder}/out",
            sys.executable,
            str(Path(__file__).resolve()),
            "--inner",
            stage,
            part,
            "--shared",
            str(shared),
        ]
        environment = dict(os.environ, PYTHONHASHSEED="0")
        result = subprocess.run(
            command, cwd=checkout, env=environment, capture_output=True, text=True, check=False
        )
    found = _COLLECTED.search(result.stderr)
    if result.returncode != 0 or found is None:
        raise SystemExit(f"{checkout}: callgrind run failed:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stages", nargs="*", help=f"of {', '.join(STAGES)} (default: all)")
    parser.add_argument("--base", type=Path, help="another checkout to count as well")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--inner", nargs=2, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.inner:
        inner(*arguments.inner, arguments.shared)
        return
    unknown = set(arguments.stages) - set(STAGES) - set(PARTS)
    if unknown:
        parser.error(
            f"unknown stage(s): {', '.join(sorted(unknown))}; choose from {STAGES + PARTS}"
        )
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: this script counts with its callgrind tool")
    words = sum(len(text.split()) for text in _texts(arguments.shared))
    checkouts = [ROOT] + ([arguments.base.resolve()] if arguments.base else [])
    print(f"dev texts (PolNeAR + CoNLL-2003): {words:,} words; instructions per word")
    for stage in arguments.stages or STAGES:
        row = []
        for checkout in checkouts:
            ready = count(checkout, stage, "setup", arguments.shared)
            done = count(checkout, stage, "run", arguments.shared)
            row.append((done - ready) / words)
        line = f"  {stage:<9} {row[0]:>10,.0f}"
        if len(row) > 1:
            line += f"   base {row[1]:>10,.0f}   ({row[1] / row[0]:.2f}x fewer here)"
        print(line, flush=True)


if __name__ == "__main__":
    main()
