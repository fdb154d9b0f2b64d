"""Reading an NITF 3.6 document: the article text, its paragraphs, and where each marked
fragment lies in the text.

For a body newsml wrote (``body.content`` carries ``sp:text="verbatim"``) the text is every text
node of ``body.content`` in order, so every offset is exact. For anyone else's body (IPTC's
examples are pretty-printed) the text is the paragraphs' text, white space made single spaces,
joined by blank lines.
"""

from __future__ import annotations

from typing import Any

import regex
from lxml import etree

from newsml.render.escape import normalized
from newsml.render.nitf import NITF_NS, SPEECH_NS

__all__ = ["Body", "Fragment", "read_body"]

_N = f"{{{NITF_NS}}}"
_S = f"{{{SPEECH_NS}}}"
_CONTINUES = f"{_S}continues"
_WHITE_SPACE = regex.compile(r"\s++")
_FOREIGN_SEPARATOR = "\n\n"


class Fragment:
    """One marked element of the body: where it lies in the text and what it is."""

    __slots__ = ("continues", "element", "end", "id", "order", "start")

    def __init__(self, id_: str, start: int, element: Any, order: int) -> None:
        self.id = id_
        self.start = start
        self.end = start
        self.element = element
        self.order = order
        self.continues: str = element.get(_CONTINUES) or id_

    @property
    def tag(self) -> str:
        """The element's name, with ``sp:`` for newsml's namespace ('q', 'person', 'sp:speaker')."""
        name = etree.QName(self.element)
        return name.localname if name.namespace == NITF_NS else f"sp:{name.localname}"


class Body:
    """What an NITF document holds that the model keeps."""

    def __init__(self) -> None:
        self.text = ""
        self.paragraphs: list[tuple[int, int]] = []
        self.fragments: dict[str, Fragment] = {}
        self.title: str | None = None
        self.hedline: str | None = None
        self.byline: str | None = None
        self.dateline: str | None = None
        self.verbatim = False


def _label(element: Any | None) -> str | None:
    if element is None:
        return None
    return normalized("".join(element.itertext())) or None


def read_body(nitf: Any) -> Body:
    """Read an ``<nitf>`` element."""
    body = Body()
    body.title = _label(nitf.find(f"{_N}head/{_N}title"))
    head = nitf.find(f"{_N}body/{_N}body.head")
    if head is not None:
        body.hedline = _label(head.find(f"{_N}hedline/{_N}hl1"))
        body.byline = _label(head.find(f"{_N}byline"))
        body.dateline = _label(head.find(f"{_N}dateline"))
    contents = nitf.findall(f"{_N}body/{_N}body.content")
    if len(contents) == 1 and contents[0].get(f"{_S}text") == "verbatim":
        body.verbatim = True
        _read_verbatim(contents[0], body)
    else:
        _read_foreign(contents, body)
    return body


def _read_verbatim(content: Any, body: Body) -> None:
    pieces: list[str] = [content.text or ""]
    position = len(pieces[0])
    paragraph_tag = f"{_N}p"
    # An explicit stack (no recursion): each entry is an open element, its fragment (if it has
    # an id) and the iterator over its children, comments included.
    stack: list[tuple[Any, Fragment | None, Any]] = [(content, None, iter(content))]
    while stack:
        element, fragment, children = stack[-1]
        child = next(children, None)
        if child is not None:
            if not isinstance(child.tag, str):  # comment or processing instruction
                tail = child.tail or ""
                pieces.append(tail)
                position += len(tail)
                continue
            fragment_id = child.get("id")
            child_fragment = None
            if fragment_id is not None:
                child_fragment = Fragment(fragment_id, position, child, len(body.fragments))
                body.fragments[fragment_id] = child_fragment
            stack.append((child, child_fragment, iter(child)))
            if child.tag == paragraph_tag and element is content:
                body.paragraphs.append((position, position))
            value = child.text or ""
            pieces.append(value)
            position += len(value)
            continue
        stack.pop()
        if element is content:
            break
        if fragment is not None:
            fragment.end = position
        if element.tag == paragraph_tag and stack[-1][0] is content:
            body.paragraphs[-1] = (body.paragraphs[-1][0], position)
        tail = element.tail or ""
        pieces.append(tail)
        position += len(tail)
    body.text = "".join(pieces)


def _read_foreign(contents: list[Any], body: Body) -> None:
    paragraphs = []
    for content in contents:
        for paragraph in content.iter(f"{_N}p"):
            value = _WHITE_SPACE.sub(" ", "".join(paragraph.itertext())).strip()
            if value:
                paragraphs.append(value)
    position = 0
    for value in paragraphs:
        body.paragraphs.append((position, position + len(value)))
        position += len(value) + len(_FOREIGN_SEPARATOR)
    body.text = _FOREIGN_SEPARATOR.join(paragraphs)
