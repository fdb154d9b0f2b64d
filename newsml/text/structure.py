"""Paragraphs and sentences of an article."""

from __future__ import annotations

import regex

from newsml.model import Article, Metadata, Span

__all__ = ["segment"]

_BLANK_LINE = regex.compile(r"\n[ \t\r\f\v]*+\n")
_PARAGRAPH_BREAK = regex.compile(r"(?:\r\n|\r|\n)(?:[ \t\f\v]*+(?:\r\n|\r|\n))*+")
_SENTENCE_END = regex.compile(r"[.!?]['\"\u2019\u201d)]*+(?=\s++[\"'\u2018\u201c(]?+[A-Z0-9])")


def _paragraphs(text: str) -> tuple[Span, ...]:
    spans = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append(_trimmed(text, start, match.start()))
        start = match.end()
    spans.append(_trimmed(text, start, len(text)))
    return tuple(span for span in spans if span is not None)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _sentences(text: str, paragraphs: tuple[Span, ...]) -> tuple[Span, ...]:
    out = []
    for paragraph in paragraphs:
        start = paragraph.start
        for match in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
            span = _trimmed(text, start, match.end())
            if span is not None:
                out.append(span)
            start = match.end()
        span = _trimmed(text, start, paragraph.end)
        if span is not None:
            out.append(span)
    return tuple(out)


def segment(text: str, metadata: Metadata | None = None) -> Article:
    """An :class:`Article` holding ``text`` with its paragraphs and sentences."""
    metadata = metadata or Metadata()
    paragraphs = _paragraphs(text)
    return Article(
        text=text,
        metadata=metadata,
        headline=metadata.headline,
        byline=metadata.byline,
        dateline=metadata.dateline,
        language=metadata.language or "en",
        paragraphs=paragraphs,
        sentences=_sentences(text, paragraphs),
    )
