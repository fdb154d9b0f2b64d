"""Text printed to a terminal has its control characters escaped: an article, a file name or an
archive member name cannot set the window title, clear the screen or reverse the text."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from newsml.cli import main, shown

HOSTILE = "\x1b]0;owned\x07\x1b[2J\x1b[31m\u202e\r"


def assert_no_controls(text: str) -> None:
    """None of HOSTILE's control characters in ``text`` (line ends aside)."""
    for character in "\x1b\x07\u202e\r":
        assert character not in text, repr(text)


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("a\nb\r", "a\\x0ab\\x0d"),
        ("\u202etxt.exe", "\\u202etxt.exe"),
        ("\x9b\x7f\x00", "\\x9b\\x7f\\x00"),
        ("caf\u00e9 \u201cquoted\u201d \u041c\u043e\u0441\u043a\u0432\u0430", None),
    ],
)
def test_shown_escapes_controls_only(raw: str, escaped: str | None) -> None:
    assert shown(raw) == (raw if escaped is None else escaped)


def test_inspect_escapes_the_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        f"Sergei Lavrov{HOSTILE} said the claims were \u201cfantasies{HOSTILE}\u201d.\n",
        encoding="utf-8",
    )
    assert main(["inspect", str(article), "--color", "never"]) == 0
    output = capsys.readouterr().out
    assert "\\x1b]0;owned\\x07" in output
    assert_no_controls(output)


def test_inspect_in_colour_keeps_only_its_own_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(f"\u201cNo{HOSTILE},\u201d Lavrov said.\n", encoding="utf-8")
    assert main(["inspect", str(article), "--color", "always"]) == 0
    output = capsys.readouterr().out
    assert "\x1b[1m" in output  # its headings
    assert "\x07" not in output and "\x1b]" not in output and "\x1b[2J" not in output


def test_error_messages_escape_member_and_file_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "copy.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(f"evil{HOSTILE}.txt", b"\xff\xfe\xfa not UTF-8 \xc3")
    out = tmp_path / "out"
    main(["convert", str(archive), "-o", str(out), "--no-progress", "--jobs", "1"])
    error = capsys.readouterr().err
    assert "evil\\x1b]0;owned" in error
    assert_no_controls(error)
    assert error.count("\n") == 1


def test_validate_escapes_names_and_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / f"item{HOSTILE}.xml"
    name.write_bytes(b"<newsItem>\x1b</newsItem>")
    assert main(["validate", str(name)]) == 1
    output = capsys.readouterr().out
    assert "item\\x1b]0;owned" in output
    assert_no_controls(output)
