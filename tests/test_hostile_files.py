"""The committed corpus of broken files (tests/hostile/): each gives its expected outcome.

Exit 2 cases: one line on stderr naming the file, and the database keeps what it had.
Exit 0 cases: what comes before the damage is kept (packet/request counts), with a warning.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.store import Store

HOSTILE = Path(__file__).resolve().parent / "hostile"
EXPECTED: dict[str, dict[str, object]] = json.loads((HOSTILE / "expected.json").read_text(encoding="utf-8"))
SEED = HOSTILE / "ok-ten-packets.pcap"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_outcome(tmp_path: Path, name: str) -> None:
    expect = EXPECTED[name]
    db = tmp_path / "lab.db"
    path = HOSTILE / name
    if name != SEED.name:  # the database already holds something that must survive
        seeded = subprocess.run([sys.executable, "-m", "monitor", "analyze", str(SEED), "--db", str(db), "-q"],
                                capture_output=True, text=True, timeout=120)
        assert seeded.returncode == 0, seeded.stderr
    out = subprocess.run([sys.executable, "-m", "monitor", "analyze", str(path), "--db", str(db), "-q"],
                         capture_output=True, text=True, timeout=120)
    assert "Traceback" not in out.stderr
    assert out.returncode == expect["exit"], out.stderr
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    with Store.open(db, readonly=True) as store:
        captures = {Path(c["path"]).name: c for c in store.captures()}
        if name != SEED.name:
            assert SEED.name in captures  # nothing already stored is lost
        if expect["exit"] == 2:
            assert len(lines) == 1 and name in lines[0]
            assert str(expect.get("stderr", "")).lower() in lines[0].lower()
            assert name not in captures
            return
        assert name in captures
        if "warning" in expect:
            assert any(str(expect["warning"]) in ln and name in ln for ln in lines), out.stderr
        if "packets" in expect:
            assert captures[name]["packets"] == expect["packets"]
        if "requests" in expect:
            n = store.rows("SELECT COUNT(*) AS n FROM messages m JOIN captures c ON c.id = m.capture_id "
                           "WHERE c.path = ? AND m.kind = 'http'", (str(path),))[0]["n"]
            assert n == expect["requests"]
