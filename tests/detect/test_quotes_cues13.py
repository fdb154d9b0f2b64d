"""Cues added for issue 13, on invented text."""

from __future__ import annotations

import attrs
import pytest

from newsml.detect.quotes import detect_quotes
from newsml.text import segment
from tests.quote_rows import quote_rows as _quotes


@pytest.mark.parametrize("verb", ["commented", "retaliated", "beamed", "pressed", "pointed out"])
def test_more_speech_verbs_attribute_a_quote_before_them(verb: str) -> None:
    text = f"“The bridge will open in May,” Mara Quill {verb}. The crowd left."
    assert ("direct", "“The bridge will open in May,”", "Mara Quill") in _quotes(text)


def test_a_verb_of_stance_attributes_its_object() -> None:
    text = "Senator Ola Brenn endorsed the canal plan on Friday. It rained."
    assert ("indirect", "the canal plan on Friday", "Senator Ola Brenn") in _quotes(text)


def test_a_verb_of_intention_attributes_its_infinitive() -> None:
    text = "Mayor Ada Roon wants to close the old harbour next year. It rained."
    assert ("indirect", "to close the old harbour next year", "Mayor Ada Roon") in _quotes(text)


def test_a_passive_stance_verb_is_no_cue() -> None:
    text = "The canal plan, backed by three towns, was dropped. It rained."
    assert _quotes(text) == []


def test_a_stance_inside_a_clause_of_speech_leaves_the_quotation_to_the_speech() -> None:
    text = "Ines Varga said that only the millers wanted “cheap flour” in the end. It rained."
    found = _quotes(text)
    assert found[0][0] == "mixed" and found[0][2] == "Ines Varga"


def test_a_follow_up_quote_skips_a_stance_of_the_sentence_before() -> None:
    text = (
        "“We will win,” Tove Lind said, noting she would support any candidate. "
        "“We have a deep bench.”"
    )
    found = _quotes(text)
    assert ("direct", "“We have a deep bench.”", "Tove Lind") in found or any(
        kind == "direct" and "deep bench" in pieces and speaker == "Tove Lind"
        for kind, pieces, speaker in found
    )


def test_three_apostrophes_close_the_inner_single_then_the_wire_double() -> None:
    text = "''Then she said, 'You were late,''' Ms. Orla Penn recalled. ''We left.''"
    found = _quotes(text)
    assert found[0][0] == "direct"
    assert found[0][1].startswith("''Then she said, 'You were late,'''")
    assert found[0][2] == "Ms. Orla Penn"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Let it be,” Senator Ivo Marsh, R-Ky., said. “We are done.”", "Senator Ivo Marsh, R-Ky."),
        ("“Let it be,” said R. Tam Oskin, the harbour master. It rained.", "R. Tam Oskin"),
        ("“Let it be,” J. J. Morrow, a baker, said. It rained.", "J. J. Morrow, a baker"),
    ],
)
def test_initials_and_state_abbreviations_stay_in_the_speaker(text: str, speaker: str) -> None:
    found = _quotes(text)
    assert found[0][0] == "direct" and found[0][1].startswith("“Let it be,”")
    assert found[0][2] == speaker


def test_a_quote_open_at_a_paragraph_end_closes_in_the_next_paragraph() -> None:
    text = (
        "Intro.\n\nMaya Dorn said: “We will fight on.\n\n"
        "And we will win in the spring when the river is low,” she added.\n\nMore."
    )
    found = _quotes(text)
    assert found[0][0] == "direct"
    assert found[0][1] == (
        "“We will fight on. And we will win in the spring when the river is low,”"
    )


def test_a_short_credit_line_does_not_continue_an_open_quote() -> None:
    text = "Intro.\n\n“We will fight on, said nobody.\n\nAmy Pope, adviser.”\n\nMore text here."
    assert all("Amy Pope" not in pieces for _kind, pieces, _speaker in _quotes(text))


def test_according_to_after_a_quotation_makes_it_direct() -> None:
    text = "“The dam will hold,” according to the engineer Pia Tallis. It rained."
    assert ("direct", "“The dam will hold,”", "the engineer Pia Tallis") in _quotes(text)


def test_a_hyphen_credits_a_pull_quote_to_a_name() -> None:
    text = "Intro.\n\n“Never give up on the river.” - Pia Tallis\n\nMore."
    assert ("direct", "“Never give up on the river.”", "Pia Tallis") in _quotes(text)


def test_a_straight_mark_glued_to_the_comma_of_its_lead_in_opens() -> None:
    text = 'Intro.\n\nOla Brenn said," We will build the bridge." Then rain.'
    assert ("direct", '" We will build the bridge."', "Ola Brenn") in _quotes(text)


@pytest.mark.parametrize(
    "insert", ["in remarks to reporters", "speaking in the harbour town", "during a visit"]
)
def test_a_circumstance_between_subject_and_verb_keeps_the_subject(insert: str) -> None:
    text = f"“The dam will hold,” the engineer, {insert}, said. It rained."
    found = _quotes(text)
    # the circumstance is no part of the speaker (tests/detect/test_quotes_inserts.py)
    assert found[0][0] == "direct" and found[0][2] == "the engineer"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Gov. Ivo Marsh (R-OH), said, “We will win the river vote.”", "Gov. Ivo Marsh (R-OH)"),
        (
            "Tam Oskin — a baker from the harbour — says, “We will win the river vote.”",
            "Tam Oskin — a baker from the harbour",
        ),
    ],
)
def test_speakers_with_a_bracket_before_the_comma_or_an_insert_between_dashes(
    text: str, speaker: str
) -> None:
    found = _quotes(text)
    assert found[0][0] == "direct" and found[0][2] == speaker


def _sources_without_entities(text: str) -> list[str | None]:
    """The source of every quote, read from the text alone (no entities to resolve to)."""
    article = detect_quotes(attrs.evolve(segment(text), entities=()))
    return [quote.source.name if quote.source else None for quote in article.quotes]


def test_a_pronoun_skips_a_person_whose_given_name_says_the_other_sex() -> None:
    text = (
        "Mary Holt met John Brand in Oslo on Monday.\n\n"
        "“We will build the bridge,” she said.\n\n“It will be long,” he said."
    )
    assert _sources_without_entities(text) == ["Mary Holt", "John Brand"]


def test_a_pronoun_skips_a_title_or_a_description_of_the_other_sex() -> None:
    text = (
        "Kell Osgood met Mrs. Tarrow in Oslo on Monday.\n\n"
        "“We will build the bridge,” a spokeswoman said.\n\n“It will be long,” he said."
    )
    assert _sources_without_entities(text)[-1] == "Kell Osgood"
