"""fetch() against a local HTTP server on 127.0.0.1 serving copies of the official schemas made
in a temp folder: success, and failures that leave the cache untouched."""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsml.validate import FetchError, fetch, locate, schemas, validate
from newsml.validate.fetch import SCHEMA_FILES, SOURCE_FILE
from tests.validate.items import news_item


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path, schema_dir: Path) -> Iterator[tuple[Path, str]]:
    """(served folder, base URL): g2/ and nitf/ hold copies of IPTC's files."""
    root = tmp_path / "site"
    g2, nitf = schemas.find_official(schema_dir) or pytest.fail("no official schemas")
    for part, source in (("g2", g2.parent), ("nitf", nitf.parent)):
        (root / part).mkdir(parents=True)
        for file in source.glob("*.xsd"):
            shutil.copyfile(file, root / part / file.name)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def run_fetch(cache: Path, base: str) -> Path:
    return fetch(cache, base_url=f"{base}/g2/", nitf_base_url=f"{base}/nitf/", timeout=10)


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        str(file.relative_to(folder)): file.read_bytes()
        for file in sorted(folder.rglob("*"))
        if file.is_file()
    }


def test_fetch_fills_the_cache_and_validation_uses_it(
    site: tuple[Path, str], tmp_path: Path
) -> None:
    root, base = site
    cache = tmp_path / "cache" / "schemas"
    assert run_fetch(cache, base) == cache
    names = {name for _base, name, _namespace, _version in SCHEMA_FILES}
    assert names | {SOURCE_FILE} == {file.name for file in cache.iterdir()}
    for part, name, _namespace, _version in SCHEMA_FILES:
        assert (cache / name).read_bytes() == (root / part / name).read_bytes()
    assert f"{base}/nitf/nitf-3-6.xsd\tsha256:" in (cache / SOURCE_FILE).read_text()
    location = locate(cache)
    assert (location.kind, location.folder) == ("official", cache)
    assert validate(news_item(), schema_dir=cache).valid
    assert not validate(news_item(paragraph='<p bogus="1">x</p>'), schema_dir=cache).valid


def test_refetch_replaces_files(site: tuple[Path, str], tmp_path: Path) -> None:
    _root, base = site
    cache = tmp_path / "cache"
    run_fetch(cache, base)
    (cache / "xml.xsd").write_bytes(b"stale")
    run_fetch(cache, base)
    assert (cache / "xml.xsd").read_bytes().startswith(b"<?xml")
    assert not [file for file in cache.iterdir() if file.name.startswith(".fetch-")]


@pytest.mark.parametrize("existing", [False, True])
def test_missing_file_404_leaves_cache_untouched(
    site: tuple[Path, str], tmp_path: Path, existing: bool
) -> None:
    root, base = site
    cache = tmp_path / "cache"
    if existing:
        run_fetch(cache, base)
        (cache / "note.txt").write_text("mine")
    before = snapshot(cache)
    (root / "nitf" / "nitf-3-6-ruby-include.xsd").unlink()
    with pytest.raises(FetchError) as raised:
        run_fetch(cache, base)
    message = str(raised.value)
    assert message == f"{base}/nitf/nitf-3-6-ruby-include.xsd: HTTP 404 File not found"
    assert snapshot(cache) == before
    assert cache.exists() == existing


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<html><body>Moved</body>", "not well-formed XML"),
        (b"<html><body>Moved</body></html>", "not an XML schema"),
        (
            (
                b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" version="3.6"'
                b' targetNamespace="http://iptc.org/std/NITF/2006-10-18/">'
                b'<xs:element name="x" type="Nowhere"/></xs:schema>'
            ),
            "fetched schemas do not compile",
        ),
        (
            (
                b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" version="3.6"'
                b' targetNamespace="http://iptc.org/std/NITF/2006-10-18/">'
                b'<xs:include schemaLocation="http://example.com/evil.xsd"/></xs:schema>'
            ),
            "refers to 'http://example.com/evil.xsd', which is not one of the schema files",
        ),
        (
            (
                b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" version="3.5"'
                b' targetNamespace="http://iptc.org/std/NITF/2006-10-18/"/>'
            ),
            "schema version '3.5', expected '3.6'",
        ),
        (
            b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" version="3.6"/>',
            "schema for namespace None, expected 'http://iptc.org/std/NITF/2006-10-18/'",
        ),
    ],
)
def test_garbage_schema_is_refused_and_cache_untouched(
    site: tuple[Path, str], tmp_path: Path, content: bytes, expected: str
) -> None:
    root, base = site
    cache = tmp_path / "cache"
    run_fetch(cache, base)
    before = snapshot(cache)
    (root / "nitf" / "nitf-3-6.xsd").write_bytes(content)
    with pytest.raises(FetchError) as raised:
        run_fetch(cache, base)
    message = str(raised.value)
    assert expected in message and "\n" not in message
    assert snapshot(cache) == before


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    # A port on 127.0.0.1 that nothing listens on (bound then closed).
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cache = tmp_path / "cache"
    with pytest.raises(FetchError, match=rf"http://127\.0\.0\.1:{port}/g2/.*: cannot download"):
        fetch(cache, base_url=f"http://127.0.0.1:{port}/g2/", nitf_base_url="http://127.0.0.1:1/")
    assert not cache.exists()


NETWORK_WORDS = (
    "urllib.request",
    "urlopen",
    "http.client",
    "import socket",
    "from socket",
    "import requests",
    "import httpx",
    "import aiohttp",
)


def test_fetch_is_the_only_network_code() -> None:
    package = Path(__file__).resolve().parents[2] / "newsml"
    offenders = [
        f"{file.relative_to(package.parent)}: {word}"
        for file in sorted(package.rglob("*.py"))
        if file.name != "fetch.py" or file.parent.name != "validate"
        for word in NETWORK_WORDS
        if word in file.read_text(encoding="utf-8")
    ]
    assert offenders == []
