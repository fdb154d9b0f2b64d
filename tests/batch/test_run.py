"""The batch runner: report, ledger (skip, update), newsMessages, determinism, bounded memory."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsml.batch.inputs import iter_tasks
from newsml.batch.ledger import Ledger, LedgerBusy
from newsml.batch.report import ReportWriter
from newsml.batch.run import run_batch
from newsml.batch.work import Job, Outcome, Task, item_identity
from newsml.cli import main

MOMENT = _dt.datetime(2024, 5, 1, 12, tzinfo=_dt.UTC)
JOB = Job(version_created=MOMENT)


def _articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"{number:03d}.txt").write_text(
            f"Article {number} headline\n\nThe minister said on Monday that talks would go on. "
            f'"We will not give up," she said.\n',
            encoding="utf-8",
        )


def _outputs(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*.xml"))
        if ".newsml" not in p.parts
    }


def _report(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _convert(*arguments: str) -> int:
    return main(["convert", "--no-progress", "--version-created", MOMENT.isoformat(), *arguments])


def test_a_batch_with_bad_inputs_goes_on_and_reports_each(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    _articles(tmp_path / "news", 3)
    (tmp_path / "news" / "empty.txt").write_bytes(b"")
    (tmp_path / "news" / "latin.txt").write_bytes(b"caf\xe9 news")
    (tmp_path / "feed.jsonl").write_text('{"id": "w1", "text": "Wire copy."}\n{oops\n')
    status = _convert("news", "feed.jsonl", "-o", "out", "--report", "report.jsonl", "-j", "1")
    assert status == 1
    errors = capsys.readouterr().err.lower().splitlines()
    assert errors == [
        "newsml: error: news/empty.txt: empty input",
        "newsml: error: news/latin.txt: not valid utf-8 at byte 3 (invalid continuation byte)",
        (
            "newsml: error: feed.jsonl:2: malformed json record: expecting property name enclosed in "
            "double quotes: line 1 column 2 (char 1)"
        ),
    ]
    lines = _report(tmp_path / "report.jsonl")
    assert [(line["input"], line["status"]) for line in lines] == [
        ("news/000.txt", "ok"),
        ("news/001.txt", "ok"),
        ("news/002.txt", "ok"),
        ("news/empty.txt", "error"),
        ("news/latin.txt", "error"),
        ("feed.jsonl:1", "ok"),
        ("feed.jsonl:2", "error"),
    ]
    assert set(lines[0]) == {
        "input",
        "output",
        "guid",
        "version",
        "status",
        "reason",
        "diagnostics",
        "quotes",
        "entities",
    }
    assert sorted(_outputs(tmp_path / "out")) == [
        "feed/w1.xml",
        "news/000.xml",
        "news/001.xml",
        "news/002.xml",
    ]
    assert not any((tmp_path / "out" / ".newsml" / "tmp").iterdir())


def test_rerun_skips_and_a_changed_input_becomes_version_two(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _articles(tmp_path / "news", 3)
    assert _convert("news", "-o", "out", "-j", "1") == 0
    first = _outputs(tmp_path / "out")
    (tmp_path / "news" / "001.txt").write_text("A changed article.\n", encoding="utf-8")
    assert _convert("news", "-o", "out", "-j", "1", "--report", "again.jsonl") == 0
    lines = _report(tmp_path / "again.jsonl")
    assert [line["status"] for line in lines] == ["skipped", "ok", "skipped"]
    changed = lines[1]
    with Ledger.open(tmp_path / "out", lock=False) as ledger:
        entry = ledger.lookup("news/001.xml")
    assert entry is not None and entry.version == 2 and changed["version"] == 2
    second = _outputs(tmp_path / "out")
    assert second["news/000.xml"] == first["news/000.xml"]
    assert b"sig:update" in second["news/001.xml"] and b'version="2"' in second["news/001.xml"]
    assert item_identity(first["news/001.xml"])[0] == item_identity(second["news/001.xml"])[0]


def test_a_deleted_output_is_written_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _articles(tmp_path / "news", 2)
    assert _convert("news", "-o", "out", "-j", "1") == 0
    (tmp_path / "out" / "news" / "000.xml").unlink()
    assert _convert("news", "-o", "out", "-j", "1", "--report", "r.jsonl") == 0
    assert [line["status"] for line in _report(tmp_path / "r.jsonl")] == ["ok", "skipped"]
    assert _report(tmp_path / "r.jsonl")[0]["version"] == 1


def test_outputs_do_not_depend_on_the_number_of_jobs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _articles(tmp_path / "news", 40)
    (tmp_path / "news" / "bad.txt").write_bytes(b"\x00\x00")
    assert _convert("news", "-o", "serial", "-j", "1", "--report", "serial.jsonl") == 1
    assert _convert("news", "-o", "parallel", "-j", "2", "--report", "parallel.jsonl") == 1
    assert _outputs(tmp_path / "serial") == _outputs(tmp_path / "parallel")
    assert (tmp_path / "serial.jsonl").read_bytes() == (tmp_path / "parallel.jsonl").read_bytes()


def test_news_messages_hold_up_to_n_items_and_a_rerun_sends_only_news(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _articles(tmp_path / "news", 5)
    assert (
        _convert("news", "-o", "out", "--message-size", "2", "-j", "2", "--report", "r.jsonl") == 0
    )
    outputs = _outputs(tmp_path / "out")
    assert sorted(outputs) == ["messages/000001.xml", "messages/000002.xml", "messages/000003.xml"]
    assert [outputs[f"messages/00000{n}.xml"].count(b"<newsItem") for n in (1, 2, 3)] == [2, 2, 1]
    assert b"newsml-000002" in outputs["messages/000002.xml"]  # the header's transmitId
    assert [line["output"] for line in _report(tmp_path / "r.jsonl")] == [
        "messages/000001.xml",
        "messages/000001.xml",
        "messages/000002.xml",
        "messages/000002.xml",
        "messages/000003.xml",
    ]
    _articles(tmp_path / "more", 1)
    assert (
        _convert(
            "news", "more", "-o", "out", "--message-size", "2", "-j", "1", "--report", "r2.jsonl"
        )
        == 0
    )
    statuses = [(line["status"], line["output"]) for line in _report(tmp_path / "r2.jsonl")]
    assert statuses[-1] == ("ok", "messages/000004.xml")
    assert [s for s, _ in statuses[:-1]] == ["skipped"] * 5


def test_two_inputs_for_one_output_path(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "a.text").write_text("Two.")
    assert _convert("a.txt", "a.text", "-o", "out", "-j", "1") == 1
    assert capsys.readouterr().err == "newsml: error: a.text: same output path a.xml as a.txt\n"


def test_one_run_at_a_time_in_an_output_folder(tmp_path: Path) -> None:
    with Ledger.open(tmp_path), pytest.raises(LedgerBusy):
        Ledger.open(tmp_path)


def test_inputs_are_streamed_with_a_bounded_number_in_flight(tmp_path: Path) -> None:
    produced = 0
    high_water = 0

    def tasks() -> Iterator[Task]:
        nonlocal produced
        for number in range(600):
            produced += 1
            yield Task(number, f"t{number}", f"t{number}.xml", "text", b"Short text.")

    class Watch:
        done = 0

        def set_total(self, total: int) -> None:
            pass

        def advance(self, status: str) -> None:
            nonlocal high_water
            Watch.done += 1
            high_water = max(high_water, produced - Watch.done)

        def close(self) -> None:
            pass

    summary = run_batch(tasks(), JOB, tmp_path / "out", jobs=2, progress=Watch)
    assert summary.ok == 600
    assert high_water <= 2 * 3 * 16 + 16


def test_the_report_can_go_to_standard_output(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    _articles(tmp_path / "news", 2)
    assert _convert("news", "-o", "out", "-j", "1", "--report", "-") == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["status"] for line in lines] == ["ok", "ok"]


def test_files_from_a_list(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _articles(tmp_path / "news", 3)
    (tmp_path / "list.txt").write_text("news/002.txt\nnews/000.txt\n")
    assert _convert("--files-from", "list.txt", "-o", "out", "-j", "1") == 0
    assert sorted(_outputs(tmp_path / "out")) == ["news/000.xml", "news/002.xml"]


def test_report_writer_none_writes_nothing(tmp_path: Path) -> None:
    with ReportWriter(None) as report:
        report.write({"a": 1})
    assert list(iter_tasks([])) == []


def test_an_input_that_kills_its_worker_fails_alone(tmp_path: Path, monkeypatch) -> None:
    import os

    import newsml.batch.run as run_module

    real_process = run_module.process

    def fragile(task: Task, job: Job, version: int = 1) -> Outcome:
        if task.data == b"fatal":
            os._exit(70)  # what a segfault in a library looks like from outside
        return real_process(task, job, version)

    monkeypatch.setattr(run_module, "process", fragile)  # forked workers inherit it
    tasks = [
        Task(n, f"t{n}", f"t{n}.xml", "text", b"fatal" if n == 21 else b"Fine text.")
        for n in range(40)
    ]
    with ReportWriter(str(tmp_path / "r.jsonl")) as report:
        summary = run_batch(tasks, JOB, tmp_path / "out", jobs=2, report=report)
    assert (summary.ok, summary.failed) == (39, 1)
    lines = _report(tmp_path / "r.jsonl")
    assert [line["input"] for line in lines] == [f"t{n}" for n in range(40)]
    assert lines[21]["reason"] == "the worker process died converting this input"


def _watch_syncs(monkeypatch) -> list[tuple[str, object]]:
    """Record, in order, every fsync (the path synced), every ledger record (its outputs) and
    the ledger's synchronous level when a run begins."""
    import os

    events: list[tuple[str, object]] = []
    real_fsync, real_record = os.fsync, Ledger.record

    def fsync(descriptor: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{descriptor}")))
        real_fsync(descriptor)

    def record(self: Ledger, entries, message=None) -> None:
        entries = list(entries)
        events.append(("record", [entry.output for entry in entries]))
        real_record(self, entries, message)

    real_begin = Ledger.begin_run

    def begin_run(self: Ledger, started: str) -> int:
        events.append(("ledger", self._db.execute("PRAGMA synchronous").fetchone()[0]))
        return real_begin(self, started)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(Ledger, "record", record)
    monkeypatch.setattr(Ledger, "begin_run", begin_run)
    return events


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name descriptors")
def test_a_durable_run_syncs_every_item_and_its_folder_before_the_ledger_counts_it(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _articles(tmp_path / "news", 3)
    assert _convert("news", "-o", "plain", "-j", "1") == 0
    events = _watch_syncs(monkeypatch)
    assert _convert("news", "-o", "out", "-j", "1", "--durable") == 0
    assert _outputs(tmp_path / "out") == _outputs(tmp_path / "plain")
    synced = [path for kind, path in events if kind == "fsync"]
    recorded = [output for kind, outputs in events if kind == "record" for output in outputs]
    assert sorted(recorded) == ["news/000.xml", "news/001.xml", "news/002.xml"]
    for output in recorded:
        done = next(
            i for i, (kind, outputs) in enumerate(events) if kind == "record" and output in outputs
        )
        before = [path for kind, path in events[:done] if kind == "fsync"]
        # the file's bytes (under its temporary name, renamed afterwards), then its folder
        assert any(Path(path).name.startswith(f".{Path(output).name}.") for path in before)
        assert str((tmp_path / "out" / output).parent.resolve()) in before
    assert len(synced) == 2 * len(recorded)
    assert ("ledger", 2) in events  # synchronous=FULL: a commit survives a power cut


def test_the_ledger_of_an_ordinary_run_is_not_fully_synced(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _articles(tmp_path / "news", 1)
    events = _watch_syncs(monkeypatch)
    assert _convert("news", "-o", "out", "-j", "1") == 0
    assert ("ledger", 1) in events  # NORMAL


def test_a_durable_run_of_messages_syncs_each_message(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _articles(tmp_path / "news", 3)
    events = _watch_syncs(monkeypatch)
    assert _convert("news", "-o", "out", "-j", "1", "--message-size", "2", "--durable") == 0
    kinds = [kind for kind, _ in events if kind != "ledger"]
    # two messages: each written (file, folder) before its items are recorded
    assert kinds == ["fsync", "fsync", "record", "fsync", "fsync", "record"]


def test_runs_are_not_synced_unless_asked(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _articles(tmp_path / "news", 2)
    events = _watch_syncs(monkeypatch)
    assert _convert("news", "-o", "out", "-j", "1") == 0
    assert [kind for kind, _ in events if kind == "fsync"] == []
