"""The data model: frozen attrs classes holding character offsets into the article's text.

Every ``start``/``end`` pair indexes ``Article.text`` exactly as the caller passed it in
(Python string indices, end exclusive). Stages never mutate a value: they build new ones
with :func:`attrs.evolve`.

Identifiers (``Entity.id``, ``Source.id``, ``Quote.id``) are short NCNames unique within one
article (``e1``, ``s1``, ``q1``, ...); the writer derives XML ids from them.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Literal

import attrs

__all__ = [
    "Article",
    "Diagnostic",
    "Entity",
    "Level",
    "Mention",
    "Metadata",
    "Quote",
    "QuoteKind",
    "Source",
    "Span",
]

#: Diagnostic levels, from least to most severe.
Level = Literal["info", "warning", "error"]

#: 'direct': wholly inside quotation marks; 'mixed': reported speech holding quoted words;
#: 'indirect': reported speech or "according to" with no quotation marks.
QuoteKind = Literal["direct", "mixed", "indirect"]

#: Entity kinds newsml emits. Others may be added by user detectors.
#: Longest derived headline, in characters (see :meth:`Article.title`).
HEADLINE_LIMIT = 120

ENTITY_KINDS = ("person", "organisation", "place", "event", "nationality", "date")


def _check_span(instance: Span | Mention, attribute: attrs.Attribute[int], value: int) -> None:
    start = instance.start
    if value < start:
        raise ValueError(f"span end {value} is before its start {start}")


def _frozen_mapping(value: Mapping[str, str] | None) -> Mapping[str, str]:
    return dict(value or {})


@attrs.frozen
class Span:
    """A stretch of the article's text: ``text[start:end]``."""

    start: int
    end: int = attrs.field(validator=_check_span)

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """The characters this span covers in ``text``."""
        return text[self.start : self.end]


@attrs.frozen
class Mention:
    """Words in the text that name something: ``text[start:end] == self.text``."""

    start: int
    end: int = attrs.field(validator=_check_span)
    text: str = ""


@attrs.frozen
class Diagnostic:
    """A problem found with one article, as data: it never stops a batch."""

    level: Level
    code: str
    message: str
    start: int | None = None
    end: int | None = None


@attrs.frozen(eq=True)
class Entity:
    """A person, organisation, place, event, ... with every mention of it in the text.

    ``ids`` maps an identifier scheme to a code, e.g. ``{"iso3166-1a2": "RU",
    "geonames": "2017370"}``; only verified identifiers are kept.
    For ``kind == "date"``, ``name`` is the ISO 8601 normalisation.
    """

    id: str
    kind: str
    name: str
    mentions: tuple[Mention, ...] = ()
    ids: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)


@attrs.frozen
class Source:
    """Whom the article's information comes from.

    Either a named entity (``entity_id`` set, ``anonymous`` False) or an anonymous
    description kept as written ('a senior Russian embassy official', 'analysts').
    ``role`` is a code of IPTC's Content Production Party Role scheme without its prefix
    (e.g. 'originfo', 'spokesperson'); the writer adds ``cpprole:``.
    """

    id: str
    name: str
    kind: str = "person"
    role: str = "originfo"
    anonymous: bool = False
    entity_id: str | None = None
    mentions: tuple[Mention, ...] = ()


@attrs.frozen
class Quote:
    """A quotation or attribution: its pieces, the words naming the speaker, and the source.

    A direct piece includes its quotation marks. A quote interrupted by "she said" or running
    over several paragraphs has several pieces, in text order.
    ``speaker`` is the explicit mention next to the quote ('he', 'Lavrov', 'a senior official');
    ``source`` is what that mention resolves to. ``cue`` is the speech verb or phrase.
    """

    id: str
    kind: QuoteKind
    spans: tuple[Span, ...]
    speaker: Mention | None = None
    source: Source | None = None
    cue: Span | None = None

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end


@attrs.frozen
class Metadata:
    """What the caller knows about the article; every field is optional.

    Given values win over what newsml finds in the text (headline, byline, dateline,
    language). Datetimes must carry a time zone.
    """

    id: str | None = None
    provider: str | None = None
    version: int = 1
    headline: str | None = None
    byline: str | None = None
    dateline: str | None = None
    language: str | None = None
    content_created: _dt.datetime | _dt.date | None = None
    first_created: _dt.datetime | None = None
    located: str | None = None
    urgency: int | None = None
    source_name: str | None = None


@attrs.frozen
class Article:
    """An analysed article: the caller's text and everything found in it."""

    text: str
    metadata: Metadata = Metadata()
    headline: str | None = None
    headline_span: Span | None = None
    byline: str | None = None
    byline_span: Span | None = None
    dateline: str | None = None
    dateline_span: Span | None = None
    language: str = "en"
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    sources: tuple[Source, ...] = ()
    quotes: tuple[Quote, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    def title(self, limit: int = HEADLINE_LIMIT) -> str:
        """The headline, or one derived from the text when the article has none.

        The rule: the first sentence (else the first paragraph, else the text) with every run
        of white space made one space; longer than ``limit`` characters, it is cut at the last
        space before the limit and ends with an ellipsis (U+2026). An article with no text at
        all is titled '(untitled)'.
        """
        if self.headline and self.headline.strip():
            return " ".join(self.headline.split())
        first = (
            self.sentences[0]
            if self.sentences
            else (self.paragraphs[0] if self.paragraphs else Span(0, len(self.text)))
        )
        words = first.of(self.text).split()
        if not words:
            return "(untitled)"
        lead = " ".join(words)
        if len(lead) <= limit:
            return lead
        cut = lead.rfind(" ", 0, limit)
        return (lead[:cut] if cut > 0 else lead[: limit - 1]).rstrip(" ,;:-") + "\u2026"

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None
