"""Identity: the item's guid, and the XML ids of one document.

The guid is a URN, ``urn:newsml:<provider>:<id>``, made from the provider and the article's
id, so converting the same article again gives the same guid. Each part is percent-encoded
(UTF-8) except for ``A-Z a-z 0-9 - . _ ~ @``, so a ``:`` in a provider or id never splits the
URN in the wrong place. An article without an id gets a guid from its content:
``urn:newsml:<provider>:sha256:<first 16 hex digits of the SHA-256 of the text>`` (the text as
written, i.e. after the XML character rule). Because an encoded id never holds a raw ``:``,
the two forms cannot be confused, and :func:`parse_guid` recovers provider and id.

Ids in the G2 metadata and in the NITF body share one id space: :class:`IdAllocator` hands out
NCNames, never the same twice, in a deterministic order.
"""

from __future__ import annotations

import functools
import hashlib
import urllib.parse

import regex

from newsml.text.xmlchars import replace_illegal

__all__ = ["GUID_PREFIX", "IdAllocator", "content_digest", "is_ncname", "make_guid", "parse_guid"]

GUID_PREFIX = "urn:newsml:"
_SAFE = "-._~@"
_DIGEST_SCHEME = "sha256"
_DIGEST_LENGTH = 16

#: An XML NCName (XML Namespaces 1.0), the form of every id in an item.
_NCNAME = regex.compile(
    r"[A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
    r"\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF]"
    r"[-.0-9A-Z_a-z\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D"
    r"\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
    r"\U00010000-\U000EFFFF]*+"
)


def is_ncname(value: str) -> bool:
    """Whether ``value`` can be an XML id (an NCName)."""
    if value.isalnum() and value.isascii() and not value[0].isdigit():
        return True  # the usual ids, 'e1', 'q12': letters and digits, a letter first
    return _NCNAME.fullmatch(value) is not None


@functools.lru_cache(maxsize=256)
def _encode_provider(provider: str) -> str:
    """A provider, encoded (the same few recur item after item)."""
    return _encode(provider)


def _encode(part: str) -> str:
    return urllib.parse.quote(replace_illegal(part), safe=_SAFE)


def content_digest(text: str, *, legal: bool = False) -> str:
    """The short SHA-256 digest of ``text`` (after the XML character rule) used in guids;
    ``legal`` says the rule has been applied already."""
    data = (text if legal else replace_illegal(text)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:_DIGEST_LENGTH]


def make_guid(provider: str, article_id: str | None, text: str, *, legal: bool = False) -> str:
    """The guid for an article: from its id when it has one, else from its text (``legal``:
    already under the XML character rule)."""
    if article_id is not None and article_id != "":
        return f"{GUID_PREFIX}{_encode_provider(provider)}:{_encode(article_id)}"
    digest = content_digest(text, legal=legal)
    return f"{GUID_PREFIX}{_encode_provider(provider)}:{_DIGEST_SCHEME}:{digest}"


def parse_guid(guid: str) -> tuple[str, str | None] | None:
    """(provider, id or None) of a guid newsml made, or None for any other guid."""
    if not guid.startswith(GUID_PREFIX):
        return None
    parts = guid[len(GUID_PREFIX) :].split(":")
    if len(parts) == 2 and parts[0] and parts[1]:
        return urllib.parse.unquote(parts[0]), urllib.parse.unquote(parts[1])
    if len(parts) == 3 and parts[0] and parts[1] == _DIGEST_SCHEME:
        return urllib.parse.unquote(parts[0]), None
    return None


class IdAllocator:
    """Hands out unique NCNames: ``base`` if still free, else ``base-2``, ``base-3``, ...

    The same sequence of requests always gives the same ids.
    """

    def __init__(self) -> None:
        #: Every id handed out; a caller may test and add a free ``base`` itself, as
        #: :meth:`take` would (the body's layout does, once per fragment).
        self.used: set[str] = set()
        self._next_suffix: dict[str, int] = {}

    def __contains__(self, value: str) -> bool:
        return value in self.used

    def take(self, base: str) -> str:
        """A fresh id derived from ``base``, which the caller has made sure is an NCName."""
        if base not in self.used:
            self.used.add(base)
            return base
        suffix = self._next_suffix.get(base, 2)
        candidate = f"{base}-{suffix}"
        while candidate in self.used:
            suffix += 1
            candidate = f"{base}-{suffix}"
        self._next_suffix[base] = suffix + 1
        self.used.add(candidate)
        return candidate
