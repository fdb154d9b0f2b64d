"""Quotation-mark pairing: apostrophes, nesting, several paragraphs, marks never closed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsml.detect.marks import find_quotations
from newsml.text import segment


def quoted(text: str) -> list[list[str]]:
    article = segment(text)
    return [
        [piece.of(text) for piece in q.pieces] for q in find_quotations(text, article.paragraphs)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “yes.”", [["“yes.”"]]),
        ('He said "yes," and left.', [['"yes,"']]),
        ("‘the West’s selective enforcement,’ he said", [["‘the West’s selective enforcement,’"]]),
        ("Lavrov’s remarks ‘fantasies,’ and Russia’s", [["‘fantasies,’"]]),
        ("“He called it ‘a hoax’ today,” she said.", [["“He called it ‘a hoax’ today,”"]]),
        ("‘He called it “a hoax” today,’ she said.", [["‘He called it “a hoax” today,’"]]),
        (
            "“We won’t,” he said. “The players’ union agrees.”",
            [["“We won’t,”"], ["“The players’ union agrees.”"]],
        ),
        ("The ‘90s were ‘great,’ he said.", [["‘great,’"]]),
        ("«Non,» dit-il.", [["«Non,»"]]),
        ("„Nein“, sagte er.", [["„Nein“"]]),
        ("''This isn't reform,'' she said.", [["''This isn't reform,''"]]),
        ("'Rock 'n' roll,' he said.", [["'Rock 'n' roll,'"]]),
    ],
)
def test_pairs(text: str, expected: list[list[str]]) -> None:
    assert quoted(text) == expected


def test_a_quote_over_paragraphs_is_one_quotation_of_several_pieces() -> None:
    text = "He said:\n\n“First part.\n\n“Second part.\n\n“Last part,” he added."
    assert quoted(text) == [["“First part.", "“Second part.", "“Last part,”"]]


def test_a_mark_never_closed_does_not_swallow_the_article() -> None:
    text = "He said “this never closes.\n\nNext paragraph “is quoted” here.\n\nAnd “this too.”"
    assert quoted(text) == [["“is quoted”"], ["“this too.”"]]


def test_unclosed_inner_mark_is_dropped_with_its_outer_kept() -> None:
    assert quoted("“A ‘broken one,” he said.") == [["“A ‘broken one,”"]]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab ’'‘“”\"«»\n.", max_size=80))
def test_pieces_are_ordered_disjoint_and_start_on_marks(text: str) -> None:
    article = segment(text)
    previous_end = 0
    for quotation in find_quotations(text, article.paragraphs):
        for piece in quotation.pieces:
            assert previous_end <= piece.start < piece.end <= len(text)
            previous_end = piece.end
