"""Speaker phrases: the noun phrase beside a speech verb that says who is speaking.

Read from the verb outwards, a phrase is made of words that are not function words
(``lexicons/function_words.txt``); reading leftwards it ends after a determiner
(``lexicons/determiners.txt``: 'a senior Russian embassy official'), and auxiliaries or adverbs
between it and the verb are skipped ('has long argued'). A parenthesis ('Sen. Claire McCaskill
(D-Mo.)'), an appositive between commas ('Hugh Hill, a doctor, said') and a prepositional tail
('a spokesman for the campaign', 'people familiar with the talks') belong to the phrase.
A pronoun ('he', 'who') is a phrase of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsml.detect.cues import NOUN_FORMS, VERB_FORMS
from newsml.detect.lexicons import rows, words
from newsml.detect.tokens import PUNCT, QUOTE, WORD, Token

__all__ = ["PRONOUNS", "left_phrase", "right_phrase", "skippable", "subject_phrase"]

FUNCTION_WORDS = words("function_words.txt")
DETERMINERS = words("determiners.txt")
MODIFIERS = words("verb_modifiers.txt")
PRONOUNS = {row[0]: row[1] for row in rows("pronouns.tsv")}
_TAIL_PREPOSITIONS = frozenset(("of", "for", "at", "from", "with"))
_LONGEST = 12
_DASHES = "—–"
#: Words that open an insert between a subject and its verb, by kind (``speaker_inserts.tsv``).
INSERTS = {row[0]: row[1] for row in rows("speaker_inserts.tsv")}
#: Circumstances that follow a speaker whatever the phrase before them ('the panel, in its
#: report, said'); other circumstance words ('however') follow only a name, a determiner's
#: phrase or a sentence's start ('The deal is dead, however, said Lee': 'dead' is no speaker).
_CIRCUMSTANCE_AFTER_ANY = frozenset(
    ["in", "at", "on", "during", "after", "before", "speaking", "writing", "appearing", "asked"]
)
#: The most inserts between commas read back from a verb ('Roe, 58, of Dayton, Ohio, said').
_INSERTS = 4
#: Words after which a phrase opens a clause (a subset of attributions' clause bounds).
_BEFORE_CLAUSE = frozenset(["that", "and", "but", "while", "because", "when", "if", "so"])
_WEEKDAYS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
#: A time phrase between a subject and its verb ('Lunn on Tuesday said', 'Lunn this week said').
_TIME_NOUNS = _WEEKDAYS | {"week", "month", "year", "morning", "afternoon", "evening", "night"}
_TIME_OPENERS = frozenset(["on", "this", "last", "earlier", "late", "later"])
_CONJUNCTIONS = frozenset(
    ["but", "and", "so", "yet", "still", "however", "meanwhile", "also", "then", "instead"]
)


def _glued_period(tokens: Sequence[Token], index: int) -> bool:
    """A period glued to a capitalised word inside a sentence: an initial or an abbreviation
    the tokens did not join ('R. Gil Kerlikowske', 'Mitch McConnell, R-Ky., said')."""
    token = tokens[index]
    if token.kind != PUNCT or token.text != "." or index == 0:
        return False
    previous = tokens[index - 1]
    return previous.kind == WORD and previous.capitalised and previous.end == token.start


def skippable(token: Token) -> bool:
    return token.kind == WORD and (
        token.lower in MODIFIERS or (token.lower.endswith("ly") and not token.capitalised)
    )


def _phrase_word(token: Token) -> bool:
    """A word that can be inside a speaker phrase (not its determiner)."""
    if token.kind != WORD:
        return False
    lower = token.lower
    if lower in FUNCTION_WORDS or lower in PRONOUNS or lower.endswith(("n't", "n’t")):
        return False
    return not (
        not token.capitalised
        and (lower in VERB_FORMS and lower not in NOUN_FORMS or lower.endswith("ing"))
    )


def _time_before(tokens: Sequence[Token], index: int, first: int) -> int:
    """The index before a time phrase ending at ``index`` ('on Tuesday', 'this week', 'earlier
    Monday', 'Tuesday'), else ``index``: the phrase between a subject and its verb is skipped."""
    if index < first or tokens[index].kind != WORD:
        return index
    lower = tokens[index].lower
    if lower not in _TIME_NOUNS:
        return index
    if index - 1 >= first and tokens[index - 1].lower in _TIME_OPENERS:
        return index - 2
    return index - 1 if lower in _WEEKDAYS else index


def left_phrase(tokens: Sequence[Token], before: int, first: int) -> tuple[int, int] | None:
    """The speaker phrase ending just before token ``before`` (a verb), within the sentence."""
    index = before - 1
    while index >= first and skippable(tokens[index]):
        index -= 1
    # not before a gerund: 'tweets early Friday saying' are the tweets, not the time's
    skipped = index if tokens[before].lower.endswith("ing") else _time_before(tokens, index, first)
    if skipped != index:
        index = skipped
        while index >= first and skippable(tokens[index]):
            index -= 1
    if index < first:
        return None
    token = tokens[index]
    if token.kind == WORD and token.lower in PRONOUNS:
        return index, index
    if token.kind == PUNCT and token.text == ",":
        phrase = _appositive(tokens, index, first)
        if phrase is None and index - 1 >= first and tokens[index - 1].text == ")":
            phrase = _collect_left(tokens, index - 1, first)  # 'Gov. John Kasich (R-OH), said'
        return phrase
    if token.kind == PUNCT and token.text in _DASHES:
        return _dashed(tokens, index, first)
    return _collect_left(tokens, index, first)


def _dashed(tokens: Sequence[Token], dash: int, first: int) -> tuple[int, int] | None:
    """'Jason Sims — a teacher from Mount Pleasant — says': the phrase with its insert between
    dashes, the insert opening with a determiner or a number."""
    index = dash - 1
    while index > first and dash - index <= 2 * _LONGEST:
        token = tokens[index]
        if token.kind == PUNCT and token.text in _DASHES:
            break
        if token.kind != WORD and not (token.kind == PUNCT and token.text in ",.-'’"):
            return None
        index -= 1
    else:
        return None
    if index + 1 >= dash:
        return None
    insert_first = tokens[index + 1]
    if not (insert_first.lower in DETERMINERS or insert_first.lower[:1].isdigit()):
        return None
    head = _collect_left(tokens, index - 1, first)
    return None if head is None else (head[0], dash - 1)


def _collect_left(tokens: Sequence[Token], end: int, first: int) -> tuple[int, int] | None:
    index = end
    start = None
    while index >= first and end - index < _LONGEST:
        token = tokens[index]
        if token.kind == WORD and token.lower in DETERMINERS:
            start = index
            break
        if _phrase_word(token) or (
            # a gerund after a possessive is a noun: 'a source familiar with Cruz’s thinking'
            token.kind == WORD
            and token.lower.endswith("ing")
            and index - 1 >= first
            and tokens[index - 1].lower.endswith(("’s", "'s"))
        ):
            start = index
            index -= 1
            continue
        if start is not None and _glued_period(tokens, index) and index - 1 >= first:
            index -= 1  # 'R. Gil Kerlikowske'
            continue
        if token.kind == PUNCT and token.text == ")":
            opening = _matching_open(tokens, index, first)
            if opening is None:
                break
            start = opening
            index = opening - 1
            continue
        break
    if start is None:
        return None
    # a prepositional tail: 'a spokesman for the campaign', 'people familiar with the talks'
    for _ in range(2):
        if (
            start - 2 >= first
            and tokens[start - 1].lower in _TAIL_PREPOSITIONS
            and _phrase_word(tokens[start - 2])
        ):
            extended = _collect_left(tokens, start - 2, first)
            if extended is None:
                break
            start = extended[0]
        else:
            break
    return start, end


def _matching_open(tokens: Sequence[Token], close: int, first: int) -> int | None:
    index = close - 1
    while index >= first and close - index <= 8:
        if tokens[index].kind == PUNCT and tokens[index].text == "(":
            return index
        index -= 1
    return None


def _insert_before(tokens: Sequence[Token], comma: int, first: int) -> int | None:
    """The comma that opens the insert ending at ``comma`` (within ``_LONGEST`` * 2 tokens and
    the sentence), or None: an insert holds words and punctuation that end no sentence, and a
    circumstance may hold a quotation ('Mr. Lee, citing “the magic of it,” said')."""
    index = comma - 1
    while index >= first and comma - index <= 2 * _LONGEST:
        token = tokens[index]
        if token.kind == PUNCT and token.text == ",":
            return index if first < index < comma - 1 else None
        if token.kind not in (WORD, PUNCT, QUOTE) or (
            token.kind == PUNCT and token.text in ".;:!?" and not _glued_period(tokens, index)
        ):
            return None
        index -= 1
    return None


def _insert_kind(tokens: Sequence[Token], start: int, end: int) -> str | None:
    """What the insert tokens[start:end] is: 'circumstance' (said when, where, how: no part of
    the speaker), 'apposition' (describes the speaker), 'name' (capitalised words: a name, a
    place, a state: 'Springfield, Ill.'), else None."""
    opener = tokens[start]
    quoted = any(token.kind == QUOTE for token in tokens[start:end])
    kind = INSERTS.get(opener.lower)
    lower = opener.lower
    if kind == "circumstance" or (
        opener.kind == WORD
        and not opener.capitalised
        and lower.endswith(("ing", "ed", "ly"))
        and lower not in DETERMINERS
    ):
        return "circumstance"
    if quoted:
        return None
    if kind == "apposition" or (
        lower in DETERMINERS or lower in ("who", "which", "whose", "whom") or lower[:1].isdigit()
    ):
        return "apposition"
    if all(
        token.capitalised or token.kind == PUNCT and token.text in ".-"
        for token in tokens[start:end]
    ):
        return "name"
    return None


def _clause_start(tokens: Sequence[Token], index: int, first: int) -> bool:
    """Whether a phrase starting at ``index`` opens its clause: the sentence's start, or after a
    conjunction, 'that', a colon or a quotation ('In Ohio, Jane Roe, a lawyer, said': 'Ohio' is
    not the subject, as 'In' opens no clause)."""
    if index <= first:
        return True
    before = tokens[index - 1]
    return (
        before.kind == QUOTE
        or before.kind == PUNCT
        and before.text in ":;"
        or before.kind == WORD
        and before.lower in _BEFORE_CLAUSE
    )


def _appositive(tokens: Sequence[Token], comma: int, first: int) -> tuple[int, int] | None:
    """'Hugh Hill, a doctor, said', 'Mr. King, 82, told', 'Richard Revesz, director of ..., said',
    'The senator, in remarks to reporters, said', 'John Roe, the mayor of Springfield, Ill., said'.

    The phrase before inserts between commas, read leftwards from the comma before the verb: at
    most ``_INSERTS`` of them. The insert next to the verb may be any apposition, name or
    circumstance (any words after a name); further to the left, a phrase is itself an insert
    (an apposition or a name) only when the phrase before it opens its clause: that leftmost
    phrase is the subject. The inserts that describe the speaker (a determiner, 'who', a number,
    a name, 'of Dayton') stay in the phrase; from the first circumstance on ('in remarks to
    reporters', 'however', 'speaking on Tuesday') they do not: the speaker is the subject before.
    """
    found: tuple[int, int] | None = None
    found_lefts = 0  # how many of the inserts read belong to the phrase found
    lefts: list[tuple[int, str]] = []  # each insert's opening comma and kind, right to left
    right = comma
    for _ in range(_INSERTS):
        left = _insert_before(tokens, right, first)
        if left is None:
            break
        kind = _insert_kind(tokens, left + 1, right)
        head = _collect_left(tokens, left - 1, first)
        if head is None:
            break
        at_start = _clause_start(tokens, head[0], first)
        if not lefts:
            capitalised = tokens[head[1]].capitalised and tokens[head[0]].capitalised
            if kind is None:
                if capitalised and not any(t.kind == QUOTE for t in tokens[left + 1 : right]):
                    kind = "other"  # 'Richard Revesz, director of the institute, said'
                else:
                    break
            if (
                kind == "circumstance"
                and tokens[left + 1].lower not in _CIRCUMSTANCE_AFTER_ANY
                and not (
                    tokens[left + 1].lower.endswith("ing") and not tokens[left + 1].capitalised
                )
                and not (capitalised or at_start or tokens[head[0]].lower in DETERMINERS)
            ):
                break  # 'The deal is dead, however, said Lee': 'dead' is no speaker
            lefts.append((left, kind))
            found, found_lefts = head, len(lefts)
        elif kind in ("apposition", "name"):
            lefts.append((left, kind))
            if at_start:  # else read on: a phrase further left may open the clause
                found, found_lefts = head, len(lefts)
        else:
            break
        if at_start:
            break
        # the phrase is itself an insert when its words run back to a comma: 'Roe, the mayor of
        # Springfield, Ill.,'; 'Roe, 45, of Dayton, Ohio,'
        before = _insert_before(tokens, left, first)
        if before is None or _insert_kind(tokens, before + 1, left) not in ("apposition", "name"):
            break
        right = left
    if found is None:
        return None
    end = comma - 1
    # Left to right: the phrase ends before its first circumstance.
    for left, kind in reversed(lefts[:found_lefts]):
        if kind == "circumstance":
            end = left - 1
            break
    return found[0], end


def right_phrase(tokens: Sequence[Token], start: int, last: int) -> tuple[int, int] | None:
    """The speaker phrase starting at token ``start`` ('said a senior official in ...')."""
    if start >= last:
        return None
    token = tokens[start]
    if token.kind == WORD and token.lower in PRONOUNS:
        return start, start
    index = start
    end = None
    if token.kind == WORD and token.lower in DETERMINERS:
        end = index
        index += 1
    while index < last and index - start < _LONGEST:
        token = tokens[index]
        if _phrase_word(token) and not (
            end is not None
            and not token.capitalised
            and token.lower.endswith("ed")
            and index > start + 1
        ):
            end = index
            index += 1
            continue
        if (
            end == index - 1
            and _glued_period(tokens, index)
            and index + 1 < last
            and tokens[index + 1].capitalised
        ):
            index += 1  # 'said R. Gil Kerlikowske'
            continue
        if token.kind == PUNCT and token.text == "(" and end is not None:
            close = _matching_close(tokens, index, last)
            if close is None:
                break
            end = close
            index = close + 1
            continue
        if (
            token.kind == WORD
            and token.lower in _TAIL_PREPOSITIONS
            and end is not None
            and index + 1 < last
            and (_phrase_word(tokens[index + 1]) or tokens[index + 1].lower in DETERMINERS)
            and tokens[index + 1].lower not in PRONOUNS
        ):
            index += 1
            if tokens[index].lower in DETERMINERS:
                index += 1
            continue
        break
    if end is None or (end == start and tokens[start].lower in DETERMINERS):
        return None
    return start, end


def _matching_close(tokens: Sequence[Token], opening: int, last: int) -> int | None:
    index = opening + 1
    while index < last and index - opening <= 8:
        if tokens[index].kind == PUNCT and tokens[index].text == ")":
            return index
        index += 1
    return None


def _participle(token: Token) -> bool:
    """A participle opening a sentence: 'Asked', 'Speaking', 'Pressed', 'Writing'."""
    if token.kind != WORD or not token.capitalised:
        return False
    verb = VERB_FORMS.get(token.lower)
    if verb is not None:
        return verb.form in ("past", "participle", "gerund")
    return token.lower.endswith("ing") and len(token.lower) > 5


def subject_phrase(tokens: Sequence[Token], first: int, last: int) -> tuple[int, int] | None:
    """The subject at the start of a sentence: 'Trump unleashed ...' -> 'Trump'."""
    index = first
    while index < last and (
        tokens[index].kind == WORD
        and tokens[index].lower in _CONJUNCTIONS
        or index > first
        and tokens[index].text == ","
        and tokens[index - 1].lower in _CONJUNCTIONS
    ):
        index += 1  # 'However, he held his fire, calling ...'
    opening = index < last and tokens[index].kind == WORD and tokens[index].lower in FUNCTION_WORDS
    # an opening participle ('Asked whether ..., Smith said'): read on past its comma too
    participle = index < last and _participle(tokens[index])
    if opening or participle:
        # an opening adverbial ('On Sunday, ...'): the subject follows its comma
        longest = 2 * _LONGEST if participle else _LONGEST
        comma = index
        while comma < last and comma - index < longest and tokens[comma].text != ",":
            comma += 1
        if comma >= last or tokens[comma].text != ",":
            return None
        index = comma + 1
    phrase = right_phrase(tokens, index, last)
    if phrase is None:
        return None
    start, end = phrase
    # a verb that the lexicon does not know ends the subject: 'Trump unleashed', 'Pence blasts'
    for position in range(start + 1, end + 1):
        token = tokens[position]
        if (
            token.kind == WORD
            and not token.capitalised
            and tokens[position - 1].capitalised
            and (token.lower.endswith(("ed", "s")))
        ):
            return start, position - 1
    return start, end
