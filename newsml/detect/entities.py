"""Named entities: people, organisations, places, events, nationalities and dates.

How it reads a text, in order:

1. A user knowledge base (:class:`KnowledgeBase`, see :func:`configure`) claims its names first.
2. Runs of capitalised words, joined by name connectors ('Bank *of* England', 'Charles *de*
   Gaulle', 'Procter *&* Gamble'), are the candidates. Runs split at connectors that do not
   bind ('Russia *and* Ukraine', 'President *of* France').
3. Each run is read against the tables of :mod:`newsml.detect.gazetteer`: organisations an
   editor knows, places (GeoNames), nationalities ('Russian' is a nationality, never a place),
   titles ('Foreign Minister' before a name makes it a person's), organisation words
   ('... Bank', '... Party'), place words ('... River'), event words ('... Cup',
   'the Minsk agreements'), given names. Sentence-initial words, headline capitals and
   possessives ('Lavrov’s' -> 'Lavrov') are handled on the way.
4. What is still unknown is read against the rest of the document (one sense per name:
   'Lavrov' after 'Sergei Lavrov' is the same person), then by context ('X said' is a person,
   'in X' a place, an acronym an organisation).
5. Mentions merge into entities: a surname into the full name, an acronym into its expansion,
   'the Russian foreign minister' into the person introduced with that title, an alias of a
   country into the country. Places get GeoNames ids and countries ISO 3166 codes when the
   gazetteer is unambiguous about them; nothing is guessed.

A story whose first line names a sport ('SOCCER - ...') reads a city standing for a team as an
organisation, as sports pages do.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

import attrs
import regex

from newsml.detect import DETECTORS, names
from newsml.detect.dates import find_dates
from newsml.detect.gazetteer import Place, Tables, fold, organisation_before, tables
from newsml.detect.knowledge import KnowledgeBase, KnowledgeEntry
from newsml.model import Article, Entity, Mention

__all__ = ["KnowledgeBase", "configure", "detect_entities", "entity_detector"]

PERSON, ORGANISATION, PLACE, EVENT, NATIONALITY, DATE = (
    "person",
    "organisation",
    "place",
    "event",
    "nationality",
    "date",
)

_LETTER = r"\p{L}\p{M}\p{Nd}"
_WORD = (
    r"(?:\p{Lu}\.(?:\p{Lu}\.)++"  # U.S., U.N.
    r"|\p{Lu}\.(?=[ \t])"  # an initial: J.
    r"|(?:St|Mt|Ft)\.(?=[ \t]\p{Lu})"  # St. Louis, Mt. Everest
    rf"|\p{{Lu}}[{_LETTER}]*+(?:(?:[-'’&]|-\p{{Ll}}{{1,3}}-)[\p{{Lu}}\p{{Nd}}][{_LETTER}]*+)*+)"
    # Lavrov, O'Neill, AT&T, Inzamam-ul-Haq
)
_CONNECTOR = (
    r"(?:of[ \t]the|of|de|du|des|da|di|do|dos|das|del|della|der|den|van|von|la|le|y|bin|ibn"
    r"|al|el|ter|zu|and|&|for)"
)
#: Every word starts with a capital: testing that first rejects most positions sooner.
_CANDIDATE = regex.compile(
    rf"(?=\p{{Lu}})(?<![{_LETTER}\-'’.&]){_WORD}(?:[ \t]++(?:{_CONNECTOR}[ \t]++)?+{_WORD})*+"
    rf"(?![{_LETTER}]|-\p{{Ll}})",
    regex.VERSION1,
)
_TOKEN = regex.compile(rf"{_WORD}|{_CONNECTOR}(?=[ \t])", regex.VERSION1)
#: Before a player's name on a cricket scorecard: 'c Smith b Wasim', 'lbw b Akram', 'st Moin'.
_PLAYER_CONTEXT = regex.compile(r"(?:^|[ \t])(?:b|c|st|lbw|c&b)[ \t]++$")
_WORDS_AFTER = regex.compile(r"(?:['’]s)?+[ \t]++(\p{Ll}++(?:[ \t]++\p{Ll}++){0,3})")
#: Searched backwards from the name ('(?r)'): the same match as a forward search, found without
#: trying every start position of the window first.
_MODEL_NUMBER_AFTER = regex.compile(r"[ \t][0-9]++(?![0-9,.:/%])")
_TEAM_NICKNAME = regex.compile(r"\p{Lu}\p{Ll}+[^s\W]s")
_SCORE_AFTER = regex.compile(r"(?:[ \t]++\([^()\n]{1,30}\))?+[ \t]++[0-9]")
#: After a player's name: a goal's minute ('Nilis 63rd'), bowling figures ('27-5-78-2').
_PLAYER_AFTER = regex.compile(
    r"[ \t]++\(?[0-9]{1,3}(?:st|nd|rd|th)\b|[ \t]++[0-9]{1,2}-[0-9]{1,2}-[0-9]{1,3}-[0-9]{1,2}\b"
)
#: After a venue in results: 'Bristol: Gloucestershire 183'.
_VENUE = regex.compile(r":")
_OPENERS = frozenset(" \t\"“‘'([")
_ENDERS = frozenset('\n.!?:;"“‘([—')
_INITIAL = regex.compile(r"\p{Lu}\.(?:\p{Lu}\.)?+")
_DOTTED_CAPITALS = regex.compile(r"(?:\p{Lu}\.)++")  # 'U.S.', 'N.'
_DATELINE = regex.compile(r"^[^\n]{2,60}?[ \t]\d{4}-\d\d-\d\d[ \t]*+$", regex.MULTILINE)
#: Endings of surnames in many languages ('Medvedev', 'Kowalski', 'Popescu', 'Papadopoulos').
_SURNAME_ENDING = regex.compile(
    r"(?:ov|ova|ev|eva|sky|ski|ska|ić|vic|vich|escu|enko|chuk|idis|opoulos|akis|sson|ez|"
    r"elli|etti|ucci|oto|awa|ishi|iyama)$"
)
_EVENT_NOUN = regex.compile(r"[ \t]++(\p{Ll}++(?:[ \t]\p{Ll}++)?)")
_SPORTS_HEAD = regex.compile(r"\s[-–—:]\s|:")
_DIGITS_AFTER = regex.compile(r"[ \t]*+\(?[0-9]")
_AGE_AFTER = regex.compile(r",[ \t]++[1-9][0-9],")
_SAID_AFTER = regex.compile(
    r"(?:[ \t]++|,[ \t]++)(?:said|says|told|added|stated|argued|insisted|wrote|explained|"
    r"replied|who)\b"
)
_PLACE_BEFORE = regex.compile(
    r"\b(?:in|at|near|from|to|of|outside|across|into)[ \t]++$", regex.IGNORECASE
)
_ABBREVIATIONS = frozenset({"corp", "inc", "co", "ltd", "bros", "jr", "sr", "st", "mt", "no"})
#: Words in the longest name read whole; longer runs are read in pieces of this size.
_LONGEST_NAME = 10
_PARTICLES = frozenset(
    {
        "de",
        "du",
        "des",
        "da",
        "di",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "y",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
        "zu",
    }
)

_knowledge_base: KnowledgeBase | None = None
#: The reader of names: "rules" (the default) or "weighted" (:mod:`newsml.detect.weighted`),
#: chosen with configure() or, for every process of a run, NEWSML_ENTITY_READER.
READERS = ("rules", "weighted")
_reader = os.environ.get("NEWSML_ENTITY_READER") or "rules"
#: No identifiers: one read-only mapping shared by every mention without any.
_NO_IDS: Mapping[str, str] = MappingProxyType({})


#: configure()'s default: leave the knowledge base as it is.
_UNCHANGED: object = object()


def configure(
    knowledge_base: KnowledgeBase | str | Path | None | object = _UNCHANGED,
    *,
    reader: str | None = None,
) -> None:
    """Set (or, with None, clear) the knowledge base the registered detector uses, and, when
    given, its reader of names: "rules" (the default) or "weighted"."""
    global _knowledge_base, _reader
    if reader is not None:
        if reader not in READERS:
            raise ValueError(f"entity reader {reader!r}: expected one of {', '.join(READERS)}")
        _reader = reader
    if knowledge_base is _UNCHANGED:
        return
    if isinstance(knowledge_base, (str, Path)):
        knowledge_base = KnowledgeBase.load(knowledge_base)
    assert knowledge_base is None or isinstance(knowledge_base, KnowledgeBase)
    _knowledge_base = knowledge_base


@attrs.define
class _Found:
    """One mention being read: where it is, what it is taken for, and why."""

    start: int
    end: int
    kind: str | None
    name: str
    ids: Mapping[str, str] = _NO_IDS
    title: str | None = None  # 'russian foreign minister' when introduced so
    entry: KnowledgeEntry | None = None
    single: bool = False  # one word, unknown: read later against the document
    sentence_start: bool = False
    caps: bool = False


class _Reader:
    """Reads one text: candidates, their parts, and what each part is."""

    def __init__(self, text: str, knowledge_base: KnowledgeBase | None) -> None:
        self.text = text
        self.tables: Tables = tables()
        self.knowledge_base = knowledge_base
        self.lines = text.split("\n")
        self.line_starts = list(
            itertools.accumulate((len(line) + 1 for line in self.lines[:-1]), initial=0)
        )
        self.caps_lines = {number for number, line in enumerate(self.lines) if line.isupper()}
        # 'Only 24 Percent of Contributors Are Small Donors': asked of the lines names stand on.
        self.title_lines: dict[int, bool] = {}
        self.strict = False
        self.team_sport = False
        self.sports = self._is_sports()
        self.datelines = {self.line_of(m.start()) for m in _DATELINE.finditer(text)}
        self.found: list[_Found] = []

    def _is_title_line(self, line: int) -> bool:
        """Whether line number ``line`` (no line of capitals) is a headline in title case."""
        title = self.title_lines.get(line)
        if title is None:
            words = self.lines[line]
            title = len(words) < 200 and _is_title_case(words, self.tables)
            self.title_lines[line] = title
        return title

    def _is_sports(self) -> bool:
        first = self.text.lstrip()[:60]
        head = _SPORTS_HEAD.split(first, maxsplit=1)[0]
        self.team_sport = self.tables.sports.get(fold(head)) == "team"
        return fold(head) in self.tables.sports

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset) - 1

    # -- candidates -------------------------------------------------------------------------

    def read(self) -> list[_Found]:
        taken: list[tuple[int, int]] = []  # in order, never overlapping
        # The user's knowledge base first, then the table's names that no run of capitalised
        # words holds whole ('Organisation for Security and Cooperation in Europe').
        for base in (self.knowledge_base, phrases()):
            if base is None:
                continue
            for start, end, entry in base.find(self.text):
                # Only the spans either side of its place can overlap a name.
                index = bisect.bisect_left(taken, (start, end))
                if index > 0 and taken[index - 1][1] > start:
                    continue
                if index < len(taken) and taken[index][0] < end:
                    continue
                self.found.append(
                    _Found(start, end, entry.kind, entry.name, dict(entry.ids), entry=entry)
                )
                taken.insert(index, (start, end))
        title_end: tuple[int, str] | None = None  # where the name after 'Mr.' starts
        phrases_taken = _Spans(taken)
        text = self.text
        for match in _CANDIDATE.finditer(text):
            start, end = match.span()
            run = match.group()
            if " " in run or "\t" in run:
                # Read within the run's bounds, as if the text ended with the run.
                tokens = [
                    (t.start(), t.end(), t.group()) for t in _TOKEN.finditer(text, start, end)
                ]
            else:
                tokens = [(start, end, run)]
            if taken and phrases_taken.overlaps(start, end):
                # What a phrase of the knowledge base left: 'Bank of England' | 'Governor Eddie
                # George'.
                for group in _outside(tokens, phrases_taken):
                    self._read_tokens(group, None)
                title_end = None
                continue
            title_end = self._read_tokens(tokens, title_end)
        return self.found

    def _read_tokens(
        self, tokens: list[tuple[int, int, str]], title_end: tuple[int, str] | None
    ) -> tuple[int, str] | None:
        """Read one run; returns where a name after its closing title ('Mr.') would start."""
        start, end = tokens[0][0], tokens[-1][1]
        if self.text[end : end + 1] == "." and len(tokens[-1][2]) <= 5:
            dotted = tokens[-1][2] + "."  # 'Calif.', 'Tenn.'
            if self.tables.place(fold(dotted)) is not None:
                tokens[-1] = (tokens[-1][0], end + 1, dotted)
                end += 1
        if self.text[end : end + 2] in ("'s", "’s"):
            possessive = self.text[tokens[-1][0] : end + 2]  # "Lloyd's", "Moody's"
            if fold(possessive) in self.tables.organisations:
                tokens[-1] = (tokens[-1][0], end + 2, possessive)
                end += 2
        if len(tokens) > _LONGEST_NAME:
            # No name is this long: read the run in pieces, which keeps time linear.
            for index in range(0, len(tokens), _LONGEST_NAME):
                self._read_run(tokens[index : index + _LONGEST_NAME])
            return None
        line = self.line_of(start)
        if title_end is not None and title_end[0] <= start <= title_end[0] + 1 and len(tokens) < 6:
            parts = self._split(tokens)
            self._read_named(parts[0], title_end[1])  # 'Mr. Obama', 'Gen. Lebed'
            for part in parts[1:]:
                self._read_part(part)
        elif line in self.caps_lines or len(tokens) > 1 and self.text[start:end].isupper():
            self._read_caps(tokens)
        else:
            self.strict = self._is_title_line(line)
            self._read_run(tokens)
        if self.text[end : end + 2] == ". " and fold(tokens[-1][2]) in self.tables.titles:
            return end + 2, fold(tokens[-1][2])
        return None

    def _read_caps(self, tokens: list[tuple[int, int, str]]) -> None:
        """Headline capitals: only names the tables or the document know are taken."""
        words = [t for t in tokens if t[2] not in ("&",)]
        index = 0
        while index < len(words):
            for size in range(min(4, len(words) - index), 0, -1):
                start, end = words[index][0], words[index + size - 1][1]
                name = self.text[start:end]
                kind, canonical, ids = _known(name)
                if (
                    kind is None
                    and size == 1
                    and name.isupper()
                    and fold(name) not in self.tables.common
                ):
                    self.found.append(_Found(start, end, None, name, single=True, caps=True))
                    index += 1
                    break
                if kind is not None:
                    following = words[index + size] if index + size < len(words) else None
                    if following is not None and fold(following[2]) in self.tables.event_last:
                        end = following[1]  # 'U.S. OPEN'
                        kind, canonical, ids, size = EVENT, self.text[start:end], {}, size + 1
                    self.found.append(_Found(start, end, kind, canonical, ids, caps=True))
                    index += size
                    break
            else:
                index += 1

    def _read_run(self, tokens: list[tuple[int, int, str]]) -> None:
        whole = self.text[tokens[0][0] : tokens[-1][1]]
        kind, canonical, ids = _known(whole)
        if kind is None and len(tokens) == 1 and fold(whole) in self.tables.common:
            return  # 'The', 'But' alone: what _read_part would strip, leaving nothing
        if kind is not None and not (kind == PLACE and self._event_after(tokens[-1][1])):
            self._add(tokens[0][0], tokens[-1][1], kind, canonical, ids)
            return
        for part in self._split(tokens):
            self._read_part(part)

    def _split(self, tokens: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
        if len(tokens) <= 2:
            # A run splits only at a word inside it ('&' anywhere joins): none in two words.
            return [tokens[:]]
        tables = self.tables
        parts: list[list[tuple[int, int, str]]] = [[]]
        for index, token in enumerate(tokens):
            word = token[2]
            key = fold(word)
            is_connector = (
                index > 0
                and index < len(tokens) - 1
                and (key in _PARTICLES or key in {"of", "of the", "and", "&", "for"})
                and word[0].islower()
                or word == "&"
            )
            if not is_connector:
                if 0 < index < len(tokens) - 1 and key in tables.title_case_words:
                    parts.append([])  # 'Key Test In U.S. Court': title case, not a name
                    continue
                parts[-1].append(token)
                continue
            previous = fold(tokens[index - 1][2]).rstrip(".")
            if (
                key in _PARTICLES
                or word == "&"
                or key in ("of", "of the")
                and (
                    previous in tables.org_heads
                    or previous in tables.place_before_of
                    or previous in tables.org_words
                    or previous in tables.event_last
                )
                or key == "for"
                and (previous in tables.org_words or previous in tables.org_heads)
                or f"{previous} {key} {fold(tokens[index + 1][2])}" in tables.titles
                or key == "and"
                and all(fold(t[2]).rstrip(".") in tables.org_words for t in tokens[index + 1 :])
            ):
                parts[-1].append(token)
            else:
                parts.append([])
        return [part for part in parts if part]

    def _read_part(self, part: list[tuple[int, int, str]], *, nested: bool = False) -> None:
        tables = self.tables
        text = self.text
        sentence_start = not nested and _starts_sentence(text, part[0][0])
        # Leading and trailing ordinary words ('The', 'But', 'Friday'), unless the whole is known
        # ('New York', 'The Hague').
        while part:
            kind, canonical, ids = _known(text[part[0][0] : part[-1][1]])
            if kind == PLACE and self._event_after(part[-1][1]):
                noun_end = self._event_after(part[-1][1])  # 'the Minsk agreements'
                self._add(part[0][0], noun_end, EVENT, text[part[0][0] : noun_end])
                return
            if kind is not None:
                self._add(
                    part[0][0], part[-1][1], kind, canonical, ids, sentence_start=sentence_start
                )
                return
            if fold(part[0][2]) in tables.common:
                part = part[1:]
                sentence_start = False
            elif fold(part[-1][2]) in tables.common or part[-1][2][0].islower():
                part = part[:-1]
            else:
                break
        if not part or len(part) == 1 and len(part[0][2]) == 1:
            return  # nothing, or a letter alone
        start, end = part[0][0], part[-1][1]
        name = text[start:end]
        keys = [fold(t[2]).rstrip(".") for t in part]
        last = keys[-1]
        if (
            fold(name) in tables.misc_words
            or len(part) > 1
            and _describing_words().issuperset(keys)
        ):
            return
        # Before the words that end an organisation's name; it needs a word on either side.
        inner = self._inner_title(keys) if len(keys) > 2 else None
        if inner is not None:  # 'NYPD Commissioner James O’Neill'
            index, inner_title = inner
            named = part[index + len(inner_title.split()) :]
            left = text[start : part[index - 1][1]]
            if _known(left)[0] == NATIONALITY:
                # So that 'the Russian foreign minister' joins the person later.
                inner_title = fold(left) + " " + inner_title
            self._read_part(part[:index], nested=True)
            self._read_named(named, inner_title)
            return
        if len(part) > 1 and (last in tables.org_words or "&" in keys):
            self._add(start, self._abbreviated(end, last), ORGANISATION, name)
            return
        if len(part) == 1 and (last in tables.org_words or last in tables.titles):
            return  # 'Police', 'President' alone name nothing
        if last in tables.work_words:
            return  # 'Clean Air Act', 'Crime Bill': a law or a work, none of our kinds
        while len(part) > 1 and keys[0] in tables.misc_words:
            part, keys = part[1:], keys[1:]  # 'Republican Donald Trump'
            start = part[0][0]
            name = text[start:end]
        if last in tables.event_last and len(part) > 1:
            self._add(start, end, EVENT, name)
            return
        if len(part) == 1 and (
            keys[0] in tables.misc_words or keys[0].rstrip("s") in tables.misc_words
        ):
            return
        if len(keys) > 2 and keys[1] in ("of", "of the"):
            if keys[0] in tables.org_heads:
                self._add(start, end, ORGANISATION, name)  # 'Bank of England'
                return
            if keys[0] in tables.place_before_of:
                self._add(start, end, PLACE, name)  # 'Gulf of Mexico'
                return
        if (
            len(part) > 1
            and part[0][2].isupper()
            and 2 <= len(part[0][2]) <= 4
            and part[0][2].isalpha()
            and _known(part[0][2])[0] is None
            and keys[0] not in tables.titles
        ):
            self._add(start, end, ORGANISATION, name)  # 'RAO Gazprom', 'FK Jablonec', 'AC Milan'
            return
        if (
            self.team_sport
            and _SCORE_AFTER.match(text, end)
            and _known(part[0][2])[0] == PLACE
            and not _INITIAL.fullmatch(part[0][2])
        ):
            self._add(start, end, ORGANISATION, name)  # 'Sydney Bulldogs 21 10 0 11'
            return
        # A known name first: 'U.S. President Bill Clinton', 'New York Dow Jones'.
        prefix = None
        for size in range(min(3, len(part) - 1), 0, -1):  # leaving at least one word after it
            if size == 1 and keys[0] in tables.given_names:
                break  # 'Lindsay Davenport', 'David Carter': a given name before a place name
            found = _known(text[start : part[size - 1][1]])
            if found[0] is not None:
                prefix = size, found
                break
        if prefix is not None and prefix[1][0] == PLACE and not self.team_sport:
            # A city before an unknown word is no sure split: 'Paris Hilton', 'Merrick Garland'.
            place = _place(tables, fold(text[start : part[prefix[0] - 1][1]]))
            following = keys[prefix[0]]
            if (
                place is not None
                and place.kind in ("city", "state", "province")
                and prefix[0] == len(part) - 1
                and _TEAM_NICKNAME.fullmatch(part[-1][2])
                and following not in tables.nationalities
                and following.rstrip("s") not in tables.nationalities
            ):
                self._add(start, end, ORGANISATION, name)  # 'St. Louis Cardinals', 'Chicago Bulls'
                return
            if (
                place is not None
                and place.kind == "city"
                and following not in tables.titles
                and following not in tables.given_names
                and not self._is_sure_name(part[prefix[0]][2])
            ):
                prefix = None
        if prefix is not None:
            size, (kind, canonical, ids) = prefix
            rest_keys = keys[size:]
            if (
                self.team_sport
                and kind == PLACE
                and rest_keys[0] not in tables.given_names
                and rest_keys[0] not in tables.titles
                and not _PLAYER_AFTER.match(text, end)
            ):
                self._add(start, end, ORGANISATION, name)  # 'Boston Red Sox'
                return
            if kind == ORGANISATION and _known(text[part[size][0] : end])[0] == PLACE:
                self._add(start, end, ORGANISATION, name)  # 'Toyota Australia'
                return
            if kind in (PLACE, NATIONALITY) and self._organisation_shaped(part[size:], keys[size:]):
                self._add(start, end, ORGANISATION, name)  # 'U.S. Court of Appeals', 'Dutch PTT'
                return
            self._add(start, part[size - 1][1], kind, canonical, ids)
            if kind == NATIONALITY:
                nationality_words = " ".join(keys[:size])
                rest = part[size:]
                rest_title = self._title(keys[size:])
                if rest_title is not None:
                    self._read_named(
                        rest[len(rest_title.split()) :], nationality_words + " " + rest_title
                    )
                    return
            self._read_part(part[size:], nested=True)
            return
        # A player: 'Nilis 63rd', 'Mushtaq Ahmed 27-5-78-2', 'b Mushtaq Ahmed'.
        if self.sports and (
            _PLAYER_AFTER.match(text, end) or _PLAYER_CONTEXT.search(text, max(0, start - 8), start)
        ):
            self._add(start, end, PERSON, name)
            return
        # A known place last, after an unknown word: 'Ajax Amsterdam', 'Bayern Munich'.
        if len(part) > 1 and self.team_sport:
            found = _known(text[part[-1][0] : end])
            if (
                found[0] == PLACE
                and keys[0] not in tables.given_names
                and not _INITIAL.fullmatch(part[0][2])  # 'J. Crawley' is a player
            ):
                self._add(start, end, ORGANISATION, name)
                return
        if (
            len(part) > 2
            and keys[1] in tables.given_names
            and keys[0] not in tables.given_names
            and not part[0][2].endswith(".")
        ):
            self._read_part(part[1:], nested=True)  # 'State Hillary Clinton'
            return
        if (
            sentence_start
            and len(part) > 1
            and keys[0] not in tables.given_names
            and not _INITIAL.fullmatch(part[0][2])
            and (
                _known(text[part[1][0] : end])[0] is not None
                or len(part) > 2
                and keys[1] in tables.given_names
            )
        ):
            self._read_part(part[1:], nested=True)  # 'Defiant U.S. neo-Nazi'
            return
        title = self._title(keys) if len(keys) > 1 else None  # a title needs a name after it
        if title is not None:
            self._read_named(part[len(title.split()) :], title)
            return
        if len(part) == 1 and keys[0] in tables.titles:
            return  # a title alone
        self._read_plain(part, keys, sentence_start)

    def _is_sure_name(self, word: str) -> bool:
        """Known, and not merely as a city's name (many surnames are towns somewhere)."""
        kind = _known(word)[0]
        if kind is None:
            return False
        place = _place(self.tables, fold(word)) if kind == PLACE else None
        return place is None or place.kind != "city"

    def _inner_title(self, keys: list[str]) -> tuple[int, str] | None:
        """A title inside a run, with one to three words after it: where it starts, and it."""
        for index in range(1, len(keys) - 1):
            for size in (3, 2, 1):
                title = " ".join(keys[index : index + size])
                if title in self.tables.titles and 0 < len(keys) - index - size <= 3:
                    return index, title
        return None

    def _organisation_shaped(self, part: list[tuple[int, int, str]], keys: list[str]) -> bool:
        """An organisation's name by its shape: 'Court of Appeals', 'PTT', 'Foreign Ministry'."""
        tables = self.tables
        if (
            keys[-1] in tables.org_words
            or len(keys) > 2
            and keys[1] in ("of", "of the")
            and (keys[0] in tables.org_heads)
        ):
            return True
        word = part[0][2]
        return (
            len(part) == 1 and word.isupper() and 2 <= len(word) <= 5 and (_known(word)[0] is None)
        )

    def _title(self, keys: list[str]) -> str | None:
        """The title a part's keys start with, when a name follows it ('Foreign Minister')."""
        for size in (3, 2, 1):
            if len(keys) > size and " ".join(keys[:size]) in self.tables.titles:
                return " ".join(keys[:size])
        return None

    def _read_named(self, part: list[tuple[int, int, str]], title: str) -> None:
        """The name after a title: a person's, unless the tables know it as something else."""
        if not part:
            return
        start, end = part[0][0], part[-1][1]
        name = self.text[start:end]
        kind, canonical, ids = _known(name)
        if kind == ORGANISATION:
            self._add(start, end, kind, canonical, ids)
        else:  # 'Mr. Obama' is no Japanese city
            self._add(start, end, PERSON, name, title=title)

    def _read_plain(
        self, part: list[tuple[int, int, str]], keys: list[str], sentence_start: bool
    ) -> None:
        tables = self.tables
        text = self.text
        start, end = part[0][0], part[-1][1]
        name = text[start:end]
        last = keys[-1]
        if len(part) > 1 and (last in tables.place_last or keys[0] in tables.place_first):
            self._add(start, end, PLACE, name)
        elif self._event_after(end):
            noun_end = self._event_after(end)
            self._add(start, noun_end, EVENT, text[start:noun_end])
        elif (
            len(part) > 1
            and (
                keys[0] in tables.given_names
                or _INITIAL.fullmatch(part[0][2])
                or any(k in _PARTICLES for k in keys[1:-1])
            )
            or _AGE_AFTER.match(text, end, end + 40)
        ):
            self._add(start, end, PERSON, name)
        else:
            # In a title-case headline only what the rest of the text confirms is kept.
            self.found.append(
                _Found(
                    start,
                    end,
                    None,
                    name,
                    single=len(part) == 1,
                    sentence_start=sentence_start,
                    caps=self.strict,
                )
            )

    def _event_after(self, end: int) -> int:
        if self.text[end : end + 1] not in (" ", "\t"):
            return 0  # _EVENT_NOUN starts with a space or a tab
        match = _EVENT_NOUN.match(self.text, end, end + 30)
        if match is None:
            return 0
        words = match.group(1)
        if fold(words) in self.tables.event_after:
            return int(match.end())
        first = words.split()[0]
        return int(match.start(1)) + len(first) if first in self.tables.event_after else 0

    def _abbreviated(self, end: int, last: str) -> int:
        if last in _ABBREVIATIONS and self.text[end : end + 1] == ".":
            return end + 1
        return end

    def _add(
        self,
        start: int,
        end: int,
        kind: str | None,
        name: str,
        ids: Mapping[str, str] | None = None,
        *,
        title: str | None = None,
        sentence_start: bool = False,
    ) -> None:
        self.found.append(
            _Found(
                start, end, kind, name, ids or _NO_IDS, title=title, sentence_start=sentence_start
            )
        )


@functools.cache
def phrases() -> KnowledgeBase:
    """Organisations of the table whose names hold lowercase words or '&', found as phrases."""
    names: dict[str, list[str]] = {}
    for alias, canonical in tables().organisation_names.items():
        if any(word[0].islower() or word == "&" for word in alias.split()):
            names.setdefault(canonical, []).append(alias)
    return KnowledgeBase(
        KnowledgeEntry(canonical, ORGANISATION, aliases) for canonical, aliases in names.items()
    )


@functools.cache
def _describing_words() -> frozenset[str]:
    """Words that describe rather than name ('Republican', 'Russian'): a part made of them
    alone names nothing."""
    table = tables()
    return table.misc_words | table.nationalities.keys()


def _starts_sentence(text: str, start: int) -> bool:
    """Whether only opening quotes and brackets stand between ``start`` and a sentence's end,
    a line's start or a dash."""
    index = start - 1
    while index >= 0 and text[index] in _OPENERS:
        if text[index] in '(["“‘':
            return True  # an opening bracket or quotation mark starts a new stretch of text
        if text[index] in " \t" and text[index - 1 : index] == "-":
            return True  # ' - ' as in 'SOCCER - JAPAN' or a dash
        index -= 1
    return index < 0 or text[index] in _ENDERS


def _is_title_case(line: str, tables: Tables) -> bool:
    """A headline in title case: nearly every word of four letters or more is capitalised, and
    so is an ordinary word after the first ('... Contributors *Are* Small Donors', '... Test *In*
    U.S. Court'); a list of names ('Given, Breen, Staunton') is not."""
    if line.count(",") > 1:
        return False
    words = line.split()
    long_words = [word for word in words if len(word) > 3 and word[0].isalpha()]
    capitalised = sum(1 for word in long_words if word[0].isupper())
    if len(long_words) < 3 or capitalised < 0.8 * len(long_words):
        return False
    return any(
        word[0].isupper() and (fold(word) in tables.common or fold(word) in tables.title_case_words)
        for word in words[1:]
    )


class _Spans:
    """Spans of the text already taken, asked whether a stretch overlaps one of them: sorted
    once, each question a bisection rather than a pass over every span."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        #: The furthest end of the spans up to each one.
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``start:end`` shares a character with a span (those starting before its end)."""
        before = bisect.bisect_left(self.starts, end)
        return before > 0 and self.reach[before - 1] > start


def _outside(tokens: list[tuple[int, int, str]], taken: _Spans) -> list[list[tuple[int, int, str]]]:
    """The stretches of ``tokens`` that no taken span covers, connectors trimmed off."""
    groups: list[list[tuple[int, int, str]]] = [[]]
    for token in tokens:
        if taken.overlaps(token[0], token[1]):
            groups.append([])
        else:
            groups[-1].append(token)
    out = []
    for group in groups:
        while group and group[0][2][0].islower():
            group = group[1:]
        while group and group[-1][2][0].islower():
            group = group[:-1]
        if group:
            out.append(group)
    return out


@functools.lru_cache(maxsize=1 << 16)
def _known(name: str) -> tuple[str | None, str, Mapping[str, str]]:
    """What the tables say a whole name is: the same in every text, so cached across texts;
    the identifiers are read-only, shared by every mention that takes them."""
    key = fold(name)
    table = tables()
    canonical = table.organisations.get(key)
    if canonical is not None:
        return ORGANISATION, canonical, _NO_IDS
    place = _place(table, key)
    if place is not None:
        return PLACE, place.name, MappingProxyType(_place_ids(place))
    nationality = table.nationalities.get(key)
    if nationality is None and key.endswith("s"):
        nationality = table.nationalities.get(key[:-1])
    if nationality is not None:
        return (
            NATIONALITY,
            nationality[0],
            MappingProxyType({"iso3166-1a2": nationality[1]}) if nationality[1] else _NO_IDS,
        )
    return None, name, _NO_IDS


def _place(tables: Tables, key: str) -> Place | None:
    """The place a folded name stands for, trying 'Calif.' as 'Calif' and 'St' as 'Saint'."""
    return names.place_of(tables, key)


def _place_ids(place: Place) -> dict[str, str]:
    ids = {}
    if place.kind == "country" and place.country:
        ids["iso3166-1a2"] = place.country
    if place.geonames:
        ids["geonames"] = place.geonames
    return ids


# -- the document pass: unknown names, sports teams, one sense per name ---------------------


def _resolve(reader: _Reader) -> list[_Found]:
    text = reader.text
    tables = reader.tables
    found = reader.found
    known: dict[str, tuple[str, str, Mapping[str, str]]] = {}  # fold(name) -> kind, name, ids
    surnames: dict[str, str] = {}  # fold(surname) -> full name of a person in this text
    keys = [fold(text[item.start : item.end]) for item in found]  # the spans do not move
    for item, key in zip(found, keys):
        if item.kind is None or item.caps or item.kind in (NATIONALITY, DATE):
            continue
        known.setdefault(key, (item.kind, item.name, item.ids))
        if item.kind == PERSON:
            _remember_person(surnames, item.name)
    # Unknown names of several words first: a person guessed here lends its surname to the rest.
    for item, key in zip(found, keys):
        if item.kind is None and not item.caps and not item.single:
            if key in known:
                continue
            item.kind = _guess(reader, item)
            if item.kind == PERSON and _known(item.name.split()[-1])[0] is None:
                _remember_person(surnames, item.name)
    out = []
    guessed: dict[str, list[_Found]] = {}
    pending: list[tuple[str, _Found]] = []
    for item, key in zip(found, keys):
        if (
            item.entry is None
            and (item.kind in (PLACE, ORGANISATION, None))
            and key in surnames
            and len(key.split()) == 1
        ):
            item.kind, item.name, item.ids = PERSON, surnames[key], {}
        elif item.kind is None:
            if key in known:
                item.kind, item.name, item.ids = known[key]
            elif key in surnames:
                item.kind, item.name = PERSON, surnames[key]
            elif reader.line_of(item.start) in reader.datelines:
                item.kind = PLACE  # 'BELCHATOW, Poland 1996-08-27'
            elif item.caps:
                continue
            else:
                item.kind = _guess(reader, item)
                if item.kind is None:
                    if item.sentence_start:
                        pending.append((key, item))  # may take the word's sense elsewhere
                    continue
                guessed.setdefault(key, []).append(item)
        if item.kind == PLACE and reader.team_sport and item.entry is None:
            place = _place(tables, key)
            line = reader.line_of(item.start)
            if (
                place is not None
                and place.kind in ("city", "state", "province")
                and not _PLACE_BEFORE.search(text, max(0, item.start - 12), item.start)
                and line not in reader.datelines
                and not _VENUE.match(text, item.end)
                and text[item.start - 1 : item.start] != "("
            ):
                item.kind = ORGANISATION
                item.ids = {}
        out.append(item)
    # A sentence's first word, left unread, takes the sense it has elsewhere in the text.
    for key, item in pending:
        if key in guessed:
            item.kind, item.name = guessed[key][0].kind, guessed[key][0].name
            guessed[key].append(item)
            out.append(item)
    # One sense per name: a word guessed several times takes its most frequent guess.
    for items in guessed.values():
        if len(items) > 1:
            kinds = [item.kind for item in items]
            counts = Counter(kinds)  # counted once; a tie goes to the earliest guess
            common = max(kinds, key=counts.__getitem__)
            for item in items:
                item.kind = common
    return out


def _organisation_context(text: str, start: int, end: int, tables: Tables) -> bool:
    """'shares in X', 'X chairman', 'X's profit': the words around a company's name."""
    after = _WORDS_AFTER.match(text, end)
    if after is not None:
        words = after.group(1).casefold().split()
        if any(" ".join(words[:size]) in tables.org_after for size in (1, 2, 4)):
            return True
    return organisation_before(text, start, tables.org_before)


def _remember_person(surnames: dict[str, str], name: str) -> None:
    words = name.split()
    if len(words) > 1:
        surnames.setdefault(fold(words[-1]), name)
        if len(words) > 2 and fold(words[-2]) not in _PARTICLES:
            surnames.setdefault(fold(" ".join(words[-2:])), name)


def _guess(reader: _Reader, item: _Found) -> str | None:
    """What an unknown name most likely is, from its shape and its neighbours."""
    text = reader.text
    name = text[item.start : item.end]
    tables = reader.tables
    words = name.split()
    if len(name) == 1:
        return None
    if len(words) == 1 and (
        name.isupper() and 2 <= len(name) <= 6 or _DOTTED_CAPITALS.fullmatch(name)
    ):
        return ORGANISATION
    if _organisation_context(text, item.start, item.end, tables):
        return ORGANISATION
    if item.sentence_start and len(words) == 1 and not reader.sports:
        key = fold(name)
        return PERSON if _SURNAME_ENDING.search(key) or _SAID_AFTER.match(text, item.end) else None
    if _SAID_AFTER.match(text, item.end):
        return PERSON
    if _AGE_AFTER.match(text, item.end):
        return PERSON
    if len(words) == 1 and _PLACE_BEFORE.search(text, max(0, item.start - 12), item.start):
        return (
            PLACE
            if len(words) == 1 and not reader.sports
            else (ORGANISATION if reader.sports else PLACE)
        )
    if len(words) == 1:
        key = fold(name)
        surname = key in tables.surnames or bool(_SURNAME_ENDING.search(key))
        if not reader.sports and _MODEL_NUMBER_AFTER.match(text, item.end):
            return None  # 'Windows 95', a product
        if reader.sports:
            if _DIGITS_AFTER.match(text, item.end):
                return ORGANISATION
            return (
                PERSON
                if surname or _PLAYER_CONTEXT.search(text, max(0, item.start - 8), item.start)
                else ORGANISATION
            )
        if item.sentence_start:
            return PERSON if surname else None
        return PERSON if surname or key in tables.given_names else ORGANISATION
    if reader.sports and _PLAYER_AFTER.match(text, item.end):
        return PERSON
    if reader.team_sport and _SCORE_AFTER.match(text, item.end):
        return ORGANISATION  # 'Sydney Bulldogs 21 10 0 11', 'Hapoel Ironi (Israel) 3'
    return PERSON if len(words) <= 3 else ORGANISATION


# -- entities: merging mentions ------------------------------------------------------------


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _entities(text: str, found: list[_Found]) -> tuple[Entity, ...]:
    groups: dict[tuple[str, str], list[_Found]] = {}
    order: list[tuple[str, str]] = []
    # A rule-found mention named like a knowledge-base entry ('Lavrov' read as 'Sergei Lavrov')
    # joins that entry's entity.
    from_base = {(f.kind, fold(f.entry.name)): f.entry for f in found if f.entry is not None}
    for item in sorted(found, key=lambda f: (f.start, -f.end)):
        if item.kind is None:
            continue
        if item.entry is None and from_base:
            item.entry = from_base.get((item.kind, fold(item.name)))
        key = (item.kind, _identity(item))
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(item)
    # Short forms into long ones: persons by surname, organisations by acronym.
    # A knowledge base's person takes the short forms of its name too ('Doerfler').
    persons = {k: fold(k[1].removeprefix("kb:")).split() for k in order if k[0] == PERSON}
    # Every way a longer name can be shortened: its last words, and its first word alone.
    shortened: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for key, words in persons.items():
        for size in range(1, len(words)):
            shortened.setdefault(tuple(words[-size:]), []).append(key)
        if len(words) > 1:
            shortened.setdefault((words[0],), []).append(key)
    for key in sorted(persons, key=lambda k: len(persons[k])):
        if key[1].startswith("kb:"):
            continue  # the user's entity stays whole
        longer = [k for k in shortened.get(tuple(persons[key]), ()) if k in groups and k != key]
        if len(set(longer)) == 1:  # 'Lavrov', 'De Blasio' into 'Sergei Lavrov', 'Bill de Blasio'
            groups[longer[0]].extend(groups.pop(key))
    organisations = [k for k in order if k[0] == ORGANISATION]
    expansions: dict[str, list[tuple[str, str]]] = {}  # acronym -> organisations of its words
    for key in organisations:
        name = groups[key][0].name
        if len(name.split()) > 1:
            expansions.setdefault(_acronym(name), []).append(key)
    for key in organisations:
        name = groups[key][0].name
        if not (name.isupper() and 2 <= len(name) <= 6):
            continue
        longer = [k for k in expansions.get(name, ()) if k != key and k in groups]
        if len(longer) == 1:
            groups[longer[0]].extend(groups.pop(key))
    order = [key for key in order if key in groups]  # without the short forms merged away
    _merge_titles(text, groups, order)
    entities = []
    for key in order:
        items = groups[key]
        mentions: dict[tuple[int, int], Mention] = {}
        for item in items:
            span = item.start, item.end
            if span not in mentions:
                mentions[span] = Mention(item.start, item.end, text[item.start : item.end])
        name = items[0].name
        if len(items) > 1:
            name = max((item.name for item in items), key=_fullness)
        ids: dict[str, str] = {}
        for item in items:
            if item.entry is None and key[0] in (PERSON, ORGANISATION, EVENT):
                continue  # identifiers of people and organisations come only from the user
            for scheme, code in item.ids.items():
                ids.setdefault(scheme, code)
        spans = sorted(mentions)
        entities.append((spans[0], key[0], name, tuple(mentions[span] for span in spans), ids))
    entities.sort(key=lambda e: e[0])
    return tuple(
        Entity(f"e{number}", kind, name, mentions, ids)  # id, kind, name, mentions, ids
        for number, (_, kind, name, mentions, ids) in enumerate(entities, 1)
    )


def _fullness(name: str) -> tuple[int, int]:
    """The fuller of two names: more words, then more characters."""
    return len(name.split()), len(name)


def _identity(item: _Found) -> str:
    if item.entry is not None:
        return "kb:" + item.entry.name
    if item.kind == DATE:
        return item.name
    geonames = item.ids.get("geonames") or item.ids.get("iso3166-1a2")
    if geonames:
        return "id:" + geonames
    return fold(item.name)


@functools.lru_cache(maxsize=1024)
def _title_pattern(title: str) -> re.Pattern[str]:
    """'the' and the title's words, case ignored. The standard library compiles such a literal
    pattern in a tenth of the time the regex module takes (about 3 ms), and titles recur."""
    words = [re.escape(word) for word in ("the", *title.split())]
    return re.compile(r"\b" + r"[ \t]++".join(words) + r"\b", re.IGNORECASE)


def _merge_titles(
    text: str, groups: dict[tuple[str, str], list[_Found]], order: list[tuple[str, str]]
) -> None:
    """'the Russian foreign minister' joins the one person introduced with that title."""
    holders: dict[str, list[tuple[str, str]]] = {}
    for key in order:
        if key[0] != PERSON:
            continue
        for title in {item.title for item in groups[key] if item.title}:
            if title is not None and len(title.split()) > 1:
                holders.setdefault(title, []).append(key)
    for title, keys in holders.items():
        if len(keys) != 1:
            continue
        holder = groups[keys[0]]
        # What the holder's mentions cover; matches come in order and never overlap, so one that
        # joins the holder covers no later match's start.
        covered = _Spans((item.start, item.end) for item in holder)
        # On the text itself, case ignored: folding the text could change its offsets ('ß').
        for match in _title_pattern(title).finditer(text):
            start, end = match.span()
            if not covered.overlaps(start, start + 1):
                holder.append(_Found(start, end, PERSON, holder[0].name))


# -- the detector ---------------------------------------------------------------------------


def find_entities(
    text: str, knowledge_base: KnowledgeBase | None = None, *, reader: str | None = None
) -> tuple[Entity, ...]:
    """Every entity in ``text`` (ids 'e1', 'e2', ... in order of first mention), its names
    read by ``reader`` ("rules" or "weighted"; by default the configured one)."""
    reader = reader or _reader
    if reader == "weighted":
        from newsml.detect import weighted

        found = weighted.read(text, knowledge_base)
    elif reader == "rules":
        rules = _Reader(text, knowledge_base)
        rules.read()
        found = _resolve(rules)
    else:
        raise ValueError(f"entity reader {reader!r}: expected one of {', '.join(READERS)}")
    taken = _Spans((item.start, item.end) for item in found)
    for start, end, value in find_dates(text):
        if not taken.overlaps(start, end):
            found.append(_Found(start, end, DATE, value))
    return _entities(text, found)


def entity_detector(
    knowledge_base: KnowledgeBase | None = None, *, reader: str | None = None
) -> Callable[[Article], Article]:
    """A detector bound to ``knowledge_base`` (and a reader), for a registry of one's own."""
    if reader is not None and reader not in READERS:
        raise ValueError(f"entity reader {reader!r}: expected one of {', '.join(READERS)}")

    def detect(article: Article) -> Article:
        return attrs.evolve(
            article, entities=find_entities(article.text, knowledge_base, reader=reader)
        )

    return detect


def detect_entities(article: Article) -> Article:
    """The registered detector: entities of ``article``, with the configured knowledge base
    and reader."""
    return attrs.evolve(article, entities=find_entities(article.text, _knowledge_base))


DETECTORS.add("entities", detect_entities)
