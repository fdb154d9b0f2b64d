"""``python -m newsml.cli`` in a subprocess, with the real writer and validator (no fakes):
the seed converts to an item IPTC's official schemas accept, a batch and a newsMessage too, and
``validate`` accepts IPTC's own example and refuses a broken item with file:line: message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lxml import etree

from newsml.validate.schemas import official_schema

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_94b1d46a95d8ed66.txt"
MOMENT = "2024-05-01T12:00:00+00:00"


def _newsml(
    *arguments: str, cwd: Path = ROOT, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsml.cli", *arguments],
        check=False,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def _officially_valid(data: bytes, schema_dir: Path) -> None:
    schema = official_schema(str(schema_dir))
    document = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    assert schema.validate(document), schema.error_log


def test_help_from_the_console_entry_point() -> None:
    result = _newsml("--help")
    assert result.returncode == 0 and result.stdout.startswith(b"usage: newsml")


def test_the_seed_converts_to_an_officially_valid_item(schema_dir: Path) -> None:
    result = _newsml(
        "convert", str(SEED), "--version-created", MOMENT, "--schema-dir", str(schema_dir)
    )
    assert result.returncode == 0, result.stderr.decode()
    _officially_valid(result.stdout, schema_dir)


def test_validate_accepts_iptc_example_and_refuses_a_broken_item(
    schema_dir: Path, tmp_path: Path
) -> None:
    listing = schema_dir / "iptc-examples" / "LISTING_2_NewsML-G2_Text_Document.xml"
    if not listing.exists():
        listing = schema_dir.parent / "iptc-examples" / listing.name
    ok = _newsml("validate", str(listing), "--schema-dir", str(schema_dir))
    assert ok.returncode == 0, ok.stdout.decode() + ok.stderr.decode()
    converted = _newsml(
        "convert", str(SEED), "--version-created", MOMENT, "--schema-dir", str(schema_dir)
    )
    broken = tmp_path / "broken.xml"
    broken.write_bytes(converted.stdout.replace(b"<itemMeta>", b"<itemMeta><bogus/>", 1))
    refused = _newsml("validate", str(broken), "--schema-dir", str(schema_dir))
    assert refused.returncode == 1
    first = refused.stdout.decode().splitlines()[0]
    assert first.startswith(f"{broken}:") and first.split(":")[1].isdigit() and "bogus" in first


def test_a_batch_and_its_news_messages_are_officially_valid(
    schema_dir: Path, tmp_path: Path
) -> None:
    news = tmp_path / "news"
    news.mkdir()
    for number in range(3):
        (news / f"{number}.txt").write_bytes(
            SEED.read_bytes().replace(b"\n", b"\n" * (number + 1), 1)
        )
    (news / "bad.txt").write_bytes(b"\x00binary")
    for extra in ((), ("--message-size", "2")):
        out = tmp_path / f"out{len(extra)}"
        result = _newsml(
            "convert",
            "news",
            "-o",
            str(out),
            "--version-created",
            MOMENT,
            "--schema-dir",
            str(schema_dir),
            "-j",
            "2",
            *extra,
            cwd=tmp_path,
        )
        assert result.returncode == 1
        assert (
            result.stderr.decode()
            == "newsml: error: news/bad.txt: binary data, not text (NUL byte at 0)\n"
        )
        written = [p for p in out.rglob("*.xml") if ".newsml" not in p.parts]
        assert len(written) == (2 if extra else 3)
        for path in written:
            _officially_valid(path.read_bytes(), schema_dir)


def test_schema_fetch_from_a_local_server_then_path(schema_dir: Path, tmp_path: Path) -> None:
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(schema_dir))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        fetched = _newsml(
            "schema",
            "fetch",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--base-url",
            f"{base}/newsml-g2-2.35/",
            "--nitf-base-url",
            f"{base}/nitf-3.6/",
        )
    finally:
        server.shutdown()
    assert fetched.returncode == 0, fetched.stderr.decode()
    assert fetched.stdout.decode().strip() == str(tmp_path / "cache")
    found = _newsml("schema", "path", "--schema-dir", str(tmp_path / "cache"))
    assert found.returncode == 0 and found.stdout.decode().strip() == str(tmp_path / "cache")
