"""The batch runner: a stream of tasks converted by N worker processes, delivered in input order.

The main process reads the inputs, asks the ledger what is already done, and hands chunks of
tasks to the workers, keeping at most a few chunks per worker in flight, so memory does not grow
with the size of the archive. Workers run :func:`newsml.batch.work.process` and write each item
atomically; the main process takes the results back in input order, records them in the ledger,
writes the report and the newsMessages. Whatever order the workers finish in, the files written
are the same bytes a serial run (``jobs=1``, no worker processes at all) writes.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import attrs

from newsml.batch.ledger import STATE_DIR, Entry, Ledger
from newsml.batch.progress import Progress, progress_for
from newsml.batch.report import ReportWriter, report_line
from newsml.batch.work import Job, Outcome, Task, fingerprint, process, validate_bytes, write_atomic

__all__ = ["MESSAGES_DIR", "Summary", "default_jobs", "run_batch", "run_partition"]

#: Sub-folder of the output folder holding newsMessage files (``--message-size``).
MESSAGES_DIR = "messages"

_CHUNK_TASKS = 16
_CHUNK_BYTES = 1 << 20
_CHUNKS_PER_WORKER = 3


@attrs.define
class Summary:
    """Counts of a run."""

    ok: int = 0
    skipped: int = 0
    failed: int = 0
    messages: int = 0

    @property
    def total(self) -> int:
        return self.ok + self.skipped + self.failed


@attrs.frozen
class _Planned:
    """A task to convert, with the version it gets and its input's fingerprint."""

    task: Task
    version: int
    fingerprint: str
    source: str = ""


_Slot = _Planned | Outcome


_WORKER_JOB: Job | None = None


def _start_worker(job: Job) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job


def _work(batch: list[tuple[Task, int]]) -> list[Outcome]:
    assert _WORKER_JOB is not None
    return [process(task, _WORKER_JOB, version) for task, version in batch]


class _Workers:
    """The worker processes. When one dies (a crash in a library, the kernel's OOM killer), the
    pool is replaced and the tasks it held are converted again one by one, so that the input
    that kills a worker fails alone and the batch goes on."""

    def __init__(self, jobs: int, job: Job) -> None:
        self.jobs = jobs
        self.job = job
        self.generation = 0
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, initializer=_start_worker, initargs=(self.job,))

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()
        self.generation += 1

    def submit(self, batch: list[tuple[Task, int]]) -> tuple[Future[list[Outcome]], int]:
        try:
            return self.pool.submit(_work, batch), self.generation
        except BrokenProcessPool:
            self.restart()
            return self.pool.submit(_work, batch), self.generation

    def result(
        self, future: Future[list[Outcome]], generation: int, batch: list[tuple[Task, int]]
    ) -> list[Outcome]:
        try:
            return future.result()
        except BrokenProcessPool:
            if generation == self.generation:
                self.restart()
            return [self._alone(task, version) for task, version in batch]

    def _alone(self, task: Task, version: int) -> Outcome:
        try:
            return self.pool.submit(_work, [(task, version)]).result()[0]
        except BrokenProcessPool:
            self.restart()
            return Outcome(
                task.index,
                task.origin,
                task.key,
                "error",
                reason="the worker process died converting this input",
            )

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Chunk:
    """Slots in input order; the planned ones are converted together, here or in a worker."""

    def __init__(self) -> None:
        self.slots: list[_Slot] = []
        self.size = 0
        self.future: Future[list[Outcome]] | None = None
        self.generation = 0

    def batch(self) -> list[tuple[Task, int]]:
        return [(p.task, p.version) for p in self.planned()]

    def planned(self) -> list[_Planned]:
        return [slot for slot in self.slots if isinstance(slot, _Planned)]

    def outcomes(self, converted: list[Outcome]) -> Iterator[tuple[_Slot, Outcome]]:
        results = iter(converted)
        for slot in self.slots:
            yield slot, (next(results) if isinstance(slot, _Planned) else slot)


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0)


def _clear_temporary(folder: Path) -> None:
    """Remove what a killed run left half-written (never visible under an output name)."""
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)


def run_batch(
    tasks: Iterable[Task],
    job: Job,
    outdir: Path,
    *,
    jobs: int = 1,
    report: ReportWriter | None = None,
    message_size: int | None = None,
    sender: str = "newsml",
    on_error: Callable[[Outcome], None] | None = None,
    progress: Callable[[], Progress] | None = None,
) -> Summary:
    """Convert every task into ``outdir`` (see the module docstring); returns the counts."""
    outdir.mkdir(parents=True, exist_ok=True)
    with Ledger.open(outdir, durable=job.durable) as ledger:
        ledger.begin_run(_now().isoformat())
        _clear_temporary(outdir / STATE_DIR / "tmp")
        job = attrs.evolve(
            job,
            path_ids=True,
            outdir=None if message_size else str(outdir),
            keep_items=bool(message_size),
        )
        runner = _Runner(
            job,
            outdir,
            ledger,
            ledger.lookup,
            report or ReportWriter(None),
            message_size,
            sender,
            on_error,
        )
        workers = _Workers(jobs, job) if jobs > 1 else None
        runner.progress = (progress or (lambda: progress_for(enabled=False)))()
        try:
            runner.run(tasks, workers, jobs)
        finally:
            runner.progress.close()
            if workers is not None:
                workers.shutdown()
            runner.report.flush()
        return runner.summary


def run_partition(
    tasks: Iterable[Task],
    job: Job,
    outdir: Path,
    ledger: Ledger,
    lookup: Callable[[str], Entry | None],
    report: ReportWriter,
) -> Summary:
    """Convert tasks in this process, recording in ``ledger`` and asking ``lookup`` what is
    done (``newsml.dask`` runs one of these per partition)."""
    job = attrs.evolve(job, path_ids=True, outdir=str(outdir), keep_items=False)
    runner = _Runner(job, outdir, ledger, lookup, report, None, "newsml", None)
    runner.run(tasks, None, 1)
    report.flush()
    return runner.summary


class _Runner:
    def __init__(
        self,
        job: Job,
        outdir: Path,
        ledger: Ledger,
        lookup: Callable[[str], Entry | None],
        report: ReportWriter,
        message_size: int | None,
        sender: str,
        on_error: Callable[[Outcome], None] | None,
    ) -> None:
        self.job = job
        self.outdir = outdir
        self.ledger = ledger
        self.lookup = lookup
        self.report = report
        self.message_size = message_size
        self.sender = sender
        self.on_error = on_error
        self.summary = Summary()
        self.progress: Progress = progress_for(enabled=False)
        self.in_flight: dict[str, str] = {}
        self.message: list[tuple[_Planned, Outcome]] = []

    # -- planning -------------------------------------------------------------------------

    def plan(self, task: Task) -> _Slot:
        if task.error is not None:
            return Outcome(task.index, task.origin, task.key, "error", reason=task.error)
        taken = self.in_flight.get(task.key)
        entry = self.lookup(task.key)
        if taken is None and entry is not None and entry.run == self.ledger.run:
            taken = entry.input
        if taken is not None:
            return Outcome(
                task.index,
                task.origin,
                task.key,
                "error",
                reason=f"same output path {task.key} as {taken}",
            )
        source = task.source
        if entry is not None and entry.source and source and entry.source != source:
            return Outcome(
                task.index,
                task.origin,
                task.key,
                "error",
                reason=f"{task.key} in the output folder already holds the item of "
                f"{entry.source}, another input of the same name: use another output folder",
            )
        digest = fingerprint(task, self.job)
        version = 1
        if entry is not None:
            if entry.fingerprint == digest and (self.outdir / entry.output).exists():
                return Outcome(
                    task.index,
                    task.origin,
                    entry.output,
                    "skipped",
                    reason="unchanged since an earlier run",
                    guid=entry.guid,
                    version=entry.version,
                )
            version = entry.version if entry.fingerprint == digest else entry.version + 1
        self.in_flight[task.key] = task.origin
        return _Planned(task, version, digest, source)

    # -- the loop -------------------------------------------------------------------------

    def run(self, tasks: Iterable[Task], workers: _Workers | None, jobs: int) -> None:
        pending: deque[_Chunk] = deque()
        chunk = _Chunk()
        for task in tasks:
            slot = self.plan(task)
            chunk.slots.append(slot)
            chunk.size += len(task.data)
            if len(chunk.slots) >= _CHUNK_TASKS or chunk.size >= _CHUNK_BYTES:
                self.submit(chunk, workers)
                pending.append(chunk)
                chunk = _Chunk()
                while len(pending) > (jobs * _CHUNKS_PER_WORKER if workers else 0):
                    self.finish(pending.popleft(), workers)
        if chunk.slots:
            self.submit(chunk, workers)
            pending.append(chunk)
        while pending:
            self.finish(pending.popleft(), workers)
        if self.message:
            self.send_message()

    def submit(self, chunk: _Chunk, workers: _Workers | None) -> None:
        if workers is not None and chunk.planned():
            chunk.future, chunk.generation = workers.submit(chunk.batch())

    def finish(self, chunk: _Chunk, workers: _Workers | None = None) -> None:
        if chunk.future is not None and workers is not None:
            converted = workers.result(chunk.future, chunk.generation, chunk.batch())
        else:
            converted = [process(p.task, self.job, p.version) for p in chunk.planned()]
        delivered: list[Entry] = []
        for slot, outcome in chunk.outcomes(converted):
            if isinstance(slot, _Planned) and not (self.message_size and outcome.status == "ok"):
                self.in_flight.pop(slot.task.key, None)
            if outcome.status != "ok" or not isinstance(slot, _Planned):
                self.account(outcome, outcome.key if outcome.status == "skipped" else None)
            elif self.message_size:
                self.message.append((slot, outcome))
                if len(self.message) >= self.message_size:
                    self.send_message()
            else:
                delivered.append(self.entry(slot, outcome, outcome.key))
                self.account(outcome, outcome.key)
        if delivered:
            self.ledger.record(delivered)
        self.report.flush()

    def entry(self, planned: _Planned, outcome: Outcome, output: str) -> Entry:
        return Entry(
            planned.task.key,
            planned.task.origin,
            planned.fingerprint,
            outcome.guid,
            outcome.version or planned.version,
            output,
            self.ledger.run,
            planned.source,
        )

    def account(self, outcome: Outcome, output: str | None) -> None:
        if outcome.status == "ok":
            self.summary.ok += 1
        elif outcome.status == "skipped":
            self.summary.skipped += 1
        else:
            self.summary.failed += 1
            if self.on_error is not None:
                self.on_error(outcome)
        self.report.write(report_line(outcome, output))
        self.progress.advance(outcome.status)

    # -- newsMessages ---------------------------------------------------------------------

    def send_message(self) -> None:
        from newsml.render.newsml import news_message

        batch, self.message = self.message, []
        for planned, _ in batch:
            self.in_flight.pop(planned.task.key, None)
        number = self.ledger.next_message_number()
        name = f"{MESSAGES_DIR}/{number:06d}.xml"
        items = [outcome.item or b"" for _, outcome in batch]
        try:
            data = news_message(
                items,
                sent=self.job.version_created or _now(),
                sender=self.sender,
                transmit_id=f"{self.sender}-{number:06d}",
            )
            reason = validate_bytes(data, self.job.schema_dir, name)
        except Exception as error:  # noqa: BLE001 - a writer bug fails this message's articles, not the run
            reason = f"internal error: {type(error).__name__}: {error}"
        if reason is not None:
            for _, outcome in batch:
                self.account(
                    attrs.evolve(
                        outcome,
                        status="error",
                        item=None,
                        reason=f"newsMessage not written: {reason}",
                    ),
                    None,
                )
            return
        write_atomic(
            self.outdir / name, data, self.outdir / STATE_DIR / "tmp", durable=self.job.durable
        )
        self.ledger.record([self.entry(p, o, name) for p, o in batch], (number, name, len(batch)))
        self.summary.messages += 1
        for _, outcome in batch:
            self.account(attrs.evolve(outcome, item=None), name)


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
