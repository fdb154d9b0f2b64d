"""JSON exports: one object, or an array of them streamed element by element."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsml.batch import json_input
from newsml.batch.inputs import Selection, count_articles, iter_tasks
from newsml.batch.json_input import JsonValue, json_values, starts_with_object
from newsml.cli import main

MOMENT = "2024-05-01T12:00:00+00:00"


def _values(data: bytes, limit: int = 1 << 20) -> list[JsonValue]:
    return list(json_values(io.BytesIO(data), limit))


def test_an_array_is_cut_into_its_elements_whatever_they_hold() -> None:
    records = [
        {"id": "a", "text": 'Brackets ] } [ { and commas, in "quotes" \\ here.'},
        {"id": 2, "text": "Nested", "tags": [{"x": [1, 2, {"y": "]"}]}], "n": None},
        {"text": "Émile said “ok”. \u2028"},
    ]
    data = json.dumps(records, indent=2, ensure_ascii=False).encode()
    values = _values(data)
    assert [v.position for v in values] == [1, 2, 3]
    assert [json.loads(v.data or b"") for v in values] == records
    assert all(v.error is None for v in values)
    assert data[values[1].offset : values[1].offset + 1] == b"{"


@settings(max_examples=150, deadline=None)
@given(
    records=st.lists(
        st.dictionaries(
            st.text(max_size=5),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                lambda inner: (
                    st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=3), inner, max_size=3)
                ),
                max_leaves=8,
            ),
            max_size=4,
        ),
        max_size=6,
    ),
    chunk=st.integers(1, 17),
    indent=st.sampled_from([None, 0, 2]),
    ascii_only=st.booleans(),
)
def test_any_array_read_in_any_chunks_gives_back_its_elements(
    records: list[dict[str, object]], chunk: int, indent: int | None, ascii_only: bool
) -> None:
    data = json.dumps(records, indent=indent, ensure_ascii=ascii_only).encode()
    original = json_input._CHUNK
    json_input._CHUNK = chunk  # element and string boundaries fall across chunks
    try:
        values = _values(data)
    finally:
        json_input._CHUNK = original
    assert [json.loads(v.data or b"") for v in values] == records
    assert [v.position for v in values] == list(range(1, len(records) + 1))


def test_a_document_that_is_one_object_is_one_value_and_a_bom_is_skipped() -> None:
    data = b'\xef\xbb\xbf  {"id": "x", "text": "One article."}\n'
    (value,) = _values(data)
    assert value.position == 0 and json.loads(value.data or b"")["id"] == "x"
    assert starts_with_object(io.BytesIO(data))
    assert not starts_with_object(io.BytesIO(b' [{"text": "a"}]'))


def test_an_element_over_the_limit_is_measured_not_kept_and_the_rest_is_read() -> None:
    big = {"text": "x" * 500}
    data = json.dumps([{"text": "small"}, big, {"text": "after"}]).encode()
    values = _values(data, limit=100)
    assert [v.data is None for v in values] == [False, True, False]
    assert values[1].size >= 500 and json.loads(values[2].data or b"") == {"text": "after"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'[{"text": "a"}, {"text": "b"',
            "the file ends inside element 2 (which starts at byte 16)",
        ),
        (
            b'[{"text": "a"} {"text": "b"}]',
            "'{' after element 1 (byte 15), where ',' or ']' should be",
        ),
        (b'[{"text": "a"},]', "']' comes where element 2 should start (byte 15)"),
        (b'[{"text": "a"}] x', "more data after its closing ']' (byte 16)"),
        (b'[{"text": "a"}', "the end of the file after element 1"),
        (b"", "not a JSON object or array of objects (nothing at the start)"),
        (b"Plain text.", "not a JSON object or array of objects ('P' at the start)"),
    ],
)
def test_a_broken_document_ends_with_an_error_saying_where(data: bytes, message: str) -> None:
    values = _values(data)
    assert values[-1].error is not None and message in values[-1].error
    assert all(v.error is None for v in values[:-1])


def test_an_empty_array_holds_nothing() -> None:
    assert _values(b"  [ ]  ") == []


def test_tasks_of_an_export_keys_and_origins(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text(
        json.dumps([{"id": "rtr/1", "text": "A."}, {"text": "B."}, {"text": "x" * 300}, 7])
    )
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "solo", "text": "C."}))
    tasks = list(iter_tasks([str(export), str(one)], Selection(max_size=200)))
    assert [t.key for t in tasks] == [
        "export/rtr_1.xml",
        "export/2.xml",
        "export/3.xml",
        "export/4.xml",
        "one.xml",
    ]
    assert [t.origin for t in tasks] == [
        f"{export}:1",
        f"{export}:2",
        f"{export}:3",
        f"{export}:4",
        str(one),
    ]
    assert [t.kind for t in tasks] == ["record", "record", "text", "record", "record"]
    assert "over the size limit of 200" in (tasks[2].error or "")
    assert count_articles([str(export), str(one)]) == 5


def test_an_export_inside_a_zip_archive(tmp_path: Path) -> None:
    archive = tmp_path / "old.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("2019/export.json", json.dumps([{"id": "a", "text": "A."}, {"text": "B."}]))
    tasks = list(iter_tasks([str(archive)]))
    assert [t.key for t in tasks] == ["old/2019/export/a.xml", "old/2019/export/2.xml"]
    assert tasks[1].origin == f"{archive}:2019/export.json:2"


def test_converting_an_export_a_single_object_and_standard_input(
    tmp_path: Path, monkeypatch, capsysbinary
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("export.json").write_text(
        json.dumps(
            [
                {"id": "w1", "headline": "Fed holds", "text": "The Fed held rates, it said."},
                {"id": "w2", "text": "Talks went on, officials said."},
                {"id": "w3", "body": 12},
            ]
        )
    )
    Path("one.json").write_text(json.dumps({"id": "s1", "text": "One story, he said."}))
    common = ["convert", "--no-progress", "--version-created", MOMENT]
    assert main([*common, "export.json", "-o", "out", "--report", "r.jsonl"]) == 1
    report = [json.loads(line) for line in Path("r.jsonl").read_text().splitlines()]
    assert [(r["input"], r["status"]) for r in report] == [
        ("export.json:1", "ok"),
        ("export.json:2", "ok"),
        ("export.json:3", "error"),
    ]
    assert "no text" in report[2]["reason"]
    assert b"<headline>Fed holds</headline>" in Path("out/export/w1.xml").read_bytes()
    capsysbinary.readouterr()
    assert main([*common, "one.json"]) == 0  # one object: one item, to standard output
    assert b'guid="urn:newsml:' in capsysbinary.readouterr().out
    stdin = io.BytesIO(Path("export.json").read_bytes())
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(stdin))
    assert main([*common, "-", "--stdin-format", "json", "-o", "piped"]) == 1
    assert sorted(p.name for p in Path("piped/stdin").iterdir()) == ["w1.xml", "w2.xml"]
