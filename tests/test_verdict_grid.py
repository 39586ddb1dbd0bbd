"""End-to-end verdicts against the blind grid (bench/verdict_grid.py): the reader and the comparison together,
cell by cell, as a user gets them. Floors are the numbers measured when the covering rules went in (issue 14);
false `contradicted` is an exact ceiling: a reviewer cannot use a report that accuses falsely."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
GRID = Path(os.environ.get("PRIVMON_CORPUS", "/work/corpus")) / "verdicts"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("verdict_grid", ROOT / "bench" / "verdict_grid.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# per policy: (accuracy floor, undisclosed found floor); overall below
FLOORS = {"000_72e5737b41abaee6.txt": (1.0, 85), "001_8908ab6137995cb6.txt": (0.924, 45),
          "002_d276b2c5d45dfbdd.txt": (0.974, 89), "003_da15fc37df66fe0c.txt": (0.97, 22),
          "004_e5d62f8ffb10edd1.txt": (0.962, 66)}


def test_verdict_grid_floors() -> None:
    bench = _bench()
    policies = bench.default_policies()
    if not GRID.is_dir():
        pytest.skip(f"{GRID} is absent (the blind verdict grid; set PRIVMON_CORPUS)")
    if not policies.is_dir():
        pytest.skip(f"{policies} is absent (the shared policies are never copied into the repo)")
    result = bench.score(GRID, policies, errors=False)
    overall = result["overall"]
    assert overall["cells"] == 584
    assert overall["false_contradicted"] == 0, result["confusion"]
    assert overall["accuracy"] >= 0.964, result["confusion"]
    found, total = (int(x) for x in overall["undisclosed_recall"].split("/"))
    assert total == 312 and found >= 307
    for name, (acc, und) in FLOORS.items():
        got = result["policies"][name]
        assert got["accuracy"] >= acc, (name, got)
        assert int(got["undisclosed_recall"].split("/")[0]) >= und, (name, got)
        assert got["false_contradicted"] == 0, (name, got)
