"""The NITF 3.6 document inside the item: head, body.head, and body.content with nested spans.

``body.content`` holds the whole article text, character for character: one ``<p>`` per
paragraph holding exactly ``text[p.start:p.end]``, and the white space between paragraphs kept
as the text between the ``<p>`` elements. Concatenating every text node of ``body.content``
gives back ``Article.text`` (after the XML character rule). Nothing inside is pretty-printed.

Inline markup comes from one algorithm over all spans (:class:`Marks`): quote pieces, speakers,
cues, source mentions and entity mentions, each written as its group's :class:`Element`. Spans
are cut at paragraph boundaries into pieces, all pieces of the body are sorted once in
(start, -end, rank, order) order, and each paragraph's run of them is laid out with a stack
of open elements; a piece cut off by the layout goes back into the run, in order. A span that
runs past the end of the element it opened in is closed there and reopened right after, as a
new fragment; every fragment has its own id, and each fragment after a span's first carries
``sp:continues`` naming the first, so a reader can put the span together again (from its first
fragment's start to its last fragment's end). NITF's person/org/location/event/chron hold
text only: when one must hold another span, it is written as newsml's container ``sp:entity``
(same id, ``kind`` naming the NITF element it stands for). Time is O((n + f) log n) for n
spans and f fragments.

Depth is bounded: at most :data:`MAX_INLINE_DEPTH` elements are open at once inside a ``<p>``,
so an item is at most 7 + MAX_INLINE_DEPTH elements deep (two more inside a newsMessage), far
below the 256 levels libxml2 (lxml) parses with its default limits. A piece that would open
deeper is not written: its text stays, as text of the element around it, and its span's order
is kept in :attr:`Marks.dropped`, so that the writer can flatten those spans (drop their
markup everywhere, say so in a diagnostic) and write the item again.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterable, Sequence

from newsml.model import Mention, Span
from newsml.render import escape
from newsml.render.ids import IdAllocator

__all__ = [
    "MAX_INLINE_DEPTH",
    "NITF_NS",
    "SPEECH_NS",
    "SPEECH_PREFIX",
    "Element",
    "Marks",
    "Paragraphs",
    "body_content",
    "nitf_document",
]

NITF_NS = "http://iptc.org/std/NITF/2006-10-18/"
#: newsml's own namespace: reported speech, speakers, cues, source mentions, entity fallbacks.
SPEECH_NS = "urn:x-newsml:speech:1"
SPEECH_PREFIX = "sp"

_XML_SPACE = " \t\r\n"

#: The most inline elements open at once inside one ``<p>`` (see the module docstring). Real
#: articles nest a handful (a quote within a quote, a speaker, an entity); only a runaway
#: analysis comes near it.
MAX_INLINE_DEPTH = 32


class Element:
    """How the spans of one group are written: the element, its attributes and its rank.

    ``tag`` is the element as written ('q', 'person', 'sp:reported'); ``attributes`` the
    already escaped attributes after the id (' quote-source="..."'); ``rank`` orders spans with
    the same extent (smaller is outer). A ``leaf`` element may hold text only (NITF's person,
    org, location, event, chron): when it must hold another span it becomes its ``container``,
    newsml's ``sp:entity`` with ``kind`` naming the tag. The start tag's parts around the id
    are made once, here.
    """

    __slots__ = ("close", "container", "continuing", "opening", "rank", "rest")

    def __init__(self, rank: int, tag: str, attributes: str, *, leaf: bool = False) -> None:
        self.rank = rank
        self.opening = f'<{tag} id="'
        self.rest = f'"{attributes}>'
        self.continuing = f'"{attributes} {SPEECH_PREFIX}:continues="'
        self.close = f"</{tag}>"
        self.container = (
            Element(rank, f"{SPEECH_PREFIX}:entity", f' kind="{tag}"') if leaf else None
        )

    def start_tag(self, fragment_id: str, continues: str | None) -> str:
        """The start tag of one fragment; ``continues`` names the span's first fragment."""
        if continues is None:
            return f"{self.opening}{fragment_id}{self.rest}"
        return f'{self.opening}{fragment_id}{self.continuing}{continues}">'


#: One piece of a span inside one paragraph: (start, -end, rank, order). ``order`` is the
#: span's place in the body's list of spans (its element, first id, fragment ids are found
#: by it); the pieces of a span share it. Only ints: the garbage collector soon ignores them.
Piece = tuple[int, int, int, int]
#: What a caller says a marked span belongs to, for :attr:`Marks.owners`: a kind ('quote',
#: 'entity', ...) and which one of that kind (any hashable value).
Owner = tuple[str, Hashable]
_NO_OWNER: Owner = ("", None)
_Spans = Sequence[Span | Mention]


class Paragraphs:
    """The paragraphs as written: sorted, disjoint, non-empty, covering all non-space text.

    The article's paragraphs are sorted and merged where they overlap; any stretch between them
    that holds more than XML white space (which ``body.content`` could not hold between
    ``<p>`` elements) becomes a paragraph of its own, trimmed of XML white space. An article
    with no paragraphs but some text thus gets one paragraph: its trimmed text.
    """

    __slots__ = ("ends", "spans", "starts")

    def __init__(self, text: str, paragraphs: Iterable[Span]) -> None:
        length = len(text)
        merged: list[tuple[int, int]] = []
        # Sorted by start before being cut to the text, which keeps them sorted by start:
        # the union below comes out the same.
        for start, end in sorted([(span.start, span.end) for span in paragraphs]):
            if start < 0 or end > length:
                start, end = max(0, start), min(length, end)
            if end <= start:
                continue
            if merged and start < merged[-1][1]:
                if end > merged[-1][1]:
                    merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        spans: list[tuple[int, int]] = []
        position = 0
        for start, end in [*merged, (length, length)]:
            gap = text[position:start]
            trimmed = gap.strip(_XML_SPACE)
            if trimmed:
                first = position + len(gap) - len(gap.lstrip(_XML_SPACE))
                spans.append((first, first + len(trimmed)))
            if end > start:
                spans.append((start, end))
            position = end
        self.spans = spans
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def cut(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of [start, end) in paragraphs, one (start, end) per paragraph it reaches."""
        if end <= start:
            return []
        spans = self.spans
        index = bisect.bisect_right(self.starts, start) - 1
        if index < 0:
            index = 0
        elif end <= spans[index][1]:
            return [(start, end)]  # the common case: inside one paragraph
        pieces = []
        for paragraph_start, paragraph_end in spans[index:]:
            if paragraph_start >= end:
                break
            first = max(paragraph_start, start)
            last = min(paragraph_end, end)
            if last > first:
                pieces.append((first, last))
        return pieces

    def extent(self, start: int, end: int) -> tuple[int, int] | None:
        """The part of [start, end) that falls in paragraphs: (first start, last end), or None."""
        pieces = self.cut(start, end)
        return (pieces[0][0], pieces[-1][1]) if pieces else None


class Marks:
    """The spans to mark up in one body, cut into pieces at paragraph boundaries.

    Spans are added in the order that breaks ties between identical extents of the same rank
    (earlier is outer); a span outside every paragraph is not added. The layout
    (:func:`body_content`) gives each added span its fragment ids, in document order, read
    back with :meth:`fragment_ids`.
    """

    __slots__ = (
        "bases",
        "continued",
        "dropped",
        "elements",
        "fragments",
        "owners",
        "paragraphs",
        "pieces",
    )

    def __init__(self, paragraphs: Paragraphs, *, tracked: bool = False) -> None:
        self.paragraphs = paragraphs
        #: By span order, when ``tracked``: the owner the caller named for the span, and the
        #: span's index in the sequence given to :meth:`numbered` (0 for :meth:`span`).
        self.owners: list[tuple[Owner, int]] | None = [] if tracked else None
        #: The orders of the spans the layout could not open within MAX_INLINE_DEPTH.
        self.dropped: set[int] = set()
        self.pieces: list[Piece] = []
        #: By span order: the element, the id wanted for the first fragment, the first
        #: fragment's id once laid out, and the ids of the later fragments of the few cut.
        self.elements: list[Element] = []
        self.bases: list[str] = []
        self.fragments: list[str] = []
        self.continued: dict[int, list[str]] = {}

    def span(
        self, element: Element, span: Span | Mention | None, base: str, owner: Owner = _NO_OWNER
    ) -> None:
        """Mark ``span`` (if any part of it is in a paragraph) with ``base`` as its first id."""
        if span is None:
            return
        before = len(self.bases)
        start, end = span.start, span.end
        paragraphs = self.paragraphs
        index = bisect.bisect_right(paragraphs.starts, start) - 1
        if index >= 0 and start < end <= paragraphs.ends[index]:  # Paragraphs.cut's common case
            self.pieces.append((start, -end, element.rank, len(self.bases)))
            self.elements.append(element)
            self.bases.append(base)
        else:
            cut = paragraphs.cut(start, end)
            if cut:
                self._add(element, base, cut)
        if self.owners is not None and len(self.bases) > before:
            self.owners.append((owner, 0))

    def _add(self, element: Element, base: str, cut: list[tuple[int, int]]) -> None:
        order = len(self.bases)
        rank = element.rank
        self.pieces += [(start, -end, rank, order) for start, end in cut]
        self.elements.append(element)
        self.bases.append(base)

    def numbered(
        self, element: Element, spans: _Spans, base: str, owner: Owner = _NO_OWNER
    ) -> range:
        """Mark the ``spans`` that reach a paragraph, in order of extent, as base-1, base-2, ...

        Returns the orders of the spans marked. Spans usually come in order of extent, each
        inside one paragraph: they are added as they come, else in :meth:`_numbered_cut`
        (always when tracked: it knows each span's index in ``spans``).
        """
        if self.owners is not None:
            return self._numbered_cut(element, spans, base, owner)
        pieces, bases = self.pieces, self.bases
        starts, ends = self.paragraphs.starts, self.paragraphs.ends
        first_piece, first_order = len(pieces), len(bases)
        rank = element.rank
        last_start = last_end = -1
        for span in spans:
            start, end = span.start, span.end
            index = bisect.bisect_right(starts, start) - 1
            if (
                index < 0
                or end > ends[index]
                or start < last_start
                or (start == last_start and end < last_end)
            ):
                del pieces[first_piece:], bases[first_order:]
                return self._numbered_cut(element, spans, base, owner)
            if end > start:
                last_start, last_end = start, end
                pieces.append((start, -end, rank, len(bases)))
                bases.append(f"{base}-{len(bases) - first_order + 1}")
        self.elements += [element] * (len(bases) - first_order)
        return range(first_order, len(bases))

    def _numbered_cut(self, element: Element, spans: _Spans, base: str, owner: Owner) -> range:
        cut = self.paragraphs.cut
        reaching = []
        for given_order, span in enumerate(spans):
            pieces = cut(span.start, span.end)
            if pieces:
                reaching.append((pieces[0][0], pieces[-1][1], given_order, pieces))
        reaching.sort()  # by extent, then given order (unique: pieces are never compared)
        first_order = len(self.bases)
        for number, (_, _, _, pieces) in enumerate(reaching, start=1):
            self._add(element, f"{base}-{number}", pieces)
        if self.owners is not None:
            self.owners += [(owner, given_order) for _, _, given_order, _ in reaching]
        return range(first_order, len(self.bases))

    def fragment_ids(self, orders: range) -> str:
        """The fragment ids of the spans ``orders`` in order, space-separated (after layout)."""
        fragments = self.fragments
        if not self.continued:  # no span was cut in fragments
            return " ".join(fragments[orders.start : orders.stop])
        continued = self.continued
        return " ".join(
            fragment
            for order in orders
            for fragment in (fragments[order], *continued.get(order, ()))
        )


#: A layout frame, one open element: (end, element as written, index of its start tag in the
#: output, fragment id, first fragment's id for a continuation).
_Frame = tuple[int, Element, int, str, str | None]
#: The element of the frame at the bottom of a paragraph's stack (never written).
_PARAGRAPH = Element(-1, "p", "")


def body_content(text: str, paragraphs: Paragraphs, marks: Marks, allocator: IdAllocator) -> str:
    """``<body.content>`` for ``text`` (already under the XML character rule) with ``marks``.

    Gives each marked span its fragment ids, in document order (``Marks.fragment_ids``).
    """
    # Text with nothing to escape (most text) is written as sliced: str() gives a str back.
    plain = not ("&" in text or "<" in text or ">" in text or "\r" in text)
    verbatim: Callable[[str], str] = str if plain else escape.text_verbatim
    pieces = marks.pieces
    pieces.sort()  # orders are unique: the sort never compares further
    marks.fragments = [""] * len(marks.bases)
    out: list[str] = [f'<body.content {SPEECH_PREFIX}:text="verbatim">']
    position = 0
    index = 0
    for paragraph_start, paragraph_end in paragraphs.spans:
        if paragraph_start > position:
            out.append(verbatim(text[position:paragraph_start]))
        stop = bisect.bisect_left(pieces, (paragraph_end,), index)  # pieces starting in it
        if stop == index:
            out.append(f"<p>{verbatim(text[paragraph_start:paragraph_end])}</p>")
        else:
            out.append("<p>")
            _paragraph(
                text,
                paragraph_start,
                paragraph_end,
                pieces[index:stop],
                marks,
                allocator,
                out,
                verbatim,
            )
            out.append("</p>")
            index = stop
        position = paragraph_end
    if len(text) > position:
        out.append(verbatim(text[position:]))
    out.append("</body.content>")
    return "".join(out)


def _paragraph(
    text: str,
    position: int,
    paragraph_end: int,
    run: list[Piece],
    marks: Marks,
    allocator: IdAllocator,
    out: list[str],
    verbatim: Callable[[str], str],
) -> None:
    """Lay out one paragraph's pieces (sorted, a list of its own) from ``position``."""
    used = allocator.used
    elements, bases, fragments = marks.elements, marks.bases, marks.fragments
    # The paragraph is the bottom frame: every piece ends in it, and it is closed by the caller.
    stack: list[_Frame] = [(paragraph_end, _PARAGRAPH, -1, "", None)]
    top = stack[0]
    for start, negative_end, rank, order in run:
        while top[0] <= start:  # close what ends before the piece starts
            stack.pop()
            if top[0] > position:
                out.append(verbatim(text[position : top[0]]))
                position = top[0]
            out.append(top[1].close)
            top = stack[-1]
        if start > position:
            out.append(verbatim(text[position:start]))
            position = start
        end = -negative_end
        parent_end = top[0]
        if len(stack) > MAX_INLINE_DEPTH:  # flattened: its text stays in the parent
            if end > parent_end:
                bisect.insort(run, (parent_end, negative_end, rank, order))
            marks.dropped.add(order)
            continue
        if top[1].container is not None:  # a text-only element must hold the piece
            parent = top[1].container
            out[top[2]] = parent.start_tag(top[3], top[4])
            top = stack[-1] = (parent_end, parent, top[2], top[3], top[4])
        if end > parent_end:
            # The rest of the span goes after the parent: into the run, after this piece (a
            # list iterator sees items inserted after its position).
            bisect.insort(run, (parent_end, negative_end, rank, order))
            end = parent_end
        element = elements[order]
        continues: str | None = fragments[order] or None
        if continues is not None:  # a later fragment of the span
            fragment_id = allocator.take(continues)
            out.append(element.start_tag(fragment_id, continues))
            marks.continued.setdefault(order, []).append(fragment_id)
        else:
            fragment_id = bases[order]
            if fragment_id in used:
                fragment_id = allocator.take(fragment_id)
            else:  # the common case of IdAllocator.take, without the call
                used.add(fragment_id)
            out.append(f"{element.opening}{fragment_id}{element.rest}")
            fragments[order] = fragment_id
        top = (end, element, len(out) - 1, fragment_id, continues)
        stack.append(top)
    for frame_end, frame_element, _, _, _ in reversed(stack[1:]):
        if frame_end > position:
            out.append(verbatim(text[position:frame_end]))
            position = frame_end
        out.append(frame_element.close)
    if paragraph_end > position:
        out.append(verbatim(text[position:paragraph_end]))


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
