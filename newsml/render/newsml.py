"""The NewsML-G2 2.35 writer: an Article as one ``newsItem``; items in a ``newsMessage``.

The item is built as a string, element by element in the order the schema wants (see
docs/newsml-mapping.md): catalogRef, itemMeta, contentMeta, partMeta (one per quote),
inlineRef (one per entity with marked mentions), contentSet/inlineXML holding the NITF
document made by :mod:`newsml.render.nitf`. Every string passes through
:mod:`newsml.render.escape` (the XML character rule, then escaping). The same article and
options give the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Sequence
from typing import Any

import attrs
import regex
from lxml import etree

from newsml.model import Article, Diagnostic, Mention, Quote, Source, Span
from newsml.options import DEFAULT_PROVIDER, Options
from newsml.render import escape
from newsml.render.ids import IdAllocator, is_ncname, make_guid
from newsml.render.nitf import (
    MAX_INLINE_DEPTH,
    SPEECH_NS,
    SPEECH_PREFIX,
    Element,
    Marks,
    Owner,
    Paragraphs,
    body_content,
    nitf_document,
)
from newsml.render.vocabulary import (
    CATALOG,
    G2_NS,
    SOURCE_TYPES,
    entity_kind,
    known_code,
)
from newsml.text.xmlchars import replace_illegal
from newsml.xmltypes import document_info

__all__ = ["InvalidItemError", "news_message", "to_newsml", "write_item"]

_LANGUAGE_TAG = regex.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*+")
_BY = regex.compile(r"(?i)^by\s++")
_DATELINE_PLACE = regex.compile(r"^[^,(\u2013\u2014]*+")

#: Ranks order spans with the same extent, outermost first.
_RANK_PART, _RANK_QUOTE, _RANK_SPEAKER, _RANK_CUE, _RANK_SOURCE, _RANK_ENTITY = range(6)
#: The parts of the text the text stage found: headline, byline and dateline, when in the text.
_TEXT_PARTS = ("headline", "byline", "dateline")
_P = SPEECH_PREFIX
_PART_ELEMENTS = tuple((part, Element(_RANK_PART, f"{_P}:{part}", "")) for part in _TEXT_PARTS)


def _version() -> str:
    import newsml

    return newsml.__version__


def _datetime(value: _dt.datetime) -> str:
    """xs:dateTime with a time zone; a naive value is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.UTC)
    return value.isoformat()


def _truncated_datetime(value: _dt.datetime | _dt.date) -> str:
    if isinstance(value, _dt.datetime):
        return _datetime(value)
    return value.isoformat()


def _qcode_attributes(codes: Sequence[tuple[str, str]], name: str) -> str:
    """qcode where an identifier in a declared scheme is known, else literal."""
    if codes:
        scheme, code = codes[0]
        return f' qcode="{escape.attribute(f"{scheme}:{code}")}"'
    return _literal(name)


@functools.lru_cache(maxsize=4096)
def _literal(name: str) -> str:
    """The literal attribute for ``name`` (the same names come back in subject, infoSource
    and inlineRef, item after item)."""
    return f' literal="{escape.attribute(escape.normalized(name))}"'


class _EntityForms:
    """How one entity is written, whatever its id: the end of its ``subject`` after the id,
    the type and code attributes of its ``inlineRef``, the element of its mentions."""

    __slots__ = ("codes", "element", "reference", "subject")

    def __init__(self, kind: str, name: str, codes: tuple[tuple[str, str], ...]) -> None:
        row = entity_kind(kind)
        # A nationality's codes name its country: related concepts, never its own qcode.
        related = codes if row.codes_relate else ()
        codes = () if row.codes_relate else codes
        self.codes = codes  # shared by every item the entity comes back in
        name = escape.normalized(name)
        self.reference = f' type="{row.subject_type}"{_qcode_attributes(codes, name)}'
        kind_attribute = ""
        if row.subject_type == "cpnat:abstract":
            kind_attribute = f' {_P}:kind="{escape.attribute(kind)}"'
        same_as = "".join([_same_as(scheme, code) for scheme, code in codes[1:]]) if codes else ""
        same_as += "".join([_related(scheme, code) for scheme, code in related])
        self.subject = (
            f"{self.reference}{kind_attribute}><name>{escape.text(name)}</name>{same_as}</subject>"
        )
        self.element = _mention_element(
            kind,
            name if row.element == "chron" else "",
            codes[0] if codes and row.code_attributes[0] else None,
        )


def _same_as(scheme: str, code: str) -> str:
    return f'<sameAs qcode="{escape.attribute(f"{scheme}:{code}")}"/>'


def _related(scheme: str, code: str) -> str:
    """A concept related to a subject ('Russian' -> Russia), without a relation code: IPTC's
    examples write ``related`` so, and no scheme of catalog 41 names 'nationality of'."""
    return f'<related qcode="{escape.attribute(f"{scheme}:{code}")}"/>'


@functools.lru_cache(maxsize=4096)
def _entity_forms(kind: str, name: str, ids: tuple[tuple[str, str], ...]) -> _EntityForms:
    """The forms of an entity (the same entities come back, article after article)."""
    return _EntityForms(kind, name, tuple(known_code(dict(ids))) if ids else ())


@functools.lru_cache(maxsize=1024)
def _mention_element(kind: str, norm: str, code: tuple[str, str] | None) -> Element:
    """The element of the mentions of an entity of ``kind``: its NITF element (or
    ``sp:entity``), with a date's ``norm`` (normalised) or the first known (scheme, code)."""
    row = entity_kind(kind)
    tag = row.element
    if tag is None:
        return Element(_RANK_ENTITY, f"{_P}:entity", f' kind="{escape.attribute(kind)}"')
    if tag == "chron":
        attributes = f' norm="{escape.attribute(norm)}"'
        return Element(_RANK_ENTITY, "chron", attributes, leaf=True)
    attributes = ""
    if code is not None:
        source_attribute, code_attribute = row.code_attributes
        attributes = (
            f' {source_attribute}="{escape.attribute(code[0])}"'
            f' {code_attribute}="{escape.attribute(code[1])}"'
        )
    return Element(_RANK_ENTITY, tag, attributes, leaf=True)


@functools.lru_cache(maxsize=1024)
def _quote_element(kind: str, xml_id: str, source_name: str | None) -> Element:
    """The element of a quote's pieces: ``q`` for direct words, else ``sp:reported``."""
    name = escape.attribute(escape.normalized(source_name)) if source_name is not None else ""
    if kind == "direct":
        return Element(
            _RANK_QUOTE, "q", f' quote-source="{name}"' if source_name is not None else ""
        )
    attributes = f' kind="{escape.attribute(kind)}" quote="{xml_id}"'
    if source_name is not None:
        attributes += f' source="{name}"'
    return Element(_RANK_QUOTE, f"{_P}:reported", attributes)


@functools.lru_cache(maxsize=1024)
def _role_element(role: str, quotes: str) -> Element:
    """The element of the speaker or cue of the quotes ``quotes`` (their ids, space-separated)."""
    return Element(
        _RANK_SPEAKER if role == "speaker" else _RANK_CUE, f"{_P}:{role}", f' quote="{quotes}"'
    )


#: A speaker's or cue's place in the body: its role and the pieces of it that paragraphs hold.
_RoleKey = tuple[str, tuple[tuple[int, int], ...]]


def _role_key(role: str, span: Span | Mention, paragraphs: Paragraphs) -> _RoleKey:
    return role, tuple(paragraphs.cut(span.start, span.end))


def _shared_roles(
    quotes: Sequence[Quote], quote_ids: Sequence[str], paragraphs: Paragraphs
) -> dict[_RoleKey, str]:
    """Where each speaker and cue is written -> the ids of every quote it belongs to.

    Quotes that go on after one attribution ('“A.” he said. “B.” ...') share its words: one
    element names them all, rather than one element per quote nested in the others, which
    for a long run of quotes would nest deeper than XML parsers accept (libxml2 stops at 256).
    Spans are compared as written (cut to the paragraphs), so that reading an item back and
    writing it again gives the same item.
    """
    shared: dict[_RoleKey, list[str]] = {}
    for quote, xml_id in zip(quotes, quote_ids):
        for role, span in (("speaker", quote.speaker), ("cue", quote.cue)):
            if span is not None:
                shared.setdefault(_role_key(role, span, paragraphs), []).append(xml_id)
    return {key: " ".join(ids) for key, ids in shared.items()}


@functools.lru_cache(maxsize=1024)
def _source_mention_element(xml_id: str) -> Element:
    return Element(_RANK_SOURCE, f"{_P}:source-mention", f' ref="{xml_id}"')


@functools.lru_cache(maxsize=256)
def _role_attribute(code: str) -> str:
    """The role attribute of an infoSource (a handful of roles recur)."""
    return f' role="{escape.attribute(_role_code(code))}"'


def _role_code(code: str) -> str:
    if not code or any(character.isspace() or character == ":" for character in code):
        raise ValueError(f"source role {code!r} is not a code of the cpprole scheme")
    return f"cpprole:{code}"


class _ItemWriter:
    """Writes one item; holds the ids allocated so far."""

    def __init__(self, article: Article, options: Options) -> None:
        self.article = article
        self.options = options
        self.text = replace_illegal(article.text)
        self.paragraphs = Paragraphs(self.text, article.paragraphs)
        self.ids = IdAllocator()
        self.entity_ids = [
            self.ids.take(_ncname(entity.id, "entity")) for entity in article.entities
        ]
        self.entity_forms = [
            _entity_forms(entity.kind, entity.name, tuple(entity.ids.items()))
            for entity in article.entities
        ]
        self.entity_by_model_id: dict[str, tuple[Sequence[tuple[str, str]], str]] = {}
        for entity, forms, xml_id in zip(article.entities, self.entity_forms, self.entity_ids):
            self.entity_by_model_id.setdefault(entity.id, (forms.codes, xml_id))
        self.source_ids = [
            self.ids.take(_ncname(source.id, "source")) for source in article.sources
        ]
        # A quote's source is found by identity (quotes usually share the article's own Source
        # objects, which the article keeps alive), else as the first equal source: equal
        # sources have equal model ids, so only sources sharing one are compared (hashing a
        # Source would hash all its mentions).
        self.sources_by_model_id: dict[str, list[tuple[Source, str]]] = {}
        self.source_by_identity: dict[int, str] = {}
        for source, xml_id in zip(article.sources, self.source_ids):
            same_id = self.sources_by_model_id.setdefault(source.id, [])
            self.source_by_identity.setdefault(id(source), self._equal_source(source) or xml_id)
            same_id.append((source, xml_id))
        self._written_sources: dict[tuple[int, str | None, str | None], str] = {}
        self.quote_ids = [self.ids.take(_ncname(quote.id, "quote")) for quote in article.quotes]

    def _equal_source(self, source: Source) -> str | None:
        """The xml id of the article's first source equal to ``source``, if any."""
        for candidate, xml_id in self.sources_by_model_id.get(source.id, ()):
            if candidate == source:
                return xml_id
        return None

    # -- body marks ---------------------------------------------------------------------

    def marks(self, *, tracked: bool = False) -> tuple[Marks, list[range], list[range]]:
        """All marks, plus the span orders of each quote's pieces and each entity's mentions.

        ``tracked`` names each span's owner in ``Marks.owners`` (see :func:`_flattened`).
        """
        article, options = self.article, self.options
        marks = Marks(self.paragraphs, tracked=tracked)
        for part, element in _PART_ELEMENTS:
            marks.span(element, getattr(article, f"{part}_span"), part, ("part", part))
        quote_fragments = [range(0)] * len(article.quotes)
        entity_fragments = [range(0)] * len(article.entities)
        if options.mark_quotes:
            shared = _shared_roles(article.quotes, self.quote_ids, self.paragraphs)
            for index, (quote, xml_id) in enumerate(zip(article.quotes, self.quote_ids)):
                source_name = quote.source.name if quote.source else None
                quote_fragments[index] = marks.numbered(
                    _quote_element(quote.kind, xml_id, source_name),
                    quote.spans,
                    xml_id,
                    ("quote", index),
                )
                for role, span in (("speaker", quote.speaker), ("cue", quote.cue)):
                    if span is None:
                        continue
                    key = _role_key(role, span, self.paragraphs)
                    quotes = shared[key]
                    if quotes.partition(" ")[0] == xml_id:  # marked once, with its first quote
                        element = _role_element(role, quotes)
                        marks.span(element, span, f"{xml_id}-{role}", ("role", key))
            for index, (source, xml_id) in enumerate(zip(article.sources, self.source_ids)):
                if source.mentions:
                    element = _source_mention_element(xml_id)
                    marks.numbered(element, source.mentions, f"{xml_id}-m", ("source", index))
        if options.mark_entities:
            for index, (entity, forms, xml_id) in enumerate(
                zip(article.entities, self.entity_forms, self.entity_ids)
            ):
                if entity.mentions:
                    entity_fragments[index] = marks.numbered(
                        forms.element, entity.mentions, xml_id, ("entity", index)
                    )
        return marks, quote_fragments, entity_fragments

    # -- G2 metadata ----------------------------------------------------------------------

    def item_meta(self, version_created: str) -> str:
        metadata, options = self.article.metadata, self.options
        first = _datetime(metadata.first_created) if metadata.first_created else version_created
        generator = escape.text(escape.normalized(options.generator))
        lines = [
            "<itemMeta>",
            '<itemClass qcode="ninat:text"/>',
            f'<provider literal="{escape.attribute(self.provider)}"/>',
            f"<versionCreated>{version_created}</versionCreated>",
            f"<firstCreated>{first}</firstCreated>",
            f'<pubStatus qcode="stat:{options.pub_status}"/>',
            f'<generator versioninfo="{escape.attribute(_version())}">{generator}</generator>',
        ]
        if options.signal:
            lines.append(f'<signal qcode="sig:{options.signal}"/>')
        lines.append("</itemMeta>")
        return "\n  ".join(lines[:-1]) + "\n " + lines[-1]

    def _info_source(self, source: Source, *, xml_id: str | None, reference: str | None) -> str:
        key = (id(source), xml_id, reference)  # the same object gives the same string
        written = self._written_sources.get(key)
        if written is None:
            written = self._written_sources[key] = self._write_info_source(
                source, xml_id, reference
            )
        return written

    def _write_info_source(self, source: Source, xml_id: str | None, reference: str | None) -> str:
        entity = self.entity_by_model_id.get(source.entity_id) if source.entity_id else None
        attributes = f' id="{xml_id}"' if xml_id else ""
        attributes += _role_attribute(source.role)
        source_type = SOURCE_TYPES.get(source.kind)
        if source_type:
            attributes += f' type="{source_type}"'
        attributes += _qcode_attributes(entity[0] if entity else (), source.name)
        if source_type is None:
            attributes += f' {_P}:kind="{escape.attribute(source.kind)}"'
        if source.anonymous:
            attributes += f' {_P}:anonymous="true"'
        if entity is not None:
            attributes += f' {_P}:entity="{entity[1]}"'
        if reference is not None:
            attributes += f' {_P}:ref="{reference}"'
        name = escape.text(escape.normalized(source.name))
        return f"<infoSource{attributes}><name>{name}</name></infoSource>"

    def _located(self) -> str:
        article = self.article
        place = article.metadata.located
        if place is None and article.dateline:
            match = _DATELINE_PLACE.match(escape.normalized(article.dateline))
            place = match.group() if match else None
        place = escape.normalized(place) if place else ""
        if not place:
            return ""
        qcode = ""
        for entity in article.entities:
            if (
                entity.kind == "place"
                and escape.normalized(entity.name).casefold() == place.casefold()
            ):
                codes = known_code(entity.ids)  # known_code(dict) is fast when there are none
                if codes:
                    qcode = f' qcode="{escape.attribute(f"{codes[0][0]}:{codes[0][1]}")}"'
                    break
        return f"<located{qcode}><name>{escape.text(place)}</name></located>"

    def content_meta(self) -> str:
        article, metadata = self.article, self.article.metadata
        lines = ["<contentMeta>"]
        if metadata.urgency is not None:
            if not 1 <= metadata.urgency <= 9:
                raise ValueError(f"urgency must be 1 to 9, got {metadata.urgency}")
            lines.append(f"<urgency>{int(metadata.urgency)}</urgency>")
        if metadata.content_created is not None:
            lines.append(
                f"<contentCreated>{_truncated_datetime(metadata.content_created)}</contentCreated>"
            )
        located = self._located()
        if located:
            lines.append(located)
        for source, xml_id in zip(article.sources, self.source_ids):
            lines.append(self._info_source(source, xml_id=xml_id, reference=None))
        byline = escape.normalized(article.byline) if article.byline else ""
        author = escape.normalized(_BY.sub("", byline)) if byline else ""
        if author:
            lines.append(
                f'<creator literal="{escape.attribute(author)}"><name>{escape.text(author)}</name></creator>'
            )
        lines.append(f'<language tag="{self.language}"/>')
        for forms, xml_id in zip(self.entity_forms, self.entity_ids):
            lines.append(f'<subject id="{xml_id}"{forms.subject}')
        lines.append(f"<headline>{escape.text(self.title)}</headline>")
        dateline = escape.normalized(article.dateline) if article.dateline else ""
        if dateline:
            lines.append(f"<dateline>{escape.text(dateline)}</dateline>")
        if byline:
            lines.append(f"<by>{escape.text(byline)}</by>")
        if metadata.source_name:
            lines.append(
                f"<creditline>{escape.text(escape.normalized(metadata.source_name))}</creditline>"
            )
        lines.append("</contentMeta>")
        return "\n  ".join(lines[:-1]) + "\n " + lines[-1]

    def part_meta(self, quote: Quote, xml_id: str, fragments: str) -> str:
        attributes = f' partid="{xml_id}"'
        if fragments:
            attributes += f' contentrefs="{fragments}"'
        attributes += f' {_P}:kind="{escape.attribute(quote.kind)}"'
        if quote.source is None:
            return f"<partMeta{attributes}/>"
        reference = self.source_by_identity.get(id(quote.source)) or self._equal_source(
            quote.source
        )
        source = self._info_source(quote.source, xml_id=None, reference=reference)
        return f"<partMeta{attributes}>{source}</partMeta>"

    @staticmethod
    def inline_ref(forms: _EntityForms, xml_id: str, fragments: str) -> str:
        if not fragments:
            return ""
        return f'<inlineRef idrefs="{fragments}"{forms.reference} {_P}:ref="{xml_id}"/>'

    # -- the item -------------------------------------------------------------------------

    def write(self) -> bytes | set[Owned]:
        """The item, or what its body could not mark within ``MAX_INLINE_DEPTH`` (owned spans)."""
        article, metadata, options = self.article, self.article.metadata, self.options
        self.provider = escape.normalized(metadata.provider or DEFAULT_PROVIDER) or DEFAULT_PROVIDER
        language = escape.normalized(article.language or "")
        self.language = language if _LANGUAGE_TAG.fullmatch(language) else "und"
        self.title = escape.normalized(article.title())
        if metadata.version < 1:
            raise ValueError(f"version must be 1 or more, got {metadata.version}")
        created = options.version_created or _dt.datetime.now(_dt.UTC).replace(microsecond=0)
        version_created = _datetime(created)
        guid = make_guid(self.provider, metadata.id, self.text, legal=True)

        marks, quote_fragments, entity_fragments = self.marks()
        content = body_content(self.text, self.paragraphs, marks, self.ids)
        if marks.dropped:
            owners = self.marks(tracked=True)[0].owners or []
            return {owners[order] for order in marks.dropped}
        byline = escape.normalized(article.byline) if article.byline else None
        dateline = escape.normalized(article.dateline) if article.dateline else None
        nitf = nitf_document(self.title, byline, dateline, content)

        parts = [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            (
                f'<newsItem xmlns="{G2_NS}" xmlns:{_P}="{SPEECH_NS}"'
                f' guid="{escape.attribute(guid)}" version="{int(metadata.version)}"'
                f' standard="NewsML-G2" standardversion="2.35" conformance="power"'
                f' xml:lang="{self.language}">\n'
            ),
            f' <catalogRef href="{CATALOG}"/>\n',
            " ",
            self.item_meta(version_created),
            "\n",
            " ",
            self.content_meta(),
            "\n",
        ]
        fragment_ids = marks.fragment_ids
        for quote, xml_id, pieces in zip(article.quotes, self.quote_ids, quote_fragments):
            parts += [" ", self.part_meta(quote, xml_id, fragment_ids(pieces)), "\n"]
        for forms, xml_id, mentions in zip(self.entity_forms, self.entity_ids, entity_fragments):
            reference = self.inline_ref(forms, xml_id, fragment_ids(mentions))
            if reference:
                parts += [" ", reference, "\n"]
        parts += [
            ' <contentSet>\n  <inlineXML contenttype="application/nitf+xml">',
            nitf,
            "</inlineXML>\n </contentSet>\n</newsItem>\n",
        ]
        return "".join(parts).encode("utf-8")


def _ncname(value: str, what: str) -> str:
    if not is_ncname(value):
        raise ValueError(f"{what} id {value!r} is not an NCName")
    return value


class InvalidItemError(ValueError):
    """``Options.validate`` was set and the item written did not validate: a bug in newsml."""


#: A marked span: its owner (as :meth:`_ItemWriter.marks` names it) and its index there.
Owned = tuple[Owner, int]


def _flattened(article: Article, owned: set[Owned], paragraphs: Paragraphs) -> Article:
    """``article`` without the spans ``owned`` names: their text stays, unmarked."""
    dropped: dict[Owner, set[int]] = {}
    for owner, index in owned:
        dropped.setdefault(owner, set()).add(index)

    def kept(owner: Owner, items: Sequence[Any]) -> tuple[Any, ...]:
        gone = dropped.get(owner, ())
        return tuple(item for index, item in enumerate(items) if index not in gone)

    sources = tuple(
        attrs.evolve(source, mentions=kept(("source", index), source.mentions))
        if ("source", index) in dropped
        else source
        for index, source in enumerate(article.sources)
    )
    # Quotes keep pointing at the article's own (now rewritten) sources.
    renamed = {id(old): new for old, new in zip(article.sources, sources)}
    quotes = []
    for index, quote in enumerate(article.quotes):
        speaker, cue = quote.speaker, quote.cue
        if speaker is not None and ("role", _role_key("speaker", speaker, paragraphs)) in dropped:
            speaker = None
        if cue is not None and ("role", _role_key("cue", cue, paragraphs)) in dropped:
            cue = None
        source = renamed.get(id(quote.source), quote.source)
        quotes.append(
            attrs.evolve(
                quote,
                spans=kept(("quote", index), quote.spans),
                speaker=speaker,
                cue=cue,
                source=source,
            )
        )
    entities = tuple(
        attrs.evolve(entity, mentions=kept(("entity", index), entity.mentions))
        for index, entity in enumerate(article.entities)
    )
    parts: dict[str, Any] = {
        f"{part}_span": None for part in _TEXT_PARTS if (("part", part), 0) in owned
    }
    return attrs.evolve(article, quotes=tuple(quotes), sources=sources, entities=entities, **parts)


#: How a diagnostic names the spans of each kind of owner.
_DROPPED_LABELS = {
    "quote": ("quote piece", "quote pieces"),
    "role": ("speaker or cue", "speakers and cues"),
    "source": ("source mention", "source mentions"),
    "entity": ("entity mention", "entity mentions"),
    "part": ("text part", "text parts"),
}


def _owned_span(article: Article, owner: Owner, index: int) -> tuple[str, Span | Mention | None]:
    """The id of what owns a dropped span and the span itself (None for a shared role)."""
    kind, which = owner
    if kind == "quote" and isinstance(which, int):
        return article.quotes[which].id, article.quotes[which].spans[index]
    if kind == "source" and isinstance(which, int):
        return article.sources[which].id, article.sources[which].mentions[index]
    if kind == "entity" and isinstance(which, int):
        return article.entities[which].id, article.entities[which].mentions[index]
    if kind == "part" and isinstance(which, str):
        return which, getattr(article, f"{which}_span")
    return "", None


def _owned_order(owned: Owned) -> tuple[str, int, int]:
    (kind, which), index = owned
    return kind, which if isinstance(which, int) else 0, index


def _flattening_diagnostic(article: Article, owned: set[Owned]) -> Diagnostic:
    """What :func:`_flattened` drops, for a person to read: how many spans of each kind, whose
    (the first few ids), and where (from the first dropped span's start to the last's end)."""
    counts: dict[tuple[str, str], int] = {}
    owners: dict[tuple[str, str], dict[str, None]] = {}
    starts, ends = [], []
    for owner, index in sorted(owned, key=_owned_order):
        label = _DROPPED_LABELS.get(owner[0], ("span", "spans"))
        counts[label] = counts.get(label, 0) + 1
        name, span = _owned_span(article, owner, index)
        if name:
            owners.setdefault(label, {})[name] = None  # a dict: ordered, no repeats
        if span is not None:
            starts.append(span.start)
            ends.append(span.end)
    shown = []
    for label, count in sorted(counts.items()):
        names = list(owners.get(label, {}))
        whose = f" ({', '.join(names[:5])}{', ...' if len(names) > 5 else ''})" if names else ""
        shown.append(f"{count} {label[count != 1]}{whose}")
    return Diagnostic(
        level="warning",
        code="markup-too-deep",
        message=(
            f"markup nested more than {MAX_INLINE_DEPTH} elements deep in a paragraph: "
            f"{'; '.join(shown)} written as plain text (the text is kept)"
        ),
        start=min(starts) if starts else None,
        end=max(ends) if ends else None,
    )


def write_item(
    article: Article, options: Options | None = None
) -> tuple[bytes, tuple[Diagnostic, ...]]:
    """``article`` as a newsItem (see :func:`to_newsml`) and the writer's diagnostics.

    Where the analysis nests spans more than ``MAX_INLINE_DEPTH`` deep in a paragraph, the
    inner ones are flattened (their markup dropped, their text kept) and a diagnostic
    (``markup-too-deep``) says how many of what were dropped.
    """
    options = options or Options()
    diagnostics: list[Diagnostic] = []
    while True:
        writer = _ItemWriter(article, options)
        written = writer.write()
        if isinstance(written, bytes):
            return written, tuple(diagnostics)
        diagnostics.append(_flattening_diagnostic(article, written))
        article = _flattened(article, written, writer.paragraphs)


def to_newsml(article: Article, options: Options | None = None) -> bytes:
    """``article`` as a NewsML-G2 2.35 ``newsItem``: UTF-8 bytes with an XML declaration.

    With ``options.validate`` the item is validated (``newsml.validate``) before it is returned.
    Markup nested deeper than ``MAX_INLINE_DEPTH`` is flattened (see :func:`write_item`).
    """
    options = options or Options()
    data = write_item(article, options)[0]
    if options.validate:
        from newsml.validate import validate

        report = validate(data, schema_dir=options.resolved_schema_dir())
        if not report.valid:
            problems = "; ".join(f"line {p.line}: {p.message}" for p in report.problems)
            raise InvalidItemError(f"newsml wrote an invalid item ({report.schema}): {problems}")
    return data


_SAFE_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_blank_text=False,
)


def news_message(
    items: Sequence[bytes],
    *,
    sent: _dt.datetime | None = None,
    sender: str = DEFAULT_PROVIDER,
    transmit_id: str | None = None,
    priority: int | None = None,
) -> bytes:
    """A ``newsMessage`` carrying ``items`` (each a NewsML-G2 item as bytes) in its itemSet.

    ``sent`` defaults to the clock (UTC); fix it for byte-identical output.
    """
    if not items:
        raise ValueError("a newsMessage needs at least one item")
    if priority is not None and not 1 <= priority <= 9:
        raise ValueError(f"priority must be 1 to 9, got {priority}")
    moment = sent or _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    header = [f"<sent>{_datetime(moment)}</sent>"]
    if sender:
        header.append(f"<sender>{escape.text(sender)}</sender>")
    if transmit_id is not None:
        header.append(f"<transmitId>{escape.text(transmit_id)}</transmitId>")
    if priority is not None:
        header.append(f"<priority>{int(priority)}</priority>")
    bodies = []
    used: set[str] = set()
    for number, item in enumerate(items, start=1):
        root = etree.fromstring(item, _SAFE_PARSER)
        if document_info(root).doctype:
            raise ValueError(f"item {number} has a DOCTYPE (entities, external DTD): refused")
        if etree.QName(root).namespace != G2_NS or not etree.QName(root).localname.endswith("Item"):
            raise ValueError(f"item {number} is not a NewsML-G2 item: {root.tag}")
        _relabel_ids(root, used, f"i{number}-")
        bodies.append(etree.tostring(root, encoding="unicode"))
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<newsMessage xmlns="{G2_NS}">\n <header>\n  '
        + "\n  ".join(header)
        + "\n </header>\n <itemSet>\n"
        + "\n".join(bodies)
        + "\n </itemSet>\n</newsMessage>\n"
    )
    return text.encode("utf-8")


#: Attributes holding ids, and attributes referring to them (G2, NITF and newsml's own).
_ID_ATTRIBUTES = ("id", "partid")
_REFERENCE_ATTRIBUTES = (
    "contentrefs",
    "idrefs",
    "idref",
    "original",
    "root",
    "sourceidref",
    f"{{{SPEECH_NS}}}continues",
    f"{{{SPEECH_NS}}}ref",
    f"{{{SPEECH_NS}}}entity",
)
#: Unqualified reference attributes of newsml's own elements.
_SPEECH_REFERENCES = ("quote", "ref")


def _relabel_ids(root: etree._Element, used: set[str], prefix: str) -> None:
    """Give an item's ids ``prefix`` when any of them is already used in the message.

    Ids must be unique in the whole message document, and every newsml item starts at e1, s1,
    q1: the first item keeps its ids, a later one that would clash has them prefixed, and every
    reference inside it follows.
    """
    elements = [element for element in root.iter() if isinstance(element.tag, str)]
    ids = {element.get(name) for element in elements for name in _ID_ATTRIBUTES} - {None}
    if ids.isdisjoint(used):
        used.update(value for value in ids if value is not None)
        return
    for element in elements:
        for name in _ID_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                element.set(name, prefix + value)
        speech = etree.QName(element).namespace == SPEECH_NS
        for name in _REFERENCE_ATTRIBUTES + (_SPEECH_REFERENCES if speech else ()):
            value = element.get(name)
            if value is not None:
                element.set(name, " ".join(prefix + token for token in value.split()))
    used.update(prefix + value for value in ids if value is not None)
