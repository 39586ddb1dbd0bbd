"""Property tests over every parser that sees captured bytes (the short CI version of fuzz/run.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fuzz.targets import TARGETS, Target  # noqa: E402


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_parser_survives_hostile_input(target: Target) -> None:
    @settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(target.strategy)
    def check(args: tuple[object, ...]) -> None:
        target.run(*args)  # only BadInput may escape, and the targets catch it

    check()
