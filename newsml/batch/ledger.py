"""The ledger: what a batch has already delivered into an output folder (SQLite).

``OUTDIR/.newsml/ledger.sqlite`` maps each output path (one per article) to the fingerprint of
the input it was made from, the item's guid and version, and the file that holds it (the item
itself, or the newsMessage it went out in). A new run asks the ledger before converting:

- same fingerprint, output still there: the article is skipped;
- different fingerprint: the article is converted again as version + 1 with ``sig:update``
  (its guid comes from its output path, so it stays the same);
- not in the ledger: converted as version 1.

An article is recorded only after its file has been renamed into place, in the transaction
that also records its message, so a run killed at any moment leaves every recorded article on
disk, and an article written but not yet recorded is simply written again, to the same path,
by the next run: nothing is lost, nothing is delivered under two names. Failed inputs are not
recorded, so the next run tries them again. The database runs in WAL mode, which survives the
process being killed (not a power cut: run ``sync`` for that).

One run at a time uses a folder: :meth:`Ledger.open` takes an exclusive lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Self

import attrs

from newsml.batch.faults import reporting

__all__ = ["STATE_DIR", "Entry", "Ledger", "LedgerBusy", "merge_ledgers"]

#: The folder, inside the output folder, holding the ledger, its lock and temporary files.
STATE_DIR = ".newsml"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    key TEXT PRIMARY KEY,
    input TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    guid TEXT,
    version INTEGER NOT NULL,
    output TEXT NOT NULL,
    run INTEGER NOT NULL,
    source TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
    number INTEGER PRIMARY KEY, output TEXT NOT NULL, items INTEGER NOT NULL
);
"""


#: The columns of an item, in the order of :class:`Entry`'s fields.
_COLUMNS = "key, input, fingerprint, guid, version, output, run, source"


class LedgerBusy(RuntimeError):
    """Another run holds the output folder's lock."""


@attrs.frozen
class Entry:
    """What the ledger knows about one output path.

    ``source`` is the input as an absolute path (``/data/news/a.txt``, ``/data/old.zip:x/b.txt``),
    so that another input of the same name (``news/a.txt`` of another folder) is told apart;
    empty for standard input and for entries of ledgers written before it was kept.
    """

    key: str
    input: str
    fingerprint: str
    guid: str | None
    version: int
    output: str
    run: int
    source: str = ""


class Ledger:
    """The SQLite ledger of one output folder (see the module docstring)."""

    def __init__(
        self,
        path: Path,
        *,
        lock: bool = True,
        wal: bool = True,
        read_only: bool = False,
        durable: bool = False,
    ) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_file = None
        if lock:
            self._lock_file = open(path.parent / "lock", "a+b")  # noqa: SIM115 (held until close)
            try:
                fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self._lock_file.close()
                raise LedgerBusy(
                    f"{path.parent.parent}: another newsml run is writing here"
                ) from None
        if read_only:
            # A snapshot no one writes: safe to share read-only over a network file system.
            self._db = sqlite3.connect(
                f"{path.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None
            )
        else:
            self._db = reporting(path, (sqlite3.Error,), lambda: self._create(wal, durable))
        self.run = 0

    def _create(self, wal: bool, durable: bool) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute(f"PRAGMA journal_mode={'WAL' if wal else 'DELETE'}")
        # NORMAL may lose the last commits on a power cut (the rerun then redoes them, which
        # is safe); FULL, for durable runs, loses none.
        db.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
        db.executescript(_SCHEMA)
        columns = {row[1] for row in db.execute("PRAGMA table_info(items)")}
        if "source" not in columns:  # a ledger written before sources were kept
            db.execute("ALTER TABLE items ADD COLUMN source TEXT NOT NULL DEFAULT ''")
        return db

    @classmethod
    def open(
        cls, outdir: Path, name: str = "ledger.sqlite", *, lock: bool = True, durable: bool = False
    ) -> Ledger:
        """The ledger of ``outdir`` (created when missing)."""
        return cls(outdir / STATE_DIR / name, lock=lock, durable=durable)

    def begin_run(self, started: str) -> int:
        """Start a run; entries it records carry the returned run number."""
        cursor = reporting(
            self.path,
            (sqlite3.Error,),
            lambda: self._db.execute("INSERT INTO runs(started) VALUES (?)", (started,)),
        )
        self.run = int(cursor.lastrowid or 0)
        return self.run

    def lookup(self, key: str) -> Entry | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM items WHERE key = ?",
            (key,),
        ).fetchone()
        return Entry(*row) if row is not None else None

    def record(self, entries: Iterable[Entry], message: tuple[int, str, int] | None = None) -> None:
        """Record delivered articles (and the message holding them) in one transaction; a full
        disk or a size limit raises :class:`WriteError` (the transaction rolled back)."""
        rows = [attrs.astuple(entry) for entry in entries]
        reporting(self.path, (sqlite3.Error,), lambda: self._record(rows, message))

    def _record(self, rows: list[tuple[object, ...]], message: tuple[int, str, int] | None) -> None:
        with self._transaction():
            self._db.executemany(
                f"INSERT OR REPLACE INTO items({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            if message is not None:
                self._db.execute(
                    "INSERT OR REPLACE INTO messages(number, output, items) VALUES (?, ?, ?)",
                    message,
                )

    def next_message_number(self) -> int:
        row = self._db.execute("SELECT COALESCE(MAX(number), 0) FROM messages").fetchone()
        return int(row[0]) + 1

    def entries(self) -> Iterator[Entry]:
        cursor = self._db.execute(f"SELECT {_COLUMNS} FROM items ORDER BY key")
        for row in cursor:
            yield Entry(*row)

    def snapshot(self, path: Path) -> None:
        """Copy the ledger, as it is now, to ``path`` (a single file, no WAL)."""
        if path.exists():
            path.unlink()
        self._db.execute("VACUUM INTO ?", (str(path),))

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM items").fetchone()[0])

    def close(self) -> None:
        self._db.close()
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if kind is None:
            try:
                self._db.execute("COMMIT")
                return
            except sqlite3.Error:  # a full disk at commit: roll back, then say so
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise
        with contextlib.suppress(sqlite3.Error):  # keep the error that ended the transaction
            self._db.execute("ROLLBACK")


def merge_ledgers(target: Ledger, parts: Iterable[Path]) -> int:
    """Fold partition ledgers (written by ``newsml.dask``) into ``target``, then delete them.

    An entry of a part replaces the target's entry for the same output path when its version
    is at least as high. Returns the number of entries merged.
    """
    merged = 0
    for part in parts:
        source = Ledger(part, lock=False, wal=False)
        try:
            batch = [entry for entry in source.entries()]
        finally:
            source.close()
        newer = []
        for entry in batch:
            known = target.lookup(entry.key)
            if known is None or entry.version >= known.version:
                newer.append(entry)
        target.record(newer)
        merged += len(newer)
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(f"{part}{suffix}")
            except FileNotFoundError:
                pass
    return merged
