"""Sentences of a paragraph: where one ends, and which periods do not end one.

The rule, in one scan of the text:

- A sentence may end after a run of ``.``, ``!`` or ``?`` and any closing quotation marks or
  brackets after it (``progress.'`` ends inside the quote; the next sentence starts after it),
  when white space follows and the next sentence opens (after an ellipsis and opening quotes
  or brackets, if any) with a capital letter, a digit or a letter of a script without case.
  CJK full stops (``。``, ``！``, ``？``) end a sentence without the white space.
- ``!`` and ``?`` always end it. An ellipsis (``...``, ``…``) never does.
- A single period after an abbreviation is looked up in ``lexicons/abbreviations.tsv``: a
  *title* ("Mr.", "Sen.") never ends a sentence; a *number* abbreviation ("No.", "Art.")
  ends one unless a digit follows; an *ordinary* abbreviation ("Inc.", "Jan.", "U.S.",
  "a.m.", a single initial as in "J. R. R. Tolkien") ends one only when the next word opens
  sentences in ``lexicons/sentence_openers.txt`` ("... the U.S. The family") or the next
  sentence opens with a quotation mark (after a single initial, a quoted nickname does not
  count: 'Robert C. "Bobby" Scott'). Decimals ("3.5") never qualify because no white space
  follows their period.

Sentences never cross a paragraph, and each is trimmed of white space; the time taken is
linear in the paragraph's length whatever its content.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal, cast, get_args

import regex

from newsml.model import Span
from newsml.text.lexicons import lexicon_lines

__all__ = [
    "ABBREVIATIONS",
    "CLOSING_MARKS",
    "NON_SPACE",
    "OPENING_MARKS",
    "SENTENCE_OPENERS",
    "SPACE",
    "abbreviation_kind",
    "sentences",
    "split_sentences",
]

#: How an abbreviation's period behaves (see the module docstring).
AbbreviationKind = Literal["title", "number", "ordinary"]


def _load_abbreviations() -> dict[str, AbbreviationKind]:
    table: dict[str, AbbreviationKind] = {}
    for line in lexicon_lines("abbreviations.tsv"):
        written, kind = line.split("\t")
        if kind not in get_args(AbbreviationKind) or not written.endswith("."):
            raise ValueError(f"abbreviations.tsv: bad row {line!r}")
        table[written[:-1]] = cast(AbbreviationKind, kind)
    for written, kind in list(table.items()):
        # A row in lower case also matches at the start of a sentence ("approx." / "Approx.");
        # not a single letter, whose capital is an initial ("p." / "Oscar P. Quintero").
        if len(written) > 1:
            table.setdefault(written[:1].upper() + written[1:], kind)
    return table


#: Abbreviation (without its final period) -> kind; see the module docstring.
ABBREVIATIONS: Final[dict[str, AbbreviationKind]] = _load_abbreviations()

#: Words after which an ordinary abbreviation's period does end the sentence.
SENTENCE_OPENERS: Final[frozenset[str]] = frozenset(lexicon_lines("sentence_openers.txt"))

#: White space as :meth:`str.isspace` has it (Unicode White_Space and U+001C..U+001F), and
#: its complement, as regex classes: every module of the text stage uses this one definition.
SPACE: Final = r"[\s\x1c-\x1f]"
NON_SPACE: Final = r"[^\s\x1c-\x1f]"

#: Closing and opening quotation marks and brackets, escaped for a regex character class.
CLOSING_MARKS: Final = "\"'\u2019\u201d\u00bb\u203a)\\]"
OPENING_MARKS: Final = "\"'\u2018\u201c\u00ab\u2039(\\["

#: A possible sentence end. The look-behinds make every run of terminators start one match
#: only, so a megabyte of dots is read once.
_BOUNDARY = regex.compile(
    rf"(?<![.!?\u2026])(?P<stop>[.!?\u2026]++)[{CLOSING_MARKS}]*+"
    rf"(?=(?P<space>{SPACE}++)(?:(?:\.\.\.|\u2026){SPACE}*+)?+(?P<opening>[{OPENING_MARKS}]*+)"
    rf"(?P<next>[\p{{Lu}}\p{{Lt}}\p{{Lo}}\p{{N}}]))"
    rf"|(?<![\u3002\uff01\uff1f])[\u3002\uff01\uff1f]++[\u300d\u300f\uff09]*+(?P<cjk>{SPACE}*+)"
)

#: The token before a period: read backwards from the period, at most 40 characters, up to
#: white space, a quotation mark, a bracket, a slash or a dash ("(D-Ill." gives "Ill").
_TOKEN_BEFORE = regex.compile(
    rf"(?r)[^\s\x1c-\x1f{OPENING_MARKS}{CLOSING_MARKS}/\-\u2013\u2014]{{1,40}}"
)

#: Letters with inner periods ("U.S", "a.m", "Ph.D") or a single letter (an initial).
_LETTER_DOTS = regex.compile(r"\p{L}|(?:\p{L}{1,3}\.)++\p{L}{1,3}")

_WORD = regex.compile(r"[\p{L}\p{M}]++")


def abbreviation_kind(token: str) -> AbbreviationKind | None:
    """How the period after ``token`` (written without that period) behaves, or None."""
    kind = ABBREVIATIONS.get(token)
    if kind is not None:
        return kind
    if _LETTER_DOTS.fullmatch(token):
        return "ordinary"
    return None


def _ends_sentence(text: str, match: regex.Match[str], start: int) -> bool:
    """Whether the Latin-script candidate ``match`` really ends a sentence."""
    stop = match.group("stop")
    if stop != ".":
        # '!' or '?' anywhere in the run ends the sentence; a run of periods is an ellipsis.
        return "!" in stop or "?" in stop
    period = match.start("stop")
    token = _TOKEN_BEFORE.match(text, start, period)
    if token is None:
        return True
    kind = abbreviation_kind(token.group())
    if kind is None:
        return True
    if kind == "title":
        return False
    if kind == "number":
        return not match.group("next")[0].isdigit()
    if match.group("opening") and len(token.group()) > 1:
        # "... entering the U.S. “Bad things ..." but not "Robert C. “Bobby” Scott".
        return True
    word = _WORD.match(text, match.end("opening"))
    if word is None or word.group() not in SENTENCE_OPENERS:
        return False
    # "J. A. Smith": an opener followed by a period is itself an initial.
    return not text.startswith(".", word.end())


def split_sentences(text: str, paragraphs: Sequence[Span]) -> list[Span]:
    """The sentences of every paragraph (trimmed, in order), in one scan of the text.

    A boundary found at a paragraph's end is that paragraph's end; the white space after a
    boundary inside a paragraph stays inside it, since a paragraph ends with a non-space.
    """
    found: list[Span] = []
    if not paragraphs:
        return found
    boundaries = _BOUNDARY.finditer(text, paragraphs[0].start, paragraphs[-1].end)
    match = next(boundaries, None)
    for paragraph in paragraphs:
        start = paragraph.start
        end = paragraph.end
        while match is not None and match.start() < end:
            cjk = match.group("cjk") is not None
            stop = match.start("cjk") if cjk else match.end()
            if stop < end and (cjk or _ends_sentence(text, match, start)):
                found.append(Span(start, stop))
                start = match.end() if cjk else match.end("space")
            match = next(boundaries, None)
        if start < end:
            found.append(Span(start, end))
    return found


def sentences(text: str, paragraph: Span) -> list[Span]:
    """The sentences of ``text[paragraph.start:paragraph.end]`` (a trimmed paragraph)."""
    return split_sentences(text, (paragraph,))
