"""newsml: plain-text news to IPTC NewsML-G2, with quotes, sources and entities marked up.

>>> import newsml
>>> article = newsml.analyze(text)          # quotes, speakers, sources, entities
>>> item = newsml.convert(text)             # a NewsML-G2 2.35 newsItem, as bytes
>>> newsml.validate(item).valid
True
"""

from __future__ import annotations

from typing import Any

from newsml.model import Article, Diagnostic, Entity, Mention, Metadata, Quote, Source, Span
from newsml.options import Options
from newsml.pipeline import analyze, convert
from newsml.validate import ValidationReport
from newsml.validate import validate as _validate_item

__all__ = [
    "Article",
    "Diagnostic",
    "Entity",
    "Mention",
    "Metadata",
    "Options",
    "Quote",
    "Source",
    "Span",
    "ValidationReport",
    "__version__",
    "analyze",
    "convert",
    "from_newsml",
    "to_newsml",
    "validate",
]

__version__ = "0.1.0"


def to_newsml(article: Article, **options: Any) -> bytes:
    """Write ``article`` as a NewsML-G2 2.35 ``newsItem`` (UTF-8 bytes); see :class:`Options`."""
    from newsml.render.newsml import to_newsml as _to_newsml

    return _to_newsml(article, Options(**options))


def from_newsml(data: bytes | str) -> Article:
    """Read a NewsML-G2 ``newsItem`` (bytes or text) back into an :class:`Article`."""
    from newsml.read.newsml import from_newsml as _from_newsml

    return _from_newsml(data)


def validate(data: bytes | str, **kwargs: Any) -> ValidationReport:
    """Validate a NewsML-G2 newsItem or newsMessage: official schemas when at hand, else
    newsml's profile, then the checks schemas cannot express. See :mod:`newsml.validate`."""
    return _validate_item(data, **kwargs)


# The subpackage newsml.validate was imported above, so the name now stays the function's:
# a later ``import newsml.validate.x`` finds the package in sys.modules and rebinds nothing.
