#!/usr/bin/env python3
"""Digests of newsml's outputs over every dev text, to show that a speed-up changed nothing.

For the PolNeAR and CoNLL-2003 dev texts (read through their loaders in ``../shared/eval``) it
prints one SHA-256 digest for each of: the articles ``analyze`` returns (their ``repr``, which
holds every span, quote, source and entity), the NewsML-G2 items ``to_newsml`` writes (a fixed
``versionCreated``), the validation reports of those items, and the items and report lines
that ``newsml.batch.work.process`` (the command line's path) gives for the texts as a batch.
Run it before and after a change, from the checkout's root, and compare the lines.

    python benchmarks/outputs.py
    python benchmarks/outputs.py --entities-apart   # also the articles without their entities

``--entities-apart`` adds digests of the articles with their entities left out (and of quotes,
sources, structure separately), so that a change of the entity stage by someone else can be
told from a change of the rest.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MOMENT = _dt.datetime(2026, 1, 1, tzinfo=_dt.UTC)


def dev_texts(shared: Path) -> list[str]:
    sys.path.insert(0, str(shared / "eval"))
    import load_conll2003
    import load_polnear

    return [doc["text"] for doc in load_polnear.iter_attributions("dev")] + [
        text for text, _ in load_conll2003.iter_documents("dev")
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--entities-apart", action="store_true")
    arguments = parser.parse_args()
    sys.path.insert(0, os.getcwd())
    import attrs

    import newsml
    from newsml.batch.work import Job, Task, process
    from newsml.options import Options
    from newsml.render.newsml import to_newsml

    texts = dev_texts(arguments.shared)
    options = Options(version_created=MOMENT)
    digests = {name: hashlib.sha256() for name in ("analyze", "items", "reports", "batch")}
    apart = {name: hashlib.sha256() for name in ("structure", "quotes", "sources", "entities")}
    job = Job(version_created=MOMENT, schema_dir=os.environ.get("NEWSML_SCHEMA_DIR"))
    for number, text in enumerate(texts):
        article = newsml.analyze(text)
        digests["analyze"].update(repr(article).encode())
        item = to_newsml(article, options)
        digests["items"].update(item)
        report = newsml.validate(item)
        digests["reports"].update(f"{report.valid} {report.schema} {report}\n".encode())
        task = Task(number, f"dev-{number}.txt", f"dev-{number}.xml", "text", text.encode())
        outcome = process(task, job)
        digests["batch"].update(repr(attrs.evolve(outcome, item=None)).encode())
        digests["batch"].update(outcome.item or b"")
        if arguments.entities_apart:
            apart["structure"].update(
                repr(attrs.evolve(article, quotes=(), sources=(), entities=())).encode()
            )
            apart["quotes"].update(repr(article.quotes).encode())
            apart["sources"].update(repr(article.sources).encode())
            apart["entities"].update(repr(article.entities).encode())
    print(f"{len(texts)} dev texts")
    for name, digest in digests.items():
        print(f"  {name:<10} {digest.hexdigest()}")
    if arguments.entities_apart:
        for name, digest in apart.items():
            print(f"  {name:<10} {digest.hexdigest()}")


if __name__ == "__main__":
    main()
