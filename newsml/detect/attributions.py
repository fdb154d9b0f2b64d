"""Attributions: which words an article reports, and the speaker phrase each is tied to.

Sentence by sentence (sentences of the narrative, a quotation being one token; see
:mod:`newsml.detect.tokens`):

1. Speech cues are found (:mod:`newsml.detect.cues`) and each gets its speaker phrase
   (:mod:`newsml.detect.speakers`): the phrase before the verb ('Lavrov said'), after it when the
   order is inverted ('said Caddell'), the 'with' phrase of a participle ('with Russian diplomats
   warning'), or else the subject of the sentence ('Lavrov reiterated ..., stating that').
2. A quotation right before its attribution (“A,” she said / “A,” said X), or closing the
   sentence right after it (X said: “A.”), is a direct quote; so is one set off by a dash
   (“A.” — X). “A,” she said, “B.” is one quote of two pieces.
3. A cue used for no direct quote reports speech: the clause after it ('argued that ...', 'says
   he is ...'), or the sentence before it ('A, officials said.'), or both around it ('A, he said,
   B.'). With quotation marks inside (not those of another attribution) it is 'mixed', without
   'indirect'; a clause that is one whole quotation is that direct quote. Naming verbs report
   the quoted word they name ('dismissed the proposals as ‘fantasies’').
4. "According to X" attributes the rest of its sentence, before or after it, to X.
5. A quotation that is a sentence of its own with no attribution continues the last speaker
   of the same or the previous paragraph (a follow-up quote), or the speaker of a lead-in that
   ended with a colon. A quotation inside a sentence with no cue is a title, a nickname or a
   scare quote and is not speech.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

import attrs
import regex

from newsml.detect.cues import VERB_FORMS, Cue, cue_starts, find_cues
from newsml.detect.lexicons import words
from newsml.detect.speakers import (
    DETERMINERS,
    FUNCTION_WORDS,
    PRONOUNS,
    left_phrase,
    right_phrase,
    skippable,
    subject_phrase,
)
from newsml.detect.tokens import BREAK, PUNCT, QUOTE, WORD, Token, not_words, sentences

__all__ = ["Attribution", "find_attributions"]

_CLAUSE_OPENERS = frozenset(
    ["that", "whether", "if", "how", "why", "what", "when", "where", "who", "which"]
)
_ADDRESSEE_VERBS = frozenset(
    ["tell", "ask", "inform", "assure", "warn", "urge", "advise", "remind", "caution"]
)
#: Verbs never written before their speaker ('“...,” told X' is not English): what follows is
#: the addressee.
_NOT_INVERTED = frozenset(["tell", "inform", "assure", "urge", "advise", "remind"])
_OBJECT_PRONOUNS = frozenset(["me", "him", "her", "them", "us", "you"])
#: Subject pronouns that open a clause without 'that' after an addressee ('told him she ...').
_SUBJECTS = frozenset(["i", "he", "she", "they", "we", "it", "you"])
_DASHES = "—–―"
_SOURCE_NOUNS = frozenset(
    [
        "report",
        "reports",
        "statement",
        "statements",
        "study",
        "survey",
        "poll",
        "analysis",
        "article",
        "interview",
        "review",
        "memo",
        "letter",
        "account",
        "documents",
        "document",
        "filing",
        "release",
    ]
)
_TRAILING = ".,;:!?"
#: Words that open a relative clause ('which critics said was flawed'): its content ends at a comma.
_RELATIVES = frozenset(["who", "which", "whom", "whose"])
_ARTICLES = frozenset(["a", "an", "the"])
#: Words that join a second attribution to a first ('A said X and B said Y'): X ends there.
_COORDINATORS = frozenset(["and", "but", "while", "whereas"])
#: Words after a speech verb that open no reported clause ('said in a statement', 'said Tuesday').
_NOT_A_CLAUSE = frozenset(
    [
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "among",
        "around",
        "as",
        "at",
        "before",
        "behind",
        "below",
        "beside",
        "between",
        "beyond",
        "by",
        "during",
        "for",
        "from",
        "in",
        "inside",
        "into",
        "like",
        "near",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "past",
        "per",
        "since",
        "through",
        "to",
        "toward",
        "towards",
        "under",
        "until",
        "upon",
        "via",
        "with",
        "within",
        "without",
        "and",
        "but",
        "or",
        "nor",
        "so",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "earlier",
        "later",
        "last",
        "this",
    ]
)
_FUNCTION_WORDS_OR_THAT = FUNCTION_WORDS | {"that"}
#: A transcript's label: a name in capitals and a colon opening a paragraph ('JANE DOE: ...').
TRANSCRIPT_LABEL = regex.compile(r"\p{Lu}[\p{Lu}.’'-]++(?: \p{Lu}[\p{Lu}.’'-]*+){0,2}:[ \t]")
#: Labels that open a headline without naming a source ('Update: ...', 'Watch: ...').
HEADLINE_LABELS = words("headline_labels.txt")
#: Words that may stand between a verb and its 'that' ('said, twice, that', 'added later that').
_ADVERBS = frozenset(["twice", "again", "later", "also", "then", "repeatedly", "once", "too"])
#: Complements of cues that never take a quotation of their own: a name given ('called it
#: "..."') or a stance ('endorsed the plan').
_NO_QUOTATION = frozenset({"naming", "stance", "prepositional", "passive"})
_WORDS = regex.compile(r"\p{L}[\p{L}’'-]*+")
#: Words that open a clause: the subject of a passive after them starts there.
_CLAUSE_BOUNDS = _CLAUSE_OPENERS | frozenset(
    [
        "and",
        "but",
        "or",
        "while",
        "though",
        "although",
        "because",
        "since",
        "as",
        "after",
        "before",
        "until",
        "unless",
        "once",
        "so",
        "yet",
        "whether",
        "where",
        "when",
    ]
)
#: The most words of the subject of a passive ('is expected to') read back from its verb.
_LONGEST_SUBJECT = 15
#: The longest reported clause, in tokens (a sentence with no end must not make time quadratic).
_LONGEST_CONTENT = 120
#: The most words of a subheading in quotation marks (a paragraph of its own).
_SUBHEADING_WORDS = 8
#: The longest unit read for attributions, in tokens: a longer sentence is cut (see _units).
_LONGEST_UNIT = 200


#: The speaker phrase (token range) of each cue of a sentence, by the cue's first token.
Speakers = dict[int, tuple[int, int] | None]


@attrs.frozen
class Attribution:
    """Reported words: pieces, kind, the speaker phrase and the cue (character offsets)."""

    kind: str
    pieces: tuple[tuple[int, int], ...]
    speaker: tuple[int, int] | None
    cue: tuple[int, int] | None
    context: str = ""  # the words of the cue and what follows it, lower case (for roles)
    follows: int | None = None  # index of the attribution whose speaker a follow-up shares
    sentence: int = 0  # the narrative sentence it was found in
    stance: bool = False  # reported by a verb of stance ('endorsed', 'plans to'): no follow-ups


@attrs.define
class _Sentence:
    first: int
    last: int
    paragraph: int


class _Finder:
    def __init__(self, text: str, tokens: Sequence[Token], marks: Sequence[int]) -> None:
        self.text = text
        self.tokens = tokens
        self.found: list[Attribution] = []
        self.claimed: set[int] = set()  # quotation tokens already attributed
        self.cue_starts: list[int] = []
        self.cue_lasts: list[int] = []
        self.pending: list[tuple[list[tuple[int, int]], tuple[int, int] | None, Cue]] = []
        self.paragraph_of: list[int] = []  # paragraph of each attribution in self.found
        self.paragraph = 0
        self.sentence = 0
        # where the quotations and the paragraph breaks are, so that a sentence is not scanned
        # token by token for them (found among the tokens that are not words)
        self.quote_indices = [i for i in marks if tokens[i].kind == QUOTE]
        self.break_indices = [i for i in marks if tokens[i].kind == BREAK]
        self.cue_candidates = cue_starts(tokens)
        self.speakers: Speakers = {}  # the speaker phrases of the sentence being read
        # the content after each cue of the sentence that has one ('said that ...'), by cue
        self.forward: dict[int, tuple[int, int]] = {}
        self.attributing: set[int] = set()  # the cues of the sentence that attributed words

    def quotes_in(self, first: int, last: int) -> list[int]:
        """Indices of the quotation tokens in tokens[first:last]."""
        indices = self.quote_indices
        return indices[bisect.bisect_left(indices, first) : bisect.bisect_left(indices, last)]

    # -- helpers -----------------------------------------------------------------------------
    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.tokens[first].start, self.tokens[last].end

    def is_punct(self, index: int, marks: str) -> bool:
        token = self.tokens[index]
        return token.kind == PUNCT and token.text in marks

    def speaker_of(
        self, cue: Cue, sentence: _Sentence, earlier: Speakers
    ) -> tuple[int, int] | None:
        tokens = self.tokens
        first, last = sentence.first, sentence.last
        if cue.verb.form == "phrase":
            phrase = right_phrase(tokens, cue.last + 1, last)
            return self._source_inside(phrase, last) if phrase else None
        if cue.verb.complement == "passive":
            return None  # 'X is expected to win': no source is named
        if cue.verb.form == "gerund":
            before = cue.first - 1
            while (
                before >= first
                and tokens[before].kind == WORD
                and tokens[before].lower in ("also", "then", "later")
            ):
                before -= 1
            after_comma = before >= first and tokens[before].kind == PUNCT
            phrase = None if after_comma else left_phrase(tokens, cue.first, first)
            if (
                phrase is not None
                and phrase[0] > first
                and tokens[phrase[0] - 1].lower in ("to", "for", "at", "from", "on")
            ):
                phrase = None  # 'sent a message to supporters saying': the sender says it
            if phrase is not None:
                return phrase  # 'with Russian diplomats warning', 'footage of Trump saying'
            for previous in sorted(earlier, reverse=True):
                if previous < cue.first and earlier[previous] is not None:
                    return earlier[previous]
            return subject_phrase(tokens, first, cue.first)
        phrase = left_phrase(tokens, cue.first, first)
        if phrase is not None:
            return phrase
        if (
            cue.verb.form == "base"
            and cue.first - 1 > first
            and tokens[cue.first - 1].lower == "to"
            and tokens[cue.first - 2].kind == WORD
        ):
            # 'She went on to say:', 'O’Malley, ..., interjected to say:': the subject says it
            return subject_phrase(tokens, first, cue.first - 1)
        # inverted order after a quotation or before the end: '“...,” said Caddell'; never
        # after a verb whose object is the addressee ('told Fox News:')
        phrase = (
            None
            if cue.verb.base in _NOT_INVERTED or cue.verb.complement == "prepositional"
            else right_phrase(tokens, cue.last + 1, last)
        )
        if phrase is not None:
            after = phrase[1] + 1
            if (
                after >= last
                or tokens[after].kind != WORD
                or tokens[after].lower in _NOT_A_CLAUSE
                or self._modifies(phrase, after)
            ):
                return phrase
        before = cue.first - 1
        while before > first and skippable(tokens[before]):
            before -= 1  # 'and later said', 'but then quickly added'
        if before >= first and tokens[before].lower in ("and", "but", "then"):
            return subject_phrase(tokens, first, cue.first)  # 'I laughed and said'
        return None

    def _modifies(self, phrase: tuple[int, int], after: int) -> bool:
        """Whether the words at ``after`` modify the inverted speaker ``phrase`` rather than
        open a clause: a relative ('said a member who supports Trump') or a participle ('said a
        source involved in the talks'), after a phrase with a determiner."""
        tokens = self.tokens
        word = tokens[after]
        if tokens[phrase[0]].lower not in DETERMINERS or word.capitalised:
            return False
        return word.lower in _RELATIVES or word.lower.endswith(("ed", "ing"))

    def _source_inside(self, phrase: tuple[int, int], last: int) -> tuple[int, int]:
        """'a report by RIA Novosti' -> 'RIA Novosti'."""
        _first, end = phrase
        tokens = self.tokens
        if (
            tokens[end].lower in _SOURCE_NOUNS
            and end + 2 < last
            and tokens[end + 1].lower in ("by", "from", "of", "in")
        ):
            inner = right_phrase(tokens, end + 2, last)
            if inner is not None:
                return inner
        return phrase

    # -- the passes ---------------------------------------------------------------------------
    def run(self, spans: Sequence[tuple[int, int]]) -> list[Attribution]:
        lead: tuple[tuple[int, int] | None, tuple[int, int]] | None = None
        lead_paragraph = -1
        candidates, quotes = self.cue_candidates, self.quote_indices
        next_candidate = next_quote = 0
        for number, (first, last) in enumerate(spans):
            # a sentence with no word that can start a cue and no quotation holds nothing to
            # attribute and changes no state (a lead is dropped as well by the next sentence read)
            while next_candidate < len(candidates) and candidates[next_candidate] < first:
                next_candidate += 1
            while next_quote < len(quotes) and quotes[next_quote] < first:
                next_quote += 1
            if (
                (next_candidate == len(candidates) or candidates[next_candidate] >= last)
                and (next_quote == len(quotes) or quotes[next_quote] >= last)
                and not (number == 0 and self._credit_colon(first, last) is not None)
                and self._label(first, last) is None
            ):
                continue
            paragraph = bisect.bisect_left(self.break_indices, first)  # breaks before it
            sentence = _Sentence(first, last, paragraph)
            self.paragraph = paragraph
            self.sentence = number
            before = len(self.found)
            cues = find_cues(
                self.tokens,
                first,
                last,
                self.cue_candidates,
                number == 0 and self._title(first, last),
            )
            speakers: Speakers = {}
            for cue in cues:
                speakers[cue.first] = self.speaker_of(cue, sentence, speakers)
            cues = [cue for cue in cues if not self._names_a_title(cue, speakers[cue.first])]
            self.speakers = speakers
            self.forward = {}
            self.attributing = set()
            used = self.direct(sentence, cues, speakers)
            self.attributing.update(used)
            for cue in cues:
                if cue.first not in used:
                    self.reported(sentence, cue, speakers[cue.first], cues)
            self.settle(sentence)
            if number == 0 and len(self.found) == before:
                self.headline_credit(sentence)
            self.transcript(sentence)
            if lead is not None and paragraph - lead_paragraph > 1:
                lead = None
            lead = (
                self.follow_ups(sentence, lead)
                if lead is not None
                else self.follow_ups(sentence, None)
            )
            new_lead = self.lead_in(sentence, cues, speakers)
            if new_lead is not None:
                lead, lead_paragraph = new_lead, paragraph
            self.paragraph_of.extend([paragraph] * (len(self.found) - before))
        return self.found

    def _names_a_title(self, cue: Cue, speaker: tuple[int, int] | None) -> bool:
        """'a play called “Brokers,”', 'the so-called “special relationship”': a naming verb
        with no object, right before a quotation, after a phrase of a determiner and no name
        or insert (or after 'so', or after no phrase) is a participle: the quotation is the
        name of the thing before it, which says nothing. 'what aide Kim Ode called “...”' and
        'Jo Ruud, a nurse, called “...”' keep their speaker."""
        tokens = self.tokens
        if cue.verb.complement != "naming" or cue.verb.form not in ("past", "participle"):
            return False
        after = cue.last + 1
        if after >= len(tokens) or tokens[after].kind != QUOTE:
            return False
        before = cue.first - 1
        while before >= 0 and tokens[before].kind == PUNCT and tokens[before].text in "-‐":
            before -= 1
        if before >= 0 and tokens[before].lower == "so":
            return True
        if speaker is None:  # no phrase found, but none after a relative ('who Ann then called')
            return not any(
                tokens[index].lower in _RELATIVES | {"what", "that"}
                for index in range(max(0, cue.first - 5), cue.first)
            )
        first, last = speaker
        if tokens[first].lower not in _ARTICLES:
            return False
        if first > 0 and tokens[first - 1].lower in _RELATIVES | {"what", "that"}:
            return False
        return not any(
            token.kind != WORD or (token.capitalised and index > first)
            for index, token in enumerate(tokens[first : last + 1], first)
        )

    def _label(self, first: int, last: int) -> int | None:
        """The colon of a transcript's label opening a paragraph after the first ('JANE DOE:
        ...', 'TAPPER: ...'): one to three words in capitals, none a label of
        ``headline_labels.txt`` ('CORRECTION:', 'BYLINE:'), and words after the colon."""
        tokens = self.tokens
        if first == 0 or tokens[first - 1].kind != BREAK or tokens[first].kind != WORD:
            return None
        for index in range(first, min(last - 1, first + 3)):
            token = tokens[index]
            if token.kind != WORD or len(token.text) < 2 or not token.text.isupper():
                return None
            if token.lower in HEADLINE_LABELS:
                return None
            if self.is_punct(index + 1, ":"):
                return index + 1
        return None

    def transcript(self, sentence: _Sentence) -> None:
        """'JANE DOE: We will build it.': the rest of the paragraph is the labelled speaker's
        (mixed when it holds quoted words; its quotations stay free for their own cues)."""
        colon = self._label(sentence.first, sentence.last)
        if colon is None:
            return
        tokens = self.tokens
        breaks = self.break_indices
        after = bisect.bisect_right(breaks, sentence.first)
        end = breaks[after] if after < len(breaks) else len(tokens)
        last = end - 1
        if last <= colon:
            return
        quoted = bool(self.quotes_in(colon + 1, end))
        self.found.append(
            Attribution(
                "mixed" if quoted else "indirect",
                (self.span(colon + 1, last),),
                self.span(sentence.first, colon - 1),
                None,
                sentence=self.sentence,
            )
        )

    def _title(self, first: int, last: int) -> bool:
        """Whether the text's first sentence is a headline in Title Case: it opens the text, and
        at least two of its words and every word longer than three letters are capitalised."""
        tokens = self.tokens
        if first != 0 or last - first > 25:
            return False
        words = [t for t in tokens[first:last] if t.kind == WORD]
        return (
            len(words) >= 3
            and all(t.capitalised for t in words if len(t.text) > 3)
            and sum(t.capitalised for t in words) >= 2
        )

    def _credit_colon(self, first: int, last: int) -> int | None:
        """The colon of 'Jane Doe: Claim' opening the text's first paragraph (its headline): a
        name of at most five words, capitalised first, then the colon."""
        tokens = self.tokens
        if first != 0 or first >= last or tokens[first].kind != WORD:
            return None
        if not tokens[first].capitalised or tokens[first].lower in HEADLINE_LABELS:
            return None
        for index in range(first + 1, min(last, first + 6)):
            token = tokens[index]
            if token.kind == PUNCT and token.text == ":":
                return index if index + 1 < last else None
            if token.kind != WORD or token.lower in FUNCTION_WORDS and token.lower != "on":
                return None
        return None

    def headline_credit(self, sentence: _Sentence) -> None:
        """'Jane Doe: Taxes Will Rise' as the headline: what follows the colon is attributed to
        the name before it (mixed when it holds quoted words; a quotation alone is direct, see
        :meth:`_headline`). 'Doe on Taxes: ...' credits 'Doe'."""
        colon = self._credit_colon(sentence.first, sentence.last)
        if colon is None:
            return
        tokens = self.tokens
        end = sentence.last
        while end > colon + 1 and tokens[end - 1].kind == PUNCT:
            end -= 1
        if end <= colon + 1:
            return
        speaker_end = colon - 1
        for index in range(sentence.first, colon):
            if tokens[index].lower == "on":
                speaker_end = index - 1
                break
        if speaker_end < sentence.first:
            return
        quotes = [i for i in self.quotes_in(colon + 1, end) if i not in self.claimed]
        self.claimed.update(quotes)
        self.found.append(
            Attribution(
                "mixed" if quotes else "indirect",
                (self.span(colon + 1, end - 1),),
                self.span(sentence.first, speaker_end),
                None,
                sentence=self.sentence,
                stance=True,
            )
        )

    def direct(self, sentence: _Sentence, cues: list[Cue], speakers: Speakers) -> set[int]:
        """Quotations attributed by a cue beside them; returns the cues used."""
        tokens = self.tokens
        used: set[int] = set()
        by_cue: dict[int, int] = {}  # cue -> index in self.found
        self.cue_starts = [cue.first for cue in cues]
        self.cue_lasts = [cue.last for cue in cues]
        for index in self.quotes_in(sentence.first, sentence.last):
            if index in self.claimed:
                continue
            cue = self._after(index, sentence, cues, speakers) or self._before(
                index, sentence, cues, speakers
            )
            if cue is None:
                speaker = self._dash(index, sentence) or self._colon(index, sentence)
                if speaker is not None:
                    self.claimed.add(index)
                    self.add("direct", [index], speaker, None)
                continue
            self.claimed.add(index)
            used.add(cue.first)
            quotation = tokens[index].quotation
            assert quotation is not None
            pieces = tuple((p.start, p.end) for p in quotation.pieces)
            if cue.first in by_cue:
                earlier = self.found[by_cue[cue.first]]
                self.found[by_cue[cue.first]] = attrs.evolve(
                    earlier, pieces=earlier.pieces + pieces
                )
                continue
            by_cue[cue.first] = len(self.found)
            self.found.append(
                Attribution(
                    "direct",
                    pieces,
                    self._chars(speakers[cue.first]),
                    self.span(cue.first, cue.last),
                    self.context(cue, sentence),
                    sentence=self.sentence,
                )
            )
        return used

    def _chars(self, phrase: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if phrase is None else self.span(*phrase)

    def context(self, cue: Cue, sentence: _Sentence) -> str:
        last = min(sentence.last, cue.last + 6)
        return " ".join(t.lower for t in self.tokens[cue.first : last] if t.kind == WORD)

    def _after(
        self,
        index: int,
        sentence: _Sentence,
        cues: list[Cue],
        speakers: Speakers,
    ) -> Cue | None:
        """'“...,” she said', '“...,” said X', '“...,” X, a doctor, said': the cue after.

        A quotation right after a word of the sentence ('a broadcast of “Fox News Sunday,”')
        or written in Title Case is a name, not words said.
        """
        tokens = self.tokens
        if index > sentence.first and tokens[index - 1].kind == WORD or self._title_case(index):
            return None
        position = index + 1
        while position < sentence.last and self.is_punct(position, ",—–"):
            position += 1
        for cue in cues[bisect.bisect_left(self.cue_starts, position) :]:
            if cue.verb.form == "phrase" and cue.first == position and speakers.get(cue.first):
                return cue  # '“...,” according to the ministry.'
            if (
                cue.verb.form == "phrase"
                or cue.verb.complement in ("stance", "passive")
                or cue.verb.verb_class == "evidence"
            ):
                continue
            if cue.first == position:
                return cue
            phrase = speakers.get(cue.first)
            if phrase is None:
                return None
            if phrase[0] == position:
                return cue
            # a longer speaker phrase than the one found ('Scott Pruitt, the Republican attorney
            # general of Oklahoma, one of the states suing the EPA, said')
            if position <= phrase[1] < cue.first and self._speaker_run(position, phrase[1]):
                speakers[cue.first] = (position, phrase[1])
                return cue
            return None
        return None

    def _title_case(self, index: int) -> bool:
        """‘Legend in the Coal Fields.’: every longer word capitalised, a title."""
        token = self.tokens[index]
        capitalised = 0
        for word in _WORDS.finditer(self.text, token.start, token.end):
            if word.end() - word.start() > 3:
                if not self.text[word.start()].isupper():
                    return False  # most quotations: read only up to their first long word
                capitalised += 1
        return capitalised >= 2

    def _speaker_run(self, first: int, last: int) -> bool:
        """Tokens that can all belong to one long speaker phrase: a name with its inserts."""
        tokens = self.tokens
        if (
            last - first > 40
            or not tokens[first].capitalised
            and tokens[first].lower not in DETERMINERS
        ):
            return False
        return all(
            token.kind == WORD or (token.kind == PUNCT and token.text in ",()-–—.’'&")
            for token in tokens[first : last + 1]
        )

    def _before(
        self,
        index: int,
        sentence: _Sentence,
        cues: list[Cue],
        speakers: Speakers,
    ) -> Cue | None:
        """'X said: “...”', 'X told me, “...”', 'stating that ‘...’': the cue before.

        The quotation ends the sentence, or ends in a comma (“...,” when ...); between the cue and
        the quotation only a short prepositional phrase, an addressee or 'that'.
        """
        tokens = self.tokens
        after = index + 1
        while (
            after < sentence.last
            and tokens[after].kind == PUNCT
            and tokens[after].text in _TRAILING
        ):
            after += 1
        inner = self.text[tokens[index].start : tokens[index].end].rstrip("\"'”’»›“ ")
        if after < sentence.last and tokens[after].kind != QUOTE and not inner.endswith(","):
            return None
        position = bisect.bisect_left(self.cue_lasts, index) - 1
        while position >= 0 and (
            cues[position].verb.complement in _NO_QUOTATION
            or cues[position].verb.form == "phrase"
            or cues[position].verb.verb_class == "evidence"  # 'the TV show “Shark Tank.”'
        ):
            position -= 1
        if position < 0:
            return None
        distance = index - cues[position].last
        if distance > 12 and not (
            distance <= 26
            and any(t.lower in _RELATIVES for t in tokens[cues[position].last + 1 : index])
        ):
            return None
        cue = cues[position]
        after_cue = cue.last + 1
        phrase = speakers.get(cue.first)
        if phrase is not None and phrase[0] == after_cue:
            after_cue = phrase[1] + 1  # 'Said Ellis: “...”'
        between = tokens[after_cue:index]
        if any(t.kind == QUOTE for t in between):
            return None
        words_between = [t for t in between if t.kind == WORD]
        if not between:
            return cue
        # a relative clause on the speaker or the addressee may lengthen what lies between
        # ('Said Dorothy Poynter, who grew up with Ali, “...”', 'told the mayors who gathered
        # in Indianapolis, “...”'): it ends at the comma before the quotation
        relative = any(t.lower in _RELATIVES for t in words_between)
        if len(words_between) > (20 if relative else 8):
            return None
        last_token = between[-1]
        if not (
            last_token.kind == PUNCT
            and last_token.text in ",:"
            or last_token.lower == "that"
            or (last_token.text == "," and len(words_between) and words_between[-1].lower == "that")
        ):
            return None
        if any(
            t.lower in _CLAUSE_OPENERS and t.lower != "that" and t.lower not in _RELATIVES
            for t in words_between
        ):
            return None
        if relative and not (between[-1].kind == PUNCT and between[-1].text == ","):
            return None
        if (
            words_between
            and words_between[0].lower not in _FUNCTION_WORDS_OR_THAT
            and words_between[0].lower not in _NOT_A_CLAUSE  # 'said last week in Tel Aviv,'
            and words_between[0].lower not in _RELATIVES  # 'Said X, who grew up there, “...”'
            and not (
                cue.verb.base in _ADDRESSEE_VERBS
                or words_between[0].lower in ("me", "us", "him", "her", "them", "reporters")
            )
        ):
            return None
        return cue

    def _colon(self, index: int, sentence: _Sentence) -> tuple[int, int] | None:
        """'... rolling out a new message: “It’s about me.”': the sentence's subject said it."""
        tokens = self.tokens
        if index - 1 <= sentence.first or not self.is_punct(index - 1, ":"):
            return None
        if any(tokens[i].kind not in (PUNCT,) for i in range(index + 1, sentence.last)):
            return None
        if self._title_case(index) and not self._headline(index, sentence):
            return None
        phrase = subject_phrase(tokens, sentence.first, index - 1)
        return None if phrase is None else self.span(*phrase)

    def _headline(self, index: int, sentence: _Sentence) -> bool:
        """'Jane Doe: ‘We Will Win.’', 'Doe on Taxes: ‘...’': a headline credit, a paragraph of a
        few words, a colon and the quotation (a title in Title Case is never credited so)."""
        tokens = self.tokens
        first = sentence.first
        if index - 1 - first > 8 or first > 0 and tokens[first - 1].kind != BREAK:
            return False
        return tokens[first].capitalised and all(
            token.kind == WORD for token in tokens[first : index - 1]
        )

    def _dash(self, index: int, sentence: _Sentence) -> tuple[int, int] | None:
        """'“...” — John Smith' closing its paragraph."""
        tokens = self.tokens
        position = index + 1
        if position >= sentence.last or not self.is_punct(position, _DASHES + "-"):
            return None
        phrase = right_phrase(tokens, position + 1, sentence.last)
        if phrase is None or (tokens[position].text == "-" and not tokens[phrase[0]].capitalised):
            return None  # a hyphen credits only a name: '“...” - Jane Doe'
        rest = range(phrase[1] + 1, sentence.last)
        if any(tokens[p].kind != PUNCT and tokens[p].text != "," for p in rest):
            return None
        return self.span(*phrase)

    def add(
        self,
        kind: str,
        quote_tokens: list[int],
        speaker: tuple[int, int] | None,
        cue: tuple[int, int] | None,
        follows: int | None = None,
        context: str = "",
    ) -> None:
        pieces: list[tuple[int, int]] = []
        for index in quote_tokens:
            quotation = self.tokens[index].quotation
            assert quotation is not None
            pieces.extend((p.start, p.end) for p in quotation.pieces)
        self.found.append(
            Attribution(
                kind, tuple(pieces), speaker, cue, context, follows=follows, sentence=self.sentence
            )
        )

    def reported(
        self, sentence: _Sentence, cue: Cue, speaker: tuple[int, int] | None, cues: list[Cue]
    ) -> None:
        """Reported speech around a cue that attributes no quotation directly."""
        tokens = self.tokens
        first, last = sentence.first, sentence.last
        end = last
        while (
            end > first
            and tokens[end - 1].kind == PUNCT
            and tokens[end - 1].text in _TRAILING + ")"
        ):
            end -= 1
        end = min(end, cue.last + 1 + _LONGEST_CONTENT)
        if self._relative(cue.first, speaker):
            # 'which critics said was flawed, ...': the relative clause ends at its comma
            comma = next(
                (i for i in range(cue.last + 1, end) if self.is_punct(i, ",;")),
                end,
            )
            end = comma
        # a later cue with its own speaker before it ends this content (', officials said')
        shared = False
        following = bisect.bisect_right(self.cue_starts, cue.last)
        if following < len(cues):
            other = cues[following]
            phrase = left_phrase(tokens, other.first, cue.last + 1)
            start_of_tail = phrase[0] if phrase else other.first
            if start_of_tail - 1 > cue.last and (
                self.is_punct(start_of_tail - 1, ",;")
                or tokens[start_of_tail - 1].lower in _COORDINATORS
            ):
                shared = start_of_tail - 1 < end
                end = min(end, start_of_tail - 1)
                # the cut leaves no dangling comma or dash ('A, and B said' -> 'A')
                while end > cue.last + 1 and self.is_punct(end - 1, ",;:" + _DASHES + "-"):
                    end -= 1
            elif start_of_tail - 1 > cue.last and self._ends_in_comma(start_of_tail - 1):
                end = min(end, start_of_tail)  # 'felt A “B,” she said': A and B
            elif other.verb.form == "phrase" and self.is_punct(other.first - 1, ","):
                end = min(end, other.first - 1)
        pieces: list[tuple[int, int]] = []
        if cue.verb.form == "phrase":
            pieces = self._around(sentence, cue, speaker, end, shared)
        elif cue.verb.complement == "passive":
            pieces = self._passive(sentence, cue, end)
        else:
            start = self._content_start(cue, end, speaker)
            if start is not None and start < end:
                if cue.verb.complement == "naming":
                    named = self._named_end(start, end)
                    if named is None:
                        return
                    end = named
                pieces = [(start, end)]
                self.forward[cue.first] = (start, end)
            elif cue.verb.complement not in _NO_QUOTATION:
                pieces = self._around(sentence, cue, speaker, end, shared)
        if not pieces:
            return
        self.attributing.add(cue.first)
        self.emit(pieces, speaker, cue, sentence)

    def _passive(self, sentence: _Sentence, cue: Cue, end: int) -> list[tuple[int, int]]:
        """'The plan is expected to pass next week': the subject ('The plan', or a relative
        'who', 'which the Senate' opening the clause) and the infinitive ('to pass next week')."""
        tokens = self.tokens
        infinitive = cue.last + 1
        if infinitive + 1 >= end:
            return []
        before = cue.first - 1
        while before > sentence.first and skippable(tokens[before]):
            before -= 1  # the be-form and its adverbs
        subject = self._passive_subject(sentence, cue, before)
        # 'who is said to have pressed for it, said': a relative clause ends at its comma
        relative = subject is not None and tokens[subject[0]].lower in _RELATIVES | {"that"}
        end = self._infinitive_end(infinitive, end, relative)
        pieces = [(infinitive, end)]
        if subject is not None and subject[1] < cue.first:
            pieces.insert(0, (subject[0], subject[1] + 1))
        return pieces

    def _passive_subject(
        self, sentence: _Sentence, cue: Cue, before: int
    ) -> tuple[int, int] | None:
        """The subject of a passive ending at token ``before``: the words from the start of its
        clause (the sentence's start, a mark, a conjunction, a relative or a verb of speech), a
        relative opening it included; after 'and' the subject of the sentence; after a comma
        the phrase before it, without an apposition."""
        tokens = self.tokens
        first = sentence.first
        start = before
        while start >= first and before - start < _LONGEST_SUBJECT:
            token = tokens[start]
            if token.kind != WORD:
                if token.kind == PUNCT and token.text in "’'-&." and start < before:
                    start -= 1
                    continue
                break
            if token.lower in _RELATIVES or token.lower == "that" and start == before:
                return start, before  # 'who is expected to', 'which the Senate is expected to'
            verb = VERB_FORMS.get(token.lower)
            if token.lower in _CLAUSE_BOUNDS or (
                verb is not None and verb.form == "past" and not token.capitalised
            ):
                break  # 'and she is expected', 'officials said the bill is expected'

            start -= 1
        else:
            if start >= first:
                return left_phrase(tokens, cue.first, first)
        if start < before:
            return start + 1, before
        if tokens[before].lower in ("and", "but"):
            return subject_phrase(tokens, first, before)  # 'He advises X and is thought to'
        phrase = left_phrase(tokens, cue.first, first)
        if phrase is not None:
            for index in range(phrase[0] + 1, phrase[1]):
                if self.is_punct(index, ",") and tokens[index + 1].lower in DETERMINERS:
                    return phrase[0], index - 1  # 'Jo Ruud, the nominee, is expected'
        return phrase

    def _infinitive_end(self, start: int, end: int, relative: bool = False) -> int:
        """Where an infinitive clause from ``start`` ends: at a semicolon or a dash, or at a
        comma ('to sign the bill, potentially ending ...') unless a that-clause opened before it
        (in a relative clause all the same) or the comma joins the digits of a number."""
        tokens = self.tokens
        clause = False
        for index in range(start + 1, end):
            token = tokens[index]
            if token.kind == WORD and token.lower in _CLAUSE_OPENERS and not relative:
                clause = True
            if token.kind != PUNCT:
                continue
            if token.text == ";" or token.text in _DASHES or token.text in ("-", "--"):
                return index
            if token.text == "," and not clause:
                glued = (
                    index + 1 < end
                    and tokens[index - 1].end == token.start
                    and tokens[index + 1].start == token.end
                )
                if not glued and not (index + 1 < end and tokens[index + 1].lower == "that"):
                    return index
        return end

    def _content_start(self, cue: Cue, end: int, speaker: tuple[int, int] | None) -> int | None:
        tokens = self.tokens
        position = cue.last + 1
        if speaker is not None and speaker[0] == position:
            return None  # inverted 'said X': the content is before
        if cue.verb.complement == "direct":
            return None
        if position < end and tokens[position].kind == WORD and tokens[position].lower in ("out",):
            position += 1  # 'pointed out'
        limit = min(end, position + 12)
        for index in range(position, limit):
            token = tokens[index]
            if token.kind == QUOTE:
                break
            if token.kind == PUNCT and token.text not in ",’'":
                break
            if (
                token.kind == WORD
                and token.lower in _CLAUSE_OPENERS
                and token.lower not in ("who", "which", "when", "where")
            ):
                return index
        if position >= end:
            return None
        token = tokens[position]
        complement = cue.verb.complement
        if cue.verb.verb_class == "evidence" and (
            token.kind != WORD or token.lower in _NOT_A_CLAUSE or token.lower == "up"
        ):
            return None  # 'the TV show “Cake Boss.”', 'showed up in Portland', 'showed to'
        if complement in ("naming", "object", "stance", "prepositional"):
            return position
        if cue.verb.base in _ADDRESSEE_VERBS and self._request(position, end):
            return position  # 'asked the council to vote': the addressee and the infinitive
        if complement != "clause":
            return None
        if token.kind == QUOTE:
            return position
        if token.kind != WORD:
            return None
        if cue.verb.base in _ADDRESSEE_VERBS:
            return self._after_addressee(position, end)
        if token.lower in _NOT_A_CLAUSE:
            return None
        return position

    def _request(self, position: int, end: int) -> bool:
        """'asked the council to vote', 'told him to leave': an addressee, then 'to' and a verb
        in lower case (a request, reported with its addressee)."""
        tokens = self.tokens
        if tokens[position].kind != WORD:
            return False
        after = self._past_addressee(position, end)
        if after is None:
            return False
        return (
            after + 1 < end
            and tokens[after].lower == "to"
            and tokens[after + 1].kind == WORD
            and not tokens[after + 1].capitalised
            and tokens[after + 1].lower not in DETERMINERS
        )

    def _after_addressee(self, position: int, end: int) -> int | None:
        """'told him she worries ...', 'told a news conference they are ...': a clause without
        'that' after the addressee, opening with a subject pronoun."""
        tokens = self.tokens
        after = self._past_addressee(position, end)
        if after is None:
            return None
        if after < end and tokens[after].kind == WORD and tokens[after].lower in _SUBJECTS:
            return after
        return None

    def _past_addressee(self, position: int, end: int) -> int | None:
        """The token after the addressee opening at ``position`` (an object pronoun or a noun
        phrase), or None when none opens there."""
        if self.tokens[position].lower in _OBJECT_PRONOUNS:
            return position + 1
        phrase = right_phrase(self.tokens, position, end)
        return None if phrase is None else phrase[1] + 1

    def _named_end(self, start: int, end: int) -> int | None:
        """The end of a naming verb's content: the quotation after 'as', else the first one."""
        tokens = self.tokens
        chosen = None
        for index in range(start, end):
            token = tokens[index]
            if token.kind == PUNCT and token.text in ";":
                break
            if token.kind == QUOTE:
                if chosen is None or tokens[index - 1].lower == "as":
                    chosen = index + 1
                if tokens[index - 1].lower == "as":
                    break
        return chosen

    def _around(
        self,
        sentence: _Sentence,
        cue: Cue,
        speaker: tuple[int, int] | None,
        end: int,
        shared: bool = False,
    ) -> list[tuple[int, int]]:
        """'A, officials said.' / 'A, according to X.' / 'A, he said, B.' / 'According to X, A.'

        ``shared``: the words after the cue end where the next attribution starts ('A, he said,
        B, officials said'): B is that attribution's, not this one's."""
        tokens = self.tokens
        first = sentence.first
        head = cue.first
        if speaker is not None and speaker[1] < cue.first:
            head = min(head, speaker[0])
        tail = cue.last + 1
        if speaker is not None and speaker[0] > cue.last:
            tail = max(tail, speaker[1] + 1)
        # skip a short tail of the attribution ('said in a statement', 'said Tuesday')
        if tail < sentence.last and tokens[tail].kind == WORD:
            if tokens[tail].lower not in FUNCTION_WORDS and cue.verb.form != "phrase":
                return []
            while tail < sentence.last and tokens[tail].kind == WORD and tail - cue.last <= 8:
                tail += 1
        pieces = []
        first = max(first, self._after_previous(sentence, head))
        if head - 1 > first and (
            self.is_punct(head - 1, ",—–")
            and tokens[head - 2].kind != QUOTE
            or self._ends_in_comma(head - 1)
        ):
            stop = head if tokens[head - 1].kind == QUOTE else head - 1
            start = first
            while start < stop and tokens[start].kind == PUNCT:
                start += 1
            if start < stop:
                pieces.append((start, stop))
        if tail < end and self.is_punct(tail, ",") and not shared:
            rest_end = end
            while (
                rest_end > tail + 1
                and tokens[rest_end - 1].kind == PUNCT
                and tokens[rest_end - 1].text in _TRAILING
            ):
                rest_end -= 1
            if rest_end > tail + 1 and (pieces or head == first or cue.verb.form == "phrase"):
                pieces.append((tail + 1, rest_end))
        return pieces

    def _after_previous(self, sentence: _Sentence, head: int) -> int:
        """The first token after the last attribution of the sentence before token ``head``: its
        cue, an inverted speaker ('said X'), or a quotation another attribution took. Content
        before a cue ('A, officials said') starts there, so that it never holds an earlier
        attribution ('A, Moscow said B, Moscow said')."""
        after = sentence.first
        position = bisect.bisect_left(self.cue_lasts, head) - 1
        # only an attribution with a speaker bounds; one in a relative clause belongs to a noun
        # phrase of the content ('The plan, which critics said was flawed, will fail, officials
        # said'): the one before it may bound
        looked = 0
        while position >= 0 and looked < 4 and not self._bounds(self.cue_starts[position]):
            position -= 1
            looked += 1
        if position >= 0:
            cue = self.cue_starts[position]
            after = self.cue_lasts[position] + 1
            phrase = self.speakers.get(cue)
            if phrase is not None and phrase[0] > self.cue_lasts[position]:
                after = max(after, min(phrase[1] + 1, head))
            content = self.forward.get(cue)
            if content is not None and content[1] <= head:
                # 'X said that A, officials said': the earlier attribution, content and all, is
                # part of this content (nested one deep); it starts at that attribution
                after = sentence.first
                if position > 0:
                    after = cue if phrase is None or phrase[0] > cue else phrase[0]
            elif after < head and self.tokens[after].lower in FUNCTION_WORDS:
                # and its short tail ('Lee said in Oslo, ...')
                comma = next(
                    (i for i in range(after, min(head, after + 8)) if self.is_punct(i, ",")),
                    None,
                )
                if comma is not None:
                    after = comma + 1
        quotes = self.quotes_in(after, head)
        for index in reversed(quotes):
            if index in self.claimed:
                after = index + 1
                break
        return after

    def _relative(self, cue: int, phrase: tuple[int, int] | None) -> bool:
        """Whether the cue starting at token ``cue``, with speaker ``phrase``, is that of a
        relative clause: its speaker is 'who' or 'which', or after one ('which critics said')."""
        if phrase is None or phrase[0] > cue:
            return False
        tokens = self.tokens
        if tokens[phrase[0]].lower in _RELATIVES:
            return True
        return phrase[0] > 0 and tokens[phrase[0] - 1].lower in _RELATIVES

    def _bounds(self, cue: int) -> bool:
        """Whether the cue starting at token ``cue`` made an attribution with a speaker that is not
        a relative clause (its speaker 'who' or 'which', or after one: 'which critics said')."""
        phrase = self.speakers.get(cue)
        if phrase is None or cue not in self.attributing:
            return False
        return not self._relative(cue, phrase)

    def _ends_in_comma(self, index: int) -> bool:
        """A quotation closing on a comma: ‘fantasies,’ according to ..."""
        token = self.tokens[index]
        return token.kind == QUOTE and self.text[token.start : token.end].rstrip(
            "\"'”’»› "
        ).endswith(",")

    def emit(
        self,
        pieces: list[tuple[int, int]],
        speaker: tuple[int, int] | None,
        cue: Cue,
        sentence: _Sentence,
    ) -> None:
        """Keep reported speech of the sentence until all of it is known (see :meth:`settle`)."""
        self.pending.append((pieces, speaker, cue))

    def settle(self, sentence: _Sentence) -> None:
        """Give each quotation to the innermost reported clause holding it, then emit them.

        Quoted words make the clause that holds them most closely 'mixed' ('what Moscow
        describes as ‘Western hegemony’' inside 'according to diplomatic sources'); a clause
        that is one whole quotation ('stating that ‘...’') is that direct quote.
        """
        tokens = self.tokens
        owner: dict[int, int] = {}
        rank: dict[int, tuple[bool, int]] = {}
        for number, (pieces, _speaker, cue) in enumerate(self.pending):
            # a stance ('blasted Disney for its “practices”') holds a quotation only when no
            # clause of speech does ('he said that only the Kochs wanted “open borders”')
            narrowness = (
                cue.verb.complement == "stance" or cue.verb.verb_class == "evidence",
                _width(pieces),
            )
            for start, stop in pieces:
                for index in self.quotes_in(start, stop):
                    if index in self.claimed:
                        continue
                    if index not in owner or narrowness < rank[index]:
                        owner[index], rank[index] = number, narrowness
        held: dict[int, list[int]] = {}
        for index, holder in sorted(owner.items()):
            held.setdefault(holder, []).append(index)
        for number, (pieces, speaker, cue) in enumerate(self.pending):
            mine = held.get(number, [])
            cue_span = self.span(cue.first, cue.last)
            speaker_span = self._chars(speaker)
            if (
                len(pieces) == 1
                and len(mine) == 1
                and all(
                    token.lower == "that"
                    for token in tokens[pieces[0][0] : pieces[0][1]]
                    if token.kind == WORD
                )
            ):
                self.claimed.add(mine[0])
                self.add(
                    "direct", mine, speaker_span, cue_span, context=self.context(cue, sentence)
                )
                continue
            self.claimed.update(mine)
            chars = tuple(self.span(start, stop - 1) for start, stop in pieces)
            kind = "mixed" if mine else "indirect"
            self.found.append(
                Attribution(
                    kind,
                    chars,
                    speaker_span,
                    cue_span,
                    self.context(cue, sentence),
                    sentence=self.sentence,
                    stance=cue.verb.complement == "stance",
                )
            )
        self.pending.clear()

    def follow_ups(
        self, sentence: _Sentence, lead: tuple[tuple[int, int] | None, tuple[int, int]] | None
    ) -> tuple[tuple[int, int] | None, tuple[int, int]] | None:
        """Quotations standing as sentences of their own, with no attribution."""
        tokens = self.tokens
        quotes = [i for i in self.quotes_in(sentence.first, sentence.last) if i not in self.claimed]
        if not quotes or any(tokens[i].kind == WORD for i in range(sentence.first, sentence.last)):
            return lead
        for index in quotes:
            self.claimed.add(index)
            if self._subheading(index):
                return None
            if lead is not None:
                self.add("direct", [index], lead[0], lead[1])
                lead = None
                continue
            previous = self._last_speaker(sentence)
            if previous is None:
                continue
            before = self.found[previous]
            if (
                before.kind == "direct"
                and self._paragraph_of(previous) == self.paragraph
                and (before.sentence == self.sentence - 1)
            ):
                # '“A,” she said. “B.”': one quote interrupted by its attribution
                quotation = tokens[index].quotation
                assert quotation is not None
                extra = tuple((piece.start, piece.end) for piece in quotation.pieces)
                self.found[previous] = attrs.evolve(before, pieces=before.pieces + extra)
                continue
            self.add("direct", [index], before.speaker, before.cue, follows=previous)
        return lead

    def _subheading(self, index: int) -> bool:
        """A paragraph that is one short quotation in single marks (‘A Fight to the Finish.’),
        in capitals or ending in a colon (“Related:”) heads a section: no one says it. Not the
        text's first paragraph (a headline) and at most :data:`_SUBHEADING_WORDS` words."""
        tokens = self.tokens
        if index == 0 or tokens[index - 1].kind != BREAK:
            return False
        if index + 1 < len(tokens) and tokens[index + 1].kind != BREAK:
            return False
        token = tokens[index]
        found = [w.group() for w in _WORDS.finditer(self.text, token.start, token.end)]
        if not found or len(found) > _SUBHEADING_WORDS:
            return False
        text = self.text
        single = text[token.start] == "‘" or (
            text[token.start] == "'" and text[token.start + 1 : token.start + 2] != "'"
        )
        inner = text[token.start : token.end].rstrip("’'\"”")
        return single or inner.endswith(":") or all(w.isupper() for w in found)

    def _last_speaker(self, sentence: _Sentence) -> int | None:
        if not self.found:
            return None
        index = len(self.found) - 1
        while index > 0 and (
            self.found[index].stance
            or self._relative_speaker(index)
            and self.found[index - 1].sentence == self.found[index].sentence
        ):
            # 'Clark, noting he would support X, ...': Clark speaks on; '“...,” said Murphy, who
            # thinks ...': a relative pronoun's speaker is the one it refers to, Murphy
            index -= 1
        previous = self.found[index]
        if previous.speaker is None or self._relative_speaker(index):
            return None
        # within the same or the previous paragraph
        return index if self.paragraph - self._paragraph_of(index) <= 1 else None

    def _relative_speaker(self, index: int) -> bool:
        """Whether attribution ``index`` has a relative pronoun for its speaker ('who said')."""
        speaker = self.found[index].speaker
        return speaker is not None and self.text[speaker[0] : speaker[1]].lower() in _RELATIVES

    def _paragraph_of(self, index: int) -> int:
        """The paragraph of attribution ``index``: those of the sentence being read are not
        recorded in :attr:`paragraph_of` until the sentence is done, and are in this one."""
        return self.paragraph_of[index] if index < len(self.paragraph_of) else self.paragraph

    def lead_in(
        self, sentence: _Sentence, cues: list[Cue], speakers: Speakers
    ) -> tuple[tuple[int, int] | None, tuple[int, int]] | None:
        """'He said:' ending a sentence: the next quotation is his."""
        tokens = self.tokens
        if not cues or not self.is_punct(sentence.last - 1, ":"):
            return None
        cue = cues[-1]
        if sentence.last - 1 - cue.last > 8:
            return None
        if any(tokens[i].kind == QUOTE for i in range(cue.last + 1, sentence.last)):
            return None
        # the reported() pass may have taken nothing; drop an empty content it made
        return self._chars(speakers[cue.first]), self.span(cue.first, cue.last)


def _width(pieces: Sequence[tuple[int, int]]) -> int:
    return sum(stop - start for start, stop in pieces)


def find_attributions(text: str, tokens: Sequence[Token]) -> list[Attribution]:
    """Every attribution of the article, in the order found."""
    marks = not_words(tokens)
    spans = sentences(text, tokens, lambda index: _attribution_follows(tokens, index), marks)
    return _Finder(text, tokens, marks).run(list(_units(tokens, spans)))


def _units(tokens: Sequence[Token], spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The sentences, a sentence longer than :data:`_LONGEST_UNIT` tokens (a paragraph without a
    sentence end) cut into units of at most that many, as a reader would: after the last stop,
    semicolon or colon of the unit's second half, else after its last comma, else at the limit."""
    for first, last in spans:
        while last - first > _LONGEST_UNIT:
            cut = first + _LONGEST_UNIT
            for marks in (".;:!?", ","):
                found = next(
                    (
                        index + 1
                        for index in range(
                            first + _LONGEST_UNIT - 1, first + _LONGEST_UNIT // 2, -1
                        )
                        if tokens[index].kind == PUNCT and tokens[index].text in marks
                    ),
                    None,
                )
                if found is not None:
                    cut = found
                    break
            yield first, cut
            first = cut
        yield first, last


def _attribution_follows(tokens: Sequence[Token], index: int) -> bool:
    """'“...?” Graham asked.' / '“...!” said the senator': the quotation's attribution follows."""
    position = index + 1
    count = len(tokens)
    if (
        position < count
        and tokens[position].kind == WORD
        and tokens[position].lower in VERB_FORMS
        and VERB_FORMS[tokens[position].lower].complement != "prepositional"
        and _with_particle(tokens, position)
    ):
        return True
    words_seen = 0
    while position < count and words_seen < 8:
        token = tokens[position]
        if token.kind != WORD:
            if token.kind == PUNCT and token.text in ",.’'" and words_seen:
                position += 1
                continue
            return False
        if token.lower in VERB_FORMS and words_seen:
            verb = VERB_FORMS[token.lower]
            if verb.complement == "prepositional":
                return False  # '“...” Smith spoke about taxes': a sentence of its own
            return (
                verb.form in ("past", "third")
                and _with_particle(tokens, position)
                and not _own_clause(tokens, position)
            )
        if (
            not (token.capitalised or token.lower in DETERMINERS or token.lower in PRONOUNS)
            and words_seen == 0
        ):
            return False
        if token.lower in FUNCTION_WORDS:
            return False
        words_seen += 1
        position += 1
    return False


def _with_particle(tokens: Sequence[Token], verb: int) -> bool:
    """Whether the verb at ``verb`` has the particle it needs, if any ('shot back', not 'shot')."""
    particles = VERB_FORMS[tokens[verb].lower].prepositions
    return not particles or (verb + 1 < len(tokens) and tokens[verb + 1].lower in particles)


def _own_clause(tokens: Sequence[Token], verb: int) -> bool:
    """Whether the verb at ``verb`` opens a that-clause of its own ('“...” He added that he ...',
    'He said, twice, that ...'): it reports those words, not the quotation before it."""
    position = verb + 1
    count = len(tokens)
    while position < count and position - verb <= 4:
        token = tokens[position]
        if token.kind == WORD and token.lower == "that":
            following = tokens[position + 1] if position + 1 < count else None
            # 'said that night', 'said that.': a determiner or a pronoun, not a clause
            return (
                following is not None
                and following.kind == WORD
                and (
                    following.lower in PRONOUNS
                    or following.lower in DETERMINERS
                    or following.capitalised
                )
            )
        if not (
            token.kind == PUNCT
            and token.text == ","
            or token.kind == WORD
            and token.lower in _ADVERBS
        ):
            return False
        position += 1
    return False
