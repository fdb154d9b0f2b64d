#!/usr/bin/env python3
"""Learn the weights of newsml's name reader (newsml/detect/names.py) from WikiGold's training
split, and write them to newsml/detect/data/entity_weights.tsv.

    python tools/train_entities.py [--eval ../shared/eval] [--epochs 12]

WikiGold (Balasuriya, Ringland, Nothman, Murphy and Curran 2009, "Named entity recognition in
Wikipedia", CC BY 4.0) is read through the loader beside the scorers in ../shared/eval; only its
``wikigold-train`` split (the first 95 articles) is learned from. Nothing is learned from
CoNLL-2003 or PolNeAR: those are for measuring.

The learner is an averaged structured perceptron over the reader's own decoding: each run of
capitalised words is cut into labelled segments; where the cutting differs from the annotation,
the annotation's features gain and the reading's lose. Both readings are learned, the first
without and the second with the article's evidence (what the first reading found elsewhere).
The result is deterministic: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import importlib
import random
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from newsml.detect import names

OUT = HERE.parent / "newsml" / "detect" / "data" / "entity_weights.tsv"
TYPES = {"PER": names.PER, "ORG": names.ORG, "LOC": names.LOC, "MISC": names.MISC}

HEADER = """\
# Weights of the evidence for names (newsml/detect/names.py): feature, then one weight per kind
# (PER ORG LOC MISC O). Learned by tools/train_entities.py (an averaged structured perceptron)
# from the training split of WikiGold (the first 95 articles; Balasuriya, Ringland, Nothman,
# Murphy and Curran 2009, "Named entity recognition in Wikipedia"), licensed CC BY 4.0:
# https://creativecommons.org/licenses/by/4.0/ . Nothing here comes from CoNLL-2003 or PolNeAR.
# Do not edit: rebuild with the script; hand-set weights go in lexicons/entity_priors.tsv.
"""


class Learner:
    """An averaged perceptron: weights, their running sums, and when each last changed."""

    def __init__(self) -> None:
        self.current: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(names.LABELS))
        self.total: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(names.LABELS))
        self.stamp: dict[str, int] = defaultdict(int)
        self.time = 0
        self.model = names.Weights({})
        self.model.table = self.current  # type: ignore[assignment]

    def update(self, feature: str, label: int, delta: float) -> None:
        elapsed = self.time - self.stamp[feature]
        if elapsed:
            current, total = self.current[feature], self.total[feature]
            for index in range(len(current)):
                total[index] += elapsed * current[index]
            self.stamp[feature] = self.time
        self.current[feature][label] += delta

    def averaged(self) -> dict[str, list[float]]:
        out = {}
        for feature, current in self.current.items():
            total = self.total[feature]
            elapsed = self.time - self.stamp[feature]
            out[feature] = [
                (total[index] + elapsed * current[index]) / max(self.time, 1)
                for index in range(len(current))
            ]
        return out


def gold_cutting(run, gold):
    """The annotation's cutting of ``run``: {(first, last): label}, or None when an annotated
    name does not fall on the run's tokens."""
    starts = {token[0]: index for index, token in enumerate(run)}
    ends = {token[1]: index + 1 for index, token in enumerate(run)}
    run_start, run_end = run[0][0], run[-1][1]
    cutting = {}
    for start, end, kind in gold:
        if end <= run_start or start >= run_end:
            continue
        if start not in starts or end not in ends:
            return None
        first, last = starts[start], ends[end]
        if last - first > names.LONGEST:
            return None
        cutting[(first, last)] = TYPES[kind]
    covered = {index for first, last in cutting for index in range(first, last)}
    for index, token in enumerate(run):
        if index not in covered:
            cutting[(index, index + 1)] = names.O
    return cutting


def learn_run(learner, document, run, caps, cutting):
    predicted = names.decode(document, run, caps, learner.model)
    found = {(s.first, s.last): s.label for s in predicted}
    if found != cutting:
        for segments, delta in ((cutting, 1.0), (found, -1.0)):
            previous = "^"
            for (first, last), label in sorted(segments.items()):
                learner.update("tr:" + previous, label, delta)
                previous = names.LABELS[label]
                for feature in names.candidate_features(document, run, first, last, caps):
                    if feature in learner.allowed:
                        learner.update(feature, label, delta)
    return predicted


def priors():
    """The hand-set weights (lexicons/entity_priors.tsv): part of every reading while learning,
    never learned themselves, so the learned weights are those that complete them."""
    path = HERE.parent / "newsml" / "detect" / "lexicons" / "entity_priors.tsv"
    return names.Weights.parse(path.read_text(encoding="utf-8").splitlines())


def train(documents, arguments, seed):
    """One averaged perceptron, the documents read in an order drawn from ``seed``."""
    learner = Learner()
    fixed = priors()
    for feature, vector in fixed.items():
        learner.current[feature] = list(vector)
    counts: dict[str, int] = defaultdict(int)
    for text, runs in documents:
        document = names.Document(text)
        for run, cutting in runs:
            caps = names.is_caps(document, run)
            for first, last in cutting:
                for feature in names.candidate_features(document, run, first, last, caps):
                    counts[feature] += 1
    learner.allowed = {feature for feature, count in counts.items() if count >= arguments.min_count}
    learner.allowed.update(
        f"doc.{kind}:{label}"
        for kind in ("same", "same2", "end", "start", "acronym")
        for label in names.LABELS
    )
    learner.allowed.difference_update(fixed)
    order = random.Random(seed)
    documents = list(documents)
    for epoch in range(arguments.epochs):
        errors = 0
        order.shuffle(documents)
        for text, runs in documents:
            document = names.Document(text)
            caps = [names.is_caps(document, run) for run, _ in runs]
            first = []
            for (run, cutting), cap in zip(runs, caps):
                learner.time += 1
                predicted = learn_run(learner, document, run, cap, cutting)
                errors += {(s.first, s.last): s.label for s in predicted} != cutting
                if not cap:  # as names.read_names: capitals say little of kinds
                    first.append((run, predicted))
            document.evidence = names.article_evidence(document, first)
            for (run, cutting), cap in zip(runs, caps):
                learner.time += 1
                learn_run(learner, document, run, cap, cutting)
        print(f"seed {seed}, epoch {epoch + 1}: {errors} runs read wrong", file=sys.stderr)
    return {
        feature: vector for feature, vector in learner.averaged().items() if feature not in fixed
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", default=str(HERE.parent.parent / "shared" / "eval"))
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--min-count", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2009)
    parser.add_argument("--runs", type=int, default=20, help="perceptrons averaged (orders)")
    arguments = parser.parse_args(argv)
    sys.path.insert(0, arguments.eval)
    loader = importlib.import_module("load_conll2003")
    documents = []
    for text, gold in loader.iter_documents("wikigold-train"):
        gold = [(s, e, t) for s, e, t, _ in gold]
        runs = []
        skipped = 0
        for run in names.runs(text):
            cutting = gold_cutting(run, gold)
            if cutting is None:
                skipped += 1
                continue
            runs.append((run, cutting))
        documents.append((text, runs))
    tables = [
        train(documents, arguments, seed)
        for seed in range(arguments.seed, arguments.seed + arguments.runs)
    ]
    table = {}
    for one in tables:
        for feature, vector in one.items():
            into = table.setdefault(feature, [0.0] * len(names.LABELS))
            for index, value in enumerate(vector):
                into[index] += value / len(tables)
    with open(arguments.out, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for feature in sorted(table):
            vector = table[feature]
            if max(abs(value) for value in vector) < 0.005:
                continue
            out.write(feature + "\t" + "\t".join(f"{value:.3f}" for value in vector) + "\n")
    print(f"wrote {arguments.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
