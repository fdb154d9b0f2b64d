"""Who said what in the seed article: quotes with their speakers and sources, then the entities.

Run from the project's root:  python examples/analyze_seed.py
"""

from pathlib import Path

import newsml

text = (Path(__file__).resolve().parent.parent / "seeds" / "000_94b1d46a95d8ed66.txt").read_text(
    encoding="utf-8"
)
article = newsml.analyze(text)

for quote in article.quotes:
    pieces = " ... ".join(text[piece.start : piece.end] for piece in quote.spans)
    speaker = text[quote.speaker.start : quote.speaker.end] if quote.speaker else "?"
    source = quote.source.name if quote.source else "?"
    print(f"{quote.kind:8} {speaker!r} ({source}): {pieces}")

for entity in article.entities:
    codes = ", ".join(f"{scheme}:{code}" for scheme, code in sorted(entity.ids.items()))
    print(f"{entity.kind:12} {entity.name} x{len(entity.mentions)} {codes}")
