"""What newsml's profile XSD says about ids: the attributes it types as xs:ID and as
xs:IDREF / xs:IDREFS (directly or through named simple types), in whatever namespace it defines,
e.g. newsml's own speech namespace. The reference check adds them to its static tables, so a
new IDREF attribute in the profile is checked without touching the checks.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

__all__ = ["modification_time", "profile_id_attributes"]

XS_NS = "http://www.w3.org/2001/XMLSchema"


def modification_time(file: str | Path) -> float:
    """The entry file's modification time (editing the profile means touching its entry)."""
    try:
        return os.stat(file).st_mtime
    except OSError:
        return -1.0


@functools.lru_cache(maxsize=4)
def profile_id_attributes(
    entry: str, stamp: float = 0.0
) -> tuple[Mapping[str, frozenset[str]], Mapping[str, frozenset[str]]]:
    """(IDREF attributes, ID attributes) that the profile XSD files beside ``entry`` declare,
    keyed by the namespace of the elements carrying them ("*" for qualified global attributes,
    whose key is then the attribute's Clark name). Empty when the profile is absent. ``stamp``
    (the files' modification time) only keys the cache."""
    folder = Path(entry).parent
    if not Path(entry).is_file():
        return {}, {}
    documents = []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    for file in sorted(folder.glob("*.xsd")):
        documents.append(etree.parse(str(file), parser).getroot())
    # Named simple types that are IDREF(S) or ID, by (target namespace, name).
    kinds: dict[tuple[str, str], str] = {}

    def kind_of(qname: str | None, element: etree._Element) -> str | None:
        if not qname:
            return None
        prefix, _, local = qname.rpartition(":")
        namespace = element.nsmap.get(prefix or None, "")
        if namespace == XS_NS:
            return {"IDREF": "reference", "IDREFS": "reference", "ID": "id"}.get(local)
        return kinds.get((namespace or "", local))

    settled = False
    while not settled:  # types built on types: repeat until no new type is found
        settled = True
        for schema in documents:
            target = schema.get("targetNamespace", "")
            for simple in schema.iter(f"{{{XS_NS}}}simpleType"):
                name = simple.get("name")
                if not name:
                    continue
                for base in simple.iter(f"{{{XS_NS}}}restriction", f"{{{XS_NS}}}list"):
                    kind = kind_of(base.get("base") or base.get("itemType"), base)
                    if kind and (target, name) not in kinds:
                        kinds[(target, name)] = kind
                        settled = False
    references: dict[str, set[str]] = {}
    ids: dict[str, set[str]] = {}
    for schema in documents:
        target = schema.get("targetNamespace", "")
        qualified_default = schema.get("attributeFormDefault") == "qualified"
        for attribute in schema.iter(f"{{{XS_NS}}}attribute"):
            name = attribute.get("name")
            if not name:
                continue
            simple = attribute.find(f"{{{XS_NS}}}simpleType")
            kind = kind_of(attribute.get("type"), attribute)
            if kind is None and simple is not None:
                for base in simple.iter(f"{{{XS_NS}}}restriction", f"{{{XS_NS}}}list"):
                    kind = kind or kind_of(base.get("base") or base.get("itemType"), base)
            if kind is None:
                continue
            global_attribute = attribute.getparent() is schema
            qualified = (
                global_attribute
                or attribute.get("form", "qualified" if qualified_default else "") == "qualified"
            )
            key, attribute_name = (
                ("*", f"{{{target}}}{name}") if qualified and target else (target, name)
            )
            (references if kind == "reference" else ids).setdefault(key, set()).add(attribute_name)
    return (
        {key: frozenset(value) for key, value in references.items()},
        {key: frozenset(value) for key, value in ids.items()},
    )
