"""The "quotes" detector: quotations, reported speech and their sources, on :class:`Article`.

The stages, each in a module of its own:

1. :mod:`newsml.detect.marks` pairs quotation marks (apostrophes, nesting, quotations over
   several paragraphs, marks never closed);
2. :mod:`newsml.detect.tokens` reads the narrative as words with each quotation one token, and
   splits it into sentences;
3. :mod:`newsml.detect.attributions` finds cues, speaker phrases and what each attributes
   (direct quotes, quoted words inside reported speech, reported speech, "according to");
4. :mod:`newsml.detect.sources` resolves speaker phrases to sources, using ``Article.entities``
   when the "entities" detector ran before this one.

The result: ``Article.sources`` (s1, s2, ... in order of first mention) and ``Article.quotes``
(q1, q2, ... in text order), each quote pointing at the very Source object it resolved to.
Pieces of different quotes either nest or do not touch: a reported clause that would cross
another quote's piece is dropped, direct quotes first; and they nest at most two deep (reported
speech holding one other attribution: 'X said that officials told him ...').
"""

from __future__ import annotations

from functools import partial

import attrs

from newsml.detect import DETECTORS
from newsml.detect.attributions import TRANSCRIPT_LABEL, Attribution, find_attributions
from newsml.detect.cues import may_attribute
from newsml.detect.marks import find_quotations
from newsml.detect.sources import resolve_sources
from newsml.detect.tokens import tokenize
from newsml.model import Article, Mention, Quote, Source, Span

__all__ = ["detect_quotes"]

_PRIORITY = {"direct": 0, "mixed": 1, "indirect": 2}


def detect_quotes(article: Article) -> Article:
    """``article`` with its quotes and sources found."""
    text = article.text
    paragraphs = article.paragraphs or ((Span(0, len(text)),) if text.strip() else ())
    quotations = find_quotations(text, paragraphs)
    first = paragraphs[0].start if paragraphs else 0
    tokens = tokenize(text, paragraphs, quotations, partial(_may_attribute, text, first))
    attributions = _at_most_two_deep(_without_crossings(find_attributions(text, tokens)))
    sources, resolved = resolve_sources(article, attributions)
    drafts = sorted(zip(attributions, resolved), key=lambda pair: pair[0].pieces[0])
    quotes = tuple(
        _quote(f"q{number}", attribution, source, text)
        for number, (attribution, source) in enumerate(drafts, start=1)
    )
    return attrs.evolve(article, quotes=quotes, sources=sources)


def _may_attribute(text: str, headline: int, start: int, end: int) -> bool:
    """Whether a paragraph may attribute words: it holds a cue, or it is the first paragraph
    (the headline) and has a colon ('Jane Doe: Taxes Will Rise'), or it opens with a transcript's
    label ('JANE DOE: ...')."""
    if start == headline and ":" in text[start:end]:
        return True
    return may_attribute(text, start, end) or TRANSCRIPT_LABEL.match(text, start, end) is not None


def _quote(identifier: str, attribution: Attribution, source: Source | None, text: str) -> Quote:
    speaker = None
    if attribution.speaker is not None:
        start, end = attribution.speaker
        speaker = Mention(start, end, text[start:end])
    cue = None if attribution.cue is None else Span(*attribution.cue)
    return Quote(
        id=identifier,
        kind=attribution.kind,  # type: ignore[arg-type]
        spans=tuple(Span(start, end) for start, end in attribution.pieces),
        speaker=speaker,
        source=source,
        cue=cue,
    )


def _crosses(first: tuple[int, int], second: tuple[int, int]) -> bool:
    """True when two pieces overlap without one holding the other."""
    overlap = min(first[1], second[1]) > max(first[0], second[0])
    nested = (first[0] <= second[0] and second[1] <= first[1]) or (
        second[0] <= first[0] and first[1] <= second[1]
    )
    return overlap and not nested


class _KeptPieces:
    """Pieces kept so far in one sentence, bucketed by position so that a check is local."""

    def __init__(self, width: int) -> None:
        self.width = max(width, 1)
        self.buckets: dict[int, list[tuple[int, int]]] = {}

    def near(self, piece: tuple[int, int]) -> list[tuple[int, int]]:
        first = (piece[0] - self.width) // self.width
        last = piece[1] // self.width
        return [other for b in range(first, last + 1) for other in self.buckets.get(b, ())]

    def add(self, piece: tuple[int, int]) -> None:
        self.buckets.setdefault(piece[0] // self.width, []).append(piece)


def _without_crossings(attributions: list[Attribution]) -> list[Attribution]:
    """Drop reported clauses whose pieces cross a piece kept before them (direct first)."""
    # pieces of different sentences never meet: compare within one sentence only
    order = sorted(
        range(len(attributions)),
        key=lambda i: (attributions[i].sentence, _PRIORITY[attributions[i].kind]),
    )
    widths: dict[int, int] = {}
    for attribution in attributions:
        for start, end in attribution.pieces:
            widths[attribution.sentence] = max(widths.get(attribution.sentence, 0), end - start)
    kept_set: set[int] = set()
    kept = _KeptPieces(1)
    sentence = -1
    for index in order:
        attribution = attributions[index]
        if attribution.sentence != sentence:
            sentence = attribution.sentence
            kept = _KeptPieces(widths.get(sentence, 1))
        near = [other for piece in attribution.pieces for other in kept.near(piece)]
        if any(_crosses(piece, other) for piece in attribution.pieces for other in near):
            continue
        if attribution.kind != "direct" and any(piece in near for piece in attribution.pieces):
            continue
        kept_set.add(index)
        for piece in attribution.pieces:
            kept.add(piece)
    return _keep(attributions, kept_set)


#: How deep quotes may lie in each other: reported speech holding one other attribution.
DEEPEST = 2


def _at_most_two_deep(attributions: list[Attribution]) -> list[Attribution]:
    """Drop the attributions whose pieces would lie more than :data:`DEEPEST` deep in others.

    A guard over whatever the rules found: one pass over the pieces in order, with the chain of
    pieces holding the current one (never longer than DEEPEST). Where a piece is too deep, the
    lower in priority of it and the innermost piece holding it goes (direct quotes stay).
    """
    order = sorted(
        ((start, -end, index) for index, a in enumerate(attributions) for start, end in a.pieces)
    )
    dropped: set[int] = set()
    chain: list[tuple[int, int]] = []  # (end, attribution index) of the pieces holding this one
    for start, negative_end, index in order:
        if index in dropped:
            continue
        while chain and (chain[-1][0] <= start or chain[-1][1] in dropped):
            chain.pop()
        if len(chain) >= DEEPEST:
            holder = chain[-1][1]
            mine, theirs = attributions[index], attributions[holder]
            if _PRIORITY[mine.kind] >= _PRIORITY[theirs.kind]:
                dropped.add(index)
                continue
            dropped.add(holder)
            chain.pop()
        chain.append((-negative_end, index))
    return _keep(attributions, set(range(len(attributions))) - dropped)


def _keep(attributions: list[Attribution], kept_set: set[int]) -> list[Attribution]:
    """The attributions of ``kept_set``, in their order, the follow-up links kept valid."""
    remap = {
        old: new for new, old in enumerate(i for i in range(len(attributions)) if i in kept_set)
    }
    out = []
    for index in range(len(attributions)):
        if index not in kept_set:
            continue
        attribution = attributions[index]
        if attribution.follows is not None:
            attribution = attrs.evolve(attribution, follows=remap.get(attribution.follows))
        out.append(attribution)
    return out


DETECTORS.add(
    "quotes", detect_quotes, after="entities"
) if "entities" in DETECTORS.names() else DETECTORS.add("quotes", detect_quotes)
