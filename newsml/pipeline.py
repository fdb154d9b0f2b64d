"""The whole job in one screen: text -> structure -> detectors -> model -> NewsML-G2."""

from __future__ import annotations

from typing import Any

import attrs

from newsml.detect import DETECTORS
from newsml.model import Article, Metadata
from newsml.options import Options
from newsml.text import decode, segment

__all__ = ["analyze", "convert", "split_fields"]

_METADATA_FIELDS = {field.name for field in attrs.fields(Metadata)}
_OPTION_FIELDS = {field.name for field in attrs.fields(Options)}


def analyze(text: str | bytes, **metadata: Any) -> Article:
    """Analyse one article: structure, entities, quotes and sources.

    Every offset in the result indexes ``text`` as passed in (bytes are decoded first, and
    offsets then index the decoded string). ``metadata`` holds :class:`Metadata` fields.
    """
    if isinstance(text, bytes):
        text = decode(text)
    return DETECTORS.run(segment(text, Metadata(**metadata)))


def split_fields(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split keyword arguments into Metadata fields and Options fields; reject the rest."""
    unknown = set(fields) - _METADATA_FIELDS - _OPTION_FIELDS
    if unknown:
        raise TypeError(f"unknown field(s): {', '.join(sorted(unknown))}")
    metadata = {k: v for k, v in fields.items() if k in _METADATA_FIELDS}
    options = {k: v for k, v in fields.items() if k in _OPTION_FIELDS}
    return metadata, options


def convert(text: str | bytes, **fields: Any) -> bytes:
    """Analyse ``text`` and write it as a NewsML-G2 item (Metadata and Options fields)."""
    from newsml.render.newsml import to_newsml

    metadata, options = split_fields(fields)
    return to_newsml(analyze(text, **metadata), Options(**options))
