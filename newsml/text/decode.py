"""Bytes in: UTF-8 (with or without BOM) and UTF-16 with BOM, or the encoding the caller names."""

from __future__ import annotations

import codecs

__all__ = ["DecodeError", "decode"]


class DecodeError(ValueError):
    """The bytes are not text in an encoding newsml accepts; the message names input and offset."""


def decode(data: bytes, *, encoding: str | None = None, name: str = "<input>") -> str:
    """Decode ``data``; raise :class:`DecodeError` naming ``name`` and the byte offset."""
    if encoding is not None:
        codec = encoding
    elif data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    else:
        codec = "utf-8"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise DecodeError(
            f"{name}: not valid {codec} at byte {error.start} ({error.reason})"
        ) from None
    except LookupError:
        raise DecodeError(f"{name}: unknown encoding {encoding!r}") from None
