"""`--geoip FILE.mmdb`: a MaxMind-format country database the user provides wins over the bundled table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from mmdb import write_country_db
from pcapgen import eth, ip4, pcap, udp

pytest.importorskip("maxminddb")
ROOT = Path(__file__).resolve().parent.parent


def _capture(path: Path, servers: list[str]) -> None:
    """PPPP HELLOs from a camera to bare IPs (no hostname: the country comes from the IP alone)."""
    frames = [(1_767_225_600.0 + i, eth(ip4("192.168.1.20", ip, 17, udp(40000 + i, 32100, b"\xf1\x00\x00\x00"))))
              for i, ip in enumerate(servers)]
    path.write_bytes(pcap(frames))


def privmon(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True, text=True, cwd=ROOT)


def test_user_database_sets_the_country_and_is_named_in_the_report(tmp_path: Path) -> None:
    mmdb = tmp_path / "lab-country.mmdb"
    write_country_db(mmdb, {"8.8.8.0/24": "ZA"})  # deliberately not the bundled answer (US)
    cap = tmp_path / "cam.pcap"
    _capture(cap, ["8.8.8.8", "1.1.1.1"])  # 1.1.1.1 is not in the user file: the bundled table answers
    db = tmp_path / "g.db"
    r = privmon("analyze", str(cap), "--db", str(db), "-q", "--geoip", str(mmdb))
    assert r.returncode == 0, r.stderr
    report = json.loads(privmon("report", "--db", str(db), "--format", "json").stdout)
    countries = {d["ip"]: d["country"] for d in report["destinations"]}
    assert countries == {"8.8.8.8": "ZA", "1.1.1.1": "AU"}
    assert report["generator"]["country_data"] == f"maxmind:{mmdb}"
    which = privmon("signatures", "which", "8.8.8.8", "--geoip", str(mmdb))
    assert which.returncode == 0 and "ZA" in which.stdout


def test_bundled_table_is_named_when_no_file_is_given(tmp_path: Path) -> None:
    cap = tmp_path / "cam.pcap"
    _capture(cap, ["8.8.8.8"])
    db = tmp_path / "g.db"
    assert privmon("analyze", str(cap), "--db", str(db), "-q").returncode == 0
    report = json.loads(privmon("report", "--db", str(db), "--format", "json").stdout)
    assert report["destinations"][0]["country"] == "US"
    assert "GeoLite2" in report["generator"]["country_data"] or "geoip2fast" in report["generator"]["country_data"]


@pytest.mark.parametrize("content", [None, b"not a maxmind file at all"])
def test_bad_geoip_file_is_one_line_and_exit_2(tmp_path: Path, content: bytes | None) -> None:
    mmdb = tmp_path / "bad.mmdb"
    if content is not None:
        mmdb.write_bytes(content)
    db = tmp_path / "g.db"
    r = privmon("analyze", str(ROOT / "monitor" / "demo"), "--db", str(db), "-q", "--geoip", str(mmdb))
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and str(mmdb) in r.stderr
