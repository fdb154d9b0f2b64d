"""Progress: rich or a plain line on a terminal, nothing otherwise."""

from __future__ import annotations

import io

from newsml.batch import progress as progress_module
from newsml.batch.progress import progress_for


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_when_not_a_terminal() -> None:
    stream = io.StringIO()
    display = progress_for(stream)
    display.set_total(3)
    display.advance("ok")
    display.close()
    assert stream.getvalue() == ""


def test_nothing_when_disabled_even_on_a_terminal() -> None:
    stream = _Terminal()
    display = progress_for(stream, enabled=False)
    display.advance("ok")
    display.close()
    assert stream.getvalue() == ""


def test_a_plain_line_without_rich(monkeypatch) -> None:
    def no_rich(stream: object) -> None:
        raise ImportError("rich")

    monkeypatch.setattr(progress_module, "_Rich", no_rich)
    stream = _Terminal()
    display = progress_for(stream)
    display.set_total(4)
    for status in ("ok", "error", "skipped"):
        display.advance(status)
    display.close()
    last = stream.getvalue().rsplit("\r", 1)[-1]
    assert (
        last.startswith("\x1b[Knewsml: 3/4 articles") and "1 failed" in last and "1 skipped" in last
    )
    assert "ETA" in last and stream.getvalue().endswith("\n")


def test_rich_bar_on_a_terminal() -> None:
    stream = _Terminal()
    display = progress_for(stream)
    display.set_total(2)
    display.advance("ok")
    display.advance("error")
    display.close()
    assert "2/2" in stream.getvalue() and "1 failed" in stream.getvalue()
