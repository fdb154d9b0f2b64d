"""Folder inputs and output folders: symbolic links out of a folder are not followed (unless
--follow-links), and an output already holding another input's item of the same name is an
error, not a new version of that item."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from newsml.batch.inputs import Selection, iter_tasks
from newsml.batch.ledger import Ledger
from newsml.cli import main

FIXED = ["--version-created", "2026-11-27T12:00:00Z", "--no-progress", "--jobs", "1"]
TEXT = "MOSCOW (Reuters) - Sergei Lavrov said on Tuesday the claims were \u201cfantasies\u201d.\n"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """news/ with a file, a link to a file inside it and a link to a secret outside it."""
    secret = tmp_path / "secret.txt"
    secret.write_text("the password is swordfish\n", encoding="utf-8")
    news = tmp_path / "news"
    (news / "sub").mkdir(parents=True)
    (news / "a.txt").write_text(TEXT, encoding="utf-8")
    os.symlink(news / "a.txt", news / "sub" / "same.txt")
    os.symlink(secret, news / "pw.txt")
    os.symlink(tmp_path, news / "up")  # a link to a folder: never walked
    return news


def test_a_link_out_of_the_folder_is_reported_not_followed(folder: Path) -> None:
    tasks = {task.origin: task for task in iter_tasks([str(folder)])}
    assert sorted(Path(origin).relative_to(folder).as_posix() for origin in tasks) == [
        "a.txt",
        "pw.txt",
        "sub/same.txt",
    ]
    link = tasks[str(folder / "pw.txt")]
    assert link.data == b"" and link.error is not None
    assert "outside the folder: not followed (--follow-links follows it)" in link.error
    assert tasks[str(folder / "sub" / "same.txt")].data == TEXT.encode()


def test_follow_links_follows_them(folder: Path) -> None:
    tasks = {task.origin: task for task in iter_tasks([str(folder)], Selection(follow_links=True))}
    assert tasks[str(folder / "pw.txt")].data == b"the password is swordfish\n"
    assert not any("up" in Path(origin).parts for origin in tasks)


def test_the_command_line_skips_the_link_and_says_so(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["convert", str(folder), "-o", str(out), *FIXED]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "pw.txt: symbolic link to" in error
    assert not (out / "news" / "pw.xml").exists()
    assert (out / "news" / "a.xml").exists() and (out / "news" / "sub" / "same.xml").exists()
    assert main(["convert", str(folder), "-o", str(out), "--follow-links", *FIXED]) == 0
    assert b"swordfish" in (out / "news" / "pw.xml").read_bytes()


def test_another_input_of_the_same_name_is_an_error_not_a_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, out = tmp_path / "one" / "news", tmp_path / "two" / "news", tmp_path / "out"
    for news, said in ((first, "said"), (second, "told reporters")):
        news.mkdir(parents=True)
        (news / "a.txt").write_text(TEXT.replace("said", said), encoding="utf-8")
    report = tmp_path / "report.jsonl"
    assert main(["convert", str(first), "-o", str(out), *FIXED]) == 0
    written = (out / "news" / "a.xml").read_bytes()
    assert main(["convert", str(second), "-o", str(out), "--report", str(report), *FIXED]) == 1
    assert (out / "news" / "a.xml").read_bytes() == written  # the first run's item stays
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert f"already holds the item of {first / 'a.txt'}" in error
    (line,) = [json.loads(text) for text in report.read_text(encoding="utf-8").splitlines()]
    assert line["status"] == "error"
    # The same input, changed, is still an update (version 2), from any working folder.
    (first / "a.txt").write_text(TEXT.replace("said", "added"), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "one")
    assert main(["convert", "news", "-o", str(out), *FIXED]) == 0
    assert b'version="2"' in (out / "news" / "a.xml").read_bytes()


def test_a_ledger_from_before_sources_gets_the_column(tmp_path: Path) -> None:
    path = tmp_path / ".newsml" / "ledger.sqlite"
    path.parent.mkdir()
    old = sqlite3.connect(path)
    old.execute(
        "CREATE TABLE items (key TEXT PRIMARY KEY, input TEXT NOT NULL, fingerprint TEXT NOT "
        "NULL, guid TEXT, version INTEGER NOT NULL, output TEXT NOT NULL, run INTEGER NOT NULL)"
    )
    old.execute("INSERT INTO items VALUES ('a.xml', 'a.txt', 'f', 'g', 1, 'a.xml', 1)")
    old.commit()
    old.close()
    with Ledger.open(tmp_path) as ledger:
        entry = ledger.lookup("a.xml")
    assert entry is not None and entry.source == "" and entry.input == "a.txt"
