"""Every runnable example in examples/ runs and prints what it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))

#: A line each example must print.
EXPECTED = {
    "analyze_seed.py": "Sergei Lavrov",
    "convert_and_validate.py": "valid: True",
    "own_detector.py": "long-article",
    "news_message.py": "newsMessage",
}


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_runs(example: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(example)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,  # the exit status is asserted below, with the example's stderr shown
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert EXPECTED[example.name] in result.stdout
