"""The quotes found in a text as rows (kind, quoted text, speaker as written), for tests."""

from __future__ import annotations

import attrs

from newsml.detect.quotes import detect_quotes
from newsml.text import segment


def quote_rows(text: str) -> list[tuple[str, str, str | None]]:
    article = detect_quotes(attrs.evolve(segment(text), entities=()))
    return [
        (
            quote.kind,
            " ".join(text[span.start : span.end] for span in quote.spans),
            None if quote.speaker is None else text[quote.speaker.start : quote.speaker.end],
        )
        for quote in article.quotes
    ]
