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


@pytest.mark.parametrize(
    "dateline",
    [
        "MOSCOW, Nov 26 (Reuters) -",
        "WASHINGTON (AP) \u2014",
        "LONDON, March 3 -",
        "NEW YORK --",
        "SAN JUAN, Puerto Rico (AP) \u2014",
        "BEIJING, Nov. 26 (Xinhua) --",
        "ST. PETERSBURG, Russia \u2013",
        "Moscow (Reuters) -",
    ],
)
def test_datelines(dateline: str) -> None:
    text = f"{dateline} {BODY}\n{MORE}"
    article = segment(text)
    assert article.dateline == dateline
    assert article.dateline_span == Span(0, len(dateline))


@pytest.mark.parametrize(
    "opening",
    [
        "NATO - the alliance said",  # lower case after the dash
        "Moscow - Lavrov said",  # title case needs an agency
        "The U.S. - Russia talks",  # not capitals
        "NEW YORK, the city,",  # no dash
    ],
)
def test_not_datelines(opening: str) -> None:
    assert segment(f"{opening} {BODY}\n{MORE}").dateline is None


def test_dateline_only_in_the_first_body_paragraph() -> None:
    assert segment(f"{BODY}\nLONDON (Reuters) - {MORE}").dateline is None


@pytest.mark.parametrize(
    "headline",
    [
        "Lavrov dismisses corps plan",
        "LAVROV DISMISSES CORPS PLAN",
        "Lavrov Dismisses Corps Plan as Fantasy",
        "Is Russia bluffing on Ukraine?",
        "U.S. and EU weigh new sanctions",
        "\u2018Fantasies\u2019: Lavrov on the corps",
        "Poll: Coastal Voters Weigh Both Parties Before Vote.",
        "LAVROV DISMISSES CORPS PLAN.",
    ],
)
def test_headlines(headline: str) -> None:
    text = f"{headline}\n{BODY}\n{MORE}"
    article = segment(text)
    assert article.headline == headline
    assert article.headline_span == Span(0, len(headline))


def test_headline_with_a_period_above_a_dateline() -> None:
    text = f"Senate passes the budget.\nWASHINGTON (AP) \u2014 {BODY}"
    article = segment(text)
    assert article.headline == "Senate passes the budget."
    assert article.dateline == "WASHINGTON (AP) \u2014"


def test_headline_above_a_dateline() -> None:
    text = f"Lavrov dismisses corps plan\nMOSCOW (Reuters) - Lavrov spoke.\n{MORE}"
    article = segment(text)
    assert article.headline == "Lavrov dismisses corps plan"
    assert article.dateline == "MOSCOW (Reuters) -"


@pytest.mark.parametrize(
    "first",
    [
        "Lavrov dismissed the plan.",  # a sentence
        "Lavrov Dismissed the plan.",  # a sentence, not in title case
        "Key points:",  # a colon
        "Lavrov spoke. He left",  # two sentences
        "lavrov dismisses corps plan",  # no capital
        "Lavrov",  # one word
        " ".join(["Word"] * (HEADLINE_WORDS + 1)),  # too long
    ],
)
def test_not_headlines(first: str) -> None:
    assert segment(f"{first}\n{BODY}\n{MORE}").headline is None


def test_no_headline_without_body_under_it() -> None:
    assert segment("Lavrov dismisses corps plan\nShort line").headline is None
    assert segment("Lavrov dismisses corps plan").headline is None


def test_short_body_paragraph_is_not_taken_for_a_headline() -> None:
    text = "Ukraine and the West\nThey met today and spoke for a long time in Kyiv.\n"
    assert segment(text).headline == "Ukraine and the West"
    assert segment("They met in the morning\nThey left.\n").headline is None


@pytest.mark.parametrize(
    "byline",
    [
        "By Jane Smith",
        "By Jane Smith and John Doe, Reuters",
        "BY JANE SMITH, Associated Press",
        "By Jean-Pierre O\u2019Neil | The Guardian",
        "By Jane Smith, Staff Reporter",
        "By Ahmed bin Salem and Ana de la Cruz",
    ],
)
def test_bylines(byline: str) -> None:
    text = f"{byline}\n{BODY}"
    article = segment(text)
    assert article.byline == byline
    assert article.byline_span == Span(0, len(byline))


@pytest.mark.parametrize(
    "first",
    [
        "By Monday, the talks had stalled",
        "By and large the plan failed",
        "Byron Smith",
        "By contrast",
    ],
)
def test_not_bylines(first: str) -> None:
    assert segment(f"{first}\n{BODY}").byline is None


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


def test_capitals_headline_with_a_slug_is_not_a_dateline() -> None:
    text = f"CRICKET - ENGLAND WIN BY AN INNINGS.\n{BODY}\n{MORE}"
    assert segment(text).dateline is None


def test_bare_name_is_a_byline_only_above_a_dateline_paragraph() -> None:
    assert segment(f"Markets rally\nJane Smith\n{BODY}").byline is None


def test_byline_needs_a_paragraph_after_it() -> None:
    assert segment("By Jane Smith").byline is None


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
