"""Finding and compiling IPTC's official schemas (NewsML-G2 2.35 Power + NITF 3.6).

``inlineXML`` accepts any element with lax processing, so an NITF body is only checked when the
NITF schema is part of the same schema set. A small driver schema imports both namespaces.
"""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

__all__ = ["G2_FILE", "NITF_FILE", "G2_NS", "NITF_NS", "find_official", "official_schema"]

G2_NS = "http://iptc.org/std/nar/2006-10-01/"
NITF_NS = "http://iptc.org/std/NITF/2006-10-18/"
G2_FILE = "NewsML-G2_2.35-spec-All-Power.xsd"
NITF_FILE = "nitf-3-6.xsd"


def find_official(schema_dir: str | Path) -> tuple[Path, Path] | None:
    """Paths of the G2 and NITF XSDs in ``schema_dir`` (or one level below), or None."""
    root = Path(schema_dir)
    found: dict[str, Path] = {}
    for name in (G2_FILE, NITF_FILE):
        for candidate in (root / name, *sorted(root.glob(f"*/{name}"))):
            if candidate.is_file():
                found[name] = candidate
                break
    if len(found) < 2:
        return None
    return found[G2_FILE], found[NITF_FILE]


@functools.lru_cache(maxsize=4)
def official_schema(schema_dir: str) -> etree.XMLSchema:
    """The compiled official schema set found in ``schema_dir``; raises FileNotFoundError."""
    paths = find_official(schema_dir)
    if paths is None:
        raise FileNotFoundError(
            f"{schema_dir}: no {G2_FILE} and {NITF_FILE} here (set --schema-dir or "
            "NEWSML_SCHEMA_DIR, or run `newsml schema fetch`)"
        )
    g2, nitf = paths
    driver = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="{G2_NS}" schemaLocation="{g2.resolve().as_uri()}"/>'
        f'<xs:import namespace="{NITF_NS}" schemaLocation="{nitf.resolve().as_uri()}"/>'
        "</xs:schema>"
    )
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    document = etree.fromstring(driver.encode(), parser, base_url=(g2.resolve().parent / "newsml-driver.xsd").as_uri())
    return etree.XMLSchema(document)
