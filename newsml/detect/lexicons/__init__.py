"""The detectors' word lists, read from the plain-text tables beside this module.

Every table is UTF-8 text: '#' starts a comment line, blank lines are ignored, columns are
separated by tabs. The loaders are cached: each table is read once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["rows", "words"]


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of table ``name`` (a file in this folder), each split on tabs."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return tuple(
        tuple(column.strip() for column in line.split("\t"))
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


@cache
def words(name: str) -> frozenset[str]:
    """Every white-space separated word of table ``name``, lower case."""
    return frozenset(
        word.lower() for row in rows(name) for column in row for word in column.split()
    )
