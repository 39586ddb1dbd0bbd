"""Shared fixtures: paths to the repo, the shared folder, and fresh databases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# The default run is a gate: the same examples every time, so a red CI always points at a change
# and never at the luck of the draw. HYPOTHESIS_PROFILE=explore draws fresh, more numerous
# examples (and `python -m fuzz.run` is the long campaign); failures found there become tests.
settings.register_profile("gate", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=1000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "gate"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
POLICIES = SHARED / "policies"
CAPTURES = ROOT / "monitor" / "demo"  # the bundled samples (package data)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "lab.db"


def needs_shared_policies() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not POLICIES.is_dir(), reason="../shared/policies is absent")
