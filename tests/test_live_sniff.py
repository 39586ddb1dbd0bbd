"""The sniffer on a veth pair between two network namespaces this test creates (root + iproute2)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CAM, SRV = "10.213.0.2", "10.213.0.1"


def _ip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ip", *args], capture_output=True, text=True, timeout=30)


@pytest.fixture
def netns() -> Iterator[tuple[str, str]]:
    if os.geteuid() != 0 or shutil.which("ip") is None:
        pytest.skip("needs root and iproute2 to create network namespaces")
    tag = uuid.uuid4().hex[:6]
    cam, srv = f"pmcam{tag}", f"pmsrv{tag}"
    if _ip("netns", "add", cam).returncode != 0:
        pytest.skip("cannot create network namespaces here (ip netns add failed)")
    _ip("netns", "add", srv)
    try:
        steps = [
            ["link", "add", f"vc{tag}", "type", "veth", "peer", "name", f"vs{tag}"],
            ["link", "set", f"vc{tag}", "netns", cam], ["link", "set", f"vs{tag}", "netns", srv],
            ["-n", cam, "addr", "add", f"{CAM}/24", "dev", f"vc{tag}"],
            ["-n", srv, "addr", "add", f"{SRV}/24", "dev", f"vs{tag}"],
            ["-n", cam, "link", "set", f"vc{tag}", "up"], ["-n", srv, "link", "set", f"vs{tag}", "up"],
            ["-n", cam, "link", "set", "lo", "up"], ["-n", srv, "link", "set", "lo", "up"],
        ]
        for s in steps:
            r = _ip(*s)
            if r.returncode != 0:
                pytest.skip(f"cannot set up the veth pair: {r.stderr.strip()}")
        yield (cam, srv), f"vs{tag}"  # type: ignore[misc]
    finally:
        _ip("netns", "del", cam)
        _ip("netns", "del", srv)


CAMERA = f"""
import socket, struct, time, urllib.error, urllib.request
uid = b"ABCD" + b"\\0" * 4 + (123456).to_bytes(4, "big") + b"EFGHJ" + b"\\0" * 3
body = uid + b"\\0" * 20
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _round in range(4):  # repeated, like a camera's keep-alive: the sniffer may still be starting
    for mtype, payload in ((0x00, b""), (0x10, body), (0xE0, b"")):
        s.sendto(bytes([0xF1, mtype]) + len(payload).to_bytes(2, "big") + payload, ("{SRV}", 32100))
        time.sleep(0.05)
    time.sleep(1)
try:
    urllib.request.urlopen("http://{SRV}:8080/api/log?sn=XMC5A2B7E91F0D34&imei=356938035643809", timeout=5)
except urllib.error.HTTPError:
    pass  # the test server answers 404: the request is what matters
"""


def test_sniffer_records_pppp_and_http_from_the_camera_namespace(tmp_path: Path, netns) -> None:  # type: ignore[no-untyped-def]
    (cam, srv), iface = netns
    db = tmp_path / "lab.db"
    server = subprocess.Popen(["ip", "netns", "exec", srv, sys.executable, "-m", "http.server", "8080", "--bind", SRV],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sniffer = subprocess.Popen(["ip", "netns", "exec", srv, sys.executable, "-m", "monitor", "sniff", "-i", iface,
                                "--device", CAM, "--db", str(db), "--write", str(tmp_path / "seen.pcapng"),
                                "--duration", "16"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(3)
        out = subprocess.run(["ip", "netns", "exec", cam, sys.executable, "-c", CAMERA], capture_output=True,
                             text=True, timeout=30)
        assert out.returncode == 0, out.stderr
        _, err = sniffer.communicate(timeout=60)
    finally:
        server.terminate()
        if sniffer.poll() is None:
            sniffer.kill()
    assert sniffer.returncode == 0, err
    assert b"dropped by the kernel" in err
    conn = sqlite3.connect(db)
    rows = set(conn.execute("SELECT type, location, sdk FROM findings").fetchall())
    assert ("device_uid", "pppp:DEV_LGN", "cs2") in rows
    assert ("imei", "query:imei", "unknown") in rows
    protos = {r[0] for r in conn.execute("SELECT protocol FROM destinations")}
    assert {"pppp", "http"} <= protos
    assert (tmp_path / "seen.pcapng").stat().st_size > 200
    check = subprocess.run([sys.executable, "-m", "monitor", "analyze", str(tmp_path / "seen.pcapng"), "--db",
                            str(tmp_path / "again.db"), "-q"], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr  # the evidence file re-verifies with analyze


def test_missing_interface_is_one_clear_line(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "monitor", "sniff", "-i", "nosuchif0", "--db", str(tmp_path / "x.db"),
                          "--duration", "1"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "nosuchif0" in out.stderr and "Traceback" not in out.stderr
