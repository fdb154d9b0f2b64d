"""Escaping strings for XML text and attribute values, with the XML character rule applied.

The writer builds its XML as strings (fast and byte-exact), so every string goes through one of
these functions. Characters XML 1.0 cannot carry become U+FFFD (``newsml.text.xmlchars``); CR is
written as ``&#13;`` so that a parser gives it back (a literal CR would be read as LF).
"""

from __future__ import annotations

import regex

from newsml.text.xmlchars import replace_illegal

__all__ = ["attribute", "legal", "normalized", "text", "text_verbatim"]

_XML_WHITESPACE_RUN = regex.compile(r"[ \t\r\n]++")


#: Characters escaped in character data (CR as a reference, so a parser gives it back).
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
#: Characters escaped besides in a double-quoted attribute (TAB and LF survive normalisation).
_ATTRIBUTE_ESCAPES = (('"', "&quot;"), ("\t", "&#9;"), ("\n", "&#10;"))


def _replace(value: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for old, new in pairs:
        if old in value:
            value = value.replace(old, new)
    return value


def text_verbatim(value: str) -> str:
    """``value`` escaped as character data; the caller has already applied the character rule."""
    if "&" in value or "<" in value or ">" in value or "\r" in value:  # _TEXT_ESCAPES, unrolled
        return _replace(value, _TEXT_ESCAPES)
    return value  # the common case, tested without a loop


def legal(value: str) -> str:
    """``value`` under the XML character rule (printable text is legal as it is: a fast path)."""
    return value if value.isprintable() else replace_illegal(value)


def text(value: str) -> str:
    """``value`` as character data: the character rule, then escaping."""
    if value.isprintable() and not ("&" in value or "<" in value or ">" in value):
        return value  # the common case: legal, no CR, nothing to escape
    return text_verbatim(legal(value))


def attribute(value: str) -> str:
    """``value`` for a double-quoted attribute; TAB, LF and CR survive attribute normalisation."""
    if value.isprintable() and not ("&" in value or "<" in value or ">" in value or '"' in value):
        return value  # the common case: legal, no TAB, LF nor CR, nothing to escape
    value = text(value)
    if '"' in value or "\t" in value or "\n" in value:  # _ATTRIBUTE_ESCAPES, unrolled
        return _replace(value, _ATTRIBUTE_ESCAPES)
    return value


def normalized(value: str) -> str:
    """``value`` with every run of XML white space made one space and the ends trimmed.

    G2 names, literals and labels are ``g2normalizedString`` (no TAB, CR or LF); the rule is
    idempotent, so a value read back is written again unchanged.
    """
    if value.isprintable() and "  " not in value and value.strip(" ") == value:
        return value  # printable: no TAB, CR, LF nor illegal character
    collapsed: str = _XML_WHITESPACE_RUN.sub(" ", replace_illegal(value))
    return collapsed.strip(" ")
