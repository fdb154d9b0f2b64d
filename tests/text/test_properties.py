"""Invariants of segment() over generated text, and time linear in the size of the input."""

from __future__ import annotations

import time

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newsml.model import Article, Metadata
from newsml.text import segment
from newsml.text.sentences import NON_SPACE
from newsml.text.structure import _may_hold_illegal
from newsml.text.xmlchars import find_illegal
from tests.timing import best_cpu_seconds

#: Not white space by str.isspace(), the text stage's one definition of white space.
_NON_SPACE = regex.compile(NON_SPACE)

#: Pieces that exercise the rules: line ends, quotes, abbreviations, datelines, controls.
PIECES = st.sampled_from(
    [
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        " ",
        "\t",
        "\u00a0",
        "\u2028",
        ". ",
        "! ",
        "? ",
        "...",
        "\u2026",
        "\u2018",
        "\u2019",
        "\u201c",
        "\u201d",
        '"',
        "'",
        "(",
        ")",
        "Mr.",
        "U.S.",
        "J.",
        "Inc.",
        "The",
        "By Jane Smith",
        "MOSCOW (Reuters) -",
        "NEW YORK --",
        " - ",
        "\u2014",
        "Lavrov",
        "said",
        "3.5",
        "\x00",
        "\x0b",
        "\ufffe",
        "\ud800",
        "\u3002",
        "\x1c",
        "\x85",
        "\u3000",
        "\u041c\u043e\u0441\u043a\u0432\u0430",
        "\u6771\u4eac",
    ]
)
#: Characters of every kind the rules care about, lone surrogates included (st.text() alone
#: leaves them out).
CHARACTERS = st.characters(
    codec=None,
    categories=[
        "Cc",
        "Cf",
        "Cs",
        "Co",
        "Zs",
        "Zl",
        "Zp",
        "Lu",
        "Ll",
        "Lt",
        "Lo",
        "Mn",
        "Nd",
        "Po",
        "Pi",
        "Pf",
        "Ps",
        "Pe",
        "Pd",
    ],
)
TEXTS = st.one_of(
    st.text(),
    st.text(CHARACTERS),
    st.lists(st.one_of(PIECES, st.text(CHARACTERS, max_size=8)), max_size=40).map("".join),
)


def check_invariants(article: Article) -> None:
    text = article.text
    paragraphs = article.paragraphs
    previous_end = 0
    for paragraph in paragraphs:
        assert previous_end <= paragraph.start < paragraph.end <= len(text)
        assert _NON_SPACE.match(text, paragraph.start) and _NON_SPACE.match(text, paragraph.end - 1)
        previous_end = paragraph.end
    covered = 0
    for paragraph in paragraphs:
        assert _NON_SPACE.search(text, covered, paragraph.start) is None
        covered = paragraph.end
    assert _NON_SPACE.search(text, covered) is None, "a non-space character is outside paragraphs"
    previous_end = 0
    index = 0
    for sentence in article.sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        while paragraphs[index].end <= sentence.start:
            index += 1
        paragraph = paragraphs[index]
        assert paragraph.start <= sentence.start and sentence.end <= paragraph.end
        previous_end = sentence.end
    assert {sentence.start for sentence in article.sentences} >= {p.start for p in paragraphs}
    assert {sentence.end for sentence in article.sentences} >= {p.end for p in paragraphs}
    for value, span in (
        (article.headline, article.headline_span),
        (article.byline, article.byline_span),
        (article.dateline, article.dateline_span),
    ):
        if span is not None:
            assert value == span.of(text)
            assert any(p.start <= span.start and span.end <= p.end for p in paragraphs)
    for diagnostic in article.diagnostics:
        assert diagnostic.start is not None and diagnostic.end is not None
        assert 0 <= diagnostic.start <= diagnostic.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_segment_never_raises_and_keeps_its_invariants(text: str) -> None:
    article = segment(text)
    assert article.text is text
    check_invariants(article)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_quick_check_for_illegal_characters_agrees_with_find_illegal(text: str) -> None:
    assert _may_hold_illegal(text) == bool(find_illegal(text))


def test_white_space_is_what_str_isspace_says() -> None:
    for code in range(0x3100):
        character = chr(code)
        assert (_NON_SPACE.match(character) is None) == character.isspace(), hex(code)


@settings(max_examples=100, deadline=None)
@given(TEXTS, st.text(max_size=20), st.text(max_size=20))
def test_metadata_always_wins(text: str, headline: str, byline: str) -> None:
    article = segment(text, Metadata(headline=headline, byline=byline, language="xx"))
    assert article.headline == headline and article.byline == byline
    assert article.language == "xx"
    if article.headline_span is not None:
        assert article.headline_span.of(text).split() == headline.split()


def _seconds(text: str) -> float:
    return best_cpu_seconds(segment, text)


def test_time_is_linear_on_hostile_inputs(seed_text: str) -> None:
    """Ten times the input may take at most thirty times as long (a generous bound)."""
    makers = {
        "one paragraph": lambda n: "Word " * n,
        "dots": lambda n: "." * (5 * n),
        "blank lines": lambda n: "\n" * n,
        "abbreviations": lambda n: "Mr. U.S. J. " * (n // 3),
        "terminators then space": lambda n: "." * n + " " * n + "A",
        "seed": lambda n: seed_text * max(1, n // 400),
        "capitals then body": lambda n: "NEW YORK " * n + "-\nBy Jane Smith\n" + "Word. " * n,
        "long lines": lambda n: ("Word " * 30 + "\n") * (n // 30),
        "crlf hard wrapped": lambda n: ("Word word\r\n" * 5 + "\r\n") * (n // 10),
    }
    for name, make in makers.items():
        small = _seconds(make(5_000))
        large = _seconds(make(50_000))
        assert large < 30 * small + 0.05, f"{name}: {small:.4f}s -> {large:.4f}s"


def test_five_megabyte_paragraph_is_fast() -> None:
    text = "Lavrov said no. " * (5_000_000 // 16)
    started = time.perf_counter()
    article = segment(text)
    assert time.perf_counter() - started < 30
    assert len(article.paragraphs) == 1
