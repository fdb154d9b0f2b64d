"""Run ``newsml`` in a subprocess with the fakes installed where modules are missing."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import fakes

fakes.install()

from newsml.cli import main

sys.exit(main(sys.argv[1:]))
