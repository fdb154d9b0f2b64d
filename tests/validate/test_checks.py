"""The checks XML Schema cannot express, on small items (official schemas when available, else
the checks alone through run_checks)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newsml.validate.checks import CHECKS, Context, catalog_aliases, guid_problem, run_checks
from tests.validate.items import CATALOG_41, G2, line_of, news_item


def problems(text: str) -> list[tuple[int | None, str, str, str]]:
    root = etree.fromstring(text.encode("utf-8"))
    return [
        (problem.line, problem.level, problem.code, problem.message)
        for problem in run_checks(root, source=text)
    ]


def test_a_plain_item_has_no_problem() -> None:
    assert problems(news_item()) == []


def test_checks_are_a_named_table() -> None:
    names = [name for name, _check in CHECKS]
    assert len(names) == len(set(names))
    assert {"references", "guid", "time-zones", "qcodes"} <= set(names)


@pytest.mark.parametrize(
    ("guid", "reason"),
    [
        ("urn:newsml:example.com:20261127:a", None),
        ("tag:example.com,2026:item-1", None),
        ("tag:example.com,2026-11-27:item-1", None),
        ("https://example.com/items/1", None),
        ("mailto:desk@example.com", None),
        ("item-1", "is not an absolute URI"),
        ("urn:newsml:a b", "contains a space"),
        ("urn:x", "is not a valid urn: URI"),
        ("tag:example.com:item", "is not a valid tag: URI"),
        ("http:example.com", "is not a valid http: URI"),
        ("1abc:x", "is not an absolute URI"),
        ("urn:newsml:<a>", "contains the character '<'"),
    ],
)
def test_guid_rules(guid: str, reason: str | None) -> None:
    found = guid_problem(guid)
    if reason is None:
        assert found is None
    else:
        assert found is not None and reason in found


@settings(max_examples=200)
@given(st.text(min_size=1, max_size=40))
def test_guid_with_whitespace_is_never_accepted(text: str) -> None:
    assert guid_problem(f"urn:newsml:{text} x") is not None


def test_dangling_references_each_named() -> None:
    text = news_item(
        after_content_meta='<partMeta partid="pm1" contentrefs="p1 gone"/>',
        paragraph='<p id="p1">Text.</p>',
    )
    assert problems(text) == [
        (
            line_of(text, "<partMeta"),
            "error",
            "dangling-idref",
            "<partMeta contentrefs=\"p1 gone\">: no element has id 'gone'",
        )
    ]


def test_inline_ref_to_body_ids_resolves() -> None:
    text = news_item(
        content_meta='<subject type="cpnat:person" literal="x" id="e1"><name>X</name></subject>',
        after_content_meta='<inlineRef idrefs="m1 m2"/>',
        paragraph='<p><person id="m1">X</person> and <person id="m2">X</person>.</p>',
    )
    assert problems(text) == []


def test_duplicate_id_inside_the_body() -> None:
    text = news_item(paragraph='<p id="a">One</p>\n<p id="a">Two</p>')
    assert problems(text) == [
        (
            line_of(text, '<p id="a">Two'),
            "error",
            "duplicate-id",
            (
                f"duplicate id 'a' on <nitf:p>: already used by <nitf:p> on line "
                f"{line_of(text, '<p id')}"
            ),
        )
    ]


@pytest.mark.parametrize(
    ("value", "missing"),
    [
        ("2026-11-27T10:00:00Z", False),
        ("2026-11-27T10:00:00+01:00", False),
        ("2026-11-27T10:00:00.123-05:00", False),
        ("2026-11-27T10:00:00", True),
        ("2026-11-27T10:00:00.5", True),
    ],
)
def test_version_created_time_zone(value: str, missing: bool) -> None:
    text = news_item(version_created=value)
    expected = (
        [
            (
                line_of(text, "<versionCreated>"),
                "error",
                "time-zone",
                f"<versionCreated> '{value}' has no time zone (add Z or +hh:mm)",
            )
        ]
        if missing
        else []
    )
    assert problems(text) == expected


def test_date_only_values_need_no_time_zone_but_datetime_attributes_do() -> None:
    text = news_item(
        content_meta="<contentCreated>2026-11-27</contentCreated>\n"
        '<subject type="cpnat:event" literal="x" validfrom="2026-11-27T09:00:00"/>'
    )
    assert problems(text) == [
        (
            line_of(text, "validfrom"),
            "error",
            "time-zone",
            "<subject validfrom='2026-11-27T09:00:00'> has no time zone (add Z or +hh:mm)",
        )
    ]


def test_iptc_aliases_are_declared_through_catalog_41() -> None:
    aliases = catalog_aliases()
    assert len(aliases) == 147
    for alias in (
        "ninat",
        "cpnat",
        "cpprole",
        "stat",
        "medtop",
        "wikidata",
        "iso3166-1a2",
        "geonames",
    ):
        assert alias in aliases
    text = news_item(
        content_meta='<infoSource role="cpprole:originfo" literal="x"/>\n'
        '<subject type="cpnat:geoArea" qcode="wikidata:Q159"/>\n'
        '<subject type="cpnat:geoArea" qcode="iso3166-1a2:RU"/>'
    )
    assert problems(text) == []


def test_undeclared_prefix_is_an_error_with_its_line() -> None:
    text = news_item(content_meta='<subject type="cpnat:person"\n qcode="nosuch:1"/>')
    assert problems(text) == [
        (
            line_of(text, "nosuch"),
            "error",
            "qcode-prefix",
            (
                "<subject qcode=\"nosuch:1\">: scheme alias 'nosuch' is not declared in any catalog "
                "of the item"
            ),
        )
    ]


def test_qcode_lists_check_every_code() -> None:
    text = news_item(
        content_meta='<subject qcode="medtop:01000000" pubconstraint="medtop:1 nosuch:x"/>'
    )
    assert [message for *_rest, message in problems(text)] == [
        (
            "<subject pubconstraint=\"nosuch:x\">: scheme alias 'nosuch' is not declared "
            "in any catalog of the item"
        )
    ]


def test_older_catalog_does_not_declare_later_aliases() -> None:
    """geonameshttps came with catalog 39; an item referencing catalog 32 cannot use it."""
    assert catalog_aliases()["geonameshttps"] > 32
    text = news_item(
        catalogs=f'<catalogRef href="{CATALOG_41.replace("_41", "_32")}"/>',
        content_meta='<subject qcode="geonameshttps:524901"/>',
    )
    assert [code for _line, _level, code, _message in problems(text)] == ["qcode-prefix"]


def test_inline_catalog_declares_aliases() -> None:
    catalogs = (
        f'<catalogRef href="{CATALOG_41}"/>\n'
        '<catalog><scheme alias="own" uri="http://example.com/own/"/></catalog>'
    )
    text = news_item(catalogs=catalogs, content_meta='<subject qcode="own:x"/>')
    assert problems(text) == []


def test_item_without_catalog_gets_a_hint() -> None:
    text = news_item(catalogs="")
    found = problems(text)
    assert {code for _line, _level, code, _message in found} == {"qcode-prefix"}
    assert "references no catalog" in found[0][3]


def test_unreadable_catalog_turns_unknown_prefixes_into_one_warning_each() -> None:
    catalogs = f'<catalogRef href="{CATALOG_41}"/>\n<catalogRef href="http://example.com/c.xml"/>'
    text = news_item(
        catalogs=catalogs,
        content_meta='<subject qcode="own:x"/>\n<subject qcode="own:y"/>',
    )
    assert problems(text) == [
        (
            line_of(text, "own:x"),
            "warning",
            "qcode-prefix",
            (
                "<subject qcode=\"own:x\">: scheme alias 'own' (used 2 times) is not in IPTC's "
                "catalog; it may be declared in http://example.com/c.xml (not read: newsml never "
                "fetches catalogs)"
            ),
        )
    ]


def test_string_typed_role_and_rel_are_not_qcodes() -> None:
    header = (
        f'<newsMessage xmlns="{G2}"><header><sent>2026-11-27T10:00:00Z</sent>'
        '<timestamp role="received">2026-11-27T10:00:00Z</timestamp></header>'
        "<itemSet/></newsMessage>"
    )
    assert problems(header) == []


def test_news_message_items_are_scoped_separately() -> None:
    item = news_item().split("\n", 1)[1]  # without the XML declaration
    bad = news_item(catalogs="").split("\n", 1)[1]
    message = (
        f'<newsMessage xmlns="{G2}">\n<header>\n<sent>2026-11-27T10:00:00</sent>\n</header>\n'
        f"<itemSet>\n{item}\n{bad}\n</itemSet>\n</newsMessage>"
    )
    found = problems(message)
    assert found[0] == (
        3,
        "error",
        "time-zone",
        "<sent> '2026-11-27T10:00:00' has no time zone (add Z or +hh:mm)",
    )
    qcode_lines = {line for line, _level, code, _message in found if code == "qcode-prefix"}
    first_item_end = line_of(message, "</newsItem>")
    assert qcode_lines and min(qcode_lines) > first_item_end
    # the same ids in two items of one message are one document's duplicates
    assert not [code for _line, _level, code, _message in found if code == "duplicate-id"]


def test_power_only_elements_need_power_conformance() -> None:
    text = news_item(
        conformance="", after_content_meta='<inlineRef idrefs="p1"/>', paragraph='<p id="p1">x</p>'
    )
    assert problems(text) == [
        (
            line_of(text, "<inlineRef"),
            "error",
            "conformance",
            '<inlineRef> needs conformance="power" on the item (it declares core, by default)',
        )
    ]


def test_empty_quote_source_is_a_warning() -> None:
    text = news_item(paragraph='<p><q quote-source=" ">Hi</q> <q quote-source="Ann">Yo</q></p>')
    assert problems(text) == [
        (line_of(text, "<q "), "warning", "quote-source", "<nitf:q> has an empty quote-source")
    ]


def test_context_lists_each_scope_as_a_run_of_the_g2_elements() -> None:
    item = news_item(
        content_meta='<subject type="cpnat:person" literal="x" id="e1"><name>X</name></subject>',
        after_content_meta='<inlineRef idrefs="m1 m2"/>',
        paragraph='<p><person id="m1">X</person> and <person id="m2">X</person>.</p>',
    ).split("\n", 1)[1]
    message = (
        f'<newsMessage xmlns="{G2}">\n<header>\n<sent>2026-11-27T10:00:00Z</sent>\n</header>\n'
        f"<itemSet>\n{item}\n<!-- between -->\n{item}\n</itemSet>\n</newsMessage>"
    )
    root = etree.fromstring(message.encode("utf-8"))
    context = Context.of(root)
    every = list(root.iter(f"{{{G2}}}*"))
    assert [element for element, _local in context.g2()] == every
    assert [local for _element, local in context.g2()] == [etree.QName(e).localname for e in every]
    for scope in [root, *root.iter(f"{{{G2}}}newsItem", f"{{{G2}}}header")]:
        run = [element for element, _local, _attributes in context.g2_subtree(scope)]
        assert run == list(scope.iter(f"{{{G2}}}*"))
    found = [(name, value) for _element, name, value, _reference in context.id_attributes_found()]
    assert len(found) == 8  # per item: e1, m1, m2 and the idrefs
    assert found == [
        (name, value)
        for element in root.iter()
        if isinstance(element.tag, str)
        for name, value in element.items()
        if name in ("id", "partid", "contentrefs", "idrefs", "idref")
    ]


_MUTATIONS = (
    ('id="m1"', 'id="m2"'),
    ('idrefs="m1 m2"', 'idrefs="m1 gone"'),
    ('idrefs="m1 m2"', 'idrefs="m1\u00a0m2"'),
    ('id="e1"', 'id=" m1 "'),
    ('type="cpnat:person"', 'type="bogus:person"'),
    ('qcode="ninat:text"', 'qcode="ninat:text nope:x"'),
    (f'<catalogRef href="{CATALOG_41}"/>', ""),
    (f'<catalogRef href="{CATALOG_41}"/>', '<catalogRef href="http://example.com/c.xml"/>'),
    ("2026-11-27T10:00:00Z", "2026-11-27T10:00:00"),
    ("<subject type", '<subject modified="2026-11-27T10:00:00" type'),
    ("<subject type", '<subject xmlns:x="urn:x" x:id="e1" type'),
    ("<p><person", '<p><x:b xmlns:x="urn:x" id="m1"/><person'),
)


@settings(max_examples=60)
@given(st.sets(st.integers(min_value=0, max_value=len(_MUTATIONS) - 1), max_size=4))
def test_the_survey_never_hides_a_problem(chosen: set[int]) -> None:
    """Checks that trust the survey report what checks walking every element report."""
    text = news_item(
        content_meta='<subject type="cpnat:person" literal="x" id="e1"><name>X</name></subject>',
        after_content_meta='<inlineRef idrefs="m1 m2"/>',
        paragraph='<p><person id="m1">X</person> and <person id="m2">X</person>.</p>',
    )
    for index in sorted(chosen):
        text = text.replace(*_MUTATIONS[index])
    root = etree.fromstring(text.encode("utf-8"))
    surveyed = run_checks(root, source=text)
    walked = []
    for _name, check in CHECKS:
        context = Context.of(root, text)
        context._surveyed = True  # no survey: every check walks the elements
        walked.extend(check(context))
    assert surveyed == walked
