"""Findings carry honest fields for reviewers (issue 17, item 10: transport, direction, first frame,
frame count; no url "out" for a datagram), and names learnt from DNS over TCP label later flows
(item 8)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner
from pcapgen import eth, ip4, pcap, tcp, udp, write

from monitor.cli import cli

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "captures"))
from make_samples import dns_response  # noqa: E402

CAM, SRV = "10.42.0.57", "120.24.59.150"
HELLO = b"\xf1\x41\x00\x14" + b"ABCD\0\0\0\0" + (123456).to_bytes(4, "big") + b"EFGHJ\0\0\0"  # PPPP login, UID


def report(tmp_path: Path, frames: list[tuple[float, bytes]]) -> dict:  # type: ignore[type-arg]
    cap = write(tmp_path / "c.pcap", pcap(frames))
    db = tmp_path / "c.db"
    assert CliRunner().invoke(cli, ["analyze", str(cap), "--db", str(db), "-q"]).exit_code == 0
    out = CliRunner().invoke(cli, ["report", "--db", str(db), "--format", "json"])
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_a_udp_finding_says_transport_direction_and_frames(tmp_path: Path) -> None:
    text = b"uid=ABCD-123456-EFGHJ&mac=00:1a:2b:3c:4d:5e"
    frames = [(1.0, eth(ip4(CAM, SRV, 17, udp(40000, 32100, text)))),
              (2.0, eth(ip4(SRV, CAM, 17, udp(32100, 40000, b"ok")))),
              (3.0, eth(ip4(CAM, SRV, 17, udp(40000, 32100, text))))]
    rep = report(tmp_path, frames)
    f = next(x for x in rep["findings"] if x["value"] == "ABCD-123456-EFGHJ")
    assert f["transport"] == "udp" and f["direction"] == "out"
    assert f["first_frame"] == 1 and f["frame_count"] == 2
    assert f["url"] == f"udp://{SRV}:32100" and f["port"] == 32100 and f["ip"] == SRV


def test_an_http_finding_keeps_its_url_and_gets_the_new_fields(tmp_path: Path) -> None:
    req = b"GET /a?imei=356938035643809 HTTP/1.1\r\nHost: api.example.cn\r\n\r\n"
    rep = report(tmp_path, [(1.0, eth(ip4("10.42.0.23", "203.0.113.9", 6, tcp(40000, 80, 1, data=req))))])
    f = next(x for x in rep["findings"] if x["type"] == "imei")
    assert f["url"] == "http://api.example.cn/a?imei=356938035643809"
    assert (f["transport"], f["direction"], f["first_frame"], f["frame_count"]) == ("tcp", "out", 1, 1)


def test_dns_over_tcp_names_a_later_flow(tmp_path: Path) -> None:
    c, resolver, server = "10.42.0.23", "10.42.0.1", "198.51.100.7"
    answer = dns_response(9, "log.umeng.com", [], server)
    query = answer[:2] + b"\x01\x00" + answer[4:6] + b"\0\0\0\0\0\0" + answer[12:12 + len("log.umeng.com") + 6]
    wire_q, wire_a = len(query).to_bytes(2, "big") + query, len(answer).to_bytes(2, "big") + answer
    frames = [(1.0, eth(ip4(c, resolver, 6, tcp(41000, 53, 0, 0x02)))),
              (1.1, eth(ip4(resolver, c, 6, tcp(53, 41000, 0, 0x12)))),
              (1.2, eth(ip4(c, resolver, 6, tcp(41000, 53, 1, data=wire_q)))),
              (1.3, eth(ip4(resolver, c, 6, tcp(53, 41000, 1, data=wire_a[:20])))),  # split response
              (1.4, eth(ip4(resolver, c, 6, tcp(53, 41000, 21, data=wire_a[20:])))),
              (2.0, eth(ip4(c, server, 6, tcp(42000, 8443, 0, 0x02)))),
              (2.1, eth(ip4(c, server, 6, tcp(42000, 8443, 1, data=b"\x00\x01binary push hello"))))]
    rep = report(tmp_path, frames)
    dest = {(d["ip"], d["port"]): d for d in rep["destinations"]}
    assert dest[(resolver, 53)]["protocol"] == "dns" and dest[(resolver, 53)]["transport"] == "tcp"
    assert dest[(server, 8443)]["host"] == "log.umeng.com"
