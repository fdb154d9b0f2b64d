"""Kinds of quotes and attributions added in the third round of issue 13, on invented text."""

from __future__ import annotations

from tests.quote_rows import quote_rows as _quotes


def test_a_short_paragraph_in_single_marks_is_a_subheading() -> None:
    text = (
        "“The ferry is late again,” said Lina Sorrel, who runs the kiosk.\n\n"
        "‘A Pier Too Short.’\n\n"
        "The port authority met on Tuesday."
    )
    found = _quotes(text)
    assert not any("Pier Too Short" in pieces for _k, pieces, _s in found)
    assert any("ferry is late" in pieces for _k, pieces, _s in found)


def test_a_short_paragraph_in_capitals_or_ending_in_a_colon_is_a_label() -> None:
    for label in ("“THE PIER WAITS”", '"Related:"'):
        text = f"“The ferry is late again,” Lina Sorrel said.\n\n{label}\n\nThe port met."
        assert not any(label.strip('“”"') in pieces for _k, pieces, _s in _quotes(text))


def test_a_follow_up_paragraph_in_double_marks_is_still_a_quote() -> None:
    text = "“The ferry is late again,” Lina Sorrel said.\n\n“We wait every morning.”"
    assert ("direct", "“We wait every morning.”", "Lina Sorrel") in _quotes(text)


def test_a_naming_participle_after_a_thing_names_it_and_quotes_no_one() -> None:
    for text in (
        "The troupe is staging a new play called “Harbour Lights” in Vella.",
        "Trade with the so-called “northern bloc” fell last year.",
        "She runs a website called “Pier Watch” from her kitchen.",
    ):
        assert not any(kind == "direct" for kind, _p, _s in _quotes(text)), text


def test_a_naming_verb_after_its_speaker_still_quotes() -> None:
    found = _quotes("Mayor Ida Lunn called the plan “a waste of good money.”")
    assert any("a waste of good money" in pieces for _k, pieces, _s in found)
    found = _quotes("He rejected what Ida Lunn called “a waste of good money.”")
    assert any(speaker == "Ida Lunn" for _k, _p, speaker in found)


def test_a_verb_of_two_words_is_a_cue_with_its_particle() -> None:
    found = _quotes("As the harbour master Tove Lind put it, “The pier is too short.”")
    assert ("direct", "“The pier is too short.”", "the harbour master Tove Lind") in found
    found = _quotes("Asked about the delay, Oren Falk shot back: “Ask the ferry company.”")
    assert ("direct", "“Ask the ferry company.”", "Oren Falk") in found
    found = _quotes("“Ask the ferry company,” Oren Falk fired back.")
    assert ("direct", "“Ask the ferry company,”", "Oren Falk") in found


def test_the_verb_of_a_two_word_cue_alone_is_no_cue() -> None:
    assert _quotes("Oren Falk put the plan on the table, then left.") == []
    assert not any(
        speaker == "The hunters" for _k, _p, speaker in _quotes("The hunters shot “Big Tom.”")
    )


def test_verbs_of_speech_with_an_object_added_as_data() -> None:
    found = _quotes("Mayor Ida Lunn bemoaned the state of the old pier on Tuesday.")
    assert ("indirect", "the state of the old pier on Tuesday", "Mayor Ida Lunn") in found
    found = _quotes("Oren Falk outlined a plan to rebuild the ferry terminal.")
    assert any(k == "indirect" and s == "Oren Falk" for k, _p, s in found)
    found = _quotes("Critics likened the pier to “a plank in the sea.”")
    assert any("a plank in the sea" in p and s == "Critics" for _k, p, s in found)


def test_a_noun_form_of_a_new_verb_is_no_cue() -> None:
    assert _quotes("A rough outline of the pier plan is ready.") == []


def test_a_request_reports_its_addressee_and_infinitive() -> None:
    found = _quotes("The harbour master asked the ferry crews to wait for the tide.")
    assert (
        "indirect",
        "the ferry crews to wait for the tide",
        "The harbour master",
    ) in found
    found = _quotes("Ida Lunn told him to leave the pier.")
    assert ("indirect", "him to leave the pier", "Ida Lunn") in found


def test_a_quote_over_paragraphs_goes_on_past_a_caption_line() -> None:
    first = "Ida Lunn said: “The pier is too short, and the ferry cannot land at low tide."
    for caption in ("Image: Harbour Board.", "Getty Images.", "(AP Photo/Jan Ode)"):
        text = f"{first}\n\n{caption}\n\n“We need a longer pier.”\n\nThe board met."
        found = _quotes(text)
        assert any(
            kind == "direct" and "too short" in pieces and "longer pier" in pieces
            for kind, pieces, _s in found
        ), caption
        assert not any(caption in pieces for _k, pieces, _s in found)


def test_a_short_paragraph_that_is_no_caption_still_ends_an_open_quote() -> None:
    text = (
        "Ida Lunn said: “The pier is too short, and the ferry cannot land at low tide.\n\n"
        "The board met.\n\n“We need a longer pier.”"
    )
    assert not any(
        "too short" in pieces and "longer pier" in pieces for _k, pieces, _s in _quotes(text)
    )


def test_a_transcript_label_credits_the_rest_of_its_paragraph() -> None:
    text = (
        "The mayor spoke to the radio on Monday.\n\n"
        "JANE DOE: Why not build it? The tide is low.\n\n"
        "IDA LUNN: Because the money ran out in “the spring.”"
    )
    found = _quotes(text)
    assert ("indirect", "Why not build it? The tide is low.", "JANE DOE") in found
    assert ("mixed", "Because the money ran out in “the spring.”", "IDA LUNN") in found


def test_a_label_of_a_note_or_a_contact_line_is_no_speaker() -> None:
    text = (
        "The pier is closed.\n\nCORRECTION: An earlier version misspelled a name.\n\nEMAIL: a@b.c."
    )
    assert _quotes(text) == []


def test_an_adverb_of_time_between_the_speaker_and_the_verb() -> None:
    found = _quotes("The harbour board now says the pier will be ready in May.")
    assert any(speaker == "The harbour board" for _k, _p, speaker in found)
    found = _quotes("Any sailor would now ask: “Where is the pier?”")
    assert ("direct", "“Where is the pier?”", "Any sailor") in found


def test_a_time_phrase_or_a_reflexive_between_the_speaker_and_the_verb() -> None:
    for between in ("on Tuesday", "this week", "earlier Monday", "herself"):
        found = _quotes(f"Ida Lunn {between} said the pier will be ready in May.")
        assert ("indirect", "the pier will be ready in May", "Ida Lunn") in found, between
