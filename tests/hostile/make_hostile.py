"""Write the committed corpus of small broken inputs (deterministic; run from the repo root).

Each file's expected outcome is in expected.json beside it: the exit code of `privmon analyze`,
a phrase its one stderr line must contain, and how many packets or requests are kept.
"""

from __future__ import annotations

import base64
import gzip
import json
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def pcap_header(snaplen: int = 65535, linktype: int = 1) -> bytes:
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype)


def record(ts: int, data: bytes, incl: int | None = None, orig: int | None = None) -> bytes:
    n = len(data)
    return struct.pack("<IIII", ts, 0, n if incl is None else incl, n if orig is None else orig) + data


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def udp_frame(payload: bytes, sport: int = 40000, dport: int = 32100, src: str = "10.42.0.57",
              dst: str = "203.0.113.10") -> bytes:
    ip_src = bytes(int(x) for x in src.split("."))
    ip_dst = bytes(int(x) for x in dst.split("."))
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, ip_src, ip_dst)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    eth = b"\x02\x00\x00\x00\x00\x01" + b"\x02\x00\x00\x00\x00\x02" + b"\x08\x00"
    return eth + ip + udp


def tcp_frame(payload: bytes, seq: int, flags: int = 0x18, sport: int = 40001, dport: int = 80,
              src: str = "10.42.0.23", dst: str = "203.0.113.20") -> bytes:
    ip_src = bytes(int(x) for x in src.split("."))
    ip_dst = bytes(int(x) for x in dst.split("."))
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, 1, 5 << 4, flags, 65535, 0, 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, ip_src, ip_dst)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return b"\x02\x00\x00\x00\x00\x01" + b"\x02\x00\x00\x00\x00\x02" + b"\x08\x00" + ip + tcp


def ten_packets() -> bytes:
    return b"".join(record(1_700_000_000 + i, udp_frame(b"\xf1\x00\x00\x00")) for i in range(10))


def http_with(body: bytes, headers: str) -> bytes:
    req = (f"POST /v1/report?imei=356938035643809 HTTP/1.1\r\nHost: api.example.cn\r\n{headers}"
           f"Content-Type: application/json\r\n\r\n").encode() + body
    syn = tcp_frame(b"", 1000, flags=0x02)
    data = tcp_frame(req, 1001)
    return pcap_header() + record(1_700_000_000, syn) + record(1_700_000_001, data)


def deep_json(depth: int) -> bytes:
    return ("[" * depth + "1" + "]" * depth).encode()


def har(entries_body: str) -> str:
    return json.dumps({"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": [{
        "startedDateTime": "2026-11-01T10:00:00.000Z", "time": 1,
        "request": {"method": "POST", "url": "http://api.example.cn/v1/x?imei=356938035643809",
                    "httpVersion": "HTTP/1.1", "headers": [{"name": "Content-Type", "value": "application/json"}],
                    "queryString": [], "cookies": [], "headersSize": -1, "bodySize": len(entries_body),
                    "postData": {"mimeType": "application/json", "text": entries_body}},
        "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [],
                     "content": {"size": 0, "mimeType": "text/plain"}, "redirectURL": "", "headersSize": -1,
                     "bodySize": 0},
        "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}}]}})


def build() -> dict[str, dict[str, object]]:
    full = pcap_header() + ten_packets()
    files: dict[str, tuple[bytes, dict[str, object]]] = {
        "ok-ten-packets.pcap": (full, {"exit": 0, "packets": 10}),
        "empty.pcap": (b"", {"exit": 2, "stderr": "empty"}),
        "text.pcap": (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", {"exit": 2, "stderr": "not a capture"}),
        "header-only-truncated.pcap": (pcap_header()[:10], {"exit": 2, "stderr": ""}),
        "truncated-record-header.pcap": (full[: 24 + 5 * 62 + 7], {"exit": 0, "warning": "truncated", "packets": 5}),
        "truncated-mid-record.pcap": (full[: 24 + 5 * 62 + 30], {"exit": 0, "warning": "truncated", "packets": 5}),
        "absurd-snaplen.pcap": (pcap_header(snaplen=0x7FFFFFFF)[:16] + struct.pack("<I", 0xFFFFFFFF)
                                + struct.pack("<I", 1) + ten_packets(), {"exit": 2, "stderr": "snap"}),
        "record-claims-4GB.pcap": (pcap_header() + ten_packets()[:62 * 3] + struct.pack("<IIII", 1, 0, 0xFFFFFFF0,
                                   0xFFFFFFF0) + b"\0" * 64, {"exit": 2, "stderr": "length"}),
        "lying-ip-and-udp-lengths.pcap": (pcap_header() + record(1, udp_frame(b"\xf1\x10\xff\xff" + b"A" * 20)[:14]
                                          + struct.pack("!BBH", 0x45, 0, 0xFFFF) + b"\0" * 16)
                                          + ten_packets(), {"exit": 0, "packets": 11}),
        "gzip-bomb.pcap.gz": (gzip.compress(pcap_header() + record(1, b"\0" * 60, incl=60) + b"\0" * (128 << 20),
                                            compresslevel=9),
                              {"exit": 2, "stderr": ""}),
        "http-1GB-content-length.pcap": (http_with(b'{"a":1}', "Content-Length: 1073741824\r\n"),
                                         {"exit": 0, "packets": 2}),
        "http-gzip-bomb-body.pcap": (http_with(gzip.compress(b"0" * (50 << 20)), "Content-Encoding: gzip\r\n"
                                               f"Content-Length: {len(gzip.compress(b'0' * (50 << 20)))}\r\n"),
                                     {"exit": 0}),
        "http-deflate-bomb-body.pcap": (http_with(zlib.compress(b"{" * (20 << 20)), "Content-Encoding: deflate\r\n"),
                                        {"exit": 0}),
        "deep-json.har": (har(deep_json(10_000).decode()).encode(), {"exit": 0, "requests": 1}),
        "not-json.har": (b'{"log": {"entries": [ this is not json', {"exit": 2, "stderr": "JSON"}),
        "har-base64-bomb.har": (har(base64.b64encode(gzip.compress(b"1" * (30 << 20))).decode()).encode(),
                                {"exit": 0, "requests": 1}),
        "flows-garbage.mitm": (b"12:" + b"\xff" * 40, {"exit": 2, "stderr": ""}),
    }
    # bodies (not captures) used by tests/test_hostile_input.py
    import brotli

    (HERE / "brotli-bomb-256MB.br").write_bytes(
        brotli.compress(b'{"imei":"356938035643809","pad":"' + b"0" * (256 << 20) + b'"}', quality=5))
    manifest = {}
    for name, (data, expect) in files.items():
        (HERE / name).write_bytes(data)
        manifest[name] = expect
    (HERE / "expected.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":
    for name, expect in build().items():
        print(f"{name}: {expect}")
