"""The model's own rules: spans, derived headlines."""

from __future__ import annotations

import pytest

from newsml.model import Article, Span


def test_span_end_before_start_is_refused() -> None:
    with pytest.raises(ValueError):
        Span(5, 4)


def test_title_prefers_the_headline() -> None:
    assert Article(text="Body.", headline="  Fed  holds\nrates ").title() == "Fed holds rates"


def test_title_derived_from_first_sentence_is_cut_at_a_word() -> None:
    text = "word " * 60
    article = Article(text=text, sentences=(Span(0, len(text) - 1),))
    title = article.title(limit=20)
    assert title.endswith("\u2026") and len(title) <= 20
    assert set(title[:-1].split()) == {"word"}


def test_title_of_empty_text() -> None:
    assert Article(text=" \n ").title() == "(untitled)"
