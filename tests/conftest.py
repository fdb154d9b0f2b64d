"""Shared fixtures (the seed article, the official schema folder from $NEWSML_SCHEMA_DIR) and
hypothesis's two profiles.

``ci``, the default, is derandomized: the examples are derived from each test, not drawn at
random, and no example database is read, so the same commit gives the same verdict on every
machine and every run. ``explore`` (``HYPOTHESIS_PROFILE=explore``) draws at random, keeps what
fails in ``.hypothesis/``, and runs every property test ``EXPLORE_FACTOR`` times as many
examples as the test asks for (at least ``EXPLORE_MINIMUM``): run it before an issue is
resolved, and turn each failure it finds into an explicit ``@example`` of the test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_94b1d46a95d8ed66.txt"


#: How many times the examples each property test asks for ``explore`` runs, and its floor.
EXPLORE_FACTOR = int(os.environ.get("NEWSML_EXPLORE_FACTOR", "10"))
EXPLORE_MINIMUM = 1000

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile(
    "explore",
    derandomize=False,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under ``explore``, give every property test many more examples than it asks for (a
    test's own ``@settings(max_examples=...)`` would otherwise win over the profile)."""
    if PROFILE != "explore":
        return
    scaled: set[int] = set()
    for item in items:
        test = getattr(item, "obj", None)
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if own is None or id(test) in scaled:
            continue
        scaled.add(id(test))
        wanted = max(own.max_examples * EXPLORE_FACTOR, EXPLORE_MINIMUM)
        test._hypothesis_internal_use_settings = settings(own, max_examples=wanted)  # type: ignore[union-attr]


def pytest_report_header() -> str:
    return f"hypothesis profile: {PROFILE}"


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
