"""Write a large mixed capture, streaming (bounded memory), deterministic for a given seed.

    python bench/make_bigpcap.py OUT.pcap --size-mb 50 [--seed 1] [--http-share 0.3]

Traffic mix (about): HTTP requests with identifiers in query/JSON (some split over two segments),
TLS sessions (ClientHello with SNI, then opaque records), bulk TLS downloads, DNS query/response
pairs, PPPP-style UDP to port 32100 (some DEV_LGN with a camera UID), RTP-like UDP bursts.

--http-share S makes a share S of the packets clear-text HTTP (the mix above has ~5 % of its bytes
in HTTP): keep-alive connections of SDK-style requests and responses (JSON, form and gzip bodies,
query strings, chunked and gzip responses, requests over several segments) carrying identifiers of
three devices; the other sessions are drawn as without the option. Without it the capture is the
same, byte for byte, as before the option existed.
Beside OUT it writes OUT.truth.json: the packet count and the identifiers planted (type, value),
which an analysis without a profile must find (bench/ingest_bench.py checks both).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
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


# three devices whose identifiers the SDK requests carry (IMEIs Luhn-valid, MACs not placeholders)
DEVICES = [
    {"imei": "356938035643809", "mac": "a4:5e:60:c1:22:9f", "android_id": "3f6a2b9c81d04e57",
     "gaid": "38400000-8cf0-11bd-b23e-10b96e40000d", "oaid": "e7c3a9f1-2b4d-4c8e-9a6f-1d3e5b7c9a0b"},
    {"imei": "490154203237518", "mac": "3c:5a:b4:12:9e:07", "android_id": "9b2e7d41c05a6f38",
     "gaid": "5c1f9a2e-7b3d-4e8a-9f06-2d4c6b8a0e13", "oaid": "0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d"},
    {"imei": "867530012345672", "mac": "f0:18:98:3a:4b:5c", "android_id": "c4d2a9e1f7b05836",
     "gaid": "d2e4f6a8-1b3c-4d5e-8f70-9a1b2c3d4e5f", "oaid": "7f6e5d4c-3b2a-4198-8776-655443322110"},
]
SDK_HOSTS = ["ulogs.umeng.com", "stats.jpush.cn", "mi.gdt.qq.com", "app.adjust.com", "android.bugly.qq.com",
             "api.secuhome.example", "sdk.example-ads.cn", "log.example-analytics.com"]
MSS = 1400


def _sdk_request(rnd: random.Random, host: str, n: int) -> tuple[bytes, list[tuple[str, str]]]:
    """One SDK-style request (bytes) and the identifiers planted in it, (type, value)."""
    dev = DEVICES[rnd.randrange(len(DEVICES))]
    kind = rnd.randrange(5)
    ua = "okhttp/4.9.3" if rnd.random() < 0.5 else "Dalvik/2.1.0 (Linux; U; Android 12; M2012K11AC Build/SKQ1)"
    head = [f"Host: {host}", f"User-Agent: {ua}", "Accept-Encoding: gzip", "Connection: keep-alive"]
    events = [{"id": rnd.choice(["launch", "page_view", "click", "ad_show", "pay"]), "ts": 1767225600000 + n * 7 + i,
               "du": rnd.randint(1, 900), "page": f"Page{rnd.randint(1, 40)}"}
              for i in range(rnd.randint(2, 25))]
    planted: list[tuple[str, str]] = []
    if kind == 0:  # GET with identifiers in the query string
        path = (f"/gdt_mview.fcg?posid={rnd.randint(10**15, 10**16 - 1)}&imei={dev['imei']}"
                f"&muid={hashlib.md5(dev['imei'].encode()).hexdigest()}&c_os=android&net=wifi&ts={n}")
        planted.append(("imei", dev["imei"]))
        return ("\r\n".join([f"GET {path} HTTP/1.1", *head]) + "\r\n\r\n").encode(), planted
    if kind == 1:  # form body
        body = (f"gps_adid={dev['gaid']}&android_id={dev['android_id']}&created_at=2026-01-01T00%3A00%3A{n % 60:02d}.000Z"
                f"&event_buffering_enabled=0&app_token=4w565xzmb54d&tracking_enabled=1").encode()
        ctype, enc = "application/x-www-form-urlencoded", ""
        planted += [("gaid", dev["gaid"]), ("android_id", dev["android_id"])]
    else:  # JSON body, gzip-encoded for two kinds of three
        doc = {"header": {"appkey": "5f3c9e21a7", "channel": rnd.choice(["huawei", "xiaomi", "oppo"]),
                          "os_version": "12", "resolution": "1080*2340", "imei": dev["imei"], "mac": dev["mac"],
                          "oaid": dev["oaid"], "sdk_version": "9.6.1"},
               "events": events}
        body = json.dumps(doc).encode()
        ctype, enc = "application/json", ""
        planted += [("imei", dev["imei"]), ("mac", dev["mac"]), ("oaid", dev["oaid"])]
        if kind >= 3:
            body, enc = gzip.compress(body, compresslevel=6, mtime=0), "gzip"
    head += [f"Content-Type: {ctype}", f"Content-Length: {len(body)}"] + ([f"Content-Encoding: {enc}"] if enc else [])
    path = rnd.choice(["/unify_logs", "/v3/report", "/session", "/rqd/async", "/v2/device/event"])
    return ("\r\n".join([f"POST {path} HTTP/1.1", *head]) + "\r\n\r\n").encode() + body, planted


def _sdk_response(rnd: random.Random) -> bytes:
    doc = json.dumps({"code": 0, "msg": "ok", "data": {"ads": [{"id": rnd.getrandbits(40), "w": 640, "h": 100,
                      "url": f"https://cdn.example-ads.cn/m/{rnd.getrandbits(64):016x}.jpg"}
                      for _ in range(rnd.randint(0, 12))], "next": rnd.randint(60, 3600)}}).encode()
    r = rnd.random()
    if r < 0.3:  # chunked
        chunks = [doc[i:i + 500] for i in range(0, len(doc), 500)]
        body = b"".join(f"{len(c):x}\r\n".encode() + c + b"\r\n" for c in chunks) + b"0\r\n\r\n"
        return b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + body
    enc = ""
    if r < 0.6:
        doc, enc = gzip.compress(doc, compresslevel=6, mtime=0), "Content-Encoding: gzip\r\n"
    return (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{enc}Content-Length: {len(doc)}\r\n\r\n"
            .encode() + doc)


def sdk_session(w: Writer, rnd: random.Random, ts: float, n: int, planted: set[tuple[str, str]]) -> None:
    """A keep-alive HTTP connection carrying 1-4 SDK requests and their responses (segments of MSS bytes)."""
    client, cport = "10.42.0.23", 20000 + n % 40000
    host = rnd.choice(SDK_HOSTS)
    server = f"198.18.{n % 250}.{1 + n % 200}"
    cs, ss = rnd.getrandbits(32), rnd.getrandbits(32)
    w.tcp(ts, client, cport, server, 80, cs, 0, 0x02)
    w.tcp(ts + 0.01, server, 80, client, cport, ss, cs + 1, 0x12)
    cs, ss = cs + 1, ss + 1
    w.tcp(ts + 0.02, client, cport, server, 80, cs, ss, 0x10)
    t = ts + 0.03
    for _ in range(rnd.randint(1, 4)):
        req, ids = _sdk_request(rnd, host, n)
        planted.update(ids)
        for i in range(0, len(req), MSS):
            w.tcp(t, client, cport, server, 80, cs, ss, 0x18, req[i:i + MSS])
            cs += len(req[i:i + MSS])
        resp = _sdk_response(rnd)
        for i in range(0, len(resp), MSS):
            w.tcp(t + 0.02, server, 80, client, cport, ss, cs, 0x18, resp[i:i + MSS])
            ss += len(resp[i:i + MSS])
        w.tcp(t + 0.021, client, cport, server, 80, cs, ss, 0x10)
        t += 0.03
    w.tcp(t, client, cport, server, 80, cs, ss, 0x11)
    w.tcp(t + 0.01, server, 80, client, cport, ss, cs + 1, 0x11)
    w.tcp(t + 0.011, client, cport, server, 80, cs + 1, ss + 1, 0x10)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--size-mb", type=float, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--http-share", type=float, default=0.0,
                    help="share of the packets in clear-text HTTP SDK connections (0: the original mix)")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    w = Writer(Path(a.out))
    ts, n = 1_767_225_600.0, 0
    kinds = ["http"] * 10 + ["tls"] * 8 + ["bulk"] * 1 + ["dns"] * 12 + ["pppp"] * 4 + ["rtp"] * 3
    planted = {("imei", "356938035643809")}  # 40 % of the original mix's HTTP requests carry this IMEI
    sdk_packets = 0
    while w.size < a.size_mb * 1e6:
        if a.http_share > 0 and sdk_packets < a.http_share * w.packets:
            before = w.packets
            sdk_session(w, rnd, ts, n, planted)
            sdk_packets += w.packets - before
        else:
            kind = rnd.choice(kinds)
            session(w, rnd, ts, kind, n)
            if kind == "pppp":  # its first datagram is a DEV_LGN with the camera's UID
                planted.add(("device_uid", "ABCD-123456-EFGHJ"))
        ts += 0.02
        n += 1
    w.fh.close()
    truth = {"packets": w.packets, "http_share": a.http_share, "sdk_packets": sdk_packets,
             "planted": sorted([t, v] for t, v in planted)}
    Path(a.out + ".truth.json").write_text(json.dumps(truth, indent=1) + "\n")
    share = f", {sdk_packets / max(w.packets, 1):.0%} of them in SDK HTTP connections" if a.http_share else ""
    print(f"{a.out}: {w.packets} packets, {w.size / 1e6:.1f} MB{share}")


if __name__ == "__main__":
    main()
