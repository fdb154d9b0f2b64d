"""The weighted reader of names: entities decided by weighted evidence (an alternative to the
rule reader of :mod:`newsml.detect.entities`, chosen with ``configure(reader="weighted")``).

1. A user knowledge base claims its names first, then the organisations of the table whose
   names hold lowercase words ('Organisation for Security and Cooperation in Europe').
2. Every other run of capitalised words is cut into names and ordinary words by
   :mod:`newsml.detect.names`, which weighs the evidence of each candidate (its words in the
   tables, its shape, its context, the rest of the article) with weights kept as data.
3. What that decides becomes mentions: a person keeps the title it was introduced with ('the
   Russian foreign minister'), an organisation and a place take the table's canonical name, and a
   place its GeoNames id or ISO 3166 code when the gazetteer is unambiguous about it; nothing is
   guessed. Another name (``MISC``) is a nationality when the table knows it, an event when its
   words say so ('World Cup', 'the Minsk agreements'), and otherwise not marked up.
4. One name, one kind: the same words read as different kinds in one article take the kind most
   of their mentions have.

Merging mentions into entities is the rule reader's (:func:`newsml.detect.entities._entities`).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping, Sequence

import attrs
import regex

from newsml.detect import names
from newsml.detect.entities import (
    _NO_IDS,
    EVENT,
    NATIONALITY,
    ORGANISATION,
    PERSON,
    PLACE,
    KnowledgeBase,
    _Found,
    _known,
    _outside,
    _Spans,
    phrases,
)
from newsml.detect.gazetteer import fold, tables

__all__ = ["Decision", "explain", "read"]

_EVENT_NOUN = regex.compile(r"[ \t]++(\p{Ll}++(?:[ \t]\p{Ll}++)?)")
_TITLE_BEFORE = regex.compile(r"(?r)(\p{Lu}\p{Ll}{0,5})\.[ \t]$")  # 'Mr. ', 'Gen. '
_ABBREVIATIONS = frozenset({"corp", "inc", "co", "ltd", "bros", "jr", "sr", "st", "mt", "no"})


def read(text: str, knowledge_base: KnowledgeBase | None = None) -> list[_Found]:
    """Every mention of the text: the knowledge bases' phrases, then the names of its runs,
    its lines in capitals read as the rest of the article writes their words."""
    reading = names.truecase(text)
    found, runs = _claimed(reading, knowledge_base)
    document, read = names.read_names(reading, runs, written=text)
    scores: dict[int, Sequence[float]] = {}  # by id: the evidence of each mention read here
    for run, segments in read:
        for index, segment in enumerate(segments):
            item = _mention(document, run, segments, index)
            if item is not None:
                found.append(item)
                scores[id(item)] = segment.scores
    found = _one_kind_per_name(reading, found, scores)
    if reading is not text:  # a name read from the text is named as the text writes it
        for item in found:
            if item.name == reading[item.start : item.end]:
                item.name = text[item.start : item.end]
    return found


def _claimed(
    text: str, knowledge_base: KnowledgeBase | None
) -> tuple[list[_Found], list[list[names.Token]]]:
    """The names the knowledge bases claim, and the runs (or what is left of them) to read."""
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []  # in order, never overlapping
    for base in (knowledge_base, phrases()):
        if base is None:
            continue
        for start, end, entry in base.find(text):
            # Only the spans either side of its place can overlap a name.
            index = bisect.bisect_left(taken, (start, end))
            if index > 0 and taken[index - 1][1] > start:
                continue
            if index < len(taken) and taken[index][0] < end:
                continue
            found.append(_Found(start, end, entry.kind, entry.name, dict(entry.ids), entry=entry))
            taken.insert(index, (start, end))
    phrases_taken = _Spans(taken)
    runs: list[list[names.Token]] = []
    for tokens in names.runs(text):
        tokens = _with_full_stop(text, tokens)
        if taken and phrases_taken.overlaps(tokens[0][0], tokens[-1][1]):
            # What a phrase left: 'Bank of England' | 'Governor Eddie George'.
            runs.extend(_outside(tokens, phrases_taken))
        else:
            runs.append(tokens)
    return found, runs


@attrs.frozen
class Decision:
    """Why the weighted reader read a stretch of text as it did: the label it chose, the score
    of every label, and each feature with its weight for the chosen label and the runner-up."""

    start: int
    end: int
    text: str
    label: str  # PER, ORG, LOC or MISC
    scores: dict[str, float]
    runner_up: str
    features: tuple[tuple[str, float, float], ...]  # feature, weight for label, for runner-up


def explain(text: str, knowledge_base: KnowledgeBase | None = None) -> list[Decision]:
    """The evidence behind every name the weighted reader found in ``text`` (its second
    reading, with the article's evidence), strongest features first."""
    reading = names.truecase(text)
    _found, runs = _claimed(reading, knowledge_base)
    document, read = names.read_names(reading, runs, written=text)
    model = names.weights()
    out = []
    for run, segments in read:
        caps = names.is_caps(document, run)
        for segment in segments:
            if segment.label == names.O:
                continue
            features = names.candidate_features(document, run, segment.first, segment.last, caps)
            scores = model.score(features)
            label = segment.label
            runner_up = max(
                (index for index in range(len(names.LABELS)) if index != label),
                key=scores.__getitem__,
            )
            weighed = []
            for feature in features:
                vector = model.table.get(feature)
                if vector is not None:
                    weighed.append((feature, vector[label], vector[runner_up]))
            weighed.sort(key=lambda row: -abs(row[1] - row[2]))
            out.append(
                Decision(
                    segment.start,
                    segment.end,
                    text[segment.start : segment.end],
                    names.LABELS[label],
                    dict(zip(names.LABELS, (round(value, 3) for value in scores))),
                    names.LABELS[runner_up],
                    tuple(weighed),
                )
            )
    return out


def _with_full_stop(text: str, tokens: list[names.Token]) -> list[names.Token]:
    """A run's last word with what the tables write with it: 'Calif.', "Lloyd's"."""
    start, end, word = tokens[-1]
    table = tables()
    if text[end : end + 1] == "." and len(word) <= 5 and table.place(fold(word + ".")):
        return [*tokens[:-1], (start, end + 1, word + ".")]
    if text[end : end + 2] in ("'s", "’s"):
        possessive = text[start : end + 2]
        if fold(possessive) in table.organisations:
            return [*tokens[:-1], (start, end + 2, possessive)]
    return tokens


def _mention(
    document: names.Document,
    run: list[names.Token],
    segments: list[names.Segment],
    index: int,
) -> _Found | None:
    """The mention a segment of a run makes, or None (an ordinary word, a name of no kind)."""
    segment = segments[index]
    text = document.text
    start, end = segment.start, segment.end
    name = text[start:end]
    label = segment.label
    if label == names.O:
        return None
    if label in (names.LOC, names.MISC):
        noun_end = _event_after(text, end)  # 'the Minsk agreements', 'the Dayton accords'
        if noun_end:
            return _Found(start, noun_end, EVENT, text[start:noun_end])
    kind, canonical, ids = _known(name)
    if label == names.MISC:
        if kind == NATIONALITY:
            return _Found(start, end, NATIONALITY, canonical, ids)
        if fold(run[segment.last - 1][2]).rstrip(".") in tables().event_last:
            return _Found(start, end, EVENT, name)  # 'World Cup', 'Olympic Games'
        return None
    if label == names.PER:
        return _Found(start, end, PERSON, name, title=_title(document, run, segments, index))
    if label == names.ORG:
        if kind != ORGANISATION:
            canonical, ids = name, _NO_IDS
        last = fold(run[segment.last - 1][2])
        if last in _ABBREVIATIONS and text[end : end + 1] == ".":
            end += 1  # 'Acme Widgets Corp.'
        return _Found(start, end, ORGANISATION, canonical, ids)
    if kind != PLACE:
        canonical, ids = name, _NO_IDS
    return _Found(start, end, PLACE, canonical, ids)


def _title(
    document: names.Document, run: list[names.Token], segments: list[names.Segment], index: int
) -> str | None:
    """The title a person's name comes after ('foreign minister', 'russian foreign minister',
    'mr'), which later joins 'the Russian foreign minister' to the person."""
    table = tables()
    words: list[str] = []
    position = index - 1
    while position >= 0 and segments[position].label == names.O:
        words.insert(0, fold(run[segments[position].first][2]).rstrip("."))
        position -= 1
    for size in range(min(3, len(words)), 0, -1):
        title = " ".join(words[-size:])
        if title in table.titles:
            if size == len(words) and position >= 0:
                before = segments[position]
                nationality = _known(document.text[before.start : before.end])
                if nationality[0] == NATIONALITY:
                    return fold(document.text[before.start : before.end]) + " " + title
            return title
    if index == 0:
        match = _TITLE_BEFORE.search(document.text, max(0, run[0][0] - 8), run[0][0])
        if match is not None and fold(match.group(1)) in table.titles:
            return fold(match.group(1))
    return None


def _event_after(text: str, end: int) -> int:
    """Where the event noun after a name ends ('Minsk *agreements*'), or 0."""
    if text[end : end + 1] not in (" ", "\t"):
        return 0
    match = _EVENT_NOUN.match(text, end, end + 30)
    if match is None:
        return 0
    words = match.group(1)
    event_after = tables().event_after
    if fold(words) in event_after:
        return int(match.end())
    first = words.split()[0]
    return int(match.start(1)) + len(first) if first in event_after else 0


#: The labels of the kinds of _one_kind_per_name, and how much more evidence a mention's own
#: kind needs than the article's to keep it ('at Cincinnati' on a page of 'Cincinnati 66 67').
_LABEL_OF = {PERSON: names.PER, ORGANISATION: names.ORG, PLACE: names.LOC}
_OWN_MARGIN = 14.0


def _one_kind_per_name(
    text: str, found: list[_Found], scores: Mapping[int, Sequence[float]]
) -> list[_Found]:
    """The same words read as different kinds take the kind most of their mentions have (the
    earliest on a tie), unless a mention's own evidence for its kind is much stronger; what
    the knowledge bases say stays as it is."""
    kinds: dict[str, Counter[str]] = {}
    for item in found:
        if item.entry is None and item.kind in (PERSON, ORGANISATION, PLACE):
            kinds.setdefault(fold(text[item.start : item.end]), Counter())[item.kind] += 1
    for item in found:
        if item.entry is not None or item.kind not in (PERSON, ORGANISATION, PLACE):
            continue
        counts = kinds[fold(text[item.start : item.end])]
        if len(counts) > 1:
            kind = max(counts, key=counts.__getitem__)
            own = scores.get(id(item))
            if own is not None and own[_LABEL_OF[item.kind]] - own[_LABEL_OF[kind]] > _OWN_MARGIN:
                continue
            if kind != item.kind:
                item.kind = kind
                item.name, item.ids = text[item.start : item.end], _NO_IDS
                if kind == PLACE or kind == ORGANISATION:
                    known = _known(item.name)
                    if known[0] == kind:
                        item.name, item.ids = known[1], known[2]
    return found
