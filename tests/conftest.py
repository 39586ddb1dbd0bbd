"""Shared fixtures: paths to the repo, the shared folder, and fresh databases."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
POLICIES = SHARED / "policies"
CAPTURES = ROOT / "captures"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "lab.db"


def needs_shared_policies() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not POLICIES.is_dir(), reason="../shared/policies is absent")
