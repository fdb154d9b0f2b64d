"""The writer's depth bound: markup nested past MAX_INLINE_DEPTH is flattened, text kept."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from newsml.model import Article, Entity, Mention, Quote, Source, Span
from newsml.pipeline import analyze
from newsml.read.newsml import from_newsml
from newsml.render.newsml import to_newsml, write_item
from newsml.render.nitf import MAX_INLINE_DEPTH, NITF_NS
from newsml.text import segment
from newsml.text.xmlchars import replace_illegal
from newsml.validate import validate
from tests.render.itemcheck import FIXED, assert_valid

#: The two texts of issue 11 whose quotes, as analysed then, nested ~300 deep.
SWALLOWING = (
    "\ufffe x\n" + "\uffff it's \u2018fantasies,\u2019 Moscow said " * 300,
    'he called it "fantasies," Moscow said. ' * 300,
)


def inline_depth(data: bytes) -> int:
    """The most elements open at once inside one NITF <p> of the item."""
    root = etree.fromstring(data)  # lxml's default limits: no huge_tree
    deepest = 0
    for paragraph in root.iter(f"{{{NITF_NS}}}p"):
        for element in paragraph.iterdescendants():
            depth = sum(1 for _ in element.iterancestors()) - sum(
                1 for _ in paragraph.iterancestors()
            )
            deepest = max(deepest, depth)
    return deepest


def body_text(data: bytes) -> str:
    root = etree.fromstring(data)
    return "".join(root.find(f".//{{{NITF_NS}}}body.content").itertext())


def nested_quotes(count: int) -> Article:
    """One paragraph holding ``count`` quotes, each inside the one before, with speakers."""
    text = "(" * count + "x" + ")" * count
    article = segment(text)
    length = len(text)
    source = Source("s1", "Someone", mentions=(Mention(0, 1, "("),))
    quotes = tuple(
        Quote(
            f"q{index + 1}",
            "direct",
            (Span(index, length - index),),
            speaker=Mention(index, index + 1, "("),
            source=source,
        )
        for index in range(count)
    )
    entity = Entity("e1", "person", "Someone", (Mention(count, count + 1, "x"),))
    return Article(
        text=text,
        paragraphs=article.paragraphs,
        sentences=article.sentences,
        quotes=quotes,
        sources=(source,),
        entities=(entity,),
    )


@pytest.mark.parametrize("text", SWALLOWING, ids=["mixed-quotes", "reported-speech"])
def test_runaway_analyses_give_items_that_parse_with_default_limits(text: str) -> None:
    article = analyze(text, id="deep-1")
    data, diagnostics = write_item(article, FIXED)
    assert inline_depth(data) <= MAX_INLINE_DEPTH
    assert_valid(data)
    assert validate(data).valid
    assert body_text(data) == replace_illegal(text)
    again = from_newsml(data)
    assert to_newsml(again, FIXED) == data  # the flattened item is a fixed point
    if diagnostics:  # the quote detector may no longer nest them: then nothing is dropped
        assert [d.code for d in diagnostics] == ["markup-too-deep"]
        assert "written as plain text" in diagnostics[0].message


def test_nesting_past_the_bound_is_flattened_and_said() -> None:
    article = nested_quotes(100)
    data, diagnostics = write_item(article, FIXED)
    assert_valid(data)
    assert inline_depth(data) == MAX_INLINE_DEPTH
    assert body_text(data) == article.text
    (diagnostic,) = diagnostics
    assert diagnostic.level == "warning" and diagnostic.code == "markup-too-deep"
    assert f"more than {MAX_INLINE_DEPTH} elements deep" in diagnostic.message
    assert "quote pieces (q" in diagnostic.message
    assert diagnostic.start is not None and diagnostic.end is not None
    again = from_newsml(data)
    assert len(again.quotes) == 100  # every quote keeps its partMeta (who said it) ...
    marked = [quote for quote in again.quotes if quote.spans]
    assert 0 < len(marked) < 100  # ... the inner ones without their markup
    assert [quote.id for quote in marked] == [f"q{n}" for n in range(1, len(marked) + 1)]
    assert to_newsml(again, FIXED) == data
    assert to_newsml(article, FIXED) == data  # to_newsml flattens alike


def test_nesting_within_the_bound_drops_nothing() -> None:
    # A quote and its speaker are two levels: quotes nested up to half the bound fit.
    article = nested_quotes(MAX_INLINE_DEPTH // 2 - 1)
    data, diagnostics = write_item(article, FIXED)
    assert diagnostics == ()
    again = from_newsml(data)
    assert [len(quote.spans) for quote in again.quotes] == [1] * len(article.quotes)
    assert inline_depth(data) <= MAX_INLINE_DEPTH


def test_a_flattened_quote_keeps_its_source_reference() -> None:
    data, _ = write_item(nested_quotes(60), FIXED)
    root: Any = etree.fromstring(data)
    parts = root.findall("{http://iptc.org/std/nar/2006-10-01/}partMeta")
    assert len(parts) == 60
    bare = [part for part in parts if part.get("contentrefs") is None]
    assert bare, "some quotes were flattened"
    for part in bare:  # still tied to the article's own source, not a copy of it
        (info,) = part.findall("{http://iptc.org/std/nar/2006-10-01/}infoSource")
        assert info.get("{urn:x-newsml:speech:1}ref") == "s1"
