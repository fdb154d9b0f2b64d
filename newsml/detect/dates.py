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

import regex

__all__ = ["find_dates"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_NAME = r"(?P<month>(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r"))\.?+"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?+"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"

_PATTERNS = [
    regex.compile(r"(?<![\w-])" + _YEAR + r"-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\w-])"),
    regex.compile(r"(?<!\w)" + _DAY + r"\s" + _MONTH_NAME + r"(?:,?+\s" + _YEAR + r")?+(?!\w)"),
    regex.compile(r"(?<!\w)" + _MONTH_NAME + r"\s" + _DAY + r"(?:,?+\s" + _YEAR + r")?+(?![\w:])"),
    regex.compile(r"(?<!\w)" + _MONTH_NAME + r",?+\s" + _YEAR + r"(?!\w)"),
    regex.compile(r"(?<=\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Bb]efore|[Aa]fter|[Ff]rom|[Oo]f)\s)"
                  + _YEAR + r"(?![\w-])"),
    regex.compile(r"(?<=\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa])\s)" + _YEAR + r"(?=\s\p{Lu})"),
]


def _value(groups: dict[str, str | None]) -> str | None:
    year = groups.get("year")
    month_text = groups.get("month") or groups.get("mon")
    day_text = groups.get("day")
    month = None
    if month_text:
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower())
        if month is None or not 1 <= month <= 12:
            return None
        if month_text.isalpha() and month_text[0].islower():
            return None  # 'may', 'march' as ordinary words
    if day_text:
        day = int(day_text)
        try:
            _dt.date(int(year) if year else 2000, month or 1, day)  # 2000: a leap year
        except ValueError:
            return None
        return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    if month:
        return f"{year}-{month:02d}" if year else None
    return year


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, iso_value)`` for every date in ``text``, left to right, not overlapping."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            value = _value(match.groupdict())
            if value is None:
                continue
            found.append((start, end, value))
            taken.append((start, end))
    found.sort()
    return found
