"""The README's first command gives the item alone on standard output, and CI runs it as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from lxml import etree

from newsml.cli import main

ROOT = Path(__file__).resolve().parent.parent


def first_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    return block.group(1).splitlines()[0]


def test_pip_output_stays_off_standard_output() -> None:
    install, _, convert = first_command().partition(" && ")
    assert install.startswith("pip install")
    assert install.endswith((">&2", "1>&2", ">/dev/null", "> /dev/null")), install
    assert convert.startswith("newsml convert ")


def test_ci_runs_the_first_command_as_written() -> None:
    install, _, convert = first_command().partition(" && ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install in ci
    assert convert.split(" > ")[0] in ci


def test_the_command_prints_the_item_alone(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    convert = first_command().partition(" && ")[2].split(" > ")[0]
    assert main(shlex.split(convert)[1:]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<newsItem ')
    assert etree.fromstring(captured.out).tag.endswith("newsItem")
