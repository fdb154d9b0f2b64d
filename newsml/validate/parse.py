"""Parsing a document to validate without trusting it.

The parser never touches the network, never loads a DTD and never expands entities. A document
that carries a DOCTYPE is refused: NewsML-G2 items are defined by XML Schema, have no DTD, and a
DOCTYPE is how external-entity (XXE) and entity-expansion ("billion laughs") attacks come in.
Problems are returned, not raised, each with its line.
"""

from __future__ import annotations

import re
import threading

from lxml import etree

from newsml.validate.checks import depth_message
from newsml.validate.report import Problem
from newsml.xmltypes import document_info

__all__ = ["Parsed", "parse", "parse_valid", "safe_parser"]

Parsed = tuple["etree._ElementTree | None", tuple[Problem, ...]]

_XML_DECLARATION = re.compile(r"\A\ufeff?<\?xml[^>]*\?>")


def safe_parser(
    *,
    remove_comments: bool = False,
    remove_pis: bool = False,
    schema: etree.XMLSchema | None = None,
) -> etree.XMLParser:
    """A fresh lxml parser that resolves no entity, loads no DTD and reads no URL: the one
    every reader of XML in newsml uses (items, messages, NITF inputs). With ``schema`` it
    also validates what it parses, and refuses (XMLSyntaxError) what is not valid."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=remove_comments,
        remove_pis=remove_pis,
        schema=schema,
    )


_parsers = threading.local()


def _thread_parser() -> etree.XMLParser:
    """This thread's safe parser, made once: validation parses one document after another."""
    parser: etree.XMLParser | None = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = safe_parser()
    return parser


_ROOT_START = re.compile(r"<[^?!\s]")
_ROOT_START_BYTES = re.compile(rb"<[^?!\s]")
_DOCTYPE = re.compile(r"<!DOCTYPE")
_ENTITY = re.compile(r"<!ENTITY\s+(?:%\s+)?([^\s\"'>]+)")


def _prolog(data: bytes | str) -> str:
    """The text before the root element (bytes read as Latin-1: markup is ASCII there)."""
    if isinstance(data, str):
        text = data
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16", errors="replace")
    else:
        root = _ROOT_START_BYTES.search(data)
        return data[: None if root is None else root.start()].decode("latin-1")
    match = _ROOT_START.search(text)
    return text if match is None else text[: match.start()]


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _doctype_problem(data: bytes | str) -> Problem | None:
    """A DOCTYPE before the root element: refused, and said why (entities or not).

    Looked for in the raw text before parsing, because libxml2 may stop on an entity declaration
    (e.g. "Maximum entity amplification factor exceeded") before it reaches the document."""
    prolog = _prolog(data)
    doctype = _DOCTYPE.search(prolog)
    if doctype is None:
        return None
    entities = list(_ENTITY.finditer(prolog, doctype.end()))
    if entities:
        names = [entity.group(1) for entity in entities]
        shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
        return Problem(
            _line(prolog, entities[0].start()),
            f"DOCTYPE declares entities ({shown}): refused, entities are never expanded "
            "(XXE / entity-expansion protection)",
            code="doctype-entity",
        )
    declaration = prolog[doctype.start() :].split(">", 1)[0] + ">"
    return Problem(
        _line(prolog, doctype.start()),
        f"DOCTYPE not allowed ({declaration}): NewsML-G2 items are defined by XML Schema, "
        "not a DTD",
        code="doctype",
    )


def _parsable(data: bytes | str) -> bytes | str:
    """What lxml is given to parse: a str loses its encoding declaration (lxml refuses a str
    with one; the declaration sits on line 1, and removing it keeps every line number)."""
    return _XML_DECLARATION.sub("", data, count=1) if isinstance(data, str) else data


def _validating_parser(schema: etree.XMLSchema) -> etree.XMLParser:
    """This thread's safe parser that validates against ``schema`` as it parses (one a
    schema: schemas are compiled once a thread and location, so there are few)."""
    parsers: dict[int, tuple[etree.XMLSchema, etree.XMLParser]] | None = getattr(
        _parsers, "validating", None
    )
    if parsers is None:
        parsers = _parsers.validating = {}
    known = parsers.get(id(schema))
    if known is None or known[0] is not schema:
        known = parsers[id(schema)] = (schema, safe_parser(schema=schema))
    return known[1]


def parse_valid(data: bytes | str, schema: etree.XMLSchema) -> etree._ElementTree | None:
    """Parse ``data`` safely and validate it against ``schema`` in the same pass.

    The tree when ``data`` is well formed, has no DOCTYPE and is valid, else None: then
    :func:`parse` and a validation of its tree say what is wrong (the common case, a valid
    document, reads the bytes once and walks no tree for the schema)."""
    if _doctype_problem(data) is not None:
        return None
    try:
        root = etree.fromstring(_parsable(data), _validating_parser(schema))
    except etree.XMLSyntaxError:  # not well formed, or not valid: parse() tells which
        return None
    if document_info(root).doctype:
        return None
    return root.getroottree()


def parse(data: bytes | str) -> Parsed:
    """Parse ``data`` safely: (tree, ()) or (None, problems) when it cannot be accepted."""
    source = _parsable(data)
    refused = _doctype_problem(data)
    if refused is not None:
        return None, (refused,)
    try:
        root = etree.fromstring(source, _thread_parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else None
        message = error.msg or str(error)
        # lxml appends ", line N, column M" to its message; the line is reported separately.
        message = re.sub(r", line \d+, column \d+$", "", message)
        if message.startswith("Excessive depth in document"):
            return None, (Problem(line, depth_message(""), code="depth"),)
        return None, (Problem(line, f"not well-formed: {message}", code="not-well-formed"),)
    tree = root.getroottree()
    doctype = document_info(root).doctype
    if doctype:  # not seen in the raw prolog (e.g. UTF-16 input): refuse all the same
        return None, (
            Problem(
                1,
                f"DOCTYPE not allowed ({doctype}): entities and DTDs are "
                "refused (XXE / entity-expansion protection)",
                code="doctype",
            ),
        )
    return tree, ()
