"""Typed access to the lxml values newsml reads whose stubs (lxml-stubs 0.5) are missing or wrong.

The stubs leave out ``DocInfo.doctype``/``system_url`` and ``DTD.iterentities()``, type
``DocInfo.internalDTD`` as never None, ``_Element.sourceline`` as ``...``, make an error log not
iterable, and give attribute names and values as ``str | bytes`` where lxml gives ``str``. Each
function here states what lxml really returns, so the rest of the package stays checked by
``mypy --strict`` without casts scattered through it. They add no behaviour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, cast

from lxml import etree

__all__ = [
    "DocumentInfo",
    "DocumentTypeDefinition",
    "ErrorEntry",
    "attribute_items",
    "document_info",
    "error_entries",
    "source_line",
]


class DocumentTypeDefinition(Protocol):
    """What newsml reads of an :class:`lxml.etree.DTD`."""

    def iterentities(self) -> Iterator[object]:
        """The entity declarations of the DTD."""
        ...


class DocumentInfo(Protocol):
    """What newsml reads of an :class:`lxml.etree.DocInfo` (the document's prolog)."""

    @property
    def doctype(self) -> str:
        """The DOCTYPE declaration, '' when the document has none."""
        ...

    @property
    def public_id(self) -> str | None: ...

    @property
    def system_url(self) -> str | None: ...

    @property
    def internalDTD(self) -> DocumentTypeDefinition | None: ...

    @property
    def externalDTD(self) -> DocumentTypeDefinition | None: ...


class ErrorEntry(Protocol):
    """What newsml reads of an :class:`lxml.etree._LogEntry` (one message of an error log)."""

    @property
    def line(self) -> int: ...

    @property
    def message(self) -> str: ...

    @property
    def path(self) -> str | None: ...


def document_info(element: etree._Element) -> DocumentInfo:
    """The prolog (DOCTYPE, DTDs) of the document holding ``element``."""
    return cast(DocumentInfo, element.getroottree().docinfo)


def source_line(element: etree._Element) -> int | None:
    """The line of ``element``'s start tag in the parsed text; None for a tree built in code."""
    return cast("int | None", element.sourceline)


def error_entries(log: etree._ErrorLog) -> Iterable[ErrorEntry]:
    """The entries of an lxml error log (e.g. ``XMLSchema.error_log``), oldest first."""
    return cast("Iterable[ErrorEntry]", log)


#: ``attribute_items(element)``: ``element``'s attributes as (Clark name, value) pairs, in
#: document order. lxml's own method, only retyped: the checks call it for every element, and
#: a wrapper function would cost a Python call each time.
attribute_items = cast(
    "Callable[[etree._Element], list[tuple[str, str]]]",
    etree._Element.items,
)
