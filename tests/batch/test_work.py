"""The per-article job: decoding, JSON records, NITF, validation, errors as outcomes."""

from __future__ import annotations

import datetime as _dt
import importlib

import pytest

from newsml.batch.nitf_input import NitfError, read_nitf
from newsml.batch.work import Job, Task, item_identity, process, read_article

MOMENT = _dt.datetime(2024, 5, 1, 12, tzinfo=_dt.UTC)
JOB = Job(version_created=MOMENT)


def _task(data: bytes, kind: str = "text") -> Task:
    return Task(0, "news/a.txt", "news/a.xml", kind, data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input"),
        (b" \n\t ", "empty input"),
        (b"GIF89a\x00\x01", "binary data, not text (NUL byte at 6)"),
        (b"caf\xe9", "not valid utf-8 at byte 3"),
    ],
)
def test_bad_text_inputs_are_error_outcomes(data: bytes, reason: str) -> None:
    outcome = process(_task(data), JOB)
    assert outcome.status == "error" and outcome.item is None
    assert (outcome.reason or "").lower().startswith(reason.lower())


def test_an_encoding_named_by_the_caller_is_used() -> None:
    outcome = process(_task("Caf\u00e9 society.".encode("latin-1")), Job(encoding="latin-1"))
    assert outcome.status == "ok", outcome.reason


def test_a_text_article_becomes_a_valid_item_with_identity() -> None:
    outcome = process(_task(b"Fed holds rates.\n\nThe Fed held rates, it said."), JOB)
    assert outcome.status == "ok", outcome.reason
    assert outcome.item is not None and outcome.guid and outcome.version == 1
    assert item_identity(outcome.item) == (outcome.guid, 1)


def test_path_ids_keep_the_guid_when_the_text_changes() -> None:
    job = Job(version_created=MOMENT, path_ids=True)
    first = process(_task(b"First text."), job)
    second = process(_task(b"Changed text."), job, version=2)
    assert first.guid == second.guid and second.version == 2
    assert b"sig:update" in (second.item or b"")


def test_record_fields_become_metadata() -> None:
    record = (
        b'{"id": "r1", "body": "Text.", "headline": "H", "date": "2024-01-02T10:00:00",'
        b' "urgency": 3, "colour": "red"}'
    )
    text, fields, diagnostics = read_article(_task(record, "record"), Job(provider="example.com"))
    assert text == "Text."
    assert fields["id"] == "r1" and fields["headline"] == "H" and fields["urgency"] == 3
    assert fields["provider"] == "example.com"
    assert fields["content_created"] == _dt.datetime(2024, 1, 2, 10, tzinfo=_dt.UTC)
    assert {d["code"] for d in diagnostics} == {"time-zone-assumed", "unknown-field"}


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (b"{bad", "malformed JSON record"),
        (b"[1, 2]", "JSON record is a list, not an object"),
        pytest.param(
            b"[" * 100_000 + b"]" * 100_000, "malformed JSON record: nested too deeply", id="deep"
        ),
        (b'{"headline": "no text"}', "JSON record has no text"),
        (b'{"text": "t", "urgency": 12}', "field 'urgency' must be a whole number from 1 to 9"),
        (b'{"text": "t", "date": "yesterday"}', "field 'date': 'yesterday' is not an ISO 8601"),
    ],
)
def test_bad_records_are_error_outcomes(record: bytes, reason: str) -> None:
    outcome = process(_task(record, "record"), JOB)
    assert outcome.status == "error" and (outcome.reason or "").startswith(reason)


def test_an_invalid_item_is_an_error_for_its_input(monkeypatch: pytest.MonkeyPatch) -> None:
    class Problem:
        line = 7
        message = "element 'q': attribute 'quote-by' is not allowed"

    class Report:
        valid = False
        problems = (Problem(),)
        schema = "official"

    validation = importlib.import_module("newsml.validate")  # the package, not the function
    monkeypatch.setattr(validation, "validate", lambda *a, **k: Report(), raising=False)
    outcome = process(_task(b"Some text."), JOB)
    assert outcome.status == "error"
    assert outcome.reason == (
        "invalid item (official schema): line 7: element 'q': attribute 'quote-by' is not allowed"
    )


def test_a_failing_stage_does_not_stop_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(article, options):
        raise KeyError("boom")

    writer = importlib.import_module("newsml.render.newsml")
    monkeypatch.setattr(writer, "write_item", broken)
    outcome = process(_task(b"Some text."), JOB)
    assert outcome.status == "error" and outcome.reason == "internal error: KeyError: 'boom'"


NITF_33 = b"""<?xml version="1.0"?>
<nitf xml:lang="en-GB">
 <head><title>Title</title>
  <docdata><doc-id id-string="AP-123"/><urgency ed-urg="2"/>
   <date.issue norm="20040503T140000-0500"/><date.release norm="20040503T150000Z"/></docdata>
  <pubdata name="The Wire"/></head>
 <body><body.head><hedline><hl1>Pair of <em>teams</em> meet</hl1></hedline>
   <byline>By <person>Jane Smith</person></byline>
   <dateline><location><city>PHILADELPHIA</city></location>, May 3</dateline></body.head>
  <body.content><p>First   paragraph &amp; more.</p><p>Second.</p></body.content></body></nitf>"""


def test_nitf_keeps_hedline_byline_dateline_dates_and_ids() -> None:
    text, fields = read_nitf(NITF_33)
    assert text == "First paragraph & more.\n\nSecond."
    assert fields["headline"] == "Pair of teams meet"
    assert fields["byline"] == "By Jane Smith"
    assert fields["dateline"] == "PHILADELPHIA, May 3" and fields["located"] == "PHILADELPHIA"
    assert fields["id"] == "AP-123" and fields["urgency"] == 2 and fields["language"] == "en-GB"
    assert fields["source_name"] == "The Wire"
    assert fields["content_created"] == _dt.datetime(
        2004, 5, 3, 14, tzinfo=_dt.timezone(_dt.timedelta(hours=-5))
    )
    assert fields["first_created"] == _dt.datetime(2004, 5, 3, 15, tzinfo=_dt.UTC)


def test_nitf_36_with_its_namespace_reads_the_same() -> None:
    data = NITF_33.replace(
        b'<nitf xml:lang="en-GB">',
        b'<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/" xml:lang="en-GB">',
    )
    assert read_nitf(data) == read_nitf(NITF_33)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<nitf><body>", "not well-formed XML"),
        (
            (
                b'<!DOCTYPE nitf [<!ENTITY s SYSTEM "file:///etc/passwd">]><nitf><body><body.content>'
                b"<p>&s;</p></body.content></body></nitf>"
            ),
            "uses the entity &s;",
        ),
        (b"<nitf><head/></nitf>", "without body.content"),
        (b"<nitf><body><body.content><p> </p></body.content></body></nitf>", "an empty body"),
    ],
)
def test_broken_nitf(data: bytes, reason: str) -> None:
    with pytest.raises(NitfError, match=reason):
        read_nitf(data)


def test_a_nitf_task_is_converted_with_its_metadata() -> None:
    outcome = process(_task(NITF_33, "nitf"), JOB)
    assert outcome.status == "ok", outcome.reason
    assert b"Pair of teams meet" in (outcome.item or b"")
