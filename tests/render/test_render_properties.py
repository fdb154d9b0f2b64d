"""Properties over generated articles and annotations (hypothesis).

Texts mix scripts, curly and straight quotes, apostrophes, control characters and lone
surrogates, CRLF/CR/LF, empty and huge paragraphs; annotations are random nested and
overlapping spans: quotes with several pieces, entities with many mentions, sources, speakers,
cues, zero-length and identical spans. For every article: the item passes the profile and (with
$NEWSML_SCHEMA_DIR) IPTC's schemas, every IDREF resolves, the body text is the input (under the
U+FFFD rule), writing is deterministic, write -> read -> write is a fixed point, and every span
reads back as the part of it that lies in paragraphs. 2,050 examples per run in all.
"""

from __future__ import annotations

import copy
import random
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from newsml.model import Article, Entity, Mention, Metadata, Quote, Source, Span
from newsml.pipeline import analyze
from newsml.read.newsml import from_newsml
from newsml.render.escape import normalized
from newsml.render.newsml import to_newsml
from newsml.render.nitf import NITF_NS, Paragraphs
from newsml.text import segment
from newsml.text.xmlchars import replace_illegal
from tests.render.itemcheck import FIXED, assert_valid, errors, official, parse, profile_schema

VOCABULARY = (
    "Lavrov",
    "said",
    "the",
    "Moscow",
    "\u2018fantasies,\u2019",
    "\u201cWe",
    "won\u2019t\u201d",
    "it's",
    '"quoted"',
    "'single'",
    "\u041c\u043e\u0441\u043a\u0432\u0430",
    "\u5317\u4eac",
    "\u0627\u0644\u0642\u0627\u0647\u0631\u0629",
    "\U0001f600",
    "a&b",
    "<tag>",
    "]]>",
    "\x00",
    "\x0b",
    "\x1f",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\t",
    "\u00a0",
    "\r",
    "x",
)
SEPARATORS = ("\n", "\r\n", "\n\n", "\r\n\r\n", "\r", " \n \t\n", "\n\n\n")
KINDS = ("person", "organisation", "place", "event", "nationality", "date", "work")
SCHEMES = ("wikidata", "geonames", "iso3166-1a2", "private", "dbpedia")
CODES = ("Q159", "2017370", "RU", "x y", "Berlin_(city)")

# Hypothesis draws the shape (how many paragraphs, words, spans; which options); a seeded
# random.Random fills in words and offsets, which keeps a draw cheap enough for 2,000 examples.


@st.composite
def texts(draw: Any) -> str:
    chance = random.Random(draw(st.integers(0, 2**32)))
    paragraphs = [
        " ".join(chance.choice(VOCABULARY) for _ in range(draw(st.integers(0, 30))))
        for _ in range(draw(st.integers(0, 8)))
    ]
    if paragraphs and draw(st.booleans()):
        index = chance.randrange(len(paragraphs))
        paragraphs[index] = (paragraphs[index] + " ") * draw(st.integers(1, 300))
    lead = draw(st.sampled_from(["", " ", "\n"]))
    return lead + "".join(paragraph + chance.choice(SEPARATORS) for paragraph in paragraphs)


def spans(
    chance: random.Random, length: int, count: int, pool: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Random spans; a quarter repeat an earlier span of the article, a quarter nest in one."""
    out = []
    for _ in range(count):
        draw = chance.random()
        if pool and draw < 0.25:
            found = chance.choice(pool)
        elif pool and draw < 0.5:
            outer_start, outer_end = chance.choice(pool)
            start = chance.randint(outer_start, outer_end)
            found = (start, chance.randint(start, outer_end))
        else:
            start = chance.randint(0, length)
            reach = chance.choice((0, 3, 20, 200))
            found = (start, chance.randint(start, min(length, start + reach)))
        pool.append(found)
        out.append(found)
    return out


@st.composite
def articles(draw: Any) -> Article:
    text = draw(texts())
    length = len(text)
    chance = random.Random(draw(st.integers(0, 2**32)))
    pool: list[tuple[int, int]] = []
    if draw(st.booleans()):
        article = segment(text)
    else:
        given_paragraphs = spans(chance, length, draw(st.integers(0, 5)), [])
        article = Article(text=text, paragraphs=tuple(Span(a, b) for a, b in given_paragraphs))

    def mentions(count: int) -> tuple[Mention, ...]:
        return tuple(Mention(a, b, text[a:b]) for a, b in spans(chance, length, count, pool))

    def ids() -> dict[str, str]:
        return {chance.choice(SCHEMES): chance.choice(CODES) for _ in range(chance.randint(0, 3))}

    entities = tuple(
        Entity(
            f"e{i}",
            chance.choice(KINDS),
            chance.choice(VOCABULARY) + " name\n",
            mentions(draw(st.integers(0, 6))),
            ids(),
        )
        for i in range(1, draw(st.integers(0, 4)) + 1)
    )
    sources = tuple(
        Source(
            f"s{i}",
            chance.choice(VOCABULARY),
            kind=chance.choice(["person", "organisation", "group"]),
            role=chance.choice(["originfo", "spokesperson", "interviewee"]),
            anonymous=chance.random() < 0.5,
            entity_id=chance.choice([None, "e1", "e2", "e9"]),
            mentions=mentions(draw(st.integers(0, 3))),
        )
        for i in range(1, draw(st.integers(0, 3)) + 1)
    )
    quotes = []
    for i in range(1, draw(st.integers(0, 4)) + 1):
        pieces = tuple(
            Span(a, b) for a, b in sorted(spans(chance, length, draw(st.integers(1, 3)), pool))
        )
        speaker = chance.choice([None, *mentions(1)])
        cue = chance.choice([None, *(Span(a, b) for a, b in spans(chance, length, 1, pool))])
        source = chance.choice([None, *sources, Source("x1", "someone else")])
        kind = draw(st.sampled_from(["direct", "mixed", "indirect"]))
        quotes.append(Quote(f"q{i}", kind, pieces, speaker=speaker, source=source, cue=cue))
    metadata = Metadata(
        id=chance.choice([None, "a-1", "id with space:and/colon", "\u00e9t\u00e9"]),
        provider=chance.choice([None, "example.com", "Acme: News"]),
        version=chance.randint(1, 3),
        source_name=chance.choice([None, "feed\tname"]),
        urgency=chance.choice([None, 1, 9]),
    )
    parts = {
        f"{part}_span": chance.choice(
            [None, *(Span(a, b) for a, b in spans(chance, length, 1, pool))]
        )
        for part in ("headline", "byline", "dateline")
    }
    return attrs.evolve(
        article,
        **parts,
        metadata=metadata,
        entities=entities,
        sources=sources,
        quotes=tuple(quotes),
        byline=chance.choice([None, "By Jane\nSmith", "  "]),
        dateline=chance.choice([None, "MOSCOW, Nov 26 (Reuters) -"]),
        headline=chance.choice([None, "A  head\u00a0line\x00"]),
        language=chance.choice(["en", "ru", "pt-BR", "not a tag"]),
    )


def body_text(root: Any) -> str:
    return "".join(root.find(f".//{{{NITF_NS}}}body.content").itertext())


@settings(max_examples=1600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_items_are_valid_lossless_deterministic_and_a_fixed_point(article: Article) -> None:
    data = to_newsml(article, FIXED)
    root = assert_valid(data)
    assert body_text(root) == replace_illegal(article.text)
    assert to_newsml(article, FIXED) == data
    again = from_newsml(data)
    assert again.text == replace_illegal(article.text)
    assert to_newsml(again, FIXED) == data
    _assert_spans_read_back(article, again)


def _assert_spans_read_back(article: Article, again: Article) -> None:
    """Every span reads back as the part of it that lies in paragraphs."""
    layout = Paragraphs(replace_illegal(article.text), article.paragraphs)
    assert [(a, b) for a, b in layout.spans] == [(p.start, p.end) for p in again.paragraphs]

    def extents(items: Any) -> list[tuple[int, int]]:
        found = (layout.extent(item.start, item.end) for item in items)
        return sorted(extent for extent in found if extent is not None)

    for entity, read in zip(article.entities, again.entities):
        assert [(m.start, m.end) for m in read.mentions] == extents(entity.mentions)
        assert (read.id, read.kind) == (entity.id, entity.kind)
    for quote, read in zip(article.quotes, again.quotes):
        assert [(s.start, s.end) for s in read.spans] == extents(quote.spans)
        assert (read.id, read.kind) == (quote.id, quote.kind)
        speaker = extents([quote.speaker] if quote.speaker else [])
        assert ([(read.speaker.start, read.speaker.end)] if read.speaker else []) == speaker
        assert (read.source.name if read.source else None) == (
            normalized(quote.source.name) if quote.source else None
        )
    for part in ("headline_span", "byline_span", "dateline_span"):
        written, read_part = getattr(article, part), getattr(again, part)
        assert ([(read_part.start, read_part.end)] if read_part else []) == extents(
            [written] if written else []
        )
    for source, read in zip(article.sources, again.sources):
        assert [(m.start, m.end) for m in read.mentions] == extents(source.mentions)
        assert (read.anonymous, read.role) == (source.anonymous, source.role)


@settings(max_examples=200, deadline=None)
@given(texts())
def test_analyze_write_read_write_is_a_fixed_point(text: str) -> None:
    data = to_newsml(analyze(text, id="seed-1"), FIXED)
    assert_valid(data)
    assert to_newsml(from_newsml(data), FIXED) == data


MUTATIONS = st.sampled_from(["drop", "bogus-attribute", "swap", "duplicate", "text-in-content"])


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), MUTATIONS, st.integers(0, 10_000))
def test_profile_never_accepts_what_the_official_schemas_reject(
    article: Article, mutation: str, seed: int
) -> None:
    schema = official()
    root = parse(to_newsml(article, FIXED))
    elements = [element for element in root.iter() if isinstance(element.tag, str)][1:]
    target = elements[seed % len(elements)]
    parent = target.getparent()
    if mutation == "drop":
        parent.remove(target)
    elif mutation == "bogus-attribute":
        target.set("bogus", "1")
    elif mutation == "swap" and target.getnext() is not None:
        following = target.getnext()
        parent.remove(following)
        parent.insert(parent.index(target), following)
    elif mutation == "duplicate":
        parent.insert(parent.index(target), copy.deepcopy(target))
    elif mutation == "text-in-content":
        target.tail = (target.tail or "") + "stray"
    if not errors(profile_schema(), root) and schema is not None:
        assert not errors(schema, root), (
            f"profile accepted a {mutation} the official schemas reject"
        )
    try:  # the reader copes with a broken item: an Article or a ValueError, never a crash
        from_newsml(etree.tostring(root))
    except ValueError:
        pass
