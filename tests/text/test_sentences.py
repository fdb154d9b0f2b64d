"""Sentences: where they end, and the abbreviation table one row at a time."""

from __future__ import annotations

import pytest

from newsml.model import Span
from newsml.text.lexicons import lexicon_lines
from newsml.text.sentences import ABBREVIATIONS, SENTENCE_OPENERS, abbreviation_kind, sentences


def split(text: str) -> list[str]:
    return [span.of(text) for span in sentences(text, Span(0, len(text)))]


def test_plain_sentences() -> None:
    assert split("One here. Two there! Three? Four") == [
        "One here.",
        "Two there!",
        "Three?",
        "Four",
    ]


def test_sentence_ends_inside_closing_quotes() -> None:
    text = "He said \u2018it hindered progress.\u2019 The talks went on. \u201cWe wait.\u201d Then"
    assert split(text) == [
        "He said \u2018it hindered progress.\u2019",
        "The talks went on.",
        "\u201cWe wait.\u201d",
        "Then",
    ]


def test_straight_quotes_and_brackets() -> None:
    assert split('"Go home." She left. (It rained.) Next') == [
        '"Go home."',
        "She left.",
        "(It rained.)",
        "Next",
    ]


def test_lower_case_after_a_period_does_not_start_a_sentence() -> None:
    assert split("The figure was 3 vs. the 4 expected. e.g. this") == [
        "The figure was 3 vs. the 4 expected. e.g. this"
    ]


def test_decimals_and_ellipses_do_not_end_a_sentence() -> None:
    assert split("It rose 3.5 percent... Then fell \u2026 Analysts said. More") == [
        "It rose 3.5 percent... Then fell \u2026 Analysts said.",
        "More",
    ]


def test_exclamation_and_question_runs() -> None:
    assert split("Really?! Yes!!! Fine") == ["Really?!", "Yes!!!", "Fine"]


def test_initials() -> None:
    assert split("A book by J. R. R. Tolkien was sold. George W. Bush and J. A. Smith came.") == [
        "A book by J. R. R. Tolkien was sold.",
        "George W. Bush and J. A. Smith came.",
    ]


def test_quotes_after_abbreviations_and_initials() -> None:
    assert split("It came to the U.S. \u201cBad things\u201d followed.") == [
        "It came to the U.S.",
        "\u201cBad things\u201d followed.",
    ]
    text = 'Rep. Robert C. "Bobby" Scott spoke.'
    assert split(text) == [text]


def test_token_before_a_period_stops_at_quotes_and_dashes() -> None:
    assert split("He said \u201cno.\u201dMr. Smith left. Sen. Durbin, D-Ill. Durbin spoke.") == [
        "He said \u201cno.\u201dMr. Smith left.",
        "Sen. Durbin, D-Ill. Durbin spoke.",
    ]


def test_letter_dot_abbreviations_end_a_sentence_before_an_opener() -> None:
    assert split("He moved to the U.S. The family followed. The U.S. Senate voted.") == [
        "He moved to the U.S.",
        "The family followed.",
        "The U.S. Senate voted.",
    ]


def test_times() -> None:
    assert split("They met at 3 p.m. Friday and left at 5 p.m. The talks ended.") == [
        "They met at 3 p.m. Friday and left at 5 p.m.",
        "The talks ended.",
    ]


def test_digits_start_sentences_but_not_after_months() -> None:
    assert split("It began in 2014. 2015 was worse. On Jan. 5 it ended.") == [
        "It began in 2014.",
        "2015 was worse.",
        "On Jan. 5 it ended.",
    ]


def test_cjk_full_stops() -> None:
    assert split("\u4eca\u65e5\u306f\u6674\u308c\u3002\u660e\u65e5\u306f\u96e8\u3002") == [
        "\u4eca\u65e5\u306f\u6674\u308c\u3002",
        "\u660e\u65e5\u306f\u96e8\u3002",
    ]


def test_sentences_stay_inside_the_paragraph() -> None:
    text = "Before. Inside one. Inside two. After."
    inner = Span(8, 31)
    found = sentences(text, inner)
    assert [span.of(text) for span in found] == ["Inside one.", "Inside two."]


# The table one row at a time: a title never ends a sentence, even before an opener; an
# ordinary abbreviation does not end one before a name and does before an opener.
TITLES = sorted(abbreviation for abbreviation, kind in ABBREVIATIONS.items() if kind == "title")
ORDINARY = sorted(
    abbreviation for abbreviation, kind in ABBREVIATIONS.items() if kind == "ordinary"
)


@pytest.mark.parametrize("abbreviation", TITLES)
def test_title_never_ends_a_sentence(abbreviation: str) -> None:
    text = f"They saw {abbreviation}. The Smith report."
    assert split(text) == [text]


NUMBERS = sorted(abbreviation for abbreviation, kind in ABBREVIATIONS.items() if kind == "number")


@pytest.mark.parametrize("abbreviation", NUMBERS)
def test_number_abbreviation_before_a_number(abbreviation: str) -> None:
    text = f"They saw {abbreviation}. 10 there."
    assert split(text) == [text]


@pytest.mark.parametrize("abbreviation", NUMBERS)
def test_number_abbreviation_before_a_word(abbreviation: str) -> None:
    assert split(f"They saw {abbreviation}. Smith left.") == [
        f"They saw {abbreviation}.",
        "Smith left.",
    ]


def test_a_period_before_an_ellipsis_ends_a_sentence() -> None:
    assert split("He had no proof. ... He left. It was late. \u2026 Then") == [
        "He had no proof.",
        "... He left.",
        "It was late.",
        "\u2026 Then",
    ]


@pytest.mark.parametrize("abbreviation", ORDINARY)
def test_ordinary_abbreviation_before_a_name(abbreviation: str) -> None:
    text = f"They saw {abbreviation}. Smith there."
    assert split(text) == [text]


@pytest.mark.parametrize("abbreviation", ORDINARY)
def test_ordinary_abbreviation_before_an_opener(abbreviation: str) -> None:
    assert split(f"They saw {abbreviation}. The end.") == [f"They saw {abbreviation}.", "The end."]


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


def test_a_megabyte_of_dots_is_one_sentence() -> None:
    text = "." * 1_000_000
    assert split(text) == [text]


def test_abbreviation_table_rows_are_well_formed_and_unique() -> None:
    rows = [line.split("\t") for line in lexicon_lines("abbreviations.tsv")]
    written = [row[0] for row in rows]
    assert all(len(row) == 2 and row[0].endswith(".") for row in rows)
    assert {row[1] for row in rows} == {"title", "number", "ordinary"}
    assert len(written) == len(set(written))
