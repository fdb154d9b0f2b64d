"""Reading a NewsML-G2 ``newsItem`` back into an :class:`~newsml.model.Article`.

Everything newsml writes comes back: text (from ``body.content``), paragraphs, headline,
byline, dateline, language, metadata (id from the guid, provider, version, dates, located,
urgency, source name), entities with their kinds, identifiers and mentions, sources, and
quotes with their pieces, kind, source, speaker and cue. Writing what was read gives the same
item again. Other providers' text items are read as far as the model goes.

The reader shares the writer's tables and rules (``newsml.render.vocabulary``, ``ids``,
``escape``), so the two cannot drift apart.

The parser never touches the network, never loads a DTD, and refuses any document whose DOCTYPE
declares entities (XXE, billion laughs) with :class:`UnsafeDocumentError`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

import regex
from lxml import etree

from newsml.model import Article, Entity, Mention, Metadata, Quote, Source, Span
from newsml.read.nitf import Body, Fragment, read_body
from newsml.render.escape import normalized
from newsml.render.ids import is_ncname, parse_guid
from newsml.render.nitf import NITF_NS, SPEECH_NS
from newsml.render.vocabulary import G2_NS, KIND_OF_TYPE, SOURCE_TYPES, entity_kind
from newsml.validate.parse import safe_parser
from newsml.xmltypes import document_info

__all__ = ["NotAnItemError", "UnsafeDocumentError", "from_newsml"]

_G = f"{{{G2_NS}}}"
_S = f"{{{SPEECH_NS}}}"
_XML_DECLARATION = regex.compile(r"^\ufeff?+\s*+<\?xml[^>]*+\?>")
_SOURCE_KINDS = {value: key for key, value in SOURCE_TYPES.items()}


class UnsafeDocumentError(ValueError):
    """The document declares entities (XXE, billion laughs): newsml refuses to read it."""


class NotAnItemError(ValueError):
    """The document is well-formed XML but not a NewsML-G2 newsItem newsml can read."""


def parse(data: bytes | str) -> Any:
    """Parse ``data`` safely; raise :class:`UnsafeDocumentError` if it declares entities."""
    if isinstance(data, str):
        data = _XML_DECLARATION.sub("", data, count=1).encode("utf-8")
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as error:
        if b"<!ENTITY" in data or b"<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y" in data:
            raise UnsafeDocumentError(
                f"the document declares entities (XXE / entity expansion), refused: {error}"
            ) from None
        raise
    docinfo = document_info(root)
    for dtd in (docinfo.internalDTD, docinfo.externalDTD):
        if dtd is not None and any(True for _ in dtd.iterentities()):
            raise UnsafeDocumentError(
                "the document's DOCTYPE declares entities (XXE / entity expansion): refused"
            )
    if docinfo.doctype and (docinfo.system_url or docinfo.public_id):
        raise UnsafeDocumentError("the document's DOCTYPE refers to an external DTD: refused")
    return root


def from_newsml(data: bytes | str) -> Article:
    """Read one NewsML-G2 ``newsItem`` (or the first one in a ``newsMessage``)."""
    root = parse(data)
    if root.tag == f"{_G}newsMessage":
        item = root.find(f"{_G}itemSet/{_G}newsItem")
        if item is None:
            raise NotAnItemError("the newsMessage holds no newsItem")
        root = item
    if root.tag != f"{_G}newsItem":
        raise NotAnItemError(f"not a NewsML-G2 newsItem: <{etree.QName(root).localname}>")
    return _ItemReader(root).article()


def _name(element: Any) -> str:
    name = element.find(f"{_G}name")
    if name is not None:
        return name.text or ""
    return element.get("literal") or element.get("qcode") or ""


def _datetime(value: str | None) -> _dt.datetime | None:
    if not value:
        return None
    try:
        return _dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _truncated(value: str | None) -> _dt.datetime | _dt.date | None:
    if not value:
        return None
    value = value.strip()
    if "T" in value:
        return _datetime(value)
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def _text(element: Any | None) -> str | None:
    if element is None:
        return None
    value = "".join(element.itertext())
    return value if value.strip() else None


def _codes(element: Any, *, related: bool = False) -> dict[str, str]:
    """An element's ids: its qcode and sameAs codes, and its related concepts' codes when the
    kind's ids name a related concept (a nationality's country)."""
    ids: dict[str, str] = {}
    others = element.findall(f"{_G}sameAs") + (element.findall(f"{_G}related") if related else [])
    for qcode in [element.get("qcode"), *(other.get("qcode") for other in others)]:
        if qcode and ":" in qcode:
            scheme, code = qcode.split(":", 1)
            ids.setdefault(scheme, code)
    return ids


class _ItemReader:
    def __init__(self, item: Any) -> None:
        self.item = item
        self.meta = item.find(f"{_G}itemMeta")
        self.content_meta = item.find(f"{_G}contentMeta")
        nitf = item.find(f"{_G}contentSet/{_G}inlineXML/{{{NITF_NS}}}nitf")
        self.body = read_body(nitf) if nitf is not None else Body()
        self.used_ids: set[str] = set()

    def _content(self, tag: str) -> list[Any]:
        if self.content_meta is None:
            return []
        return list(self.content_meta.findall(f"{_G}{tag}"))

    def _unique(self, wanted: str | None, prefix: str) -> str:
        if wanted and is_ncname(wanted) and wanted not in self.used_ids:
            self.used_ids.add(wanted)
            return wanted
        number = len(self.used_ids) + 1
        while f"{prefix}{number}" in self.used_ids:
            number += 1
        self.used_ids.add(f"{prefix}{number}")
        return f"{prefix}{number}"

    # -- fragments -> spans ----------------------------------------------------------------

    def _spans(self, fragment_ids: Iterable[str]) -> list[tuple[int, int]]:
        """The spans the fragments make up, sorted: one per first fragment (sp:continues)."""
        groups: dict[str, list[Fragment]] = {}
        for fragment_id in fragment_ids:
            fragment = self.body.fragments.get(fragment_id)
            if fragment is not None:
                groups.setdefault(fragment.continues, []).append(fragment)
        spans = []
        for fragments in groups.values():
            start = min(fragment.start for fragment in fragments)
            end = max(fragment.end for fragment in fragments)
            order = min(fragment.order for fragment in fragments)
            spans.append((start, end, order))
        spans.sort()
        return [(start, end) for start, end, _ in spans]

    def _mention(self, start: int, end: int) -> Mention:
        return Mention(start, end, self.body.text[start:end])

    def _marked(self, tag: str, attribute: str | None) -> dict[str, list[str]]:
        """Fragment ids of every ``sp:<tag>`` element, grouped by each id ``attribute`` lists
        (a speaker or cue names every quote it belongs to)."""
        grouped: dict[str, list[str]] = {}
        for fragment in self.body.fragments.values():
            if fragment.element.tag == f"{_S}{tag}":
                keys = (fragment.element.get(attribute) or "").split() if attribute else []
                for key in keys or [""]:
                    grouped.setdefault(key, []).append(fragment.id)
        return grouped

    def _part(self, tag: str) -> Span | None:
        """Where the text holds its headline, byline or dateline (``sp:<tag>``), if it does."""
        spans = self._spans(self._marked(tag, None).get("", ()))
        return Span(*spans[0]) if spans else None

    # -- the model -------------------------------------------------------------------------

    def entities(self) -> tuple[list[Entity], dict[str, str]]:
        """Entities from subjects (with a kind) and their mentions from inlineRefs."""
        mentions_of: dict[str, list[str]] = {}
        for reference in self.item.findall(f"{_G}inlineRef"):
            target = reference.get(f"{_S}ref")
            if target:
                mentions_of.setdefault(target, []).extend((reference.get("idrefs") or "").split())
        entities = []
        id_of_subject: dict[str, str] = {}
        for subject in self._content("subject"):
            kind = subject.get(f"{_S}kind") or KIND_OF_TYPE.get(subject.get("type") or "")
            if kind is None:
                continue
            subject_id = subject.get("id")
            entity_id = self._unique(subject_id, "e")
            if subject_id:
                id_of_subject[subject_id] = entity_id
            mentions = tuple(
                self._mention(start, end)
                for start, end in self._spans(mentions_of.get(subject_id or "", ()))
            )
            codes = _codes(subject, related=entity_kind(kind).codes_relate)
            entities.append(Entity(entity_id, kind, _name(subject), mentions, codes))
        return entities, id_of_subject

    def _source(
        self,
        element: Any,
        source_id: str,
        entity_ids: dict[str, str],
        mentions: tuple[Mention, ...],
    ) -> Source:
        roles = [
            code for code in (element.get("role") or "").split() if code.startswith("cpprole:")
        ]
        kind = element.get(f"{_S}kind") or _SOURCE_KINDS.get(element.get("type") or "", "person")
        return Source(
            id=source_id,
            name=_name(element),
            kind=kind,
            role=roles[0].split(":", 1)[1] if roles else "originfo",
            anonymous=element.get(f"{_S}anonymous") in ("true", "1"),
            entity_id=entity_ids.get(element.get(f"{_S}entity") or ""),
            mentions=mentions,
        )

    def sources(self, entity_ids: dict[str, str]) -> tuple[list[Source], dict[str, Source]]:
        mentions_of = self._marked("source-mention", "ref")
        sources = []
        by_xml_id: dict[str, Source] = {}
        for element in self._content("infoSource"):
            xml_id = element.get("id")
            mentions = tuple(
                self._mention(start, end)
                for start, end in self._spans(mentions_of.get(xml_id or "", ()))
            )
            source = self._source(element, self._unique(xml_id, "s"), entity_ids, mentions)
            sources.append(source)
            if xml_id:
                by_xml_id[xml_id] = source
        return sources, by_xml_id

    def quotes(self, entity_ids: dict[str, str], sources: dict[str, Source]) -> list[Quote]:
        speakers = self._marked("speaker", "quote")
        cues = self._marked("cue", "quote")
        quotes = []
        for part in self.item.findall(f"{_G}partMeta"):
            part_id = part.get("partid")
            quote_id = self._unique(part_id, "q")
            fragments = (part.get("contentrefs") or "").split()
            kind = part.get(f"{_S}kind")
            if kind not in ("direct", "mixed", "indirect"):
                kind = self._kind_of(fragments)
            source = None
            info = part.find(f"{_G}infoSource")
            if info is not None:
                source = sources.get(info.get(f"{_S}ref") or "")
                if source is None:
                    source = self._source(info, f"{quote_id}-source", entity_ids, ())
            speaker_spans = self._spans(speakers.get(part_id or "", ()))
            cue_spans = self._spans(cues.get(part_id or "", ()))
            quotes.append(
                Quote(
                    id=quote_id,
                    kind=kind,
                    spans=tuple(Span(start, end) for start, end in self._spans(fragments)),
                    speaker=self._mention(*speaker_spans[0]) if speaker_spans else None,
                    source=source,
                    cue=Span(*cue_spans[0]) if cue_spans else None,
                )
            )
        return quotes

    def _kind_of(self, fragment_ids: list[str]) -> Any:
        for fragment_id in fragment_ids:
            fragment = self.body.fragments.get(fragment_id)
            if fragment is not None and fragment.tag == "sp:reported":
                return fragment.element.get("kind") or "indirect"
        return "direct"

    def metadata(self, language: str) -> Metadata:
        item, meta = self.item, self.meta
        guid = item.get("guid") or ""
        parsed = parse_guid(guid)
        provider_element = meta.find(f"{_G}provider") if meta is not None else None
        provider = None
        if provider_element is not None:
            provider = (
                provider_element.get("literal")
                or provider_element.get("qcode")
                or provider_element.get("uri")
            )
        if parsed is not None:
            provider = provider or parsed[0]
            article_id = parsed[1]
        else:
            article_id = guid or None
        try:
            version = max(1, int(item.get("version") or 1))
        except ValueError:
            version = 1
        urgency_element = self._content("urgency")
        urgency = (
            int(urgency_element[0].text)
            if urgency_element and (urgency_element[0].text or "").strip().isdigit()
            else None
        )
        located = self._content("located")
        credit = self._content("creditline")
        return Metadata(
            id=article_id,
            provider=provider,
            version=version,
            language=language,
            content_created=_truncated(self._first_text("contentCreated", self.content_meta)),
            first_created=_datetime(self._first_text("firstCreated", meta)),
            located=_name(located[0]) or None if located else None,
            urgency=urgency,
            source_name=(credit[0].text or None) if credit else None,
        )

    @staticmethod
    def _first_text(tag: str, parent: Any | None) -> str | None:
        if parent is None:
            return None
        element = parent.find(f"{_G}{tag}")
        return element.text if element is not None else None

    def article(self) -> Article:
        body = self.body
        languages = self._content("language")
        language = (
            (languages[0].get("tag") if languages else None)
            or self.item.get("{http://www.w3.org/XML/1998/namespace}lang")
            or "en"
        )
        entities, entity_ids = self.entities()
        sources, sources_by_id = self.sources(entity_ids)
        quotes = self.quotes(entity_ids, sources_by_id)
        headline = self._content("headline")
        dateline = self._content("dateline")
        byline = self._content("by")
        return Article(
            text=body.text,
            metadata=self.metadata(language),
            headline=_label(headline[0]) if headline else body.hedline or body.title,
            byline=_label(byline[0]) if byline else body.byline,
            dateline=_label(dateline[0]) if dateline else body.dateline,
            language=language,
            paragraphs=tuple(Span(start, end) for start, end in body.paragraphs),
            entities=tuple(entities),
            sources=tuple(sources),
            quotes=tuple(quotes),
            headline_span=self._part("headline"),
            byline_span=self._part("byline"),
            dateline_span=self._part("dateline"),
        )


def _label(element: Any) -> str | None:
    value = _text(element)
    return normalized(value) or None if value else None
