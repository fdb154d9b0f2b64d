"""newsml.dask on Dask's local scheduler writes what ``newsml convert`` writes, and resumes."""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from pathlib import Path

import pytest

dask = pytest.importorskip("dask")
pytest.importorskip("dask.bag")

from newsml.batch.inputs import Selection, iter_tasks
from newsml.batch.ledger import Ledger
from newsml.batch.report import ReportWriter
from newsml.batch.run import run_batch
from newsml.batch.work import Job
from newsml.dask import convert_bag, plan

JOB = Job(version_created=_dt.datetime(2024, 5, 1, 12, tzinfo=_dt.UTC))


def _inputs(root: Path) -> list[str]:
    news = root / "news"
    news.mkdir()
    for number in range(30):
        (news / f"{number:02d}.txt").write_text(f"Article {number}.\n\nOfficials met on Monday.\n")
    (news / "bad.txt").write_bytes(b"\xff\x00\x00")
    lines = [json.dumps({"id": f"w{n}", "text": f"Wire story {n}. " * 20}) for n in range(40)]
    lines.insert(5, "{broken")
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n")
    return [str(news), str(root / "feed.jsonl")]


def _outputs(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*.xml"))
        if ".newsml" not in p.parts
    }


def test_a_large_jsonl_file_is_cut_at_line_ends_keeping_line_numbers(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inputs = _inputs(Path("."))
    partitions = list(plan(["feed.jsonl"], partition_bytes=2000))
    assert len(partitions) > 3
    from newsml.batch.inputs import unit_tasks

    counter = iter(range(10**6)).__next__
    origins = [
        t.origin
        for part in partitions
        for unit in part
        for t in unit_tasks(unit, Selection(), counter)
    ]
    assert origins == [t.origin for t in iter_tasks(["feed.jsonl"])]
    assert inputs


@pytest.mark.parametrize("scheduler", ["sync", "processes"])
def test_same_items_and_report_as_a_local_run(tmp_path: Path, monkeypatch, scheduler: str) -> None:
    monkeypatch.chdir(tmp_path)
    # Worker processes fork, so that they see the test's stand-ins for unmerged modules too.
    monkeypatch.setitem(dask.config.config, "multiprocessing", {"context": "fork"})
    inputs = [Path(p).name for p in _inputs(tmp_path)]
    with ReportWriter("local.jsonl") as report:
        run_batch(
            iter_tasks(inputs, Selection(skip_dir=tmp_path / "local")),
            JOB,
            tmp_path / "local",
            report=report,
        )
    summary = convert_bag(
        inputs,
        "cluster",
        job=JOB,
        report="cluster.jsonl",
        partition_bytes=1500,
        scheduler=scheduler,
    )
    assert (summary.ok, summary.failed) == (70, 2)
    assert _outputs(tmp_path / "cluster") == _outputs(tmp_path / "local")
    assert Path("cluster.jsonl").read_text() == Path("local.jsonl").read_text()
    with Ledger.open(tmp_path / "cluster", lock=False) as ledger:
        assert ledger.count() == 70
    assert not (tmp_path / "cluster" / ".newsml" / "parts").exists()
    again = convert_bag(
        inputs, "cluster", job=JOB, report="again.jsonl", partition_bytes=1500, scheduler=scheduler
    )
    assert (again.ok, again.skipped, again.failed) == (0, 70, 2)


def test_partition_ledgers_left_by_a_killed_driver_are_merged(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    inputs = [Path(p).name for p in _inputs(tmp_path)]
    convert_bag(inputs, "out", job=JOB, partition_bytes=1500, scheduler="sync")
    # Simulate a driver killed after its partitions ran: move the merged entries back into a
    # partition ledger and empty the folder's ledger.
    ledger_path = tmp_path / "out" / ".newsml" / "ledger.sqlite"
    with Ledger(ledger_path, lock=False) as ledger:
        entries = list(ledger.entries())
    parts = tmp_path / "out" / ".newsml" / "parts"
    parts.mkdir()
    with Ledger(parts / "ledger-000000.sqlite", lock=False, wal=False) as part:
        part.record(entries)
    with sqlite3.connect(ledger_path) as database:
        database.execute("DELETE FROM items")
    again = convert_bag(inputs, "out", job=JOB, partition_bytes=1500, scheduler="sync")
    assert (again.ok, again.skipped) == (0, 70)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name descriptors")
def test_a_durable_job_syncs_every_item_on_the_workers(tmp_path: Path, monkeypatch) -> None:
    import os

    monkeypatch.chdir(tmp_path)
    inputs = [Path(p).name for p in _inputs(tmp_path)]
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{descriptor}"))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    job = Job(version_created=JOB.version_created, durable=True)
    summary = convert_bag(inputs, "out", job=job, partition_bytes=1500, scheduler="sync")
    assert summary.ok == 70
    items = [path for path in synced if path.endswith(".tmp")]
    assert len(items) == 70  # each item's bytes, under its temporary name, before the rename
