"""Speakers and cues added in the second round of issue 13, on invented text."""

from __future__ import annotations

from tests.quote_rows import quote_rows as _quotes


def test_a_follow_up_quote_goes_to_the_name_a_relative_pronoun_refers_to() -> None:
    text = (
        "“The ferry is late again,” said Lina Sorrel, who thinks the port needs a new pier. "
        "“We wait every morning.”"
    )
    assert any(
        kind == "direct" and "every morning" in pieces and speaker == "Lina Sorrel"
        for kind, pieces, speaker in _quotes(text)
    )


def test_a_follow_up_quote_after_a_relative_pronoun_alone_stays_unresolved() -> None:
    text = "The mayor thanked Oren Falk, who said the bridge was safe. “It will stand.”"
    assert not any(speaker == "who" and kind == "direct" for kind, _p, speaker in _quotes(text))


def test_a_verb_after_to_takes_the_subject_of_the_sentence() -> None:
    text = "Pia Morlund, who ran the port for years, went on to say: “The pier is too short.”"
    assert ("direct", "“The pier is too short.”", "Pia Morlund") in _quotes(text)


def test_the_object_of_told_is_the_addressee_not_the_speaker() -> None:
    text = "Gus Ranne later on Monday told Radio Vella: “The pier is too short.”"
    assert not any(speaker == "Radio Vella" for _k, _p, speaker in _quotes(text))


def test_a_gerund_after_a_possessive_belongs_to_the_speaker_phrase() -> None:
    text = "A source familiar with Lund’s thinking said, “The pier is too short.” It rained."
    found = _quotes(text)
    assert ("direct", "“The pier is too short.”", "A source familiar with Lund’s thinking") in found


def test_an_insert_opening_with_a_gerund_keeps_the_speaker_phrase() -> None:
    text = "But the harbour master, noting the size of the crowd, said, “The pier is too short.”"
    found = _quotes(text)
    assert (
        "direct",
        "“The pier is too short.”",
        "the harbour master",  # the gerund's circumstance is no part of the speaker
    ) in found


def test_an_opening_participle_is_not_the_subject() -> None:
    text = "Asked whether the ferry would run, Tula Brandt grinned: “Not this week.”"
    found = _quotes(text)
    assert any(speaker == "Tula Brandt" and kind == "direct" for kind, _p, speaker in found)
    assert not any(speaker == "Asked" for _k, _p, speaker in found)


def test_a_headline_credit_names_the_speaker_of_a_title_case_quote() -> None:
    text = "Tula Brandt: ‘The Ferry Will Run All Winter.’\n\nThe ferry company said little."
    assert ("direct", "‘The Ferry Will Run All Winter.’", "Tula Brandt") in _quotes(text)


def test_a_title_case_quote_after_a_colon_inside_a_sentence_stays_a_title() -> None:
    text = "The band played one song at the harbour fair on Sunday: ‘Legend Of The Coal Fields.’"
    assert not any(kind == "direct" for kind, _p, _s in _quotes(text))


def test_hope_attributes_its_infinitive() -> None:
    text = "Mayor Ada Roon hopes to open the new pier in May. It rained."
    assert ("indirect", "to open the new pier in May", "Mayor Ada Roon") in _quotes(text)


def test_barked_attributes_a_quote_before_it() -> None:
    text = "“Get off the pier,” the harbour master barked. The boys ran."
    assert ("direct", "“Get off the pier,”", "the harbour master") in _quotes(text)


def test_a_verb_with_a_that_clause_of_its_own_does_not_attribute_the_quote_before_it() -> None:
    text = (
        "“The pier is too short,” Tula Brandt said. “We need ten more metres.” "
        "He added that the council would vote in May."
    )
    found = _quotes(text)
    assert any(
        kind == "direct" and "ten more metres" in pieces and speaker == "Tula Brandt"
        for kind, pieces, speaker in found
    )
    assert ("indirect", "that the council would vote in May", "He") in found


def test_a_verb_with_its_preposition_attributes_its_object() -> None:
    text = "Mayor Ada Roon talked about the new pier on Friday. It rained."
    assert ("indirect", "the new pier on Friday", "Mayor Ada Roon") in _quotes(text)


def test_a_prepositional_verb_without_its_preposition_is_no_cue() -> None:
    text = "Mayor Ada Roon talked to the harbour master on Friday. It rained."
    assert _quotes(text) == []


def test_a_prepositional_verb_never_takes_its_object_for_a_speaker() -> None:
    text = "The crowd cheered and spoke of Oren Falk for hours. It rained."
    assert not any(speaker == "Oren Falk" for _k, _p, speaker in _quotes(text))


def test_a_verb_of_evidence_never_takes_a_quotation() -> None:
    text = '"It is too early," said Ola Brenn, who hosts the radio show "Harbour Hour." It rained.'
    found = _quotes(text)
    assert not any('"Harbour Hour."' in pieces and kind == "direct" for kind, pieces, _s in found)


def test_an_inverted_speaker_keeps_going_past_a_relative_or_a_participle() -> None:
    text = (
        "“We want a new pier,” said a fisherman who works the north quay. "
        "“It will take years,” said a source involved in the talks."
    )
    found = _quotes(text)
    assert ("direct", "“We want a new pier,”", "a fisherman") in found
    assert ("direct", "“It will take years,”", "a source") in found


def test_a_verb_after_and_and_an_adverb_takes_the_subject() -> None:
    text = "Pia Morlund toured the quay and later said, “The pier is too short.”"
    assert ("direct", "“The pier is too short.”", "Pia Morlund") in _quotes(text)


def test_a_gerund_after_an_addressee_takes_the_sender() -> None:
    text = "The ferry company sent a letter to passengers saying: “The pier is closed.”"
    assert not any(speaker == "passengers" for _k, _p, speaker in _quotes(text))


def test_a_base_verb_form_after_a_determiner_and_a_name_is_a_noun() -> None:
    text = "Tove Lind posted a Harbour comment of her own, saying, “The pier is closed.”"
    assert ("direct", "“The pier is closed.”", "Tove Lind") in _quotes(text)


def test_a_relative_clause_on_the_speaker_may_stand_before_the_quote() -> None:
    text = "Said Lina Sorrel, who grew up beside the old harbour wall, “We were all so proud.”"
    assert ("direct", "“We were all so proud.”", "Lina Sorrel") in _quotes(text)


def test_a_relative_clause_on_the_addressee_may_stand_before_the_quote() -> None:
    text = "But she told the pilots who gathered in the hall of the north quay, “The pier stays.”"
    assert ("direct", "“The pier stays.”", "she") in _quotes(text)


def test_a_headline_credit_attributes_what_follows_the_colon() -> None:
    text = "Tula Brandt: Ferry Will Run All Winter\n\nThe ferry company said little."
    assert ("indirect", "Ferry Will Run All Winter", "Tula Brandt") in _quotes(text)


def test_a_headline_credit_on_a_topic_credits_the_name_before_on() -> None:
    text = "Tula Brandt on Ferries: Service Will Run All Winter\n\nThe company said little."
    assert ("indirect", "Service Will Run All Winter", "Tula Brandt") in _quotes(text)


def test_a_headline_label_is_no_speaker() -> None:
    text = "Update: Ferry Will Run All Winter\n\nThe ferry company said little."
    assert not any(speaker == "Update" for _k, _p, speaker in _quotes(text))


def test_a_colon_credit_counts_only_in_the_first_paragraph() -> None:
    text = "The ferry company said little.\n\nTula Brandt: Ferry Will Run All Winter"
    assert not any(speaker == "Tula Brandt" for _k, _p, speaker in _quotes(text))


def test_a_capitalised_verb_in_a_title_case_headline_is_a_cue() -> None:
    text = "Tula Brandt Says Ferry Will Run All Winter\n\nThe ferry company said little."
    assert ("indirect", "Ferry Will Run All Winter", "Tula Brandt") in _quotes(text)


def test_a_capitalised_verb_form_inside_a_body_sentence_stays_a_name() -> None:
    text = "The ferry company said little.\n\nThe pier at Point Says Harbour Will Open In May."
    assert not any(speaker == "Point" for _k, _p, speaker in _quotes(text))


def test_a_verb_of_evidence_attributes_a_bare_clause() -> None:
    text = "A harbour survey shows most pilots backing the new pier. It rained."
    assert ("indirect", "most pilots backing the new pier", "A harbour survey") in _quotes(text)


def test_a_verb_of_evidence_reports_nothing_before_a_preposition_or_up() -> None:
    text = "Tove Lind showed up at the quay on Friday. It rained."
    assert _quotes(text) == []


def test_a_clause_of_speech_keeps_its_quotation_from_a_verb_of_evidence_inside() -> None:
    text = "Tove Lind said that the council had shown “no respect” for the pilots. It rained."
    found = _quotes(text)
    assert found[0][0] == "mixed" and found[0][2] == "Tove Lind"


def test_a_clause_without_that_after_an_addressee_is_reported() -> None:
    text = "Mayor Ada Roon told the pilots they would get a new pier. It rained."
    assert ("indirect", "they would get a new pier", "Mayor Ada Roon") in _quotes(text)
