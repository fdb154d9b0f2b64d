"""Faults end cleanly: a full disk or a file-size limit is one line naming the file and the cause,
a non-zero exit, no temporary file left behind, and a rerun completes.

A file-size limit is set with ``resource.setrlimit(RLIMIT_FSIZE)`` in the child process, with
SIGXFSZ ignored so that the write that meets it fails with EFBIG; ``/dev/full`` is a full disk.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_94b1d46a95d8ed66.txt"
FIXED = ["--version-created", "2026-11-27T12:00:00Z"]

pytestmark = pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="no RLIMIT_FSIZE")


def newsml(
    *arguments: str | Path, limit: int | None = None, stdout: object = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    """``newsml ARGUMENTS`` in a child process, its files limited to ``limit`` bytes."""

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "newsml.cli", *map(str, arguments)],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        preexec_fn=limited,
        env=environment,
        timeout=300,
        check=False,
    )


def one_line(result: subprocess.CompletedProcess[bytes], *parts: str) -> str:
    """The run failed with exactly one line on stderr, holding every one of ``parts``."""
    error = result.stderr.decode()
    assert result.returncode == 1, error
    assert error.count("\n") == 1 and "Traceback" not in error, error
    for part in parts:
        assert part in error, error
    return error


def leftovers(folder: Path) -> list[str]:
    return sorted(str(path) for path in folder.rglob("*.tmp"))


def test_a_cut_standard_output_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "item.xml"
    with open(target, "wb") as stream:
        result = newsml("convert", SEED, *FIXED, limit=10_000, stdout=stream)
    one_line(result, "standard output: cannot write: File too large")
    with open(target, "wb") as stream:  # the rerun, with room
        assert newsml("convert", SEED, *FIXED, stdout=stream).returncode == 0
    assert etree.parse(str(target)).getroot().tag.endswith("newsItem")


def test_standard_output_on_a_full_disk_is_an_error() -> None:
    with open("/dev/full", "wb") as stream:
        result = newsml("convert", SEED, *FIXED, stdout=stream)
    one_line(result, "standard output: cannot write: No space left on device")


def test_an_output_file_over_the_limit_leaves_nothing_half_written(tmp_path: Path) -> None:
    target = tmp_path / "out" / "item.xml"
    result = newsml("convert", SEED, "-o", target, *FIXED, limit=10_000)
    one_line(result, f"{target}: cannot write: File too large")
    assert not target.exists() and leftovers(tmp_path) == []
    assert newsml("convert", SEED, "-o", target, *FIXED).returncode == 0
    assert etree.parse(str(target)).getroot().tag.endswith("newsItem")


def _folder(tmp_path: Path, big: bool) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for number in range(6):
        (news / f"a{number}.txt").write_text(text, encoding="utf-8")
    if big:  # an item of ~1 MB: over the limit, which the ledger stays under
        (news / "z-big.txt").write_text(text * 40, encoding="utf-8")
    return news


def _stopped_then_rerun(tmp_path: Path, *, big: bool, limit: int, jobs: str, says: str) -> None:
    """A batch under ``limit`` stops in one line that ``says``; the rerun writes every item."""
    news, out = _folder(tmp_path, big=big), tmp_path / "out"
    arguments = ("convert", news, "-o", out, "--jobs", jobs, "--no-progress", *FIXED)
    one_line(newsml(*arguments, limit=limit), says.format(out=out))
    assert leftovers(tmp_path) == []
    rerun = newsml(*arguments)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert len(list((out / "news").glob("*.xml"))) == (7 if big else 6)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_item_over_the_limit_stops_the_run_cleanly(tmp_path: Path, jobs: str) -> None:
    says = "{out}/news/z-big.xml: cannot write: File too large"
    _stopped_then_rerun(tmp_path, big=True, limit=400_000, jobs=jobs, says=says)


def test_a_ledger_over_the_limit_stops_the_run_cleanly(tmp_path: Path) -> None:
    says = "{out}/.newsml/ledger.sqlite: cannot write:"
    _stopped_then_rerun(tmp_path, big=False, limit=8_000, jobs="1", says=says)


def test_a_report_on_a_full_disk_stops_the_run_cleanly(tmp_path: Path) -> None:
    news, out = _folder(tmp_path, big=False), tmp_path / "out"
    result = newsml("convert", news, "-o", out, "--report", "/dev/full", "--no-progress", *FIXED)
    one_line(result, "/dev/full: cannot write: No space left on device")
    assert leftovers(tmp_path) == []


def test_validate_and_inspect_check_their_output() -> None:
    item = ROOT / "examples" / "seed-item.xml"
    for arguments in (("validate", item), ("inspect", SEED)):
        with open("/dev/full", "wb") as stream:
            result = newsml(*arguments, stdout=stream)
        one_line(result, "standard output: cannot write: No space left on device")
