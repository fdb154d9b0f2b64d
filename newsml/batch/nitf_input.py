"""NITF 3.x files as input: old wire archives keep their headline, byline, dateline, dates and ids.

The article's text is the body's paragraphs (``body.content`` ``p`` elements, else the whole
``body.content``), one paragraph a line pair (joined by a blank line), with their words as
written. What the head says about the article becomes :class:`newsml.model.Metadata` fields:

=======================================  =====================================
NITF                                     Metadata
=======================================  =====================================
``body.head/hedline/hl1``                ``headline`` (else ``head/title``)
``body.head/byline`` (its text)          ``byline``
``body.head/dateline`` (its text)        ``dateline``
``dateline/location/city`` (or location) ``located``
``docdata/doc-id/@id-string``            ``id``
``docdata/date.issue/@norm``             ``content_created``
``docdata/date.release/@norm``           ``first_created`` (a date-time only)
``docdata/urgency/@ed-urg``              ``urgency`` (1-9)
``head/pubdata/@name``                   ``source_name``
``nitf/@xml:lang`` or ``head/@xml:lang`` ``language``
=======================================  =====================================

NITF 3.0-3.4 have no namespace, 3.5 and 3.6 use ``http://iptc.org/std/NITF/2006-10-18/``;
elements are matched by local name, so both read the same. The parser never touches the
network and expands no entity: a document that uses one (other than XML's five) is refused.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from lxml import etree

from newsml.validate.parse import safe_parser

__all__ = ["NitfError", "is_nitf", "read_nitf"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class NitfError(ValueError):
    """The bytes are not an NITF document newsml can read; the message says why."""


def is_nitf(data: bytes) -> bool:
    """True when the document's root element is ``nitf`` (looked for in the first 4 KB)."""
    head = data[:4096]
    position = 0
    while True:
        position = head.find(b"<", position)
        if position < 0 or position + 1 >= len(head):
            return False
        following = head[position + 1 : position + 2]
        if following not in (b"?", b"!"):
            name = head[position + 1 :].split(None, 1)[0].split(b">", 1)[0].split(b"/", 1)[0]
            return name.rsplit(b":", 1)[-1] == b"nitf"
        position += 1


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _find(root: Any, *path: str) -> Any | None:
    """The first element reached by following local names from ``root``."""
    current = root
    for name in path:
        current = next((child for child in current if _local(child) == name), None)
        if current is None:
            return None
    return current


def _descendant(root: Any, name: str) -> Any | None:
    return next((element for element in root.iter() if _local(element) == name), None)


def _words(element: Any | None) -> str | None:
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def _time(value: str | None, *, need_time: bool = False) -> _dt.datetime | _dt.date | None:
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 8 and text.isdigit():
            day = _dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
            return _dt.datetime.combine(day, _dt.time(), _dt.UTC) if need_time else day
        moment = _dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=_dt.UTC)


def read_nitf(data: bytes) -> tuple[str, dict[str, Any]]:
    """The article text of an NITF document and its Metadata fields; raises :class:`NitfError`."""
    try:
        root = etree.fromstring(data, safe_parser(remove_comments=True, remove_pis=True))
    except etree.XMLSyntaxError as error:
        raise NitfError(f"not well-formed XML: {error}") from None
    entity = next(root.iter(etree.Entity), None)
    if entity is not None:
        raise NitfError(f"uses the entity {entity.text}, which newsml does not expand")
    if _local(root) != "nitf":
        raise NitfError(f"XML whose root is {_local(root)!r}, not an NITF document")
    body = _find(root, "body")
    content = _find(body, "body.content") if body is not None else None
    if content is None:
        raise NitfError("NITF document without body.content")
    paragraphs = [_words(p) for p in content.iter() if _local(p) == "p"]
    if not any(paragraphs):
        paragraphs = [_words(content)]
    text = "\n\n".join(p for p in paragraphs if p)
    if not text:
        raise NitfError("NITF document with an empty body")
    head = _find(root, "head")
    body_head = _find(body, "body.head") if body is not None else None
    fields: dict[str, Any] = {}
    if body_head is not None:
        hedline = _find(body_head, "hedline")
        fields["headline"] = _words(_find(hedline, "hl1") if hedline is not None else None)
        fields["byline"] = _words(_find(body_head, "byline"))
        dateline = _find(body_head, "dateline")
        fields["dateline"] = _words(dateline)
        if dateline is not None:
            place = _descendant(dateline, "city")
            if place is None:
                place = _descendant(dateline, "location")
            fields["located"] = _words(place)
    if head is not None:
        if not fields.get("headline"):
            fields["headline"] = _words(_find(head, "title"))
        docdata = _find(head, "docdata")
        if docdata is not None:
            doc_id = _find(docdata, "doc-id")
            if doc_id is not None:
                fields["id"] = (doc_id.get("id-string") or "").strip() or None
            issue = _find(docdata, "date.issue")
            if issue is not None:
                fields["content_created"] = _time(issue.get("norm"))
            release = _find(docdata, "date.release")
            if release is not None:
                fields["first_created"] = _time(release.get("norm"), need_time=True)
            urgency = _find(docdata, "urgency")
            value = urgency.get("ed-urg") if urgency is not None else None
            if value and value.strip().isdigit() and 1 <= int(value) <= 9:
                fields["urgency"] = int(value)
        pubdata = _find(head, "pubdata")
        if pubdata is not None:
            fields["source_name"] = (pubdata.get("name") or "").strip() or None
    language = root.get(_XML_LANG) or (head.get(_XML_LANG) if head is not None else None)
    if language:
        fields["language"] = language
    if isinstance(fields.get("first_created"), _dt.date) and not isinstance(
        fields.get("first_created"), _dt.datetime
    ):
        fields.pop("first_created")
    return text, {name: value for name, value in fields.items() if value is not None}
