"""An article's structure: paragraphs, sentences, headline, byline, dateline, diagnostics.

Nothing here changes the text: every span indexes the caller's string, whatever its line ends
(LF, CRLF and CR all end a line). The rules:

Paragraphs
    Each paragraph is trimmed of surrounding white space, and everything outside paragraphs is
    white space. Without blank lines, each non-empty line is a paragraph (the usual form of
    scraped news: one paragraph a line). With blank lines, the lines between two blank lines
    form one block, and a block is one paragraph when it is hard-wrapped text, that is when no
    line of it is longer than :data:`WRAP_WIDTH` characters; a block holding a longer line is
    one paragraph a line (a headline block above line-per-paragraph body text, say).

Headline
    The first paragraph, when it is one short sentence (at most :data:`HEADLINE_WORDS` words,
    on one line) opening with a capital or a digit, is neither a byline nor opens with a
    dateline, and is followed by a body paragraph that opens with a dateline or that has more
    words and ends a sentence. It may not end in ``,``, ``;`` or ``:``, nor in ``.`` unless
    it is in title case or capitals (every word of four letters or more capitalised) or a
    dateline opens the body. Being conservative: no headline is better than a wrong one.

Byline
    The first paragraph after the headline (or the very first), when a paragraph follows it,
    reading "By" and a short list of capitalised names with "and", commas and an agency
    ("By Jane Smith and John Doe, Reuters"); just above a dateline paragraph, a name of two to
    five capitalised words without "By" too ("Jane Smith" over "LONDON 1996-08-30").

Dateline
    At the start of the first body paragraph: a place in capitals with an optional date or
    region after commas and an optional agency in brackets ("MOSCOW, Nov 26 (Reuters) -",
    "NEW YORK --"), a place in title case followed by an agency ("Moscow (Reuters) -") or an
    agency alone ("(CNN) -"), then
    a dash and running text (a capital, and lower case soon after: not a capitals headline
    such as "CRICKET - ENGLAND WIN"). The span ends after the dash. Or a paragraph of its own
    between the headline (and byline) and the body, a place in capitals and a date ("LONDON
    1996-08-30", "MOSCOW, Nov 26").

Caller's metadata
    A headline, byline, dateline or language given by the caller is the article's; the span
    is kept only when the text there says the same (white space aside).

Diagnostics
    A warning ``xml-illegal-character`` for each run of characters XML 1.0 cannot carry (see
    :mod:`newsml.text.xmlchars`), and an error ``empty-text`` for a text without a
    non-space character.
"""

from __future__ import annotations

import itertools
from typing import Final

import regex

from newsml.model import Article, Diagnostic, Metadata, Span
from newsml.text.language import guess_language
from newsml.text.lexicons import lexicon_lines
from newsml.text.sentences import CLOSING_MARKS, NON_SPACE, OPENING_MARKS, SPACE, split_sentences
from newsml.text.xmlchars import find_illegal
from newsml.text.xmlchars import may_hold_illegal as _may_hold_illegal  # tests use this name

__all__ = ["HEADLINE_WORDS", "WRAP_WIDTH", "find_dateline", "paragraphs", "segment"]

#: Longest line, in characters, of hard-wrapped text (see the module docstring).
WRAP_WIDTH: Final = 100

#: Most words a detected headline may have.
HEADLINE_WORDS: Final = 20

#: Fewest words of running text after a dateline in its paragraph.
DATELINE_BODY_WORDS: Final = 8

#: Most characters of a detected byline.
BYLINE_LENGTH: Final = 120

_LINE_END: Final = regex.compile(r"[\r\n]")
_WORDS: Final = regex.compile(rf"{NON_SPACE}++")

#: How a paragraph may start and end to be a headline.
_HEADLINE_OPENING: Final = regex.compile(rf"[{OPENING_MARKS}]*+[\p{{Lu}}\p{{Lt}}\p{{Lo}}\p{{N}}]")
_HEADLINE_BAD_END: Final = regex.compile(rf"(?r)(?P<stop>[.,;:\u2026])[{CLOSING_MARKS}]*+")
#: A word of four letters or more in lower case (not the tail of a hyphenated word).
_LOWER_CASE_WORD: Final = regex.compile(r"(?<![\p{L}\p{M}'\u2019\-])\p{Ll}[\p{L}\p{M}]{3}")
_SENTENCE_END: Final = regex.compile(rf"(?r)[.!?\u2026][{CLOSING_MARKS}]*+")

#: A byline: "By" and names. Each following word is capitalised or a connecting word.
_BYLINE_START: Final = regex.compile(rf"(?:By|BY|by){SPACE}++(?=\p{{Lu}})")
_BYLINE_WORD: Final = regex.compile(r"[^\s\x1c-\x1f,;|/&]++")
#: Lower-case words a byline may hold besides capitalised names.
_BYLINE_CONNECTORS: Final = frozenset(lexicon_lines("byline_words.txt"))

_CAPITAL_WORD = r"\p{Lu}[\p{Lu}\p{M}'\u2019.]*+(?:-\p{Lu}[\p{Lu}\p{M}'\u2019.]*+)*+"
_TITLE_WORD = r"\p{Lu}[\p{L}\p{M}'\u2019.]*+(?:-\p{Lu}[\p{L}\p{M}'\u2019.]*+)*+"
_DETAIL = (
    r"[\p{L}\p{N}][\p{L}\p{N}\p{M}.'\u2019]*+(?:[ ][\p{L}\p{N}][\p{L}\p{N}\p{M}.'\u2019]*+){0,3}"
)
_AGENCY = r"\([\p{L}\p{N}][^()\r\n]{0,40}+\)"

#: A dateline at the start of a paragraph (see the module docstring).
_DATELINE: Final = regex.compile(
    rf"(?:{_CAPITAL_WORD}(?:[ ]{_CAPITAL_WORD}){{0,4}}(?:,[ ]{_DETAIL}){{0,2}}(?:[ ]{_AGENCY})?"
    rf"|{_TITLE_WORD}(?:[ ]{_TITLE_WORD}){{0,3}}(?:,[ ]{_DETAIL}){{0,2}}[ ]{_AGENCY}"
    rf"|{_AGENCY})"
    rf"[ \t]*+(?:--|[-\u2013\u2014])"
    rf"(?=[ \t\u00a0]++[{OPENING_MARKS}]*+[\p{{Lu}}\p{{N}}][^\r\n]{{0,80}}?\p{{Ll}})"
)

#: A dateline standing as a paragraph of its own, in the Reuters form "LONDON 1996-08-30" or
#: "MOSCOW, Nov 26".
_DATELINE_PARAGRAPH: Final = regex.compile(
    rf"{_CAPITAL_WORD}(?:[ ]{_CAPITAL_WORD}){{0,4}}(?:,[ ]{_DETAIL}){{0,1}},?[ ]"
    r"(?:\d{4}-\d{2}-\d{2}|\p{Lu}\p{Ll}{2,8}\.?[ ]\d{1,2}(?:,[ ]\d{4})?)"
)


def _lines(text: str) -> list[Span | None]:
    """Each line of ``text`` trimmed, in order; None for a blank line.

    CRLF and CR are made LF in a copy of the same length (CR of CRLF becomes a space), so the
    copy's offsets are the text's and one split finds every line.
    """
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    lines: list[Span | None] = []
    offset = 0
    for line in text.split("\n"):
        content = line.lstrip()
        if content:
            start = offset + len(line) - len(content)
            lines.append(Span(start, start + len(content.rstrip())))
        else:
            lines.append(None)
        offset += len(line) + 1
    return lines


def paragraphs(text: str) -> tuple[Span, ...]:
    """The paragraphs of ``text``, trimmed, in order (see the module docstring)."""
    blocks: list[list[Span]] = [[]]
    for line in _lines(text):
        if line is not None:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    if not blocks[-1]:
        blocks.pop()
    if len(blocks) <= 1:
        return tuple(line for block in blocks for line in block)
    found: list[Span] = []
    for block in blocks:
        if len(block) == 1:
            found.append(block[0])
        elif all(len(line) <= WRAP_WIDTH for line in block):
            found.append(Span(block[0].start, block[-1].end))
        else:
            found.extend(block)
    return tuple(found)


def _word_count(text: str, span: Span, most: int) -> int:
    """How many words ``span`` holds, counting no further than ``most + 1``.

    Stopping early keeps a headline check on a megabyte paragraph cheap.
    """
    words = _WORDS.finditer(text, span.start, span.end)
    return sum(1 for _ in itertools.islice(words, most + 1))


def _is_byline(text: str, span: Span, *, bare: bool = False) -> bool:
    """Whether ``span`` is a byline; ``bare`` also accepts a name without "By" (2-5 words).

    A byline may run over a few short lines ("By Jane Smith" / "Reuters"); its words are
    capitalised names, connecting words (``lexicons/byline_words.txt``) or figures of a date
    ("By Jane Smith | Nov 26, 2026"), with at least one name.
    """
    if len(span) > BYLINE_LENGTH:
        return False
    start = _BYLINE_START.match(text, span.start, span.end)
    if start is None and (not bare or _LINE_END.search(text, span.start, span.end)):
        return False
    words = _BYLINE_WORD.findall(text, start.end() if start else span.start, span.end)
    if not words or len(words) > 16 or (start is None and not 2 <= len(words) <= 5):
        return False
    names = 0
    for word in words:
        if word[0].isupper():
            names += 1
        elif not (word[0].isdigit() or word.lower() in _BYLINE_CONNECTORS):
            return False
    return names > 0


def _is_dateline_paragraph(text: str, paragraph: Span) -> bool:
    return _DATELINE_PARAGRAPH.fullmatch(text, paragraph.start, paragraph.end) is not None


def find_dateline(text: str, paragraph: Span) -> Span | None:
    """The dateline opening ``paragraph``, or None.

    At least :data:`DATELINE_BODY_WORDS` words must follow it in the paragraph: a capitals
    slug over a short title ("IPO FILING -- Homegate Hospitality Inc.") is not a dateline.
    """
    match = _DATELINE.match(text, paragraph.start, paragraph.end)
    if match is None:
        return None
    rest = Span(match.end(), paragraph.end)
    if _word_count(text, rest, DATELINE_BODY_WORDS) < DATELINE_BODY_WORDS:
        return None
    return Span(match.start(), match.end())


def _looks_like_headline(
    text: str, span: Span, sentences: list[Span], *, above_dateline: bool = False
) -> bool:
    """The first paragraph's own shape: one short sentence on one line, no closing period.

    Above a dateline, which marks the body's start, a closing period is allowed
    ("Senate passes the budget." over "WASHINGTON (AP) - ...").
    """
    if _LINE_END.search(text, span.start, span.end):
        return False
    if len(sentences) >= 2 and sentences[1].start < span.end:
        return False
    end = _HEADLINE_BAD_END.match(text, span.start, span.end)
    if end is not None:
        period = end.group("stop") in ".\u2026"
        if not period or not (above_dateline or _title_case(text, span)):
            return False
    if _HEADLINE_OPENING.match(text, span.start, span.end) is None:
        return False
    if not 2 <= _word_count(text, span, HEADLINE_WORDS) <= HEADLINE_WORDS:
        return False
    # A dateline below makes a slug at the start a headline's ("PRESS DIGEST - Tunisia").
    return not (
        _is_byline(text, span)
        or _is_dateline_paragraph(text, span)
        or (not above_dateline and find_dateline(text, span) is not None)
    )


def _title_case(text: str, span: Span) -> bool:
    """Every word of four letters or more capitalised: "Poll: Voters Abandon the Party"."""
    return _LOWER_CASE_WORD.search(text, span.start, span.end) is None


def _is_body(text: str, span: Span, headline: Span) -> bool:
    """Whether ``span`` reads as body text under ``headline``: more words, a sentence end."""
    if _SENTENCE_END.match(text, span.start, span.end) is None:
        return False
    words = _word_count(text, headline, HEADLINE_WORDS)
    return _word_count(text, span, words) > words


def _same_words(left: str, right: str) -> bool:
    return left.split() == right.split()


#: The layouts of an article's first paragraphs, most complete first: (headline, byline,
#: dateline standing as a paragraph of its own).
_LAYOUTS: Final = tuple(itertools.product((True, False), repeat=3))


def _front_matter(
    text: str, found: tuple[Span, ...], sentences: list[Span]
) -> tuple[Span | None, Span | None, Span | None]:
    """Headline, byline and dateline spans found in the text.

    The first layout that fits wins: a headline needs the body paragraph under it to read as
    body text (:func:`_is_body`) or a dateline between them, a byline and a dateline
    paragraph need a paragraph after them, and without a dateline paragraph the dateline is
    looked for at the start of the body paragraph.
    """
    shapes: dict[bool, bool] = {}  # above a dateline or not -> the first paragraph's shape
    for has_headline, has_byline, has_dateline in _LAYOUTS:
        index = has_headline + has_byline + has_dateline
        if index >= len(found):
            continue
        if has_byline and not _is_byline(text, found[has_headline], bare=has_dateline):
            continue
        body = found[index]
        if has_dateline:
            dateline: Span | None = found[index - 1]
            if not _is_dateline_paragraph(text, found[index - 1]):
                continue
        else:
            dateline = find_dateline(text, body)
        if has_headline:
            above_dateline = dateline is not None
            if above_dateline not in shapes:
                shapes[above_dateline] = _looks_like_headline(
                    text, found[0], sentences, above_dateline=above_dateline
                )
            if not shapes[above_dateline] or not (above_dateline or _is_body(text, body, found[0])):
                continue
        return (
            found[0] if has_headline else None,
            found[has_headline] if has_byline else None,
            dateline,
        )
    return None, None, None


def _given(
    text: str, given: str | None, detected: Span | None, candidates: tuple[Span, ...]
) -> tuple[str | None, Span | None]:
    """The value and span of a headline, byline or dateline; the caller's value wins."""
    if given is None:
        return (detected.of(text) if detected else None), detected
    for span in (detected, *candidates):
        if span is not None and _same_words(span.of(text), given):
            return given, span
    return given, None


def _given_dateline(
    text: str, given: str | None, detected: Span | None, candidates: tuple[Span, ...]
) -> tuple[str | None, Span | None]:
    """The dateline's value and span: the caller's wins, found where a paragraph opens with it."""
    if given is None or (detected is not None and _same_words(detected.of(text), given)):
        return _given(text, given, detected, ())
    wanted = given.strip()
    for paragraph in candidates:
        if wanted and text.startswith(wanted, paragraph.start, paragraph.end):
            return given, Span(paragraph.start, paragraph.start + len(wanted))
    return given, None


def _diagnostics(text: str, found: tuple[Span, ...]) -> tuple[Diagnostic, ...]:
    diagnostics: list[Diagnostic] = []
    if not found:
        diagnostics.append(
            Diagnostic(
                level="error",
                code="empty-text",
                message="the text is empty or only white space",
                start=0,
                end=len(text),
            )
        )
    for start, end in find_illegal(text) if _may_hold_illegal(text) else ():
        run = text[start:end]
        codes = ", ".join(f"U+{ord(character):04X}" for character in run[:3])
        more = f" and {len(run) - 3} more" if len(run) > 3 else ""
        diagnostics.append(
            Diagnostic(
                level="warning",
                code="xml-illegal-character",
                message=(
                    f"{len(run)} character(s) XML cannot carry ({codes}{more}) at offset"
                    f" {start}: written as U+FFFD"
                ),
                start=start,
                end=end,
            )
        )
    return tuple(diagnostics)


def segment(text: str, metadata: Metadata | None = None) -> Article:
    """An :class:`Article` holding ``text`` with its structure (see the module docstring)."""
    metadata = metadata or Metadata()
    found = paragraphs(text)
    sentences = split_sentences(text, found)
    headline_span, byline_span, dateline_span = _front_matter(text, found, sentences)
    headline, headline_span = _given(text, metadata.headline, headline_span, found[:1])
    byline, byline_span = _given(text, metadata.byline, byline_span, found[:3])
    dateline, dateline_span = _given_dateline(text, metadata.dateline, dateline_span, found[:3])
    return Article(
        text=text,
        metadata=metadata,
        headline=headline,
        headline_span=headline_span,
        byline=byline,
        byline_span=byline_span,
        dateline=dateline,
        dateline_span=dateline_span,
        language=metadata.language or guess_language(text),
        paragraphs=found,
        sentences=tuple(sentences),
        diagnostics=_diagnostics(text, found),
    )
