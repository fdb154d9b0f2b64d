"""Quotation-mark pairing: which marks open and close a quotation, and which are apostrophes.

The grammar (marks and their families come from ``lexicons/quote_marks.tsv``):

* A mark of role ``open`` opens, ``close`` closes, ``either`` (straight " and ') decides by
  its neighbours: white space or an opening bracket before and a non-space after opens; a
  non-space before closes; with nothing open, one glued to a comma or colon and followed by a
  space and a word opens (``said," We will``).
* A closing single mark between two letters (``Lavrov’s``, ``don’t``) is an apostrophe; so is
  one with no open single mark to close, and a plural possessive (``members’ views``) when a
  later mark in the paragraph can close the open quotation instead.
* A closing mark closes the innermost open mark of its family; marks opened inside it and never
  closed are dropped. A closing mark with nothing to close is ignored. ``“`` closes an open
  ``„`` (German) or an open ``“`` used as a closer by some feeds when it is followed by a space.
* Three apostrophes closing (``'You weren't in line,'''``) close the inner single quotation,
  then the wire double ``''``.
* A quotation still open at the end of a paragraph continues when the next paragraph opens with
  a mark of the same family (news style for quotes over several paragraphs: each paragraph
  reopens, only the last one closes); otherwise it was never closed and is dropped, so a missing
  close never swallows the rest of the article. A caption or credit line between the two
  paragraphs (``Image: NASA.``, ``Getty Images.``: a short line opening with a word of
  ``lexicons/caption_words.txt``, no mark in it) is passed over, and is no piece of the quote.

Only outermost quotations are returned; the nested ones are paired so that their closing marks
are not mistaken for the outer close. Time is linear in the text: one pass over the marks with
a stack whose pops are paid for by its pushes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import attrs

from newsml.detect.lexicons import rows, words
from newsml.model import Span

__all__ = ["Quotation", "find_quotations"]


@attrs.frozen
class Quotation:
    """An outermost quotation: one piece per paragraph it covers, marks included."""

    pieces: tuple[Span, ...]
    mark: str

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end


def _mark_table() -> dict[str, tuple[str, str]]:
    table = {}
    for row in rows("quote_marks.tsv"):
        table[row[0]] = (row[1], row[2])
    return table


_MARKS = _mark_table()
# The stdlib engine scans for this alternation of literals twice as fast as regex does.
_MARK = re.compile("|".join(re.escape(mark) for mark in sorted(_MARKS, key=len, reverse=True)))
_OPEN_BEFORE = frozenset("([{/\u2014\u2013-")
_CAPTION_WORDS = words("caption_words.txt")
_CAPTION_FIRST = re.compile(r"[(\[]?([A-Za-z]+)")
#: The most words of a caption line between the paragraphs of a quote.
_CAPTION_LENGTH = 8


def _caption(text: str, paragraph: Span) -> bool:
    """Whether the paragraph is a caption or credit line ('Image: NASA.', 'Getty Images.')."""
    if paragraph.end - paragraph.start > 120:
        return False
    line = text[paragraph.start : paragraph.end]
    first = _CAPTION_FIRST.match(line.lstrip())
    return (
        first is not None
        and first.group(1).lower() in _CAPTION_WORDS
        and len(line.split()) <= _CAPTION_LENGTH
        and _MARK.search(line) is None
    )


def _is_open_context(text: str, index: int, start: int, size: int = 1) -> bool:
    before = text[index - 1] if index > start else " "
    after = text[index + size] if index + size < len(text) else " "
    if after.isspace():
        return False
    return before.isspace() or before in _OPEN_BEFORE or before in _MARKS


def _is_close_context(text: str, index: int, start: int) -> bool:
    before = text[index - 1] if index > start else " "
    return not before.isspace()


class _Pairing:
    """The state of one paragraph-by-paragraph pass over the marks of a text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[Quotation] = []
        self.stack: list[tuple[int, str, str]] = []  # (index, mark, family)
        self.open_count: dict[str, int] = {}
        self.pieces: list[Span] = []  # earlier paragraphs of the outermost quotation
        self.outer_mark = ""

    def push(self, index: int, mark: str, family: str) -> None:
        self.stack.append((index, mark, family))
        self.open_count[family] = self.open_count.get(family, 0) + 1

    def pop(self) -> tuple[int, str, str]:
        item = self.stack.pop()
        self.open_count[item[2]] -= 1
        return item

    def close(self, index: int, family: str, size: int = 1) -> None:
        while self.stack:
            start, mark, open_family = self.pop()
            if open_family == family:
                if not self.stack:
                    self.pieces.append(Span(start, index + size))
                    self.found.append(Quotation(tuple(self.pieces), self.outer_mark or mark))
                    self.pieces = []
                    self.outer_mark = ""
                return

    def _closed_in(self, start: int | None, end: int | None, family: str) -> bool:
        """Whether the paragraph text[start:end] closes a double quotation before it opens one
        (a quote over two paragraphs whose second paragraph does not reopen it)."""
        if start is None or end is None or family != "double":
            return False
        found = _MARK.search(self.text, start, end)
        if found is None or _MARKS[found.group()][1] != "double":
            return False
        role = _MARKS[found.group()][0]
        index = found.start()
        if self.text.count(" ", start, index) < 8:
            return False  # a credit line ('Amy Pope, adviser."'), not the rest of a quote
        return role == "close" or (
            role == "either"
            and _is_close_context(self.text, index, start)
            and not _is_open_context(self.text, index, start, len(found.group()))
        )

    def end_paragraph(self, end: int, next_start: int | None, next_end: int | None = None) -> None:
        """Close the paragraph: continue the outermost quotation or drop it."""
        if not self.stack:
            return
        start, mark, family = self.stack[0]
        self.stack.clear()
        self.open_count.clear()
        opening = _MARK.match(self.text, next_start) if next_start is not None else None
        continues = (
            opening is not None
            and _MARKS[opening.group()][1] == family
            and _MARKS[opening.group()][0] != "close"
        ) or (opening is None and self._closed_in(next_start, next_end, family))
        if continues:
            self.pieces.append(Span(start, end))
            self.outer_mark = self.outer_mark or mark
            assert next_start is not None
            self.push(next_start, mark, family)
            self.stack[0] = (-1, mark, family)  # marker: reopened, its piece starts at next_start
        else:
            self.pieces = []
            self.outer_mark = ""


def find_quotations(text: str, paragraphs: Sequence[Span]) -> list[Quotation]:
    """Every outermost quotation in ``text``, in order, given its paragraphs."""
    pairing = _Pairing(text)
    skipped = -1  # a caption passed over inside a quotation
    for number, paragraph in enumerate(paragraphs):
        if number == skipped:
            continue
        found = [
            (m.start(), len(m.group()))
            for m in _MARK.finditer(text, paragraph.start, paragraph.end)
        ]
        marks = [index for index, _size in found]
        # single marks that close surely (not a possessive s’ before a space)
        closers = [
            i
            for i in marks
            if _could_close_single(text, i, paragraph.start) and not _possessive(text, i)
        ]
        reopened = bool(pairing.stack) and pairing.stack[0][0] == -1
        if reopened and (not found or found[0][0] != paragraph.start):
            # continued without a mark: the piece starts with the paragraph
            _, mark, family = pairing.stack[0]
            pairing.stack[0] = (paragraph.start, mark, family)
            reopened = False
        skip = -1
        for index, size in found:
            if index == skip:
                continue
            if (
                size == 2
                and text.startswith("'", index + 2)
                and pairing.stack
                and pairing.stack[-1][2] == "single"
            ):
                # ''...'A,''' : the single quotation closes first, then the wire double
                pairing.close(index, "single")
                _step_double(pairing, text, index + 1, 2, paragraph.start)
                skip = index + 2
                continue
            if reopened and index == paragraph.start:
                _, mark, family = pairing.stack[0]
                pairing.stack[0] = (index, mark, family)
                reopened = False
                continue
            if size == 1:
                _step(pairing, text, index, paragraph.start, closers)
            else:
                _step_double(pairing, text, index, size, paragraph.start)
        if reopened:
            _, mark, family = pairing.stack[0]
            pairing.stack[0] = (paragraph.start, mark, family)
        following = number + 1
        if (
            pairing.stack
            and following + 1 < len(paragraphs)
            and _caption(text, paragraphs[following])
        ):
            following += 1  # the open quotation may go on past a caption line
            skipped = number + 1
        next_start = paragraphs[following].start if following < len(paragraphs) else None
        next_end = paragraphs[following].end if following < len(paragraphs) else None
        pairing.end_paragraph(paragraph.end, next_start, next_end)
        if skipped == number + 1 and not pairing.stack:
            skipped = -1  # the quotation was dropped: the caption is read as any paragraph
    return pairing.found


def _could_close_single(text: str, index: int, start: int) -> bool:
    mark = text[index]
    if mark not in "\u2019'":
        return False
    before = text[index - 1] if index > start else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _step(pairing: _Pairing, text: str, index: int, start: int, closers: list[int]) -> None:
    mark = text[index]
    role, family = _MARKS[mark]
    has_open = pairing.open_count.get(family, 0) > 0
    if family == "single" and mark in "\u2019'":
        before = text[index - 1] if index > start else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            return  # apostrophe inside a word
        if has_open and _could_close_single(text, index, start):
            # "members’ views": a plural possessive unless nothing later can close
            if (
                before in "sS"
                and after.isspace()
                and bisect.bisect_right(closers, index) < len(closers)
            ):
                return
            pairing.close(index, family)
            return
        if mark == "'" and _is_open_context(text, index, start) and after.isalpha():
            pairing.push(index, mark, family)
        return
    if mark == "\u2018":
        after = text[index + 1] if index + 1 < len(text) else " "
        if after.isdigit() or not _is_open_context(text, index, start) and not has_open:
            return  # ‘90s, or a stray mark
        if has_open and not _is_open_context(text, index, start):
            pairing.close(index, family)  # ‘ used as a closer
            return
        pairing.push(index, mark, family)
        return
    if role == "open":
        if (
            mark == "\u201c"
            and has_open
            and _is_close_context(text, index, start)
            and (index + 1 >= len(text) or not text[index + 1].isalnum())
        ):
            pairing.close(index, family)  # “ closing „ or a feed's “…“
            return
        pairing.push(index, mark, family)
    elif role == "close":
        if has_open:
            pairing.close(index, family)
        elif _is_open_context(text, index, start):
            pairing.push(index, mark, family)  # ” used as an opener by some feeds
    else:  # either: straight double quote
        if has_open and _is_close_context(text, index, start):
            pairing.close(index, family)
        elif _is_open_context(text, index, start) or _glued_opener(text, index, start):
            pairing.push(index, mark, family)
        elif has_open:
            pairing.close(index, family)


def _step_double(pairing: _Pairing, text: str, index: int, size: int, start: int) -> None:
    """Two apostrophes standing for a double quotation mark (some wire feeds)."""
    has_open = pairing.open_count.get("double", 0) > 0
    if has_open and _is_close_context(text, index, start):
        pairing.close(index, "double", size)
    elif _is_open_context(text, index, start, size):
        pairing.push(index, text[index : index + size], "double")


def _glued_opener(text: str, index: int, start: int) -> bool:
    """A straight mark glued to the comma or colon of its lead-in: 'he said," We will ...'."""
    return (
        index > start
        and text[index - 1] in ",:"
        and text[index + 1 : index + 2] == " "
        and text[index + 2 : index + 3].isalnum()
    )


def _possessive(text: str, index: int) -> bool:
    """A single closing mark after an s and before a space: maybe a plural possessive."""
    return text[index - 1] in "sS" and text[index + 1 : index + 2].isspace()
