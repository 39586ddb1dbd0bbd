"""Write the bundled sample captures (deterministic: fixed timestamps and values, no randomness).

    python captures/make_samples.py                    # phone-app.pcap, camera-p2p.pcapng, phone-app.har
    python captures/make_samples.py --update-expected  # also rewrite captures/expected/*.json

The traffic is synthetic: a phone app (10.42.0.23) talking to its own API and to the SDKs inside
it, and a P2P camera (10.42.0.57) logging in to its PPPP server and its MQTT cloud, and reached by
the app through a TUTK Kalay master and on the LAN. Nothing is
sent anywhere: the files are written byte by byte. Ground truth: captures/README.md.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import ipaddress
import json
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent / "monitor" / "demo"  # where the samples ship: package data
sys.path.insert(0, str(HERE.parent))  # the Kalay scrambler of this checkout (the bytes a Kalay client sends)
from monitor.classify.kalay import scramble as kalay_scramble  # noqa: E402
from monitor.testing import frames  # noqa: E402

T0 = 1_767_225_600.0  # 2026-01-01 00:00:00 UTC
PHONE, CAMERA, GATEWAY = "10.42.0.23", "10.42.0.57", "10.42.0.1"
PHONE_MAC, CAMERA_MAC = "a4:5e:60:c1:22:9f", "00:12:34:56:78:9a"
GW_MAC = "02:42:0a:2a:00:01"
IMEI, ANDROID_ID = "356938035643809", "3f6a2b9c81d04e57"
GAID = "38400000-8cf0-11bd-b23e-10b96e40000d"
LAT, LON = 22.5431, 114.0579
PHONE_NO, EMAIL = "+8613800138000", "lab@example.org"
CAMERA_UID, CAMERA_SERIAL = "ABCD-123456-EFGHJ", "XMC5A2B7E91F0D34"
KALAY_UID = "CXBA8H1WKRVN7B4U111A"
GZIP_MTIME = 0  # gzip headers carry a time: fixed so the files are byte-identical on every run


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=GZIP_MTIME)


class Trace:
    """Frames with timestamps, written as pcap or pcapng."""

    def __init__(self) -> None:
        self.frames: list[tuple[float, bytes]] = []
        self.t = T0
        self.ident = 1
        self.macs = {PHONE: PHONE_MAC, CAMERA: CAMERA_MAC}

    def tick(self, dt: float = 0.003) -> float:
        self.t = round(self.t + dt, 6)
        return self.t

    def ip_frame(self, src: str, dst: str, proto: int, payload: bytes) -> None:
        packet = frames.ip4(src, dst, proto, payload, ident=self.ident, frag=0x4000, with_checksum=True)
        self.ident += 1
        self.frames.append((self.tick(), frames.eth(packet, dst=self.macs.get(dst, GW_MAC),
                                                    src=self.macs.get(src, GW_MAC))))

    def udp(self, src: str, sport: int, dst: str, dport: int, payload: bytes) -> None:
        self.ip_frame(src, dst, 17, frames.udp(sport, dport, payload))

    def tcp_session(self, client: str, cport: int, server: str, sport: int,
                    exchanges: list[tuple[bytes, bytes]], split: int = 0) -> None:
        """Handshake, request/response pairs (a request may be split in two segments), FIN close."""
        cs, ss = 1000 + cport, 50_000 + sport

        def seg(src: str, sp: int, dst: str, dp: int, seq: int, ack: int, flags: int, data: bytes = b"") -> None:
            self.ip_frame(src, dst, 6, frames.tcp(sp, dp, seq, flags, data, ack=ack, window=64240))

        seg(client, cport, server, sport, cs, 0, 0x02)
        seg(server, sport, client, cport, ss, cs + 1, 0x12)
        cs += 1
        ss += 1
        seg(client, cport, server, sport, cs, ss, 0x10)
        for req, resp in exchanges:
            parts = [req[:split], req[split:]] if split and len(req) > split else [req]
            for p in parts:
                seg(client, cport, server, sport, cs, ss, 0x18, p)
                cs += len(p)
            if resp:
                seg(server, sport, client, cport, ss, cs, 0x18, resp)
                ss += len(resp)
            seg(client, cport, server, sport, cs, ss, 0x10)
        seg(client, cport, server, sport, cs, ss, 0x11)
        seg(server, sport, client, cport, ss, cs + 1, 0x11)
        seg(client, cport, server, sport, cs + 1, ss + 1, 0x10)

    def write_pcap(self, path: Path) -> None:
        path.write_bytes(frames.pcap(self.frames, snaplen=262144))

    def write_pcapng(self, path: Path) -> None:
        path.write_bytes(frames.pcapng([(ts, 0, f) for ts, f in self.frames], [1], snaplen=262144))


def dns_response(qid: int, qname: str, chain: list[str], ip: str) -> bytes:
    def name(n: str) -> bytes:
        return b"".join(bytes([len(p)]) + p.encode() for p in n.split(".")) + b"\0"

    answers = b""
    names = [qname, *chain]
    for a, b in zip(names, names[1:], strict=False):
        rdata = name(b)
        answers += name(a) + struct.pack("!HHIH", 5, 1, 300, len(rdata)) + rdata
    answers += name(names[-1]) + struct.pack("!HHIH", 1, 1, 60, 4) + ipaddress.IPv4Address(ip).packed
    head = struct.pack("!HHHHHH", qid, 0x8180, 1, len(names), 0, 0)
    return head + name(qname) + struct.pack("!HH", 1, 1) + answers


def dns_query(qid: int, qname: str) -> bytes:
    q = b"".join(bytes([len(p)]) + p.encode() for p in qname.split(".")) + b"\0"
    return struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + q + struct.pack("!HH", 1, 1)


def resolve(tr: Trace, client: str, qid: int, qname: str, ip: str, chain: list[str] | None = None) -> None:
    tr.udp(client, 30000 + qid, GATEWAY, 53, dns_query(qid, qname))
    tr.udp(GATEWAY, 53, client, 30000 + qid, dns_response(qid, qname, chain or [], ip))


def client_hello(sni: str, alpn: tuple[str, ...] = ("h2", "http/1.1")) -> bytes:
    name = sni.encode()
    ext_sni = struct.pack("!HHHBH", 0, len(name) + 5, len(name) + 3, 0, len(name)) + name
    protos = b"".join(bytes([len(p)]) + p.encode() for p in alpn)
    ext_alpn = struct.pack("!HHH", 16, len(protos) + 2, len(protos)) + protos
    ext_ver = struct.pack("!HHB", 43, 3, 2) + b"\x03\x04"
    exts = ext_sni + ext_alpn + ext_ver
    body = b"\x03\x03" + hashlib.sha256(name).digest() + b"\x00" + struct.pack("!H", 4) + b"\x13\x01\x13\x02"
    body += b"\x01\x00" + struct.pack("!H", len(exts)) + exts
    hs = b"\x01" + len(body).to_bytes(3, "big") + body
    return b"\x16\x03\x01" + struct.pack("!H", len(hs)) + hs


def http_request(method: str, host: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "User-Agent: okhttp/4.9.3"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def http_ok(body: bytes = b'{"code":0}') -> bytes:
    return (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


def md5(s: str) -> str:
    return hashlib.md5(s.encode()).hexdigest()


def phone_trace() -> Trace:
    tr = Trace()
    # first party: registration carries IMEI, MAC, precise location, phone number and the camera's UID
    resolve(tr, PHONE, 1, "api.secuhome.example", "47.91.20.10")
    reg = json.dumps({"imei": IMEI, "mac": PHONE_MAC, "lat": LAT, "lng": LON, "phone": PHONE_NO,
                      "bind": {"camera_uid": CAMERA_UID}, "app_ver": "3.2.1"}).encode()
    decoy = json.dumps({"order_id": "202601010000123", "ts": 1767225600123, "price": "22.54", "version": "114.05",
                        "file": "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b.jpg"}).encode()
    tr.tcp_session(PHONE, 41001, "47.91.20.10", 80, [
        (http_request("POST", "api.secuhome.example", "/v2/device/register",
                      {"Content-Type": "application/json"}, reg), http_ok()),
        (http_request("POST", "api.secuhome.example", "/v2/order/sync",
                      {"Content-Type": "application/json", "X-Request-Id": "7d3f0c6e-1c1b-4f61-9a44-2b1f3c4d5e6f"},
                      decoy), http_ok()),
    ], split=120)
    # JPush (via a CDN CNAME): IMEI, Android ID, MAC in a gzip JSON body
    resolve(tr, PHONE, 2, "stats.jpush.cn", "203.107.1.33", ["stats.jpush.cn.w.kunlunsl.com"])
    jp = _gzip(json.dumps({"platform": "a", "device": {"imei": IMEI, "android_id": ANDROID_ID, "mac": PHONE_MAC},
                           "gaid": GAID}).encode())
    tr.tcp_session(PHONE, 41002, "203.107.1.33", 80, [
        (http_request("POST", "stats.jpush.cn", "/v3/report", {"Content-Type": "application/json",
                                                              "Content-Encoding": "gzip"}, jp), http_ok()),
    ])
    # Tencent Bugly: MD5 of the IMEI (upper case) and e-mail in a base64(gzip(json)) form field
    resolve(tr, PHONE, 3, "android.bugly.qq.com", "175.27.0.10")
    blob = base64.b64encode(_gzip(json.dumps({"idmd5": md5(IMEI).upper(), "email": EMAIL}).encode())).decode()
    form = f"appid=1a2b3c&data={blob.replace('+', '%2B').replace('/', '%2F').replace('=', '%3D')}".encode()
    tr.tcp_session(PHONE, 41003, "175.27.0.10", 80, [
        (http_request("POST", "android.bugly.qq.com", "/rqd/async?aid=0c9a8b7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d",
                      {"Content-Type": "application/x-www-form-urlencoded"}, form), http_ok()),
    ])
    # GDT ads: MD5 of the IMEI as muid, SHA-1 of the MAC, coarse location, in the query string
    resolve(tr, PHONE, 4, "mi.gdt.qq.com", "183.3.226.35")
    q = (f"/gdt_mview.fcg?muid={md5(IMEI)}&hash_mac={hashlib.sha1(PHONE_MAC.encode()).hexdigest()}"
         f"&lat={LAT:.2f}&lng={LON:.2f}&oaid=&posid=9040714184494018")
    tr.tcp_session(PHONE, 41004, "183.3.226.35", 80, [(http_request("GET", "mi.gdt.qq.com", q, {}), http_ok())])
    # Pangle and Facebook over TLS: only the names are visible without keys
    for i, (host, ip) in enumerate([("api-access.pangolin-sdk-toutiao.com", "161.117.71.8"),
                                    ("graph.facebook.com", "157.240.7.20")]):
        resolve(tr, PHONE, 5 + i, host, ip)
        tr.tcp_session(PHONE, 41010 + i, ip, 443, [(client_hello(host), b"\x16\x03\x03\x00\x04\x0e\x00\x00\x00")])
    return tr


def camera_trace() -> Trace:
    tr = Trace()
    prefix, serial, check = CAMERA_UID.split("-")
    uid = prefix.encode().ljust(8, b"\0") + int(serial).to_bytes(4, "big") + check.encode().ljust(8, b"\0")
    sockaddr = struct.pack("<HH4s8x", 2, 40_000, ipaddress.IPv4Address(CAMERA).packed[::-1])

    def pppp(mtype: int, body: bytes) -> bytes:
        return bytes([0xF1, mtype]) + len(body).to_bytes(2, "big") + body

    server = "120.24.59.150"
    tr.udp(CAMERA, 40000, server, 32100, pppp(0x00, b""))  # HELLO
    tr.udp(server, 32100, CAMERA, 40000, pppp(0x01, sockaddr))  # HELLO_ACK
    tr.udp(CAMERA, 40000, server, 32100, pppp(0x10, uid + b"\x00\x00\x00\x00" + sockaddr))  # DEV_LGN
    tr.udp(server, 32100, CAMERA, 40000, pppp(0x11, b"\x00\x00\x00\x00"))
    tr.udp(CAMERA, 40000, server, 32100, pppp(0xE0, b""))  # ALIVE
    tr.udp(CAMERA, 40000, "47.74.3.99", 32100, pppp(0x41, uid))  # PUNCH_PKT to a relay/peer
    tr.udp(CAMERA, 40000, "47.74.3.99", 32100, pppp(0xD0, b"\xd1\x00\x00\x01" + b"\x06\x0a\xa0\x80" + b"\0" * 16))
    # TUTK Kalay: the phone app asks a Kalay master where the camera is, then connects on the LAN
    # (IOTC datagrams are scrambled on the wire; the 20-character UID is inside)
    def iotc(command: bytes, size: int) -> bytes:
        b = bytearray(size)
        b[0:4] = b"\x04\x02\x19\x02"
        b[4:6] = (size - 16).to_bytes(2, "little")
        b[8:11] = command
        b[16:36] = KALAY_UID.encode()
        return kalay_scramble(bytes(b))

    tr.udp(PHONE, 50001, "50.19.254.134", 10001, iotc(b"\x03\x02\x34", 112))  # DEVICE_ADDR_REQ
    tr.udp(PHONE, 50002, CAMERA, 32761, iotc(b"\x01\x06\x21", 68))  # LAN_CONNECT_REQ
    tr.udp(CAMERA, 32761, PHONE, 50002, iotc(b"\x02\x06\x12", 200))  # LAN_CONNECT_RESP
    # MQTT cloud login: the device serial as client id, in clear on 1883
    resolve(tr, CAMERA, 7, "a1cam.iot-as-mqtt.cn-shanghai.aliyuncs.com", "106.15.83.20")

    def s(x: bytes) -> bytes:
        return len(x).to_bytes(2, "big") + x

    vh = s(b"MQTT") + bytes([4, 0xC2]) + (60).to_bytes(2, "big")
    pl = s(CAMERA_SERIAL.encode()) + s(f"{CAMERA_SERIAL}&a1cam".encode()) + s(b"9f8e7d6c5b4a")
    connect = bytes([0x10, len(vh) + len(pl)]) + vh + pl
    tr.tcp_session(CAMERA, 42001, "106.15.83.20", 1883, [(connect, b"\x20\x02\x00\x00")])
    # XMEye log server: serial and the camera's MAC in a JSON POST
    resolve(tr, CAMERA, 8, "logsvr.xmcsrv.net", "47.88.12.7")
    body = json.dumps({"sn": CAMERA_SERIAL, "mac": CAMERA_MAC, "Area": "Asia:China:Default"}).encode()
    tr.tcp_session(CAMERA, 42002, "47.88.12.7", 80, [
        (http_request("POST", "logsvr.xmcsrv.net", "/api/log", {"Content-Type": "application/json"}, body), http_ok()),
    ])
    return tr


def har() -> str:
    def entry(i: int, url: str, method: str, body: str, mime: str) -> dict[str, object]:
        return {
            "startedDateTime": f"2026-01-01T00:01:{i:02d}.000Z", "time": 42, "serverIPAddress": f"198.51.100.{10 + i}",
            "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1",
                        "headers": [{"name": "Content-Type", "value": mime}], "queryString": [], "cookies": [],
                        "headersSize": -1, "bodySize": len(body),
                        **({"postData": {"mimeType": mime, "text": body}} if body else {})},
            "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [],
                         "content": {"size": 2, "mimeType": "application/json", "text": "{}"}, "redirectURL": "",
                         "headersSize": -1, "bodySize": 2},
            "cache": {}, "timings": {"send": 1, "wait": 40, "receive": 1},
        }

    adjust = f"gps_adid={GAID}&android_id={ANDROID_ID}&mac_sha1={hashlib.sha1(PHONE_MAC.upper().encode()).hexdigest()}"
    af = json.dumps({"advertiserId": GAID, "uid": "1767225600000-1234567", "deviceData": {"arch": "arm64"}})
    entries = [entry(1, "https://app.adjust.com/session", "POST", adjust, "application/x-www-form-urlencoded"),
               entry(2, "https://launches.appsflyersdk.com/api/v6.9/androidevent?app_id=com.secuhome", "POST", af,
                     "application/json"),
               entry(3, "https://api.secuhome.example/v2/ping?t=1767225661000", "GET", "", "application/json")]
    return json.dumps({"log": {"version": "1.2", "creator": {"name": "privmon sample generator", "version": "1"},
                               "entries": entries}}, indent=1) + "\n"


def write_all() -> list[Path]:
    out = [DEMO / "phone-app.pcap", DEMO / "camera-p2p.pcapng", DEMO / "phone-app.har"]
    phone_trace().write_pcap(out[0])
    camera_trace().write_pcapng(out[1])
    out[2].write_text(har(), encoding="utf-8")
    return out


def update_expected() -> None:
    """Analyze each sample alone and store its report (paths made relative) under captures/expected/."""
    import subprocess
    import tempfile

    exp = HERE / "expected"
    exp.mkdir(exist_ok=True)
    for cap in write_all():
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "x.db"
            subprocess.run([sys.executable, "-m", "monitor", "analyze", str(cap), "--db", str(db), "-q", "--profile",
                            str(DEMO / "demo-profile.toml")], check=True)
            rep = subprocess.run([sys.executable, "-m", "monitor", "report", "--db", str(db), "--format", "json",
                                  "--policy", str(DEMO / "demo-policy.txt")], check=True, capture_output=True, text=True)
        (exp / f"{cap.name}.json").write_text(normalize_report(rep.stdout), encoding="utf-8")


def normalize_report(text: str) -> str:
    """The report without what varies between machines (absolute paths)."""
    rep = json.loads(text)
    for c in rep["captures"]:
        c["path"] = Path(c["path"]).name
    for f in rep["findings"]:
        f["capture"] = Path(f["capture"]).name
    if rep.get("policy"):
        rep["policy"]["source"] = Path(rep["policy"]["source"]).name
    return json.dumps(rep, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    if "--update-expected" in sys.argv:
        update_expected()
    else:
        for p in write_all():
            print(p)
