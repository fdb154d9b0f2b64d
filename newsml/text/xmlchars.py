"""Characters XML 1.0 cannot carry, and the one rule newsml applies to them.

XML 1.0 allows TAB, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and U+10000-U+10FFFF. Everything
else (NUL and the other C0 controls, lone surrogates, U+FFFE, U+FFFF) is replaced by U+FFFD
REPLACEMENT CHARACTER, one for one, when an item is written, and reported as a diagnostic
(code ``xml-illegal-character``) when the text is analysed. One code point becomes one code
point, so no offset moves; the rest of the text is carried character for character.
"""

from __future__ import annotations

from typing import Final

import regex

__all__ = [
    "ILLEGAL_XML_CHARACTER",
    "REPLACEMENT",
    "find_illegal",
    "may_hold_illegal",
    "replace_illegal",
]

REPLACEMENT = "\ufffd"

#: One run of characters XML 1.0 cannot carry.
ILLEGAL_XML_CHARACTER = regex.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]++")

#: The C0 controls XML 1.0 cannot carry (all but TAB, LF and CR), as UTF-8 bytes.
_ILLEGAL_CONTROL_BYTES: Final = bytes(range(0x20)).translate(None, b"\t\n\r")


def may_hold_illegal(text: str) -> bool:
    """False when ``text`` surely holds no character XML cannot carry; much faster than
    :func:`find_illegal` (a few C passes over the UTF-8 bytes), which decides when this says
    True."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    return (
        len(data.translate(None, _ILLEGAL_CONTROL_BYTES)) != len(data)
        or b"\xef\xbf\xbe" in data  # U+FFFE
        or b"\xef\xbf\xbf" in data  # U+FFFF
    )


def find_illegal(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of characters XML 1.0 cannot carry."""
    return [match.span() for match in ILLEGAL_XML_CHARACTER.finditer(text)]


def replace_illegal(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry replaced by U+FFFD, one for one."""
    if not may_hold_illegal(text) or ILLEGAL_XML_CHARACTER.search(text) is None:
        return text
    return ILLEGAL_XML_CHARACTER.sub(lambda match: REPLACEMENT * len(match.group()), text)
