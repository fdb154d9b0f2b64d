"""What validation returns: a report with one :class:`Problem` per thing found wrong."""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = ["Level", "Problem", "SchemaKind", "ValidationReport"]

Level = Literal["error", "warning"]
SchemaKind = Literal["official", "profile"]


def _one_line(message: str) -> str:
    """Messages are printed one a line: fold any line break and runs of spaces."""
    return " ".join(message.split())


@attrs.frozen
class Problem:
    """One thing wrong (``error``) or worth knowing (``warning``) about a document.

    ``line`` is the 1-based line in the validated document (None when it has none), ``code`` a
    short stable identifier (e.g. ``schema``, ``dangling-idref``, ``qcode-prefix``), ``path``
    the XPath of the element concerned when known.
    """

    line: int | None
    message: str = attrs.field(converter=_one_line)
    level: Level = "error"
    code: str = "schema"
    path: str | None = None

    def format(self, name: str = "<item>") -> str:
        """``name:line: message`` (``name: message`` without a line); warnings say so."""
        where = f"{name}:{self.line}" if self.line is not None else name
        prefix = "warning: " if self.level == "warning" else ""
        return f"{where}: {prefix}{self.message}"


@attrs.frozen
class ValidationReport:
    """The outcome of :func:`newsml.validate.validate`.

    ``valid`` is True when no problem is an error (warnings do not make a document invalid);
    ``schema`` says which schema set was used; ``name`` names the document in messages.
    """

    valid: bool
    schema: SchemaKind
    problems: tuple[Problem, ...] = ()
    name: str = "<item>"

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.level == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.level == "warning")

    def lines(self) -> list[str]:
        """Every problem as one ``name:line: message`` line, in document order."""
        return [problem.format(self.name) for problem in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())
