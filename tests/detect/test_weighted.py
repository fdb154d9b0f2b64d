"""The weighted reader of names (newsml.detect.names, newsml.detect.weighted): one mechanism
tested per part (candidates, evidence, the decoding, the article's evidence, one kind per name,
the weights as data), not per example sentence."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from importlib import resources

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newsml
from newsml.cli import main
from newsml.detect import names
from newsml.detect.entities import KnowledgeBase, configure, find_entities
from newsml.detect.knowledge import KnowledgeEntry
from newsml.detect.weighted import explain
from newsml.model import ENTITY_KINDS

_ALPHABET = list("Aa Bb.’'s-&\n\tNATO EU Russia Moscow of the de and Mr. said in 12 (EMI)")
_TEXTS = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=240)


def run_of(text: str, word: str) -> list[names.Token]:
    return next(run for run in names.runs(text) if run[0][2] == word)


def weighted(text: str, knowledge_base: KnowledgeBase | None = None) -> dict[str, str]:
    entities = find_entities(text, knowledge_base, reader="weighted")
    return {m.text: e.kind for e in entities for m in e.mentions}


# -- candidates -------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(_TEXTS)
@example("Bank of the Bank of of Russia and EU")
@example("A. B. C.")
def test_runs_are_capitalised_words_with_connectors_between(text: str) -> None:
    for run in names.runs(text):
        assert names.can_bound(run[0][2]) and names.can_bound(run[-1][2])
        for start, end, word in run:
            assert text[start:end] == word
        for (_, end, _), (start, _, _) in itertools.pairwise(run):
            assert text[end:start].strip(" \t") == ""  # only blanks between words


# -- the decoding -----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(_TEXTS)
@example("Prime Minister John Major of the Bank of England said. Major said.")
def test_segments_cut_every_run_exactly(text: str) -> None:
    _, read = names.read_names(text, list(names.runs(text)))
    for run, segments in read:
        assert [s.first for s in segments] == [0, *(s.last for s in segments[:-1])]
        assert segments[-1].last == len(run)
        for segment in segments:
            assert segment.last - segment.first <= names.LONGEST
            if segment.label != names.O:  # a name never starts or ends with a connector
                assert names.can_bound(run[segment.first][2])
                assert names.can_bound(run[segment.last - 1][2])


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
@example("Talks in Geneva ended. Geneva said.\nGENEVA WINS\nMr. Lavrov’s aide, Lavrov.")
def test_cached_scores_equal_the_features_weighed_one_by_one(text: str) -> None:
    # The reader adds cached parts (own words, before, after, alone); the trainer and explain()
    # weigh the whole feature list: both must make the same decisions.
    runs = list(names.runs(text))
    document, read = names.read_names(text, runs)
    model = names.weights()
    for run, segments in read:
        exact = names.decode(document, run, names.is_caps(document, run), model)
        assert [(s.first, s.last, s.label) for s in exact] == [
            (s.first, s.last, s.label) for s in segments
        ]


def test_decoding_takes_the_best_cutting_of_the_weights() -> None:
    # Two words, each a known place alone; as a whole, a person: the weights choose.
    text = "They met Zorblat Quux there."
    run = run_of(text, "Zorblat")
    document = names.Document(text)
    whole = names.Weights({"n2": [50.0, 0, 0, 0, 0]})
    apart = names.Weights({"n1": [0, 0, 50.0, 0, 0]})
    assert [(s.first, s.last, s.label) for s in names.decode(document, run, False, whole)] == [
        (0, 2, names.PER)
    ]
    assert [(s.first, s.last, s.label) for s in names.decode(document, run, False, apart)] == [
        (0, 1, names.LOC),
        (1, 2, names.LOC),
    ]


# -- the evidence -----------------------------------------------------------------------------


def test_evidence_of_the_words_comes_from_the_lists() -> None:
    features = names.word_features(("Sergei", "Lavrov"), False)
    assert "first.given" in features and "shape:XX" in features and "n2" in features
    assert "known:place" in names.word_features(("Moscow",), False)
    assert "known:org" in names.word_features(("NATO",), False)
    assert "one.none" in names.word_features(("Zorblatquux",), False)  # no list knows it
    assert "caps:n1" in names.word_features(("MOSCOW",), True)  # capitals say nothing of shape


@pytest.mark.parametrize(
    ("text", "word", "feature"),
    [
        ("Talks in Zorblat ended.", "Zorblat", "pw:in"),
        ("Minister Zorblat spoke.", "Zorblat", "pin.title"),
        ("He met Mr. Zorblat.", "Zorblat", "pw.title"),
        ("Police held dissident Zorblat.", "Zorblat", "pw.person"),
        ("Zorblat said so.", "Zorblat", "nw.speech"),
        ("Zorblat’s aide spoke.", "Zorblat", "poss"),
        ("It was. Zorblat spoke.", "Zorblat", "sstart"),
        ("The report (Zorblat) said.", "Zorblat", "pc:("),
        ("In Zorblat, talks ended.", "Zorblat", "pw:in"),  # a capitalised function word
        ("He bought shares in Zorblat.", "Zorblat", "pw.org"),
        ("Zorblat's profit rose.", "Zorblat", "nw.org"),
        ("ZORBLAT, Quarnland 1996-08-31\nTalks ended.", "Quarnland", "dateline:in"),
        ("SOCCER - GLORBIA WIN.\nGlorbia 2 Fenwick 1", "Glorbia", "sport:team&nw:9:count"),
    ],
)
def test_evidence_of_the_context(text: str, word: str, feature: str) -> None:
    document = names.Document(text)
    for run in names.runs(text):
        for first, token in enumerate(run):
            if token[2] == word:
                assert feature in names.candidate_features(document, run, first, first + 1, False)
                return
    raise AssertionError(f"{word} not in a run")


def test_the_article_gives_evidence_from_elsewhere_never_from_the_same_run() -> None:
    text = "The European Monetary Institute met. EMI said. Lavrov spoke."
    runs = list(names.runs(text))
    document, _ = names.read_names(text, runs)
    emi = next(run for run in runs if run[0][2] == "EMI")
    assert "doc.acronym:ORG" in names.candidate_features(document, emi, 0, 1, False)
    lavrov = next(run for run in runs if run[0][2] == "Lavrov")
    assert not any(
        f.startswith("doc.") for f in names.candidate_features(document, lavrov, 0, 1, False)
    )


_CAPS_ALPHABET = [*_ALPHABET, "\n", "SOCCER - ", "ROMANIA ", "BEAT ", "KANSAS CITY ", "ß", "ǅ", "İ"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_CAPS_ALPHABET), max_size=60).map("".join))
@example("BERLIN ß İ ǅ\nBerlin said.")
def test_truecasing_changes_only_the_case_of_a_line_in_capitals(text: str) -> None:
    cased = names.truecase(text)
    assert len(cased) == len(text)
    lines = text.split("\n")
    for line, written in zip(lines, cased.split("\n")):
        if not line.isupper():
            assert written == line
        for a, b in zip(line, written):
            assert a == b or a.lower() == b.lower()


def test_a_line_in_capitals_writes_its_words_as_the_article_does() -> None:
    text = "SOCCER - ZORBLAT BEAT KANSAS CITY IN THE NBA FINAL\nZorblat, a team, won."
    assert names.truecase(text).split("\n")[0] == (
        "soccer - Zorblat beat Kansas City in the NBA final"
    )  # seen elsewhere; the word list; a known name; an acronym kept; the word list
    assert names.truecase("ST. LOUIS 1996-08-30\nText.").startswith("St. Louis")  # 'St.' a word
    # The full stop that ends a headline is no part of its last word; a dotted word keeps it.
    assert names.truecase("ZORBLAT CHOOSE TO BAT.\nZorblat had to bat.").startswith(
        "Zorblat choose to bat."
    )
    assert names.truecase("ZORBLAT WINS IN N.H.\nText.").startswith("Zorblat wins in N.H.")


def test_a_headline_in_capitals_is_read_like_the_body() -> None:
    text = "SOCCER - ROMANIA BEAT LITHUANIA.\nBUCHAREST 1996-08-31\nRomania beat Lithuania 3-0."
    found = weighted(text)
    assert found["ROMANIA"] == found["LITHUANIA"] == "place"
    assert "BEAT" not in " ".join(found)
    entities = find_entities(text, reader="weighted")
    assert all(m.text == text[m.start : m.end] for e in entities for m in e.mentions)


def test_one_name_takes_one_kind_in_an_article() -> None:
    text = "Zorblat won in Zorblat. Zorblat said so. Zorblat is big. Fans of Zorblat cheered."
    kinds = {
        e.kind for e in find_entities(text, reader="weighted") for m in e.mentions
        if m.text == "Zorblat"
    }  # fmt: skip
    assert len(kinds) == 1


# -- the weights are data ---------------------------------------------------------------------


def test_a_row_of_weights_changes_a_decision_without_code() -> None:
    text = "They met Zorblat there."
    run = run_of(text, "Zorblat")
    document = names.Document(text)
    table = names.Weights.parse(
        resources.files("newsml.detect.data").joinpath("entity_weights.tsv").open(encoding="utf-8")
    )
    before = names.decode(document, run, False, names.Weights(table))
    table["one:zorblat"] = [0.0, 0.0, 0.0, 0.0, 0.0]
    table["one:zorblat"][names.ORG] = 100.0
    after = names.decode(document, run, False, names.Weights(table))
    assert before[0].label != names.ORG and after[0].label == names.ORG


def test_learned_weights_say_where_they_come_from() -> None:
    header = [
        line
        for line in resources.files("newsml.detect.data")
        .joinpath("entity_weights.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.startswith("#")
    ]
    said = " ".join(header)
    assert "WikiGold" in said and "CC BY 4.0" in said and "tools/train_entities.py" in said
    priors = resources.files("newsml.detect.lexicons").joinpath("entity_priors.tsv")
    assert priors.read_text(encoding="utf-8").startswith("#")


def test_weights_reject_a_row_of_the_wrong_size() -> None:
    with pytest.raises(ValueError, match="needs 5 values"):
        names.Weights.parse(["one:x\t1\t2\n"])


# -- the reader as a whole --------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
@example("Mr. Lavrov’s aide met NATO and the EU in Moscow (EMI).")
def test_any_text_gives_mentions_on_word_boundaries_that_never_overlap(text: str) -> None:
    entities = find_entities(text, reader="weighted")
    for number, entity in enumerate(entities, 1):
        assert entity.id == f"e{number}" and entity.kind in ENTITY_KINDS
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text and mention.text
            assert mention.start == 0 or not text[mention.start - 1].isalnum()
            assert mention.end == len(text) or not text[mention.end].isalnum()
    spans = sorted((m.start, m.end) for e in entities for m in e.mentions)
    for (_, b), (c, _) in itertools.pairwise(spans):
        assert c >= b, spans


def test_the_knowledge_base_takes_precedence() -> None:
    base = KnowledgeBase([KnowledgeEntry("Acme Rocket Works", "organisation", ["Moscow Acme"])])
    found = weighted("Shares in Moscow Acme rose.", base)
    assert found == {"Moscow Acme": "organisation"}


def test_a_surname_joins_the_person_of_the_knowledge_base() -> None:
    base = KnowledgeBase([KnowledgeEntry("Jane Doerfler", "person", [])])
    found = find_entities("Jane Doerfler spoke. Doerfler left.", base, reader="weighted")
    assert [[m.text for m in e.mentions] for e in found] == [["Jane Doerfler", "Doerfler"]]


def test_the_seed_article_reads_its_main_names(seed_text: str) -> None:
    found = {(e.kind, e.name) for e in find_entities(seed_text, reader="weighted")}
    for expected in [
        ("person", "Sergei Lavrov"),
        ("organisation", "NATO"),
        ("organisation", "European Union"),
        ("place", "Russia"),
        ("place", "Moscow"),
        ("place", "Ukraine"),
    ]:
        assert expected in found


@pytest.mark.parametrize(
    "text",
    [
        "Aa " * 20000 + "of " * 20000 + "A." * 20000,
        "Russia " * 20000,
        "The " * 20000 + "X",
        "Russia and " * 10000,
        "Bank of the " * 10000,
    ],
    ids=["initials", "known name", "the", "and", "of the"],
)
def test_time_stays_linear_on_hostile_input(text: str) -> None:
    started = time.process_time()
    find_entities(text, reader="weighted")
    assert time.process_time() - started < 5


def test_configure_chooses_the_reader_of_the_pipeline() -> None:
    text = "Talks in Geneva ended."
    try:
        configure(reader="weighted")
        assert [e.name for e in newsml.analyze(text).entities] == ["Geneva"]
    finally:
        configure(reader="rules")
    with pytest.raises(ValueError, match="entity reader"):
        configure(reader="neural")


def test_explain_gives_the_evidence_of_every_name() -> None:
    text = "Foreign Minister Sergei Lavrov told RIA Novosti in Moscow."
    decisions = {d.text: d for d in explain(text)}
    moscow = decisions["Moscow"]
    assert moscow.label == "LOC" and moscow.scores["LOC"] > moscow.scores[moscow.runner_up]
    assert any(feature == "known:place" for feature, _, _ in moscow.features)


def test_inspect_shows_the_evidence(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "a.txt"
    article.write_text("Talks in Geneva ended, Sergei Lavrov said.\n", encoding="utf-8")
    assert main(["inspect", "--evidence", "--color", "never", str(article)]) == 0
    out = capsys.readouterr().out
    assert "Evidence (weighted reader)" in out and "known:place" in out


def _cutting_score(
    table: dict[tuple[int, int], list[float]],
    moves: list[list[float]],
    cutting: list[tuple[int, int]],
    labels: tuple[int, ...],
) -> float:
    """The score of one labelled cutting: its segments' scores and the moves between labels."""
    score, before = 0.0, 0
    for span, label in zip(cutting, labels):
        score += table[span][label] + moves[before][label]
        before = label + 1
    return score


def _cuttings(size: int) -> list[list[tuple[int, int]]]:
    if size == 0:
        return [[]]
    out = []
    for length in range(1, min(size, names.LONGEST) + 1):
        out.extend([*rest, (size - length, size)] for rest in _cuttings(size - length))
    return out


def _best_score(
    table: dict[tuple[int, int], list[float]],
    moves: list[list[float]],
    size: int,
    allowed: Callable[[tuple[int, int], int], bool],
) -> float:
    """The best score of every labelled cutting of ``size`` words that ``allowed`` admits, by
    trying them all."""
    return max(
        _cutting_score(table, moves, cutting, labels)
        for cutting in _cuttings(size)
        for labels in itertools.product(range(5), repeat=len(cutting))
        if all(allowed(span, label) for span, label in zip(cutting, labels))
    )


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 4),
    st.lists(st.floats(-5, 5, allow_nan=False), min_size=240, max_size=240),
)
def test_decoding_finds_the_best_of_every_cutting(size: int, numbers: list[float]) -> None:
    # Any scores and moves: the Viterbi search gives the best total of all cuttings and labels.
    text = " ".join(["Aa"] * size)
    run = next(names.runs(text))
    table = {(first, last): numbers[(first * 6 + last) * 5 : (first * 6 + last) * 5 + 5]
             for first in range(size) for last in range(first + 1, size + 1)}  # fmt: skip
    moves = [numbers[200 + 5 * row : 205 + 5 * row] for row in range(6)]
    found = names.decode(
        names.Document(text), run, False, names.Weights({}), moves, lambda a, b: table[a, b]
    )

    best = _best_score(
        table, moves, size, lambda span, label: span[1] - span[0] == 1 or label != names.O
    )
    got = _cutting_score(
        table, moves, [(s.first, s.last) for s in found], tuple(s.label for s in found)
    )
    assert abs(got - best) < 1e-9


def test_a_scorecard_tells_players_from_teams() -> None:
    """On a sports page an initial, a scorecard's 'c' or 'b' and a goal's minute in brackets
    mark a player, where a name before a score is a team's (invented names)."""
    text = (
        "CRICKET - ZORBLATSHIRE WIN.\n"
        "Zorblatshire 363 (Q. Vantrek 111, X. Dolomb 52), Quarnshire 197.\n"
        "Q. Vantrek c Yelmor b Frandt 46\n"
        "SOCCER - GLORBIA BEAT FENWICK.\n"
    )
    found = weighted(text)
    assert found["Q. Vantrek"] == found["X. Dolomb"] == "person"
    assert found["Yelmor"] == found["Frandt"] == "person"
    # An initial before a dictionary word and a score: a player ('sport:team&shape:IX').
    card = "CRICKET - ZORBLATSHIRE WIN.\nZorblatshire 326 (Q. Butcher 95 not out, X. Dale 52).\n"
    assert weighted(card)["Q. Butcher"] == weighted(card)["X. Dale"] == "person"
    soccer = "SOCCER - GLORBIA WIN.\nGlorbia 2 Fenwick 1\nScorer: Bram Quellik (61st)\n"
    assert weighted(soccer)["Bram Quellik"] == "person"


def test_a_dateline_names_places_and_its_date_is_no_score() -> None:
    """The names after a dateline's first are where the story was filed from, and on a sports
    page the date after them is not a player's figures (invented names)."""
    text = "SOCCER - GLORBIA WIN.\nQUARNBY, Zorblatia 1996-08-31\nGlorbia beat Fenwick 2-1.\n"
    assert weighted(text)["Zorblatia"] == "place"
    document = names.Document(text)
    run = next(run for run in names.runs(text) if run[0][2] == "Zorblatia")
    features = names.candidate_features(document, run, 0, 1, False)
    assert "dateline:in" in features
    assert "nw:date" in features and "nw:9" not in features  # no count, no figures


@pytest.mark.parametrize(
    "text",
    [
        "He bought shares in Zorblat on Monday.",
        "Zorblat's profit rose 5 percent.",
        "The games were made by the South Korean company Zorblat in 1999.",
        "The first division team Zorblat lost at home.",
        "Zorblat coach Ann Quarn was sacked.",
        "The order was confirmed, Zorblat spokesman Per Quarn told reporters.",
        "A report in the news weekly Zorblat said so.",
    ],
)
def test_the_words_around_a_company_name_make_it_an_organisation(text: str) -> None:
    """'shares in X', 'X's profit' (lexicons/org_context.tsv) outweigh a word no list knows."""
    assert weighted(text)["Zorblat"] == "organisation"


def test_a_surname_is_the_person_even_where_a_city_has_the_name() -> None:
    """A word ending a person's name read elsewhere in the article ('doc.end:PER') is that
    person, though the gazetteer knows a big city by it; a word starting an organisation's
    name read elsewhere takes 'doc.start:ORG' (invented names)."""
    found = find_entities(
        "Mary Houston spoke on Monday. Speaking in Paris, Houston said no.", reader="weighted"
    )
    person = next(entity for entity in found if entity.name == "Mary Houston")
    assert len(person.mentions) == 2 and "Houston" not in {entity.name for entity in found}
    text = "Zorblat Bank said on Monday it would buy Quarn. Zorblat will pay cash."
    decision = next(d for d in explain(text) if d.text == "Zorblat")
    assert "doc.start:ORG" in {feature for feature, _, _ in decision.features}


def test_an_organisation_word_is_no_place() -> None:
    """A word of lexicons/org_words.txt ends an organisation's name, and is not read as the
    hamlet GeoNames knows by it ('Bank')."""
    assert not any(tag.startswith("place:") for tag in names.word_tags("bank"))
    assert weighted("Researchers at the Quarnby Laboratory said.") == {
        "Quarnby Laboratory": "organisation"
    }


@pytest.mark.parametrize(
    ("words", "feature"),
    [
        (("Thomas", "Zorblat", "of", "Austria"), "given&of.place"),
        (("Australian", "Mark", "Zorblat"), "nat&given"),
        (("Unseeded", "Mark", "Zorblat"), "word&given"),
        (("Tom", "Moody"), "given&surname.dict"),
        (("Kyran", "Bracken"), "name&surname.dict"),
    ],
)
def test_evidence_that_a_run_holds_more_than_one_name(words: tuple[str, ...], feature: str) -> None:
    assert feature in names.word_features(words, False)


def test_a_person_of_a_place_and_a_nationality_before_a_name_are_not_one_name() -> None:
    assert weighted("Top-seeded Anna Castle of Croatia won.") == {
        "Anna Castle": "person",
        "Croatia": "place",
    }
    found = weighted("She beat fellow Australian Mark Zorblat on Monday.")
    assert found["Mark Zorblat"] == "person"


def test_the_full_stop_of_a_title_or_an_initial_starts_no_sentence() -> None:
    text = "He met Gen. Zorblat and J. Quarnby. Trellvik left."
    document = names.Document(text)
    assert not document.starts_sentence(text.index("Zorblat"))
    assert not document.starts_sentence(text.index("Quarnby"))
    assert document.starts_sentence(text.index("Trellvik"))


def test_a_name_the_table_of_organisations_knows_outweighs_a_given_name() -> None:
    """'RIA Novosti': 'Ria' is a given name, the whole an organisation the table knows."""
    assert weighted("It said so, according to a report by RIA Novosti.") == {
        "RIA Novosti": "organisation"
    }


def test_a_name_listed_with_others_takes_their_kind() -> None:
    """A name no list knows, listed with names read as one kind, is read as that kind; the
    evidence is named 'list:ORG' (invented names)."""
    text = "Representatives of Zorblat Corp, Quarnwest, Trellco Inc and Brimco Ltd said."
    assert weighted(text)["Quarnwest"] == "organisation"
    decision = next(d for d in explain(text) if d.text == "Quarnwest")
    assert "list:ORG" in {feature for feature, _, _ in decision.features}


def test_a_city_after_a_word_on_a_sports_page_names_one_team() -> None:
    """On a team sport's page 'Word City' is a team ('sport:team&tail.place'), not a word and
    a team named by the city; not after an initial (a player) nor inside a place's own name
    (invented clubs)."""
    text = (
        "SOCCER - CUP RESULTS.\nResults on Thursday:\n"
        "Zorbla Batumi 3 Quarnik Larnaca 0\nZorbla Batumi win 9-0 on aggregate.\n"
        "Scorer: Q. Kansas (12th)\n"
    )
    found = weighted(text)
    assert found["Zorbla Batumi"] == found["Quarnik Larnaca"] == "organisation"
    assert "Batumi" not in found and "Larnaca" not in found
    document = names.Document(text)
    assert document.sport == "team"
    own = names.own_features(document, ("Zorbla", "Batumi"), False)
    assert any(feature.startswith("sport:team&tail.place") for feature in own)
    for words in (("Q.", "Kansas"), ("New", "York")):
        own = names.own_features(document, words, False)
        assert not any(feature.startswith("sport:team&tail.place") for feature in own)


@pytest.mark.parametrize(
    ("words", "feature"),
    [
        (("Quarnby", "Institute", "of", "Arts", "and", "Sciences"), "of&and"),
        (("Council", "for", "Zorblat", "and", "Cooperation"), "of&and"),
        (("Quarnby", "and", "Zorblat", "Railway"), "and&last.orgword"),
    ],
)
def test_and_inside_an_organisations_name(words: tuple[str, ...], feature: str) -> None:
    """'and' after an 'of' or before an organisation's word is evidence of one name; after
    an 'of' it outweighs a cut at 'and' (invented names)."""
    assert feature in names.word_features(words, False)
    assert feature not in names.word_features(("Zorblat", "and", "Quarnby"), False)
    if feature == "of&and":
        text = f"He joined the {' '.join(words)} last week."
        assert weighted(text) == {" ".join(words): "organisation"}


def test_a_surname_that_is_also_a_word_still_names_a_person() -> None:
    """'last.dict' weighs against a person ('Tangerine Dream'); a surname that is also a
    dictionary word, after a word that is none, weighs less so ('name&surname.dict')."""
    assert weighted("The French scored through scrum-half Kyran Bracken.")["Kyran Bracken"] == (
        "person"
    )


def test_a_surname_after_the_full_name_is_the_person_though_a_country_has_it() -> None:
    """'doc.end<:PER': a whole run ending a person's name read before it is that person, even
    where the word is a country's name; not a word inside a run, nor before the full name."""
    text = (
        "The film's director Zorblat Jordan spoke on Monday. Jordan said it was hard.\n"
        "Jordan defends his film.\n"
    )
    found = find_entities(text, reader="weighted")
    person = next(entity for entity in found if entity.name == "Zorblat Jordan")
    assert person.kind == "person" and len(person.mentions) == 3
    decision = next(d for d in explain(text) if d.text == "Jordan")
    assert "doc.end<:PER" in {feature for feature, _, _ in decision.features}
    first = next(d for d in explain(text) if d.text == "Zorblat Jordan")
    assert "doc.end<:PER" not in {feature for feature, _, _ in first.features}


def test_one_kind_per_name_unless_a_mentions_own_evidence_says_otherwise() -> None:
    """The same words take the kind most of their mentions have, but a mention whose own
    evidence for its kind is much stronger keeps it ('at Zorbton' on a page of 'Zorbton 66')."""
    from newsml.detect.entities import ORGANISATION, PLACE, _Found
    from newsml.detect.weighted import _OWN_MARGIN, _one_kind_per_name

    text = "Zorbton 66 Zorbton 67 at Zorbton, Zorbton"
    found = [_Found(s, s + 7, ORGANISATION, "Zorbton") for s in (0, 11)]
    sure, unsure = _Found(25, 32, PLACE, "Zorbton"), _Found(34, 41, PLACE, "Zorbton")
    scores = {
        id(sure): [0.0, 0.0, _OWN_MARGIN + 1, 0.0, 0.0],
        id(unsure): [0.0, 0.0, _OWN_MARGIN - 1, 0.0, 0.0],
    }
    _one_kind_per_name(text, [*found, sure, unsure], scores)
    assert sure.kind == PLACE and unsure.kind == ORGANISATION


def test_a_long_name_the_tables_know_whole_is_not_cut_into_its_parts() -> None:
    """'known3:place': 'Bosnia and Herzegovina' is one place, not two."""
    assert "known3:place" in names.word_features(("Bosnia", "and", "Herzegovina"), False)
    assert "known3:place" not in names.word_features(("Bosnia",), False)
    assert weighted("The war in Bosnia and Herzegovina ended.") == {
        "Bosnia and Herzegovina": "place"
    }


# -- the reader's shortcuts give what the plain evidence gives ---------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.booleans(), min_size=1, max_size=4),
    st.lists(st.floats(-5, 5, allow_nan=False), min_size=420, max_size=420),
)
def test_decoding_with_connectors_finds_the_best_cutting(
    joined: list[bool], numbers: list[float]
) -> None:
    # 'Aa of Aa': a connector is an ordinary word alone and neither starts nor ends a name.
    words = ["Aa"]
    for connector in joined:
        words.extend(["of", "Aa"] if connector else ["Aa"])
    text = " ".join(words)
    run = next(names.runs(text))
    size = len(run)
    assert size == len(words)
    table = {(first, last): numbers[(first * 9 + last) * 5 : (first * 9 + last) * 5 + 5]
             for first in range(size) for last in range(first + 1, size + 1)}  # fmt: skip
    moves = [numbers[390 + 5 * row : 395 + 5 * row] for row in range(6)]
    found = names.decode(
        names.Document(text), run, False, names.Weights({}), moves, lambda a, b: table[a, b]
    )
    bound = [word != "of" for word in words]

    def allowed(span: tuple[int, int], label: int) -> bool:
        first, last = span
        if last - first == 1:
            return bound[first] or label == names.O
        return label != names.O and bound[first] and bound[last - 1]

    best = _best_score(table, moves, size, allowed)
    cutting = [(s.first, s.last) for s in found]
    labels = tuple(s.label for s in found)
    assert all(allowed(span, label) for span, label in zip(cutting, labels))
    assert abs(_cutting_score(table, moves, cutting, labels) - best) < 1e-9


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab-'’ A.ßªéʰ1\n\t")), max_size=30),
    st.text(alphabet=st.sampled_from(list("ab-'’ßéA")), min_size=1, max_size=4),
)
@example("é-x", "x")  # the hyphen joins 'x' to the word before it
@example("Aé-x b", "x")  # not when that word starts with a capital
def test_a_word_written_in_lowercase_is_found_as_the_regex_finds_it(text: str, word: str) -> None:
    written = set(names._LOWER_WORD.findall(text))
    for looked_up in (word, *written):
        assert names.Document(text).writes_lower(looked_up) == (looked_up in written)


def test_the_evidence_of_the_same_run_alone_is_no_evidence() -> None:
    evidence = names.Evidence()
    evidence.add(0, "zorvex", "same:PER")
    evidence.add(0, "zorvex", "end:PER")
    assert evidence.elsewhere("zorvex", 0) == {}
    assert evidence.elsewhere("zorvex", 40) == {"same:PER": 1, "end:PER": 1}
    evidence.add(40, "zorvex", "same:ORG")
    assert evidence.elsewhere("zorvex", 0) == {"same:PER": 0, "end:PER": 0, "same:ORG": 1}
    assert evidence.elsewhere("zorvex", 40) == {"same:PER": 1, "end:PER": 1, "same:ORG": 0}


@pytest.mark.parametrize(
    "text",
    [
        "Analysts bought shares in Brelmont Trust on Monday.",  # a phrase of the list before
        "The talks in Brelmont Trust ended.",  # its last word, not the phrase
        "Brelmont Trust opened. Zuvio bought shares in\tBrelmont.",
        "He said: Brelmont, (Brelmont) and café Brelmont.",
    ],
)
def test_the_reader_scores_what_stands_before_a_run_as_its_features_say(text: str) -> None:
    reader = names.Reader(names.weights())
    document = names.Document(text)
    for run in names.runs(text):
        features = names.left_features(document, run, 0)
        assert reader.left(document, run, 0) == reader.model.score(features)
        assert reader.left(document, run, 0) == reader.model.score(features)  # from the cache
        start = run[0][0]
        assert ("pw.org" in features) == names.organisation_before(
            text, start, document.tables.org_before
        )


def test_a_reading_does_not_depend_on_the_texts_read_before() -> None:
    """The reader's caches are keyed by all the evidence depends on: the word before inside a
    run is scored with the page's sport ('Zorbl' after a capitalised 'At': 'sport:team&pw:at'),
    a dateline is no headline."""
    plain = "Visitors said so At Zorbl on Monday.\n"
    sport = "CRICKET - ZORBLSHIRE WIN.\nLONDON 1996-08-30\nMatch drawn At Zorbl, Zorblshire 326.\n"

    def labels(reader: names.Reader, text: str) -> list[tuple[int, int, int]]:
        document = names.Document(text)
        runs = list(names.runs(text))
        return [
            (s.start, s.end, s.label)
            for run in runs
            for s in reader.reread(document, reader.read(document, run, False))
        ]

    fresh = labels(names.Reader(names.weights()), sport)
    shared = names.Reader(names.weights())
    labels(shared, plain)
    assert labels(shared, sport) == fresh
    assert names.Document(sport).sport == "team"


def test_the_short_form_of_a_company_name_is_the_company() -> None:
    """'doc.stem:ORG': the words before the legal form or corporate word that ends a company's
    name read elsewhere ('Inc', the 'company' column of lexicons/org_words.txt) are its short
    form, though they read as a person's name; not after a word that is no company's ending
    ('Society'), and not in the run of the full name itself (invented names)."""
    text = (
        "Shares of Mary Zorblat Inc rose on Monday. Mary Zorblat said its profit doubled.\n"
        "The Quarnford Society met in Quarnford. Quarnford is a town.\n"
    )
    found = {entity.name: entity.kind for entity in find_entities(text, reader="weighted")}
    assert found["Mary Zorblat"] == "organisation"
    short = next(d for d in explain(text) if d.text == "Mary Zorblat")
    assert "doc.stem:ORG" in {feature for feature, _, _ in short.features}
    town = [d for d in explain(text) if d.text == "Quarnford"]
    assert town and all("doc.stem:ORG" not in {f for f, _, _ in d.features} for d in town)
    full = next(d for d in explain(text) if d.text == "Mary Zorblat Inc")
    assert "doc.stem:ORG" not in {feature for feature, _, _ in full.features}


@pytest.mark.parametrize(
    ("words", "feature", "present"),
    [
        (("Gulf", "of", "Zorbland"), "placeof&of", True),
        (("Isle", "of", "the", "Quarn"), "placeof&of", True),
        (("Bank", "of", "Zorbland"), "placeof&of", False),
        (("Zorblat", "Centre", "on", "Friday"), "conn&last.common", True),
        (("Bank", "of", "Zorbland"), "conn&last.common", False),
    ],
)
def test_evidence_of_a_names_structure(words: tuple[str, ...], feature: str, present: bool) -> None:
    """A word that starts a place's name before 'of' makes the whole a place ('placeof&of');
    a connector and an ordinary word end no name ('conn&last.common')."""
    assert (feature in names.word_features(words, False)) is present


def test_a_date_after_a_connector_is_no_part_of_a_name_nor_a_name() -> None:
    found = weighted(
        "A reporter who entered Zorbeni on Saturday found it calm.\n"
        "Ships sailed on the Gulf of Quarnland again.\n"
    )
    assert "Zorbeni on Saturday" not in found and "Saturday" not in found
    assert found.get("Gulf of Quarnland") == "place"


def test_a_code_among_a_citys_alternate_names_is_no_place() -> None:
    """GeoNames lists codes among a big city's alternate names ('Ko' and 'Civ' for Kyiv, 'Sam'
    for Damascus, 'Syd' for Sydney): tools/build_gazetteers.py keeps an alternate name of three
    letters or fewer only when it starts the city's name ('Rio')."""
    from newsml.detect.gazetteer import tables

    table = tables()
    for code in ("ko", "civ", "sam", "syd", "vin", "wei"):
        place = table.place(code)
        assert place is None or place.population < 1_000_000, code
    rio = table.place("rio")
    assert rio is not None and rio.geonames == "3451190"  # Rio de Janeiro
    assert weighted("He won all by KO in Zorbton.").get("KO") is None


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Quarnex, the first foreign company to list here, rose.", True),
        ("Quarnex, an Indonesian band, played.", True),
        ("Quarnex, a man from the company, spoke.", False),  # the phrase ends before the noun
        ("Quarnex, the leader, spoke.", False),
    ],
)
def test_an_apposition_that_names_a_kind_of_organisation(text: str, present: bool) -> None:
    """'appos.org': after a name, a comma and a noun phrase whose noun says an organisation
    follows it in lexicons/org_context.tsv ('company', 'band')."""
    document = names.Document(text)
    run = run_of(text, "Quarnex")
    features = names.candidate_features(document, run, 0, 1, False)
    assert ("appos.org" in features) is present
    if present:
        assert weighted(text)["Quarnex"] == "organisation"


def test_the_short_form_of_a_company_with_a_dotted_legal_form() -> None:
    found = weighted("Shares of Quarnex S.A. fell. Quarnex said its output rose.")
    assert found["Quarnex"] == "organisation"


def test_a_noun_for_a_person_before_a_name_makes_it_a_person() -> None:
    """'pw.person' (lexicons/person_nouns.txt), though the gazetteer knows the name as a town."""
    assert weighted("Police detained the veteran dissident Wang Zorblat.") == {
        "Wang Zorblat": "person"
    }
    assert weighted("Yeltsin visited his wife Quarnia in hospital.")["Quarnia"] == "person"


def test_what_the_text_says_a_name_is_holds_for_its_other_mentions() -> None:
    """'doc.said:ORG': a mention the words around it call an organisation ('the band X', 'X
    chairman') makes the name's other mentions one, though its word is a given name."""
    text = "He joined the band Marian in 2001. Since then, Marian has released six albums."
    first, later = sorted((d for d in explain(text) if d.text == "Marian"), key=lambda d: d.start)
    assert "doc.said:ORG" not in {feature for feature, _, _ in first.features}
    assert "doc.said:ORG" in {feature for feature, _, _ in later.features}
    assert later.label == "ORG"  # its own decision, before one kind per name
    assert weighted(text)["Marian"] == "organisation"
    # Without a mention that says so, the given name is a person.
    assert weighted("Since then, Marian has released six albums.") == {"Marian": "person"}
