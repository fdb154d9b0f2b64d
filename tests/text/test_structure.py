"""Paragraphs, headline, byline, dateline, caller's metadata, language and diagnostics."""

from __future__ import annotations

import pytest

from newsml.model import Metadata, Span
from newsml.text import segment
from newsml.text.structure import HEADLINE_WORDS, WRAP_WIDTH

BODY = (
    "Russian Foreign Minister Sergei Lavrov has dismissed recent proposals as fantasies, "
    "according to a report. He said so on Tuesday."
)
MORE = "The proposal has been floated by several NATO member states in recent weeks."


def texts(text: str, spans: tuple[Span, ...]) -> list[str]:
    return [span.of(text) for span in spans]


# --- paragraphs -------------------------------------------------------------------------


def test_seed_is_one_paragraph_a_line(seed_text: str) -> None:
    article = segment(seed_text)
    assert len(article.paragraphs) == 14
    assert texts(seed_text, article.paragraphs) == seed_text.strip().split("\n")


def test_seed_has_no_headline_byline_or_dateline(seed_text: str) -> None:
    article = segment(seed_text)
    assert (article.headline, article.byline, article.dateline) == (None, None, None)
    assert (article.headline_span, article.byline_span, article.dateline_span) == (None,) * 3
    assert article.language == "en"
    assert article.diagnostics == ()


def test_seed_sentences(seed_text: str) -> None:
    article = segment(seed_text)
    assert len(article.sentences) == 17
    quoted = [s.of(seed_text) for s in article.sentences if s.of(seed_text).startswith("\u2018")]
    assert len(quoted) == 3
    assert any(s.of(seed_text).endswith("hindered progress.\u2019") for s in article.sentences)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_keep_offsets(newline: str) -> None:
    text = newline.join(["First one.", "  Second one.  ", "Third."]) + newline
    article = segment(text)
    assert texts(text, article.paragraphs) == ["First one.", "Second one.", "Third."]
    assert article.paragraphs[0] == Span(0, 10)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_blank_lines_separate_hard_wrapped_paragraphs(newline: str) -> None:
    text = newline.join(
        ["First paragraph wrapped", "over two lines.", " \t", "Second paragraph", "also wrapped."]
    )
    article = segment(text)
    assert texts(text, article.paragraphs) == [
        f"First paragraph wrapped{newline}over two lines.",
        f"Second paragraph{newline}also wrapped.",
    ]


def test_crlf_is_one_line_end_not_a_blank_line() -> None:
    text = "Line one.\r\nLine two.\r\nLine three."
    assert len(segment(text).paragraphs) == 3


def test_block_with_a_long_line_is_one_paragraph_a_line() -> None:
    long_line = "word " * (WRAP_WIDTH // 5 + 5)
    text = f"A Headline Here\n\n{long_line.strip()}\n{long_line.strip()}\n"
    article = segment(text)
    assert len(article.paragraphs) == 3


def test_paragraphs_are_trimmed_and_everything_else_is_space() -> None:
    text = "\n\n   Alpha beta.  \n\u00a0\n\tGamma.\u2003\n\n\n"
    article = segment(text)
    assert texts(text, article.paragraphs) == ["Alpha beta.", "Gamma."]


# --- headline, byline, dateline ---------------------------------------------------------


def test_full_front_matter() -> None:
    text = (
        "Lavrov dismisses corps plan as \u2018fantasies\u2019\n\n"
        "By Jane Smith and John Doe, Reuters\n\n"
        f"MOSCOW, Nov 26 (Reuters) - {BODY}\n\n{MORE}\n"
    )
    article = segment(text)
    assert article.headline == "Lavrov dismisses corps plan as \u2018fantasies\u2019"
    assert article.headline_span == article.paragraphs[0]
    assert article.byline == "By Jane Smith and John Doe, Reuters"
    assert article.byline_span == article.paragraphs[1]
    assert article.dateline == "MOSCOW, Nov 26 (Reuters) -"
    assert article.dateline_span is not None
    assert article.dateline_span.start == article.paragraphs[2].start


# Each row: the field, the value found at the very start of the text, what follows it.
FRONT_MATTER = [
    ("dateline", "MOSCOW, Nov 26 (Reuters) -", f" {BODY}\n{MORE}"),
    ("dateline", "WASHINGTON (AP) \u2014", f" {BODY}\n{MORE}"),
    ("dateline", "LONDON, March 3 -", f" {BODY}\n{MORE}"),
    ("dateline", "NEW YORK --", f" {BODY}\n{MORE}"),
    ("dateline", "SAN JUAN, Puerto Rico (AP) \u2014", f" {BODY}\n{MORE}"),
    ("dateline", "BEIJING, Nov. 26 (Xinhua) --", f" {BODY}\n{MORE}"),
    ("dateline", "ST. PETERSBURG, Russia \u2013", f" {BODY}\n{MORE}"),
    ("dateline", "Moscow (Reuters) -", f" {BODY}\n{MORE}"),
    ("dateline", "(CNN) \u2014", f" {BODY}\n{MORE}"),
    ("dateline", "KYIV, Ukraine (AP) \u2014", f" {BODY}\n{MORE}"),
    ("headline", "Lavrov dismisses corps plan", f"\n{BODY}\n{MORE}"),
    ("headline", "LAVROV DISMISSES CORPS PLAN", f"\n{BODY}\n{MORE}"),
    ("headline", "Lavrov Dismisses Corps Plan as Fantasy", f"\n{BODY}\n{MORE}"),
    ("headline", "Is Russia bluffing on Ukraine?", f"\n{BODY}\n{MORE}"),
    ("headline", "U.S. and EU weigh new sanctions", f"\n{BODY}\n{MORE}"),
    ("headline", "\u2018Fantasies\u2019: Lavrov on the corps", f"\n{BODY}\n{MORE}"),
    ("headline", "Poll: Coastal Voters Weigh Both Parties Before Vote.", f"\n{BODY}\n{MORE}"),
    ("headline", "LAVROV DISMISSES CORPS PLAN.", f"\n{BODY}\n{MORE}"),
    ("byline", "By Jane Smith", f"\n{BODY}"),
    ("byline", "By Jane Smith and John Doe, Reuters", f"\n{BODY}"),
    ("byline", "BY JANE SMITH, Associated Press", f"\n{BODY}"),
    ("byline", "By Jean-Pierre O\u2019Neil | The Guardian", f"\n{BODY}"),
    ("byline", "By Jane Smith, Staff Reporter", f"\n{BODY}"),
    ("byline", "By Ahmed bin Salem and Ana de la Cruz", f"\n{BODY}"),
    ("byline", "By Jane Smith | Nov 26, 2026", f"\n{BODY}"),
    ("byline", "By Jane Smith\nReuters", f"\n\n{BODY}\n\n{MORE}"),
]


@pytest.mark.parametrize(("field", "value", "rest"), FRONT_MATTER)
def test_front_matter_at_the_start(field: str, value: str, rest: str) -> None:
    article = segment(value + rest)
    assert getattr(article, field) == value
    assert getattr(article, f"{field}_span") == Span(0, len(value))


# Each row: a field and a text whose start looks a little like it but is not.
NOT_FRONT_MATTER = [
    ("dateline", f"NATO - the alliance said {BODY}\n{MORE}"),  # lower case after the dash
    ("dateline", f"Moscow - Lavrov said {BODY}\n{MORE}"),  # title case needs an agency
    ("dateline", f"The U.S. - Russia talks {BODY}\n{MORE}"),  # not capitals
    ("dateline", f"NEW YORK, the city, {BODY}\n{MORE}"),  # no dash
    ("dateline", f"CRICKET - ENGLAND WIN BY AN INNINGS.\n{BODY}\n{MORE}"),  # capitals after
    ("dateline", f"{BODY}\nLONDON (Reuters) - {MORE}"),  # not the first body paragraph
    ("dateline", f"IPO FILING -- Acme Hotels Inc.\n{BODY}"),  # too few words after it
    ("headline", f"Lavrov dismissed the plan.\n{BODY}\n{MORE}"),  # a sentence
    ("headline", f"Lavrov Dismissed the plan.\n{BODY}\n{MORE}"),  # not in title case
    ("headline", f"Key points:\n{BODY}\n{MORE}"),  # a colon
    ("headline", f"Lavrov spoke. He left\n{BODY}\n{MORE}"),  # two sentences
    ("headline", f"lavrov dismisses corps plan\n{BODY}\n{MORE}"),  # no capital
    ("headline", f"Lavrov\n{BODY}\n{MORE}"),  # one word
    ("headline", " ".join(["Word"] * (HEADLINE_WORDS + 1)) + f"\n{BODY}"),  # too long
    ("headline", "Lavrov dismisses corps plan\nShort line"),  # no body under it
    ("headline", "Lavrov dismisses corps plan"),  # nothing under it
    ("headline", "They met in the morning\nThey left.\n"),  # body shorter than it
    ("byline", f"By Monday, the talks had stalled\n{BODY}"),
    ("byline", f"By and large the plan failed\n{BODY}"),
    ("byline", f"Byron Smith\n{BODY}"),
    ("byline", f"By contrast\n{BODY}"),
    ("byline", f"By 2030\n{BODY}"),  # no name
    ("byline", f"By 2030 the plan\n{BODY}"),  # lower-case words
    ("byline", "By Jane Smith"),  # nothing after it
    ("byline", f"Markets rally\nJane Smith\n{BODY}"),  # no "By", no dateline paragraph below
]


@pytest.mark.parametrize(("field", "text"), NOT_FRONT_MATTER)
def test_not_front_matter(field: str, text: str) -> None:
    article = segment(text)
    assert getattr(article, field) is None
    assert getattr(article, f"{field}_span") is None


@pytest.mark.parametrize(
    ("headline", "dateline"),
    [
        ("Senate passes the budget.", "WASHINGTON (AP) \u2014"),
        ("Lavrov dismisses corps plan", "MOSCOW (Reuters) -"),
    ],
)
def test_headline_above_a_dateline(headline: str, dateline: str) -> None:
    article = segment(f"{headline}\n{dateline} {BODY}\n{MORE}")
    assert (article.headline, article.dateline) == (headline, dateline)


def test_headline_over_a_longer_body_paragraph() -> None:
    text = "Ukraine and the West\nThey met today and spoke for a long time in Kyiv.\n"
    assert segment(text).headline == "Ukraine and the West"


def test_slug_headline_above_a_dateline_paragraph() -> None:
    text = f"PRESS DIGEST - Tunisia - Aug 31.\nTUNIS 1996-08-31\n{BODY}"
    article = segment(text)
    assert article.headline == "PRESS DIGEST - Tunisia - Aug 31."
    assert article.dateline == "TUNIS 1996-08-31"


def test_reuters_layout_with_a_dateline_paragraph() -> None:
    text = f"SOCCER - HOME SIDE WIN CUP TIE.\nJane Smith\nLONDON 1996-08-30\n{BODY}\n"
    article = segment(text)
    assert article.headline == "SOCCER - HOME SIDE WIN CUP TIE."
    assert article.byline == "Jane Smith"
    assert article.dateline == "LONDON 1996-08-30"
    assert article.dateline_span == article.paragraphs[2]


@pytest.mark.parametrize("dateline", ["LONDON 1996-08-30", "MOSCOW, Nov 26", "NEW YORK Nov. 3"])
def test_dateline_paragraphs(dateline: str) -> None:
    article = segment(f"Markets rally on rate hopes\n{dateline}\n{BODY}")
    assert article.dateline == dateline
    assert article.headline == "Markets rally on rate hopes"


# --- the caller's metadata wins ----------------------------------------------------------


def test_given_headline_wins_without_a_span_when_text_differs() -> None:
    text = f"Lavrov dismisses corps plan\n{BODY}\n{MORE}"
    article = segment(text, Metadata(headline="Another headline"))
    assert article.headline == "Another headline"
    assert article.headline_span is None


def test_given_headline_equal_to_the_text_keeps_the_span() -> None:
    text = f"Lavrov dismisses  corps plan\n{BODY}\n{MORE}"
    article = segment(text, Metadata(headline="Lavrov dismisses corps plan"))
    assert article.headline == "Lavrov dismisses corps plan"
    assert article.headline_span == Span(0, 28)


def test_given_headline_found_even_when_not_detected() -> None:
    text = f"Lavrov dismisses the plan.\n{BODY}"
    article = segment(text, Metadata(headline="Lavrov dismisses the plan."))
    assert article.headline_span == Span(0, 26)


def test_given_byline_and_dateline() -> None:
    text = f"By Jane Smith\nMOSCOW (Reuters) - {BODY}"
    article = segment(text, Metadata(byline="By Jane Smith", dateline="Moscow, Nov 26"))
    assert article.byline == "By Jane Smith" and article.byline_span == Span(0, 13)
    assert article.dateline == "Moscow, Nov 26" and article.dateline_span is None


def test_given_dateline_found_at_a_paragraph_start() -> None:
    text = f"Moscow, Nov 26 - {BODY}"
    article = segment(text, Metadata(dateline="Moscow, Nov 26 -"))
    assert article.dateline_span == Span(0, 16)


def test_seed_with_given_headline(seed_text: str) -> None:
    article = segment(seed_text, Metadata(headline="Lavrov dismisses corps", language="en-GB"))
    assert article.headline == "Lavrov dismisses corps"
    assert article.headline_span is None
    assert article.language == "en-GB"
    assert article.metadata.headline == "Lavrov dismisses corps"


# --- language -----------------------------------------------------------------------------


LANGUAGE_SAMPLES = [
    (
        (
            "Der Bundestag hat am Montag die neue Regelung beschlossen, die auch für die"
            " Länder gilt. Es ist nicht klar, wie das Gesetz umgesetzt wird."
        ),
        "de",
    ),
    (
        (
            "Le gouvernement a annoncé que les mesures sont en vigueur dans toute la France"
            " et qu'il ne prévoit pas de changement pour le moment."
        ),
        "fr",
    ),
    (
        (
            "El gobierno dijo que las medidas de la reforma no se aplicarán en las regiones"
            " del norte, según el ministro."
        ),
        "es",
    ),
    ("Министр иностранных дел России заявил", "ru"),
    ("Міністр заявив сьогодні", "uk"),
    ("Ο υπουργός δήλωσε σήμερα", "el"),
    ("東京の天気は晴れです。", "ja"),
    ("中国的首都是北京。", "zh"),
    ("Lavrov in Berlin", "en"),
    ("12 345 678", "en"),
]


@pytest.mark.parametrize(("text", "language"), LANGUAGE_SAMPLES)
def test_language_guess(text: str, language: str) -> None:
    assert segment(text).language == language


def test_seed_language_is_english(seed_text: str) -> None:
    assert segment(seed_text).language == "en"


# --- diagnostics --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\r\n\t \u00a0\n"])
def test_empty_text_is_an_error_diagnostic(text: str) -> None:
    article = segment(text)
    assert article.paragraphs == () and article.sentences == ()
    assert [(d.level, d.code) for d in article.diagnostics] == [("error", "empty-text")]


def test_one_warning_per_run_of_illegal_characters() -> None:
    text = "Good\x00\x01 text\ufffe here \ud800 end\x08"
    article = segment(text)
    found = [(d.level, d.code, d.start, d.end) for d in article.diagnostics]
    assert found == [
        ("warning", "xml-illegal-character", 4, 6),
        ("warning", "xml-illegal-character", 11, 12),
        ("warning", "xml-illegal-character", 18, 19),
        ("warning", "xml-illegal-character", 23, 24),
    ]
    assert "U+0000, U+0001" in article.diagnostics[0].message
    assert article.paragraphs == (Span(0, len(text)),)


def test_segment_keeps_the_callers_metadata() -> None:
    metadata = Metadata(id="a1", provider="example.com")
    assert segment(BODY, metadata).metadata is metadata
    assert segment(BODY).metadata == Metadata()
