"""The tables that tie the model to NewsML-G2 and NITF codes, shared by writer and reader.

Data, not code: one row per entity kind, per source kind, per identifier scheme.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "CATALOG",
    "DECLARED_SCHEMES",
    "ENTITY_KINDS",
    "G2_NS",
    "KIND_OF_TYPE",
    "SOURCE_TYPES",
    "EntityKind",
    "entity_kind",
    "known_code",
]

G2_NS = "http://iptc.org/std/nar/2006-10-01/"
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"


class EntityKind:
    """How one entity kind is written: the G2 subject type and the NITF element (None: sp:entity)."""

    __slots__ = ("code_attributes", "codes_relate", "element", "kind", "subject_type")

    def __init__(
        self,
        kind: str,
        subject_type: str,
        element: str | None,
        code_attributes: tuple[str, str],
        *,
        codes_relate: bool = False,
    ) -> None:
        self.kind = kind
        self.subject_type = subject_type
        self.element = element
        #: NITF attributes for (scheme, code) of the entity's identifier; ('', '') for none.
        self.code_attributes = code_attributes
        #: The entity's ids name a concept related to it, not the entity itself (a nationality's
        #: country): they are written as the subject's ``related`` concepts, never as its qcode.
        self.codes_relate = codes_relate


#: kind -> how it is written. Kinds not listed are written as ``cpnat:abstract`` subjects with
#: ``sp:kind`` and ``sp:entity`` mentions; so are nationality and date in G2 (no cpnat fits),
#: though a date mention is NITF's ``chron``.
ENTITY_KINDS: Mapping[str, EntityKind] = {
    row.kind: row
    for row in (
        EntityKind("person", "cpnat:person", "person", ("idsrc", "value")),
        EntityKind("organisation", "cpnat:organisation", "org", ("idsrc", "value")),
        EntityKind("place", "cpnat:geoArea", "location", ("code-source", "location-code")),
        EntityKind("event", "cpnat:event", "event", ("idsrc", "value")),
        EntityKind("date", "cpnat:abstract", "chron", ("", "")),
        EntityKind("nationality", "cpnat:abstract", None, ("", ""), codes_relate=True),
    )
}

#: subject type -> kind, for the types that name exactly one kind.
KIND_OF_TYPE: Mapping[str, str] = {
    "cpnat:person": "person",
    "cpnat:organisation": "organisation",
    "cpnat:geoArea": "place",
    "cpnat:event": "event",
}

#: Source kind -> infoSource type; other kinds are written as ``sp:kind``.
SOURCE_TYPES: Mapping[str, str] = {
    "person": "cpnat:person",
    "organisation": "cpnat:organisation",
}

#: Identifier schemes IPTC's catalog 41 declares, in the order the writer prefers them for an
#: entity's qcode (the others become ``sameAs``). Identifiers in other schemes are not written.
DECLARED_SCHEMES: tuple[str, ...] = (
    "wikidata",
    "geonames",
    "geonameshttps",
    "iso3166-1a2",
    "iso3166-1a3",
    "iso3166-2",
    "dbpedia",
    "medtop",
)


def entity_kind(kind: str) -> EntityKind:
    """The row for ``kind``; kinds newsml does not know share the nationality row's form."""
    row = ENTITY_KINDS.get(kind)
    if row is None:
        return EntityKind(kind, "cpnat:abstract", None, ("", ""))
    return row


def known_code(ids: Mapping[str, str]) -> list[tuple[str, str]]:
    """(scheme, code) pairs of ``ids`` in declared schemes, preferred first, valid codes only."""
    codes: list[tuple[str, str]] = []
    if not ids:
        return codes
    for scheme in DECLARED_SCHEMES:
        code = ids.get(scheme)
        if code and not any(character.isspace() for character in code):
            codes.append((scheme, code))
    return codes
