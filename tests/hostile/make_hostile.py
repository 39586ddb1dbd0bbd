"""Write the committed corpus of small broken inputs (deterministic; run from the repo root).

Each file's expected outcome is in expected.json beside it: the exit code of `privmon analyze`,
a phrase its one stderr line must contain, and how many packets or requests are kept.
"""

from __future__ import annotations

import base64
import gzip
import json
import struct
import sys
import zlib
from pathlib import Path

import brotli

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # the builders of this checkout
from monitor.testing import frames  # noqa: E402


def pcap_header(snaplen: int = 65535, linktype: int = 1) -> bytes:
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype)


def record(ts: int, data: bytes, incl: int | None = None, orig: int | None = None) -> bytes:
    n = len(data)
    return struct.pack("<IIII", ts, 0, n if incl is None else incl, n if orig is None else orig) + data


def udp_frame(payload: bytes, sport: int = 40000, dport: int = 32100, src: str = "10.42.0.57",
              dst: str = "203.0.113.10") -> bytes:
    return frames.eth(frames.ip4(src, dst, 17, frames.udp(sport, dport, payload), with_checksum=True))


def tcp_frame(payload: bytes, seq: int, flags: int = 0x18, sport: int = 40001, dport: int = 80,
              src: str = "10.42.0.23", dst: str = "203.0.113.20") -> bytes:
    return frames.eth(frames.ip4(src, dst, 6, frames.tcp(sport, dport, seq, flags, payload), with_checksum=True))


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
    zeros_gz = gzip.compress(b"0" * (50 << 20), mtime=0)
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
                                            compresslevel=9, mtime=0),
                              {"exit": 2, "stderr": ""}),
        "http-1GB-content-length.pcap": (http_with(b'{"a":1}', "Content-Length: 1073741824\r\n"),
                                         {"exit": 0, "packets": 2}),
        "http-gzip-bomb-body.pcap": (http_with(zeros_gz, f"Content-Encoding: gzip\r\nContent-Length: {len(zeros_gz)}\r\n"),
                                     {"exit": 0}),
        "http-deflate-bomb-body.pcap": (http_with(zlib.compress(b"{" * (20 << 20)), "Content-Encoding: deflate\r\n"),
                                        {"exit": 0}),
        "deep-json.har": (har(deep_json(10_000).decode()).encode(), {"exit": 0, "requests": 1}),
        "not-json.har": (b'{"log": {"entries": [ this is not json', {"exit": 2, "stderr": "JSON"}),
        "har-base64-bomb.har": (har(base64.b64encode(gzip.compress(b"1" * (30 << 20), mtime=0)).decode()).encode(),
                                {"exit": 0, "requests": 1}),
        "flows-garbage.mitm": (b"12:" + b"\xff" * 40, {"exit": 2, "stderr": ""}),
    }
    # bodies (not captures) used by tests/test_hostile_input.py

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
