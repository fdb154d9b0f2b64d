"""The seed article: every 'must' entity of the hand annotation found, of the right kind, merged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsml

GOLD_NAME = Path("shared") / "seeds" / "000_94b1d46a95d8ed66.gold.json"
GOLD = next(
    (p / GOLD_NAME for p in Path(__file__).resolve().parents if (p / GOLD_NAME).exists()), GOLD_NAME
)


@pytest.fixture(scope="module")
def article(seed_text: str) -> newsml.Article:
    return newsml.analyze(seed_text)


@pytest.fixture(scope="module")
def gold() -> dict:  # type: ignore[type-arg]
    if not GOLD.exists():
        pytest.skip("the seed's gold annotation (../shared/seeds) is not here")
    return json.loads(GOLD.read_text(encoding="utf-8"))["entities"]


def _occurrences(text: str, word: str) -> list[tuple[int, int]]:
    """Where ``word`` stands as a name: not inside another word ('EU' is not in 'Europe')."""
    out, start = [], text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            out.append((start, end))
        start = text.find(word, start + 1)
    return out


def test_every_must_mention_is_found_merged_and_of_the_right_kind(article, gold, seed_text):
    for expected in gold["must"]:
        holders = {(m.start, m.end): entity for entity in article.entities for m in entity.mentions}
        entities = set()
        for mention in expected["mentions"]:
            spots = _occurrences(seed_text, mention)
            assert spots, mention
            for spot in spots:
                if any(s <= spot[0] and spot[1] <= e and (s, e) != spot for s, e in holders):
                    continue  # 'Lavrov' inside 'Sergei Lavrov'
                assert spot in holders, f"{mention!r} at {spot} not found"
                entity = holders[spot]
                assert entity.kind == expected["kind"], (mention, entity)
                entities.add(entity.id)
        assert len(entities) == 1, (expected["name"], entities)
        entity = article.entity(entities.pop())
        assert entity is not None and entity.name == expected["name"]


def test_nationalities_are_not_places(article, seed_text):
    for entity in article.entities:
        for mention in entity.mentions:
            if mention.text in ("Russian", "Ukrainian"):
                assert entity.kind == "nationality"


def test_possessive_is_outside_the_mention(article, seed_text):
    lavrov = next(e for e in article.entities if e.name == "Sergei Lavrov")
    assert all(not m.text.endswith(("’s", "'s")) for m in lavrov.mentions)
    assert sum(1 for m in lavrov.mentions if m.text == "Lavrov") == 6


def test_the_foreign_minister_is_lavrov(article):
    lavrov = next(e for e in article.entities if e.name == "Sergei Lavrov")
    assert "the Russian foreign minister" in [m.text for m in lavrov.mentions]


def test_countries_are_linked(article):
    by_name = {e.name: e for e in article.entities}
    assert by_name["Russia"].ids == {"iso3166-1a2": "RU", "geonames": "2017370"}
    assert by_name["Ukraine"].ids["iso3166-1a2"] == "UA"
    assert by_name["United States"].ids["iso3166-1a2"] == "US"
    assert by_name["Moscow"].ids == {"geonames": "524901"}
    assert dict(by_name["NATO"].ids) == {}  # no identifier is guessed for an organisation


def test_mentions_index_the_text(article, seed_text):
    for entity in article.entities:
        assert list(entity.mentions) == sorted(entity.mentions, key=lambda m: (m.start, m.end))
        for mention in entity.mentions:
            assert seed_text[mention.start : mention.end] == mention.text
