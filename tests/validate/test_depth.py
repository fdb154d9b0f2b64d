"""The depth check: a document nested deeper than parsers accept gets one clear line."""

from __future__ import annotations

from lxml import etree

from newsml.validate import validate
from newsml.validate.checks import MAX_DEPTH
from tests.validate.items import news_item

# The item's <p> sits 7 levels deep: newsItem, contentSet, inlineXML, nitf, body, body.content.
_P_DEPTH = 7


def _nested(levels: int) -> str:
    return news_item(paragraph="<p>" + "<em>" * levels + "x" + "</em>" * levels + "</p>")


def test_as_deep_as_parsers_accept_is_fine() -> None:
    report = validate(_nested(MAX_DEPTH - _P_DEPTH), official=False)
    assert not [problem for problem in report.problems if problem.code == "depth"]


def test_one_level_deeper_is_one_clear_line() -> None:
    report = validate(_nested(MAX_DEPTH - _P_DEPTH + 1), name="deep.xml", official=False)
    assert not report.valid
    (problem,) = report.problems
    assert problem.code == "depth"
    lines = _nested(1).split("\n")
    assert problem.line == next(n for n, line in enumerate(lines, 1) if line.startswith("<p>"))
    text = str(report)
    assert text.count("\n") == 0
    assert text.startswith("deep.xml:") and f"more than {MAX_DEPTH} levels deep" in text


def test_a_tree_built_deeper_is_reported_by_the_check() -> None:
    root = etree.fromstring(_nested(MAX_DEPTH - _P_DEPTH).encode())
    deepest = next(element for element in root.iter() if len(element) == 0 and element.text == "x")
    etree.SubElement(deepest, deepest.tag).text = "y"
    report = validate(root, official=False)
    depth = [problem for problem in report.problems if problem.code == "depth"]
    assert len(depth) == 1 and "first at nitf:em" in depth[0].message
