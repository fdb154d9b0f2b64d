"""The checks' tables are facts about IPTC's schemas: re-derive them from the official XSDs."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree

from newsml.validate import checks, schemas

XS = "http://www.w3.org/2001/XMLSchema"
DATETIME_SIMPLE_TYPES = {
    "dateTime",
    "DateOptTimeType",
    "TruncatedDateTimeType",
    "UnionDateTimeType",
    "UnionDateTimeEmptyStringType",
}


def type_name(qname: str | None) -> str | None:
    """Local name of a type reference (XSD built-ins and the schema's own types alike)."""
    return None if qname is None else qname.rpartition(":")[2]


@pytest.fixture(scope="module")
def xsd(schema_dir: Path) -> tuple[etree._ElementTree, etree._ElementTree]:
    found = schemas.find_official(schema_dir)
    assert found is not None
    return etree.parse(str(found[0])), etree.parse(str(found[1]))


def attributes_by_type(tree: etree._ElementTree) -> dict[str, set[str]]:
    """attribute name -> names of the types it is declared with anywhere."""
    types: dict[str, set[str]] = defaultdict(set)
    for attribute in tree.iter(f"{{{XS}}}attribute"):
        name = attribute.get("name")
        if name:
            types[name].add(type_name(attribute.get("type")) or "anonymous")
    return types


def test_id_and_reference_tables(xsd: tuple[etree._ElementTree, etree._ElementTree]) -> None:
    g2, nitf = xsd
    for tree, namespace in ((g2, schemas.G2_NS), (nitf, schemas.NITF_NS)):
        types = attributes_by_type(tree)
        ids = {name for name, kinds in types.items() if "ID" in kinds}
        references = {name for name, kinds in types.items() if kinds & {"IDREF", "IDREFS"}}
        assert ids == checks.ID_ATTRIBUTES.get(namespace, frozenset())
        assert references == checks.REFERENCE_ATTRIBUTES.get(namespace, frozenset())


def test_datetime_tables(xsd: tuple[etree._ElementTree, etree._ElementTree]) -> None:
    g2, _nitf = xsd
    bases: dict[str, str | None] = {}
    for complex_type in g2.iter(f"{{{XS}}}complexType"):
        content = complex_type.find(f"{{{XS}}}simpleContent/*")
        if complex_type.get("name"):
            bases[complex_type.get("name", "")] = (
                type_name(content.get("base")) if content is not None else None
            )

    def holds_datetime(name: str | None) -> bool:
        for _step in range(10):
            if name is None:
                return False
            if name in DATETIME_SIMPLE_TYPES:
                return True
            name = bases.get(name)
        return False

    elements: dict[str, set[bool]] = defaultdict(set)
    for element in g2.iter(f"{{{XS}}}element"):
        name = element.get("name")
        if not name:
            continue
        declared = element.get("type")
        if declared is None:
            content = element.find(f"{{{XS}}}complexType/{{{XS}}}simpleContent/*")
            declared = content.get("base") if content is not None else None
        elements[name].add(holds_datetime(type_name(declared)))
    assert not [name for name, kinds in elements.items() if len(kinds) > 1]
    assert {name for name, kinds in elements.items() if True in kinds} == checks.DATETIME_ELEMENTS
    types = attributes_by_type(g2)
    datetime_attributes = {
        name for name, kinds in types.items() if kinds & DATETIME_SIMPLE_TYPES - {"dateTime"}
    }
    assert datetime_attributes == checks.DATETIME_ATTRIBUTES


def test_qcode_tables(xsd: tuple[etree._ElementTree, etree._ElementTree]) -> None:
    g2, _nitf = xsd
    types = attributes_by_type(g2)
    qcodes = {name for name, kinds in types.items() if kinds & {"QCodeType", "QCodeListType"}}
    assert qcodes == checks.QCODE_ATTRIBUTES
    exceptions = set()
    for attribute in g2.iter(f"{{{XS}}}attribute"):
        name = attribute.get("name")
        if name in qcodes and type_name(attribute.get("type")) not in {
            "QCodeType",
            "QCodeListType",
        }:
            owner = next(
                ancestor
                for ancestor in attribute.iterancestors()
                if ancestor.get("name") and ancestor.tag != f"{{{XS}}}attribute"
            )
            assert owner.tag == f"{{{XS}}}element", "a string-typed QCode name outside an element"
            exceptions.add((owner.get("name"), name))
    assert exceptions == checks.NOT_QCODE


def test_power_only_and_item_elements_exist(
    xsd: tuple[etree._ElementTree, etree._ElementTree],
) -> None:
    g2, _nitf = xsd
    declared = {element.get("name") for element in g2.iter(f"{{{XS}}}element")}
    assert checks.POWER_ONLY_ELEMENTS <= declared
    assert checks.ITEM_ELEMENTS <= declared


def test_catalog_table_is_well_formed() -> None:
    table = Path(checks.__file__).with_name("catalog41.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in table.splitlines() if not line.startswith("#")]
    assert all(len(row) == 3 for row in rows)
    aliases = [alias for alias, _since, _uri in rows]
    assert len(aliases) == len(set(aliases)) == 147
    assert all(32 <= int(since) <= 41 for _alias, since, _uri in rows)
    assert all(uri.startswith(("http://", "https://")) for *_rest, uri in rows)
