"""The NITF 3.6 document inside the item: head, body.head, and body.content with nested spans.

``body.content`` holds the whole article text, character for character: one ``<p>`` per
paragraph holding exactly ``text[p.start:p.end]``, and the white space between paragraphs kept
as the text between the ``<p>`` elements. Concatenating every text node of ``body.content``
gives back ``Article.text`` (after the XML character rule). Nothing inside is pretty-printed.

Inline markup comes from one algorithm over all spans (:class:`Mark`): quote pieces, speakers,
cues, source mentions and entity mentions. Spans are cut at paragraph boundaries, then laid out
per paragraph in (start, -end, rank) order with a stack of open elements and a heap of pending
fragments. A span that runs past the end of the element it opened in is closed there and
reopened right after, as a new fragment; every fragment has its own id, and each fragment
after a span's first carries ``sp:continues`` naming the first, so a reader can put the span
together again (from its first fragment's start to its last fragment's end). NITF's
person/org/location/event/chron hold text only: when one must hold another span, it is written
as newsml's container ``sp:entity`` (same id, ``kind`` naming the NITF element it stands for).
Time is O((n + f) log n) for n spans and f fragments.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections.abc import Iterable, Sequence

import regex

from newsml.model import Span
from newsml.render import escape
from newsml.render.ids import IdAllocator

__all__ = [
    "NITF_NS",
    "SPEECH_NS",
    "SPEECH_PREFIX",
    "Mark",
    "Paragraphs",
    "body_content",
    "nitf_document",
]

NITF_NS = "http://iptc.org/std/NITF/2006-10-18/"
#: newsml's own namespace: reported speech, speakers, cues, source mentions, entity fallbacks.
SPEECH_NS = "urn:x-newsml:speech:1"
SPEECH_PREFIX = "sp"

_NOT_XML_SPACE = regex.compile(r"[^ \t\r\n]")


class Mark:
    """One span to mark up in the body, and the element that marks it.

    ``tag`` is the element as written ('q', 'person', 'sp:reported'); ``attributes`` the
    already escaped attributes after the id (' quote-source="..."'); ``leaf`` says the element
    may hold text only (NITF's person, org, location, event, chron), ``kind`` is then written
    on the ``sp:entity`` container that replaces it when it must hold another span. ``base`` is
    the id of the first fragment (when free). ``rank`` orders spans with the same extent
    (smaller is outer). After layout, ``ids`` lists the fragment ids in document order.
    """

    __slots__ = ("attributes", "base", "end", "ids", "kind", "leaf", "rank", "start", "tag")

    def __init__(
        self,
        start: int,
        end: int,
        rank: int,
        tag: str,
        attributes: str,
        base: str,
        *,
        leaf: bool = False,
        kind: str = "",
    ) -> None:
        self.start = start
        self.end = end
        self.rank = rank
        self.tag = tag
        self.attributes = attributes
        self.leaf = leaf
        self.kind = kind
        self.base = base
        self.ids: list[str] = []


class Paragraphs:
    """The paragraphs as written: sorted, disjoint, non-empty, covering all non-space text.

    The article's paragraphs are sorted and merged where they overlap; any stretch between them
    that holds more than XML white space (which ``body.content`` could not hold between
    ``<p>`` elements) becomes a paragraph of its own, trimmed of XML white space. An article
    with no paragraphs but some text thus gets one paragraph: its trimmed text.
    """

    __slots__ = ("spans", "starts")

    def __init__(self, text: str, paragraphs: Iterable[Span]) -> None:
        length = len(text)
        given = sorted(
            (max(0, span.start), min(length, span.end))
            for span in paragraphs
            if min(length, span.end) > max(0, span.start)
        )
        merged: list[tuple[int, int]] = []
        for start, end in given:
            if merged and start < merged[-1][1]:
                if end > merged[-1][1]:
                    merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        spans: list[tuple[int, int]] = []
        position = 0
        for start, end in [*merged, (length, length)]:
            gap = _trimmed(text, position, start)
            if gap is not None:
                spans.append(gap)
            if end > start:
                spans.append((start, end))
            position = end
        self.spans = spans
        self.starts = [start for start, _ in spans]

    def extent(self, start: int, end: int) -> tuple[int, int] | None:
        """The part of [start, end) that falls in paragraphs: (first start, last end), or None."""
        if end <= start or not self.spans:
            return None
        index = max(0, bisect.bisect_right(self.starts, start) - 1)
        spans = self.spans
        if spans[index][1] <= start:
            index += 1
        if index >= len(spans) or spans[index][0] >= end:
            return None
        first = max(start, spans[index][0])
        last_index = bisect.bisect_left(self.starts, end) - 1
        last = min(end, spans[last_index][1])
        return first, last


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    match = _NOT_XML_SPACE.search(text, start, end)
    if match is None:
        return None
    first = match.start()
    last = end
    while text[last - 1] in " \t\r\n":
        last -= 1
    return first, last


class _Open:
    __slots__ = ("close", "continues", "end", "id", "index", "leaf", "mark")

    def __init__(self, end: int, mark: Mark, index: int, id_: str, continues: str | None) -> None:
        self.end = end
        self.mark = mark
        self.index = index
        self.id = id_
        self.continues = continues
        self.leaf = mark.leaf
        self.close = f"</{mark.tag}>"


def _open_tag(tag: str, id_: str, attributes: str, continues: str | None) -> str:
    if continues is None:
        return f'<{tag} id="{id_}"{attributes}>'
    return f'<{tag} id="{id_}"{attributes} {SPEECH_PREFIX}:continues="{continues}">'


def _make_container(frame: _Open, out: list[str]) -> None:
    """Turn an open text-only NITF element into newsml's sp:entity container."""
    tag = f"{SPEECH_PREFIX}:entity"
    kind = f' kind="{frame.mark.kind}"'
    out[frame.index] = _open_tag(tag, frame.id, kind, frame.continues)
    frame.close = f"</{tag}>"
    frame.leaf = False


def body_content(
    text: str, paragraphs: Paragraphs, marks: Sequence[Mark], allocator: IdAllocator
) -> str:
    """``<body.content>`` for ``text`` (already under the XML character rule) with ``marks``.

    Fills each mark's ``ids`` with its fragment ids, in document order.
    """
    spans = paragraphs.spans
    starts = paragraphs.starts
    per_paragraph: list[list[tuple[int, int, int, int, int, Mark]]] = [[] for _ in spans]
    counter = itertools.count()
    for seq, mark in enumerate(marks):
        start, end = mark.start, mark.end
        if end <= start:
            continue
        index = max(0, bisect.bisect_right(starts, start) - 1)
        while index < len(spans) and spans[index][0] < end:
            paragraph_start, paragraph_end = spans[index]
            first, last = max(start, paragraph_start), min(end, paragraph_end)
            if last > first:
                per_paragraph[index].append((first, -last, mark.rank, seq, next(counter), mark))
            index += 1
    out: list[str] = [f'<body.content {SPEECH_PREFIX}:text="verbatim">']
    position = 0
    verbatim = escape.text_verbatim
    for (paragraph_start, paragraph_end), pending in zip(spans, per_paragraph):
        if paragraph_start > position:
            out.append(verbatim(text[position:paragraph_start]))
        out.append("<p>")
        _paragraph(text, paragraph_start, paragraph_end, pending, allocator, out, counter)
        out.append("</p>")
        position = paragraph_end
    if len(text) > position:
        out.append(verbatim(text[position:]))
    out.append("</body.content>")
    return "".join(out)


def _paragraph(
    text: str,
    position: int,
    paragraph_end: int,
    pending: list[tuple[int, int, int, int, int, Mark]],
    allocator: IdAllocator,
    out: list[str],
    counter: itertools.count[int],
) -> None:
    verbatim = escape.text_verbatim
    pending.sort()  # a sorted list is a heap
    stack: list[_Open] = []
    while pending:
        start, negative_end, rank, seq, _, mark = heapq.heappop(pending)
        end = -negative_end
        if stack and stack[-1].end <= start:
            position = _close(stack, start, text, position, out)
        if start > position:
            out.append(verbatim(text[position:start]))
            position = start
        if stack:
            parent = stack[-1]
            if parent.leaf:
                _make_container(parent, out)
            if end > parent.end:
                heapq.heappush(pending, (parent.end, negative_end, rank, seq, next(counter), mark))
                end = parent.end
        if mark.ids:
            continues: str | None = mark.ids[0]
            fragment_id = allocator.take(mark.ids[0])
        else:
            continues = None
            fragment_id = allocator.take(mark.base)
        mark.ids.append(fragment_id)
        stack.append(_Open(end, mark, len(out), fragment_id, continues))
        out.append(_open_tag(mark.tag, fragment_id, mark.attributes, continues))
    position = _close(stack, paragraph_end, text, position, out)
    if paragraph_end > position:
        out.append(verbatim(text[position:paragraph_end]))


def _close(stack: list[_Open], until: int, text: str, position: int, out: list[str]) -> int:
    """Close every open element ending at or before ``until``; the new text position."""
    while stack and stack[-1].end <= until:
        frame = stack.pop()
        if frame.end > position:
            out.append(escape.text_verbatim(text[position : frame.end]))
            position = frame.end
        out.append(frame.close)
    return position


def nitf_document(title: str, byline: str | None, dateline: str | None, content: str) -> str:
    """The ``<nitf>`` element: head/title, body.head (hedline, byline, dateline), body.content."""
    parts = [
        f'<nitf xmlns="{NITF_NS}">',
        f"<head><title>{escape.text(title)}</title></head>",
        "<body>",
        f"<body.head><hedline><hl1>{escape.text(title)}</hl1></hedline>",
    ]
    if byline:
        parts.append(f"<byline>{escape.text(byline)}</byline>")
    if dateline:
        parts.append(f"<dateline>{escape.text(dateline)}</dateline>")
    parts.append("</body.head>")
    parts.append(content)
    parts.append("</body></nitf>")
    return "".join(parts)
