"""The sniffer on a veth pair between two network namespaces this test creates (root + iproute2)."""

from __future__ import annotations

import os
import select
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


def _read_until(proc: subprocess.Popen[bytes], needle: bytes, stream: str = "stderr", timeout: float = 120) -> bytes:
    """What `proc` wrote to `stream` up to the line holding `needle` (read unbuffered: communicate() gets the rest).

    The sniffer says it captures once its packet socket is open; a fixed sleep before the camera starts was a
    guess at how long the imports take, which a slower or busier machine overran (the packets went unseen)."""
    fd = getattr(proc, stream).fileno()
    seen = b""
    end = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < end:
        if select.select([fd], [], [], 0.5)[0]:
            chunk = os.read(fd, 4096)
            if not chunk:  # the process ended (its error is in what it wrote)
                break
            seen += chunk
    assert needle in seen, seen.decode("utf-8", "replace")
    return seen


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
    server = subprocess.Popen(["ip", "netns", "exec", srv, sys.executable, "-u", "-m", "http.server", "8080", "--bind",
                               SRV], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    sniffer = subprocess.Popen(["ip", "netns", "exec", srv, sys.executable, "-m", "monitor", "sniff", "-i", iface,
                                "--device", CAM, "--db", str(db), "--write", str(tmp_path / "seen.pcapng"),
                                "--duration", "16"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _read_until(server, b"Serving HTTP", "stdout")  # listening: the camera's request gets an answer
        head = _read_until(sniffer, b"privmon sniff on")  # capturing: the 16 s count from here
        out = subprocess.run(["ip", "netns", "exec", cam, sys.executable, "-c", CAMERA], capture_output=True,
                             text=True, timeout=30)
        assert out.returncode == 0, out.stderr
        _, err = sniffer.communicate(timeout=60)
        err = head + err
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


TUN_HOLDER = """
import fcntl, os, struct, sys
fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, 0x400454CA, struct.pack("16sH", sys.argv[1].encode(), 0x0001 | 0x1000))  # TUNSETIFF: IFF_TUN|IFF_NO_PI
print("ready", flush=True)
while True:
    os.read(fd, 65535)  # the far end: what the namespace sends through the tunnel is read and dropped
"""

TUN_CAMERA = """
import socket, time
uid = b"ABCD" + b"\\0" * 4 + (123456).to_bytes(4, "big") + b"EFGHJ" + b"\\0" * 3
body = uid + b"\\0" * 20
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _round in range(4):
    for mtype, payload in ((0x00, b""), (0x10, body), (0xE0, b"")):
        s.sendto(bytes([0xF1, mtype]) + len(payload).to_bytes(2, "big") + payload, ("10.214.0.2", 32100))
        time.sleep(0.05)
    time.sleep(1)
"""


def test_sniffer_reads_a_raw_ip_tunnel_interface(tmp_path: Path) -> None:
    """A tun device (as WireGuard or a VPN-based lab gives) carries bare IP packets, not Ethernet frames."""
    if os.geteuid() != 0 or shutil.which("ip") is None or not Path("/dev/net/tun").exists():
        pytest.skip("needs root, iproute2 and /dev/net/tun to make a tun device in a network namespace")
    ns, tun = f"pmtun{uuid.uuid4().hex[:6]}", "pmtun0"
    if _ip("netns", "add", ns).returncode != 0:
        pytest.skip("cannot create network namespaces here (ip netns add failed)")
    holder = subprocess.Popen(["ip", "netns", "exec", ns, sys.executable, "-c", TUN_HOLDER, tun],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sniffer = None
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready", holder.stderr
        for step in (["-n", ns, "addr", "add", "10.214.0.1/24", "dev", tun], ["-n", ns, "link", "set", tun, "up"]):
            r = _ip(*step)
            assert r.returncode == 0, r.stderr
        db = tmp_path / "tun.db"
        sniffer = subprocess.Popen(["ip", "netns", "exec", ns, sys.executable, "-m", "monitor", "sniff", "-i", tun,
                                    "--db", str(db), "--write", str(tmp_path / "tun.pcapng"), "--duration", "12"],
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _read_until(sniffer, b"privmon sniff on")  # capturing: the 12 s count from here (the camera needs ~5)
        out = subprocess.run(["ip", "netns", "exec", ns, sys.executable, "-c", TUN_CAMERA], capture_output=True,
                             text=True, timeout=30)
        assert out.returncode == 0, out.stderr
        _, err = sniffer.communicate(timeout=60)
        assert sniffer.returncode == 0, err
    finally:
        if sniffer is not None and sniffer.poll() is None:
            sniffer.kill()
        holder.kill()
        _ip("netns", "del", ns)
    conn = sqlite3.connect(db)
    rows = set(conn.execute("SELECT type, location, value FROM findings").fetchall())
    assert ("device_uid", "pppp:DEV_LGN", "ABCD-123456-EFGHJ") in rows, rows
    assert {r[0] for r in conn.execute("SELECT ip FROM destinations")} == {"10.214.0.2"}
    with (tmp_path / "tun.pcapng").open("rb") as fh:  # the evidence file says raw IP (LINKTYPE_RAW), as captured
        head = fh.read(64)
    idb = head.index(b"\x01\x00\x00\x00", 28)  # the interface description block after the section header
    assert int.from_bytes(head[idb + 8:idb + 10], "little") == 101


def test_unsupported_link_type_is_one_clear_line(tmp_path: Path) -> None:
    from monitor.errors import PrivmonError
    from monitor.live.sniff import link_type_of

    sysfs = tmp_path / "net"
    (sysfs / "can0").mkdir(parents=True)
    (sysfs / "can0" / "type").write_text("280\n")  # ARPHRD_CAN: no IP on it
    (sysfs / "wg0").mkdir()
    (sysfs / "wg0" / "type").write_text("65534\n")
    assert link_type_of("wg0", sysfs) == 101
    assert link_type_of("any", sysfs) == 113
    with pytest.raises(PrivmonError, match="can0: link type ARPHRD 280 is not supported"):
        link_type_of("can0", sysfs)
