"""Write a large mixed capture, streaming (bounded memory), deterministic for a given seed.

    python bench/make_bigpcap.py OUT.pcap --size-mb 50 [--seed 1]

Traffic mix (about): HTTP requests with identifiers in query/JSON (some split over two segments),
TLS sessions (ClientHello with SNI, then opaque records), bulk TLS downloads, DNS query/response
pairs, PPPP-style UDP to port 32100 (some DEV_LGN with a camera UID), RTP-like UDP bursts.
"""

from __future__ import annotations

import argparse
import json
import random
import struct
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "captures"))
from make_samples import client_hello, dns_query, dns_response  # noqa: E402

HOSTS = ["api.jpush.cn", "android.bugly.qq.com", "mi.gdt.qq.com", "ulogs.umeng.com", "app-measurement.com",
         "graph.facebook.com", "api.secuhome.example", "launches.appsflyersdk.com", "mobads.baidu.com"]


class Writer:
    def __init__(self, path: Path) -> None:
        self.fh = path.open("wb", buffering=1 << 20)
        self.fh.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        self.size = 24
        self.packets = 0

    def frame(self, ts: float, src: str, dst: str, proto: int, l4: bytes) -> None:
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 0, 0x4000, 64, proto, 0,
                         bytes(int(x) for x in src.split(".")), bytes(int(x) for x in dst.split(".")))
        f = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" + ip + l4
        sec = int(ts)
        self.fh.write(struct.pack("<IIII", sec, int((ts - sec) * 1e6), len(f), len(f)) + f)
        self.size += 16 + len(f)
        self.packets += 1

    def tcp(self, ts: float, src: str, sp: int, dst: str, dp: int, seq: int, ack: int, flags: int, data: bytes = b"") -> None:
        self.frame(ts, src, dst, 6, struct.pack("!HHIIBBHHH", sp, dp, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 0x50, flags,
                                                65535, 0, 0) + data)

    def udp(self, ts: float, src: str, sp: int, dst: str, dp: int, data: bytes) -> None:
        self.frame(ts, src, dst, 17, struct.pack("!HHHH", sp, dp, 8 + len(data), 0) + data)


def session(w: Writer, rnd: random.Random, ts: float, kind: str, n: int) -> None:
    client, cport = "10.42.0.23", 20000 + n % 40000
    host = rnd.choice(HOSTS)
    server = f"203.0.{n % 250}.{1 + n % 200}"
    if kind == "dns":
        q = dns_query(n & 0xFFFF, host)
        w.udp(ts, client, cport, "10.42.0.1", 53, q)
        w.udp(ts + 0.01, "10.42.0.1", 53, client, cport, dns_response(n & 0xFFFF, host, [], server))
        return
    if kind in ("pppp", "rtp"):
        for i in range(rnd.randint(5, 30)):
            if kind == "pppp":
                body = (b"ABCD\0\0\0\0" + (123456).to_bytes(4, "big") + b"EFGHJ\0\0\0" + b"\0" * 20) if i == 0 else \
                    b"\xd1\x00" + i.to_bytes(2, "big") + bytes(rnd.randint(100, 1100))
                w.udp(ts + i * 0.01, "10.42.0.57", 40000, "120.24.59.150", 32100,
                      bytes([0xF1, 0x10 if i == 0 else 0xD0]) + len(body).to_bytes(2, "big") + body)
            else:
                w.udp(ts + i * 0.005, "10.42.0.57", 50000, "10.42.0.23", 50002, b"\x80\x60" + bytes(1314))
        return
    cs, ss = rnd.getrandbits(32), rnd.getrandbits(32)
    port = 80 if kind == "http" else 443
    w.tcp(ts, client, cport, server, port, cs, 0, 0x02)
    w.tcp(ts + 0.01, server, port, client, cport, ss, cs + 1, 0x12)
    cs, ss = cs + 1, ss + 1
    w.tcp(ts + 0.02, client, cport, server, port, cs, ss, 0x10)
    if kind == "http":
        body = json.dumps({"imei": "356938035643809" if rnd.random() < 0.4 else "0", "pad": "x" * rnd.randint(200, 2000)})
        req = (f"POST /v1/report?n={n} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(body)}\r\n\r\n{body}").encode()
        parts = [req[:600], req[600:]] if len(req) > 1400 else [req]
        for p in parts:
            w.tcp(ts + 0.03, client, cport, server, port, cs, ss, 0x18, p)
            cs += len(p)
        resp = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
        w.tcp(ts + 0.05, server, port, client, cport, ss, cs, 0x18, resp)
        ss += len(resp)
    else:
        hello = client_hello(host)
        w.tcp(ts + 0.03, client, cport, server, port, cs, ss, 0x18, hello)
        cs += len(hello)
        total = rnd.randint(100_000, 800_000) if kind == "bulk" else rnd.randint(2000, 20000)
        sent = 0
        while sent < total:
            chunk = b"\x17\x03\x03\x05\x8b" + bytes(1419)
            w.tcp(ts + 0.04, server, port, client, cport, ss, cs, 0x10, chunk)
            ss += len(chunk)
            sent += len(chunk)
    w.tcp(ts + 0.1, client, cport, server, port, cs, ss, 0x11)
    w.tcp(ts + 0.11, server, port, client, cport, ss, cs + 1, 0x11)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--size-mb", type=float, default=50)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    w = Writer(Path(a.out))
    ts, n = 1_767_225_600.0, 0
    kinds = ["http"] * 10 + ["tls"] * 8 + ["bulk"] * 1 + ["dns"] * 12 + ["pppp"] * 4 + ["rtp"] * 3
    while w.size < a.size_mb * 1e6:
        session(w, rnd, ts, rnd.choice(kinds), n)
        ts += 0.02
        n += 1
    w.fh.close()
    print(f"{a.out}: {w.packets} packets, {w.size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
