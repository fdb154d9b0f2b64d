"""Everything ``newsml convert`` can read, streamed as one :class:`~newsml.batch.work.Task` an article.

Inputs, by what the path names:

- a folder: every file below it, recursively, in name order (hidden files and folders, and
  the output folder, are left out); ``--include``/``--exclude`` globs select files. A symbolic
  link to a file is followed only when the file is inside the folder (an error task names a
  link out of it, as archives never follow links), unless ``--follow-links``
  (:attr:`Selection.follow_links`); links to folders are never walked;
- ``.zip``, ``.tar``, ``.tar.gz``/``.tgz`` (also ``.tar.bz2``, ``.tar.xz``): every member;
- ``.jsonl``/``.ndjson``: JSON Lines, one article a line (see :data:`newsml.batch.work.RECORD_FIELDS`);
- ``.json``: one article (an object with the same fields) or an array of them, streamed (see
  :mod:`newsml.batch.json_input`);
- ``.xml``/``.nitf``: an NITF 3.x document (other XML is refused with a reason);
- anything else: the article's plain text;
- ``-``: standard input (plain text by default);
- ``--files-from LIST``: one such path a line (``-`` reads the list from standard input).

Nothing is loaded whole: folders are walked lazily, archives are read member by member (tar as
a stream), JSON Lines line by line, JSON arrays element by element, and a line, element or member
larger than ``max_size`` is skipped without being kept. Output paths (:attr:`Task.key`) mirror the inputs: a folder or archive
named on the command line contributes its own name (``news/2024/a.txt`` -> ``news/2024/a.xml``,
``old.zip`` member ``x/b.txt`` -> ``old/x/b.xml``), a JSON Lines file a folder of its records
(``feed.jsonl`` -> ``feed/<id>.xml``, or ``feed/<line number>.xml`` for records without id), and
so does a JSON array (``export.json`` -> ``export/<id>.xml`` or ``export/<position>.xml``); a JSON
file holding one object is one article (``a.json`` -> ``a.xml``).
"""

from __future__ import annotations

import fnmatch
import io
import itertools
import os
import re
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

import attrs

from newsml.batch.json_input import json_values
from newsml.batch.nitf_input import is_nitf
from newsml.batch.work import Task

__all__ = [
    "ARCHIVE_SUFFIXES",
    "DEFAULT_MAX_SIZE",
    "JSONL_SUFFIXES",
    "JSON_SUFFIXES",
    "NITF_SUFFIXES",
    "Selection",
    "Unit",
    "count_articles",
    "input_kind",
    "iter_tasks",
    "iter_units",
    "jsonl_blocks",
    "output_key",
    "read_list",
    "unit_tasks",
]

#: Largest article (file, archive member or JSON line) read, in bytes, unless told otherwise.
DEFAULT_MAX_SIZE = 10 * 1024 * 1024

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
NITF_SUFFIXES = (".xml", ".nitf")

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_READ_CHUNK = 1 << 16


@attrs.frozen
class Selection:
    """Which files of folders and archives are articles, and how large one may be.

    ``include``/``exclude`` are globs matched against the path below the folder or inside the
    archive (a pattern without ``/`` is matched against the file name alone). ``follow_links``
    lets a folder's symbolic links reach files outside the folder.
    """

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_size: int = DEFAULT_MAX_SIZE
    skip_dir: Path | None = None
    follow_links: bool = False

    def wants(self, relative: str) -> bool:
        name = relative.rsplit("/", 1)[-1]
        if self.include and not any(_glob(relative, name, p) for p in self.include):
            return False
        return not any(_glob(relative, name, p) for p in self.exclude)


def _glob(relative: str, name: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(relative if "/" in pattern else name, pattern)


def input_kind(name: str) -> str:
    """'archive', 'jsonl', 'json', 'nitf' or 'text', from a file name."""
    lower = name.lower()
    if lower.endswith(ARCHIVE_SUFFIXES):
        return "archive"
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(JSON_SUFFIXES):
        return "json"
    if lower.endswith(NITF_SUFFIXES):
        return "nitf"
    return "text"


_KNOWN_SUFFIXES = sorted(ARCHIVE_SUFFIXES + JSONL_SUFFIXES, key=len, reverse=True)


def _strip_suffix(path: str) -> str:
    """``path`` without the suffix of its last part (``.tar.gz`` counts as one suffix)."""
    folder, slash, name = path.rpartition("/")
    lower = name.lower()
    suffix = next((s for s in _KNOWN_SUFFIXES if lower.endswith(s) and len(name) > len(s)), None)
    if suffix is not None:
        name = name[: -len(suffix)]
    else:
        stem, dot, _ = name.rpartition(".")
        name = stem if dot and stem else name
    return folder + slash + name


def _clean(path: str) -> str:
    """A relative posix path: no anchor, no '.' or '..' parts."""
    parts = path.replace(os.sep, "/").split("/")
    return "/".join(part for part in parts if part not in ("", ".", ".."))


def output_key(prefix: str, relative: str) -> str:
    """The output path (relative, posix, ``.xml``) for ``relative`` under ``prefix``."""
    joined = _clean("/".join(p for p in (prefix, relative) if p))
    return (_strip_suffix(joined) if joined else "article") + ".xml"


def _argument_prefix(argument: str, is_folder: bool) -> str:
    """What a command-line path contributes to output paths (see the module docstring)."""
    path = Path(argument)
    if path.is_absolute():
        return path.name
    cleaned = _clean(argument)
    return cleaned if cleaned or is_folder else path.name


class _Numbering:
    def __init__(self) -> None:
        self._counter = itertools.count()

    def __call__(self) -> int:
        return next(self._counter)


@attrs.frozen
class Unit:
    """One file to read: named on the command line or found in a folder.

    ``relative`` is the file's output path before the suffix changes (see :func:`output_key`).
    A JSON Lines unit may be a byte range of its file (``start``/``end``, lines that begin in
    the range), whose first line is line ``first_line``: this is how ``newsml.dask`` splits a
    large file between workers.
    """

    path: str
    origin: str
    relative: str
    start: int = 0
    end: int | None = None
    first_line: int = 1


def iter_units(
    arguments: Iterable[str], selection: Selection = Selection()
) -> Iterator[Unit | Task]:
    """The files the arguments name, folders walked lazily in name order.

    Yields an error :class:`Task` (index -1) for an argument that does not exist or a folder
    that cannot be read; ``-`` (standard input) is a unit with path ``-``.
    """
    for argument in arguments:
        if argument == "-":
            yield Unit("-", "-", "stdin")
            continue
        path = Path(argument)
        if path.is_dir():
            yield from _folder_units(path, _argument_prefix(argument, True), selection)
        elif path.exists():
            yield Unit(argument, argument, _argument_prefix(argument, False))
        else:
            yield Task(
                -1,
                argument,
                output_key("", _argument_prefix(argument, False)),
                error="no such file or folder",
            )


def unit_tasks(
    unit: Unit,
    selection: Selection,
    number: Callable[[], int],
    *,
    stdin: IO[bytes] | None = None,
    stdin_kind: str = "text",
) -> Iterator[Task]:
    """The tasks (articles) of one unit, numbered by ``number``."""
    if unit.path == "-":
        yield from _stream_tasks(stdin, "-", "stdin", stdin_kind, selection, number)
    else:
        source = os.path.abspath(unit.path)
        for task in _file_tasks(unit, selection, number):
            yield attrs.evolve(task, source=source)


def iter_tasks(
    arguments: Iterable[str],
    selection: Selection = Selection(),
    *,
    stdin: IO[bytes] | None = None,
    stdin_kind: str = "text",
) -> Iterator[Task]:
    """One task per article of every input, in order; unreadable inputs are error tasks."""
    number = _Numbering()
    for unit in iter_units(arguments, selection):
        if isinstance(unit, Task):
            yield attrs.evolve(unit, index=number())
        else:
            yield from unit_tasks(unit, selection, number, stdin=stdin, stdin_kind=stdin_kind)


def read_list(stream: IO[bytes]) -> Iterator[str]:
    """The paths of a ``--files-from`` list, one a line, streamed."""
    for raw in stream:
        line = raw.decode("utf-8", "surrogateescape").rstrip("\r\n")
        if line.strip():
            yield line


def _folder_units(folder: Path, prefix: str, selection: Selection) -> Iterator[Unit | Task]:
    skip = selection.skip_dir.resolve() if selection.skip_dir is not None else None
    root = folder.resolve()

    def walk(directory: Path, relative: str) -> Iterator[Unit | Task]:
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            yield Task(
                -1,
                str(directory),
                output_key(prefix, relative or "folder"),
                error=f"cannot read folder: {error.strerror}",
            )
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_dir(follow_symlinks=False):
                if skip is not None and Path(entry.path).resolve() == skip:
                    continue
                yield from walk(Path(entry.path), child)
            elif entry.is_file() and selection.wants(child):
                origin = str(Path(folder, child))
                outside = _link_outside(entry, root) if not selection.follow_links else None
                if outside is not None:
                    yield Task(
                        -1,
                        origin,
                        output_key(prefix, child),
                        error=f"symbolic link to {outside}, outside the folder: not followed "
                        "(--follow-links follows it)",
                    )
                    continue
                yield Unit(entry.path, origin, _join(prefix, child))

    yield from walk(folder, "")


def _link_outside(entry: os.DirEntry[str], root: Path) -> Path | None:
    """Where a symbolic link ``entry`` leads when that is outside ``root``, else None."""
    if not entry.is_symlink():
        return None
    target = Path(entry.path).resolve()
    return None if target.is_relative_to(root) else target


def _join(prefix: str, relative: str) -> str:
    return f"{prefix}/{relative}" if prefix else relative


def _file_tasks(unit: Unit, selection: Selection, number: Callable[[], int]) -> Iterator[Task]:
    path, origin, relative = Path(unit.path), unit.origin, unit.relative
    kind = input_kind(path.name)
    if kind == "archive":
        yield from _archive_tasks(path, origin, _strip_suffix(relative), selection, number)
        return
    if kind in ("jsonl", "json"):
        try:
            stream = open(path, "rb")  # noqa: SIM115 (closed by the with below)
        except OSError as error:
            yield Task(
                number(), origin, output_key("", relative), error=f"cannot read: {error.strerror}"
            )
            return
        with stream:
            if kind == "json":
                yield from _json_tasks(stream, origin, relative, selection, number)
                return
            stream.seek(unit.start)
            yield from _jsonl_tasks(
                stream,
                origin,
                _strip_suffix(relative),
                selection,
                number,
                first_line=unit.first_line,
                end=unit.end,
            )
        return
    key = output_key("", relative)
    try:
        size = path.stat().st_size
        if size > selection.max_size:
            yield Task(number(), origin, key, error=_too_large(size, selection))
            return
        data = path.read_bytes()
    except OSError as error:
        yield Task(number(), origin, key, error=f"cannot read: {error.strerror}")
        return
    yield _data_task(number(), origin, key, kind, data)


def _too_large(size: int, selection: Selection) -> str:
    return f"{size} bytes, over the size limit of {selection.max_size} (--max-size)"


def _data_task(index: int, origin: str, key: str, kind: str, data: bytes) -> Task:
    if kind == "nitf":
        if not is_nitf(data):
            return Task(index, origin, key, error="XML that is not an NITF document")
        return Task(index, origin, key, "nitf", data)
    return Task(index, origin, key, "text", data)


def _stream_tasks(
    stream: IO[bytes] | None,
    origin: str,
    relative: str,
    kind: str,
    selection: Selection,
    number: Callable[[], int],
) -> Iterator[Task]:
    if stream is None:
        yield Task(number(), origin, output_key("", relative), error="no standard input")
        return
    if kind == "jsonl":
        yield from _jsonl_tasks(stream, origin, relative, selection, number)
        return
    if kind == "json":
        yield from _json_tasks(stream, origin, relative, selection, number)
        return
    data = stream.read(selection.max_size + 1)
    key = output_key("", relative)
    if len(data) > selection.max_size:
        yield Task(number(), origin, key, error=_too_large(len(data), selection))
        return
    yield _data_task(number(), origin, key, kind, data)


def _jsonl_tasks(
    stream: IO[bytes],
    origin: str,
    prefix: str,
    selection: Selection,
    number: Callable[[], int],
    *,
    first_line: int = 1,
    end: int | None = None,
) -> Iterator[Task]:
    """One task per non-blank line; a line over the size limit is skipped unread.

    With ``end``, only lines that start before byte ``end`` of the stream are read.
    """
    limit = selection.max_size
    for line_number in itertools.count(first_line):
        if end is not None and stream.tell() >= end:
            return
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line) + _skip_line(stream)
            yield Task(
                number(),
                f"{origin}:{line_number}",
                output_key(prefix, str(line_number)),
                error=_too_large(size, selection),
            )
            continue
        if not line.strip():
            continue
        key = _record_key(prefix, line, line_number)
        yield Task(number(), f"{origin}:{line_number}", key, "record", line)


def _json_tasks(
    stream: IO[bytes],
    origin: str,
    relative: str,
    selection: Selection,
    number: Callable[[], int],
) -> Iterator[Task]:
    """One task for a JSON document that is an object, one per element of an array (numbered
    from 1 in origins: ``export.json:3``); a broken array ends with an error task saying where."""
    prefix = _strip_suffix(relative)
    for value in json_values(stream, selection.max_size):
        if value.position == 0:
            value_origin, key = origin, output_key("", relative)
        else:
            value_origin = f"{origin}:{value.position}"
            key = _record_key(prefix, value.data, value.position)
        if value.error is not None:
            yield Task(number(), value_origin, key, error=value.error)
        elif value.data is None:
            yield Task(number(), value_origin, key, error=_too_large(value.size, selection))
        else:
            yield Task(number(), value_origin, key, "record", value.data)


def _skip_line(stream: IO[bytes]) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(_READ_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _record_key(prefix: str, record: bytes | None, number: int) -> str:
    """A record's output path: ``prefix/<its id>.xml``, or ``prefix/<number>.xml`` without one
    (``number``: its line in a JSON Lines file, its position in a JSON array)."""
    record_id = _record_id(record) if record is not None else None
    name = _UNSAFE.sub("_", record_id).strip("._")[:100] if record_id else ""
    return output_key(prefix, (name or str(number)) + ".json")


_ID_FIELD = re.compile(rb'"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)')


def _record_id(line: bytes) -> str | None:
    """The record's id, found without parsing the line (parsing is the worker's job)."""
    import json

    match = _ID_FIELD.search(line)
    if match is None:
        return None
    try:
        value = json.loads(match.group(1))
    except ValueError:
        return None
    return str(value)


def _archive_tasks(
    path: Path, origin: str, prefix: str, selection: Selection, number: Callable[[], int]
) -> Iterator[Task]:
    if path.name.lower().endswith(".zip"):
        yield from _zip_tasks(path, origin, prefix, selection, number)
    else:
        yield from _tar_tasks(path, origin, prefix, selection, number)


def _member_tasks(
    name: str,
    size: int,
    opener: _Opener,
    origin: str,
    prefix: str,
    selection: Selection,
    number: Callable[[], int],
) -> Iterator[Task]:
    member_origin = f"{origin}:{name}"
    kind = input_kind(name)
    key = output_key(prefix, name)
    if kind == "archive":
        yield Task(number(), member_origin, key, error="archive inside an archive is not read")
        return
    if kind in ("jsonl", "json"):
        try:
            with opener() as stream:
                if kind == "json":
                    yield from _json_tasks(
                        stream, member_origin, _join(prefix, name), selection, number
                    )
                    return
                yield from _jsonl_tasks(
                    stream, member_origin, _join(prefix, _strip_suffix(name)), selection, number
                )
        except (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, zlib.error) as error:
            yield Task(number(), member_origin, key, error=f"broken archive member: {error}")
        return
    if size > selection.max_size:
        yield Task(number(), member_origin, key, error=_too_large(size, selection))
        return
    try:
        with opener() as stream:
            data = stream.read(selection.max_size + 1)
    except (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, zlib.error) as error:
        yield Task(number(), member_origin, key, error=f"broken archive member: {error}")
        return
    if len(data) > selection.max_size:
        yield Task(number(), member_origin, key, error=_too_large(len(data), selection))
        return
    yield _data_task(number(), member_origin, key, kind, data)


#: Opens one archive member as a binary stream.
_Opener = Callable[[], IO[bytes]]


def _zip_tasks(
    path: Path, origin: str, prefix: str, selection: Selection, number: Callable[[], int]
) -> Iterator[Task]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        yield Task(number(), origin, output_key(prefix, ""), error=f"broken zip archive: {error}")
        return
    with archive:
        for info in archive.infolist():
            name = _clean(info.filename)
            if info.is_dir() or not name or _hidden(name) or not selection.wants(name):
                continue
            opener: _Opener = lambda info=info: archive.open(info)  # type: ignore[misc]
            yield from _member_tasks(
                name, info.file_size, opener, origin, prefix, selection, number
            )


def _tar_tasks(
    path: Path, origin: str, prefix: str, selection: Selection, number: Callable[[], int]
) -> Iterator[Task]:
    try:
        archive = tarfile.open(path, mode="r|*")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError, EOFError, zlib.error) as error:
        yield Task(number(), origin, output_key(prefix, ""), error=f"broken tar archive: {error}")
        return
    with archive:
        members = iter(archive)
        while True:
            try:
                info = next(members)
            except StopIteration:
                return
            except (OSError, tarfile.TarError, EOFError, zlib.error) as error:
                yield Task(
                    number(),
                    origin,
                    output_key(prefix, ""),
                    error=f"broken tar archive, the rest of it is not read: {error}",
                )
                return
            name = _clean(info.name)
            if not info.isfile() or not name or _hidden(name) or not selection.wants(name):
                continue
            opener: _Opener = lambda info=info: _tar_member(archive, info)  # type: ignore[misc]
            yield from _member_tasks(name, info.size, opener, origin, prefix, selection, number)


def _tar_member(archive: tarfile.TarFile, info: tarfile.TarInfo) -> IO[bytes]:
    stream = archive.extractfile(info)
    return stream if stream is not None else io.BytesIO(b"")


def _hidden(name: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in name.split("/"))


def jsonl_blocks(unit: Unit, block_size: int) -> Iterator[Unit]:
    """``unit`` (a JSON Lines file) cut into byte ranges of about ``block_size`` at line ends.

    Reads the file once, streaming, to count lines, so record numbers stay those of the whole
    file and the outputs match a run that reads it in one piece.
    """
    start, line, position, first = 0, 1, 0, 1
    with open(unit.path, "rb") as stream:
        for raw in stream:
            position += len(raw)
            line += 1
            if position - start >= block_size:
                yield attrs.evolve(unit, start=start, end=position, first_line=first)
                start, first = position, line
    if position > start or start == 0:
        yield attrs.evolve(unit, start=start, end=None, first_line=first)


def count_articles(arguments: Iterable[str], selection: Selection = Selection()) -> int | None:
    """How many articles the arguments hold, reading names and line ends only; None if unknown.

    For a progress bar's total: folders are walked, zip directories read, JSON Lines files'
    lines counted, JSON arrays' elements found (their brackets read, nothing parsed) and tar
    archives read through once (a compressed tar has no directory; decompressing costs a small
    fraction of converting); standard input makes the total unknown.
    """
    total = 0
    for unit in iter_units(arguments, selection):
        if isinstance(unit, Task):
            total += 1
            continue
        kind = input_kind(unit.path)
        if unit.path == "-":
            return None
        try:
            if kind == "archive" and not unit.path.lower().endswith(".zip"):
                total += _count_tar(unit.path, selection)
            elif kind == "jsonl":
                total += _count_lines(unit.path)
            elif kind == "json":
                with open(unit.path, "rb") as stream:
                    total += sum(1 for _ in json_values(stream, 0))
            elif kind == "archive":
                with zipfile.ZipFile(unit.path) as archive:
                    names = (
                        _clean(info.filename) for info in archive.infolist() if not info.is_dir()
                    )
                    total += sum(
                        1 for name in names if name and not _hidden(name) and selection.wants(name)
                    )
            else:
                total += 1
        except (OSError, zipfile.BadZipFile):
            total += 1
    return total


def _count_tar(path: str, selection: Selection) -> int:
    """The members of a tar archive that are articles (as zip members are counted); a broken
    archive counts what comes before the break, and one for the break."""
    counted = 0
    try:
        with tarfile.open(path, mode="r|*") as archive:
            for info in archive:
                name = _clean(info.name)
                if info.isfile() and name and not _hidden(name) and selection.wants(name):
                    counted += 1
    except (OSError, EOFError, tarfile.TarError, zlib.error):
        counted += 1
    return counted


def _count_lines(path: str) -> int:
    lines = 0
    last = b"\n"
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")
