"""The per-article job every way of running newsml shares: one input in, one validated item out.

A :class:`Task` carries what was read (raw bytes of a text or NITF file, or one JSON Lines
record); :func:`process` decodes it, analyses it, writes the NewsML-G2 item, validates it and
returns an :class:`Outcome`. The command line, the parallel batch runner and ``newsml.dask`` all
call :func:`process`, so a serial run, ``--jobs N`` and a Dask cluster write the same bytes.

Problems with one input are outcomes with ``status == "error"`` and a one-line reason; no
exception escapes :func:`process`, so one bad article never stops a batch.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import regex

from newsml.batch.faults import WriteError
from newsml.batch.nitf_input import NitfError, read_nitf
from newsml.model import Article
from newsml.options import Options

__all__ = [
    "BINARY_PROBE",
    "RECORD_FIELDS",
    "InputError",
    "Job",
    "Outcome",
    "Task",
    "fingerprint",
    "item_identity",
    "parse_time",
    "process",
    "read_article",
    "validate_bytes",
    "write_atomic",
]

#: How many leading bytes are searched for a NUL byte to tell binary data from text.
BINARY_PROBE = 8192

#: JSON Lines fields and the Metadata field each fills ("text" or "body" holds the article).
RECORD_FIELDS: Mapping[str, str] = {
    "id": "id",
    "headline": "headline",
    "byline": "byline",
    "dateline": "dateline",
    "date": "content_created",
    "content_created": "content_created",
    "first_created": "first_created",
    "language": "language",
    "provider": "provider",
    "located": "located",
    "urgency": "urgency",
    "source_name": "source_name",
}
_TEXT_FIELDS = ("text", "body")
_TIME_FIELDS = {"content_created", "first_created"}

_ROOT_ATTRIBUTE = regex.compile(rb'\s(guid|version)="([^"]*+)"')
_ROOT_START = regex.compile(rb"<(?:[A-Za-z_][\w.-]*+:)?newsItem\b[^>]*+>")


@attrs.frozen
class Task:
    """One article to convert, as read from its input.

    Attributes:
        index: position of the input in the run (outputs and the report follow this order).
        origin: the input as the report names it: ``news/a.txt``, ``old.zip:2019/a.txt``,
            ``feed.jsonl:12``.
        key: the output's path relative to the output folder (posix, ends in ``.xml``).
        kind: ``text`` (raw bytes of an article), ``record`` (one JSON Lines line) or ``nitf``.
        data: the raw bytes.
        error: a problem met while reading (then ``data`` is empty and the task is an error).
        source: the file it was read from, as an absolute path ("" for standard input): the
            ledger tells another input of the same name by it.
    """

    index: int
    origin: str
    key: str
    kind: str = "text"
    data: bytes = b""
    error: str | None = None
    source: str = ""


@attrs.frozen
class Job:
    """How every article of a run is converted and where items go.

    Attributes:
        provider: provider of articles that name none.
        encoding: encoding of text inputs; None accepts UTF-8 and UTF-16 with a BOM.
        language: language of articles that name none.
        version_created: fixed ``versionCreated`` (reproducible output); None takes the clock.
        schema_dir: IPTC's official schemas; None uses ``$NEWSML_SCHEMA_DIR`` or the profile.
        path_ids: an article without an id takes its output path as id, so its guid stays the
            same when its text changes (batch runs into a folder); otherwise the guid comes
            from the content.
        outdir: folder items are written to by :func:`process`; None returns them instead.
        keep_items: return the item bytes in the outcome even when written.
        durable: flush every item to the disk (fsync) before the ledger records it, so that
            a power cut or a crash of the machine loses no item the ledger counts as done
            (a killed process loses nothing either way). Slower on most file systems.
    """

    provider: str | None = None
    encoding: str | None = None
    language: str | None = None
    version_created: _dt.datetime | None = None
    schema_dir: str | None = None
    path_ids: bool = False
    outdir: str | None = None
    keep_items: bool = False
    durable: bool = False

    def fingerprint(self) -> str:
        """What, besides the input, decides an item's content (not its versionCreated)."""
        return json.dumps(
            [self.provider, self.encoding, self.language, self.path_ids], separators=(",", ":")
        )


@attrs.frozen
class Outcome:
    """What became of one task: a line of the report, and the item when it is kept."""

    index: int
    origin: str
    key: str
    status: str
    reason: str | None = None
    guid: str | None = None
    version: int | None = None
    item: bytes | None = None
    diagnostics: tuple[Mapping[str, Any], ...] = ()
    quotes: int = 0
    entities: int = 0


def fingerprint(task: Task, job: Job) -> str:
    """A digest of the input's bytes, its kind and the job settings that shape the item."""
    digest = hashlib.sha256()
    digest.update(f"{task.kind}\0{job.fingerprint()}\0".encode())
    digest.update(task.data)
    return digest.hexdigest()


def parse_time(value: str) -> tuple[_dt.datetime | _dt.date, bool]:
    """An ISO 8601 date or date-time; naive date-times are taken as UTC (second value True)."""
    text = value.strip()
    if len(text) == 10:
        return _dt.date.fromisoformat(text), False
    moment = _dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=_dt.UTC), True
    return moment, False


def item_identity(item: bytes) -> tuple[str | None, int | None]:
    """The guid and version on the root ``newsItem`` start tag of an item."""
    start = _ROOT_START.search(item, 0, 4096) or _ROOT_START.search(item)
    if start is None:
        return None, None
    found = {m.group(1): m.group(2) for m in _ROOT_ATTRIBUTE.finditer(start.group(0))}
    guid = found.get(b"guid")
    version = found.get(b"version")
    return (
        guid.decode() if guid is not None else None,
        int(version) if version is not None and version.isdigit() else (1 if guid else None),
    )


def write_atomic(
    path: Path, data: bytes, temporary_dir: Path | None = None, *, durable: bool = False
) -> None:
    """Write ``data`` to ``path`` so that no reader ever sees a partial file.

    The bytes go to a temporary file (in ``temporary_dir``, which must be on the same file
    system, or beside ``path``), which is then renamed over ``path``. ``durable`` also makes
    the write survive a power cut once this returns: the file's bytes reach the disk before the
    rename, and the rename itself (the folder's entry) after it. A failure (a full disk, a
    file-size limit) removes the temporary file and raises :class:`WriteError` naming ``path``.
    """
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        folder = temporary_dir if temporary_dir is not None else path.parent
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{path.name}.{os.getpid()}.tmp"
        with open(temporary, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise WriteError.of(path, error) from error
    if durable:
        _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename into it) to the disk, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - a system that cannot open folders (Windows)
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover - a file system that cannot sync folders
        pass
    finally:
        os.close(descriptor)


def validate_bytes(data: bytes, schema_dir: str | None, name: str) -> str | None:
    """None when ``data`` is a valid NewsML-G2 document, else a one-line reason."""
    from newsml.validate import validate

    report = validate(data, schema_dir=schema_dir, name=name)
    if report.valid:
        return None
    problems = list(report.problems)
    if not problems:
        return f"invalid against the {report.schema} schema"
    first = problems[0]
    line = getattr(first, "line", None)
    where = f"line {line}: " if line else ""
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"invalid item ({report.schema} schema): {where}{first.message}{more}"


class InputError(Exception):
    """A problem with one input; its message is the report's one-line reason."""


def read_article(task: Task, job: Job) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    """The text of a task, its Metadata fields and diagnostics; raises :class:`InputError`."""
    diagnostics: list[dict[str, Any]] = []
    fields: dict[str, Any] = {}
    if task.kind == "record":
        text, fields, diagnostics = _record_of(task)
    elif task.kind == "nitf":
        try:
            text, fields = read_nitf(task.data)
        except NitfError as error:
            raise InputError(str(error))
    else:
        text = _text_of(task, job)
    fields.setdefault("provider", job.provider)
    fields.setdefault("language", job.language)
    if job.path_ids:
        fields.setdefault("id", task.key.removesuffix(".xml"))
    return text, {name: value for name, value in fields.items() if value is not None}, diagnostics


def _text_of(task: Task, job: Job) -> str:
    from newsml.text import DecodeError, decode

    data = task.data
    if not data.strip():
        raise InputError("empty input")
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and job.encoding is None:
        nul = data.find(b"\0", 0, BINARY_PROBE)
        if nul >= 0:
            raise InputError(f"binary data, not text (NUL byte at {nul})")
    try:
        text = decode(data, encoding=job.encoding, name=task.origin)
    except DecodeError as error:
        message = str(error)
        prefix = f"{task.origin}: "
        raise InputError(message.removeprefix(prefix))
    if not text.strip():
        raise InputError("empty input")
    return text


def _record_of(task: Task) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    try:
        record = json.loads(task.data)
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(f"malformed JSON record: {error}")
    except RecursionError:
        raise InputError("malformed JSON record: nested too deeply to be an article") from None
    if not isinstance(record, dict):
        raise InputError(f"JSON record is a {type(record).__name__}, not an object")
    text = next((record[name] for name in _TEXT_FIELDS if name in record), None)
    if not isinstance(text, str) or not text.strip():
        raise InputError("JSON record has no text (field 'text' or 'body')")
    fields: dict[str, Any] = {}
    diagnostics: list[dict[str, Any]] = []
    for name, value in record.items():
        if name in _TEXT_FIELDS or value is None:
            continue
        target = RECORD_FIELDS.get(name)
        if target is None:
            diagnostics.append(_diagnostic("warning", "unknown-field", f"field {name!r} ignored"))
            continue
        fields[target] = _field_value(name, target, value, diagnostics)
    return text, fields, diagnostics


def _field_value(name: str, target: str, value: Any, diagnostics: list[dict[str, Any]]) -> Any:
    if target in _TIME_FIELDS:
        if not isinstance(value, str):
            raise InputError(f"field {name!r} is not an ISO 8601 string")
        try:
            moment, assumed_utc = parse_time(value)
        except ValueError:
            raise InputError(f"field {name!r}: {value!r} is not an ISO 8601 date or date-time")
        if assumed_utc:
            diagnostics.append(
                _diagnostic("warning", "time-zone-assumed", f"{name} {value!r} taken as UTC")
            )
        if target == "first_created" and not isinstance(moment, _dt.datetime):
            moment = _dt.datetime.combine(moment, _dt.time(), _dt.UTC)
        return moment
    if target == "urgency":
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 9:
            raise InputError(f"field 'urgency' must be a whole number from 1 to 9, got {value!r}")
        return value
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise InputError(f"field {name!r} must be a string, got {type(value).__name__}")
    return str(value)


def _diagnostic(level: str, code: str, message: str) -> dict[str, Any]:
    return {"level": level, "code": code, "message": message}


def _fail(task: Task, reason: str) -> Outcome:
    return Outcome(task.index, task.origin, task.key, "error", reason=reason)


def process(task: Task, job: Job, version: int = 1) -> Outcome:
    """Convert one task; ``version`` > 1 writes an update (``sig:update``) of an earlier item."""
    if task.error is not None:
        return _fail(task, task.error)
    try:
        return _process(task, job, version)
    except WriteError:
        raise  # a full disk or a size limit ends the run: every later write would fail too
    except InputError as error:
        return _fail(task, str(error))
    except Exception as error:  # noqa: BLE001 - a bug in a stage must not stop a batch of a million
        return _fail(task, f"internal error: {type(error).__name__}: {error}")


def _process(task: Task, job: Job, version: int) -> Outcome:
    text, metadata, diagnostics = read_article(task, job)
    from newsml.pipeline import analyze
    from newsml.render.newsml import write_item

    article: Article = analyze(text, version=version, **metadata)
    options = Options(
        version_created=job.version_created,
        signal="update" if version > 1 else None,
        schema_dir=job.schema_dir,
    )
    item, writer_diagnostics = write_item(article, options)
    reason = validate_bytes(item, job.schema_dir, task.origin)
    if reason is not None:
        raise InputError(reason)
    guid, item_version = item_identity(item)
    written = job.outdir is not None
    if written:
        outdir = Path(job.outdir)  # type: ignore[arg-type]
        write_atomic(outdir / task.key, item, outdir / ".newsml" / "tmp", durable=job.durable)
    diagnostics.extend(
        _diagnostic(d.level, d.code, d.message) for d in (*article.diagnostics, *writer_diagnostics)
    )
    return Outcome(
        task.index,
        task.origin,
        task.key,
        "ok",
        guid=guid,
        version=item_version if item_version is not None else version,
        item=item if (job.keep_items or not written) else None,
        diagnostics=tuple(diagnostics),
        quotes=len(article.quotes),
        entities=len(article.entities),
    )
