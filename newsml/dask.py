"""Batch conversion beyond one machine: a Dask bag over the inputs (extra ``newsml[dask]``).

:func:`convert_bag` plans the inputs into partitions on the driver (file names and sizes only;
large JSON Lines files are cut into byte ranges at line ends), and maps
:func:`convert_partition` over them. Each partition runs the same per-article function as
``newsml convert`` (:func:`newsml.batch.work.process`), writes the same items to the same paths
in the output folder, and keeps its own ledger and report part in ``OUTDIR/.newsml/parts/``.
When the bag is computed, the driver merges the partition ledgers into the folder's ledger and
joins the report parts, in input order, into the report. The items and the report are the same
as a ``newsml convert`` run over the same inputs writes.

Resumption: the folder's ledger is copied into a read-only snapshot that every partition
consults, so a rerun skips what is done. If the driver dies, partition ledgers stay behind and
the next run merges them before it plans anything, so work done by partitions that finished (or
by the finished part of those that were killed) is kept. The output folder must be a file system
every worker sees (NFS, Lustre, a mounted bucket with rename); the ledger files are plain SQLite
files without WAL, safe there because each has one writer. newsMessages (``--message-size``)
are a single-machine feature.

Runs on Dask's local scheduler as on a cluster::

    from distributed import Client
    client = Client("tcp://scheduler:8786")          # from then on the default scheduler
    summary = newsml.dask.convert_bag(["/data/archive"], "/data/out")
"""

from __future__ import annotations

import datetime as _dt
import itertools
import json
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from newsml.batch.inputs import Selection, Unit, input_kind, iter_units, jsonl_blocks, unit_tasks
from newsml.batch.ledger import STATE_DIR, Entry, Ledger, merge_ledgers
from newsml.batch.report import ReportWriter
from newsml.batch.run import Summary, run_partition
from newsml.batch.work import Job, Task

__all__ = ["PARTS_DIR", "convert_bag", "convert_partition", "plan"]

#: Sub-folder of ``OUTDIR/.newsml`` holding partition ledgers, report parts and the snapshot.
PARTS_DIR = "parts"

#: Bytes of input a partition gets, roughly (a few thousand articles).
PARTITION_BYTES = 8 * 1024 * 1024

_SNAPSHOT = "snapshot.sqlite"


def plan(
    inputs: Iterable[str],
    selection: Selection | None = None,
    *,
    partition_bytes: int = PARTITION_BYTES,
) -> Iterator[list[Unit | Task]]:
    """Partitions of the inputs, in input order, each about ``partition_bytes`` of input."""
    partition: list[Unit | Task] = []
    size = 0
    for unit in iter_units(inputs, selection or Selection()):
        if isinstance(unit, Unit) and unit.path == "-":
            raise ValueError("standard input cannot be spread over a cluster")
        pieces: Iterable[Unit | Task] = [unit]
        weight = 0
        if isinstance(unit, Unit):
            try:
                weight = os.path.getsize(unit.path)
            except OSError:
                weight = 0
            if input_kind(unit.path) == "jsonl" and weight > partition_bytes:
                pieces = jsonl_blocks(unit, partition_bytes)
                weight = partition_bytes
        for piece in pieces:
            partition.append(piece)
            size += weight
            if size >= partition_bytes:
                yield partition
                partition, size = [], 0
    if partition:
        yield partition


def _parts(outdir: Path) -> Path:
    return outdir / STATE_DIR / PARTS_DIR


def convert_partition(
    number: int,
    units: Sequence[Unit | Task],
    outdir: str,
    job: Job,
    selection: Selection,
    run: int,
) -> dict[str, int]:
    """Convert one partition (on a worker): items into ``outdir``, a ledger and report part."""
    folder = Path(outdir)
    parts = _parts(folder)
    ledger = Ledger(
        parts / f"ledger-{number:06d}.sqlite", lock=False, wal=False, durable=job.durable
    )
    ledger.run = run
    snapshot_path = parts / _SNAPSHOT
    snapshot = Ledger(snapshot_path, lock=False, read_only=True) if snapshot_path.exists() else None

    def lookup(key: str) -> Entry | None:
        found = ledger.lookup(key)
        if found is None and snapshot is not None:
            found = snapshot.lookup(key)
        return found

    counter = itertools.count()

    def tasks() -> Iterator[Task]:
        for unit in units:
            if isinstance(unit, Task):
                yield attrs.evolve(unit, index=next(counter))
            else:
                yield from unit_tasks(unit, selection, counter.__next__)

    report = ReportWriter(str(parts / f"report-{number:06d}.jsonl"))
    try:
        summary = run_partition(tasks(), job, folder, ledger, lookup, report)
    finally:
        report.close()
        ledger.close()
        if snapshot is not None:
            snapshot.close()
    return attrs.asdict(summary)


def convert_bag(
    inputs: Sequence[str],
    outdir: str | Path,
    *,
    job: Job | None = None,
    selection: Selection | None = None,
    report: str | None = None,
    partition_bytes: int = PARTITION_BYTES,
    scheduler: Any = None,
) -> Summary:
    """Convert ``inputs`` into ``outdir`` with Dask (see the module docstring).

    ``scheduler`` is passed to ``dask.compute``: None uses the default (a ``distributed.Client``
    when one exists, else the local scheduler for bags).
    """
    import dask.bag
    from dask.base import compute

    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    selection = selection or Selection(skip_dir=folder)
    if selection.skip_dir is None:
        selection = attrs.evolve(selection, skip_dir=folder)
    parts = _parts(folder)
    with Ledger.open(folder, durable=job is not None and job.durable) as ledger:
        run = ledger.begin_run(_dt.datetime.now(_dt.UTC).isoformat())
        if parts.is_dir():  # what a killed run's partitions finished is kept
            merge_ledgers(ledger, sorted(parts.glob("ledger-*.sqlite")))
            shutil.rmtree(parts)
        shutil.rmtree(folder / STATE_DIR / "tmp", ignore_errors=True)
        parts.mkdir(parents=True)
        ledger.snapshot(parts / _SNAPSHOT)
        partitions = list(enumerate(plan(inputs, selection, partition_bytes=partition_bytes)))
        bag = dask.bag.from_sequence(  # type: ignore[no-untyped-call]
            partitions, npartitions=max(1, len(partitions))
        ).starmap(
            convert_partition, outdir=str(folder), job=job or Job(), selection=selection, run=run
        )
        (counts,) = compute(bag, scheduler=scheduler)  # type: ignore[no-untyped-call]
        merge_ledgers(ledger, sorted(parts.glob("ledger-*.sqlite")))
        _join_reports(sorted(parts.glob("report-*.jsonl")), report)
        shutil.rmtree(parts)
    summary = Summary()
    for part in counts:
        for name, value in part.items():
            setattr(summary, name, getattr(summary, name) + value)
    return summary


def _join_reports(parts: list[Path], target: str | None) -> None:
    if target is None:
        return
    with ReportWriter(target) as report:
        for part in parts:
            with open(part, encoding="utf-8") as lines:
                for line in lines:
                    report.write(json.loads(line))
