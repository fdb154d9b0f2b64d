"""Validation of NewsML-G2 documents (a ``newsItem`` or a ``newsMessage``).

    >>> report = validate(data, name="item.xml")
    >>> report.valid, report.schema
    (False, 'official')
    >>> print(report)        # one problem a line: "item.xml:12: message"

The document is parsed safely (no network, no DTD, no entity expansion: see :mod:`.parse`), checked
against IPTC's official NewsML-G2 2.35 + NITF 3.6 schemas when they are at hand, else against
newsml's own profile (see :mod:`.schemas` for where schemas are looked for), then by the checks
XML Schema cannot express (:mod:`.checks`). :func:`fetch` (in :mod:`.fetch`, the only code in
newsml that uses the network) puts the official schemas into the user cache.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from newsml.validate.checks import CHECKS, run_checks
from newsml.validate.fetch import FetchError, fetch
from newsml.validate.parse import parse as parse_safely
from newsml.validate.parse import parse_valid
from newsml.validate.report import Problem, ValidationReport
from newsml.validate.schemas import (
    G2_NS,
    NITF_NS,
    SchemaLocation,
    SchemaNotFoundError,
    locate,
    official_schema,
    path,
    profile_schema,
)
from newsml.xmltypes import error_entries, source_line

__all__ = [
    "CHECKS",
    "FetchError",
    "Problem",
    "SchemaLocation",
    "SchemaNotFoundError",
    "ValidationReport",
    "fetch",
    "locate",
    "path",
    "validate",
]

#: Document roots newsml validates, in the NewsML-G2 namespace.
ACCEPTED_ROOTS = ("newsItem", "newsMessage")

#: The checks of a document parsed here: the parser refuses elements nested deeper than the
#: depth check looks for (see :mod:`.parse`), so only a tree handed over as such needs it.
_PARSED_CHECKS = tuple((name, check) for name, check in CHECKS if name != "depth")

#: How namespaces are shown in schema messages (Clark notation is hard to read).
_SHOWN_NAMESPACES = ((f"{{{G2_NS}}}", ""), (f"{{{NITF_NS}}}", "nitf:"))


def _readable(message: str) -> str:
    for clark, prefix in _SHOWN_NAMESPACES:
        message = message.replace(clark, prefix)
    return message


def _root_problem(root: etree._Element) -> Problem | None:
    accepted = {f"{{{G2_NS}}}{local}" for local in ACCEPTED_ROOTS}
    if root.tag in accepted:
        return None
    shown = _readable(root.tag) if isinstance(root.tag, str) else repr(root.tag)
    return Problem(
        source_line(root),
        f"root element is <{shown}>: expected a NewsML-G2 newsItem or newsMessage "
        f"(namespace {G2_NS})",
        code="root",
    )


def _schema_problems(schema: etree.XMLSchema, tree: etree._ElementTree) -> list[Problem]:
    if schema.validate(tree):
        return []
    return [
        Problem(entry.line or None, _readable(entry.message), code="schema", path=entry.path)
        for entry in error_entries(schema.error_log)
    ]


_DUPLICATE_ID = re.compile(
    r"attribute '[^']+': '([^']*)' is not a valid value of the atomic type 'xs:ID'"
)


def _without_repeats(schema_problems: list[Problem], checked: list[Problem]) -> list[Problem]:
    """Drop libxml2's cryptic report of a duplicate id ("not a valid value of the atomic type
    'xs:ID'") where the duplicate-id check says the same thing clearly."""
    duplicates = {
        value
        for problem in checked
        if problem.code == "duplicate-id"
        for value in re.findall(r"duplicate id '([^']*)'", problem.message)
    }
    if not duplicates:
        return schema_problems
    kept = []
    for problem in schema_problems:
        match = _DUPLICATE_ID.search(problem.message)
        if match is None or match.group(1) not in duplicates:
            kept.append(problem)
    return kept


def validate(
    data: bytes | str | etree._Element | etree._ElementTree,
    *,
    schema_dir: str | Path | None = None,
    name: str = "<item>",
    official: bool | None = None,
) -> ValidationReport:
    """Validate one NewsML-G2 document and report every problem with its line.

    ``data`` is the document as bytes, text, or an lxml element/tree (validated as is). The schema
    set is IPTC's official one when ``schema_dir``, ``$NEWSML_SCHEMA_DIR`` or the user cache holds
    it, else newsml's profile; ``official=True`` demands the official set and ``official=False``
    forces the profile. A folder named explicitly that holds no official schemas, or no schema
    at all being available, raises :class:`SchemaNotFoundError` (a setup error, not a property of
    the document). ``name`` names the document in messages.
    """
    location = locate(schema_dir, official)
    schema = official_schema(location.folder) if location.kind == "official" else profile_schema()
    schema_valid = False
    if isinstance(data, (bytes, str)):
        parsed = parse_valid(data, schema)  # the usual case: valid, told in one pass
        schema_valid = parsed is not None
        if parsed is None:
            parsed, problems = parse_safely(data)
            if parsed is None:
                return ValidationReport(False, location.kind, problems, name)
        tree = parsed
    elif isinstance(data, etree._ElementTree):
        tree = data
    elif isinstance(data, etree._Element):
        tree = data.getroottree() if data.getparent() is None else etree.ElementTree(data)
    else:
        raise TypeError(
            f"validate() takes bytes, str or an lxml element, not {type(data).__name__}"
        )
    root = tree.getroot()
    root_problem = _root_problem(root)
    if root_problem is not None:
        return ValidationReport(False, location.kind, (root_problem,), name)
    if isinstance(data, (bytes, str)):
        checked = run_checks(root, _PARSED_CHECKS, source=data)
    else:
        checked = run_checks(root)
    schema_problems = [] if schema_valid else _schema_problems(schema, tree)
    found = _without_repeats(schema_problems, checked) + checked
    found.sort(key=lambda problem: problem.line or 0)
    valid = not any(problem.level == "error" for problem in found)
    return ValidationReport(valid, location.kind, tuple(found), name)
