"""Speech cues: the verbs and phrases that attribute words to someone, from the lexicon tables.

``lexicons/speech_verbs.tsv`` lists every verb with its five forms, what its complement is
(a clause, a that-clause, an object, a naming "as ‘…’", only quoted words, or a stance:
an object or infinitive attributed, never a quotation of its own) and its class
(speech, writing, thought). ``lexicons/attribution_phrases.tsv`` lists phrases such as
"according to" whose noun phrase is the source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

import attrs

from newsml.detect.lexicons import rows, words
from newsml.detect.tokens import WORD, Token

__all__ = ["NOUN_FORMS", "VERB_FORMS", "Cue", "cue_starts", "find_cues", "may_attribute"]

FORMS = ("base", "third", "past", "participle", "gerund")


@attrs.frozen
class VerbForm:
    """One form of a speech verb: 'said' is the past of 'say', which takes a clause."""

    base: str
    form: str
    complement: str
    verb_class: str
    #: the words that must follow: for the complement 'prepositional' its preposition ('talked
    #: about', 'refers to'), for any other a particle that makes one verb of two words ('put
    #: it', 'shot back'), read as part of the cue
    prepositions: tuple[str, ...] = ()


@attrs.frozen
class Cue:
    """A speech verb or attribution phrase found in the text: tokens [first, last]."""

    first: int
    last: int
    verb: VerbForm


def _verb_forms() -> dict[str, VerbForm]:
    table: dict[str, VerbForm] = {}
    for row in rows("speech_verbs.tsv"):
        base, complement, verb_class = row[0], row[5], row[6]
        prepositions = tuple(row[7].split("/")) if len(row) > 7 else ()
        for form, word in zip(FORMS, row[:5]):
            # the first reading listed wins ('read' is both base and past of read)
            table.setdefault(word, VerbForm(base, form, complement, verb_class, prepositions))
    return table


VERB_FORMS = _verb_forms()
PHRASES = tuple(
    (tuple(row[0].split()), row[1] if len(row) > 1 else "either")
    for row in rows("attribution_phrases.tsv")
)
_PHRASE_STARTS = frozenset(words[0] for words, _position in PHRASES)
_PHRASES_BY_START = {
    start: [phrase for phrase, _position in PHRASES if phrase[0] == start]
    for start in _PHRASE_STARTS
}
PHRASE_VERB = VerbForm("according to", "phrase", "phrase", "speech")
#: Verbs whose passive with an infinitive reports what is said or thought of its subject, no
#: source named ('is expected to win', 'was said to be furious'): read with the complement
#: 'passive'.
PASSIVE_VERBS = words("passive_verbs.txt")
_BE_FORMS = frozenset(["is", "are", "was", "were", "be", "been", "being", "am"])
#: Words that may stand between the be-form and the participle ('is widely expected', 'is not
#: expected'), besides lower-case words ending in -ly.
_PASSIVE_INSERTS = frozenset(["not", "n't", "also", "still", "now", "generally", "long"])

#: The words that can start a cue (a verb form, or the first word of a phrase).
CUE_WORDS = frozenset(VERB_FORMS) | _PHRASE_STARTS


def _alternation(words: Sequence[str]) -> str:
    """A pattern matching any of ``words``, as a tree of common beginnings: the engine reads each
    letter once instead of trying every word in turn."""
    tree: dict[str, dict[str, Any]] = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def branch(node: dict[str, dict[str, Any]]) -> str:
        options = [
            (r"\s+" if letter == " " else re.escape(letter)) + branch(rest)
            for letter, rest in sorted(node.items())
            if letter
        ]
        if not options:
            return ""
        body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(tree)


#: A verb form or an attribution phrase (its words apart by white space only, as tokens are), in
#: lower-case text, not inside a longer run of ASCII letters.
_PARTICLE_VERBS = {
    word: verb
    for word, verb in VERB_FORMS.items()
    if verb.prepositions and verb.complement != "prepositional"
}
_MAY_CUE = re.compile(
    "(?<![a-z])(?:"
    + "|".join(
        # one tree of every verb form, a verb of two words only with its particle ('put it':
        # 'put' alone is no cue; a space in the tree stands for any white space)
        [
            _alternation(
                sorted(
                    (set(VERB_FORMS) - set(_PARTICLE_VERBS))
                    | {
                        f"{word} {particle}"
                        for word, verb in _PARTICLE_VERBS.items()
                        for particle in verb.prepositions
                    }
                )
            )
        ]
        + [r"\s+".join(map(re.escape, w)) for w, _ in PHRASES]
    )
    + ")(?![a-z])"
)


def may_attribute(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] may hold a cue: a speech verb, or an attribution phrase.

    A cheap test on the lower-case text that is true whenever :func:`find_cues` could find a cue
    in its tokens (every verb form is a run of ASCII letters, and a token's neighbours are white
    space or marks). One search, without a string per word.
    """
    return _MAY_CUE.search(text[start:end].lower()) is not None


#: Words after which a verb form is a noun or an adjective ('his claims', 'the reported deal').
_NOUN_MAKERS = frozenset(
    [
        "a",
        "an",
        "the",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "such",
        "no",
        "any",
        "every",
        "each",
        "whose",
        "of",
    ]
)
#: Verb forms that are more often nouns, and the words after which they are verbs all the same.
NOUN_FORMS = words("noun_forms.txt")
_VERB_MAKERS = frozenset(
    [
        "i",
        "we",
        "they",
        "you",
        "he",
        "she",
        "it",
        "who",
        "to",
        "will",
        "would",
        "could",
        "can",
        "should",
        "may",
        "might",
        "must",
        "did",
        "do",
        "does",
        "not",
        "n't",
        "also",
        "often",
        "always",
        "never",
    ]
)
#: Particles after a naming verb that make it a request ('called for', 'called on').
_CALLS_FOR = frozenset(("for", "on"))
#: Particles that turn a naming verb into something else ('called for', 'called on').
_NOT_NAMING = frozenset(["for", "on", "off", "up", "in", "out", "back", "into", "upon"])


def cue_starts(tokens: Sequence[Token]) -> list[int]:
    """Indices of the words that can start a cue, in order: the only ones :func:`find_cues`
    needs to look at (most words of a text start none). A phrase's first word ('in', 'as') is one
    only when the rest of the phrase follows."""
    count = len(tokens)
    return [
        index
        for index, token in enumerate(tokens)
        if token.lower in CUE_WORDS
        and (token.lower in VERB_FORMS or _phrase_at(tokens, index, count))
    ]


def find_cues(
    tokens: Sequence[Token],
    first: int,
    last: int,
    starts: Sequence[int] | None = None,
    title_case: bool = False,
) -> list[Cue]:
    """Speech cues in tokens[first:last] (one sentence), in order.

    ``title_case``: the sentence is a headline in Title Case ('Trump Says He Will Win'), where a
    capitalised third or past form inside it is a verb all the same.

    ``starts`` is :func:`cue_starts` of ``tokens``, when the caller has it for the whole text.
    """
    if starts is None:
        starts = cue_starts(tokens[:last])
    found: list[Cue] = []
    index = first  # the first token not yet read as part of a cue
    for candidate in starts[bisect.bisect_left(starts, first) : bisect.bisect_left(starts, last)]:
        if candidate < index:
            continue  # inside the cue found just before
        index = candidate
        token = tokens[index]
        if token.kind != WORD:
            continue
        phrase = _phrase_at(tokens, index, last)
        if phrase:
            found.append(Cue(index, index + phrase - 1, PHRASE_VERB))
            index += phrase
            continue
        verb = VERB_FORMS.get(token.lower)
        following = tokens[index + 1] if index + 1 < last else None
        if (
            verb is not None
            and verb.complement == "naming"
            and following is not None
            and (following.lower in _CALLS_FOR)
        ):
            # 'called for greater clarity', 'called on Congress to act': the object is reported
            if _is_verb(
                tokens, index, first, last, attrs.evolve(verb, complement="object"), title_case
            ):
                found.append(Cue(index, index + 1, attrs.evolve(verb, complement="object")))
            index += 2
            continue
        if verb is not None and _passive_infinitive(tokens, index, first, last, verb):
            # 'is expected to win', 'was said to be': the subject and the infinitive reported
            found.append(Cue(index, index, attrs.evolve(verb, complement="passive")))
            index += 1
            continue
        if verb is not None and verb.prepositions:
            # 'talked about the plan', 'spoke briefly of': a cue with its preposition only;
            # 'put it', 'shot back': a verb of two words, its particle right after it
            after = index + 1
            if (
                verb.complement == "prepositional"
                and after < last
                and tokens[after].lower.endswith("ly")
                and not tokens[after].capitalised
            ):
                after += 1
            if (
                after < last
                and tokens[after].lower in verb.prepositions
                and _is_verb(tokens, index, first, last, verb, title_case)
            ):
                found.append(Cue(index, after, verb))
                index = after + 1
                continue
            index += 1
            continue
        if verb is not None and _is_verb(tokens, index, first, last, verb, title_case):
            found.append(Cue(index, index, verb))
        index += 1
    return found


def _phrase_at(tokens: Sequence[Token], index: int, last: int) -> int:
    for phrase in _PHRASES_BY_START.get(tokens[index].lower, ()):
        if index + len(phrase) <= last and all(
            tokens[index + offset].lower == word for offset, word in enumerate(phrase)
        ):
            return len(phrase)
    return 0


def _passive_infinitive(
    tokens: Sequence[Token], index: int, first: int, last: int, verb: VerbForm
) -> bool:
    """'is expected to win', 'are widely believed to have', 'was asked to leave': a participle of
    a verb of :data:`PASSIVE_VERBS` after a be-form (and an adverb or two), then 'to' and a word
    in lower case that is no determiner (an infinitive)."""
    if (
        verb.form not in ("past", "participle")
        or verb.base not in PASSIVE_VERBS
        or verb.prepositions
        or tokens[index].capitalised
        or index + 2 >= last
    ):
        return False
    after, infinitive = tokens[index + 1], tokens[index + 2]
    if (
        after.lower != "to"
        or infinitive.kind != WORD
        or infinitive.capitalised
        or infinitive.lower in _NOUN_MAKERS
    ):
        return False
    before = index - 1
    while (
        before > first
        and index - before <= 2
        and tokens[before].kind == WORD
        and not tokens[before].capitalised
        and (tokens[before].lower in _PASSIVE_INSERTS or tokens[before].lower.endswith("ly"))
    ):
        before -= 1
    return before >= first and tokens[before].lower in _BE_FORMS


def _is_verb(
    tokens: Sequence[Token],
    index: int,
    first: int,
    last: int,
    verb: VerbForm,
    title_case: bool = False,
) -> bool:
    if (
        tokens[index].capitalised
        and index > first
        and verb.form != "gerund"
        and not (title_case and verb.form in ("third", "past"))
    ):
        return False  # 'Call', 'Post' inside a sentence are names
    previous = tokens[index - 1] if index > first else None
    if previous is not None and previous.kind == WORD:
        if previous.lower in _NOUN_MAKERS or previous.lower.endswith(("’s", "'s")):
            return False
        if (
            verb.form == "base"
            and previous.capitalised
            and not previous.lower.endswith("s")
            and index - 2 >= first
            and tokens[index - 2].lower in _NOUN_MAKERS
        ):
            return False  # 'a Twitter comment', 'a Trump-style retort': a noun after a name
        if verb.form in ("past", "participle") and previous.lower in (
            "is",
            "was",
            "were",
            "are",
            "be",
            "been",
            "being",
        ):
            return False  # passive: 'was called', 'is reported'
    if tokens[index].lower in NOUN_FORMS and not (
        previous is not None
        and previous.kind == WORD
        and (previous.lower in _VERB_MAKERS or (previous.capitalised and index - 1 > first))
    ):
        return False
    following = tokens[index + 1] if index + 1 < last else None
    if (
        verb.form in ("past", "participle")
        and verb.complement in ("object", "naming", "stance")
        and following is not None
        and following.lower == "by"
    ):
        return False  # passive: 'a plan backed by Democrats'
    return not (
        verb.complement == "naming" and following is not None and following.lower in _NOT_NAMING
    )
