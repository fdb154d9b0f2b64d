"""Passive verbs of speech and thought with an infinitive ('is expected to'), on invented text."""

from __future__ import annotations

from tests.quote_rows import quote_rows as _quotes


def test_a_passive_with_an_infinitive_reports_its_subject_and_the_infinitive() -> None:
    for text, subject, infinitive in (
        (
            "The ferry council is expected to approve the new pier.",
            "The ferry council",
            "to approve the new pier",
        ),
        (
            "Some pilots are said to be furious about the tides.",
            "Some pilots",
            "to be furious about the tides",
        ),
        ("Vella Port was widely expected to win the regatta.", "Vella Port", "to win the regatta"),
        (
            "The mayor has been asked to open the harbour festival.",
            "The mayor",
            "to open the harbour festival",
        ),
        ("But the tug is not expected to sail before May.", "the tug", "to sail before May"),
    ):
        assert ("indirect", f"{subject} {infinitive}", None) in _quotes(text), text


def test_the_verbs_of_the_passive_cue_are_those_of_the_table() -> None:
    # 'expected' is in lexicons/passive_verbs.txt, 'scheduled' is no verb of speech or thought
    found = _quotes("The ferry council is expected to meet on Tuesday.")
    assert ("indirect", "The ferry council to meet on Tuesday", None) in found
    assert _quotes("The ferry council is scheduled to meet on Tuesday.") == []
    # a passive with no infinitive is no cue
    assert _quotes("The new pier was expected by nobody in Vella.") == []


def test_the_subject_of_a_passive_starts_at_its_clause() -> None:
    found = _quotes("Many of the harbour's pilots are expected to strike next week.")
    assert ("indirect", "Many of the harbour's pilots to strike next week", None) in found
    found = _quotes("The pier, which is expected to draw 5,000 visitors, opens in May.")
    assert ("indirect", "which to draw 5,000 visitors", None) in found
    found = _quotes("The tide rose, and the old tug is thought to have sunk.")
    assert ("indirect", "the old tug to have sunk", None) in found


def test_an_infinitive_ends_at_a_comma_or_a_dash() -> None:
    found = _quotes("The council is expected to approve the pier, ending a long dispute.")
    assert ("indirect", "The council to approve the pier", None) in found
    found = _quotes("The yard is expected to cut 40 jobs -- the first of many -- this year.")
    assert ("indirect", "The yard to cut 40 jobs", None) in found
    # a that-clause inside the infinitive runs on past its commas
    found = _quotes("The report is expected to show that the pier, built in 1920, is unsafe.")
    assert (
        "indirect",
        "The report to show that the pier, built in 1920, is unsafe",
        None,
    ) in found
