"""The newsItem element by element, the guid, determinism, and the newsMessage."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from newsml import from_newsml
from newsml.model import Article, Entity, Mention, Metadata, Quote, Source, Span
from newsml.options import Options
from newsml.render.ids import IdAllocator, content_digest, make_guid, parse_guid
from newsml.render.newsml import news_message, to_newsml
from newsml.render.nitf import SPEECH_NS
from newsml.render.vocabulary import G2_NS
from newsml.text import segment
from tests.render.itemcheck import FIXED, assert_valid, errors, official, parse, profile_schema

G = f"{{{G2_NS}}}"
S = f"{{{SPEECH_NS}}}"
UTC = dt.UTC
TEXT = "MOSCOW, Nov 26 (Reuters) - Lavrov said Russia would wait.\n\nHe left."


def article(**changes: object) -> Article:
    base = segment(TEXT)
    lavrov = Entity(
        "e1", "person", "Sergei Lavrov", (Mention(27, 33, "Lavrov"),), {"wikidata": "Q80321"}
    )
    russia = Entity(
        "e2",
        "place",
        "Russia",
        (Mention(39, 45, "Russia"),),
        {"iso3166-1a2": "RU", "geonames": "2017370", "private": "x"},
    )
    source = Source(
        "s1",
        "Sergei Lavrov",
        role="spokesperson",
        entity_id="e1",
        mentions=(Mention(27, 33, "Lavrov"),),
    )
    quote = Quote(
        "q1",
        "indirect",
        (Span(39, 56),),
        speaker=Mention(27, 33, "Lavrov"),
        source=source,
        cue=Span(34, 38),
    )
    values: dict[str, object] = {
        "entities": (lavrov, russia),
        "sources": (source,),
        "quotes": (quote,),
        "dateline": "MOSCOW, Nov 26 (Reuters) -",
        "byline": "By Jane Smith",
        "metadata": Metadata(
            id="a-1",
            provider="example.com",
            version=2,
            content_created=dt.date(2026, 11, 26),
            urgency=3,
            first_created=dt.datetime(2026, 11, 26, 8, tzinfo=UTC),
            source_name="Wire feed",
        ),
    }
    values.update(changes)
    return attrs.evolve(base, **values)


def item(value: Article, options: Options = FIXED) -> object:
    return assert_valid(to_newsml(value, options))


def children(element: object) -> list[str]:
    return [child.tag.replace(G, "") for child in element]  # type: ignore[attr-defined]


def test_root_attributes() -> None:
    root = item(article())
    assert root.tag == f"{G}newsItem"
    assert root.get("guid") == "urn:newsml:example.com:a-1"
    assert (root.get("version"), root.get("standard"), root.get("standardversion")) == (
        "2",
        "NewsML-G2",
        "2.35",
    )
    assert root.get("conformance") == "power"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.find(f"{G}catalogRef").get("href").endswith("catalog.IPTC-G2-Standards_41.xml")


def test_element_order_follows_the_schema() -> None:
    root = item(article())
    assert children(root) == [
        "catalogRef",
        "itemMeta",
        "contentMeta",
        "partMeta",
        "inlineRef",
        "inlineRef",
        "contentSet",
    ]
    assert children(root.find(f"{G}itemMeta")) == [
        "itemClass",
        "provider",
        "versionCreated",
        "firstCreated",
        "pubStatus",
        "generator",
    ]
    assert children(root.find(f"{G}contentMeta")) == [
        "urgency",
        "contentCreated",
        "located",
        "infoSource",
        "creator",
        "language",
        "subject",
        "subject",
        "headline",
        "dateline",
        "by",
        "creditline",
    ]


def test_item_meta_values() -> None:
    options = attrs.evolve(FIXED, pub_status="withheld", signal="correction", generator="tool")
    meta = item(article(), options).find(f"{G}itemMeta")
    assert meta.find(f"{G}itemClass").get("qcode") == "ninat:text"
    assert meta.find(f"{G}provider").get("literal") == "example.com"
    assert meta.find(f"{G}versionCreated").text == "2026-11-27T12:00:00+00:00"
    assert meta.find(f"{G}firstCreated").text == "2026-11-26T08:00:00+00:00"
    assert meta.find(f"{G}pubStatus").get("qcode") == "stat:withheld"
    generator = meta.find(f"{G}generator")
    assert generator.text == "tool" and generator.get("versioninfo")
    assert meta.find(f"{G}signal").get("qcode") == "sig:correction"


def test_defaults_provider_first_created_and_clock() -> None:
    plain = Article(text="Words.")
    root = item(plain)
    meta = root.find(f"{G}itemMeta")
    assert meta.find(f"{G}provider").get("literal") == "newsml.invalid"
    assert meta.find(f"{G}firstCreated").text == meta.find(f"{G}versionCreated").text
    assert root.get("guid") == f"urn:newsml:newsml.invalid:sha256:{content_digest('Words.')}"
    clocked = item(plain, Options()).find(f"{G}itemMeta/{G}versionCreated").text
    assert dt.datetime.fromisoformat(clocked).tzinfo is not None


def test_content_meta_sources_subjects_and_labels() -> None:
    meta = item(article()).find(f"{G}contentMeta")
    source = meta.find(f"{G}infoSource")
    assert (source.get("id"), source.get("role"), source.get("qcode")) == (
        "s1",
        "cpprole:spokesperson",
        "wikidata:Q80321",
    )
    assert source.get(f"{S}entity") == "e1" and source.find(f"{G}name").text == "Sergei Lavrov"
    assert meta.find(f"{G}located").get("qcode") is None
    assert meta.find(f"{G}located/{G}name").text == "MOSCOW"
    assert meta.find(f"{G}creator/{G}name").text == "Jane Smith"
    assert meta.find(f"{G}language").get("tag") == "en"
    lavrov, russia = meta.findall(f"{G}subject")
    assert (lavrov.get("id"), lavrov.get("type"), lavrov.get("qcode")) == (
        "e1",
        "cpnat:person",
        "wikidata:Q80321",
    )
    assert (russia.get("type"), russia.get("qcode")) == ("cpnat:geoArea", "geonames:2017370")
    assert [same.get("qcode") for same in russia.findall(f"{G}sameAs")] == ["iso3166-1a2:RU"]
    assert meta.find(f"{G}headline").text == TEXT.split("\n")[0]
    assert meta.find(f"{G}dateline").text == "MOSCOW, Nov 26 (Reuters) -"
    assert meta.find(f"{G}by").text == "By Jane Smith"
    assert meta.find(f"{G}contentCreated").text == "2026-11-26"
    assert meta.find(f"{G}urgency").text == "3"
    assert meta.find(f"{G}creditline").text == "Wire feed"


def test_entity_without_declared_code_is_a_literal_and_other_kinds_are_abstract() -> None:
    entities = (
        Entity("e1", "organisation", "Acme\nCorp", (), {"private": "1"}),
        Entity("e2", "nationality", "Russian"),
        Entity("e3", "work of art", "Mona Lisa"),
    )
    meta = item(article(entities=entities, sources=(), quotes=())).find(f"{G}contentMeta")
    first, second, third = meta.findall(f"{G}subject")
    assert first.get("literal") == "Acme Corp" and first.get("qcode") is None
    assert (second.get("type"), second.get(f"{S}kind")) == ("cpnat:abstract", "nationality")
    assert third.get(f"{S}kind") == "work of art"


def test_a_nationality_names_its_country_as_a_related_concept_not_as_its_qcode() -> None:
    russian = Mention(0, 7, "Russian")
    entities = (
        Entity("e1", "nationality", "Russian", (russian,), {"iso3166-1a2": "RU"}),
        Entity("e2", "place", "Russia", (), {"iso3166-1a2": "RU", "geonames": "2017370"}),
    )
    data = to_newsml(article(entities=entities, sources=(), quotes=()), FIXED)
    meta = assert_valid(data).find(f"{G}contentMeta")
    nationality, country = meta.findall(f"{G}subject")
    # 'Russian' is not Russia: only the country carries the country's code
    assert (nationality.get("qcode"), nationality.get("literal")) == (None, "Russian")
    assert [r.get("qcode") for r in nationality.findall(f"{G}related")] == ["iso3166-1a2:RU"]
    assert country.get("qcode") == "geonames:2017370"
    assert [s.get("qcode") for s in country.findall(f"{G}sameAs")] == ["iso3166-1a2:RU"]
    assert country.find(f"{G}related") is None
    read = from_newsml(data)
    assert [dict(e.ids) for e in read.entities] == [dict(e.ids) for e in entities]


def test_part_meta_and_inline_ref() -> None:
    root = item(article())
    part = root.find(f"{G}partMeta")
    assert (part.get("partid"), part.get("contentrefs"), part.get(f"{S}kind")) == (
        "q1",
        "q1-1",
        "indirect",
    )
    info = part.find(f"{G}infoSource")
    assert info.get(f"{S}ref") == "s1" and info.get("id") is None
    references = root.findall(f"{G}inlineRef")
    assert [(r.get(f"{S}ref"), r.get("idrefs")) for r in references] == [
        ("e1", "e1-1"),
        ("e2", "e2-1"),
    ]


def test_ids_are_unique_across_metadata_and_body_even_when_model_ids_clash() -> None:
    clash = Entity("q1", "person", "Q", (Mention(0, 6, "MOSCOW"),))
    quote = Quote("q1", "direct", (Span(0, 6),))
    root = item(article(entities=(clash,), sources=(), quotes=(quote,)))
    assert root.find(f"{G}partMeta").get("partid") == "q1-2"


def test_same_article_same_bytes_and_guid_changes_with_id_only() -> None:
    assert to_newsml(article(), FIXED) == to_newsml(article(), FIXED)
    other = article(metadata=Metadata(id="a-2", provider="example.com"))
    assert parse(to_newsml(other, FIXED)).get("guid") == "urn:newsml:example.com:a-2"


@pytest.mark.parametrize(
    ("provider", "article_id"),
    [("example.com", "a-1"), ("Acme: News", "x:y/z %"), ("p", "\u00e9t\u00e9"), ("p", None)],
)
def test_guid_round_trips(provider: str, article_id: str | None) -> None:
    guid = make_guid(provider, article_id, "text")
    assert parse_guid(guid) == (provider, article_id)
    assert " " not in guid and guid.count(":") <= 4


def test_id_allocator() -> None:
    ids = IdAllocator()
    assert [ids.take("a"), ids.take("a"), ids.take("a-2"), ids.take("a")] == [
        "a",
        "a-2",
        "a-2-2",
        "a-3",
    ]
    assert "a-3" in ids and "a-4" not in ids


@pytest.mark.parametrize(
    "change",
    [
        {"metadata": Metadata(urgency=12)},
        {"metadata": Metadata(version=0)},
        {"sources": (Source("s1", "x", role="bad role"),)},
        {"entities": (Entity("not an id", "person", "x"),)},
    ],
)
def test_programmer_errors_raise(change: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        to_newsml(article(**change), FIXED)


def test_bad_language_tag_becomes_und() -> None:
    assert (
        item(article(language="english!")).find(f"{G}contentMeta/{G}language").get("tag") == "und"
    )


def test_news_message_is_valid_and_keeps_ids_unique() -> None:
    first, second = to_newsml(article(), FIXED), to_newsml(article(), FIXED)
    sent = dt.datetime(2026, 11, 27, 12, tzinfo=UTC)
    message = news_message(
        [first, second], sent=sent, sender="example.com", transmit_id="t-1", priority=4
    )
    root = assert_valid(message)
    header = root.find(f"{G}header")
    assert children(header) == ["sent", "sender", "transmitId", "priority"]
    items = root.findall(f"{G}itemSet/{G}newsItem")
    assert len(items) == 2 and items[1].find(f"{G}partMeta").get("partid") == "i2-q1"
    assert news_message([first, second], sent=sent) == news_message([first, second], sent=sent)
    with pytest.raises(ValueError):
        news_message([])


@pytest.mark.parametrize(
    ("description", "old", "new"),
    [
        ("bogus attribute on q", b"<q id=", b'<q quote-by="x" id='),
        ("bogus attribute on person", b"<person id=", b'<person key="x" id='),
        (
            "missing versionCreated",
            b"<versionCreated>2026-11-27T12:00:00+00:00</versionCreated>",
            b"",
        ),
        (
            "wrong order",
            b'<itemClass qcode="ninat:text"/>\n  <provider literal="example.com"/>',
            b'<provider literal="example.com"/>\n  <itemClass qcode="ninat:text"/>',
        ),
        ("partMeta after contentSet", b" <partMeta", b" <contentSet/><partMeta"),
        ("missing guid", b' guid="urn:newsml:example.com:a-1"', b""),
        ("bad qcode", b'qcode="ninat:text"', b'qcode="ninat text"'),
        ("duplicate id", b'<subject id="e2"', b'<subject id="e1"'),
        ("text between paragraphs", b"</p>", b"</p>stray"),
        (
            "p outside body.content",
            b'<body.content sp:text="verbatim">',
            b'<p>x</p><body.content sp:text="verbatim">',
        ),
    ],
)
def test_hand_made_mutants_are_rejected_by_both_schemas(
    description: str, old: bytes, new: bytes
) -> None:
    data = to_newsml(
        article(
            entities=(*article().entities, Entity("e3", "person", "Q", (Mention(58, 60, "He"),))),
            quotes=(*article().quotes, Quote("q2", "direct", (Span(58, 66),))),
        ),
        FIXED,
    )
    assert old in data, description
    root = parse(data.replace(old, new, 1))
    assert errors(profile_schema(), root), f"profile accepted: {description}"
    schema = official()
    if schema is not None:
        assert errors(schema, root), f"official accepted: {description}"


def test_validate_option_runs_the_validator_and_raises_on_an_invalid_item(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib
    import types

    from newsml.render.newsml import InvalidItemError

    # ``newsml.validate`` is the public function; the module is its package.
    validate_module = importlib.import_module("newsml.validate")

    calls: list[str | None] = []

    def fake(data: bytes, *, schema_dir: str | None = None) -> object:
        calls.append(schema_dir)
        problem = types.SimpleNamespace(line=3, message="broken")
        return types.SimpleNamespace(valid=bool(calls[1:]), problems=(problem,), schema="profile")

    monkeypatch.setattr(validate_module, "validate", fake)
    options = attrs.evolve(FIXED, validate=True, schema_dir="/schemas")
    with pytest.raises(InvalidItemError, match="line 3: broken"):
        to_newsml(article(), options)
    assert to_newsml(article(), options) == to_newsml(article(), FIXED)
    assert calls == ["/schemas", "/schemas"]


def test_news_message_keeps_item_text_character_for_character() -> None:
    from newsml.read.newsml import from_newsml

    text = "Line one.\r\nLine\ttwo & <three>.\r\n"
    data = to_newsml(segment(text), FIXED)
    message = news_message([data], sent=dt.datetime(2026, 1, 1, tzinfo=UTC))
    assert from_newsml(message).text == text


def test_public_api_convert_and_from_newsml(seed_text: str) -> None:
    import newsml

    created = dt.datetime(2026, 11, 27, 12, tzinfo=UTC)
    data = newsml.convert(seed_text, id="seed", provider="example.com", version_created=created)
    root = assert_valid(data)
    assert root.get("guid") == "urn:newsml:example.com:seed"
    again = newsml.from_newsml(data)
    assert again.text == seed_text and len(again.paragraphs) == 14
    assert newsml.to_newsml(again, version_created=created) == data


def test_news_message_refuses_items_with_a_doctype() -> None:
    hostile = b'<!DOCTYPE x [<!ENTITY e "boom">]><newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">&e;</newsItem>'
    with pytest.raises(ValueError, match="DOCTYPE"):
        news_message([hostile], sent=dt.datetime(2026, 1, 1, tzinfo=UTC))


def test_quotes_sharing_their_speaker_and_cue_nest_no_deeper_than_one_element() -> None:
    # A long run of quotes after one attribution (found by the fixed-point property test):
    # one element per shared speaker and cue, never hundreds nested in each other, which
    # libxml2 refuses beyond a depth of 256.
    text = "Lavrov said it.\n\n" + " ".join(['"quoted"'] * 300)
    base = segment(text)
    speaker, cue = Mention(0, 6, "Lavrov"), Span(7, 11)
    quotes = tuple(
        Quote(f"q{n}", "direct", (Span(17 + 9 * n, 25 + 9 * n),), speaker=speaker, cue=cue)
        for n in range(300)
    )
    data = to_newsml(attrs.evolve(base, quotes=quotes, entities=(), sources=()), FIXED)
    root = assert_valid(data)  # parsed without XML_PARSE_HUGE
    (element,) = root.iter(f"{S}speaker")
    assert element.get("quote") == " ".join(f"q{n}" for n in range(300))
    assert len(list(root.iter(f"{S}cue"))) == 1
    read = from_newsml(data)
    assert [(q.speaker, q.cue) for q in read.quotes] == [(speaker, cue)] * 300


def test_cues_that_coincide_only_within_the_paragraphs_are_written_once_and_read_back_so() -> None:
    # Found by the fixed-point property test: one cue runs past the paragraph's end, the other
    # stops there; written, both cover the same words, so they must be one element already in
    # the first item, or writing what was read gives another item.
    text = "He said it.\n\nNext."
    base = segment(text)
    quotes = (
        Quote("q1", "indirect", (Span(8, 10),), cue=Span(3, 13)),
        Quote("q2", "indirect", (Span(8, 10),), cue=Span(3, 11)),
    )
    data = to_newsml(attrs.evolve(base, quotes=quotes, entities=(), sources=()), FIXED)
    root = assert_valid(data)
    assert [c.get("quote") for c in root.iter(f"{S}cue")] == ["q1 q2"]
    assert to_newsml(from_newsml(data), FIXED) == data
