"""The ``newsml`` command in-process: help, usage errors, convert, validate, inspect, schema."""

from __future__ import annotations

import importlib
import io
import sys
from pathlib import Path

import pytest

from newsml.cli import main, render_analysis
from newsml.model import Article, Entity, Mention, Quote, Source, Span

#: The validation package (``newsml.validate`` itself is the function of that name).
VALIDATION = importlib.import_module("newsml.validate")

MOMENT = "2024-05-01T12:00:00+00:00"


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("command", [[], ["convert"], ["validate"], ["inspect"], ["schema"]])
def test_help_everywhere(command: list[str], capsys) -> None:
    assert main([*command, "--help"]) == 0
    assert capsys.readouterr().out.startswith(
        f"usage: newsml{' ' if command else ''}{' '.join(command)}"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["convert"], "no input"),
        (["convert", "a.txt", "b.txt"], "several articles need an output folder: -o OUTDIR"),
        (["convert", "a.txt", "--version-created", "2024-05-01T12:00"], "has no time zone"),
        (["convert", "a.txt", "--jobs", "0"], "is not a whole number of at least 1"),
        (["convert", "a.txt", "--max-size", "lots"], "is not a size"),
        (["validate"], "the following arguments are required: FILE"),
        (["schema", "pull"], "invalid choice: 'pull'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(argv: list[str], message: str, capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newsml: error: ") and message in err


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("newsml 0.")


def test_convert_one_file_to_standard_output(tmp_path: Path, capsysbinary) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Fed holds rates\n\nThe Fed held rates on Wednesday.\n", encoding="utf-8")
    assert main(["convert", str(source), "--version-created", MOMENT]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"<?xml") and b"held rates on Wednesday." in out
    assert main(["convert", str(source), "--version-created", MOMENT]) == 0
    assert capsysbinary.readouterr().out == out  # reproducible


def test_convert_one_file_to_a_file_and_from_stdin(
    tmp_path: Path, monkeypatch, capsysbinary
) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(b"Rain in Spain.\n")
    target = tmp_path / "a.xml"
    assert main(["convert", str(source), "-o", str(target), "--version-created", MOMENT]) == 0
    monkeypatch.setattr(sys, "stdin", _Stdin(b"Rain in Spain.\n"))
    assert main(["convert", "-", "--version-created", MOMENT]) == 0
    assert capsysbinary.readouterr().out == target.read_bytes()


def test_convert_error_is_one_line_on_stderr(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    Path("news").mkdir()
    Path("news/a.txt").write_bytes(b"Twelve bytes\xff more")
    assert main(["convert", "news/a.txt"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.lower().startswith("newsml: error: news/a.txt: not valid utf-8 at byte 12")
    assert captured.err.count("\n") == 1


def test_convert_with_encoding(tmp_path: Path, capsysbinary) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes("Caf\u00e9 owners protest.".encode("cp1252"))
    assert main(["convert", str(source), "--encoding", "cp1252"]) == 0
    assert "Caf\u00e9".encode() in capsysbinary.readouterr().out


def test_validate_prints_file_line_message_and_fails(tmp_path: Path, capsys) -> None:
    good = tmp_path / "good.xml"
    assert (
        main(
            [
                "convert",
                "-o",
                str(good),
                "--version-created",
                MOMENT,
                str(_write(tmp_path / "a.txt", "Text.")),
            ]
        )
        == 0
    )
    broken = tmp_path / "broken.xml"
    broken.write_text("<?xml version='1.0'?>\n<newsItem>\n<oops></newsItem>\n")
    capsys.readouterr()
    assert main(["validate", str(good)]) == 0
    assert capsys.readouterr().out.startswith(f"{good}: valid (")
    assert main(["validate", str(good), str(broken), str(tmp_path / "missing.xml")]) == 1
    captured = capsys.readouterr()
    problems = [line for line in captured.out.splitlines() if line.startswith(str(broken))]
    assert problems and all(line.split(":")[1].isdigit() for line in problems)
    assert f"{broken}:3:" in captured.out
    assert (
        captured.err
        == f"newsml: error: {tmp_path / 'missing.xml'}: cannot read: No such file or directory\n"
    )


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


TEXT = 'Lavrov said: "We will answer." Russia and NATO met in Brussels.'


def _annotated() -> Article:
    lavrov = Entity(
        "e1", "person", "Sergei Lavrov", (Mention(0, 6, "Lavrov"),), {"wikidata": "Q150842"}
    )
    russia = Entity("e2", "place", "Russia", (Mention(31, 37, "Russia"),), {"iso3166-1a2": "RU"})
    source = Source(
        "s1", "Sergei Lavrov", entity_id="e1", role="originfo", mentions=(Mention(0, 6, "Lavrov"),)
    )
    quote = Quote("q1", "direct", (Span(13, 30),), speaker=Mention(0, 6, "Lavrov"), source=source)
    return Article(
        TEXT,
        headline="Lavrov answers",
        paragraphs=(Span(0, len(TEXT)),),
        sentences=(Span(0, 30), Span(31, len(TEXT))),
        entities=(lavrov, russia),
        sources=(source,),
        quotes=(quote,),
    )


def test_inspect_lays_out_quotes_entities_and_sources(tmp_path: Path, monkeypatch, capsys) -> None:
    import newsml.pipeline

    monkeypatch.setattr(newsml.pipeline, "analyze", lambda text, **metadata: _annotated())
    assert main(["inspect", str(_write(tmp_path / "a.txt", TEXT))]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out  # not a terminal: no colour
    lines = out.splitlines()
    assert "Quotes (1)" in lines and "Entities (2)" in lines and "Sources (1)" in lines
    quote_line = next(line for line in lines if line.strip().startswith("q1"))
    assert "direct" in quote_line and '"We will answer."' in quote_line
    assert any("speaker" in line and "Lavrov" in line and "Sergei Lavrov" in line for line in lines)
    entity_lines = [line for line in lines if line.strip().startswith(("e1", "e2"))]
    assert "wikidata:Q150842" in entity_lines[0] and "iso3166-1a2:RU" in entity_lines[1]
    # columns line up: the kind column starts at the same place on both entity lines
    assert entity_lines[0].index("person") == entity_lines[1].index("place")
    assert any(
        line.strip().startswith("s1") and "cpprole:originfo" in line and "entity e1" in line
        for line in lines
    )


def test_inspect_colours_only_when_asked_or_on_a_terminal() -> None:
    assert "\x1b[1mQuotes (1)\x1b[0m" in render_analysis(_annotated(), colour=True)
    assert "\x1b[" not in render_analysis(_annotated(), colour=False)


def test_inspect_error_for_undecodable_input(tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe\x00")
    assert main(["inspect", str(path)]) == 1
    assert capsys.readouterr().err.lower().startswith(f"newsml: error: {path}: not valid utf-16")


def test_schema_path_and_fetch(tmp_path: Path, monkeypatch, capsys) -> None:
    from newsml.validate.schemas import G2_FILE, NITF_FILE

    calls = {}

    def fetch(cache_dir=None, *, base_url="https://www.iptc.org/", nitf_base_url="x"):
        calls["fetch"] = (cache_dir, base_url, nitf_base_url)
        return tmp_path

    monkeypatch.setattr(VALIDATION, "fetch", fetch, raising=False)
    monkeypatch.setattr(VALIDATION, "path", lambda schema_dir=None: tmp_path, raising=False)
    assert main(["schema", "path"]) == 1
    assert capsys.readouterr().err.startswith(f"newsml: error: {tmp_path}: no official schemas")
    arguments = ["--cache-dir", "c", "--base-url", "http://localhost:1/", "--nitf-base-url", "n"]
    assert main(["schema", "fetch", *arguments]) == 0
    assert calls["fetch"] == ("c", "http://localhost:1/", "n")
    assert capsys.readouterr().out == f"{tmp_path}\n"
    (tmp_path / G2_FILE).write_text("<schema/>")
    (tmp_path / NITF_FILE).write_text("<schema/>")
    assert main(["schema", "path"]) == 0
    assert capsys.readouterr().out == f"{tmp_path}\n"


def test_schema_fetch_failure_is_one_line(monkeypatch, capsys) -> None:
    def fetch(cache_dir=None, **options):
        raise RuntimeError("https://www.iptc.org/x.xsd: HTTP 404")

    monkeypatch.setattr(VALIDATION, "fetch", fetch, raising=False)
    assert main(["schema", "fetch"]) == 1
    assert capsys.readouterr().err == (
        "newsml: error: schema fetch failed: https://www.iptc.org/x.xsd: HTTP 404\n"
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_batch_shows_progress_on_a_terminal_only(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("news").mkdir()
    for number in range(3):
        Path(f"news/{number}.txt").write_text(f"Article {number}.")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["convert", "news", "-o", "out", "-j", "1"]) == 0
    assert "3/" in terminal.getvalue() or "3 " in terminal.getvalue()
    quiet = _Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main(["convert", "news", "-o", "out2", "-j", "1", "--no-progress"]) == 0
    assert quiet.getvalue() == ""
