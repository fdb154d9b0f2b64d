"""A small guess at an article's language, used when the caller names none.

Only the first :data:`SAMPLE` characters are read, so the cost per article is bounded; text
with a few of English's commonest words is taken for English at once. Otherwise, text
mostly in a script other than Latin is named by its script (Cyrillic -> 'ru', or 'uk' when
letters only Ukrainian uses appear; Greek -> 'el'; ...). Latin-script text is scored against
the stop-word lists in ``lexicons/stopwords.tsv``; another language wins over English only
with a clear lead, so 'en' stays the default for short or mixed text.
"""

from __future__ import annotations

from collections import Counter
from typing import Final

import regex

from newsml.text.lexicons import lexicon_lines

__all__ = ["DEFAULT_LANGUAGE", "SAMPLE", "guess_language"]

DEFAULT_LANGUAGE: Final = "en"

#: How many characters from the start of the text are read.
SAMPLE: Final = 1200

#: Scripts other than Latin: (language code, pattern of one letter of the script). Japanese
#: comes before Chinese: kana mark Japanese, Han alone is taken as Chinese.
_SCRIPTS: Final[tuple[tuple[str, str], ...]] = (
    ("ru", r"\p{Script=Cyrillic}"),
    ("el", r"\p{Script=Greek}"),
    ("ar", r"\p{Script=Arabic}"),
    ("he", r"\p{Script=Hebrew}"),
    ("ja", r"[\p{Script=Hiragana}\p{Script=Katakana}]"),
    ("zh", r"\p{Script=Han}"),
    ("ko", r"\p{Script=Hangul}"),
    ("hi", r"\p{Script=Devanagari}"),
    ("th", r"\p{Script=Thai}"),
)
_SCRIPT_PATTERNS: Final = tuple(
    (language, regex.compile(pattern)) for language, pattern in _SCRIPTS
)
_UKRAINIAN_LETTERS: Final = regex.compile(r"[іїєґІЇЄҐ]")
_LETTER: Final = regex.compile(r"\p{L}")
_OTHER_SCRIPT_LETTER: Final = regex.compile(r"[\p{L}--\p{Script=Latin}]", regex.VERSION1)
_WORD: Final = regex.compile(r"\p{L}++")

#: A language other than English must have at least this many stop words in the sample, at
#: least twice as many as English, and one word in _STOP_WORD_SHARE of the sample's words
#: (running text has many stop words, tables and lists few).
_MINIMUM_HITS: Final = 5
_STOP_WORD_SHARE: Final = 6


def _load_stop_words() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for line in lexicon_lines("stopwords.tsv"):
        language, words = line.split("\t")
        for word in words.split():
            table.setdefault(word, []).append(language)
    return {word: tuple(languages) for word, languages in table.items()}


#: Stop word -> the languages it is frequent in.
_STOP_WORDS: Final = _load_stop_words()


def _plainly_english(sample: str) -> bool:
    """A quick yes for most English text: three of its commonest words, found by str.count."""
    lower = sample.lower()
    return lower.count(" the ") + lower.count(" of ") + lower.count(" and ") >= _MINIMUM_HITS


def guess_language(text: str) -> str:
    """An ISO 639-1 code for ``text``: see the module docstring."""
    sample = text[:SAMPLE]
    if _plainly_english(sample):
        return "en"
    if _LETTER.search(sample) is None:
        return DEFAULT_LANGUAGE
    other = 0 if sample.isascii() else len(_OTHER_SCRIPT_LETTER.findall(sample))
    if other and other * 2 > len(_LETTER.findall(sample)):
        counts = {language: len(pattern.findall(sample)) for language, pattern in _SCRIPT_PATTERNS}
        language = max(counts, key=lambda name: counts[name])
        if counts[language] * 2 < other:
            return DEFAULT_LANGUAGE
        if language == "zh" and counts["ja"] * 10 >= counts["zh"]:
            return "ja"
        if language == "ru" and _UKRAINIAN_LETTERS.search(sample):
            return "uk"
        return language
    words = Counter(_WORD.findall(sample.lower()))
    hits: Counter[str] = Counter()
    for word, times in words.items():
        for language in _STOP_WORDS.get(word, ()):
            hits[language] += times
    if not hits:
        return DEFAULT_LANGUAGE
    best, count = hits.most_common(1)[0]
    if best != DEFAULT_LANGUAGE and (
        count < _MINIMUM_HITS
        or count < 2 * hits[DEFAULT_LANGUAGE]
        or count * _STOP_WORD_SHARE < words.total()
    ):
        return DEFAULT_LANGUAGE
    return best
