"""Dates written in the text, normalised to ISO 8601.

Forms found: ``2014-11-26``; ``26 November 2014``, ``November 26, 2014``, ``Nov. 26``,
``26 Nov``; ``November 2014``; a year after a preposition (``in 2014``, ``since 1991``) or
before a capitalised name (``the 2014 Minsk agreements``).

A day and month written without a year are normalised as ISO 8601's year-less form
``--11-26``: no year is guessed, even when the article's own date would suggest one.
Weekdays (``on Friday``) are left alone: they need the article's date to mean anything.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator

__all__ = ["find_dates"]

MONTHS = {
    "January": 1,
    "February": 2,
    "March": 3,
    "April": 4,
    "May": 5,
    "June": 6,
    "July": 7,
    "August": 8,
    "September": 9,
    "October": 10,
    "November": 11,
    "December": 12,
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"[0-3]?\d"
_ORDINAL = r"(?:st|nd|rd|th)?"
_END = r"(?![\w-])"

# One scan; each alternative names its parts y/m/d with the number of the form. A year alone
# (form 7) counts only after a preposition or before a name, checked in :func:`find_dates`.
# The first-character test comes before the word boundary: it rejects most positions sooner.
_PATTERN = re.compile(
    rf"(?=[0-9A-Z])\b(?:(?P<y1>{_YEAR})-(?P<m1>[01]\d)-(?P<d1>[0-3]\d){_END}"
    rf"|(?P<d2>{_DAY}){_ORDINAL} (?P<m2>{_MONTH})\.?(?:,? (?P<y2>{_YEAR}))?{_END}"
    rf"|(?P<m4>{_MONTH})\.?,? (?P<y4>{_YEAR}){_END}"
    rf"|(?P<m3>{_MONTH})\.? (?P<d3>{_DAY}){_ORDINAL}(?:,? (?P<y3>{_YEAR}))?(?![\w:-])"
    rf"|(?P<y7>{_YEAR}){_END})"
)
#: Where a date can start, at a word's start: the first three letters of a month's name, a
#: year's first digits (18, 19, 20), or a day's one or two digits with an ordinal and a space
#: before a month's capital. Each is what every alternative of _PATTERN opens with, so only
#: positions where _PATTERN cannot match are left out (most capitals of names, most numbers of
#: the sports pages). A pattern that starts with a character set lets the engine skip at once
#: to such characters; _PATTERN, which starts with a lookahead, is tried at every position.
_START = re.compile(
    r"[0-9ADFJMNOS](?<!\w.)"
    r"(?:(?<=A)(?:pr|ug)|(?<=D)ec|(?<=F)eb|(?<=J)(?:an|u[nl])|(?<=M)a[ry]|(?<=N)ov|(?<=O)ct"
    r"|(?<=S)ep|(?<=1)(?=[89]\d\d)|(?<=2)(?=0\d\d)"
    r"|(?<=[0-3])(?=\d?(?:st|nd|rd|th)? [ADFJMNOS])|(?<=\d)(?=(?:st|nd|rd|th)? [ADFJMNOS]))"
)
_PREPOSITION = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Bb]efore|[Aa]fter|[Ff]rom|[Oo]f) $")
_DETERMINER = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]) $")
_NAME_AFTER = re.compile(r" [A-Z]")


def _value(year: str | None, month_text: str | None, day_text: str | None) -> str | None:
    month = None
    if month_text:
        month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
        if not 1 <= month <= 12:
            return None
    if day_text:
        try:
            _dt.date(int(year) if year else 2000, month or 1, int(day_text))  # 2000: leap
        except ValueError:
            return None
        return (
            f"{year}-{month:02d}-{int(day_text):02d}"
            if year
            else f"--{month:02d}-{int(day_text):02d}"
        )
    if month:
        return f"{year}-{month:02d}" if year else None
    return year


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The matches ``_PATTERN.finditer(text)`` gives, tried only where a date can start."""
    end = 0
    for start in _START.finditer(text):
        position = start.start()
        if position >= end:
            match = _PATTERN.match(text, position)
            if match is not None:
                end = match.end()
                yield match


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, iso_value)`` for every date in ``text``, left to right, not overlapping."""
    found = []
    for match in _matches(text):
        groups = match.groupdict()
        start = match.start()
        if groups["y7"]:
            before = text[max(0, start - 7) : start]
            if not (
                _PREPOSITION.search(before)
                or _DETERMINER.search(before)
                and _NAME_AFTER.match(text, match.end())
            ):
                continue
            found.append((start, match.end(), groups["y7"]))
            continue
        for form in "1234":
            year, month, day = (
                groups.get("y" + form),
                groups.get("m" + form),
                groups.get("d" + form),
            )
            if year or month:
                break
        value = _value(year, month, day)
        if value is not None:
            found.append((start, match.end(), value))
    return found
