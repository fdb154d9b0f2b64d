"""Shared fixtures: the seed article and the official schema folder (from $NEWSML_SCHEMA_DIR)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_94b1d46a95d8ed66.txt"


def pytest_configure(config: pytest.Config) -> None:
    """Make $NEWSML_SCHEMA_DIR absolute: the README gives it relative to the project's root,
    and many tests run newsml from a temporary folder."""
    value = os.environ.get("NEWSML_SCHEMA_DIR")
    if value:
        os.environ["NEWSML_SCHEMA_DIR"] = os.path.abspath(value)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def schema_dir() -> Path:
    """IPTC's official schemas; tests that need them skip when the variable is not set."""
    value = os.environ.get("NEWSML_SCHEMA_DIR")
    if not value:
        pytest.skip("NEWSML_SCHEMA_DIR is not set: official-schema tests skipped")
    return Path(value)


@pytest.fixture(scope="session")
def shared_dir() -> Path | None:
    """../shared beside the project (gold files, corpora), read-only; None when absent."""
    path = ROOT.parent / "shared"
    return path if path.is_dir() else None
