"""Cues added for issue 13, on invented text."""

from __future__ import annotations

import attrs
import pytest

from newsml.detect.quotes import detect_quotes
from newsml.text import segment


def _quotes(text: str) -> list[tuple[str, str, str | None]]:
    article = detect_quotes(attrs.evolve(segment(text), entities=()))
    return [
        (
            quote.kind,
            " ".join(text[span.start : span.end] for span in quote.spans),
            None if quote.speaker is None else text[quote.speaker.start : quote.speaker.end],
        )
        for quote in article.quotes
    ]


@pytest.mark.parametrize("verb", ["commented", "retaliated", "beamed", "pressed", "pointed out"])
def test_more_speech_verbs_attribute_a_quote_before_them(verb: str) -> None:
    text = f"“The bridge will open in May,” Mara Quill {verb}. The crowd left."
    assert ("direct", "“The bridge will open in May,”", "Mara Quill") in _quotes(text)
