"""Reading inputs: folders, archives, JSON Lines, NITF, stdin, size limits, output paths."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsml.batch.inputs import Selection, count_articles, iter_tasks, output_key, read_list


def _tree(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _keys(tasks: list) -> list[tuple[str, str]]:
    return [(t.origin, t.key) for t in tasks]


def test_folder_is_walked_in_name_order_mirroring_its_structure(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _tree(
        tmp_path,
        {
            "news/b.txt": b"B.",
            "news/a/z.txt": b"Z.",
            "news/.hidden.txt": b"H.",
            "news/.git/x.txt": b"X.",
            "news/c": b"C.",
        },
    )
    tasks = list(iter_tasks(["news"]))
    assert _keys(tasks) == [
        ("news/a/z.txt", "news/a/z.xml"),
        ("news/b.txt", "news/b.xml"),
        ("news/c", "news/c.xml"),
    ]
    assert [t.index for t in tasks] == [0, 1, 2]
    assert tasks[1].data == b"B." and tasks[1].kind == "text"


def test_include_and_exclude_globs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _tree(tmp_path, {"n/a.txt": b"a", "n/b.md": b"b", "n/old/c.txt": b"c"})
    chosen = iter_tasks(["n"], Selection(include=("*.txt",), exclude=("old/*",)))
    assert [t.origin for t in chosen] == ["n/a.txt"]


def test_the_output_folder_inside_an_input_folder_is_left_out(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _tree(tmp_path, {"a.txt": b"a", "out/a.xml": b"<x/>"})
    tasks = iter_tasks(["."], Selection(skip_dir=tmp_path / "out"))
    assert [t.key for t in tasks] == ["a.xml"]


def test_output_keys_never_climb_out_of_the_output_folder() -> None:
    assert output_key("", "../../etc/passwd") == "etc/passwd.xml"
    assert output_key("feed", "x.y.json") == "feed/x.y.xml"
    assert output_key("", "") == "article.xml"
    assert output_key("v1.2", "notes") == "v1.2/notes.xml"
    assert output_key("", "a/.profile") == "a/.profile.xml"
    assert output_key("", "x/b.tar.gz") == "x/b.xml"
    assert output_key("/", "0") == "0.xml"  # '//' is a root of its own to PurePosixPath


def test_missing_and_oversized_files_are_error_tasks(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    tasks = list(iter_tasks([str(tmp_path / "nope.txt"), str(big)], Selection(max_size=1000)))
    assert tasks[0].error == "no such file or folder"
    assert "over the size limit of 1000" in (tasks[1].error or "")


def test_zip_members_and_a_corrupt_member(tmp_path: Path) -> None:
    archive = tmp_path / "old.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2019/a.txt", "First article. " * 50)
        zf.writestr("2019/b.txt", "Second article. " * 50)
        zf.writestr("__MACOSX/._a.txt", "junk")
        zf.writestr("nested.zip", b"PK")
    data = bytearray(archive.read_bytes())
    spot = data.find(b"PK\x03\x04", 10)  # the second member's local header
    data[spot + 60] ^= 0xFF  # flip a byte of its compressed data
    archive.write_bytes(bytes(data))
    tasks = list(iter_tasks([str(archive)]))
    origins = [t.origin.split(":", 1)[1] for t in tasks]
    assert origins == ["2019/a.txt", "2019/b.txt", "nested.zip"]
    assert tasks[0].error is None and tasks[0].key == "old/2019/a.xml"
    assert "broken archive member" in (tasks[1].error or "")
    assert tasks[2].error == "archive inside an archive is not read"


def test_a_file_that_is_not_a_zip(tmp_path: Path) -> None:
    (tmp_path / "fake.zip").write_bytes(b"not a zip at all")
    [task] = iter_tasks([str(tmp_path / "fake.zip")])
    assert "broken zip archive" in (task.error or "")


def _tar_gz(path: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))


def test_tar_gz_is_streamed_member_by_member(tmp_path: Path) -> None:
    archive = tmp_path / "wire.tgz"
    _tar_gz(archive, {"a.txt": b"A.", "d/b.jsonl": b'{"id": "x", "text": "B."}\n'})
    tasks = list(iter_tasks([str(archive)]))
    assert _keys(tasks) == [
        (f"{archive}:a.txt", "wire/a.xml"),
        (f"{archive}:d/b.jsonl:1", "wire/d/b/x.xml"),
    ]
    assert tasks[1].kind == "record"


def test_truncated_tar_gz_reports_the_rest_as_broken(tmp_path: Path) -> None:
    archive = tmp_path / "cut.tar.gz"
    _tar_gz(archive, {f"m{i}.txt": (f"Article {i}. " * 400).encode() for i in range(6)})
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    tasks = list(iter_tasks([str(archive)]))
    assert tasks and tasks[-1].error is not None and "broken" in tasks[-1].error
    assert tasks[0].error is None
    assert len(tasks) < 6 + 2


def test_jsonl_lines_ids_blank_lines_and_an_oversized_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(
        b'{"id": "a/b 1", "text": "x"}\n\n{"text": "y"}\n{"text": "'
        + b"z" * 500
        + b'"}\n{"id": 7, "text": "w"}'
    )
    tasks = list(iter_tasks([str(feed)], Selection(max_size=100)))
    assert [t.key for t in tasks] == ["feed/a_b_1.xml", "feed/3.xml", "feed/4.xml", "feed/7.xml"]
    assert [t.origin.rsplit(":", 1)[1] for t in tasks] == ["1", "3", "4", "5"]
    assert "over the size limit" in (tasks[2].error or "")
    assert tasks[3].data == b'{"id": 7, "text": "w"}'


def test_stdin_as_text_and_as_jsonl() -> None:
    [task] = iter_tasks(["-"], stdin=io.BytesIO(b"Body."))
    assert (task.origin, task.key, task.data) == ("-", "stdin.xml", b"Body.")
    tasks = list(
        iter_tasks(["-"], stdin=io.BytesIO(b'{"text":"a"}\n{"text":"b"}\n'), stdin_kind="jsonl")
    )
    assert [t.key for t in tasks] == ["stdin/1.xml", "stdin/2.xml"]


def test_xml_that_is_not_nitf_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_bytes(b"<?xml version='1.0'?><!-- c --><nitf><body/></nitf>")
    (tmp_path / "b.xml").write_bytes(b"<newsItem/>")
    first, second = iter_tasks([str(tmp_path / "a.xml"), str(tmp_path / "b.xml")])
    assert first.kind == "nitf" and first.error is None
    assert second.error == "XML that is not an NITF document"


def test_files_from_list_is_streamed() -> None:
    assert list(read_list(io.BytesIO(b"a.txt\n\nb c.txt\r\n"))) == ["a.txt", "b c.txt"]


@pytest.mark.parametrize("suffix", [".tar", ".tar.gz"])
def test_member_over_the_size_limit_is_not_read(tmp_path: Path, suffix: str) -> None:
    archive = tmp_path / f"a{suffix}"
    with tarfile.open(archive, "w:gz" if suffix.endswith("gz") else "w") as tf:
        info = tarfile.TarInfo("big.txt")
        info.size = 5000
        tf.addfile(info, io.BytesIO(b"x" * 5000))
    [task] = iter_tasks([str(archive)], Selection(max_size=1000))
    assert "over the size limit" in (task.error or "")
    assert gzip  # the module is used by tarfile for .gz


def test_count_articles_without_reading_them(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _tree(
        tmp_path, {"n/a.txt": b"a", "n/b/c.txt": b"c", "feed.jsonl": b'{"text":"x"}\n{"text":"y"}'}
    )
    with zipfile.ZipFile("old.zip", "w") as zf:
        zf.writestr("d/1.txt", "1")
        zf.writestr("d/2.txt", "2")
    assert count_articles(["n", "feed.jsonl", "old.zip", "missing.txt"]) == 2 + 2 + 2 + 1
    _tar_gz(tmp_path / "t.tgz", {"a.txt": b"a", "b/c.txt": b"c", ".hidden": b"h"})
    assert count_articles(["n", "t.tgz"]) == 2 + 2  # read through once: no directory to list
    # A broken archive: the total is still the number of outcomes the run will report.
    _tar_gz(tmp_path / "big.tgz", {"a.txt": b"a" * 5000, "b/c.txt": b"c", ".hidden": b"h"})
    data = (tmp_path / "big.tgz").read_bytes()
    for cut in range(1, len(data), 7):
        (tmp_path / "cut.tgz").write_bytes(data[:-cut])
        assert count_articles(["cut.tgz"]) == len(list(iter_tasks(["cut.tgz"]))), cut
    assert count_articles(["n", "-"]) is None  # standard input cannot be counted


@given(st.text(), st.text())
@settings(max_examples=200, deadline=None)
def test_output_keys_stay_inside_the_output_folder(prefix: str, relative: str) -> None:
    key = output_key(prefix, relative)
    parts = PurePosixPath(key).parts
    assert key.endswith(".xml") and not key.startswith("/")
    assert ".." not in parts and "." not in parts and "" not in key.split("/")
