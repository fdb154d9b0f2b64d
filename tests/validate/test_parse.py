"""Safe parsing: every kind of input, entity and DTD refusal, not-well-formed documents."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newsml.validate.parse import parse
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
