"""Batch tests run against the real writer and validator when merged, else small fakes."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import fakes

FAKED = fakes.install()
