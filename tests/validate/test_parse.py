"""Safe parsing: every kind of input, entity and DTD refusal, not-well-formed documents."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newsml.validate.parse import parse, parse_valid
from newsml.validate.schemas import official_schema
from tests.validate.items import news_item


def test_bytes_and_str_with_declaration_parse_alike() -> None:
    text = news_item()
    from_bytes, problems_bytes = parse(text.encode("utf-8"))
    from_text, problems_text = parse(text)
    assert problems_bytes == problems_text == ()
    assert from_bytes is not None and from_text is not None
    assert etree.tostring(from_bytes) == etree.tostring(from_text)


def test_utf16_input_parses() -> None:
    text = news_item().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    tree, problems = parse(text.encode("utf-16"))
    assert problems == () and tree is not None


def test_utf16_doctype_with_entities_is_refused() -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE a [\n<!ENTITY e "x">\n]>\n<a>&e;</a>'
    tree, problems = parse(text.encode("utf-16"))
    assert tree is None
    assert [(problem.line, problem.code) for problem in problems] == [(3, "doctype-entity")]


def test_external_entity_is_never_read(tmp_path: object) -> None:
    text = '<!DOCTYPE a [\n<!ENTITY secret SYSTEM "file:///etc/hostname">\n]>\n<a>&secret;</a>'
    tree, problems = parse(text)
    assert tree is None
    assert problems[0].code == "doctype-entity"
    assert "secret" in problems[0].message and problems[0].line == 2


def test_parameter_entities_are_refused() -> None:
    text = '<!DOCTYPE a [\n<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd">\n%remote;\n]>\n<a/>'
    tree, problems = parse(text)
    assert tree is None and problems[0].code == "doctype-entity" and "remote" in problems[0].message


def test_doctype_without_entities_is_refused_too() -> None:
    tree, problems = parse('<?xml version="1.0"?>\n<!DOCTYPE a SYSTEM "a.dtd">\n<a/>')
    assert tree is None
    assert [(problem.line, problem.code) for problem in problems] == [(2, "doctype")]


def test_doctype_text_inside_the_document_is_not_a_doctype() -> None:
    tree, problems = parse("<a><![CDATA[<!DOCTYPE x>]]><!-- <!ENTITY y 'z'> --></a>")
    assert problems == () and tree is not None


@pytest.mark.parametrize(
    ("text", "line", "start"),
    [
        ("<a>\n<b>\n</a>", 3, "not well-formed: Opening and ending tag mismatch: b line 2 and a"),
        ("", 1, "not well-formed: Document is empty"),
        (b"<a>\n\xff\xfe</a>", 2, "not well-formed: "),
        ("<a>\n&undefined;</a>", 2, "not well-formed: Entity 'undefined' not defined"),
        ("<a/>\n<b/>", 2, "not well-formed: Extra content at the end of the document"),
    ],
)
def test_not_well_formed_gives_line(text: str | bytes, line: int, start: str) -> None:
    tree, problems = parse(text)
    assert tree is None and len(problems) == 1
    assert problems[0].line == line
    assert problems[0].message.startswith(start)
    assert problems[0].code == "not-well-formed"
    assert "\n" not in problems[0].format("x.xml")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_parse_never_raises(data: bytes | str) -> None:
    tree, problems = parse(data)
    assert (tree is None) == bool(problems)


# --- Parsing and validating in one pass ---------------------------------------------------------


def _validation() -> Any:
    """The package newsml.validate (``import newsml.validate`` gives the function)."""
    return importlib.import_module("newsml.validate")


def test_parse_valid_gives_the_tree_of_a_valid_document(schema_dir: Path) -> None:
    text = news_item()
    schema = official_schema(schema_dir)
    tree = parse_valid(text.encode("utf-8"), schema)
    from_text = parse_valid(text, schema)  # a str with its encoding declaration
    reference, problems = parse(text.encode("utf-8"))
    assert problems == () and tree is not None and from_text is not None
    assert etree.tostring(tree) == etree.tostring(from_text) == etree.tostring(reference)


@pytest.mark.parametrize(
    "document",
    [
        news_item().replace("<headline>Headline</headline>", "<headline>x</headline><bogus/>"),
        news_item().replace("</newsItem>", ""),  # not well formed
        '<!DOCTYPE a [\n<!ENTITY e "x">\n]>\n' + news_item().split("\n", 1)[1],
    ],
    ids=["not valid", "not well formed", "doctype"],
)
def test_parse_valid_gives_nothing_for_what_parse_or_the_schema_refuses(
    document: str, schema_dir: Path
) -> None:
    assert parse_valid(document.encode("utf-8"), official_schema(schema_dir)) is None


def test_validate_reports_the_same_whichever_way_the_schema_is_checked(schema_dir: Path) -> None:
    validation = _validation()
    valid = news_item()
    invalid = valid.replace("<pubStatus", "<bogus/><pubStatus")
    for document in (valid, invalid):
        as_bytes = validation.validate(document.encode("utf-8"), schema_dir=schema_dir)
        as_tree = validation.validate(etree.fromstring(document.encode()), schema_dir=schema_dir)
        assert as_bytes.problems == as_tree.problems
        assert as_bytes.valid == as_tree.valid == (document is valid)
    problems = validation.validate(invalid, schema_dir=schema_dir).problems
    assert any(problem.code == "schema" for problem in problems)


def test_a_valid_document_is_not_walked_again_for_the_schema(
    monkeypatch: pytest.MonkeyPatch, schema_dir: Path
) -> None:
    validation = _validation()

    def walked(*arguments: object) -> object:
        raise AssertionError("the schema was checked on the tree after the parse")

    monkeypatch.setattr(validation, "_schema_problems", walked)
    assert validation.validate(news_item().encode("utf-8"), schema_dir=schema_dir).valid
