"""Small NewsML-G2 documents built for the validation tests (valid unless a test changes them)."""

from __future__ import annotations

G2 = "http://iptc.org/std/nar/2006-10-01/"
NITF = "http://iptc.org/std/NITF/2006-10-18/"
CATALOG_41 = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"


def news_item(
    *,
    guid: str = "urn:newsml:example.com:20261127:item-1",
    catalogs: str = f'<catalogRef href="{CATALOG_41}"/>',
    version_created: str = "2026-11-27T10:00:00Z",
    content_meta: str = "",
    after_content_meta: str = "",
    paragraph: str = "<p>Text.</p>",
    conformance: str = ' conformance="power"',
    standard_version: str = "2.35",
) -> str:
    """One valid newsItem with an NITF body, one line per element so that lines are known."""
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<newsItem xmlns="{G2}" guid="{guid}" version="1" standard="NewsML-G2"',
            f'    standardversion="{standard_version}"{conformance} xml:lang="en">',
            catalogs,
            "<itemMeta>",
            '<itemClass qcode="ninat:text"/>',
            '<provider qcode="nprov:example"/>',
            f"<versionCreated>{version_created}</versionCreated>",
            '<pubStatus qcode="stat:usable"/>',
            "</itemMeta>",
            "<contentMeta>",
            content_meta,
            "<headline>Headline</headline>",
            "</contentMeta>",
            after_content_meta,
            "<contentSet>",
            '<inlineXML contenttype="application/nitf+xml">',
            f'<nitf xmlns="{NITF}"><body><body.content>',
            paragraph,
            "</body.content></body></nitf>",
            "</inlineXML>",
            "</contentSet>",
            "</newsItem>",
        ]
    )


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of ``needle`` (which must be there)."""
    return text.count("\n", 0, text.index(needle)) + 1
