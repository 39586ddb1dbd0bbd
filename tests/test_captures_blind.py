"""Camera P2P recognition on a capture built blind (tests/data/captures_blind/: generator, pcap and
truth): every protocol flow recognized, every device id extracted, and no random-bytes decoy on the
PPPP port called PPPP. Its round: docs/rounds.md.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "data" / "captures_blind"
TRUTH = json.loads((BLIND / "truth.json").read_text(encoding="utf-8"))
P2P = {"pppp", "kalay", "xmeye", "tuya", "mqtt"}


def test_blind_camera_capture(tmp_path: Path) -> None:
    db = tmp_path / "cam.db"
    subprocess.run([sys.executable, "-m", "monitor", "analyze", str(BLIND / "blind_cam.pcap"), "--db", str(db), "-q"],
                   check=True, cwd=ROOT, timeout=300)
    con = sqlite3.connect(db)
    protos: dict[tuple[str, int, str, int], set[str]] = {}
    for cip, cport, sip, sport, proto in con.execute(
            "SELECT client_ip, client_port, server_ip, server_port, protocol FROM messages"):
        for key in ((cip, cport, sip, sport), (sip, sport, cip, cport)):
            protos.setdefault(key, set()).add(proto)
    ids = {v.upper() for (v,) in con.execute("SELECT value FROM findings WHERE type = 'device_uid'")}
    recognized = missed_ids = 0
    flows = [f for f in TRUTH["flows"] if f["proto"] in P2P]
    for f in flows:
        (cip, cport), (sip, sport) = (f["client"].rsplit(":", 1), f["server"].rsplit(":", 1))
        recognized += f["proto"] in protos.get((cip, int(cport), sip, int(sport)), set())
        missed_ids += len({x.upper() for x in f["device_ids"]} - ids)
    print(f"\nblind camera capture: {recognized}/{len(flows)} flows recognized, "
          f"{sum(len(f['device_ids']) for f in flows) - missed_ids} device ids found")
    assert recognized == len(flows) and missed_ids == 0
    for f in TRUTH["flows"]:
        if f["proto"] == "none" and f["server"].endswith(":32100"):
            (cip, cport), (sip, sport) = (f["client"].rsplit(":", 1), f["server"].rsplit(":", 1))
            assert "pppp" not in protos.get((cip, int(cport), sip, int(sport)), set()), f["notes"]
