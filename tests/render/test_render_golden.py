"""Golden test: examples/seed-item.xml is the item for the seed, byte for byte.

Regenerate on purpose only: ``NEWSML_REGENERATE_GOLDEN=1 python -m pytest tests/render/test_render_golden.py``
rewrites examples/seed-item.xml and the span dump beside it (examples/seed-item.spans.txt),
then skips; review the diff before committing. The item is what ``newsml.analyze`` finds in the
seed (the product's real output, as ``newsml convert`` writes it with a fixed clock);
``NEWSML_GOLDEN_SOURCE=hand`` builds it from the hand annotation in seed_annotation.py instead.
"""

from __future__ import annotations

import os

import pytest

from newsml.model import Article
from newsml.read.newsml import from_newsml
from newsml.render.newsml import to_newsml
from tests.render.itemcheck import FIXED, ROOT, assert_valid
from tests.render.seed_annotation import SEED_ID, seed_article

GOLDEN = ROOT / "examples" / "seed-item.xml"
DUMP = ROOT / "examples" / "seed-item.spans.txt"


def build(text: str) -> Article:
    if os.environ.get("NEWSML_GOLDEN_SOURCE") == "hand":
        return seed_article(text)
    from newsml import analyze

    return analyze(text, id=SEED_ID)


def _show(text: str, start: int, end: int) -> str:
    return f"{start}-{end} {text[start:end]!r}"


def span_dump(article: Article) -> str:
    """A readable listing of every span of an article (as read back from the item)."""
    text = article.text
    lines = [
        "# The seed item's spans as read back from examples/seed-item.xml (offsets index the seed).",
        f"headline: {article.headline}",
        f"language: {article.language}  paragraphs: {len(article.paragraphs)}",
        "",
    ]
    for entity in article.entities:
        ids = " ".join(f"{scheme}:{code}" for scheme, code in entity.ids.items())
        lines.append(f"entity {entity.id} {entity.kind} {entity.name!r} {ids}".rstrip())
        lines += [f"  {_show(text, m.start, m.end)}" for m in entity.mentions]
    for source in article.sources:
        flags = " anonymous" if source.anonymous else ""
        link = f" = {source.entity_id}" if source.entity_id else ""
        lines.append(f"source {source.id} {source.kind} {source.role}{flags}{link} {source.name!r}")
        lines += [f"  {_show(text, m.start, m.end)}" for m in source.mentions]
    for quote in article.quotes:
        source = quote.source.id if quote.source else "-"
        lines.append(f"quote {quote.id} {quote.kind} source={source}")
        lines += [f"  piece   {_show(text, s.start, s.end)}" for s in quote.spans]
        if quote.speaker:
            lines.append(f"  speaker {_show(text, quote.speaker.start, quote.speaker.end)}")
        if quote.cue:
            lines.append(f"  cue     {_show(text, quote.cue.start, quote.cue.end)}")
    return "\n".join(lines) + "\n"


def test_seed_item_matches_the_golden_file(seed_text: str) -> None:
    data = to_newsml(build(seed_text), FIXED)
    assert_valid(data)
    if os.environ.get("NEWSML_REGENERATE_GOLDEN") == "1":
        GOLDEN.write_bytes(data)
        DUMP.write_text(span_dump(from_newsml(data)), encoding="utf-8")
        pytest.skip("golden files regenerated: review the diff")
    assert GOLDEN.read_bytes() == data, "seed item changed; regenerate on purpose if intended"
    assert DUMP.read_text(encoding="utf-8") == span_dump(from_newsml(data))


def test_golden_file_reads_back_to_the_seed_and_is_a_fixed_point(seed_text: str) -> None:
    data = GOLDEN.read_bytes()
    article = from_newsml(data)
    assert article.text == seed_text
    assert to_newsml(article, FIXED) == data
