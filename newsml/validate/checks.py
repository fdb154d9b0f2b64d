"""Checks that XML Schema cannot express, run after schema validation on either schema set.

Each check is a small function ``(Context) -> Iterable[Problem]`` registered in :data:`CHECKS`;
what it looks at comes from tables below, derived from IPTC's NewsML-G2 2.35 schema (a test
re-derives them from the official XSD and compares):

* ``references``: every IDREF-typed attribute (:data:`REFERENCE_ATTRIBUTES`, plus any attribute the
  packaged profile XSD types as IDREF/IDREFS, e.g. in newsml's own namespace) names an existing id
  of the same document; ids (:data:`ID_ATTRIBUTES`) are unique over the G2 metadata and the NITF
  body together.
* ``guid``: each item's guid is an absolute URI (RFC 3986 scheme, no spaces), with the shape its
  scheme demands for ``urn:``, ``tag:`` (RFC 4151) and ``http(s):``.
* ``time-zones``: every dateTime value (elements :data:`DATETIME_ELEMENTS`, attributes
  :data:`DATETIME_ATTRIBUTES`) carries a time zone; plain dates and truncated values are left alone.
* ``qcodes``: every QCode prefix (attributes :data:`QCODE_ATTRIBUTES`) is declared for its item.
  Accepted: the aliases of IPTC's G2-Standards catalog (catalog41.tsv) when the item has a
  ``catalogRef`` to that catalog (version N accepts the aliases present in version N), and the
  aliases of any ``catalog`` the item holds inline. A prefix that none of these declares is an
  error, unless the item also references another catalog newsml cannot read offline: then it is a
  warning saying so. In a newsMessage the header and every item are scoped separately.
* ``quote-source``: an NITF ``q`` whose ``quote-source`` is present but blank (warning).
* ``standard-version``: an item declaring another ``standardversion`` than 2.35 (warning: it was
  checked against 2.35, which accepts earlier items).
* ``conformance``: power-only elements (``partMeta``, ``assert``, ``inlineRef``) in an item that
  declares (or defaults to) ``conformance="core"``.
* ``depth``: elements nested more than :data:`MAX_DEPTH` (256) levels deep, which XML parsers
  (libxml2, hence lxml) refuse with their default limits: such a document cannot be read by
  its consumers. Only a tree handed over as such can hold one: parsing refuses it first, with
  the same message (:mod:`.parse`). newsml's writer stays far below (see ``newsml.render.nitf``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain
from pathlib import Path

import attrs
from lxml import etree

from newsml.validate import schemas
from newsml.validate.profile_ids import modification_time, profile_id_attributes
from newsml.validate.report import Problem
from newsml.validate.schemas import G2_NS, NITF_NS, SCHEMA_VERSION
from newsml.xmltypes import attribute_items, source_line

__all__ = [
    "CHECKS",
    "DATETIME_ATTRIBUTES",
    "DATETIME_ELEMENTS",
    "ID_ATTRIBUTES",
    "MAX_DEPTH",
    "QCODE_ATTRIBUTES",
    "REFERENCE_ATTRIBUTES",
    "Context",
    "catalog_aliases",
    "run_checks",
]

# --- Tables (from NewsML-G2 2.35 Power and NITF 3.6; tests/validate/test_tables.py re-derives) ---

#: Attributes typed xs:ID, by the namespace of the element carrying them.
ID_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    G2_NS: frozenset({"id", "partid"}),
    NITF_NS: frozenset({"id"}),
}

#: Attributes typed xs:IDREF or xs:IDREFS, by the namespace of the element carrying them.
REFERENCE_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    G2_NS: frozenset({"contentrefs", "idref", "idrefs", "original", "root", "sourceidref"}),
}

#: G2 elements whose content is a dateTime (DateTimePropType and the union types holding one).
DATETIME_ELEMENTS = frozenset(
    {
        "born", "ceasedToExist", "contentCreated", "contentModified", "created", "died",
        "dissolved", "embargoed", "end", "exDate", "expires", "firstCreated", "founded", "rDate",
        "scheduled", "sent", "start", "timestamp", "versionCreated",
    }
)  # fmt: skip

#: G2 attributes typed DateOptTimeType or TruncatedDateTimeType (a date, or a dateTime).
DATETIME_ATTRIBUTES = frozenset(
    {
        "approxend", "approxstart", "coversfrom", "coversto", "created", "generated", "modified",
        "retired", "schemecreated", "schememodified", "schemeretired", "timestamp", "until",
        "validfrom", "validto",
    }
)  # fmt: skip

#: G2 attributes typed QCodeType or QCodeListType (a list: every item is checked).
QCODE_ATTRIBUTES = frozenset(
    {
        "accesstype", "aspect", "audiochannels", "audiocodec", "authoritystatus",
        "colourindicator", "colourspace", "concepttype", "confirmationstatus", "creator",
        "derivedfrom", "durationunit", "encoding", "environment", "format", "hashtype",
        "heightunit", "how", "idformat", "interactiontype", "jobtitle", "layoutorientation",
        "market", "marketlabelsrc", "mode", "part", "pubconstraint", "qcode", "radunit",
        "ratertype", "ratingtype", "rel", "rendition", "renditionref", "reposrole",
        "representation", "residrefformat", "role", "scaleunit", "scope", "severity",
        "symbolsrc", "target", "tech", "timeunit", "type", "valcalctype", "valueunit",
        "videocodec", "videodefinition", "videoscaling", "why", "widthunit",
    }
)  # fmt: skip

#: (element, attribute) pairs where an attribute of :data:`QCODE_ATTRIBUTES` is a plain string.
NOT_QCODE = frozenset({("timestamp", "role"), ("a", "rel")})

#: Elements that only Power conformance allows (NewsML-G2 Specification, conformance levels).
POWER_ONLY_ELEMENTS = frozenset({"partMeta", "assert", "inlineRef"})

#: Item roots in the G2 namespace (whose guid is checked and which scope QCodes).
ITEM_ELEMENTS = frozenset(
    {"newsItem", "packageItem", "conceptItem", "knowledgeItem", "planningItem", "catalogItem"}
)

_IPTC_CATALOG = re.compile(
    r"\Ahttps?://(?:www\.)?iptc\.org/std/catalog/catalog\.IPTC-G2-Standards_(\d+)\.xml\Z"
)
_TIME_ZONE = re.compile(r"(?:Z|[+-]\d\d:\d\d)\Z")
_URI_SCHEME = re.compile(r"\A([A-Za-z][A-Za-z0-9+.\-]*):(.+)\Z", re.DOTALL)
# Characters RFC 3986 never allows unescaped in a URI (besides controls and space).
_URI_FORBIDDEN = re.compile(r'[\x00-\x20\x7f<>"{}|\\^`]')

#: Shape demanded of a guid by its scheme (lower case); other schemes need a valid scheme only.
GUID_SHAPES: Mapping[str, tuple[re.Pattern[str], str]] = {
    "urn": (
        re.compile(r"\A[A-Za-z0-9][A-Za-z0-9\-]{0,31}:\S+\Z"),
        "urn:<namespace id>:<specific string> (RFC 8141)",
    ),
    "tag": (
        re.compile(r"\A[^,\s]+,\d{4}(?:-\d\d(?:-\d\d)?)?:\S*\Z"),
        "tag:<authority>,<yyyy[-mm[-dd]]>:<specific> (RFC 4151)",
    ),
    "http": (re.compile(r"\A//[^/\s]+"), "http://<host>/..."),
    "https": (re.compile(r"\A//[^/\s]+"), "https://<host>/..."),
}


# --- Catalog 41 --------------------------------------------------------------------------------


@functools.cache
def catalog_aliases() -> Mapping[str, int]:
    """Every scheme alias IPTC's catalog 41 declares -> first catalog version declaring it."""
    aliases: dict[str, int] = {}
    table = Path(__file__).with_name("catalog41.tsv").read_text(encoding="utf-8")
    for line in table.splitlines():
        if line and not line.startswith("#"):
            alias, since, _uri = line.split("\t")
            aliases[alias] = int(since)
    return aliases


@functools.cache
def _latest_catalog() -> int:
    """The latest catalog version that catalog 41 knows of (41)."""
    return max(catalog_aliases().values())


@functools.cache
def _aliases_until(version: int) -> frozenset[str]:
    """The aliases version ``version`` of IPTC's catalog declares (as far as catalog 41 says)."""
    return frozenset(alias for alias, since in catalog_aliases().items() if since <= version)


# --- The document seen by the checks -------------------------------------------------------------


def _split(tag: str) -> tuple[str, str]:
    if tag[:1] == "{":
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


#: How far above an element's reported line (the end of its start tag) an attribute is looked for.
_ATTRIBUTE_LOOKBACK = 64

#: A NewsML-G2 element as the checks see it: (element, local name, attributes as
#: (Clark name, value) pairs in document order).
G2Element = tuple[etree._Element, str, list[tuple[str, str]]]
#: An id or IDREF(S) attribute: (element, attribute name, value, whether it is a reference).
IdAttribute = tuple[etree._Element, str, str, bool]

#: What an attribute is to the checks (bit flags: an attribute may be several things).
ID, REFERENCE, QCODE, DATETIME = 1, 2, 4, 8

_CATALOG_REF_TAG, _CATALOG_TAG = f"{{{G2_NS}}}catalogRef", f"{{{G2_NS}}}catalog"
_SCHEME_TAG = f"{{{G2_NS}}}scheme"
_ITEM_TAGS = tuple(f"{{{G2_NS}}}{local}" for local in sorted(ITEM_ELEMENTS))
_SCOPE_TAGS = (*_ITEM_TAGS, f"{{{G2_NS}}}header")
_DATETIME_TAGS = tuple(f"{{{G2_NS}}}{local}" for local in sorted(DATETIME_ELEMENTS))
_Q_TAG = f"{{{NITF_NS}}}q"
#: The few elements the checks look at one by one (items, message headers, dateTime elements,
#: NITF quotations), found in one pass over the tree: each pass costs about as much as
#: surveying a namespace, however few elements it finds.
_LANDMARK_TAGS = (*_SCOPE_TAGS, *_DATETIME_TAGS, _Q_TAG)
_ITEM_TAG_SET = frozenset(_ITEM_TAGS)
_SCOPE_TAG_SET = frozenset(_SCOPE_TAGS)
_DATETIME_TAG_SET = frozenset(_DATETIME_TAGS)
_Q_TAGS = frozenset({_Q_TAG})
_COUNT_ELEMENTS = etree.XPath("count(descendant-or-self::*)")


@attrs.frozen
class Plan:
    """What the survey of a document reads, from the id tables: for each namespace whose
    elements carry attributes the checks look at, the tag filter selecting its elements and the
    kinds (:data:`ID`, :data:`REFERENCE`, :data:`QCODE`, :data:`DATETIME`) of those attributes
    by Clark name; and whether elements of any namespace carry some (``"*"`` in a table)."""

    namespaces: tuple[tuple[str, Mapping[str, int]], ...]
    anywhere: bool

    @classmethod
    def of(
        cls, references: Mapping[str, frozenset[str]], ids: Mapping[str, frozenset[str]]
    ) -> Plan:
        kinds: dict[str, dict[str, int]] = {G2_NS: {}}
        for table, kind in ((ids, ID), (references, REFERENCE)):
            for namespace, names in table.items():
                for name in names:
                    by_name = kinds.setdefault(namespace, {})
                    by_name[name] = by_name.get(name, 0) | kind
        for names, kind in ((QCODE_ATTRIBUTES, QCODE), (DATETIME_ATTRIBUTES, DATETIME)):
            for name in names:
                kinds[G2_NS][name] = kinds[G2_NS].get(name, 0) | kind
        anywhere = kinds.pop("*", {})
        for by_name in kinds.values():
            for name, kind in anywhere.items():
                by_name[name] = by_name.get(name, 0) | kind
        return cls(
            tuple((f"{{{namespace}}}*", by_name) for namespace, by_name in kinds.items()),
            bool(anywhere),
        )


@attrs.frozen
class Survey:
    """The values of the attributes the checks look at, gathered in one pass without keeping
    elements: enough to see that a document has no problem, which is the common case. A check
    that sees a possible problem here looks again, element by element, to report it."""

    ids: list[str]
    references: list[str]
    qcodes: frozenset[str]
    datetimes: list[str]

    @classmethod
    def of(cls, root: etree._Element, plan: Plan) -> Survey | None:
        """The survey of the document at ``root``; None when some of its elements are in a
        namespace the plan does not visit while attributes of any element count."""
        found: dict[int, list[str]] = {}  # values by kind
        visited = 0
        for tags, kinds in plan.namespaces:
            elements = list(root.iter(tags))
            visited += len(elements)
            keep = {name: found.setdefault(kind, []).append for name, kind in kinds.items()}
            for name, value in chain.from_iterable(map(attribute_items, elements)):
                add = keep.get(name)
                if add is not None:
                    add(value)
        if plan.anywhere and visited != int(_COUNT_ELEMENTS(root)):  # type: ignore[arg-type]
            return None

        def of_kind(kind: int) -> list[str]:
            return [value for key, values in found.items() if key & kind for value in values]

        return cls(of_kind(ID), of_kind(REFERENCE), frozenset(of_kind(QCODE)), of_kind(DATETIME))


@attrs.define
class Context:
    """One parsed document as the checks see it: a :class:`Survey` of its attribute values (one
    pass in the common case) and, only when a check has something to report, its NewsML-G2
    elements with their attributes, its id and reference attributes, its items, and the source
    text (when there is one) to point at the line of an attribute rather than of its tag."""

    root: etree._Element
    reference_attributes: Mapping[str, frozenset[str]]
    id_attributes: Mapping[str, frozenset[str]]
    source: bytes | str | None = None
    plan: Plan | None = None
    _lines: list[str] | None = None
    _survey: Survey | None = None
    _surveyed: bool = False
    _walk: tuple[list[G2Element], list[IdAttribute]] | None = None
    _items: tuple[etree._Element, ...] | None = None
    _landmarks: list[etree._Element] | None = None

    @classmethod
    def of(cls, root: etree._Element, source: bytes | str | None = None) -> Context:
        entry = str(schemas.profile_path())
        references, ids, plan = _id_tables(entry, modification_time(entry))
        return cls(root, references, ids, source, plan)

    def survey(self) -> Survey | None:
        """The values of the attributes the checks look at (None: look element by element)."""
        if not self._surveyed:
            plan = self.plan or Plan.of(self.reference_attributes, self.id_attributes)
            self._survey = Survey.of(self.root, plan)
            self._surveyed = True
        return self._survey

    def _walked(self) -> tuple[list[G2Element], list[IdAttribute]]:
        """The walk over every element that the detailed checks read (done once, on demand)."""
        if self._walk is not None:
            return self._walk
        g2: list[G2Element] = []
        found: list[IdAttribute] = []
        names: dict[str, tuple[frozenset[str], frozenset[str]]] = {}  # per element namespace
        for element in self.root.iter(etree.Element):
            tag = element.tag  # _split(tag), inlined: this runs for every element
            namespace, _, local = tag[1:].partition("}") if tag[:1] == "{" else ("", "", tag)
            attributes = attribute_items(element)
            if namespace == G2_NS:
                g2.append((element, local, attributes))
            if not attributes:
                continue
            known = names.get(namespace)
            if known is None:
                known = names[namespace] = (
                    _names_for(self.id_attributes, namespace),
                    _names_for(self.reference_attributes, namespace),
                )
            id_names, reference_names = known
            for name, value in attributes:
                if name in id_names:
                    found.append((element, name, value, False))
                if name in reference_names:
                    found.append((element, name, value, True))
        self._walk = (g2, found)
        return self._walk

    def attribute_line(self, element: etree._Element, name: str) -> int | None:
        """The line holding ``name=`` in ``element``'s start tag (libxml2 gives the line where
        the start tag ends); the element's line when the source is unknown."""
        line = source_line(element)
        if line is None or self.source is None:
            return line
        if self._lines is None:
            text = self.source
            if isinstance(text, bytes):
                text = text.decode("utf-8", errors="replace")
            self._lines = text.split("\n")
        local = name if name[:1] != "{" else _split(name)[1]
        attribute = re.compile(rf"(?<![\w.:-])(?:[\w.-]+:)?{re.escape(local)}\s*=")
        prefix = f"{element.prefix}:" if element.prefix else ""
        opening = f"<{prefix}{_split(element.tag)[1]}"
        for index in range(
            min(line, len(self._lines)) - 1, max(line - _ATTRIBUTE_LOOKBACK, 0) - 1, -1
        ):
            text_line = self._lines[index]
            start = text_line.rfind(opening)
            if attribute.search(text_line, max(start, 0)):
                return index + 1
            if start >= 0:
                break
        return line

    def g2(self) -> tuple[tuple[etree._Element, str], ...]:
        """(element, local name) of every element in the NewsML-G2 namespace."""
        return tuple((element, local) for element, local, _ in self.g2_elements())

    def g2_elements(self) -> list[G2Element]:
        """Every element in the NewsML-G2 namespace with its attributes, in document order."""
        return self._walked()[0]

    def g2_subtree(self, element: etree._Element) -> list[G2Element]:
        """The NewsML-G2 elements among ``element`` and its descendants, in document order (a
        contiguous run of :meth:`g2_elements`)."""
        g2 = self.g2_elements()
        if element is self.root:
            return g2
        first = next(index for index, entry in enumerate(g2) if entry[0] is element)
        size = sum(1 for _ in element.iter(f"{{{G2_NS}}}*"))
        return g2[first : first + size]

    def id_attributes_found(self) -> list[IdAttribute]:
        """Every id and IDREF(S) attribute (as the tables say), in document order."""
        return self._walked()[1]

    def items(self) -> tuple[etree._Element, ...]:
        """The items of the document: the root item, or each item of a newsMessage's itemSet."""
        if self._items is None:
            self._items = tuple(self.landmarks(_ITEM_TAG_SET))
        return self._items

    def landmarks(self, tags: frozenset[str]) -> list[etree._Element]:
        """The elements with a tag in ``tags`` (some of the landmark tags: items, headers,
        dateTime elements, NITF ``q``), in document order, from one pass over the tree."""
        if self._landmarks is None:
            self._landmarks = list(self.root.iter(*_LANDMARK_TAGS))
        return [element for element in self._landmarks if element.tag in tags]


@functools.lru_cache(maxsize=4)
def _id_tables(
    entry: str, stamp: float
) -> tuple[Mapping[str, frozenset[str]], Mapping[str, frozenset[str]], Plan]:
    """(IDREF, ID) attribute tables: the static ones plus what the profile XSD at ``entry``
    declares (``stamp``, its modification time, keys the cache); and the survey plan they make."""
    extra_references, extra_ids = profile_id_attributes(entry, stamp)
    references = _merge(REFERENCE_ATTRIBUTES, extra_references)
    ids = _merge(ID_ATTRIBUTES, extra_ids)
    return references, ids, Plan.of(references, ids)


def _merge(
    table: Mapping[str, frozenset[str]], extra: Mapping[str, frozenset[str]]
) -> Mapping[str, frozenset[str]]:
    merged = dict(table)
    for namespace, names in extra.items():
        merged[namespace] = merged.get(namespace, frozenset()) | names
    return merged


def _names_for(table: Mapping[str, frozenset[str]], namespace: str) -> frozenset[str]:
    """The attribute names ``table`` lists for an element in ``namespace`` (its own and the
    qualified ones "*" lists for any element)."""
    return table.get(namespace, frozenset()) | table.get("*", frozenset())


# --- The checks ------------------------------------------------------------------------------------


def _path(element: etree._Element) -> str:
    return str(element.getroottree().getpath(element))


def _display(element: etree._Element) -> str:
    """An element's name as a reader knows it: NITF ones as nitf:name, others with the prefix
    the document gives them (G2 elements usually have none)."""
    namespace, local = _split(element.tag)
    if namespace == NITF_NS:
        return f"nitf:{local}"
    return f"{element.prefix}:{local}" if element.prefix else local


def _attribute_display(element: etree._Element, name: str) -> str:
    """An attribute's name with the prefix the document gives its namespace (sp:ref, not
    {urn:...}ref)."""
    if name[:1] != "{":
        return name
    namespace, local = _split(name)
    for prefix, uri in element.nsmap.items():
        if uri == namespace and prefix:
            return f"{prefix}:{local}"
    return local


def check_references(context: Context) -> Iterator[Problem]:
    """Ids are unique over the whole document; every IDREF names one of them."""
    survey = context.survey()
    if survey is not None and _references_resolve(survey):
        return
    first: dict[str, tuple[etree._Element, str]] = {}
    references = []
    for element, name, value, reference in context.id_attributes_found():
        if reference:
            references.append((element, name, value))
            continue
        value = value.strip()
        previous = first.get(value)
        if previous is None:
            first[value] = (element, name)
            continue
        yield Problem(
            context.attribute_line(element, name),
            f"duplicate id '{value}' on <{_display(element)}>: already used by "
            f"<{_display(previous[0])}> on line {context.attribute_line(*previous)}",
            code="duplicate-id",
            path=_path(element),
        )
    for element, name, value in references:
        for target in value.split():
            if target not in first:
                shown = _attribute_display(element, name)
                yield Problem(
                    context.attribute_line(element, name),
                    f"<{_display(element)} {shown}=\"{value}\">: no element has id '{target}'",
                    code="dangling-idref",
                    path=_path(element),
                )


def _references_resolve(survey: Survey) -> bool:
    """No id repeats and every IDREF names an id (what check_references finds, on values)."""
    ids = list(map(str.strip, survey.ids))
    known = set(ids)
    return len(known) == len(ids) and known.issuperset(
        chain.from_iterable(map(str.split, survey.references))
    )


def guid_problem(guid: str) -> str | None:
    """Why ``guid`` is not an acceptable absolute URI, or None when it is."""
    match = _URI_SCHEME.match(guid)
    if match is None:
        return "is not an absolute URI (expected scheme:..., e.g. urn:newsml:... or tag:...)"
    if _URI_FORBIDDEN.search(guid):
        character = _URI_FORBIDDEN.search(guid).group()  # type: ignore[union-attr]
        shown = "a space" if character == " " else f"the character {character!r}"
        return f"is not a valid URI: it contains {shown}"
    scheme, rest = match.group(1).lower(), match.group(2)
    shape = GUID_SHAPES.get(scheme)
    if shape is not None and not shape[0].match(rest):
        return f"is not a valid {scheme}: URI (expected {shape[1]})"
    return None


def check_guid(context: Context) -> Iterator[Problem]:
    """Each item's guid is an absolute URI."""
    for item in context.items():
        guid = item.get("guid")
        if guid is None:
            continue  # the schema reports the missing attribute
        reason = guid_problem(guid)
        if reason is not None:
            yield Problem(
                context.attribute_line(item, "guid"),
                f"guid {guid!r} {reason}",
                code="guid",
                path=_path(item),
            )


def _missing_time_zone(value: str) -> bool:
    value = value.strip()
    return "T" in value and _TIME_ZONE.search(value) is None


def check_time_zones(context: Context) -> Iterator[Problem]:
    """dateTime values carry a time zone (Z or +hh:mm): a bare local time is ambiguous."""
    survey = context.survey()
    if (
        survey is not None
        and not any(_missing_time_zone(value) for value in survey.datetimes)
        and not any(
            element.text and _missing_time_zone(element.text)
            for element in context.landmarks(_DATETIME_TAG_SET)
        )
    ):
        return
    for element, local, attributes in context.g2_elements():
        if local in DATETIME_ELEMENTS and element.text and _missing_time_zone(element.text):
            yield Problem(
                source_line(element),
                f"<{local}> {element.text.strip()!r} has no time zone (add Z or +hh:mm)",
                code="time-zone",
                path=_path(element),
            )
        for name, value in attributes:
            if name not in DATETIME_ATTRIBUTES:
                continue
            if _missing_time_zone(value):
                yield Problem(
                    context.attribute_line(element, name),
                    f"<{local} {name}={value.strip()!r}> has no time zone (add Z or +hh:mm)",
                    code="time-zone",
                    path=_path(element),
                )


@attrs.frozen
class Declarations:
    """The scheme aliases declared for one item (or a newsMessage header)."""

    aliases: frozenset[str]
    unread: tuple[str, ...]  # catalogs referenced that newsml cannot read offline
    iptc: bool

    @classmethod
    def of(cls, scope: etree._Element) -> Declarations:
        aliases: list[frozenset[str]] = []  # one set a catalog, joined at the end
        unread: list[str] = []
        iptc = False
        for child in scope.iterchildren(_CATALOG_REF_TAG, _CATALOG_TAG):
            if child.tag == _CATALOG_TAG:
                aliases.append(
                    frozenset(scheme.get("alias", "") for scheme in child.iterchildren(_SCHEME_TAG))
                )
                continue
            href = (child.get("href") or "").strip()
            match = _IPTC_CATALOG.match(href)
            if match is None:
                unread.append(href)
                continue
            iptc = True
            version = int(match.group(1))
            aliases.append(_aliases_until(version))
            if version > _latest_catalog():
                unread.append(href)  # a newer catalog may declare more than catalog 41
        joined = aliases[0] if len(aliases) == 1 else frozenset().union(*aliases)
        return cls(joined, tuple(unread), iptc)


def _scopes(context: Context) -> list[etree._Element]:
    """Elements whose catalogs declare the schemes used inside them: items and message headers."""
    return context.landmarks(_SCOPE_TAG_SET)


def _qcodes_declared(survey: Survey, declarations: Iterable[Declarations]) -> bool:
    """Every code of every QCode attribute of the document has a prefix that every scope
    declares: then no scope has an undeclared one (what check_qcodes finds, on values)."""
    aliases: frozenset[str] | None = None
    for declared in declarations:
        aliases = declared.aliases if aliases is None else aliases & declared.aliases
    if aliases is None:
        return True  # no scope: no QCode is checked
    for value in survey.qcodes:
        for code in value.split():
            prefix, colon, _rest = code.partition(":")
            if colon and prefix not in aliases:
                return False
    return True


def _undeclared(
    line: int | None, element: etree._Element, name: str, code: str, declared: Declarations
) -> Problem:
    """The error for one QCode whose prefix no catalog of its item declares."""
    prefix = code.partition(":")[0]
    hint = (
        ""
        if declared.iptc
        else (
            " (the item references no catalog: add <catalogRef "
            'href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"/>)'
        )
    )
    return Problem(
        line,
        f"<{_split(element.tag)[1]} {name}=\"{code}\">: scheme alias '{prefix}' is not declared "
        f"in any catalog of the item{hint}",
        code="qcode-prefix",
        path=_path(element),
    )


def _unverified(
    line: int | None,
    element: etree._Element,
    name: str,
    code: str,
    declared: Declarations,
    uses: int,
) -> Problem:
    """The warning for a prefix that only a catalog newsml cannot read may declare (once per
    alias and item, at its first use)."""
    prefix = code.partition(":")[0]
    more = f" (used {uses} times)" if uses > 1 else ""
    return Problem(
        line,
        f"<{_split(element.tag)[1]} {name}=\"{code}\">: scheme alias '{prefix}'{more} is not in "
        f"IPTC's catalog; it may be declared in {', '.join(declared.unread)} (not read: newsml "
        "never fetches catalogs)",
        level="warning",
        code="qcode-prefix",
        path=_path(element),
    )


def check_qcodes(context: Context) -> Iterator[Problem]:
    """Every QCode's prefix is a scheme alias declared by a catalog the item references or holds."""
    scopes = _scopes(context)
    declarations = {scope: Declarations.of(scope) for scope in scopes}
    survey = context.survey()
    if survey is not None and _qcodes_declared(survey, declarations.values()):
        return
    for scope in scopes:
        declared = declarations[scope]
        unverified: dict[str, tuple[etree._Element, str, str, int]] = {}
        accepted: set[str] = set()  # values whose every code is declared (they repeat a lot)
        for element, local, attributes in context.g2_subtree(scope):
            if not attributes or (element is not scope and element in declarations):
                continue  # a nested scope (an item inside a message) has its own catalogs
            qcodes = [
                pair
                for pair in attributes
                if pair[0] in QCODE_ATTRIBUTES and pair[1] not in accepted
            ]
            if len(qcodes) > 1:
                qcodes.sort()  # by name: an element has each attribute once
            for name, value in qcodes:
                if (local, name) in NOT_QCODE:
                    continue
                fine = True
                for code in value.split():
                    prefix, colon, _rest = code.partition(":")
                    if not colon or prefix in declared.aliases:
                        continue  # a code without a colon is the schema's to report
                    fine = False
                    if not declared.unread:
                        yield _undeclared(
                            context.attribute_line(element, name), element, name, code, declared
                        )
                    elif prefix in unverified:
                        first = unverified[prefix]
                        unverified[prefix] = (*first[:3], first[3] + 1)
                    else:
                        unverified[prefix] = (element, name, code, 1)
                if fine:
                    accepted.add(value)
        for element, name, code, uses in unverified.values():
            yield _unverified(
                context.attribute_line(element, name), element, name, code, declared, uses
            )


def check_quote_sources(context: Context) -> Iterator[Problem]:
    """An NITF <q quote-source=""> names nobody: leave the attribute out instead."""
    for element in context.landmarks(_Q_TAGS):
        source = element.get("quote-source")
        if source is not None and not source.strip():
            yield Problem(
                context.attribute_line(element, "quote-source"),
                "<nitf:q> has an empty quote-source",
                level="warning",
                code="quote-source",
                path=_path(element),
            )


def check_standard_version(context: Context) -> Iterator[Problem]:
    """Items declaring an older standardversion were checked against 2.35's schema."""
    for item in context.items():
        version = item.get("standardversion")
        if version is not None and version.strip() != SCHEMA_VERSION:
            yield Problem(
                context.attribute_line(item, "standardversion"),
                f"standardversion {version.strip()} validated against NewsML-G2 "
                f"{SCHEMA_VERSION} (which accepts items of earlier versions)",
                level="warning",
                code="standard-version",
                path=_path(item),
            )


#: The deepest nesting libxml2 parses without its "huge" option (the root is at depth 1).
MAX_DEPTH = 256
#: The elements just below the deepest level allowed, from the root down.
_TOO_DEEP = etree.XPath("/".join(["*"] * MAX_DEPTH))


def depth_message(where: str) -> str:
    """The one line that says a document nests too deep (here and when parsing refuses it)."""
    return (
        f"elements nested more than {MAX_DEPTH} levels deep{where}: XML parsers refuse this "
        "with their default limits, so the document cannot be read"
    )


def check_depth(context: Context) -> Iterator[Problem]:
    """No element deeper than :data:`MAX_DEPTH` (a tree built by hand can be deeper)."""
    found = _TOO_DEEP(context.root)
    if isinstance(found, list) and found:
        first = found[0]
        if isinstance(first, etree._Element):
            yield Problem(
                source_line(first),
                depth_message(f" (first at {_display(first)})"),
                code="depth",
                path=_path(first),
            )


def check_conformance(context: Context) -> Iterator[Problem]:
    """partMeta, assert and inlineRef need conformance="power" on their item."""
    for item in context.items():
        if (item.get("conformance") or "core").strip() == "power":
            continue
        for local in sorted(POWER_ONLY_ELEMENTS):
            for element in item.iterchildren(f"{{{G2_NS}}}{local}"):
                yield Problem(
                    source_line(element),
                    f'<{local}> needs conformance="power" on the item (it declares '
                    f"{item.get('conformance') or 'core, by default'})",
                    code="conformance",
                    path=_path(element),
                )
                break


Check = Callable[[Context], Iterable[Problem]]

#: The checks, in the order they run: (name, function).
CHECKS: tuple[tuple[str, Check], ...] = (
    ("references", check_references),
    ("guid", check_guid),
    ("time-zones", check_time_zones),
    ("qcodes", check_qcodes),
    ("quote-source", check_quote_sources),
    ("standard-version", check_standard_version),
    ("conformance", check_conformance),
    ("depth", check_depth),
)


def run_checks(
    root: etree._Element,
    checks: Iterable[tuple[str, Check]] = CHECKS,
    source: bytes | str | None = None,
) -> list[Problem]:
    """Every problem the checks find in the document rooted at ``root`` (``source``, the text it
    was parsed from, lets problems point at the line of an attribute)."""
    context = Context.of(root, source)
    problems: list[Problem] = []
    for _name, check in checks:
        problems.extend(check(context))
    return problems
