"""Detectors: plain functions ``(Article) -> Article``, run in the order of a named registry.

Each rule family lives in a module of its own and registers itself in :data:`DETECTORS`.
A user can disable one (``DETECTORS.disable("quotes")``), or add their own::

    def tag_weather(article: Article) -> Article: ...
    DETECTORS.add("weather", tag_weather, after="entities")
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from newsml.model import Article

__all__ = ["DETECTORS", "Detector", "Registry"]

Detector = Callable[[Article], Article]


class Registry:
    """An ordered list of named detectors that can be enabled, disabled or extended."""

    def __init__(self) -> None:
        self._rules: list[tuple[str, Detector]] = []
        self._disabled: set[str] = set()

    def names(self) -> list[str]:
        return [name for name, _ in self._rules]

    def add(
        self, name: str, detector: Detector, *, before: str | None = None, after: str | None = None
    ) -> None:
        """Register ``detector`` under ``name``: at the end, or before/after another rule."""
        if name in self.names():
            raise ValueError(f"a detector named {name!r} is already registered")
        position = len(self._rules)
        if before is not None:
            position = self._index(before)
        elif after is not None:
            position = self._index(after) + 1
        self._rules.insert(position, (name, detector))

    def remove(self, name: str) -> None:
        del self._rules[self._index(name)]
        self._disabled.discard(name)

    def enable(self, name: str) -> None:
        self._index(name)
        self._disabled.discard(name)

    def disable(self, name: str) -> None:
        self._index(name)
        self._disabled.add(name)

    def enabled(self) -> Iterator[tuple[str, Detector]]:
        return ((name, rule) for name, rule in self._rules if name not in self._disabled)

    def run(self, article: Article) -> Article:
        for _name, detector in self.enabled():
            article = detector(article)
        return article

    def _index(self, name: str) -> int:
        for index, (rule_name, _) in enumerate(self._rules):
            if rule_name == name:
                return index
        raise KeyError(f"no detector named {name!r}; registered: {', '.join(self.names())}")


#: The detectors :func:`newsml.analyze` runs, in order.
DETECTORS = Registry()

# Detectors register themselves when their module is imported (after DETECTORS exists), in
# the order they run: quotes resolve their speakers against the entities found first.
from newsml.detect import entities as _entities  # noqa: F401
from newsml.detect import quotes as _quotes  # noqa: F401
