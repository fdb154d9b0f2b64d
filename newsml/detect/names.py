"""Names in running text, decided by weighted evidence.

A *run* is a stretch of capitalised words with the connectors that may join them ('Bank *of*
England', 'Procter *&* Gamble', 'Charles *de* Gaulle'). Every run is cut into segments: a name
(a person's, an organisation's, a place's, or another name such as a nationality, an event or a
work, ``MISC``) or an ordinary word (``O``). Each way of cutting is scored by its *evidence*,
named features such as ``known:place``, ``first.given``, ``pw:in`` (the word before is 'in'),
``shape:XX`` or ``doc.same:PER``, each with a weight per kind; the best cutting of the run wins
(a semi-Markov decoding, linear in the run's length).

The evidence comes in three kinds:

- the *words* of a candidate (cached per distinct candidate, across texts): what the tables of
  :mod:`newsml.detect.gazetteer` say of the whole (a known place with its kind and size, an
  organisation, a nationality) and of its first, inner and last words (given name, surname,
  title, organisation word, place word, event word, common word), its shape (initials, acronym,
  all capitals, digits, hyphens), its length and its last letters;
- its *context* in the text: the word or mark before and after it, a possessive, a bracket, a
  sentence's or a heading's start, a line of capitals, a dateline, a sports story;
- the *article*: a second reading adds what the first reading found elsewhere in the text (the
  same name read as a person, a longer name it is the end of, an acronym it spells).

The weights are data (``data/entity_weights.tsv``, learned by ``tools/train_entities.py`` from
WikiGold's training split, CC BY 4.0) plus the hand-set ``lexicons/entity_priors.tsv`` for
evidence that Wikipedia prose does not show (headline capitals, datelines, sports pages). Both
files are tables of ``feature  PER  ORG  LOC  MISC  O``; adding a row changes a decision without
code.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from importlib import resources

import regex

from newsml.detect.gazetteer import Place, Tables, fold, organisation_before, tables

__all__ = [
    "LABELS",
    "Document",
    "Segment",
    "Weights",
    "read_names",
    "runs",
    "weights",
]

LABELS = ("PER", "ORG", "LOC", "MISC", "O")
PER, ORG, LOC, MISC, O = range(5)
_NEG = float("-inf")
_START = -1  # the label before a run's first segment
_ALL = (PER, ORG, LOC, MISC, O)
_NAMES = (PER, ORG, LOC, MISC)
_ORDINARY = (O,)

_LETTER = r"\p{L}\p{M}\p{Nd}"
_WORD = (
    r"(?:\p{Lu}\.(?:\p{Lu}\.)++"  # U.S., U.N.
    r"|\p{Lu}\.(?=[ \t])"  # an initial: J.
    r"|(?:St|Mt|Ft)\.(?=[ \t]\p{Lu})"  # St. Louis, Mt. Everest
    rf"|\p{{Lu}}[{_LETTER}]*+(?:(?:[-'’&.]|-\p{{Ll}}{{1,3}}-)[\p{{Lu}}\p{{Nd}}][{_LETTER}]*+)*+)"
    # Lavrov, O'Neill, AT&T, Inzamam-ul-Haq, P.O.P
)
_CONNECTOR = (
    r"(?:of[ \t]the|of|de|du|des|da|di|do|dos|das|del|della|der|den|van|von|la|le|y|bin|ibn"
    r"|al|el|ter|zu|and|&|for|on|upon)"
)
#: A run: every word starts with a capital, so testing that first rejects most positions sooner.
RUN = regex.compile(
    rf"(?=\p{{Lu}})(?<![{_LETTER}\-'’.&]){_WORD}(?:[ \t]++(?:{_CONNECTOR}[ \t]++)?+{_WORD})*+"
    rf"(?![{_LETTER}]|-\p{{Ll}})",
    regex.VERSION1,
)
_TOKEN = regex.compile(rf"{_WORD}|{_CONNECTOR}(?=[ \t])", regex.VERSION1)
#: The word before a run: a lowercase word or an abbreviation with its full stop ('Mr.').
_WORD_AFTER = regex.compile(r"[ \t]++([\p{L}\p{Nd}][\p{L}'’]*+)")
_DATELINE = regex.compile(r"^[^\n]{2,60}?[ \t]\d{4}-\d\d-\d\d[ \t]*+$", regex.MULTILINE)
_SPORTS_HEAD = regex.compile(r"\s[-–—:]\s|:")
_LOWER_WORD = regex.compile(r"(?<![\p{L}'’])\p{Ll}[\p{Ll}'’\-]*+")
#: Contexts that a sports page gives a sense of their own.
_SPORT_CONTEXT = frozenset({"pw:", "nw:", "pc:", "nc:", "pos", "sst", "dat"})
_OPENERS = frozenset(" \t\"“‘'([")
_ENDERS = frozenset('\n.!?:;"“‘([—')
#: Longest name the decoding considers, in tokens (connectors included).
LONGEST = 8


# -- the weights ----------------------------------------------------------------------------


class Weights:
    """Weight vectors per feature (one weight per label), read from tables."""

    def __init__(self, table: Mapping[str, Sequence[float]]) -> None:
        self.table = {feature: tuple(vector) for feature, vector in table.items()}

    @classmethod
    def parse(cls, lines: Iterable[str]) -> dict[str, list[float]]:
        table: dict[str, list[float]] = {}
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            feature, *values = line.rstrip("\n").split("\t")
            if len(values) != len(LABELS):
                raise ValueError(f"weights: {feature!r} needs {len(LABELS)} values")
            vector = table.setdefault(feature, [0.0] * len(LABELS))
            for index, value in enumerate(values):
                vector[index] += float(value)
        return table

    def score(self, features: Iterable[str], start: Sequence[float] | None = None) -> list[float]:
        """The sum of the features' vectors, added one after another (to ``start``'s, when
        given: the same sum as of ``start``'s features followed by these)."""
        per, org, loc, misc, ordinary = (0.0, 0.0, 0.0, 0.0, 0.0) if start is None else start
        get = self.table.get
        for feature in features:
            vector = get(feature)
            if vector is not None:
                per += vector[0]
                org += vector[1]
                loc += vector[2]
                misc += vector[3]
                ordinary += vector[4]
        return [per, org, loc, misc, ordinary]


def _read(package: str, name: str) -> list[str]:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8").splitlines()


@functools.cache
def weights() -> Weights:
    """The package's weights: the learned table plus the hand-set priors."""
    table = Weights.parse(_read("newsml.detect.data", "entity_weights.tsv"))
    for feature, vector in Weights.parse(
        _read("newsml.detect.lexicons", "entity_priors.tsv")
    ).items():
        into = table.setdefault(feature, [0.0] * len(LABELS))
        for index, value in enumerate(vector):
            into[index] += value
    return Weights(table)


# -- words ----------------------------------------------------------------------------------

Token = tuple[int, int, str]


def runs(text: str) -> Iterator[list[Token]]:
    """The runs of ``text``, each as its tokens (start, end, word)."""
    for match in RUN.finditer(text):
        start, end = match.span()
        run = match.group()
        if " " in run or "\t" in run:
            yield [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(text, start, end)]
        else:
            yield [(start, end, run)]


def _shape(word: str) -> str:
    if word.isascii() and word.isalpha():  # most words: the same answers from str's methods
        if word[0].islower():
            return "c"
        if len(word) == 1:
            return "L"
        return "A" if word.isupper() else "X" if word[1:].islower() else "M"
    if word[0].islower() or word == "&":
        return "c"
    if any(c.isdigit() for c in word):
        return "9"
    if "." in word:
        return "I" if len(word) == 2 else "D"  # 'J.', 'U.S.'
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "A"  # 'NATO'
    if "-" in word:
        return "H"
    if "'" in word or "’" in word:
        return "Q"
    if any(c.isupper() for c in word[1:]):
        return "M"  # 'McDonald', 'PlayStation'
    return "X" if len(word) > 1 else "L"


def place_size(place: Place) -> str:
    if place.kind != "city":
        return place.kind
    population = place.population
    return (
        "city:big" if population >= 1_000_000 else "city:mid" if population >= 100_000 else "city"
    )


@functools.lru_cache(maxsize=1 << 17)
def word_tags(key: str) -> tuple[str, ...]:
    """What the tables say of one folded word."""
    table = tables()
    tags = []
    if key in table.given_names:
        tags.append("given")
    if key in table.surnames:
        tags.append("surname")
    if key in table.titles:
        tags.append("title")
    if key in table.org_words:
        tags.append("orgword")
    if key in table.org_heads:
        tags.append("orghead")
    if key in table.place_last:
        tags.append("placelast")
    if key in table.place_first:
        tags.append("placefirst")
    if key in table.place_before_of:
        tags.append("placeof")
    if key in table.event_last:
        tags.append("eventlast")
    if key in table.common:
        tags.append("common")
    if key in table.misc_words:
        tags.append("misc")
    if key in table.abbreviations or key[-1:] == "s" and key[:-1] in table.abbreviations:
        tags.append("abbr")
    if key in table.work_words:
        tags.append("work")
    if key in table.title_case_words:
        tags.append("titleword")
    if key in table.nationalities or key.endswith("s") and key[:-1] in table.nationalities:
        tags.append("nat")
    if _is_english(key, table.english):
        tags.append("dict")
    if key in table.organisations:
        tags.append("org")
    place = None if key in table.org_words else place_of(table, key)  # 'Bank', a hamlet too
    if place is not None:
        tags.append("place:" + place_size(place))
    return tuple(tags) or ("none",)


def _is_english(key: str, english: frozenset[str]) -> bool:
    """Whether a folded word is a lowercase dictionary word, or a regular form of one
    ('talks', 'cities', 'wanted', 'talking': the dictionary lists the stems)."""
    if key in english:
        return True
    for ending, stem in _ENDINGS:
        if key.endswith(ending) and len(key) > len(ending) + 2:
            base = key[: -len(ending)] + stem
            if base in english:
                return True
    return False


#: Regular endings of English words and what their stems end with.
_ENDINGS = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


def place_of(table: Tables, key: str) -> Place | None:
    """The place a folded name stands for, trying 'Calif.' as 'Calif' and 'St' as 'Saint'."""
    place = table.place(key)
    if place is None and key.endswith(".") and key.count(".") == 1:
        place = table.place(key[:-1])
    if place is None and key.startswith(("st ", "st. ")):
        rest = key.split(" ", 1)[1]
        place = table.place("st. " + rest) or table.place("saint " + rest)
    return place


@functools.lru_cache(maxsize=1 << 16)
def known(key: str) -> tuple[str, ...]:
    """What the tables say of a whole folded name: its kinds ('org', 'place:city', 'nat')."""
    table = tables()
    found = []
    if key in table.organisations:
        found.append("org")
    place = place_of(table, key)
    if place is not None:
        found.append("place")
        found.append("place:" + place_size(place))
    if key in table.nationalities or key.endswith("s") and key[:-1] in table.nationalities:
        found.append("nat")
    return tuple(found)


@functools.lru_cache(maxsize=1 << 17)
def _word_type(word: str) -> tuple[str, str]:
    """A word's lookup key (an abbreviation's full stop dropped past two characters: 'Corp.',
    not 'J.') and its shape: the same wherever the word stands, so computed once per form."""
    key = word.casefold().replace("’", "'")  # fold() of a word (a token holds no space)
    return key.rstrip(".") if len(word) > 2 else key, _shape(word)


@functools.lru_cache(maxsize=1 << 17)
def _tagged(prefix: str, key: str) -> tuple[str, ...]:
    """The features of what the tables say of a folded word, each after ``prefix``
    ('one.given'): built once per word and place in a candidate."""
    return tuple(prefix + tag for tag in word_tags(key))


@functools.lru_cache(maxsize=1 << 17)
def word_features(words: tuple[str, ...], caps: bool) -> tuple[str, ...]:
    """The evidence of a candidate's own words (the same in every text, so cached)."""
    types = [_word_type(word) for word in words]
    keys = [key for key, _shape in types]
    size = len(words)
    features = [f"n{min(size, 5)}"]
    if caps:
        features.append(f"caps:n{min(size, 5)}")  # in capitals, a word's shape says nothing
    elif size <= 4:
        features.append("shape:" + "".join([shape for _key, shape in types]))
    else:
        features.append("shape:long")
    whole = fold(" ".join(words))
    kinds = known(whole)
    if not kinds and whole[-1] == ".":
        kinds = known(whole.rstrip("."))
    for kind in kinds:
        features.append("known:" + kind)
        if caps:
            features.append("caps&known:" + kind)
        if size > 2 and kind in ("place", "org"):
            features.append("known3:" + kind)  # 'Bosnia and Herzegovina': more than its parts
    if size == 1:
        key = keys[0]
        features.append("one:" + key)
        features.extend(_tagged("one.", key))
        if caps:
            features.extend(_tagged("caps&one.", key))
        return tuple(features)
    first_key, last_key = keys[0], keys[-1]
    first_tags, last_tags = word_tags(first_key), word_tags(last_key)
    features.append("first:" + first_key)
    features.append("last:" + last_key)
    features.extend(_tagged("first.", first_key))
    features.extend(_tagged("last.", last_key))
    inner = {tag for key in keys[1:-1] for tag in word_tags(key)}
    inner.update(["conn:" + key for key, shape in types if shape == "c"])  # 'c': a connector
    inner_tags = sorted(inner)
    features.extend(["in." + tag for tag in inner_tags])
    if "and" in keys[1:-1]:
        # 'and' inside one name: after its 'of' ('Institute of Arts and Sciences'), or before
        # an organisation's word ('London and South Western Railway', 'Smith and Co').
        if any(key in ("of", "for") for key in keys[1 : keys.index("and", 1)]):
            features.append("of&and")
        if "orgword" in last_tags:
            features.append("and&last.orgword")
    if caps:  # in capitals the lists are all there is: 'MITCHELL DEFEATS BAILEY'
        features.extend(_tagged("caps&first.", first_key))
        features.extend(_tagged("caps&last.", last_key))
        features.extend(["caps&in." + tag for tag in inner_tags])
    if "given" in first_tags and "of" in keys[1:-1]:
        after_of = fold(" ".join(words[keys.index("of", 1) + 1 :]))
        if "place" in known(after_of):
            features.append("given&of.place")  # 'Thomas Muster of Austria': two names
    surname_dict = "surname" in last_tags and "dict" in last_tags
    if surname_dict and "dict" not in first_tags:
        features.append("name&surname.dict")  # 'Kyran Bracken', 'D. Cox': a surname too
    if size == 2 and surname_dict and "given" in first_tags:
        features.append("given&surname.dict")  # 'Tom Moody', 'Peter Such'
    if "given" in word_tags(keys[1]):
        if "nat" in first_tags:
            features.append("nat&given")  # 'Australian Mark Woodforde': a word and a name
        elif (
            size > 2
            and "given" not in first_tags
            and "surname" not in first_tags
            and "place" not in known(fold(" ".join(words[:2])))  # 'Los Angeles Dodgers'
        ):
            features.append("word&given")  # 'Unseeded Tom Glorb': a word and a name
    if keys[1].startswith("of") and "placeof" in first_tags and size > 2:
        features.append("placeof&of")  # 'Gulf of Mexico', 'Isle of Man': a place's name
    if size > 2 and words[-2][0].islower() and "common" in last_tags:
        features.append("conn&last.common")  # 'Mahala on Saturday': a name and a date
    head = known(fold(" ".join(words[:-1])))
    tail = known(fold(" ".join(words[1:])))
    features.extend(["head." + kind for kind in head])
    features.extend(["tail." + kind for kind in tail])
    return tuple(features)


# -- lines in capitals ----------------------------------------------------------------------

#: A word of a line in capitals: a dotted one with its last full stop ('N.H.', 'U.S.'), another
#: without the full stop that ends its sentence ('TO BAT.': 'BAT', as the article writes 'bat').
_CAPS_WORD = regex.compile(r"\p{L}[\p{L}'’\-]*+(?:(?:\.\p{L}[\p{L}'’\-]*+)++\.?+)?+")


def truecase(text: str) -> str:
    """``text`` with its lines in capitals ('SOCCER - ROMANIA BEAT LITHUANIA') written as the
    rest of the article writes their words ('soccer - Romania beat Lithuania'), so that they
    are read as any other line. A word takes the form it has elsewhere in the article (the
    commonest, a capitalised one on a tie); else lowercase when the word list knows it and no
    table of places, organisations or nationalities does; else it stays as it is when short or
    dotted (an acronym: 'NBA', 'N.H.'); else a capital and lowercase letters. The words of a
    name the tables know ('KANSAS CITY') each take a capital. Every character keeps its place:
    a character whose other case is longer ('ß') stays as it is."""
    lines = text.split("\n")
    caps = [index for index, line in enumerate(lines) if line.isupper()]
    if not caps:
        return text
    capped = set(caps)
    # Only the forms of the words the lines in capitals hold are looked for elsewhere.
    forms: dict[str, Counter[str]] = {
        fold(word): Counter() for index in caps for word in _CAPS_WORD.findall(lines[index])
    }
    for index, line in enumerate(lines):
        if index not in capped:
            for word in _CAPS_WORD.findall(line):
                counts = forms.get(word.casefold().replace("’", "'"))  # fold() of one word
                if counts is not None:
                    counts[word] += 1
    for index in caps:
        lines[index] = _truecase_line(lines[index], forms)
    return "\n".join(lines)


def _truecase_line(line: str, forms: Mapping[str, Counter[str]]) -> str:
    """One line in capitals, its words written as :func:`truecase` says; the words of a name
    the tables know ('KANSAS CITY') each with a capital."""
    words = list(_CAPS_WORD.finditer(line))
    pieces = []
    done = 0
    index = 0
    while index < len(words):
        size = next(
            (
                size
                for size in (3, 2)
                if index + size <= len(words)
                and known(fold(line[words[index].start() : words[index + size - 1].end()]))
            ),
            1,
        )
        for match in words[index : index + size]:
            pieces.append(line[done : match.start()])
            word = match.group()
            pieces.append(_written(word, forms) if size == 1 else _capitalised(word))
            done = match.end()
        index += size
    pieces.append(line[done:])
    return "".join(pieces)


def _capitalised(word: str) -> str:
    """A word of a line in capitals with a capital and lowercase letters ('Kansas', 'St.'); a
    dotted one ('N.H.') as it is."""
    if "." in word[:-1]:
        return word
    return _same_length(word, word[0] + word[1:].lower())


def _written(word: str, forms: Mapping[str, Counter[str]]) -> str:
    """How the article writes a word of a line in capitals (see :func:`truecase`)."""
    key = fold(word)
    seen = forms.get(key)
    if seen:
        return _same_length(word, max(seen, key=lambda w: (seen[w], w[0].isupper())))
    if "." in word:
        return word  # 'N.H.', 'U.S.'
    if "dict" in word_tags(key) and not known(key):
        return _same_length(word, word.lower())
    if len(word) <= 3:
        return word  # an acronym: 'NBA'
    return _capitalised(word)


def _same_length(word: str, form: str) -> str:
    """``form`` where it keeps every character of ``word`` in its place, else ``word``."""
    if len(form) != len(word) or any(len(c.swapcase()) != 1 for c in word):
        return word
    return form


# -- the document ---------------------------------------------------------------------------


class Document:
    """What a text says about the names in it, beyond their words."""

    def __init__(self, text: str, written: str | None = None) -> None:
        self.text = text
        self.tables = tables()
        lines = text.split("\n")
        self.lines = lines
        self.line_starts = list(
            itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0)
        )
        self.caps_lines = {number for number, line in enumerate(lines) if line.isupper()}
        self.title_lines: dict[int, bool] = {}
        self.datelines = {self.line_of(m.start()) for m in _DATELINE.finditer(text)}
        head = _SPORTS_HEAD.split(text.lstrip()[:60], maxsplit=1)[0]
        self.sport = self.tables.sports.get(fold(head))
        #: The text whose words in lowercase count: the text as given (``written``) when
        #: ``text`` is its :func:`truecase` form, not the guesses of truecasing.
        self.written = text if written is None else written
        self._lower: dict[str, bool] = {}
        #: Filled after the first reading: fold of a name -> kinds it was read as elsewhere.
        self.evidence: Evidence | None = None
        #: Filled after the first reading: a run's start -> the kinds of the names listed with
        #: it ('list:ORG'), evidence for the run read whole.
        self.listed: dict[int, tuple[str, ...]] = {}
        #: Filled by the first reading: the starts of the runs whose first or last word the
        #: words around call an organisation's name (:func:`_said_org`).
        self.said_org_first: set[int] = set()
        self.said_org_last: set[int] = set()

    def writes_lower(self, word: str) -> bool:
        """Whether the text writes ``word`` as a word in lowercase: one of the words
        ``_LOWER_WORD.findall`` gives of it, found with ``str.find`` (a word is looked up for
        a few runs, the whole text's words would be listed for every text)."""
        found = self._lower.get(word)
        if found is None:
            found = self._lower[word] = _writes_lower(self.written, word)
        return found

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset) - 1

    def is_title_line(self, line: int) -> bool:
        title = self.title_lines.get(line)
        if title is None:
            words = self.lines[line]
            title = len(words) < 200 and _is_title_case(words, self.tables)
            self.title_lines[line] = title
        return title

    def is_title_case(self, line: int) -> bool:
        """Whether a line is a headline in title case (not one in capitals)."""
        return line not in self.caps_lines and self.is_title_line(line)

    def starts_sentence(self, start: int) -> bool:
        """Whether only opening quotes and brackets stand between ``start`` and a sentence's
        end, a line's start or a dash."""
        text = self.text
        index = start - 1
        while index >= 0 and text[index] in _OPENERS:
            if text[index] in '(["“‘':
                return True
            if text[index] in " \t" and text[index - 1 : index] == "-":
                return True
            index -= 1
        if index >= 0 and text[index] == ".":
            # 'Gen. Lebed', 'J. Smith': the full stop of a title or an initial ends no sentence.
            word = _WORD_BEFORE_STOP.search(text, max(0, index - 12), index)
            if word is not None and (
                len(word.group()) == 1 or fold(word.group()) in self.tables.titles
            ):
                return False
        return index < 0 or text[index] in _ENDERS


_ASCII_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_ASCII_IN_WORD = frozenset("abcdefghijklmnopqrstuvwxyz'’-")


def _is_ll(character: str) -> bool:
    if character.isascii():
        return character in _ASCII_LOWER
    return unicodedata.category(character) == "Ll"


def _in_lower_word(character: str) -> bool:
    """A character ``_LOWER_WORD`` takes after a word's first letter."""
    if character.isascii():
        return character in _ASCII_IN_WORD
    return character == "’" or unicodedata.category(character) == "Ll"


def _writes_lower(text: str, word: str) -> bool:
    """Whether ``word`` is one of ``_LOWER_WORD.findall(text)``: a match starts with a
    lowercase letter that no letter or apostrophe stands before and that no match before it
    takes in (one only reaches it through a hyphen), and takes every character it can."""
    if word.isascii():
        if not (word[:1] in _ASCII_LOWER and _ASCII_IN_WORD.issuperset(word)):
            return False
    elif not word or not _is_ll(word[0]) or not all(_in_lower_word(c) for c in word[1:]):
        return False
    size = len(word)
    index = text.find(word)
    while index >= 0:
        end = index + size
        if end == len(text) or not _in_lower_word(text[end]):
            before = text[index - 1] if index else ""
            if not (before and (before.isalpha() or before in "'’")) and (
                before != "-" or not _taken(text, index)
            ):
                return True
        index = text.find(word, index + 1)
    return False


def _taken(text: str, index: int) -> bool:
    """Whether a ``_LOWER_WORD`` match that starts before ``index`` (its characters reach it
    through the hyphen before it) goes on over it: one starts at the first lowercase letter
    of the characters it takes before ``index`` that no letter or apostrophe stands before."""
    first = index - 1
    while first > 0 and _in_lower_word(text[first - 1]):
        first -= 1
    for start in range(first, index - 1):
        before = text[start - 1] if start else ""
        if _is_ll(text[start]) and not (before and (before.isalpha() or before in "'’")):
            return True
    return False


_WORD_BEFORE_STOP = regex.compile(r"(?r)(?<![\p{L}.])\p{Lu}\p{Ll}*+$")


def _is_title_case(line: str, table: Tables) -> bool:
    """A headline in title case: nearly every word of four letters or more is capitalised, and
    so is an ordinary word after the first; a list of names ('Given, Breen, Staunton') is not."""
    if line.count(",") > 1:
        return False
    words = line.split()
    long_words = [word for word in words if len(word) > 3 and word[0].isalpha()]
    capitalised = sum(1 for word in long_words if word[0].isupper())
    if len(long_words) < 3 or capitalised < 0.8 * len(long_words):
        return False
    return any(
        word[0].isupper() and (fold(word) in table.common or fold(word) in table.title_case_words)
        for word in words[1:]
    )


@functools.lru_cache(maxsize=1 << 14)
def _before_features(word: str) -> tuple[str, ...]:
    key = fold(word)
    tags = ["pw:" + key]
    bare = key.rstrip(".")
    if bare in tables().titles:
        tags.append("pw.title")
    elif bare in tables().person_nouns:
        tags.append("pw.person")  # 'dissident Wang Donghai', 'his wife Naina'
    if word[0].isupper():
        tags.append("pw.cap")
    return tuple(tags)


@functools.lru_cache(maxsize=1 << 14)
def _after_features(word: str) -> tuple[str, ...]:
    tags = ["nw:" + word]
    if word in _speech_verbs():
        tags.append("nw.speech")
    if word in tables().org_after:
        tags.append("nw.org")
    return tuple(tags)


@functools.cache
def _speech_verbs() -> frozenset[str]:
    from newsml.detect.lexicons import rows

    return frozenset(form.casefold() for row in rows("speech_verbs.tsv") for form in row[:5])


def _before(window: str, stripped: str) -> tuple[str, ...]:
    """The word or the mark that ends ``window``, the text before a run: 'pw:in', 'pw:mr.',
    'pc:(', 'pc:nl' (``stripped``: the window without the spaces and tabs that end it)."""
    if not stripped:
        return ("pc:" + _mark(window[-1:]) if window else "pc:end",)
    if len(stripped) == len(window):
        return ("pc:" + _mark(window[-1]),)
    piece = stripped.split()[-1] if stripped[-1] not in "\n\r" else "\n"
    if piece[-1].isalpha() or piece[-1] == "." and len(piece) > 1 and piece[-2].isalpha():
        index = len(piece) - (2 if piece[-1] == "." else 1)
        while index > 0 and (piece[index - 1].isalpha() or piece[index - 1] in "'’"):
            index -= 1
        return _before_features(piece[index:])
    return ("pc:" + _mark(piece[-1]),)


def left_features(document: Document, run: Sequence[Token], first: int) -> list[str]:
    """The evidence before a candidate starting at token ``first``: the word or mark before
    it, a sentence's start, its line (a dateline, a headline in title case)."""
    if first == 0:
        return _start_features(document, start_context(document, run))
    start = run[first][0]
    features: list[str] = []
    previous = run[first - 1][2]
    key = fold(previous).rstrip(".")
    features.append("pin:" + key if previous[0].islower() else "pin")
    features.extend("pin." + tag for tag in word_tags(key))
    if previous[0].isupper() and key in document.tables.title_case_words:
        # A capitalised function word ('In Seattle', 'At Old Trafford') is the word before.
        features.extend(_before_features(key))
    line = document.line_of(start)
    if line in document.datelines:
        # A dateline's first name is where the story was filed; those after it say where that
        # is ('WIGAN, England 1996-08-31').
        if start == document.line_starts[line]:
            features.append("dateline")
        elif first == 0 and document.text[:start].rstrip(" \t").endswith(","):
            features.append("dateline:in")
    elif line not in document.caps_lines and document.is_title_line(line):
        features.append("titleline")
    return _on_sports_page(document, features)


#: What the evidence before a run depends on: the word or mark before it, whether an
#: organisation's context words stand before it, the tags of its first word at a sentence's
#: start (else None), and its line's kind ('dateline', 'dateline:in', 'titleline' or None).
StartContext = tuple[tuple[str, ...], bool, tuple[str, ...] | None, str | None]


def start_context(document: Document, run: Sequence[Token]) -> StartContext:
    """What :func:`left_features` says before a run's first word depends on: few distinct
    values, so that :class:`Reader` scores each once."""
    text = document.text
    start = run[0][0]
    window = text[max(0, start - 30) : start]
    stripped = window.rstrip(" \t")
    before = _before(window, stripped)
    # 'shares in X', 'a unit of X': only after a lowercase word and a space or a tab, one
    # that ends a phrase of the list when the word is plain ('in', 'of').
    org = False
    if len(stripped) < len(window) and stripped[-1:].islower():
        word = stripped.rsplit(None, 1)[-1]
        org = (
            not (word.isascii() and word.isalpha() and word.islower()) or word in _org_before_last()
        ) and organisation_before(text, start, document.tables.org_before)
    # At a sentence's start a capital says nothing: what the lists say of the word does.
    tags = word_tags(fold(run[0][2]).rstrip(".")) if document.starts_sentence(start) else None
    line = document.line_of(start)
    kind = None
    if line in document.datelines:
        # A dateline's first name is where the story was filed; those after it say where that
        # is ('WIGAN, England 1996-08-31').
        if start == document.line_starts[line]:
            kind = "dateline"
        elif text[:start].rstrip(" \t").endswith(","):
            kind = "dateline:in"
    elif line not in document.caps_lines and document.is_title_line(line):
        kind = "titleline"
    return before, org, tags, kind


@functools.cache
def _org_before_last() -> frozenset[str]:
    """The last words of the phrases that say an organisation follows ('in' of 'shares in')."""
    return frozenset(phrase.split()[-1] for phrase in tables().org_before)


def _start_features(document: Document, context: StartContext) -> list[str]:
    before, org, tags, kind = context
    features = list(before)
    if org:
        features.append("pw.org")
    if tags is not None:
        features.append("sstart")
        features.extend("sstart&" + tag for tag in tags)
    if kind is not None:
        features.append(kind)
    return _on_sports_page(document, features)


def right_features(document: Document, run: Sequence[Token], last: int) -> list[str]:
    """The evidence after a candidate ending with token ``last - 1``: the next word of the run,
    or the word or mark after it (a possessive, a speech verb, a number, a bracket)."""
    if last < len(run):
        following = run[last][2]
        key = fold(following).rstrip(".")
        head = "nin:" + key if following[0].islower() else "nin"
        return [head, *("nin." + tag for tag in word_tags(key))]
    text = document.text
    end = run[last - 1][1]
    features: list[str] = []
    after = text[end : end + 2]
    if after in ("'s", "’s"):
        features.append("poss")
        match = _WORD_AFTER.match(text, end + 2, end + 40)
        if match is not None and match.group(1) in document.tables.org_after:
            features.append("nw.org")  # 'X's profit', 'X's chairman'
    elif after[:1] in (" ", "\t"):
        match = _WORD_AFTER.match(text, end, end + 40)
        if match is not None:
            word = match.group(1)
            if word[0].isdigit():
                shape = _number_shape(text, match.start(1))
                if shape == ":date":
                    features.append("nw:date")  # a dateline's date: neither score nor figures
                else:
                    features.append("nw:9")
                    if document.sport is not None:  # a score after a team, figures after a player
                        features.append(f"sport:{document.sport}&nw:9{shape}")
            elif word[0].islower():
                features.extend(_after_features(word))
            else:
                features.append("nw.cap")
        else:
            features.append("nc:" + _mark(text[end + 1 : end + 2]))
            if document.sport is not None and text[end + 1 : end + 2] == "(":
                # A number in brackets says what a bare one does: '(61st)' after a scorer.
                digit = text[end + 2 : end + 3]
                if digit.isdigit():
                    features.append(f"sport:{document.sport}&nw:9{_number_shape(text, end + 2)}")
    else:
        features.append("nc:" + _mark(after[:1]))
        if after == ", " and _apposition_names_organisation(text, end + 2):
            features.append("appos.org")  # 'Cofinec, the first foreign company to list'
    return _on_sports_page(document, features)


_APPOSITION = regex.compile(r"(?:the|a|an)[ \t]++((?:\p{L}[\p{L}\-]*+[ \t]++){0,3}\p{Ll}++)")
#: Words that end the noun phrase of an apposition before its noun ('a man *from* the firm').
_PHRASE_ENDS = frozenset({"of", "from", "in", "at", "with", "for", "by", "to", "on", "and", "or"})


def _apposition_names_organisation(text: str, start: int) -> bool:
    """Whether an apposition at ``start`` names a kind of organisation: 'the company', 'a
    Jakarta band', 'the first foreign company' (the one-word nouns that say an organisation
    follows them in lexicons/org_context.tsv)."""
    match = _APPOSITION.match(text, start, start + 60)
    if match is None:
        return False
    nouns = tables().org_before
    for word in match.group(1).split():
        if word in nouns:
            return True
        if word in _PHRASE_ENDS:
            return False
    return False


def alone_features(document: Document, run: Sequence[Token]) -> list[str]:
    """The evidence of a run's first word read alone: written in lowercase elsewhere in the
    text ('lowerdoc'), and so at a sentence's start ('sstart&lower')."""
    word = fold(run[0][2])
    if not document.writes_lower(word):
        return []
    features = ["lowerdoc"]
    if document.starts_sentence(run[0][0]):
        features.append("sstart&lower")
    return _on_sports_page(document, features)


def _on_sports_page(document: Document, features: list[str]) -> list[str]:
    """On a sports page the same contexts say other things ('Leicestershire beat Somerset'):
    each is also evidence of its own there."""
    if document.sport is not None:
        sport = "sport:" + document.sport + "&"
        features.extend([sport + feature for feature in features if feature[:3] in _SPORT_CONTEXT])
    return features


def own_features(document: Document, words: tuple[str, ...], caps: bool) -> list[str]:
    """The evidence of a candidate's own words, with what they say on a sports page."""
    features = list(word_features(words, caps))
    if document.sport is not None:
        sport = "sport:" + document.sport + "&"
        plain = word_features(words, False)
        # A place after a word names a team ('Dynamo Batumi'), not after an initial ('S.
        # Campbell') or inside a place's own name ('New York').
        tail = not ("known:place" in plain or _word_type(words[0])[1] == "I")
        for feature in plain:
            if feature.startswith(("known:place", "one.place", "last.place", "shape:I")) or (
                tail and feature.startswith("tail.place")
            ):
                features.append(sport + feature)
    return features


_NUMBER = regex.compile(r"[\d.,:/\-–]*+(\p{L}*+)")
_DATE = regex.compile(r"\d{4}-\d\d-\d\d(?!\d)")


def _number_shape(text: str, start: int) -> str:
    """What kind of number follows a name: a count ('2'), figures ('27-5-78-2', '4:02'), an
    ordinal or a unit ('15th', '3km'), a decimal ('49.06'), a year ('1996'), a date
    ('1996-08-31')."""
    match = _NUMBER.match(text, start, start + 16)
    assert match is not None  # the pattern matches the empty string
    number = text[start : match.start(1)]
    if match.group(1):
        return ":unit"
    if _DATE.match(number):
        return ":date"
    if any(mark in number for mark in "-–:/"):
        return ":figures"
    if "." in number.rstrip(".") or "," in number.rstrip(","):
        return ":decimal"
    digits = number.rstrip(".,")
    return ":year" if len(digits) == 4 else ":count"


def _mark(character: str) -> str:
    """A character as a feature's value: white space and line ends named, digits as '9'."""
    if not character:
        return "end"
    if character.isspace():
        return "nl" if character in "\n\r" else "sp"
    return "9" if character.isdigit() else character


def _words(run: Sequence[Token], first: int, last: int) -> tuple[str, ...]:
    return tuple(token[2] for token in run[first:last])


class Evidence:
    """What a first reading found, by the folded words it says something of: how often each
    tag ('same:PER', 'end:ORG', 'acronym:ORG') was found in the article, and in each run."""

    __slots__ = ("by_run", "first", "only", "total")

    def __init__(self) -> None:
        self.total: dict[str, dict[str, int]] = {}
        self.by_run: dict[int, dict[str, dict[str, int]]] = {}
        #: The start of the one run a key was found in, or None when found in several.
        self.only: dict[str, int | None] = {}
        self.first: dict[tuple[str, str], int] = {}  # the first run with each key's tag

    def __contains__(self, key: str) -> bool:
        return key in self.total

    def __bool__(self) -> bool:
        return bool(self.total)

    def add(self, run_start: int, key: str, tag: str) -> None:
        only = self.only
        if only.get(key, run_start) != run_start:
            only[key] = None
        else:
            only[key] = run_start
        counts = self.total.setdefault(key, {})
        counts[tag] = counts.get(tag, 0) + 1
        own = self.by_run.setdefault(run_start, {}).setdefault(key, {})
        own[tag] = own.get(tag, 0) + 1
        self.first.setdefault((key, tag), run_start)

    def elsewhere(self, key: str, run_start: int) -> dict[str, int]:
        """The counts of ``key``'s tags outside the run starting at ``run_start`` (none when
        only that run has any)."""
        total = self.total.get(key)
        if not total or self.only[key] == run_start:
            return {}
        own = self.by_run.get(run_start, {}).get(key)
        if not own:
            return total
        return {tag: count - own.get(tag, 0) for tag, count in total.items()}


def _article_features(evidence: Evidence, run: Sequence[Token], first: int, last: int) -> list[str]:
    """What the first reading found for the same words elsewhere: never in this run itself,
    which would only repeat the first reading."""
    key = fold(" ".join(_words(run, first, last)))
    return _evidence_features(evidence, key, run[0][0], first == 0 and last == len(run))


def _evidence_features(evidence: Evidence, key: str, run_start: int, whole: bool) -> list[str]:
    """The article's evidence for the words ``key`` in the run starting at ``run_start``
    (``whole``: the candidate is the whole run)."""
    out = []
    for tag, count in sorted(evidence.elsewhere(key, run_start).items()):
        if count > 0:
            out.append("doc." + tag)
            if count > 1 and tag.startswith("same:"):
                out.append("doc.same2:" + tag[5:])
            elif whole and tag.startswith("end:") and evidence.first[key, tag] < run_start:
                out.append("doc.end<:" + tag[4:])  # a longer name before: 'Neil Jordan'
    return out


def article_evidence(
    document: Document, readings: Iterable[tuple[Sequence[Token], Iterable[Segment]]]
) -> Evidence:
    """What a first reading found (each run with its segments), as evidence for every name of
    the same words: the kinds of the same name elsewhere, of a longer name it ends or starts,
    of an expansion it spells, and the words before the legal form or corporate word that ends
    a company's name ('Magna' of 'Magna International Inc')."""
    text = document.text
    company_words = tables().company_words
    evidence = Evidence()
    named = [
        (run, segment, fold(text[segment.start : segment.end]))
        for run, segments in readings
        for segment in segments
        if segment.label != O
    ]
    seen = Counter(key for _run, _segment, key in named)  # 'said:ORG' for names read twice
    for run, segment, key in named:
        run_start = run[0][0]
        label = LABELS[segment.label]
        name = text[segment.start : segment.end]
        evidence.add(run_start, key, "same:" + label)
        if seen[key] > 1 and _said_org(document, run, segment):  # for its other mentions
            evidence.add(run_start, key, "said:ORG")
        words = key.split()
        if len(words) > 1:
            for size in range(1, len(words)):
                evidence.add(run_start, " ".join(words[-size:]), "end:" + label)
            evidence.add(run_start, words[0], "start:" + label)
            if segment.label == ORG and words[-1].replace(".", "") in company_words:
                # 'Magna' of 'Magna International Inc', 'Cofinec' of 'Cofinec S.A.'
                for size in range(1, len(words)):
                    evidence.add(run_start, " ".join(words[:size]), "stem:ORG")
            acronym = "".join([w[0] for w in name.split() if w[0].isupper()])
            if len(acronym) > 1:
                evidence.add(run_start, fold(acronym), "acronym:" + label)
    return evidence


# The evidence around a mention that says it names an organisation, whatever its words say:
# an organisation's context words before it ('pw.org': the band X) or after it ('nw.org': X
# chairman), an apposition naming a kind of organisation ('appos.org': X, the company). Only a
# run's edges have it. The name's other mentions take the kind ('doc.said:ORG'). (A title or a
# person's noun before a name, as 'said:PER', measured no better: surnames already follow the
# full name by 'doc.end:PER'.)


def _said_org(document: Document, run: Sequence[Token], segment: Segment) -> bool:
    """Whether the words around ``segment`` call it an organisation's name (as the first
    reading found them: :class:`Reader` notes the runs)."""
    start = run[0][0]
    return (segment.first == 0 and start in document.said_org_first) or (
        segment.last == len(run) and start in document.said_org_last
    )


def _note_said_org(document: Document, run: Sequence[Token], features: Sequence[str]) -> None:
    """Note the run when the features after it (:func:`right_features`) call it an
    organisation's name."""
    if "nw.org" in features or "appos.org" in features:
        document.said_org_last.add(run[0][0])


# -- reading --------------------------------------------------------------------------------


class Segment:
    """One piece of a run: tokens ``first:last``, offsets ``start:end``, a label's index."""

    __slots__ = ("end", "first", "label", "last", "score", "scores", "start")

    def __init__(
        self, first: int, last: int, start: int, end: int, label: int, scores: Sequence[float]
    ):
        self.first, self.last, self.start, self.end = first, last, start, end
        self.label, self.scores = label, scores  # the evidence's sum for every label
        self.score = scores[label]

    def __repr__(self) -> str:
        return f"Segment({self.start}, {self.end}, {LABELS[self.label]})"


def candidate_features(
    document: Document, run: Sequence[Token], first: int, last: int, caps: bool
) -> list[str]:
    """Every feature of the candidate ``run[first:last]``: its words, what stands before and
    after it, and what the article says of the same words."""
    features = own_features(document, _words(run, first, last), caps)
    features.extend(left_features(document, run, first))
    features.extend(right_features(document, run, last))
    if first == 0 and last == 1:
        features.extend(alone_features(document, run))
    if document.evidence is not None:
        features.extend(_article_features(document.evidence, run, first, last))
    if first == 0 and last == len(run):
        features.extend(document.listed.get(run[0][0], ()))
    return features


def can_bound(word: str) -> bool:
    """Whether a name may start or end with ``word`` (not a lowercase connector)."""
    return not (word[0].islower() or word == "&")


def transitions(model: Weights) -> list[list[float]]:
    """The weight of one label following another within a run ('tr:^>PER' at its start)."""
    out = []
    for before in ("^", *LABELS):
        vector = model.table.get(f"tr:{before}", (0.0,) * len(LABELS))
        out.append(list(vector))
    return out


Scores = Callable[[int, int], Sequence[float]]


def decode(
    document: Document,
    run: Sequence[Token],
    caps: bool,
    model: Weights,
    moves: list[list[float]] | None = None,
    scores: Scores | None = None,
    columns: list[list[float]] | None = None,
) -> list[Segment]:
    """The best cutting of ``run`` into labelled segments: a semi-Markov Viterbi search over
    segments of at most ``LONGEST`` tokens, each label's score the sum of its evidence (by
    default ``candidate_features`` weighed by ``model``; :class:`Reader` gives the same sums
    from cached parts), plus the weight of its label following the one before. ``columns``
    are those of the moves (:func:`columns_of`), when at hand."""
    moves = moves or transitions(model)
    if scores is None:

        def scores(first: int, last: int) -> Sequence[float]:
            return model.score(candidate_features(document, run, first, last, caps))

    size = len(run)
    if size == 1:  # most runs: one word, its label the best of its scores
        alone = scores(0, 1)
        opening = moves[0]
        allowed = _ALL if can_bound(run[0][2]) else _ORDINARY
        best = max(allowed, key=lambda label: opening[label] + alone[label])
        return [Segment(0, 1, run[0][0], run[0][1], best, alone)]
    bound = [not (token[2][0].islower() or token[2] == "&") for token in run]  # can_bound
    columns = columns or columns_of(moves)
    # entry[first]: for each label, the best score of a cutting of run[:first] followed by a
    # segment of that label (the segment's own evidence not yet added), and the label before.
    entry: list[tuple[list[float], list[int]]] = [(list(moves[0]), [_START] * len(LABELS))]
    # starts[last]: for each label, where the best segment of that label ending there starts.
    starts: list[list[int]] = [[]]
    weighed: dict[tuple[int, int], Sequence[float]] = {}
    here: list[float] = [_NEG] * len(LABELS)
    for last in range(1, size + 1):
        here = []
        firsts: list[int] = []
        if bound[last - 1]:  # names of several tokens end here, those starting with a name
            for first in range(max(0, last - LONGEST), last - 1):
                if bound[first]:
                    score = weighed[first, last] = scores(first, last)
                    v = entry[first][0]
                    totals = [v[0] + score[0], v[1] + score[1], v[2] + score[2],
                              v[3] + score[3], v[4] + score[4]]  # fmt: skip
                    totals[O] = _NEG
                    if not here:  # the first candidate ending here
                        here, firsts = totals, [first] * len(LABELS)
                        continue
                    for label in _NAMES:  # a later one where better (the first of the best)
                        if totals[label] > here[label]:
                            here[label] = totals[label]
                            firsts[label] = first
        first = last - 1  # the last token alone
        score = weighed[first, last] = scores(first, last)
        v = entry[first][0]
        totals = [v[0] + score[0], v[1] + score[1], v[2] + score[2],
                  v[3] + score[3], v[4] + score[4]]  # fmt: skip
        if not bound[first]:
            totals[:O] = _NO_NAME
        if not here:
            here, firsts = totals, [first] * len(LABELS)
        else:
            for label in _ALL if bound[first] else _ORDINARY:
                if totals[label] > here[label]:
                    here[label] = totals[label]
                    firsts[label] = first
        starts.append(firsts)
        if last == size:
            break  # no segment starts at the run's end
        # The best label before each label: the first of the best sums, as max() takes it.
        values = []
        previous = []
        h0, h1, h2, h3, h4 = here
        for c0, c1, c2, c3, c4 in columns:  # unrolled
            top, best = h0 + c0, 0
            if h1 + c1 > top:
                top, best = h1 + c1, 1
            if h2 + c2 > top:
                top, best = h2 + c2, 2
            if h3 + c3 > top:
                top, best = h3 + c3, 3
            if h4 + c4 > top:
                top, best = h4 + c4, 4
            values.append(top)
            previous.append(best)
        entry.append((values, previous))
    segments = []
    position = size
    top = max(here)
    label = here.index(top)
    while position > 0:
        first = starts[position][label]
        value = weighed[first, position]
        segments.append(Segment(first, position, run[first][0], run[position - 1][1], label, value))
        position, label = first, entry[first][1][label]
    segments.reverse()
    return segments


_NO_NAME = [_NEG] * O  # the scores of the names, for a segment that can only be ordinary


def columns_of(moves: list[list[float]]) -> list[list[float]]:
    """Column j of the moves: the weight of label j after each label."""
    return [[moves[before + 1][label] for before in _ALL] for label in _ALL]


def is_caps(document: Document, run: Sequence[Token]) -> bool:
    """Whether the run stands in a line of capitals (or is in capitals itself)."""
    start, end = run[0][0], run[-1][1]
    return document.line_of(start) in document.caps_lines or (
        len(run) > 1 and document.text[start:end].isupper()
    )


class Reader:
    """Reads runs with one model, the scores of every part of the evidence cached: a
    candidate's own words (across texts), the word before or after it inside a run, so that a
    candidate costs a few additions. The sums are those of :func:`candidate_features`."""

    _LIMIT = 1 << 17  # cached entries of each kind, then the cache starts again

    def __init__(self, model: Weights) -> None:
        self.model = model
        self.moves = transitions(model)
        self.columns = columns_of(self.moves)
        self._own: dict[tuple[tuple[str, ...], bool, str | None], tuple[list[float], str]] = {}
        self._start: dict[tuple[StartContext, str | None], list[float]] = {}
        self._inner_left: dict[tuple[str, bool, str | None], list[float]] = {}
        self._inner_right: dict[tuple[str, str | None], list[float]] = {}

    def own(
        self, document: Document, words: tuple[str, ...], caps: bool
    ) -> tuple[list[float], str]:
        """The score of a candidate's own words, and their lookup key."""
        key = (words, caps, document.sport)
        found = self._own.get(key)
        if found is None:
            if len(self._own) >= self._LIMIT:
                self._own.clear()
            vector = self.model.score(own_features(document, words, caps))
            found = self._own[key] = (vector, fold(" ".join(words)))
        return found

    def left(self, document: Document, run: Sequence[Token], first: int) -> list[float]:
        if first == 0:
            context = start_context(document, run)
            if context[1]:  # 'pw.org'
                document.said_org_first.add(run[0][0])
            key = (context, document.sport)
            vector = self._start.get(key)
            if vector is None:
                if len(self._start) >= self._LIMIT:
                    self._start.clear()
                vector = self._start[key] = self.model.score(_start_features(document, context))
            return vector
        line = document.line_of(run[first][0])
        # A dateline is no headline: the features of left_features() there are its own.
        titled = line not in document.datelines and document.is_title_case(line)
        return self._inner(document, run, first, titled)

    def _inner(
        self, document: Document, run: Sequence[Token], first: int, titled: bool
    ) -> list[float]:
        """The score of what stands before token ``first`` > 0 of a run on a line in title
        case or not: only the word before and the line's kind count (a dateline's place is
        named by the run's first word)."""
        key = (run[first - 1][2], titled, document.sport)  # all that left_features() reads
        vector = self._inner_left.get(key)
        if vector is None:
            if len(self._inner_left) >= self._LIMIT:
                self._inner_left.clear()
            vector = self._inner_left[key] = self.model.score(left_features(document, run, first))
        return vector

    def right(self, document: Document, run: Sequence[Token], last: int) -> list[float]:
        if last == len(run):
            features = right_features(document, run, last)
            _note_said_org(document, run, features)
            return self.model.score(features)
        key = (run[last][2], document.sport)
        vector = self._inner_right.get(key)
        if vector is None:
            if len(self._inner_right) >= self._LIMIT:
                self._inner_right.clear()
            vector = self._inner_right[key] = self.model.score(right_features(document, run, last))
        return vector

    def read(self, document: Document, run: Sequence[Token], caps: bool) -> RunReading:
        """The first reading of a run, and the scores a second reading adds to."""
        size = len(run)
        totals: dict[tuple[int, int], tuple[list[float], str]] = {}
        if size == 1:  # most runs: one candidate, one score, the best label
            word = run[0][2]
            own, key = self.own(document, (word,), caps)
            context = right_features(document, run, 1)
            _note_said_org(document, run, context)
            context.extend(alone_features(document, run))
            around = self.model.score(context, self.left(document, run, 0))
            total = _sum(own, around)
            totals[0, 1] = (total, key)
            segments = [self._alone(run, total)]
            return RunReading(run, caps, segments, totals)
        words = tuple(token[2] for token in run)
        line = document.line_of(run[0][0])  # a run keeps to a line
        titled = line not in document.datelines and document.is_title_case(line)
        left = [self.left(document, run, 0)]
        left.extend([self._inner(document, run, first, titled) for first in range(1, size)])
        right = [_NO_SCORE, *(self.right(document, run, last) for last in range(1, size + 1))]
        alone = self.model.score(alone_features(document, run))

        def scores(first: int, last: int) -> list[float]:
            one, key = self.own(document, words[first:last], caps)
            two, three = left[first], right[last]
            total = [one[0] + two[0] + three[0], one[1] + two[1] + three[1],
                     one[2] + two[2] + three[2], one[3] + two[3] + three[3],
                     one[4] + two[4] + three[4]]  # fmt: skip
            if first == 0 and last == 1:
                total = _sum(total, alone)
            totals[first, last] = (total, key)
            return total

        segments = decode(document, run, caps, self.model, self.moves, scores, self.columns)
        return RunReading(run, caps, segments, totals)

    def _alone(self, run: Sequence[Token], total: Sequence[float]) -> Segment:
        """The segment of a one-word run: its best label (a connector is no name)."""
        best = O
        word = run[0][2]
        if not (word[0].islower() or word == "&"):  # can_bound
            opening = self.moves[0]
            top = opening[PER] + total[PER]
            best = PER
            for label in (ORG, LOC, MISC, O):  # the first of the best, as max() takes it
                if opening[label] + total[label] > top:
                    top, best = opening[label] + total[label], label
        return Segment(0, 1, run[0][0], run[0][1], best, total)

    def reread(self, document: Document, reading: RunReading) -> list[Segment]:
        """The second reading of a run: the first's scores plus the article's evidence (what
        the first found elsewhere, and the kinds of the names listed with the whole run), read
        again only when some candidate has any."""
        run = reading.run
        run_start = run[0][0]
        listed = document.listed.get(run_start, ())
        evidence = document.evidence
        if not evidence and not listed:
            return reading.segments
        model = self.model
        totals = reading.totals
        if evidence is None:
            evidence = Evidence()  # the names listed with the run are all there is
        found_keys = evidence.total  # the keys the first reading found anything of
        if len(run) == 1:  # most runs: one candidate
            total, key = totals[0, 1]
            found = _evidence_features(evidence, key, run_start, True) if key in found_keys else []
            found.extend(listed)
            if not found:
                return reading.segments
            return [self._alone(run, _sum(total, model.score(found)))]
        extra: dict[tuple[int, int], list[float]] = {}
        whole = (0, len(run))
        for span, (_total, key) in totals.items():
            found = (
                _evidence_features(evidence, key, run_start, span == whole)
                if key in found_keys
                else []
            )
            if span == whole:
                found.extend(listed)
            if found:
                extra[span] = model.score(found)
        if not extra:
            return reading.segments
        again = {span: total for span, (total, _key) in totals.items()}
        for span, more in extra.items():
            again[span] = _sum(again[span], more)

        def scores(first: int, last: int) -> list[float]:
            return again[first, last]

        return decode(document, run, reading.caps, model, self.moves, scores, self.columns)


_NO_SCORE = [0.0] * len(LABELS)


def _sum(one: Sequence[float], two: Sequence[float]) -> list[float]:
    """Two scores added label by label."""
    return [one[0] + two[0], one[1] + two[1], one[2] + two[2], one[3] + two[3], one[4] + two[4]]


class RunReading:
    """A run's first reading: its segments, and the score of every candidate it weighed
    with the candidate's lookup key."""

    __slots__ = ("caps", "run", "segments", "totals")

    def __init__(
        self,
        run: Sequence[Token],
        caps: bool,
        segments: list[Segment],
        totals: dict[tuple[int, int], tuple[list[float], str]],
    ) -> None:
        self.run, self.caps, self.segments, self.totals = run, caps, segments, totals


@functools.cache
def reader() -> Reader:
    """The reader of the package's weights."""
    return Reader(weights())


def read_names(
    text: str,
    runs_of_text: Sequence[list[Token]],
    model: Weights | None = None,
    *,
    written: str | None = None,
) -> tuple[Document, list[tuple[list[Token], list[Segment]]]]:
    """Read every run twice: alone, then with what the first reading found in the article.
    ``written`` is the text as given when ``text`` is its :func:`truecase` form: the words it
    writes in lowercase are those of the text as given, not the guesses of truecasing."""
    using = reader() if model is None else Reader(model)
    document = Document(text, written)
    first = [using.read(document, run, is_caps(document, run)) for run in runs_of_text]
    document.evidence = article_evidence(
        document, ((reading.run, reading.segments) for reading in first if not reading.caps)
    )
    document.listed = _listed(text, first)
    second = [using.reread(document, reading) for reading in first]
    return document, list(zip(runs_of_text, second))


_LIST_JOIN = frozenset({", ", " and ", " or ", ", and ", ", or "})


def _listed(text: str, readings: Sequence[RunReading]) -> dict[int, tuple[str, ...]]:
    """For each run first read as one segment, the kinds of its neighbours in a list ('First
    Bank, Norwest and Banc One'): the names next to it, joined to it by a comma, 'and' or
    'or'."""
    out: dict[int, tuple[str, ...]] = {}
    for index in range(len(readings) - 1):
        here, after = readings[index], readings[index + 1]
        if text[here.run[-1][1] : after.run[0][0]] not in _LIST_JOIN:
            continue
        last, first = here.segments[-1].label, after.segments[0].label
        start, following = here.run[0][0], after.run[0][0]
        if first in (PER, ORG, LOC) and len(here.segments) == 1:
            out[start] = (*out.get(start, ()), "list:" + LABELS[first])
        if last in (PER, ORG, LOC) and len(after.segments) == 1:
            out[following] = (*out.get(following, ()), "list:" + LABELS[last])
    return out
