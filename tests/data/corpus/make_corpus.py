"""Labeled corpus for identifier detection: SDK-style requests with planted identifiers and decoys.

    python tests/data/corpus/make_corpus.py   # writes corpus.har, truth.json and profile.toml beside it

Every planted identifier is recorded in truth.json with its HAR entry, type, form and whether a
pattern (no profile) can be expected to find it; every decoy is recorded too. Fixed seed: the
files are identical on every run. The request shapes follow the key names and encodings SDKs are
documented to use (../shared/research/destinations.md section C); the values are synthetic.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import random
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
DEV = {"imei": "490154203237518", "mac": "3c:5a:b4:12:9e:07", "android_id": "8f3c2a1b9d7e6f05",
       "gaid": "6f8a2c4e-91b3-4d7a-8e2f-0c1d3b5a7e9f", "oaid": "e7c3a9f1-2b4d-4c8e-9a6f-1d3e5b7c9a0b",
       "idfa": "A3F1C9E2-7B4D-4E8A-9C6F-2D1E3B5A7C90", "email": "tester.one@lab.example.net",
       "phone_number": "+8613912345678", "device_uid": "EFGH-654321-KMNPR", "iccid": "89860318740214556218",
       "imsi": "460011234567890", "serial": "R58M41ABCDE"}
LAT, LON = 31.2304, 121.4737
T0 = "2026-02-01T08:00:{:02d}.000Z"


def md5(s: str) -> str:
    return hashlib.md5(s.encode()).hexdigest()


def sha1(s: str) -> str:
    return hashlib.sha1(s.encode()).hexdigest()


def sha256(s: str) -> str:
    return hashlib.sha256(s.encode()).hexdigest()


def b64(s: str, urlsafe: bool = False, pad: bool = True) -> str:
    out = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(s.encode()).decode()
    return out if pad else out.rstrip("=")


class Corpus:
    def __init__(self) -> None:
        self.entries: list[dict[str, object]] = []
        self.truth: list[dict[str, object]] = []
        self.decoys: list[dict[str, object]] = []

    def add(self, url: str, body: str | bytes = "", mime: str = "application/json", headers: dict[str, str] | None = None,
            planted: list[tuple[str, str, bool]] = (), decoys: list[str] = (), b64body: bool = False) -> None:
        i = len(self.entries) + 1
        hdrs = [{"name": "Content-Type", "value": mime}] + [{"name": k, "value": v} for k, v in (headers or {}).items()]
        text = base64.b64encode(body).decode() if isinstance(body, bytes) else body
        post = {"mimeType": mime, "text": text, **({"encoding": "base64"} if isinstance(body, bytes) else {})}
        self.entries.append({
            "startedDateTime": T0.format(i % 60), "time": 10, "request": {
                "method": "POST" if body else "GET", "url": url, "httpVersion": "HTTP/1.1", "headers": hdrs,
                "queryString": [], "cookies": [], "headersSize": -1, "bodySize": len(text),
                **({"postData": post} if body else {})},
            "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [],
                         "content": {"size": 0, "mimeType": "text/plain"}, "redirectURL": "", "headersSize": -1,
                         "bodySize": 0}, "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 0}})
        for type_id, form, by_pattern in planted:
            self.truth.append({"entry": i, "type": type_id, "form": form, "pattern_detectable": by_pattern})
        for d in decoys:
            self.decoys.append({"entry": i, "what": d})


def build() -> Corpus:
    rnd = random.Random(20260201)
    c = Corpus()
    d = DEV
    # plain values under their usual keys, in query strings and JSON (Umeng, JPush, AppsFlyer, Adjust shapes)
    c.add(f"http://alog.umeng.com/app_logs?imei={d['imei']}&mac={quote(d['mac'])}&android_id={d['android_id']}",
          planted=[("imei", "query plain", True), ("mac", "query urlencoded", True), ("android_id", "query", True)])
    c.add("https://launches.appsflyersdk.com/api/v6.9/androidevent",
          json.dumps({"advertiserId": d["gaid"], "oaid": d["oaid"], "uid": "1767225600000-1234567"}),
          planted=[("gaid", "json key advertiserId", True), ("oaid", "json key oaid", True)],
          decoys=["appsflyer uid (timestamp-random)"])
    c.add("https://app.adjust.com/session", f"gps_adid={d['gaid']}&mac_sha1={sha1(d['mac'].upper())}"
          f"&mac_md5={md5(d['mac'].replace(':', ''))}&android_id={d['android_id']}",
          "application/x-www-form-urlencoded",
          planted=[("gaid", "form", True), ("mac", "sha1 of upper-case MAC", True), ("mac", "md5 without colons", False),
                   ("android_id", "form", True)])
    # hashed and encoded forms (GDT muid, Umeng idmd5, Kuaishou macros)
    c.add(f"http://mi.gdt.qq.com/gdt_mview.fcg?muid={md5(d['imei'])}&hash_android_id={md5(d['android_id'])}",
          planted=[("imei", "md5 hex under muid", True), ("android_id", "md5 hex", True)])
    c.add("http://ulogs.umeng.com/unify_logs", json.dumps({"header": {"idmd5": md5(d["imei"]).upper(),
                                                                      "device_id": sha256(d["imei"])}}),
          planted=[("imei", "md5 upper under idmd5", True), ("imei", "sha256 under device_id", False)])
    c.add("http://api.example-sdk.cn/v1/d", json.dumps({"d1": b64(d["imei"]), "d2": b64(d["mac"], True, False),
                                                         "d3": d["imei"].encode().hex(), "d4": d["imei"][::-1]}),
          planted=[("imei", "base64 std", False), ("mac", "base64 url-safe unpadded", False),
                   ("imei", "hex of the string", False), ("imei", "reversed", False)])
    c.add("http://api.example-sdk.cn/v1/h", json.dumps({"k": base64.b64encode(hashlib.md5(d["gaid"].encode()).digest())
                                                         .decode(), "x": sha256(d["gaid"].upper()).upper()}),
          planted=[("gaid", "base64 of md5 digest", False), ("gaid", "sha256 upper of upper", False)])
    # nesting: gzip body, base64(gzip(json)) form field (Sensors Data), JSON in a query value, multipart file
    inner = base64.b64encode(gzip.compress(json.dumps({"$device_id": d["android_id"], "imei": d["imei"],
                                                       "lat": LAT, "lng": LON}).encode(), mtime=0)).decode()
    c.add("https://sa.example-analytics.cn/sa?project=prod", f"data_list={quote(inner)}&gzip=1",
          "application/x-www-form-urlencoded",
          planted=[("android_id", "base64>gzip>json", False), ("imei", "base64>gzip>json", True),
                   ("location_precise", "base64>gzip>json lat/lng", True)])
    c.add("http://stats.jpush.cn/v3/report", gzip.compress(json.dumps({"device": {"ids": [d["imei"], d["mac"]],
                                                                                  "sim": {"iccid": d["iccid"], "imsi": d["imsi"]}}}).encode(), mtime=0),
          headers={"Content-Encoding": "gzip"},
          planted=[("imei", "gzip json array", True), ("mac", "gzip json array", True), ("iccid", "gzip json", True),
                   ("imsi", "gzip json key imsi", True)])
    q = quote(json.dumps({"user": {"phone": d["phone_number"], "mail": d["email"]}}))
    c.add(f"http://api.example-app.com/login?ctx={q}", planted=[("phone_number", "json in query", True),
                                                               ("email", "json in query", True)])
    boundary = "XyZ123"
    mp = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"meta\"\r\n\r\nandroid_id={d['android_id']}\r\n"
          f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logcat.txt\"\r\n"
          f"Content-Type: text/plain\r\n\r\nI/Device( 123): serial={d['serial']} wifi={d['mac'].upper()}\r\n"
          f"--{boundary}--\r\n")
    c.add("https://android.bugly.qq.com/rqd/async", mp, f"multipart/form-data; boundary={boundary}",
          planted=[("android_id", "multipart form field", True), ("serial", "multipart log file", False),
                   ("mac", "multipart log file, upper case", True)])
    # headers, cookies, path segments, XML
    c.add(f"http://api.example-sdk.cn/u/{d['android_id']}/ping", headers={"X-Device-IMEI": d["imei"],
                                                                           "Cookie": f"sid=abc; oaid={d['oaid']}"},
          planted=[("android_id", "path segment", False), ("imei", "header", True), ("oaid", "cookie", True)])
    c.add("http://api.example-sdk.cn/xml", f"<req><imei>{d['imei']}</imei><mac>{d['mac']}</mac></req>", "text/xml",
          planted=[("imei", "xml element", True), ("mac", "xml element", True)])
    # location at several precisions, lat/lng pairs in one string, and the camera UID leaving the phone
    c.add(f"http://api.example-map.cn/loc?location={LON:.3f},{LAT:.3f}",
          planted=[("location_precise", "lng,lat string 3 decimals", True)])
    c.add(f"http://api.example-map.cn/loc2?lat={LAT:.2f}&lon={LON:.2f}",
          planted=[("location_coarse", "2 decimals", True)])
    c.add("http://api.example-app.com/bind", json.dumps({"camera": {"did": d["device_uid"], "iosIdfa": d["idfa"]},
                                                          "idfa": d["idfa"]}),
          planted=[("device_uid", "CS2 UID under did", True), ("idfa", "json key idfa", True)])
    # decoys only: order ids, timestamps, request ids, tokens, prices and versions, placeholders, file names
    luhn_order = "356938035643809"
    c.add(f"http://api.example-shop.com/order?order_id={luhn_order}&ts=1767225600123&price=22.54",
          headers={"X-Request-Id": "7d3f0c6e-1c1b-4f61-9a44-2b1f3c4d5e6f",
                   "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
          decoys=["Luhn-valid 15 digits under order_id", "13-digit ms timestamp", "X-Request-Id UUID", "traceparent",
                  "price"])
    c.add("http://api.example-app.com/cfg", json.dumps({"version": "114.05", "build": "31.23", "gaid": "00000000-0000-"
                                                        "0000-0000-000000000000", "mac": "02:00:00:00:00:00",
                                                        "token": md5("session-1"), "lat": 0.0, "lng": 0.0,
                                                        "file": "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f.jpg"}),
          decoys=["version like a coordinate", "zero GAID", "placeholder MAC", "session token md5", "0,0 location",
                  "UUID file name"])
    c.add("http://cdn.example-app.com/img/6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b.png?v=3.2.1",
          decoys=["UUID in a path"])
    for _ in range(6):  # random numeric noise: 15-digit numbers that fail the Luhn check, under neutral keys
        n = "".join(rnd.choice("0123456789") for _ in range(14))
        bad = n + str((10 - int(n[-1])) % 10) if False else n + "0"
        while _luhn(bad):
            bad = bad[:-1] + str((int(bad[-1]) + 1) % 10)
        c.add(f"http://api.example-app.com/evt?id={bad}&seq={rnd.randint(1, 9999)}", decoys=["non-Luhn 15 digits"])
    return c


def _luhn(s: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(s)):
        v = int(ch) * (2 if i % 2 else 1)
        total += v - 9 if v > 9 else v
    return total % 10 == 0


def write() -> None:
    c = build()
    (HERE / "corpus.har").write_text(json.dumps({"log": {"version": "1.2", "creator": {"name": "privmon corpus",
                                                                                        "version": "1"},
                                                         "entries": c.entries}}, indent=1) + "\n", encoding="utf-8")
    (HERE / "truth.json").write_text(json.dumps({"planted": c.truth, "decoys": c.decoys}, indent=1) + "\n",
                                     encoding="utf-8")
    prof = ["[[device]]", 'name = "corpus-phone"'] + [f'{k} = "{v}"' for k, v in DEV.items()]
    prof += [f"latitude = {LAT}", f"longitude = {LON}"]
    (HERE / "profile.toml").write_text("\n".join(prof) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
    print("corpus written")
