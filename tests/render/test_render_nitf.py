"""The NITF body: the whole text kept character for character, and nested spans well-formed."""

from __future__ import annotations

import attrs
import pytest

from newsml.model import Article, Entity, Mention, Quote, Source, Span
from newsml.read.newsml import from_newsml
from newsml.render.newsml import to_newsml
from newsml.render.nitf import NITF_NS, SPEECH_NS, Paragraphs
from newsml.text import segment
from newsml.text.xmlchars import replace_illegal
from tests.render.itemcheck import FIXED, assert_valid

N = f"{{{NITF_NS}}}"
S = f"{{{SPEECH_NS}}}"


def mention(text: str, words: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return Mention(start, start + len(words), words)


def span(text: str, words: str, occurrence: int = 0) -> Span:
    found = mention(text, words, occurrence)
    return Span(found.start, found.end)


def write(article: Article) -> tuple[bytes, object]:
    data = to_newsml(article, FIXED)
    return data, assert_valid(data)


def content(root: object) -> object:
    return root.find(f".//{N}body.content")  # type: ignore[attr-defined]


def body_text(root: object) -> str:
    return "".join(content(root).itertext())


def roundtrip(article: Article) -> Article:
    data, root = write(article)
    assert body_text(root) == replace_illegal(article.text)
    again = from_newsml(data)
    assert to_newsml(again, FIXED) == data
    return again


def test_paragraph_per_span_and_whitespace_between_kept() -> None:
    text = "  First line.\r\n\r\nSecond line.\n\tThird.\n"
    spans = [span(text, words) for words in ("First line.", "Second line.", "Third.")]
    article = Article(text=text, paragraphs=tuple(spans))
    data, root = write(article)
    paragraphs = content(root).findall(f"{N}p")
    assert [p.text for p in paragraphs] == ["First line.", "Second line.", "Third."]
    assert body_text(root) == text
    assert b"&#13;" in data  # CR survives parsing


def test_no_paragraphs_means_trimmed_text_is_one_paragraph() -> None:
    article = Article(text="\n  only words here \n")
    _, root = write(article)
    assert [p.text for p in content(root).findall(f"{N}p")] == ["only words here"]
    assert body_text(root) == article.text


def test_text_between_paragraphs_that_is_not_space_becomes_a_paragraph() -> None:
    text = "one. stray \u00a0words two."
    article = Article(text=text, paragraphs=(Span(0, 4), Span(text.index("two"), len(text))))
    assert Paragraphs(text, article.paragraphs).spans == [(0, 4), (5, 17), (18, 22)]
    _, root = write(article)
    assert body_text(root) == text


def test_empty_text_gives_an_empty_body_and_untitled_headline() -> None:
    data, root = write(Article(text=""))
    assert content(root).findall(f"{N}p") == []
    assert b"<headline>(untitled)</headline>" in data


def test_illegal_characters_become_replacement_characters_one_for_one() -> None:
    text = "Bad\x00char\x1b and \ufffe end\ud800."
    again = roundtrip(segment(text))
    assert again.text == "Bad\ufffdchar\ufffd and \ufffd end\ufffd."
    assert len(again.text) == len(text)


def test_entity_inside_a_quote() -> None:
    text = "He said: \u201cLavrov is here.\u201d"
    lavrov = Entity("e1", "person", "Sergei Lavrov", (mention(text, "Lavrov"),))
    quote = Quote("q1", "direct", (span(text, "\u201cLavrov is here.\u201d"),))
    article = attrs.evolve(segment(text), entities=(lavrov,), quotes=(quote,))
    _, root = write(article)
    q = content(root).find(f".//{N}q")
    assert q.get("id") == "q1-1" and q.find(f"{N}person").text == "Lavrov"
    again = roundtrip(article)
    assert again.quotes[0].spans == quote.spans
    assert again.entities[0].mentions == lavrov.mentions


def test_quote_interrupted_by_he_said_has_two_pieces() -> None:
    text = "\u201cWe will go,\u201d he said, \u201cand we will win.\u201d"
    pieces = (span(text, "\u201cWe will go,\u201d"), span(text, "\u201cand we will win.\u201d"))
    source = Source("s1", "Jane Doe")
    quote = Quote(
        "q1", "direct", pieces, speaker=mention(text, "he"), source=source, cue=span(text, "said")
    )
    article = attrs.evolve(segment(text), sources=(source,), quotes=(quote,))
    data, root = write(article)
    assert [q.get("id") for q in content(root).iter(f"{N}q")] == ["q1-1", "q1-2"]
    assert b'contentrefs="q1-1 q1-2"' in data
    assert content(root).find(f".//{S}speaker").get("quote") == "q1"
    again = roundtrip(article)
    assert again.quotes[0].spans == pieces
    assert again.quotes[0].speaker == quote.speaker
    assert again.quotes[0].cue == quote.cue
    assert again.quotes[0].source == source


def test_quote_over_paragraphs_is_cut_into_fragments() -> None:
    text = "Intro. \u201cFirst part\n\nsecond part\n\nthird part.\u201d Outro."
    piece = Span(text.index("\u201c"), text.index("\u201d") + 1)
    quote = Quote("q1", "direct", (piece,))
    article = attrs.evolve(segment(text), quotes=(quote,))
    data, root = write(article)
    fragments = list(content(root).iter(f"{N}q"))
    assert [f.get("id") for f in fragments] == ["q1-1", "q1-1-2", "q1-1-3"]
    assert [f.get(f"{S}continues") for f in fragments] == [None, "q1-1", "q1-1"]
    assert b'contentrefs="q1-1 q1-1-2 q1-1-3"' in data
    assert roundtrip(article).quotes[0].spans == (piece,)


def test_mention_straddling_a_quote_boundary_is_split() -> None:
    text = "\u201cAsk New\u201d York Times staff."
    quote = Quote("q1", "direct", (span(text, "\u201cAsk New\u201d"),))
    times = Entity("e1", "organisation", "New York Times", (Mention(5, text.index(" staff"), ""),))
    article = attrs.evolve(segment(text), entities=(times,), quotes=(quote,))
    data, root = write(article)
    orgs = list(content(root).iter(f"{N}org"))
    assert [o.get("id") for o in orgs] == ["e1-1", "e1-1-2"]
    assert b'idrefs="e1-1 e1-1-2"' in data
    again = roundtrip(article)
    assert (again.entities[0].mentions[0].start, again.entities[0].mentions[0].end) == (
        5,
        text.index(" staff"),
    )


def test_mention_holding_another_mention_becomes_a_container() -> None:
    text = "Russian Foreign Minister Sergei Lavrov spoke."
    long = mention(text, "Russian Foreign Minister Sergei Lavrov")
    short = mention(text, "Sergei Lavrov")
    russian = mention(text, "Russian")
    lavrov = Entity("e1", "person", "Sergei Lavrov", (long, short))
    nationality = Entity("e2", "nationality", "Russian", (russian,))
    article = attrs.evolve(segment(text), entities=(lavrov, nationality))
    _, root = write(article)
    outer = content(root).find(f"{N}p/{S}entity")
    assert outer.get("kind") == "person" and outer.get("id") == "e1-1"
    assert outer.find(f"{S}entity").get("kind") == "nationality"
    assert outer.find(f"{N}person").text == "Sergei Lavrov"
    again = roundtrip(article)
    assert again.entities[0].mentions == (long, short)
    assert again.entities[1].mentions == (russian,)


def test_identical_spans_nest_in_rank_order() -> None:
    text = "Lavrov said it. Lavrov again."
    speaker = mention(text, "Lavrov")
    lavrov = Entity("e1", "person", "Sergei Lavrov", (speaker, speaker))
    quote = Quote("q1", "indirect", (span(text, "it"),), speaker=speaker)
    article = attrs.evolve(segment(text), entities=(lavrov,), quotes=(quote,))
    _, root = write(article)
    outer = content(root).find(f"{N}p/{S}speaker")
    assert outer is not None and outer.find(f"{S}entity/{N}person").text == "Lavrov"
    again = roundtrip(article)
    assert again.entities[0].mentions == (speaker, speaker)


def test_zero_length_and_out_of_paragraph_spans_are_skipped() -> None:
    text = "One.\n\n\nTwo."
    empty = Mention(2, 2, "")
    gap = Mention(5, 6, "\n")
    entity = Entity("e1", "event", "Nothing", (empty, gap))
    quote = Quote("q1", "mixed", (Span(1, 1),))
    article = attrs.evolve(segment(text), entities=(entity,), quotes=(quote,))
    data, root = write(article)
    assert b"inlineRef" not in data and b"contentrefs" not in data
    assert body_text(root) == text
    again = roundtrip(article)
    assert again.entities[0].mentions == () and again.quotes[0].spans == ()


def test_reported_speech_uses_newsml_namespace_and_keeps_q_for_direct_words() -> None:
    text = "Analysts suggest that the plan will fail, calling it \u2018a folly\u2019."
    source = Source("s1", "Analysts", anonymous=True, mentions=(mention(text, "Analysts"),))
    indirect = Quote(
        "q1",
        "indirect",
        (span(text, "the plan will fail"),),
        source=source,
        speaker=mention(text, "Analysts"),
    )
    mixed = Quote("q2", "mixed", (span(text, "calling it \u2018a folly\u2019"),), source=source)
    article = attrs.evolve(segment(text), sources=(source,), quotes=(indirect, mixed))
    _, root = write(article)
    reported = list(content(root).iter(f"{S}reported"))
    assert [(r.get("kind"), r.get("source"), r.get("quote")) for r in reported] == [
        ("indirect", "Analysts", "q1"),
        ("mixed", "Analysts", "q2"),
    ]
    assert content(root).find(f".//{N}q") is None
    assert content(root).find(f".//{S}source-mention").get("ref") == "s1"
    again = roundtrip(article)
    assert [q.kind for q in again.quotes] == ["indirect", "mixed"]
    assert again.sources[0].mentions == source.mentions and again.sources[0].anonymous


def test_date_mention_is_chron_with_iso_norm_and_place_carries_location_code() -> None:
    text = "On 26 November in Moscow."
    date = Entity("e1", "date", "2026-11-26", (mention(text, "26 November"),))
    moscow = Entity("e2", "place", "Moscow", (mention(text, "Moscow"),), {"geonames": "524901"})
    article = attrs.evolve(segment(text), entities=(date, moscow))
    _, root = write(article)
    chron = content(root).find(f".//{N}chron")
    assert chron.get("norm") == "2026-11-26" and chron.text == "26 November"
    location = content(root).find(f".//{N}location")
    assert (location.get("code-source"), location.get("location-code")) == ("geonames", "524901")
    roundtrip(article)


def test_options_can_turn_markup_off() -> None:
    text = "\u201cYes,\u201d said Lavrov."
    lavrov = Entity("e1", "person", "Lavrov", (mention(text, "Lavrov"),))
    quote = Quote("q1", "direct", (span(text, "\u201cYes,\u201d"),))
    article = attrs.evolve(segment(text), entities=(lavrov,), quotes=(quote,))
    plain = to_newsml(article, attrs.evolve(FIXED, mark_entities=False, mark_quotes=False))
    root = assert_valid(plain)
    assert len(content(root)[0]) == 0
    assert b"<subject" in plain and b"<partMeta" in plain


@pytest.mark.parametrize("count", [1, 50])
def test_many_crossing_spans_stay_well_formed(count: int) -> None:
    text = " ".join(f"w{i}" for i in range(count * 4))
    mentions = tuple(Mention(i * 3, i * 3 + 9, "") for i in range(count))
    quotes = tuple(Quote(f"q{i}", "direct", (Span(i * 3 + 1, i * 3 + 11),)) for i in range(count))
    entity = Entity("e1", "event", "x", mentions)
    article = attrs.evolve(segment(text), entities=(entity,), quotes=quotes)
    roundtrip(article)


def _crossing_article(count: int) -> Article:
    """``count`` mentions and ``count`` quotes, every quote crossing two mentions' ends."""
    text = " ".join(f"w{i:05d}" for i in range(count * 2))
    mentions = tuple(Mention(i * 14, i * 14 + 10, "") for i in range(count))
    quotes = tuple(Quote(f"q{i}", "direct", (Span(i * 14 + 5, i * 14 + 20),)) for i in range(count))
    return attrs.evolve(
        segment(text), entities=(Entity("e1", "event", "x", mentions),), quotes=quotes
    )


def test_writing_time_grows_about_linearly_with_the_number_of_spans() -> None:
    import timeit

    small, large = _crossing_article(500), _crossing_article(5000)
    small_time = min(timeit.repeat(lambda: to_newsml(small, FIXED), number=1, repeat=3))
    large_time = min(timeit.repeat(lambda: to_newsml(large, FIXED), number=1, repeat=3))
    assert large_time < small_time * 40, (small_time, large_time)  # quadratic would be ~100x


def test_headline_byline_and_dateline_in_the_text_are_marked() -> None:
    text = "Talks stall\n\nBy Jane Smith\n\nMOSCOW (Reuters) - Talks stalled."
    article = attrs.evolve(
        segment(text),
        headline="Talks stall",
        headline_span=span(text, "Talks stall"),
        byline="By Jane Smith",
        byline_span=span(text, "By Jane Smith"),
        dateline="MOSCOW (Reuters) -",
        dateline_span=span(text, "MOSCOW (Reuters) -"),
    )
    _, root = write(article)
    assert content(root).find(f"{N}p/{S}headline").text == "Talks stall"
    assert content(root).find(f".//{S}byline").get("id") == "byline"
    again = roundtrip(article)
    assert (again.headline_span, again.byline_span, again.dateline_span) == (
        article.headline_span,
        article.byline_span,
        article.dateline_span,
    )
