"""Checks shared by the writer and reader tests: both schemas, and every IDREF resolves."""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path
from typing import Any

from lxml import etree

from newsml.options import Options
from newsml.render.nitf import SPEECH_NS

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "newsml" / "validate" / "profile" / "newsml-profile.xsd"
FIXED = Options(version_created=dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC))

_S = f"{{{SPEECH_NS}}}"
_REFERENCES = ("contentrefs", "idrefs", f"{_S}continues", f"{_S}ref", f"{_S}entity")
_SPEECH_REFERENCES = ("quote", "ref")


@functools.lru_cache(maxsize=1)
def profile_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(PROFILE)))


@functools.lru_cache(maxsize=1)
def official() -> etree.XMLSchema | None:
    """IPTC's schemas when $NEWSML_SCHEMA_DIR is set, else None."""
    folder = os.environ.get("NEWSML_SCHEMA_DIR")
    if not folder:
        return None
    from newsml.validate.schemas import official_schema

    return official_schema(folder)


def parse(data: bytes) -> Any:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def unresolved(root: Any) -> list[str]:
    """IDREFs that name no id in the document."""
    elements = [element for element in root.iter() if isinstance(element.tag, str)]
    ids = {element.get(name) for element in elements for name in ("id", "partid")} - {None}
    missing = []
    for element in elements:
        names = _REFERENCES
        if element.tag.startswith(_S):
            names = names + _SPEECH_REFERENCES
        for name in names:
            for token in (element.get(name) or "").split():
                if token not in ids:
                    missing.append(f"{element.tag} {name}={token}")
    return missing


def errors(schema: etree.XMLSchema, root: Any) -> str:
    schema.validate(root)
    return "\n".join(str(error) for error in schema.error_log)


def assert_valid(data: bytes) -> Any:
    """Parse an item; assert it passes the profile, the official schemas (if at hand), IDREFs."""
    root = parse(data)
    problems = errors(profile_schema(), root)
    assert not problems, f"profile: {problems}"
    schema = official()
    if schema is not None:
        problems = errors(schema, root)
        assert not problems, f"official: {problems}"
    assert unresolved(root) == []
    return root
