"""Words, punctuation and whole quotations of an article, and the sentences they make.

Quotation detection reads the text as a sequence of tokens in which every outermost quotation
(see :mod:`newsml.detect.marks`) is one atomic token, so that the sentences found here are the
sentences of the *narrative*: a quotation holding three sentences is one token of the sentence
that attributes it ("“A. B. C.” he said.").

A sentence ends at a paragraph break; at ``.``, ``!`` or ``?`` outside quotation marks, unless the
word before is an abbreviation or an initial; and after a quotation whose last sentence ends
inside its marks (“... numbers.”) when what follows starts a new sentence (a capital letter,
another quotation, or nothing). Time is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from newsml.detect.marks import Quotation
from newsml.model import Span

__all__ = ["Token", "not_words", "sentences", "tokenize"]

WORD = "w"
PUNCT = "p"
QUOTE = "q"
BREAK = "b"  # paragraph break

# The white space before a token, then a word or a punctuation mark: every character that is not
# white space starts a token, so the pieces found cover the text and each token's offset is the
# sum of the lengths before it (findall's strings are cheaper than match objects). The token is
# optional so that white space at the end is one piece, read once. Each repetition in a word
# starts with a separator, so the match is unambiguous and linear; the stdlib engine is the
# faster one for this simple pattern.
_TOKEN = re.compile(r"(\s*+)(?:([^\W_]\w*(?:[’'\-&.][^\W_]\w*)*)|([^\s\w]|_))?")

#: Abbreviations after which a period does not end a sentence (lower case, without the period).
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "rev",
        "sen",
        "rep",
        "gov",
        "del",
        "lt",
        "gen",
        "col",
        "capt",
        "maj",
        "sgt",
        "adm",
        "cmdr",
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "no",
        "vs",
        "etc",
        "mt",
        "ft",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.n",
        "u.k",
        "d.c",
        "a.m",
        "p.m",
    ]
)


class Token:
    """A word, a punctuation mark, a whole quotation or a paragraph break.

    A plain class with slots rather than an attrs class: an article has tens of thousands.
    """

    __slots__ = ("capitalised", "end", "kind", "lower", "quotation", "start", "text")

    def __init__(
        self,
        start: int,
        end: int,
        kind: str,
        text: str = "",
        lower: str = "",
        quotation: Quotation | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.text = text
        self.lower = lower
        self.quotation = quotation
        self.capitalised = kind == WORD and text[:1].isupper()

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.kind!r}, {self.text!r})"


def tokenize(
    text: str,
    paragraphs: Sequence[Span],
    quotations: Sequence[Quotation],
    relevant: Callable[[int, int], bool] = lambda start, end: True,
) -> list[Token]:
    """The article as tokens: words and marks outside quotations, each quotation as one token.

    A paragraph with no quotation for which ``relevant(start, end)`` is false (no cue: nothing
    can be attributed in it) is left out, its paragraph break kept. Leaving it out changes the
    numbers of the sentences after it, but no rule compares sentences of different paragraphs.
    """
    tokens: list[Token] = []
    next_quote = 0
    for number, paragraph in enumerate(paragraphs):
        if number and (not tokens or tokens[-1].kind != QUOTE or tokens[-1].end <= paragraph.start):
            tokens.append(Token(paragraph.start, paragraph.start, BREAK))
        position = paragraph.start
        if tokens and tokens[-1].kind == QUOTE and tokens[-1].end > paragraph.start:
            position = tokens[-1].end  # inside a quotation that runs over paragraphs
            if position >= paragraph.end:
                continue
        while next_quote < len(quotations) and quotations[next_quote].start < position:
            next_quote += 1
        quoted = next_quote < len(quotations) and quotations[next_quote].start < paragraph.end
        if not quoted and not relevant(position, paragraph.end):
            continue
        while position < paragraph.end:
            quote_start = paragraph.end
            if next_quote < len(quotations) and quotations[next_quote].start < paragraph.end:
                quote_start = quotations[next_quote].start
            _words(text, position, quote_start, tokens)
            if quote_start >= paragraph.end:
                break
            quotation = quotations[next_quote]
            tokens.append(Token(quotation.start, quotation.end, QUOTE, quotation=quotation))
            next_quote += 1
            position = quotation.end
            if position > paragraph.end:
                break
    return tokens


def _words(text: str, start: int, end: int, tokens: list[Token]) -> None:
    # Tokens are made without calling Token.__init__ (a Python call per token costs more than
    # the token itself): a bare object and its slots set here.
    append = tokens.append
    new = object.__new__
    scanned = start  # where the pattern has read to
    consumed = start  # past a period already taken by an abbreviation
    for space, word, mark in _TOKEN.findall(text, start, end):
        first = scanned + len(space)
        if word:
            scanned = position = first + len(word)
            lower = word.lower()
            # a trailing period belongs to the word only in abbreviations: 'U.S.', 'Sen.'
            if position < end and text[position] == "." and ("." in word or lower in ABBREVIATIONS):
                position += 1
                word += "."
                lower += "."
                consumed = position
            kind, capitalised = WORD, word[0].isupper()
        elif mark:
            scanned = position = first + 1
            if first < consumed:
                continue  # the period an abbreviation took
            word = lower = mark
            kind, capitalised = PUNCT, False
        else:
            continue  # the white space at the end
        token = new(Token)
        token.start = first
        token.end = position
        token.kind = kind
        token.text = word
        token.lower = lower
        token.quotation = None
        token.capitalised = capitalised
        append(token)


def _is_initial(token: Token) -> bool:
    return token.kind == WORD and len(token.lower) == 1 and token.lower.isalpha()


def _starts_sentence(token: Token | None, text: str) -> bool:
    if token is None or token.kind in (QUOTE, BREAK):
        return True
    first = text[token.start]
    return first.isupper() or first.isdigit() or first in "(\"“‘'"


def not_words(tokens: Sequence[Token]) -> list[int]:
    """Indices of the tokens that are not words: marks, quotations and paragraph breaks."""
    return [index for index, token in enumerate(tokens) if token.kind != WORD]


def sentences(
    text: str,
    tokens: Sequence[Token],
    attributed: Callable[[int], bool] = lambda index: False,
    marks: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """Sentences as half-open ranges of token indices.

    ``attributed(index)`` tells whether the words after the quotation token at ``index`` are its
    attribution ('“Does anybody know?” Graham asked.'): the sentence then goes on. ``marks`` is
    :func:`not_words` of ``tokens``, when the caller has it: only those tokens can end a sentence.
    """
    out: list[tuple[int, int]] = []
    start = 0
    count = len(tokens)
    for index in not_words(tokens) if marks is None else marks:
        token = tokens[index]
        if token.kind == BREAK:
            if index > start:
                out.append((start, index))
            start = index + 1
            continue
        following = tokens[index + 1] if index + 1 < count else None
        end_here = False
        if token.kind == PUNCT and text[token.start] in ".!?":
            previous = tokens[index - 1] if index > 0 else None
            abbreviation = (
                previous is not None
                and previous.end == token.start
                and (
                    _is_initial(previous)
                    and following is not None
                    and following.kind == WORD
                    and text[following.start].isupper()
                )
            )
            end_here = not abbreviation and _starts_sentence(following, text)
        elif token.kind == QUOTE:
            inner = text[token.start : token.end].rstrip("\"'”’»›“ \u00a0")
            end_here = (
                inner.endswith((".", "!", "?", "…"))
                and (
                    following is None
                    or following.kind in (QUOTE, BREAK)
                    or (following.kind == WORD and text[following.start].isupper())
                )
                and not attributed(index)
            )
        if end_here:
            out.append((start, index + 1))
            start = index + 1
    if start < count:
        out.append((start, count))
    return out
