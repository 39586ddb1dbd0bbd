"""The profile's `platform` (given or inferred), kept in the database; the demo shows label verdicts."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from labelcaps import write_profile

from monitor.context import build_context
from monitor.errors import BadProfile
from monitor.live.recorder import Recorder
from monitor.profile import profile_from_dict
from monitor.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("device", "platform"), [
    ({"name": "a", "imei": "356938035643809"}, "android"),
    ({"name": "a", "oaid": "1f2e3d4c-0000-1111-2222-333344445555"}, "android"),
    ({"name": "i", "idfv": "EA7583CD-A667-48BC-B806-42ECB2B48606"}, "ios"),
    ({"name": "cam", "device_uid": "ABCD-123456-EFGHJ", "mac": "00:12:34:56:78:9a"}, "device"),
    ({"name": "tablet", "mac": "00:12:34:56:78:9a", "platform": "android"}, "android"),  # said beats inferred
    ({"name": "odd", "imei": "356938035643809", "platform": "device"}, "device"),
])
def test_platform_given_or_inferred(device: dict[str, object], platform: str) -> None:
    assert profile_from_dict({"device": [device]}).devices[0].platform == platform


def test_unknown_platform_is_a_bad_profile() -> None:
    with pytest.raises(BadProfile, match=r"device\[0\]\.platform must be one of android, ios, device"):
        profile_from_dict({"device": [{"name": "x", "platform": "windows"}]})


def test_an_old_database_gains_the_platform_column(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store.open(db) as store:
        store.set_devices([{"name": "p", "ip": "10.0.0.2", "kinds": ["imei"]}])
    con = sqlite3.connect(db)  # as a database written before the column existed
    con.execute("DELETE FROM _migrations WHERE name = '0004_device_platform'")
    con.execute("ALTER TABLE devices DROP COLUMN platform")
    con.commit()
    con.close()
    with Store.open(db) as store:
        assert store.devices()[0]["platform"] == ""  # kept rows survive; report infers from kinds
        store.set_devices([{"name": "p", "ip": "10.0.0.2", "kinds": ["imei"], "platform": "android"}])
        assert store.devices()[0]["platform"] == "android"


def test_demo_shows_label_verdicts_next_to_policy_verdicts() -> None:
    out = subprocess.run([sys.executable, "-m", "monitor", "demo", "--no-tui", "--format", "md"], capture_output=True,
                         text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    md = out.stdout
    assert md.index("## Verdicts") < md.index("## Store labels")
    assert "| data_safety | PSL_DEVICE_ID | undeclared_sharing |" in md
    assert "| data_safety | PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT | encryption_claim_false |" in md
    assert "not judged: lab-camera" in md


def test_live_recorder_keeps_the_profile_devices(tmp_path: Path) -> None:
    """proxy/sniff write through the recorder: `report` must still know which device is which platform."""
    ctx = build_context((), str(write_profile(tmp_path / "lab.toml")), None)
    rec = Recorder(str(tmp_path / "live.db"), ctx, "live-proxy", "test").start()
    rec.stop()
    with Store.open(tmp_path / "live.db", readonly=True) as store:
        assert {d["name"]: d["platform"] for d in store.devices()} == \
            {"lab-phone": "android", "lab-iphone": "ios", "lab-camera": "device"}
