"""Killed with SIGKILL at any moment, the next run finishes the job: nothing lost, nothing
duplicated, no half-written file. These tests kill real subprocesses (the whole process group,
workers included) at several points of a run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from newsml.batch.ledger import Ledger

RUNNER = Path(__file__).with_name("run_cli.py")
MOMENT = "2024-05-01T12:00:00+00:00"
COUNT = 240


def _articles(folder: Path) -> None:
    folder.mkdir()
    for number in range(COUNT):
        (folder / f"{number:04d}.txt").write_text(
            f"Story {number}\n\nOfficials said on Tuesday that the plan, number {number}, would "
            f'be delayed. "It is not ready," a spokesman said.\n',
            encoding="utf-8",
        )


def _command(outdir: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        str(RUNNER),
        "convert",
        "news",
        "-o",
        str(outdir),
        "--no-progress",
        "--version-created",
        MOMENT,
        "-j",
        "2",
        *extra,
    ]


def _visible(outdir: Path) -> list[Path]:
    return [p for p in outdir.rglob("*.xml") if ".newsml" not in p.relative_to(outdir).parts]


def _run_and_kill(command: list[str], cwd: Path, outdir: Path, after: int) -> bool:
    """Start a run and SIGKILL its process group once ``after`` outputs exist; True if killed."""
    process = subprocess.Popen(
        command,
        cwd=cwd,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if len(_visible(outdir)) >= after if outdir.exists() else False:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.003)
        return False
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _all_whole(outdir: Path) -> None:
    for path in _visible(outdir):
        etree.parse(str(path))  # a half-written file would not parse


@pytest.mark.parametrize("extra", [(), ("--message-size", "7")], ids=["items", "messages"])
def test_killed_runs_resume_without_loss_or_duplicates(
    tmp_path: Path, extra: tuple[str, ...]
) -> None:
    _articles(tmp_path / "news")
    outdir = tmp_path / "out"
    kills = 0
    for after in (1, 40, 120) if not extra else (1, 6, 18):
        kills += _run_and_kill(_command(outdir, *extra), tmp_path, outdir, after)
        _all_whole(outdir)
    assert kills >= 2, "the runs ended before they could be killed"
    final = subprocess.run(
        check=False,
        args=_command(outdir, *extra, "--report", "final.jsonl"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert final.returncode == 0, final.stderr
    _all_whole(outdir)
    assert not any((outdir / ".newsml" / "tmp").iterdir())
    with Ledger.open(outdir, lock=False) as ledger:
        entries = list(ledger.entries())
    assert len(entries) == COUNT and {entry.version for entry in entries} == {1}
    report = (tmp_path / "final.jsonl").read_text().splitlines()
    assert len(report) == COUNT and '"status": "error"' not in "".join(report)
    if extra:
        guids = Counter()
        for path in _visible(outdir):
            for item in etree.parse(str(path)).getroot().iter("{*}newsItem"):
                guids[item.get("guid")] += 1
        assert len(guids) == COUNT and set(guids.values()) == {1}
    else:
        reference = tmp_path / "reference"
        clean = subprocess.run(
            check=False,
            args=_command(reference, "-j", "1"),
            cwd=tmp_path,
            capture_output=True,
            timeout=120,
        )
        assert clean.returncode == 0
        got = {p.relative_to(outdir): p.read_bytes() for p in _visible(outdir)}
        want = {p.relative_to(reference): p.read_bytes() for p in _visible(reference)}
        assert got == want
