"""The quotes detector on small articles: quotes, speakers, sources, and hostile input."""

from __future__ import annotations

import attrs
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import newsml
from newsml.detect import DETECTORS
from newsml.detect.quotes import detect_quotes
from newsml.model import Article, Entity, Mention, Quote
from newsml.text import segment
from tests.timing import best_cpu_seconds


def analyse(text: str, entities: tuple[tuple[str, str, tuple[str, ...]], ...] = ()) -> Article:
    """Segment ``text``, mark the given entities by hand (name, kind, mention strings), find quotes."""
    article = segment(text)
    found = []
    for number, (name, kind, strings) in enumerate(entities, start=1):
        mentions = [
            Mention(match.start(), match.end(), match.group())
            for string in strings
            for match in regex.finditer(r"\b" + regex.escape(string) + r"\b", text)
        ]
        found.append(
            Entity(f"e{number}", kind, name, tuple(sorted(mentions, key=lambda m: m.start)))
        )
    return detect_quotes(attrs.evolve(article, entities=tuple(found)))


def pieces(article: Article, quote: Quote) -> list[str]:
    return [piece.of(article.text) for piece in quote.spans]


def only(article: Article) -> Quote:
    assert len(article.quotes) == 1, [pieces(article, q) for q in article.quotes]
    return article.quotes[0]


def speaker(quote: Quote) -> str | None:
    return None if quote.speaker is None else quote.speaker.text


def test_registered_in_the_detectors() -> None:
    assert "quotes" in DETECTORS.names()


@pytest.mark.parametrize(
    ("text", "quoted", "said_by"),
    [
        ("“We will win,” she said.", ["“We will win,”"], "she"),
        ("“We will win,” said Pat Caddell, a pollster.", ["“We will win,”"], "Pat Caddell"),
        (
            "White House Press Secretary Josh Earnest said: “We are ready.”",
            ["“We are ready.”"],
            "White House Press Secretary Josh Earnest",
        ),
        (
            "“It is a waste,” said Sen. Claire McCaskill (D-Mo.).",
            ["“It is a waste,”"],
            "Sen. Claire McCaskill (D-Mo.)",
        ),
        ("“It hurts,” Hugh Hill, a doctor, said.", ["“It hurts,”"], "Hugh Hill, a doctor"),
        ("“Does anybody know?” Graham asked.", ["“Does anybody know?”"], "Graham"),
        ("“We stand ready.” — John Smith", ["“We stand ready.”"], "John Smith"),
        ("He told reporters, “We are not leaving.”", ["“We are not leaving.”"], "He"),
        ("“A,” she said. “B.”", ["“A,”", "“B.”"], "she"),
        ("“A,” she said, “and B.”", ["“A,”", "“and B.”"], "she"),
        (
            "‘These efforts fail,’ a senior embassy official said in a statement.",
            ["‘These efforts fail,’"],
            "a senior embassy official",
        ),
    ],
)
def test_direct_quotes_and_their_speakers(text: str, quoted: list[str], said_by: str) -> None:
    article = analyse(text)
    quote = only(article)
    assert quote.kind == "direct"
    assert pieces(article, quote) == quoted
    assert speaker(quote) == said_by


def test_quote_over_paragraphs_after_a_colon_lead_in() -> None:
    article = analyse("The minister said on Tuesday:\n\n“We stand ready.\n\n“We will not retreat.”")
    quote = only(article)
    assert pieces(article, quote) == ["“We stand ready.", "“We will not retreat.”"]
    assert speaker(quote) == "The minister"


def test_follow_up_quote_in_the_next_paragraph_has_the_same_speaker_and_source() -> None:
    text = "“We will win,” Smith said.\n\n“Nobody doubts it.”"
    article = analyse(text, (("John Smith", "person", ("Smith",)),))
    first, second = article.quotes
    assert speaker(second) == "Smith"
    assert second.source is first.source and first.source is not None
    assert first.source.name == "John Smith" and first.source.entity_id == "e1"
    assert [m.text for m in first.source.mentions] == ["Smith"]


@pytest.mark.parametrize(
    ("text", "kind", "holds", "said_by"),
    [
        ("Smith argued that taxes were too high.", "indirect", "that taxes were too high", "Smith"),
        ("Taxes will rise, officials said.", "indirect", "Taxes will rise", "officials"),
        (
            "According to the ministry, 40 people died.",
            "indirect",
            "40 people died",
            "the ministry",
        ),
        ("She called the plan “a disaster.”", "mixed", "“a disaster.”", "She"),
        (
            "Trump says he is making “a demand” of Obama.",
            "mixed",
            "he is making “a demand”",
            "Trump",
        ),
        (
            "A spokesman for the ministry said the talks had failed.",
            "indirect",
            "the talks had failed",
            "A spokesman for the ministry",
        ),
        (
            "Lavrov reiterated the point, stating that ‘the West is wrong.’",
            "direct",
            "‘the West is wrong.’",
            "Lavrov",
        ),
        (
            "with Russian diplomats warning that any such force would be a provocation.",
            "indirect",
            "any such force would be a provocation",
            "Russian diplomats",
        ),
    ],
)
def test_reported_speech(text: str, kind: str, holds: str, said_by: str) -> None:
    article = analyse(text)
    quote = only(article)
    assert quote.kind == kind
    assert any(holds in piece for piece in pieces(article, quote))
    assert speaker(quote) == said_by


def test_parenthetical_attribution_makes_two_pieces() -> None:
    article = analyse("These discussions, according to diplomatic sources, focused on trade.")
    quote = only(article)
    assert pieces(article, quote) == ["These discussions", "focused on trade"]
    assert quote.source is not None and quote.source.anonymous


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “peace plan” was rejected on Monday.",
        "She starred in “Gone with the Wind” in 1939.",
        "Lavrov’s remarks underscored Russia’s skepticism.",
        "The coal states digging in against him lost.",
    ],
)
def test_not_speech(text: str) -> None:
    assert analyse(text).quotes == ()


def test_pronoun_resolves_to_the_last_person_named() -> None:
    text = "Sergei Lavrov met Ukraine’s envoy. “It is over,” he said."
    article = analyse(
        text, (("Sergei Lavrov", "person", ("Sergei Lavrov",)), ("Ukraine", "place", ("Ukraine",)))
    )
    quote = only(article)
    assert quote.source is not None and quote.source.name == "Sergei Lavrov"
    assert [m.text for m in quote.source.mentions] == ["he"]


def test_role_resolves_to_the_person_introduced_with_it() -> None:
    text = (
        "Russian Foreign Minister Sergei Lavrov spoke in Moscow.\n\n"
        "“It is over,” the Russian foreign minister said."
    )
    article = analyse(text, (("Sergei Lavrov", "person", ("Sergei Lavrov",)),))
    quote = only(article)
    assert speaker(quote) == "the Russian foreign minister"
    assert quote.source is not None and quote.source.entity_id == "e1"


def test_repeated_mentions_merge_into_one_source() -> None:
    text = "“A,” Lavrov said.\n\nOther news.\n\nOther news.\n\n“B,” Sergei Lavrov said."
    article = analyse(text, (("Sergei Lavrov", "person", ("Sergei Lavrov", "Lavrov")),))
    assert len(article.sources) == 1
    assert [m.text for m in article.sources[0].mentions] == ["Lavrov", "Sergei Lavrov"]


def test_roles_of_sources() -> None:
    text = (
        "“No comment,” a State Department spokesman said.\n\n"
        "The plan failed, according to a report by RIA Novosti.\n\n"
        "“It was hard,” Smith told reporters."
    )
    roles = {source.name: source.role for source in analyse(text).sources}
    assert roles == {
        "a State Department spokesman": "spokesperson",
        "RIA Novosti": "contentSource",
        "Smith": "interviewee",
    }


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="ab said he ,.“”‘’'\"\n—", max_size=120))
def test_offsets_valid_and_pieces_of_a_quote_in_order(text: str) -> None:
    article = detect_quotes(segment(text))
    for quote in article.quotes:
        assert all(0 <= p.start < p.end <= len(text) for p in quote.spans)
        assert all(a.end <= b.start for a, b in zip(quote.spans, quote.spans[1:]))
        if quote.speaker is not None:
            assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text
        if quote.source is not None:
            assert quote.source in article.sources


def _seconds(text: str) -> float:
    """CPU seconds of the quote detector on ``text`` (the best of two runs)."""
    return best_cpu_seconds(detect_quotes, segment(text))


@pytest.mark.parametrize(
    "unit",
    [
        "“",  # a megabyte of marks never closed
        "“a ",  # ten thousand quotes nested in each other, and more
        "He said “it is,” she said, ‘no’. ",  # one long paragraph
        "“a,” he said, ",  # one sentence that never ends
        "'\"’‘",
    ],
)
def test_hostile_input_in_linear_time(unit: str) -> None:
    small = unit * (50_000 // len(unit))
    large = unit * (200_000 // len(unit))
    small_time = max(_seconds(small), 1e-3)
    large_time = _seconds(large)
    # four times the text: well under sixteen times the time (quadratic would be 16)
    assert large_time < 10 * small_time + 0.5
    assert large_time < 20


def test_five_megabyte_paragraph_and_nested_quotes_finish() -> None:
    nested = "“" * 10_000 + "word" + "”" * 10_000 + " he said."
    assert _seconds(nested) < 5
    paragraph = "Officials said the talks, “which began in May,” would go on. " * 90_000
    assert len(paragraph) > 5_000_000
    assert _seconds(paragraph) < 120


def test_regression_follow_up_quote_after_an_attribution_in_the_same_sentence() -> None:
    """Found by the fixed-point property: a quotation standing alone right after another
    attribution of the same sentence looked up a paragraph not yet recorded."""
    text = (
        '\r\n“We القاهرة \x00 Москва ‘fantasies,’ 北京 "quoted" said ]]> it\'s said <tag> '
        "Москва Lavrov \"quoted\" 'single' it's said القاهرة\n'single' ‘fantasies,’ \r said "
        "Lavrov 'single' 'single' a&b <tag> \"quoted\" the <tag> ‘fantasies,’\r"
    )
    article = newsml.analyze(text)
    for quote in article.quotes:
        assert all(0 <= piece.start <= piece.end <= len(text) for piece in quote.spans)
