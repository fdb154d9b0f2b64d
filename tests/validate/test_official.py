"""IPTC's own text items pass the official schemas; mutants of LISTING_22 are refused, each with
the right message on the right line."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from newsml.validate import validate
from tests.validate.items import line_of

LISTING_2 = "LISTING_2_NewsML-G2_Text_Document.xml"
LISTING_22 = "LISTING_22_Sports_story_in_NewsML-G2NITF.xml"
NAME = "LISTING_22.xml"


@pytest.fixture(scope="module")
def listing_22(schema_dir: Path) -> str:
    return (schema_dir / "iptc-examples" / LISTING_22).read_text(encoding="utf-8")


def errors(text: str | bytes, schema_dir: Path) -> list[tuple[int | None, str, str]]:
    report = validate(text, schema_dir=schema_dir, name=NAME)
    assert report.schema == "official"
    assert not report.valid
    for line in report.lines():
        assert re.match(rf"{re.escape(NAME)}:\d+: \S", line), line
        assert "\n" not in line
    return [(problem.line, problem.code, problem.message) for problem in report.errors]


@pytest.mark.parametrize("listing", [LISTING_2, LISTING_22])
def test_iptc_text_items_pass(schema_dir: Path, listing: str) -> None:
    data = (schema_dir / "iptc-examples" / listing).read_bytes()
    report = validate(data, schema_dir=schema_dir, name=listing)
    assert report.schema == "official"
    assert report.valid, str(report)
    assert report.errors == ()


def test_listing_2_older_standard_version_is_a_warning(schema_dir: Path) -> None:
    """LISTING_2 declares standardversion 2.24 and core conformance: it passes 2.35, which
    accepts earlier items, and the report says which version it was checked against."""
    data = (schema_dir / "iptc-examples" / LISTING_2).read_bytes()
    report = validate(data, schema_dir=schema_dir, name="LISTING_2.xml")
    versions = [problem for problem in report.warnings if problem.code == "standard-version"]
    assert len(versions) == 1
    assert "2.24" in versions[0].message and "2.35" in versions[0].message


def test_bogus_attribute_on_nitf_paragraph_is_refused(schema_dir: Path, listing_22: str) -> None:
    """Proves the NITF body inside inlineXML is validated, not skipped by lax processing."""
    mutant = listing_22.replace("<p>(Sports Network)", '<p bogus="1">(Sports Network)')
    assert errors(mutant, schema_dir) == [
        (
            line_of(mutant, 'bogus="1"'),
            "schema",
            "Element 'nitf:p', attribute 'bogus': The attribute 'bogus' is not allowed.",
        )
    ]


def test_dangling_idref_is_refused(schema_dir: Path, listing_22: str) -> None:
    mutant = listing_22.replace(
        "    </contentMeta>", '    </contentMeta><partMeta partid="pm1" contentrefs="nowhere"/>'
    )
    assert errors(mutant, schema_dir) == [
        (
            line_of(mutant, "<partMeta"),
            "dangling-idref",
            "<partMeta contentrefs=\"nowhere\">: no element has id 'nowhere'",
        )
    ]


def test_duplicate_id_across_metadata_and_body_is_one_clean_error(
    schema_dir: Path, listing_22: str
) -> None:
    mutant = listing_22.replace(
        "<p>(Sports Network)", '<p id="sportsnetwork.com-5932656">(Sports Network)'
    )
    first = line_of(mutant, 'id="sportsnetwork.com-5932656"')
    second = line_of(mutant, '<p id="sportsnetwork.com-5932656"')
    assert errors(mutant, schema_dir) == [
        (
            second,
            "duplicate-id",
            (
                f"duplicate id 'sportsnetwork.com-5932656' on <nitf:p>: already used by <altId> "
                f"on line {first}"
            ),
        )
    ]


def test_guid_with_a_space_is_refused(schema_dir: Path, listing_22: str) -> None:
    mutant = listing_22.replace("xt.5932656-preview", "xt.5932656 preview", 1)
    assert errors(mutant, schema_dir) == [
        (
            line_of(mutant, "guid="),
            "guid",
            "guid 'tag:xmlteam.com,2016:xt.5932656 preview' is not a valid URI: it contains a space",
        )
    ]


def test_version_created_without_time_zone_is_refused(schema_dir: Path, listing_22: str) -> None:
    mutant = listing_22.replace("2018-10-19T11:45:00-04:00", "2018-10-19T11:45:00")
    assert errors(mutant, schema_dir) == [
        (
            line_of(mutant, "<versionCreated>"),
            "time-zone",
            "<versionCreated> '2018-10-19T11:45:00' has no time zone (add Z or +hh:mm)",
        )
    ]


def test_undeclared_qcode_prefix_is_refused(schema_dir: Path, listing_22: str) -> None:
    """Without the third-party catalogRef, only catalog 32's aliases are declared."""
    foreign = '<catalogRef\n        href="http://www.xmlteam.com/specification/xts-SportsCodesCatalog_1.xml" />'
    assert foreign in listing_22
    mutant = listing_22.replace(foreign, "\n")
    found = errors(mutant, schema_dir)
    assert {code for _line, code, _message in found} == {"qcode-prefix"}
    assert found[0] == (
        line_of(mutant, "<provider"),
        "qcode-prefix",
        (
            "<provider qcode=\"web:www.xmlteam.com\">: scheme alias 'web' is not declared in any "
            "catalog of the item"
        ),
    )
    # IPTC's own aliases stay declared through the catalog-32 reference.
    assert not any("'ninat'" in message or "'medtop'" in message for *_rest, message in found)


def test_unknown_prefix_with_an_unreadable_catalog_is_a_warning(
    schema_dir: Path, listing_22: str
) -> None:
    mutant = listing_22.replace('qcode="ninat:text"', 'qcode="ninatx:text"')
    report = validate(mutant, schema_dir=schema_dir, name=NAME)
    assert report.valid
    warned = [problem for problem in report.warnings if "'ninatx'" in problem.message]
    assert len(warned) == 1 and warned[0].line == line_of(mutant, "ninatx")
    assert "xts-SportsCodesCatalog_1.xml" in warned[0].message


def test_xxe_document_is_refused(schema_dir: Path, listing_22: str) -> None:
    declaration, rest = listing_22.split("\n", 1)
    mutant = (
        declaration
        + '\n<!DOCTYPE newsItem [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
        + rest.replace("<headline>Preview:", "<headline>&xxe; Preview:")
    )
    found = errors(mutant.encode("utf-8"), schema_dir)
    assert len(found) == 1
    line, code, message = found[0]
    assert (line, code) == (3, "doctype-entity")
    assert "xxe" in message and "refused" in message


def test_billion_laughs_document_is_refused(schema_dir: Path, listing_22: str) -> None:
    names = ["lol", *(f"lol{level}" for level in range(1, 10))]
    entities = '<!ENTITY lol "lol">\n' + "".join(
        f'<!ENTITY {name} "{("&" + previous + ";") * 10}">\n'
        for previous, name in itertools.pairwise(names)
    )
    declaration, rest = listing_22.split("\n", 1)
    mutant = f"{declaration}\n<!DOCTYPE newsItem [\n{entities}]>\n" + rest.replace(
        "<headline>Preview:", "<headline>&lol9; Preview:"
    )
    found = errors(mutant, schema_dir)
    assert [(line, code) for line, code, _message in found] == [(3, "doctype-entity")]


def test_broken_xml_gives_its_line(schema_dir: Path, listing_22: str) -> None:
    mutant = listing_22.replace("7:05p.m.</hl1>", "7:05p.m.</hl2>")
    found = errors(mutant, schema_dir)
    assert len(found) == 1
    line, code, message = found[0]
    assert (line, code) == (line_of(mutant, "</hl2>"), "not-well-formed")
    assert message.startswith("not well-formed: Opening and ending tag mismatch: hl1")
    report = validate(mutant, schema_dir=schema_dir, name="item.xml")
    assert str(report) == f"item.xml:{line}: {message}"
