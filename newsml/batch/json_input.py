"""JSON exports: a ``.json`` file holding one article (an object) or many (an array of them).

A content system's export is often one JSON document: ``{"id": ..., "text": ...}`` for one
article, or ``[{...}, {...}, ...]`` with thousands. The array is streamed, never loaded whole:
:func:`json_values` finds where each element starts and ends (by reading brackets and strings,
not by parsing), so memory holds one element at a time and an element over the size limit is
measured and skipped without being kept. Each element's bytes become a record task that the
worker parses, exactly as a JSON Lines line is (see :mod:`newsml.batch.work`).

Time is linear in the input: between brackets and quotation marks, compiled patterns jump over
the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

import attrs

__all__ = ["JsonValue", "json_values", "starts_with_object"]

_CHUNK = 1 << 16
_BOM = b"\xef\xbb\xbf"
_SPACE = b" \t\r\n"
#: Outside strings, the bytes that matter: brackets, a string's start, a separator.
_STRUCTURE = re.compile(rb'[\[\]{}",]')
#: Inside a string, the bytes that matter: its end, or an escape.
_IN_STRING = re.compile(rb'["\\]')


@attrs.frozen
class JsonValue:
    """One top-level value of a JSON export.

    Attributes:
        position: 0 for a document that is one object; else the element's position in the
            array, from 1.
        offset: the byte where the value starts.
        size: its length in bytes.
        data: its bytes; None when it is over the size limit (it was measured, not kept).
        error: what is wrong with the document at this point (then ``data`` is None); the
            values after an error are not read.
    """

    position: int
    offset: int
    size: int = 0
    data: bytes | None = None
    error: str | None = None


class _Scanner:
    """A byte stream read chunk by chunk, with a cursor."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.chunk = b""
        self.at = 0  # cursor in chunk
        self.base = 0  # stream offset of chunk[0]

    @property
    def offset(self) -> int:
        return self.base + self.at

    def fill(self) -> bool:
        """Make sure a byte is under the cursor; False at the end of the stream."""
        if self.at < len(self.chunk):
            return True
        self.base += len(self.chunk)
        self.chunk, self.at = self.stream.read(_CHUNK), 0
        return bool(self.chunk)

    def skip_space(self) -> bytes:
        """Skip white space; the byte under the cursor then (b'' at the end)."""
        while self.fill():
            while self.at < len(self.chunk) and self.chunk[self.at] in _SPACE:
                self.at += 1
            if self.at < len(self.chunk):
                return self.chunk[self.at : self.at + 1]
        return b""


def _first(scanner: _Scanner) -> bytes:
    """The document's first byte after white space and a byte order mark (b'' if none)."""
    first = scanner.skip_space()
    if first == _BOM[:1] and scanner.chunk.startswith(_BOM, scanner.at):
        scanner.at += len(_BOM)
        first = scanner.skip_space()
    return first


def starts_with_object(stream: IO[bytes]) -> bool:
    """Whether a JSON document is one object (rather than an array of them)."""
    return _first(_Scanner(stream)) == b"{"


def json_values(stream: IO[bytes], limit: int) -> Iterator[JsonValue]:
    """The top-level values of a JSON document: the document itself when it is an object, the
    elements of an array otherwise. Values over ``limit`` bytes are measured, not kept."""
    scanner = _Scanner(stream)
    first = _first(scanner)
    if first == b"{":
        start = scanner.offset
        data = bytearray(scanner.chunk[scanner.at :])
        while len(data) <= limit:
            more = stream.read(_CHUNK)
            if not more:
                break
            data += more
        if len(data) > limit:
            size = len(data) + _drain(stream)
            yield JsonValue(0, start, size)
            return
        yield JsonValue(0, start, len(data), bytes(data))
        return
    if first != b"[":
        found = "nothing" if not first else f"{first.decode('latin-1')!r}"
        yield JsonValue(
            0, scanner.offset, error=f"not a JSON object or array of objects ({found} at the start)"
        )
        return
    scanner.at += 1
    yield from _elements(scanner, limit)


def _drain(stream: IO[bytes]) -> int:
    skipped = 0
    while more := stream.read(_CHUNK):
        skipped += len(more)
    return skipped


def _elements(scanner: _Scanner, limit: int) -> Iterator[JsonValue]:
    position = 0
    while True:
        following = scanner.skip_space()
        if following == b"]" and position == 0:
            scanner.at += 1
            break
        position += 1
        start = scanner.offset
        if following in (b"", b",", b"]"):
            problem = "the file ends" if not following else f"{following.decode()!r} comes"
            yield JsonValue(
                position,
                start,
                error=f"broken JSON array: {problem} where element {position} "
                f"should start (byte {start})",
            )
            return
        value = _element(scanner, position, start, limit)
        yield value
        if value.error is not None:
            return
        after = scanner.skip_space()
        scanner.at += 1
        if after == b"]":
            break
        if after != b",":
            found = "the end of the file" if not after else f"{after.decode('latin-1')!r}"
            yield JsonValue(
                position + 1,
                scanner.offset - 1,
                error=f"broken JSON array: {found} after element {position} "
                f"(byte {scanner.offset - 1}), where ',' or ']' should be",
            )
            return
    if scanner.skip_space():
        yield JsonValue(
            position + 1,
            scanner.offset,
            error=f"broken JSON array: more data after its closing ']' (byte {scanner.offset})",
        )


def _element(scanner: _Scanner, position: int, start: int, limit: int) -> JsonValue:
    """Read one element up to the ',' or ']' that ends it (left under the cursor)."""
    kept: bytearray | None = bytearray()
    size = 0
    depth = 0
    in_string = escaped = False
    while scanner.fill():
        chunk, at = scanner.chunk, scanner.at
        end = len(chunk)  # where this chunk's part of the element ends
        finished = False
        while at < len(chunk):
            if escaped:
                at, escaped = at + 1, False
                continue
            if in_string:
                match = _IN_STRING.search(chunk, at)
                if match is None:
                    at = len(chunk)
                    break
                at = match.end()
                if match.group() == b"\\":
                    escaped = True
                else:
                    in_string = False
                continue
            match = _STRUCTURE.search(chunk, at)
            if match is None:
                at = len(chunk)
                break
            mark, at = match.group(), match.end()
            if mark == b'"':
                in_string = True
            elif mark in b"[{":
                depth += 1
            elif depth > 0 and mark in b"]}":
                depth -= 1
                if depth == 0:  # an object or array element is whole: what follows is checked
                    end, finished = at, True
                    break
            elif depth == 0 and mark in b",]}":
                at -= 1  # the separator is not part of the element
                end, finished = at, True
                break
        piece = chunk[scanner.at : min(at, end)]
        size += len(piece)
        if kept is not None:
            if size > limit:
                kept = None
            else:
                kept += piece
        scanner.at = at
        if finished:
            data = bytes(kept).rstrip(_SPACE) if kept is not None else None
            return JsonValue(position, start, size, data)
    return JsonValue(
        position,
        start,
        size,
        error=f"broken JSON array: the file ends inside element {position} (which starts at "
        f"byte {start})",
    )
