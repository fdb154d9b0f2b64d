"""validate() end to end on small items: inputs of every kind, the report and its lines."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newsml.validate import Problem, ValidationReport, validate
from newsml.validate.checks import run_checks
from tests.validate.items import line_of, news_item


def test_problem_lines_name_item_and_line() -> None:
    error = Problem(12, "not well-formed:\n  oops", code="not-well-formed")
    assert error.message == "not well-formed: oops"
    assert error.format("item.xml") == "item.xml:12: not well-formed: oops"
    warning = Problem(None, "careful", level="warning", code="x")
    assert warning.format("item.xml") == "item.xml: warning: careful"
    report = ValidationReport(False, "official", (error, warning), "item.xml")
    assert str(report) == "item.xml:12: not well-formed: oops\nitem.xml: warning: careful"
    assert report.errors == (error,) and report.warnings == (warning,)


def test_every_kind_of_input(schema_dir: Path) -> None:
    text = news_item(version_created="2026-11-27T10:00:00")
    expected = [(line_of(text, "<versionCreated>"), "time-zone")]
    tree = etree.ElementTree(etree.fromstring(text.encode()))
    for data in (text, text.encode("utf-8"), tree, tree.getroot()):
        report = validate(data, schema_dir=schema_dir)
        assert [(problem.line, problem.code) for problem in report.problems] == expected


def test_other_roots_are_refused_clearly(schema_dir: Path) -> None:
    report = validate("<html>\n<body/></html>", schema_dir=schema_dir, name="page.html")
    assert str(report) == (
        "page.html:1: root element is <html>: expected a NewsML-G2 newsItem or newsMessage "
        "(namespace http://iptc.org/std/nar/2006-10-01/)"
    )


def test_news_message_is_validated(schema_dir: Path) -> None:
    item = news_item().split("\n", 1)[1]
    message = (
        '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header>'
        f"<sent>2026-11-27T10:00:00Z</sent></header><itemSet>{item}</itemSet></newsMessage>"
    )
    assert validate(message, schema_dir=schema_dir).valid
    headless = message.replace("<header><sent>2026-11-27T10:00:00Z</sent></header>", "")
    report = validate(headless, schema_dir=schema_dir)
    assert not report.valid and "header" in report.problems[0].message


ids = st.lists(st.sampled_from([f"m{number}" for number in range(8)]), unique=True, max_size=6)


@settings(max_examples=60, deadline=None)
@given(present=ids, referenced=ids.filter(bool))
def test_dangling_references_are_exactly_the_missing_ids(
    present: list[str], referenced: list[str]
) -> None:
    paragraph = "<p>" + " ".join(f'<person id="{name}">X</person>' for name in present) + "</p>"
    text = news_item(
        after_content_meta=f'<inlineRef idrefs="{" ".join(referenced)}"/>', paragraph=paragraph
    )
    # The checks alone decide this property; the schema set plays no part in it.
    found = run_checks(etree.fromstring(text.encode()), source=text)
    missing = sorted(set(referenced) - set(present))
    assert sorted(problem.message.rsplit("'", 2)[1] for problem in found) == missing
    assert all(problem.code == "dangling-idref" for problem in found)


def test_threads_validate_independently(schema_dir: Path) -> None:
    """Compiled schemas are per thread: concurrent reports do not mix their error logs."""
    from concurrent.futures import ThreadPoolExecutor

    good = news_item()
    bad = news_item(paragraph='<p bogus="1">x</p>')
    documents = [good, bad] * 8
    with ThreadPoolExecutor(max_workers=4) as pool:
        reports = list(pool.map(lambda text: validate(text, schema_dir=schema_dir), documents))
    assert [report.valid for report in reports] == [True, False] * 8
    assert all(len(report.problems) == 1 for report in reports[1::2])
