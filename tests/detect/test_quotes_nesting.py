"""Quotes never swallow quotes (issue 11, item 1).

The content of reported speech stops at the attribution before it ('A, Moscow said B, Moscow
said': B alone), at the next attribution joined by a comma or a conjunction ('X said A and Y
said B'), and a relative clause's at its comma; reported speech holds at most one other
attribution ('X said that officials told him ...'), so quotes lie at most two deep; a paragraph
without a sentence end is read in bounded units. Whatever the text, the nesting of the quotes'
pieces is at most two, and the time is linear in the text.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newsml
from newsml.detect.quotes import DEEPEST, detect_quotes
from newsml.model import Article
from newsml.text import segment
from tests.timing import best_cpu_seconds


def nesting(article: Article) -> int:
    """How deep the pieces of the article's quotes lie in each other (1: none inside another)."""
    pieces = sorted(
        ((span.start, -span.end) for quote in article.quotes for span in quote.spans),
    )
    chain: list[int] = []
    deepest = 0
    for start, negative_end in pieces:
        while chain and chain[-1] <= start:
            chain.pop()
        chain.append(-negative_end)
        deepest = max(deepest, len(chain))
    return deepest


def contents(text: str) -> list[tuple[list[str], str | None]]:
    article = detect_quotes(segment(text))
    return [
        ([span.of(text) for span in quote.spans], quote.speaker and quote.speaker.text)
        for quote in article.quotes
    ]


#: The runaway texts of issue 11: before, 300, 301 and 30 deep.
RUNAWAY = {
    "mixed": "\ufffe x\n" + "\uffff it's \u2018fantasies,\u2019 Moscow said " * 300,
    "reported": 'he called it "fantasies," Moscow said. ' * 300,
    "no-sentence-end": "Lavrov said \u2018no\u2019 and " * 20000,
}


@pytest.mark.parametrize("name", sorted(RUNAWAY))
def test_runaway_texts_nest_at_most_two_deep(name: str) -> None:
    article = newsml.analyze(RUNAWAY[name])
    assert article.quotes
    assert nesting(article) <= DEEPEST


def test_each_repeated_mixed_quote_holds_its_own_words_only() -> None:
    article = newsml.analyze(RUNAWAY["mixed"])
    assert len(article.quotes) == 300
    assert {tuple(span.of(article.text) for span in quote.spans) for quote in article.quotes} == {
        ("it's \u2018fantasies,\u2019",)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the content before a cue starts after the attribution before it
        (
            "Talks failed, Lee said in Oslo, the deal is off, Kim said.",
            [(["Talks failed"], "Lee"), (["the deal is off"], "Kim")],
        ),
        # 'A, he said, B, officials said': B is the officials'
        (
            "The talks failed, the minister said, and the deal is dead, officials said.",
            [(["The talks failed"], "the minister"), (["and the deal is dead"], "officials")],
        ),
        # a second attribution joined by a conjunction ends the first one's content
        (
            "Smith said the plan was sound and Jones said it was a waste.",
            [(["the plan was sound"], "Smith"), (["it was a waste"], "Jones")],
        ),
        (
            "The mayor said the bridge will open in May, but engineers said it needs work.",
            [(["the bridge will open in May"], "The mayor"), (["it needs work"], "engineers")],
        ),
        # a relative clause's content ends at its comma, and it does not bound the content
        (
            "The plan, which critics said was flawed, will fail, officials said.",
            [
                (["The plan, which critics said was flawed, will fail"], "officials"),
                (["was flawed"], "critics"),
            ],
        ),
        # reported speech holding another attribution: one deep, kept
        (
            "Smith said that Jones told him that aides said the talks had failed.",
            [
                (["that Jones told him that aides said the talks had failed"], "Smith"),
                (["that aides said the talks had failed"], "Jones"),
            ],
        ),
    ],
)
def test_reported_content_stops_at_other_attributions(
    text: str, expected: list[tuple[list[str], str]]
) -> None:
    assert contents(text) == expected


def test_a_sentence_without_end_is_read_in_bounded_units() -> None:
    text = "the mayor said the bridge is fine, " * 400
    article = detect_quotes(segment(text))
    assert len(article.quotes) >= 300
    assert max(span.end - span.start for quote in article.quotes for span in quote.spans) < 400
    assert nesting(article) <= DEEPEST


#: Words, cues, marks and breaks that make attributions, in any order.
PARTS = (
    "Lavrov",
    "Moscow",
    "he",
    "officials",
    "the minister",
    "said",
    "told",
    "added",
    "according to",
    "that",
    "which",
    "who",
    "and",
    "but",
    "it",
    "is",
    "fantasies",
    ",",
    ".",
    ":",
    ";",
    "\u2014",
    "(",
    ")",
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    '"',
    "'",
    "it's",
    "\n",
    "\n\n",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PARTS), max_size=160), st.integers(1, 40))
@example(["Moscow", "said", "\u2018", "no", "\u2019", "and"], 100)
@example(["he", "said", "that", "officials", "said", "that"], 60)
@example(["\u201c", "it", ",", "\u201d", "he", "said", ","], 80)
def test_any_text_nests_at_most_two_deep(parts: list[str], repeat: int) -> None:
    text = " ".join(parts) * repeat
    article = newsml.analyze(text)
    assert nesting(article) <= DEEPEST
    for quote in article.quotes:
        assert all(0 <= span.start < span.end <= len(text) for span in quote.spans)


#: Units repeated into a text: the CPU time of 4x the text stays under 8x (quadratic is 16x).
LINEAR_UNITS = {
    "mixed": "\uffff it's \u2018fantasies,\u2019 Moscow said ",
    "reported": 'he called it "fantasies," Moscow said. ',
    "no-sentence-end": "Lavrov said \u2018no\u2019 and ",
    "chained-reported": "he said that officials told him that ",
    "interrupted": "A, he said, B, officials said, ",
}


@pytest.mark.parametrize("name", sorted(LINEAR_UNITS))
def test_reported_speech_takes_linear_time(name: str) -> None:
    unit = LINEAR_UNITS[name]
    small, large = unit * (25_000 // len(unit)), unit * (100_000 // len(unit))
    ratio = best_cpu_seconds(newsml.analyze, large) / max(
        best_cpu_seconds(newsml.analyze, small), 1e-3
    )
    assert ratio < 8, f"4x the text took {ratio:.1f}x the time"
