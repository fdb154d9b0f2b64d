"""A user-supplied knowledge base: names, aliases, kinds and verified identifiers.

The knowledge base takes precedence over every rule: where one of its names or aliases
appears in the text (as written, with a capital first letter, or in capitals; on word
boundaries), the mention is its entity, with its kind, its canonical name and its identifiers.

Two formats, chosen by the file's extension:

* CSV (``.csv``) with a header row: ``name,kind,aliases,identifiers``; ``aliases`` separated by
  ``|``; ``identifiers`` as ``scheme:code`` pairs separated by ``|``
  (``wikidata:Q39407|isni:0000000121032683``).
* JSON (``.json``): a list of objects ``{"name": ..., "kind": ..., "aliases": [...],
  "identifiers": {"wikidata": "Q39407"}}``.

Kinds are those of :data:`newsml.model.ENTITY_KINDS` (``organization`` and ``location`` are
accepted as spellings of ``organisation`` and ``place``).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from newsml.model import ENTITY_KINDS

__all__ = ["KnowledgeBase", "KnowledgeEntry"]

_KIND_SPELLINGS = {
    "organization": "organisation",
    "location": "place",
    "org": "organisation",
    "per": "person",
    "loc": "place",
    "geoarea": "place",
}


def _kind(value: str) -> str:
    kind = value.strip().lower()
    kind = _KIND_SPELLINGS.get(kind, kind)
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown entity kind {value!r}; use one of {', '.join(ENTITY_KINDS)}")
    return kind


def _identifiers(value: str | Mapping[str, str] | None) -> dict[str, str]:
    if not value:
        return {}
    if isinstance(value, Mapping):
        return {str(scheme): str(code) for scheme, code in value.items()}
    out = {}
    for pair in value.split("|"):
        scheme, separator, code = pair.strip().partition(":")
        if not separator or not scheme or not code:
            raise ValueError(f"identifier {pair!r} is not 'scheme:code'")
        out[scheme] = code
    return out


def _aliases(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class KnowledgeEntry:
    """One thing the user knows: its canonical name, kind, other names and identifiers."""

    name: str
    kind: str = attrs.field(converter=_kind)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_aliases)
    ids: Mapping[str, str] = attrs.field(factory=dict, converter=_identifiers, hash=False)


class KnowledgeBase:
    """Entries indexed by every name and alias, with a scanner for the text.

    In the text a name is found as written, with its first letter capitalised (a sentence's
    start) and in capitals (a headline), on word boundaries, any run of white space standing
    for a space; :meth:`lookup` ignores case altogether.
    """

    def __init__(self, entries: Iterable[KnowledgeEntry] = ()) -> None:
        self.entries = tuple(entries)
        self._by_name: dict[str, KnowledgeEntry] = {}
        variants: set[str] = set()
        for entry in self.entries:
            for name in (entry.name, *entry.aliases):
                words = " ".join(name.split())
                if words:
                    self._by_name.setdefault(words.casefold(), entry)
                    variants.update((words, words[0].upper() + words[1:], words.upper()))
        # Longest first; one branch per first character, which checks the word boundary before
        # that character: a pattern whose branches all start with a literal lets the engine skip
        # at once to the positions where some name can start.
        rests: dict[str, list[str]] = {}
        for name in sorted(variants, key=len, reverse=True):
            rest = r"\s+".join(re.escape(word) for word in name[1:].split(" "))
            rests.setdefault(name[0], []).append(rest)
        branches = [
            f"{re.escape(first)}(?<!\\w{re.escape(first)})(?:{'|'.join(alternatives)})"
            for first, alternatives in rests.items()
        ]
        self._pattern = re.compile("(?:" + "|".join(branches) + r")(?!\w)") if branches else None

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str) -> KnowledgeEntry | None:
        """The entry one of whose names is ``name`` (case and spacing ignored), or None."""
        return self._by_name.get(" ".join(name.split()).casefold())

    def find(self, text: str) -> list[tuple[int, int, KnowledgeEntry]]:
        """Every non-overlapping occurrence of a name in ``text``, longest names first."""
        if self._pattern is None:
            return []
        out = []
        for match in self._pattern.finditer(text):
            entry = self.lookup(match.group())
            if entry is not None:
                out.append((match.start(), match.end(), entry))
        return out

    @classmethod
    def load(cls, path: str | Path) -> KnowledgeBase:
        """Read a knowledge base from a ``.csv`` or ``.json`` file (see the module docstring)."""
        path = Path(path)
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".json":
            return cls.from_records(json.loads(text))
        if path.suffix.lower() == ".csv":
            return cls.from_records(csv.DictReader(text.splitlines()))
        raise ValueError(f"{path}: a knowledge base is a .csv or .json file")

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, object]]) -> KnowledgeBase:
        """Build from mappings with keys name, kind, aliases (list or '|' string), identifiers."""
        entries = []
        for record in records:
            raw = record.get("aliases") or ()
            if isinstance(raw, str):
                aliases = tuple(alias.strip() for alias in raw.split("|") if alias.strip())
            elif isinstance(raw, (list, tuple)):
                aliases = tuple(str(alias) for alias in raw)
            else:
                raise TypeError(f"aliases of {record.get('name')!r} are neither text nor a list")
            identifiers = record.get("identifiers") or record.get("ids") or {}
            if not isinstance(identifiers, (str, Mapping)):
                raise TypeError(
                    f"identifiers of {record.get('name')!r}: 'scheme:code|...' or a mapping"
                )
            entries.append(
                KnowledgeEntry(
                    name=str(record["name"]).strip(),
                    kind=str(record["kind"]),
                    aliases=aliases,
                    ids=_identifiers(identifiers),
                )
            )
        return cls(entries)
