"""Sources: who each speaker phrase stands for, one :class:`Source` per person or body quoted.

A speaker phrase resolves, in this order:

* a pronoun ('he', 'she', 'it', 'they') to the last person (organisation, group) named before it,
  skipping a person whom a given name (``lexicons/given_name_sexes.tsv``), a title or a noun
  (``lexicons/sex_words.tsv``: 'Mrs. Clinton', 'his wife Jane', 'a spokeswoman') in any of their
  mentions says to be of the other sex, but not one said to be of both (a 'Bill' and a 'Hillary
  Clinton' merged); with none fitting, the pronoun stays unresolved;
  'who' to the phrase before its comma;
* a phrase holding a name to that name's entity (``Article.entities``), or without entities to the
  name itself, a bare surname joined to the full name written earlier ('Lavrov' -> 'Sergei Lavrov');
* a role ('the Russian foreign minister') to the person the article named with that title
  ('Russian Foreign Minister Sergei Lavrov');
* anything else is a description kept as written: anonymous when its head is a noun such as
  'official', 'sources', 'analysts' (``lexicons/anonymous_nouns.txt``), an organisation when it is
  'government', 'ministry', ... (``lexicons/organisation_nouns.txt``).

Sources merge by entity, else by name; each keeps every speaker mention that resolved to it. The
role is a code of IPTC's Content Production Party Role scheme chosen by ``lexicons/roles.tsv``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs
import regex

from newsml.detect.attributions import Attribution
from newsml.detect.lexicons import rows, words
from newsml.detect.speakers import DETERMINERS, PRONOUNS
from newsml.model import Article, Entity, Mention, Source

__all__ = ["resolve_sources"]

TITLES = words("speaker_titles.txt")
ANONYMOUS_NOUNS = words("anonymous_nouns.txt")
ORGANISATION_NOUNS = words("organisation_nouns.txt")
_NOT_A_NAME_START = DETERMINERS | ANONYMOUS_NOUNS
_DESCRIPTION_NOUNS = ANONYMOUS_NOUNS | ORGANISATION_NOUNS
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}.\-]*+(?:[’'][\p{L}]++)?+")
_NAME_RUN = regex.compile(
    r"\p{Lu}[\p{L}\p{M}.\-]*+(?:[’']\p{L}++)?+(?:[ \u00a0](?:\p{Lu}[\p{L}\p{M}.\-]*+(?:[’']\p{L}++)?+|(?:de|van|von|bin|al|da|del|la|le)\b))*+"
)
_INSERT = regex.compile(r"[,(]")
#: A word right before a name, with its period ('Mrs. ', 'wife ').
_TITLE_BEFORE = regex.compile(r"\b(\p{L}+)\.?[ \u00a0]$")
#: Words after the head of a description: 'a spokesman for the ministry', 'people familiar with'.
_HEAD_ENDS = frozenset(
    ["of", "for", "at", "from", "with", "in", "on", "familiar", "close", "who", "which", "that"]
)
#: How far back a pronoun looks, in names or sources (bounds the time on hostile input).
_LOOK_BACK = 60
#: How near (in characters) the group a 'they' stands for was quoted.
_NEAR = 400
#: Distinct full names kept per surname.
_DISTINCT_NAMES = 20
_POSSESSIVE = ("’s", "'s", "’", "'")
_ROLE_RULES = tuple(
    (
        row[0],
        row[1],
        None
        if row[2].strip() == "*"
        else regex.compile(
            r"\b(?:" + "|".join(regex.escape(p.strip()) for p in row[2].split(",")) + r")\b"
        ),
    )
    for row in rows("roles.tsv")
)


#: The sex a given name is given far more often than the other ('john' m, 'mary' f).
_NAME_SEXES = {row[0]: row[1] for row in rows("given_name_sexes.tsv")}
#: Words that say a sex before a name ('Mrs.', 'his wife') or as a description's head ('woman').
_TITLE_SEXES = {row[0]: row[1] for row in rows("sex_words.tsv") if row[2] in ("title", "both")}
_NOUN_SEXES = {row[0]: row[1] for row in rows("sex_words.tsv") if row[2] in ("noun", "both")}
_PRONOUN_SEXES = {"he": "m", "she": "f"}
_NO_SEX: frozenset[str] = frozenset()


def _name_sexes(name: str) -> frozenset[str]:
    """The sexes a name says: a sex title in it ('Mrs. Clinton' f), else the given name before
    the surname ('John Smith' m; a word alone is taken for a surname: 'Christie' says nothing)."""
    parts = name.split()
    for position, word in enumerate(parts):
        lower = word.lower().rstrip(".")
        if lower in _TITLE_SEXES:
            return frozenset(_TITLE_SEXES[lower])
        if _is_title(word):
            continue
        known = _NAME_SEXES.get(word.casefold()) if position < len(parts) - 1 else None
        return _NO_SEX if known is None else frozenset(known)
    return _NO_SEX


def _contradicts(pronoun: str, sexes: frozenset[str]) -> bool:
    """Whether what is known of a person's sex (``sexes``, both or none: unknown) says another sex
    than ``pronoun`` ('she' -> 'John Smith')."""
    sex = _PRONOUN_SEXES.get(pronoun)
    return sex is not None and len(sexes) == 1 and sex not in sexes


def _name_kind(name: str, words_in: Sequence[str]) -> str:
    """Without entities: an acronym or an organisation noun makes a name an organisation."""
    parts = name.split()
    if any(part.isupper() and len(part) > 1 for part in parts) or any(
        word.lower() in ORGANISATION_NOUNS for word in list(words_in) + parts
    ):
        return "organisation"
    return "person"


def _is_title(word: str) -> bool:
    lower = word.lower()
    return lower in TITLES or lower + "." in TITLES


def _strip_possessive(word: str) -> str:
    for ending in _POSSESSIVE:
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


@attrs.define
class _Draft:
    key: tuple[str, str]
    name: str
    kind: str
    anonymous: bool
    entity_id: str | None
    role: str
    mentions: list[Mention]
    seen: set[Mention] = attrs.field(factory=set)
    sexes: set[str] = attrs.field(factory=set)  # what its names and titles say (both: unknown)


class _Resolver:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.drafts: dict[tuple[str, str], _Draft] = {}
        self.order: list[tuple[str, str]] = []
        self.people: set[str] = set()
        self.resolved: list[tuple[int, tuple[str, str]]] = []  # (position, key) as resolved
        self.entity_mentions = sorted(
            (mention.start, mention.end, entity)
            for entity in article.entities
            if entity.kind in ("person", "organisation", "place")
            for mention in entity.mentions
        )
        self.entity_starts = [item[0] for item in self.entity_mentions]
        self._names: list[tuple[int, int, str]] | None = None
        self._run_sexes: dict[int, frozenset[str]] = {}
        self._entity_sexes: dict[str, frozenset[str]] = {}
        self._by_last: dict[str, dict[str, int]] | None = None

    # -- names without entities ----------------------------------------------------------------
    def names(self) -> list[tuple[int, int, str]]:
        """Capitalised runs of the text with titles stripped: (start, end, name)."""
        if self._names is None:
            found = []
            for match in _NAME_RUN.finditer(self.text):
                parts = match.group().split()
                # the name follows its title: 'Russian Foreign Minister Sergei Lavrov'
                titled = [i for i, part in enumerate(parts[:-1]) if _is_title(part)]
                if titled:
                    parts = parts[titled[-1] + 1 :]
                while parts and parts[0].lower() in _NOT_A_NAME_START:
                    parts.pop(0)
                if parts:
                    parts[-1] = _strip_possessive(parts[-1])
                    if parts[-1].endswith(".") and "." not in parts[-1][:-1] and len(parts[-1]) > 3:
                        parts[-1] = parts[-1][:-1]  # the sentence's period, not an abbreviation
                    found.append((match.start(), match.end(), " ".join(parts)))
                    sexes = _name_sexes(match.group()) | self.title_sexes(match.start())
                    if sexes:
                        self._run_sexes[match.start()] = sexes
            self._names = found
        return self._names

    def full_name(self, name: str, before: int) -> str:
        """'Lavrov' -> 'Sergei Lavrov' when the article wrote the full name earlier."""
        if self._by_last is None:
            self._by_last = {}
            for start, _end, candidate in self.names():
                if " " in candidate:
                    known = self._by_last.setdefault(candidate.split()[-1], {})
                    if len(known) < _DISTINCT_NAMES:
                        known.setdefault(candidate, start)
        best = name
        for candidate, start in self._by_last.get(name.split()[-1], {}).items():
            if (
                start < before + len(name) + 1
                and len(candidate) > len(best)
                and candidate.endswith(name)
            ):
                best = candidate
        return best

    # -- resolution ----------------------------------------------------------------------------
    def resolve(self, attribution: Attribution) -> tuple[str, str] | None:
        if attribution.speaker is None:
            return None
        start, end = attribution.speaker
        phrase = self.text[start:end]
        lower = phrase.lower()
        if lower in PRONOUNS:
            key = self.pronoun(lower, start)
        else:
            key = self.phrase(phrase, start, end, attribution)
        if key is not None:
            draft = self.drafts[key]
            mention = Mention(start, end, phrase)
            if mention not in draft.seen:
                draft.seen.add(mention)
                draft.mentions.append(mention)
            self.resolved.append((start, key))
        return key

    def pronoun(self, pronoun: str, start: int) -> tuple[str, str] | None:
        refers_to = PRONOUNS[pronoun]
        if refers_to == "relative":
            return self.relative(start)
        wanted = {
            "person": ("person",),
            "organisation": ("organisation", "place"),
        }.get(refers_to, ("organisation", "group"))
        best: tuple[int, tuple[str, str]] | None = None
        if refers_to == "group":
            # 'they', 'we': only a group already quoted, the last one (a name in the text is
            # as likely to be what they talk about)
            for resolved_start, key in reversed(self.resolved[-1:]):
                draft = self.drafts[key]
                if start - _NEAR < resolved_start < start and (
                    draft.kind == "organisation" or draft.anonymous
                ):
                    return key
            return None
        # the last entity mention before the pronoun that fits
        position = bisect.bisect_left(self.entity_starts, start)
        lowest = max(0, position - _LOOK_BACK)
        while position > lowest:
            position -= 1
            mention_start, mention_end, entity = self.entity_mentions[position]
            if (
                mention_end <= start
                and entity.kind in wanted
                and not _contradicts(
                    pronoun,
                    self.mention_sexes(mention_start, mention_end) or self.entity_sexes(entity),
                )
            ):
                best = (mention_start, self.entity_key(entity, mention_start, mention_end))
                break
        for resolved_start, key in reversed(self.resolved[-_LOOK_BACK:]):
            if resolved_start >= start:
                continue
            draft = self.drafts[key]
            kind = "group" if draft.anonymous and draft.name.lower().endswith("s") else draft.kind
            if kind in wanted and not _contradicts(pronoun, frozenset(draft.sexes)):
                if best is None or resolved_start > best[0]:
                    best = (resolved_start, key)
                break
        if not self.entity_mentions:
            best = self.unlinked_antecedent(refers_to, start, best, pronoun)
        return None if best is None else best[1]

    def unlinked_antecedent(
        self,
        refers_to: str,
        start: int,
        best: tuple[int, tuple[str, str]] | None,
        pronoun: str = "",
    ) -> tuple[int, tuple[str, str]] | None:
        """Without entities: the last capitalised name before the pronoun that may fit."""
        people = self.people
        names = self.names()
        position = bisect.bisect_left(names, (start,))
        lowest = max(0, position - _LOOK_BACK)
        while position > lowest:
            position -= 1
            name_start, _end, name = names[position]
            if best is not None and name_start <= best[0]:
                return best
            if refers_to == "person":
                full = self.full_name(name, name_start)
                sexes = _name_sexes(full) | self._run_sexes.get(name_start, _NO_SEX)
                if len(full.split()) >= 2 and not _contradicts(pronoun, sexes):
                    return name_start, self.named(full, "person", None, name_start)
            if (
                refers_to == "organisation"
                and start - name_start < 300
                and name not in people
                and self.full_name(name, name_start) not in people
            ):
                return name_start, self.named(name, "organisation", None, name_start)
        return best

    def relative(self, start: int) -> tuple[str, str] | None:
        """'NATO and EU officials, who have ...' -> the phrase before the comma."""
        before = self.text[max(0, start - 120) : start].rstrip()
        if not before.endswith(","):
            return None
        before = before[:-1]
        offset = start - 120 if start > 120 else 0
        words_before = list(_WORD.finditer(before))
        if not words_before:
            return None
        first = len(words_before) - 1
        while first > 0 and len(words_before) - first < 8:
            word = words_before[first - 1].group().lower()
            if (
                word in ("of", "from", "by", "to", "with", "in", "on", "at", "for", "that")
                or word in DETERMINERS
            ):
                if word in DETERMINERS:
                    first -= 1
                break
            first -= 1
        phrase_start = offset + words_before[first].start()
        phrase_end = offset + words_before[-1].end()
        return self.phrase(self.text[phrase_start:phrase_end], phrase_start, phrase_end, None)

    def title_sexes(self, start: int) -> frozenset[str]:
        """The sex a title right before ``start`` says ('Mr. Obama', 'his wife Jane')."""
        match = _TITLE_BEFORE.search(self.text, max(0, start - 24), start)
        if match is None:
            return _NO_SEX
        sex = _TITLE_SEXES.get(match.group(1).lower())
        return _NO_SEX if sex is None else frozenset(sex)

    def mention_sexes(self, start: int, end: int) -> frozenset[str]:
        """What the mention at ``start`` says of its sex: a given name or a title in it, a title
        before it ('Hillary Clinton', 'Mrs. Clinton', 'his wife Jane' f)."""
        return _name_sexes(self.text[start:end]) | self.title_sexes(start)

    def entity_sexes(self, entity: Entity) -> frozenset[str]:
        """What ``entity`` is said to be: what its name says ('Hillary Clinton' f), else what its
        mentions say ('Obama' after 'Mr.' m; with a 'Mrs. Obama' too, both: unknown)."""
        known = self._entity_sexes.get(entity.id)
        if known is None:
            known = _name_sexes(entity.name)
            if not known:
                found: set[str] = set()
                for mention in entity.mentions:
                    found |= self.mention_sexes(mention.start, mention.end)
                known = frozenset(found)
            self._entity_sexes[entity.id] = known
        return known

    def entity_key(self, entity: Entity, start: int, end: int) -> tuple[str, str]:
        key = ("entity", entity.id)
        if key not in self.drafts:
            kind = entity.kind if entity.kind != "place" else "organisation"
            self.add(key, entity.name, kind, False, entity.id)
            if entity.kind == "person":
                self.drafts[key].sexes |= self.entity_sexes(entity)
        return key

    def named(self, name: str, kind: str, entity_id: str | None, start: int) -> tuple[str, str]:
        key = ("name", name.lower())
        if key not in self.drafts:
            self.add(key, name, kind, False, entity_id)
        if kind == "person":
            self.drafts[key].sexes |= _name_sexes(name) | self._run_sexes.get(start, _NO_SEX)
        return key

    def add(
        self, key: tuple[str, str], name: str, kind: str, anonymous: bool, entity_id: str | None
    ) -> None:
        self.drafts[key] = _Draft(key, name, kind, anonymous, entity_id, "originfo", [])
        if kind == "person":
            self.people.add(name)
        self.order.append(key)

    def phrase(
        self, phrase: str, start: int, end: int, attribution: Attribution | None
    ) -> tuple[str, str] | None:
        # an insert after a comma or in brackets describes the speaker the words before it name:
        # 'Hugh Hill, a doctor', 'Sen. Claire McCaskill (D-Mo.)'
        cut = _INSERT.search(phrase)
        if cut is not None and cut.start() > 0:
            phrase = phrase[: cut.start()].rstrip()
            end = start + len(phrase)
        words_in = [_strip_possessive(w.group()) for w in _WORD.finditer(phrase)]
        if not words_in:
            return None
        head_words = list(words_in)
        for position, word in enumerate(words_in):
            if position and word.lower() in _HEAD_ENDS:
                head_words = words_in[:position]
                break
        head = head_words[-1]
        description_head = (
            head[:1].islower()
            or (len(words_in) == 1 and head.lower() in _DESCRIPTION_NOUNS)
            or words_in[0].lower() in DETERMINERS
            and not any(w[:1].isupper() for w in head_words[1:])
        )
        if not description_head:
            # an entity named in the phrase, unless the phrase is about someone else ('X’s doctor')
            position = bisect.bisect_left(self.entity_starts, start)
            inside = []
            while position < len(self.entity_mentions) and self.entity_mentions[position][0] < end:
                if self.entity_mentions[position][1] <= end:
                    inside.append(self.entity_mentions[position])
                position += 1
            if inside:
                chosen = max(inside, key=lambda item: (item[2].kind == "person", item[1]))
                return self.entity_key(chosen[2], chosen[0], chosen[1])
            if not self.entity_mentions:
                names = self.names()
                position = bisect.bisect_left(names, (start,))
                found = []
                while position < len(names) and names[position][0] < end:
                    if names[position][1] <= end + 2:
                        found.append(names[position][2])
                    position += 1
                if found:
                    name = self.full_name(found[-1], start)
                    return self.named(name, _name_kind(name, head_words[-1:]), None, start)
        role = self.role_holder(words_in, start)
        if role is not None:
            return role
        return self.description(phrase, head_words)

    def role_holder(self, words_in: Sequence[str], start: int) -> tuple[str, str] | None:
        """'the Russian foreign minister' -> the person the article introduced with that title."""
        if words_in[0].lower() != "the" or len(words_in) < 2:
            return None
        wanted = [w.lower() for w in words_in[1:]]
        if not any(w in TITLES for w in wanted):
            return None
        candidates = [
            (s, e, entity)
            for s, e, entity in self.entity_mentions
            if entity.kind == "person" and e <= start
        ]
        for mention_start, mention_end, entity in reversed(candidates):
            before = self.text[max(0, mention_start - 60) : mention_start].lower()
            if all(w in before for w in wanted):
                return self.entity_key(entity, mention_start, mention_end)
        if not self.entity_mentions:
            for name_start, _end, name in reversed(self.names()):
                if name_start >= start:
                    continue
                run = self.text[name_start:_end].lower()
                if len(name.split()) >= 2 and all(w in run for w in wanted):
                    return self.named(self.full_name(name, name_start), "person", None, name_start)
        return None

    def description(self, phrase: str, words_in: Sequence[str]) -> tuple[str, str] | None:
        head = words_in[-1].lower()
        if len(words_in) == 1 and head in DETERMINERS:
            return None  # 'some', 'many', 'others': nobody an editor could name

        organisation = head in ORGANISATION_NOUNS
        anonymous = not organisation and (
            head in ANONYMOUS_NOUNS or head.rstrip("s") in ANONYMOUS_NOUNS
        )
        name = " ".join(phrase.split())
        key = ("description", name.lower())
        if key not in self.drafts:
            self.add(key, name, "organisation" if organisation else "person", anonymous, None)
            sex = _NOUN_SEXES.get(head)
            if sex is not None:
                self.drafts[key].sexes.add(sex)
        return key


def _role(draft: _Draft, contexts: Sequence[str], text: str) -> str:
    spoken = " ".join(mention.text.lower() for mention in draft.mentions) + " " + draft.name.lower()
    for role, where, pattern in _ROLE_RULES:
        if pattern is None:
            return role
        haystack = " ".join(contexts) if where == "context" else spoken
        if pattern.search(haystack):
            return role
    return "originfo"


def resolve_sources(
    article: Article, attributions: Sequence[Attribution]
) -> tuple[tuple[Source, ...], list[Source | None]]:
    """The article's sources, and the source of each attribution (None when unresolved)."""
    resolver = _Resolver(article)
    keys: list[tuple[str, str] | None] = []
    for attribution in attributions:
        if attribution.follows is not None and attribution.follows < len(keys):
            key = keys[attribution.follows]
            if key is not None:
                keys.append(key)
                continue
        keys.append(resolver.resolve(attribution))
    contexts: dict[tuple[str, str], list[str]] = {}
    for attribution, key in zip(attributions, keys):
        if key is not None:
            contexts.setdefault(key, []).append(attribution.context)
    used = [key for key in resolver.order if key in contexts]
    sources: dict[tuple[str, str], Source] = {}
    for number, key in enumerate(used, start=1):
        draft = resolver.drafts[key]
        sources[key] = Source(
            id=f"s{number}",
            name=draft.name,
            kind=draft.kind,
            role=_role(draft, contexts[key], article.text),
            anonymous=draft.anonymous,
            entity_id=draft.entity_id,
            mentions=tuple(sorted(draft.mentions, key=lambda m: (m.start, m.end))),
        )
    return tuple(sources[key] for key in used), [
        None if key is None else sources[key] for key in keys
    ]
