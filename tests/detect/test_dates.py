"""The dates scanner tries its pattern only where a date can start; it finds what trying the
pattern at every word start finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsml.detect import dates
from newsml.detect.dates import find_dates

#: Every word start that is a digit or a month's capital: where the scanner once tried _PATTERN.
_EVERY_START = re.compile(r"[0-9ADFJMNOS](?<!\w.)")


def _reference(text: str) -> list[tuple[int, int, str]]:
    """find_dates with the pattern tried at every word start that may open a date."""
    saved = dates._START
    dates._START = _EVERY_START
    try:
        return find_dates(text)
    finally:
        dates._START = saved


@pytest.mark.parametrize(
    "text",
    [
        "On 26 November 2014 and Nov. 26, then 3rd Jan and 45 Nov, 2014-11-26.",
        "Since 1991, in 2014, the 2014 Minsk agreements, September 2014, Sept. 3, May 5.",
        "Scores 1-0 2-1 (3-2) 1896 19 20 21st December 199 2100 18th Oct 2019 31 Feb.",
        "MOSCOW, Dec 26 (Reuters) - Marching on April 1st Apr 2 Aug. 3 Jun 4 Jul 5 Mar 6.",
    ],
)
def test_dates_found_as_at_every_word_start(text: str) -> None:
    assert find_dates(text) == _reference(text)


_PIECES = st.sampled_from(
    ["1", "2", "3", "9", "0", "19", "20", "18", "1996", "2014", "31", "st", "nd", "rd", "th",
     " ", ", ", ".", "-", "in ", "the ", "Nov", "November", "Sept", "May", "Mar", "Jun", "July",
     "Dec", "A", "Smith", "Oct", "Aug", "Feb", "Jan", "x", "(", "'"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_the_start_filter_never_drops_a_date(text: str) -> None:
    assert find_dates(text) == _reference(text)
