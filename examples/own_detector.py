"""Extend the analysis with a detector of your own: a plain function Article -> Article.

Run from the project's root:  python examples/own_detector.py
"""

import attrs

import newsml
from newsml.detect import DETECTORS
from newsml.model import Diagnostic


def flag_long_articles(article: newsml.Article) -> newsml.Article:
    """Add a diagnostic to articles of more than 20 words."""
    if len(article.text.split()) <= 20:
        return article
    note = Diagnostic(level="info", code="long-article", message="more than 20 words")
    return attrs.evolve(article, diagnostics=article.diagnostics + (note,))


DETECTORS.add("long-articles", flag_long_articles)
try:
    article = newsml.analyze("One two three four five six seven eight nine ten. " * 3)
    print([diagnostic.code for diagnostic in article.diagnostics])
finally:
    DETECTORS.remove("long-articles")
