"""Data tables of the text stage: abbreviations, sentence openers, byline words, stop words.

Each file is plain UTF-8 text, one entry a line; lines starting with ``#`` are comments.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

__all__ = ["lexicon_lines"]


def lexicon_lines(name: str) -> Iterator[str]:
    """The entries of the lexicon file ``name``: its lines without comments or blank lines."""
    content = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    for line in content.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line
