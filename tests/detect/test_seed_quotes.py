"""The seed article: every required quote found with its kind, speaker and source, nothing else.

The expectations are the hand annotation of ``seeds/000_94b1d46a95d8ed66.txt`` (its
``.gold.json`` beside the shared corpora): 'must' items are required, 'may' items are neither
required nor wrong. A direct item's piece must be exactly its text; a mixed or indirect one must
hold its text. The article is analysed twice: with hand-made entities (so that this test does
not depend on the entities detector) and through :func:`newsml.analyze` as a whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
import regex

import newsml
from newsml.detect.quotes import detect_quotes
from newsml.model import Article, Entity, Mention, Quote
from newsml.text import segment

# (kind, text, speaker, source, kinds accepted, anonymous source)
MUST = [
    (
        "direct",
        "‘These efforts are not taken seriously by Russia,’",
        "he",
        "Sergei Lavrov",
        ("direct",),
        False,
    ),
    (
        "direct",
        (
            "‘The creation of foreign military units on Ukrainian soil would only deepen the division"
            " of the international community and fuel hostility,’"
        ),
        "a senior Russian embassy official",
        "a senior Russian embassy official",
        ("direct",),
        True,
    ),
    (
        "direct",
        (
            "‘the West’s selective enforcement of international law has undermined trust and hindered"
            " progress.’"
        ),
        "Lavrov",
        "Sergei Lavrov",
        ("direct",),
        False,
    ),
    (
        "direct",
        "‘We are open to dialogue, but we cannot ignore the reality of Russian aggression,’",
        "a senior Ukrainian defense official",
        "a senior Ukrainian defense official",
        ("direct",),
        True,
    ),
    (
        "direct",
        "‘fantasies,’",
        "Russian Foreign Minister Sergei Lavrov",
        "Sergei Lavrov",
        ("direct", "mixed"),
        False,
    ),
    ("mixed", "‘root causes’", "he", "Sergei Lavrov", ("mixed", "direct"), False),
    ("direct", "‘Western hegemony’", "Moscow", "Moscow", ("direct", "mixed"), False),
    (
        "indirect",
        (
            "external military involvement in the region could escalate tensions and destabilize the"
            " broader region"
        ),
        "The Russian government",
        "The Russian government",
        ("indirect",),
        False,
    ),
    (
        "indirect",
        "any such force would be perceived as a provocation",
        "Russian diplomats",
        "Russian diplomats",
        ("indirect",),
        True,
    ),
    (
        "indirect",
        "Lavrov’s rhetoric reflects broader Russian concerns about Western influence in Ukraine",
        "Analysts",
        "Analysts",
        ("indirect",),
        True,
    ),
    (
        "indirect",
        (
            "the Russian foreign minister had been engaged in a series of closed-door meetings with"
            " representatives from several non-aligned countries"
        ),
        "it",
        "RIA Novosti",
        ("indirect",),
        False,
    ),
    (
        "indirect",
        "These discussions",
        "diplomatic sources",
        "diplomatic sources",
        ("indirect",),
        True,
    ),
]

MAY = [
    "‘multi-national corps to protect Ukraine’",
    (
        "it could serve as a deterrent to Russian aggression while providing Ukraine with much-needed"
        " training and logistical support"
    ),
    "Western nations of failing to uphold commitments made during the 2014 Minsk agreements",
    "greater clarity on the scope and timeline of such an initiative",
    "their commitment to Ukraine’s sovereignty and territorial integrity",
    (
        "Russian Foreign Minister Sergei Lavrov has dismissed recent international proposals to"
        " establish a ‘multi-national corps to protect Ukraine’ as ‘fantasies,’"
    ),
]

SOURCES_MUST = {
    "Sergei Lavrov",
    "RIA Novosti",
    "a senior Russian embassy official",
    "a senior Ukrainian defense official",
    "diplomatic sources",
    "Analysts",
}
SOURCES_MAY = {
    "The Russian government",
    "Russian diplomats",
    "Moscow",
    "Ukrainian officials",
    "NATO and EU officials",
}

# The seed's entities, as the entities detector is to find them: name, kind, mention strings.
ENTITIES = [
    ("Sergei Lavrov", "person", ("Sergei Lavrov", "Lavrov")),
    ("RIA Novosti", "organisation", ("RIA Novosti",)),
    ("NATO", "organisation", ("NATO",)),
    ("European Union", "organisation", ("European Union", "EU")),
    ("Russia", "place", ("Russia",)),
    ("Moscow", "place", ("Moscow",)),
    ("Ukraine", "place", ("Ukraine",)),
    ("United States", "place", ("United States",)),
]


def with_entities(article: Article) -> Article:
    """The article with the seed's entities marked by hand (longest mention strings first)."""
    taken: list[tuple[int, int]] = []
    entities = []
    for number, (name, kind, strings) in enumerate(ENTITIES, start=1):
        mentions = []
        for string in strings:
            for match in regex.finditer(r"\b" + regex.escape(string) + r"\b", article.text):
                span = (match.start(), match.end())
                if any(start < span[1] and span[0] < end for start, end in taken):
                    continue
                taken.append(span)
                mentions.append(Mention(span[0], span[1], string))
        entities.append(
            Entity(f"e{number}", kind, name, tuple(sorted(mentions, key=lambda m: m.start)))
        )
    return attrs.evolve(article, entities=tuple(entities))


def _pieces(article: Article, quote: Quote) -> list[str]:
    return [piece.of(article.text) for piece in quote.spans]


def _find(article: Article, kind: str, text: str) -> Quote | None:
    """The innermost quote with a piece that is (direct) or holds (mixed, indirect) ``text``."""
    found = [
        (len(piece), quote)
        for quote in article.quotes
        for piece in _pieces(article, quote)
        if ((piece == text) if kind == "direct" else (text in piece))
    ]
    return min(found, key=lambda pair: pair[0])[1] if found else None


def check_seed(article: Article) -> None:
    problems = []
    for kind, text, speaker, source, kinds, anonymous in MUST:
        quote = _find(article, kind, text) or _find(article, "mixed", text)
        if quote is None:
            problems.append(f"not found: {text!r}")
            continue
        if quote.kind not in kinds:
            problems.append(f"kind {quote.kind} not in {kinds}: {text!r}")
        if quote.speaker is None or quote.speaker.text != speaker:
            problems.append(
                f"speaker {quote.speaker and quote.speaker.text!r} != {speaker!r}: {text!r}"
            )
        if quote.source is None or quote.source.name != source:
            problems.append(
                f"source {quote.source and quote.source.name!r} != {source!r}: {text!r}"
            )
        elif quote.source.anonymous != anonymous:
            problems.append(f"source {source!r} anonymous={quote.source.anonymous}")
    allowed = [item[1] for item in MUST] + MAY
    for quote in article.quotes:
        pieces = _pieces(article, quote)
        if not any(piece == text or text in piece for piece in pieces for text in allowed):
            problems.append(f"outside must and may: {quote.kind} {pieces!r}")
    names = {source.name for source in article.sources}
    for name in SOURCES_MUST - names:
        problems.append(f"source missing: {name!r}")
    for name in names - SOURCES_MUST - SOURCES_MAY:
        problems.append(f"source outside must and may: {name!r}")
    assert not problems, "\n".join(problems)


def test_seed_quotes_with_hand_entities(seed_text: str) -> None:
    article = detect_quotes(with_entities(segment(seed_text)))
    check_seed(article)
    lavrov = next(source for source in article.sources if source.name == "Sergei Lavrov")
    assert lavrov.entity_id == "e1"
    assert {mention.text for mention in lavrov.mentions} >= {"he", "Lavrov"}


def test_seed_quotes_through_analyze(seed_text: str) -> None:
    check_seed(newsml.analyze(seed_text))


def test_each_quote_points_at_a_source_of_the_article(seed_text: str) -> None:
    article = detect_quotes(with_entities(segment(seed_text)))
    for quote in article.quotes:
        if quote.source is not None:
            assert any(quote.source is source for source in article.sources)
    assert [source.id for source in article.sources] == [
        f"s{n}" for n in range(1, len(article.sources) + 1)
    ]
    assert [quote.id for quote in article.quotes] == [
        f"q{n}" for n in range(1, len(article.quotes) + 1)
    ]


def test_expectations_match_the_shared_gold_file(shared_dir: Path | None) -> None:
    """The lists above are the shared hand annotation, word for word (when it is at hand)."""
    gold_path = (
        None if shared_dir is None else shared_dir / "seeds" / "000_94b1d46a95d8ed66.gold.json"
    )
    if gold_path is None or not gold_path.is_file():
        pytest.skip("the shared gold file is not beside the project")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert [item["text"] for item in gold["quotes"]["must"]] == [item[1] for item in MUST]
    assert [item["text"] for item in gold["quotes"]["may"]] == MAY
    assert set(gold["sources"]["must"]) == SOURCES_MUST
    assert set(gold["sources"]["may"]) == SOURCES_MAY
