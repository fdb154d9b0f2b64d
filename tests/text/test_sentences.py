"""Sentences: where they end, and the abbreviation table one row at a time."""

from __future__ import annotations

import pytest

from newsml.model import Span
from newsml.text.lexicons import lexicon_lines
from newsml.text.sentences import ABBREVIATIONS, SENTENCE_OPENERS, abbreviation_kind, sentences


def split(text: str) -> list[str]:
    return [span.of(text) for span in sentences(text, Span(0, len(text)))]


# Each row: what the case shows, the paragraph, and its sentences joined by " | ".
CASES = [
    ("plain", "One here. Two there! Three? Four", "One here. | Two there! | Three? | Four"),
    (
        "ends inside closing quotes",
        "He said \u2018it hindered progress.\u2019 The talks went on. \u201cWe wait.\u201d Then",
        "He said \u2018it hindered progress.\u2019 | The talks went on. | \u201cWe wait.\u201d | Then",
    ),
    (
        "straight quotes and brackets",
        '"Go home." She left. (It rained.) Next',
        '"Go home." | She left. | (It rained.) | Next',
    ),
    (
        "lower case does not open a sentence",
        "The figure was 3 vs. the 4 expected. e.g. this",
        "The figure was 3 vs. the 4 expected. e.g. this",
    ),
    (
        "decimals and ellipses",
        "It rose 3.5 percent... Then fell \u2026 Analysts said. More",
        "It rose 3.5 percent... Then fell \u2026 Analysts said. | More",
    ),
    (
        "a period before an ellipsis",
        "He had no proof. ... He left. It was late. \u2026 Then",
        "He had no proof. | ... He left. | It was late. | \u2026 Then",
    ),
    ("runs of ! and ?", "Really?! Yes!!! Fine", "Really?! | Yes!!! | Fine"),
    (
        "initials",
        "A book by J. R. R. Tolkien was sold. George W. Bush and J. A. Smith came.",
        "A book by J. R. R. Tolkien was sold. | George W. Bush and J. A. Smith came.",
    ),
    (
        "a capital initial is not a lower-case row",
        "He quoted Oscar P. Quintero there.",
        "He quoted Oscar P. Quintero there.",
    ),
    (
        "letter-dot runs before an opener and before a name",
        "He moved to the U.S. The family followed. The U.S. Senate voted.",
        "He moved to the U.S. | The family followed. | The U.S. Senate voted.",
    ),
    (
        "a quotation after an abbreviation",
        "It came to the U.S. \u201cBad things\u201d followed.",
        "It came to the U.S. | \u201cBad things\u201d followed.",
    ),
    (
        "a nickname in quotes after an initial",
        'Rep. Robert C. "Bobby" Scott spoke.',
        'Rep. Robert C. "Bobby" Scott spoke.',
    ),
    (
        "the token before a period stops at quotes and dashes",
        "He said \u201cno.\u201dMr. Smith left. Sen. Durbin, D-Ill. Durbin spoke.",
        "He said \u201cno.\u201dMr. Smith left. | Sen. Durbin, D-Ill. Durbin spoke.",
    ),
    (
        "times",
        "They met at 3 p.m. Friday and left at 5 p.m. The talks ended.",
        "They met at 3 p.m. Friday and left at 5 p.m. | The talks ended.",
    ),
    (
        "digits open sentences, not after a month",
        "It began in 2014. 2015 was worse. On Jan. 5 it ended.",
        "It began in 2014. | 2015 was worse. | On Jan. 5 it ended.",
    ),
    (
        "number abbreviations",
        "He lives at No. 10 Downing Street. The answer was No. Then he left.",
        "He lives at No. 10 Downing Street. | The answer was No. | Then he left.",
    ),
    (
        "CJK full stops",
        "\u4eca\u65e5\u306f\u6674\u308c\u3002\u660e\u65e5\u306f\u96e8\u3002",
        "\u4eca\u65e5\u306f\u6674\u308c\u3002 | \u660e\u65e5\u306f\u96e8\u3002",
    ),
    ("a megabyte of dots", "." * 1_000_000, "." * 1_000_000),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_sentences(text: str, expected: str) -> None:
    assert split(text) == expected.split(" | ")


def test_sentences_stay_inside_the_paragraph() -> None:
    text = "Before. Inside one. Inside two. After."
    found = sentences(text, Span(8, 31))
    assert [span.of(text) for span in found] == ["Inside one.", "Inside two."]


# The table one row at a time. Each kind: the text after the abbreviation, and whether its
# period then ends the sentence.
def _rows(kind: str) -> list[str]:
    return sorted(written for written, row_kind in ABBREVIATIONS.items() if row_kind == kind)


ROW_CASES = [
    (written, after, ends)
    for kind, cases in (
        ("title", (("The Smith report.", False), ("10 there.", False))),
        ("number", (("10 there.", False), ("Smith left.", True))),
        ("ordinary", (("Smith there.", False), ("The end.", True))),
    )
    for written in _rows(kind)
    for after, ends in cases
]


@pytest.mark.parametrize(("abbreviation", "after", "ends"), ROW_CASES)
def test_abbreviation_row(abbreviation: str, after: str, ends: bool) -> None:
    text = f"They saw {abbreviation}. {after}"
    expected = [f"They saw {abbreviation}.", after] if ends else [text]
    assert split(text) == expected


@pytest.mark.parametrize("abbreviation", ["U.S", "U.N", "a.m", "p.m", "e.g", "Ph.D", "J", "P", "V"])
def test_letter_dot_runs_are_ordinary(abbreviation: str) -> None:
    assert abbreviation_kind(abbreviation) == "ordinary"


@pytest.mark.parametrize("word", ["cat", "no", "Russia", "2014", "ore", "in"])
def test_ordinary_words_are_not_abbreviations(word: str) -> None:
    assert abbreviation_kind(word) is None


def test_lower_case_rows_match_capitalised() -> None:
    assert abbreviation_kind("Approx") == "title"
    assert abbreviation_kind("No") == "number" and abbreviation_kind("no") is None


def test_openers_table_is_loaded() -> None:
    assert {"The", "He", "But"} <= SENTENCE_OPENERS
    assert "Smith" not in SENTENCE_OPENERS


def test_abbreviation_table_rows_are_well_formed_and_unique() -> None:
    rows = [line.split("\t") for line in lexicon_lines("abbreviations.tsv")]
    written = [row[0] for row in rows]
    assert all(len(row) == 2 and row[0].endswith(".") for row in rows)
    assert {row[1] for row in rows} == {"title", "number", "ordinary"}
    assert len(written) == len(set(written))
