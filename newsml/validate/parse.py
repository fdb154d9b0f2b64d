"""Parsing a document to validate without trusting it.

The parser never touches the network, never loads a DTD and never expands entities. A document
that carries a DOCTYPE is refused: NewsML-G2 items are defined by XML Schema, have no DTD, and a
DOCTYPE is how external-entity (XXE) and entity-expansion ("billion laughs") attacks come in.
Problems are returned, not raised, each with its line.
"""

from __future__ import annotations

import re

from lxml import etree

from newsml.validate.report import Problem

__all__ = ["Parsed", "parse", "safe_parser"]

Parsed = tuple["etree._ElementTree | None", tuple[Problem, ...]]

_XML_DECLARATION = re.compile(r"\A\ufeff?<\?xml[^>]*\?>")


def safe_parser() -> etree.XMLParser:
    """A fresh lxml parser that resolves no entity, loads no DTD and reads no URL."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def _line_of(data: bytes | str, marker: str) -> int | None:
    """The 1-based line of the first ``marker`` in ``data`` (None when absent or undecodable)."""
    if isinstance(data, str):
        index = data.find(marker)
        return None if index < 0 else data.count("\n", 0, index) + 1
    index = data.find(marker.encode("ascii"))
    return None if index < 0 else data.count(b"\n", 0, index) + 1


def _doctype_problems(tree: etree._ElementTree, data: bytes | str) -> tuple[Problem, ...]:
    info = tree.docinfo
    if not info.doctype and info.internalDTD is None and info.externalDTD is None:
        return ()
    dtd = info.internalDTD
    entities = [entity.name for entity in dtd.iterentities()] if dtd is not None else []
    if entities:
        line = _line_of(data, "<!ENTITY") or _line_of(data, "<!DOCTYPE")
        shown = ", ".join(entities[:5]) + (", ..." if len(entities) > 5 else "")
        return (
            Problem(
                line,
                f"DOCTYPE declares entities ({shown}): refused, entities are never expanded "
                "(XXE / entity-expansion protection)",
                code="doctype-entity",
            ),
        )
    return (
        Problem(
            _line_of(data, "<!DOCTYPE"),
            f"DOCTYPE not allowed ({info.doctype}): NewsML-G2 items are defined by XML Schema, "
            "not a DTD",
            code="doctype",
        ),
    )


def parse(data: bytes | str) -> Parsed:
    """Parse ``data`` safely: (tree, ()) or (None, problems) when it cannot be accepted."""
    if isinstance(data, str):
        # lxml refuses a str with an encoding declaration; the declaration sits on line 1 and
        # removing it keeps every line number.
        text = _XML_DECLARATION.sub("", data, count=1)
        source: bytes | str = text
    else:
        source = data
    try:
        root = etree.fromstring(source, safe_parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else None
        message = error.msg or str(error)
        # lxml appends ", line N, column M" to its message; the line is reported separately.
        message = re.sub(r", line \d+, column \d+$", "", message)
        return None, (Problem(line, f"not well-formed: {message}", code="not-well-formed"),)
    tree = root.getroottree()
    problems = _doctype_problems(tree, data)
    if problems:
        return None, problems
    return tree, ()
