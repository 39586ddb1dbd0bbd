"""Real-capture quirks: responses without a body or without a length, sequence wrap-around, late
packets after FIN, pcapng timestamp resolution and big-endian sections, VLAN-tagged IPv6."""

from __future__ import annotations

import struct
from pathlib import Path

from pcapgen import eth, ip4, ip6, tcp, write

from monitor.model import HttpExchange
from monitor.sources import open_capture
from monitor.sources.packets import PacketDecoder

C, S = "10.42.0.23", "203.0.113.9"


def run(frames: list[bytes]) -> list[HttpExchange]:
    d = PacketDecoder()
    out: list[object] = []
    for i, f in enumerate(frames, 1):
        out += d.feed(float(i), 1, f, i)
    out += d.finish()
    return [m for m in out if isinstance(m, HttpExchange)]


def up(seq: int, data: bytes, flags: int = 0x18) -> bytes:
    return eth(ip4(C, S, 6, tcp(40000, 80, seq, flags, data)))


def down(seq: int, data: bytes, flags: int = 0x18) -> bytes:
    return eth(ip4(S, C, 6, tcp(80, 40000, seq, flags, data)))


def test_bodyless_responses_do_not_swallow_the_next_pipelined_one() -> None:
    reqs = b"HEAD /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\nGET /c HTTP/1.1\r\nHost: h\r\n\r\n"
    resps = (b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b"HTTP/1.1 204 No Content\r\n\r\n"
             + b"HTTP/1.1 304 Not Modified\r\n\r\n")
    got = run([up(0, b"", 0x02), up(1, reqs), down(1, resps)])
    assert [(m.path, m.status) for m in got] == [("/a", 200), ("/b", 204), ("/c", 304)]


def test_response_without_length_ends_at_close() -> None:
    got = run([up(0, b"", 0x02), up(1, b"GET /x HTTP/1.0\r\nHost: h\r\n\r\n"),
               down(1, b"HTTP/1.0 200 OK\r\n\r\nhello "), down(26, b"world"), down(31, b"", 0x11)])
    assert got and got[0].status == 200 and got[0].response_body == b"hello world"


def test_sequence_numbers_wrapping_around() -> None:
    req = b"GET /wrap?imei=356938035643809 HTTP/1.1\r\nHost: h\r\n\r\n"
    start = 0xFFFFFFFF - 9  # the request crosses 2**32
    got = run([up(start - 1, b"", 0x02), up(start, req[:20]), up((start + 20) & 0xFFFFFFFF, req[20:])])
    assert [m.path for m in got] == ["/wrap?imei=356938035643809"]


def test_packets_after_fin_do_not_duplicate_the_request() -> None:
    req = b"GET /once HTTP/1.1\r\nHost: h\r\n\r\n"
    got = run([up(0, b"", 0x02), up(1, req), down(1, b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
               up(1 + len(req), b"", 0x11), down(39, b"", 0x11), up(2 + len(req), b"", 0x10),
               up(1, req)])  # a late retransmission after the close
    assert [(m.path, m.status) for m in got] == [("/once", 200)]


def test_vlan_tagged_ipv6() -> None:
    f = eth(ip6("2001:db8::23", "2001:db8::9", 6, tcp(40000, 80, 1, 0x18, b"GET /v6 HTTP/1.1\r\nHost: h\r\n\r\n")),
            vlans=1)
    assert [m.path for m in run([f])] == ["/v6"]


def _block(e: str, btype: int, body: bytes) -> bytes:
    body += b"\0" * (-len(body) % 4)
    return struct.pack(e + "II", btype, 12 + len(body)) + body + struct.pack(e + "I", 12 + len(body))


def test_pcapng_big_endian_tsresol_and_simple_packet_block(tmp_path: Path) -> None:
    frame = up(1, b"GET /ng HTTP/1.1\r\nHost: h\r\n\r\n")
    e = ">"
    shb = _block(e, 0x0A0D0D0A, struct.pack(e + "IHHq", 0x1A2B3C4D, 1, 0, -1))
    opts = struct.pack(e + "HH", 9, 1) + b"\x09\0\0\0" + struct.pack(e + "HH", 0, 0)  # if_tsresol = 10^-9
    idb = _block(e, 1, struct.pack(e + "HHI", 1, 0, 65535) + opts)
    ns = 1_767_225_600_250_000_000
    epb = _block(e, 6, struct.pack(e + "IIIII", 0, ns >> 32, ns & 0xFFFFFFFF, len(frame), len(frame)) + frame)
    spb = _block(e, 3, struct.pack(e + "I", len(frame)) + frame.replace(b"/ng", b"/sp"))
    src = open_capture(write(tmp_path / "be.pcapng", shb + idb + epb + spb))
    paths = sorted(m.path for m in src.messages() if isinstance(m, HttpExchange))
    assert src.packets == 2 and "/ng" in paths
    assert abs((src.last_ts or 0) - 1_767_225_600.25) < 1e-3
