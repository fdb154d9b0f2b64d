"""Downloading IPTC's official schemas into the user cache: the only code in newsml that uses the
network, and only when asked (``newsml schema fetch``).

The files are IPTC's (NewsML-G2 2.35 Power with the W3C ``xml.xsd`` it imports, NITF 3.6 with its
ruby include) and are never shipped with newsml. A fetch downloads every file into a temporary
folder inside the cache folder, checks that each is an XML schema whose imports and includes stay
among the fetched files, compiles the whole set, and only then moves the files into place (each
with an atomic rename). Any failure leaves the cache as it was and raises :class:`FetchError`
with a one-line message.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from newsml.validate.schemas import (
    G2_FILE,
    G2_NS,
    NITF_FILE,
    NITF_NS,
    SCHEMA_VERSION,
    XML_NS,
    compile_official,
    default_cache_dir,
)

__all__ = ["G2_BASE_URL", "NITF_BASE_URL", "SCHEMA_FILES", "FetchError", "fetch"]

G2_BASE_URL = "https://www.iptc.org/std/NewsML-G2/2.35/specification/"
NITF_BASE_URL = "https://www.iptc.org/std/NITF/3.6/specification/"

#: (which base URL, file name, target namespace, version it must declare or None): the G2 set
#: imports xml.xsd; nitf-3-6.xsd imports the same xml.xsd and includes its ruby file, all by
#: relative names, so one flat folder serves both.
SCHEMA_FILES: tuple[tuple[str, str, str, str | None], ...] = (
    ("g2", G2_FILE, G2_NS, SCHEMA_VERSION),
    ("g2", "xml.xsd", XML_NS, None),
    ("nitf", NITF_FILE, NITF_NS, "3.6"),
    ("nitf", "nitf-3-6-ruby-include.xsd", NITF_NS, None),
)

MAX_BYTES = 16 * 1024 * 1024  # the largest file (the G2 schema) is under 1 MB
SOURCE_FILE = "SOURCE.txt"
XS_NS = "http://www.w3.org/2001/XMLSchema"


class FetchError(RuntimeError):
    """The schemas could not be fetched or are not usable; the cache was left untouched."""


def _download(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "newsml schema fetch"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise FetchError(f"{url}: HTTP {error.code} {error.reason}") from error
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(f"{url}: cannot download: {reason}") from error
    if len(data) > MAX_BYTES:
        raise FetchError(f"{url}: larger than {MAX_BYTES} bytes, not a schema file")
    return data


def _check_schema_file(
    url: str, data: bytes, names: set[str], namespace: str, version: str | None
) -> None:
    """``data`` must be the XSD expected (target namespace, version) whose imports and includes
    name only files of the fetched set."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise FetchError(f"{url}: not well-formed XML: {error.msg}") from error
    if root.tag != f"{{{XS_NS}}}schema":
        raise FetchError(f"{url}: not an XML schema (root element {root.tag!r})")
    if root.get("targetNamespace") != namespace:
        raise FetchError(
            f"{url}: schema for namespace {root.get('targetNamespace')!r}, expected {namespace!r}"
        )
    if version is not None and root.get("version") != version:
        raise FetchError(f"{url}: schema version {root.get('version')!r}, expected {version!r}")
    for reference in root.iterchildren(
        f"{{{XS_NS}}}import", f"{{{XS_NS}}}include", f"{{{XS_NS}}}redefine"
    ):
        location = reference.get("schemaLocation")
        if location is not None and location not in names:
            raise FetchError(f"{url}: refers to {location!r}, which is not one of the schema files")


def fetch(
    cache_dir: str | Path | None = None,
    *,
    base_url: str = G2_BASE_URL,
    nitf_base_url: str = NITF_BASE_URL,
    timeout: float = 60.0,
) -> Path:
    """Download the official NewsML-G2 2.35 + NITF 3.6 schemas into ``cache_dir`` (default: the
    user cache, see :func:`newsml.validate.schemas.default_cache_dir`) and return that folder."""
    target = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    bases = {"g2": base_url, "nitf": nitf_base_url}
    created = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".fetch-", dir=target))
    try:
        names = {name for _base, name, _namespace, _version in SCHEMA_FILES}
        sources = []
        for base, name, namespace, version in SCHEMA_FILES:
            url = urllib.parse.urljoin(bases[base], name)
            data = _download(url, timeout)
            _check_schema_file(url, data, names, namespace, version)
            (staging / name).write_bytes(data)
            sources.append(f"{url}\tsha256:{hashlib.sha256(data).hexdigest()}")
        try:
            compile_official(staging)
        except etree.XMLSchemaParseError as error:
            raise FetchError(f"fetched schemas do not compile: {error}") from error
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        (staging / SOURCE_FILE).write_text(
            f"# IPTC schemas fetched by `newsml schema fetch` on {stamp}\n"
            + "\n".join(sources)
            + "\n",
            encoding="utf-8",
        )
        for name in (*sorted(names - {G2_FILE}), G2_FILE, SOURCE_FILE):
            # The G2 file last: the set is recognised by it, so it only appears when the rest is in.
            os.replace(staging / name, target / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            shutil.rmtree(target, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    return target
