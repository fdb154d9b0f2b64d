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
from newsml.detect.tokens import PUNCT, WORD, Token

__all__ = ["PRONOUNS", "left_phrase", "right_phrase", "skippable", "subject_phrase"]

FUNCTION_WORDS = words("function_words.txt")
DETERMINERS = words("determiners.txt")
MODIFIERS = words("verb_modifiers.txt")
PRONOUNS = {row[0]: row[1] for row in rows("pronouns.tsv")}
_TAIL_PREPOSITIONS = frozenset(("of", "for", "at", "from", "with"))
_LONGEST = 12
_DASHES = "—–"
#: Words that open a circumstance between a subject and its verb ('The senator, in remarks to
#: reporters, said'; 'Lee, speaking in Oslo, said').
_CIRCUMSTANCE = frozenset(
    ["in", "at", "on", "during", "after", "before", "speaking", "writing", "appearing", "asked"]
)
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


def _appositive(tokens: Sequence[Token], comma: int, first: int) -> tuple[int, int] | None:
    """'Hugh Hill, a doctor, said', 'Mr. King, 82, told', 'Richard Revesz, director of ..., said'.

    The phrase with its insert between commas: the insert opens with a determiner, 'who', a
    number, or follows a name.
    """
    index = comma - 1
    while index >= first and comma - index <= 2 * _LONGEST:
        token = tokens[index]
        if token.kind == PUNCT and token.text == ",":
            break
        if token.kind not in (WORD, PUNCT) or (
            token.kind == PUNCT and token.text in ".;:!?" and not _glued_period(tokens, index)
        ):
            return None
        index -= 1
    else:
        return None
    if index <= first or index + 1 >= comma:
        return None
    insert_first = tokens[index + 1]
    head = _collect_left(tokens, index - 1, first)
    if head is None:
        return None
    opens_insert = (
        insert_first.lower in DETERMINERS
        or insert_first.lower in ("who", "which")
        or insert_first.lower in _CIRCUMSTANCE
        or (insert_first.lower.endswith("ing") and not insert_first.capitalised)
        or insert_first.lower[:1].isdigit()
    )
    names_insert = all(
        token.capitalised or token.kind == PUNCT and token.text in ".-"
        for token in tokens[index + 1 : comma]
    )
    if (
        not opens_insert
        and not names_insert
        and not (tokens[head[1]].capitalised and tokens[head[0]].capitalised)
    ):
        return None
    return head[0], comma - 1


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
