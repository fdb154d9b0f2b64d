"""Bytes in: UTF-8 (with or without BOM) and UTF-16 with BOM, or the encoding the caller names.

The rule:

- An encoding named by the caller wins; a byte order mark of that same encoding at the start
  is dropped (``utf-8`` named for a file that starts with the UTF-8 BOM).
- Otherwise a UTF-8 BOM means UTF-8 and a UTF-16 BOM (little or big endian) means UTF-16; the
  BOM is dropped. A UTF-32 BOM is refused: UTF-32 must be named.
- Otherwise the bytes must be UTF-8. Bytes with many NULs are refused as binary data (or as
  UTF-16 without a BOM, when every other byte is NUL) even when they are valid UTF-8; a stray
  NUL in text is kept, and the text stage reports it.

Nothing else changes: no newline or Unicode normalisation, so offsets into the returned string
are offsets into the text as written. A failure raises :class:`DecodeError` with a one-line
message naming the input and the byte offset, e.g. ``news/a.txt: not valid UTF-8 at byte 1234
(invalid start byte)``.
"""

from __future__ import annotations

import codecs
from typing import Final

__all__ = ["DecodeError", "decode"]

#: Bytes looked at to tell binary data from text.
BINARY_SAMPLE: Final = 4096

#: Codec name -> its byte order mark, for the named encodings whose BOM is dropped.
_NAMED_BOMS: Final = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}

#: The byte order marks recognised without a named encoding, in the order they are tested
#: (UTF-32 LE before UTF-16 LE: its BOM starts with UTF-16 LE's).
_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF32_LE, None, "UTF-32"),
    (codecs.BOM_UTF32_BE, None, "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


class DecodeError(ValueError):
    """The bytes are not text in an encoding newsml accepts; the message names input and offset."""


def decode(data: bytes, *, encoding: str | None = None, name: str = "<input>") -> str:
    """Decode ``data`` by the rule in the module docstring; raise :class:`DecodeError`."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode() takes bytes, not {type(data).__name__}")
    data = bytes(data)
    if encoding is not None:
        return _decode_named(data, encoding, name)
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            if codec is None:
                raise DecodeError(
                    f"{name}: starts with a {label} byte order mark; {label} is read only when"
                    " the encoding is named"
                )
            return _decode(data, codec, label, len(bom), name)
    _refuse_binary(data, name)
    return _decode(data, "utf-8", "UTF-8", 0, name)


def _decode_named(data: bytes, encoding: str, name: str) -> str:
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise DecodeError(f"{name}: unknown encoding {encoding!r}") from None
    if not getattr(codec, "_is_text_encoding", True):
        raise DecodeError(f"{name}: {encoding!r} is not a text encoding")
    bom = _NAMED_BOMS.get(codec.name, b"")
    skip = len(bom) if bom and data.startswith(bom) else 0
    return _decode(data, codec.name, encoding, skip, name)


def _decode(data: bytes, codec: str, label: str, skip: int, name: str) -> str:
    try:
        return codecs.decode(data[skip:], codec)
    except UnicodeDecodeError as error:
        raise DecodeError(
            f"{name}: not valid {label} at byte {error.start + skip} ({error.reason})"
        ) from None


def _refuse_binary(data: bytes, name: str) -> None:
    """Raise when the start of ``data`` holds many NULs: binary data or BOM-less UTF-16."""
    sample = data[:BINARY_SAMPLE]
    nuls = sample.count(0)
    if nuls < 2 or nuls * 16 < len(sample):
        return
    first = sample.index(0)
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    # Mostly Latin UTF-16: three high bytes in four are NUL, at most one low byte in four.
    half = len(sample) // 2
    if odd * 4 >= half * 3 and even * 4 <= half:
        hint = "UTF-16 (little endian) without a byte order mark; name the encoding utf-16-le"
    elif even * 4 >= half * 3 and odd * 4 <= half:
        hint = "UTF-16 (big endian) without a byte order mark; name the encoding utf-16-be"
    else:
        hint = f"binary data, not text ({nuls} NUL bytes in the first {len(sample)})"
    raise DecodeError(f"{name}: looks like {hint}; first NUL at byte {first}")
