"""Stand-ins for the writer and the validator, used only while those modules are not merged.

:func:`install` puts them in place when ``newsml.render.newsml`` cannot be imported or
``newsml.validate`` has no ``validate``; once the real modules are there it does nothing, so the
same tests then run end to end. The fake item is a small, well-formed newsItem whose guid comes
from the provider and id (or the text), like the real writer's, so ledger and message logic is
exercised the same way.
"""

from __future__ import annotations

import hashlib
import importlib
import sys
import types
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import attrs
from lxml import etree


@attrs.frozen
class FakeProblem:
    line: int
    message: str


@attrs.frozen
class FakeReport:
    valid: bool
    problems: tuple[FakeProblem, ...] = ()
    schema: str = "fake"


def fake_to_newsml(article: Any, options: Any) -> bytes:
    meta = article.metadata
    provider = meta.provider or "newsml.invalid"
    identity = meta.id or hashlib.sha256(article.text.encode()).hexdigest()[:16]
    guid = f"urn:newsml:{provider}:{identity}"
    created = options.version_created.isoformat() if options.version_created else "now"
    signal = f'<signal qcode="sig:{options.signal}"/>' if options.signal else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid={quoteattr(guid)} '
        f'version="{meta.version}" standard="NewsML-G2" standardversion="2.35">\n'
        f"<itemMeta><versionCreated>{created}</versionCreated>{signal}</itemMeta>\n"
        f"<headline>{escape(article.title())}</headline>\n"
        f"<body>{escape(article.text)}</body>\n</newsItem>\n"
    ).encode()


def fake_news_message(
    items: Any, *, sent: Any = None, sender: str = "x", transmit_id: str | None = None
) -> bytes:
    body = b"".join(item.split(b"?>", 1)[-1] for item in items)
    head = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<newsMessage xmlns="http://iptc.org/std/'
        f'nar/2006-10-01/"><header><sent>{sent.isoformat()}</sent><sender>{sender}</sender>'
        f"<transmitId>{transmit_id}</transmitId></header><itemSet>"
    )
    return head.encode() + body + b"</itemSet></newsMessage>\n"


def fake_validate(data: bytes, *, schema_dir: Any = None, name: str = "") -> FakeReport:
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        return FakeReport(False, (FakeProblem(error.lineno or 0, str(error)),))
    if etree.QName(root).localname not in ("newsItem", "newsMessage"):
        return FakeReport(False, (FakeProblem(root.sourceline or 0, "not a newsItem"),))
    return FakeReport(True)


def install() -> list[str]:
    """Put the fakes in place where the real modules are missing; the names faked."""
    faked = []
    try:
        importlib.import_module("newsml.render.newsml")
    except ImportError:
        render = types.ModuleType("newsml.render")
        render.__path__ = []  # type: ignore[attr-defined]
        writer = types.ModuleType("newsml.render.newsml")
        writer.to_newsml = fake_to_newsml  # type: ignore[attr-defined]
        writer.news_message = fake_news_message  # type: ignore[attr-defined]
        sys.modules.setdefault("newsml.render", render)
        sys.modules["newsml.render.newsml"] = writer
        faked.append("render")
    validation = importlib.import_module("newsml.validate")
    if not hasattr(validation, "validate"):
        validation.validate = fake_validate  # type: ignore[attr-defined]
        faked.append("validate")
    return faked
