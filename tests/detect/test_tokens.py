"""The narrative tokenizer, the cue scan over it and the knowledge-base scanner: offsets and
boundaries that the faster implementations must keep."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsml.detect.cues import cue_starts, find_cues
from newsml.detect.knowledge import KnowledgeBase, KnowledgeEntry
from newsml.detect.tokens import PUNCT, WORD, sentences, tokenize
from newsml.model import Span

_PIECES = st.sampled_from(
    [
        "Mr",
        "Sen",
        "U.S",
        "etc",
        "said",
        "Lavrov",
        "don't",
        "_",
        "-",
        ".",
        "..",
        "'",
        "’",
        ",",
        " ",
        "  ",
        "\t",
        "\u00a0",
        "\u2003",
        "é",
        "1",
        "x",
    ]
)


def _tokens(text: str) -> list[tuple[int, int, str, str]]:
    return [
        (t.start, t.end, t.kind, t.text)
        for t in tokenize(text, [Span(0, len(text))] if text else [], [])
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_tokens_index_the_text_and_cover_every_non_space(text: str) -> None:
    tokens = _tokens(text)
    covered: set[int] = set()
    previous_end = 0
    for start, end, kind, written in tokens:
        assert kind in (WORD, PUNCT)
        assert text[start:end] == written
        assert start >= previous_end  # in order, never overlapping
        previous_end = end
        covered.update(range(start, end))
    assert covered == {i for i, char in enumerate(text) if not char.isspace()}


def test_an_abbreviation_takes_its_period_and_white_space_at_the_end_is_skipped() -> None:
    text = "Mr. Smith met U.S. officials, she said.   "
    assert [written for _, _, _, written in _tokens(text)] == [
        "Mr.",
        "Smith",
        "met",
        "U.S.",
        "officials",
        ",",
        "she",
        "said",
        ".",
    ]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "he",
                "said",
                "called",
                "for",
                "according",
                "to",
                "the",
                "report",
                "claims",
                "Call",
                "Lavrov",
                ",",
                ".",
                "that",
                "was",
                "told",
                "reporters",
            ]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_cues_are_the_same_with_the_starts_given(text: str) -> None:
    tokens = tokenize(text, [Span(0, len(text))] if text else [], [])
    starts = cue_starts(tokens)
    for first, last in sentences(text, tokens):
        assert find_cues(tokens, first, last, starts) == find_cues(tokens, first, last)


def test_knowledge_base_names_stand_on_word_boundaries() -> None:
    base = KnowledgeBase(
        [
            KnowledgeEntry("A B", "person"),
            KnowledgeEntry("Bank of England", "organisation", ("BoE", "X")),
        ]
    )
    text = "A B met the Bank  of\nEngland and X, not AB, XA B or BoEs; BoE."
    found = [(start, end, text[start:end]) for start, end, _ in base.find(text)]
    assert found == [
        (0, 3, "A B"),
        (12, 28, "Bank  of\nEngland"),
        (33, 34, "X"),
        (text.rindex("BoE"), text.rindex("BoE") + 3, "BoE"),
    ]
