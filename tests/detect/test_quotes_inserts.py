"""Inserts between commas after a speaker and before the speech verb (issue 13), on invented text."""

from __future__ import annotations

import newsml
from tests.quote_rows import quote_rows as _quotes


def _speaker(text: str) -> str | None:
    quotes = newsml.analyze(text).quotes
    assert quotes, text
    speaker = quotes[0].speaker
    return None if speaker is None else text[speaker.start : speaker.end]


def test_a_circumstance_is_no_part_of_the_speaker() -> None:
    for text, speaker in (
        ("Nora Vell, in remarks to reporters, said “The pier stays open.”", "Nora Vell"),
        (
            "The harbour master, speaking on Tuesday, said “The pier stays open.”",
            "The harbour master",
        ),
        ("Nora Vell, clearly tired, said the pier would stay open.", "Nora Vell"),
    ):
        assert _speaker(text) == speaker, text


def test_an_adverb_insert_keeps_the_subject_as_speaker() -> None:
    # 'however', 'for its part' (lexicons/speaker_inserts.tsv): no speaker was found before
    for text, speaker in (
        ("Ferry operators, however, said the fares would rise.", "Ferry operators"),
        ("The port authority, for its part, said the fares would rise.", "The port authority"),
    ):
        assert _speaker(text) == speaker, text


def test_an_adverb_insert_after_reported_words_is_no_speaker() -> None:
    found = _quotes("The ferry deal is dead, however, said Nora Vell.")
    assert any(speaker == "Nora Vell" for _k, _p, speaker in found)


def test_a_relative_insert_keeps_the_speaker_and_its_cue() -> None:
    text = "Tomas Ribe, who leads the dockers, said “We are not leaving.”"
    assert ("direct", "“We are not leaving.”", "Tomas Ribe, who leads the dockers") in _quotes(text)


def test_the_leftmost_name_of_a_chain_with_a_city_and_state_is_the_speaker() -> None:
    for text, speaker in (
        (
            "Ansel Koury, the mayor of Millbrook, Ore., said “The bridge opens in May.”",
            "Ansel Koury, the mayor of Millbrook, Ore.",
        ),
        (
            "Ida Pell, 58, of Dunmore, Pa., said “We waited years for this.”",
            "Ida Pell, 58, of Dunmore, Pa.",
        ),
        (
            "Ida Pell, 58, who lives outside Dunmore, says she waited years.",
            "Ida Pell, 58, who lives outside Dunmore",
        ),
    ):
        assert _speaker(text) == speaker, text


def test_a_phrase_after_a_preposition_is_no_subject_of_the_chain() -> None:
    text = "In Millbrook, Ansel Koury, a ferry pilot, said the river was low."
    assert _speaker(text) == "Ansel Koury, a ferry pilot"
