"""Classifier alone: decode + identifier scan per request, with and without a 3-device profile (one core).

    python bench/classifier_bench.py [--seconds 5] [--fresh] [--check OTHER_CHECKOUT]

--fresh gives each round of the three requests its own timestamp and signature (an MD5 hex, as SDKs sign
requests), the device's ids unchanged: what an SDK sends request after request, where the plain run repeats
the same three requests (and what privmon remembers of values met before serves every round).

--check runs the bench's request set through this checkout's decoder and detector and through
another checkout's (say `git archive main | tar -x -C /tmp/main`) and fails when the fields or
hits differ in anything (location, key, value, transforms; type, value, transform, location,
confidence, device, canonical, reason), with and without the profile.
"""

from __future__ import annotations

import sys
from pathlib import Path

# this checkout, not another install (or the one --root names: --check runs the bench's twin in it)
sys.path.insert(0, sys.argv[sys.argv.index("--root") + 1] if "--root" in sys.argv[:-1]
                else str(Path(__file__).resolve().parent.parent))

import argparse
import gzip
import hashlib
import json
import subprocess
import time

from monitor.classify.identifiers import Detector
from monitor.decode import fields_of_http
from monitor.model import Endpoint, HttpExchange
from monitor.profile import EMPTY_PROFILE, profile_from_dict
from monitor.rules.load import load_rules

PROFILE = {"device": [
    {"name": "phone", "imei": "356938035643809", "mac": "a4:5e:60:c1:22:9f", "android_id": "3f6a2b9c81d04e57",
     "gaid": "38400000-8cf0-11bd-b23e-10b96e40000d", "email": "lab@example.org", "phone_number": "+8613800138000",
     "latitude": 22.5431, "longitude": 114.0579},
    {"name": "tablet", "imei": "490154203237518", "mac": "3c:5a:b4:12:9e:07", "oaid": "e7c3a9f1-2b4d-4c8e-9a6f-1d3e5b7c9a0b"},
    {"name": "camera", "mac": "00:12:34:56:78:9a", "device_uid": "ABCD-123456-EFGHJ", "serial": "XMC5A2B7E91F0D34"},
]}


def requests(n: int | None = None) -> list[HttpExchange]:
    """The three requests; with n, round n's (its own timestamps and signature, see --fresh)."""
    c, s = Endpoint("10.42.0.23", 40000), Endpoint("203.0.113.5", 443)
    header = {"appkey": "5f3c", "channel": "huawei", "os_version": "12", "resolution": "1080*2340",
              "idmd5": "AF2D48F2495881AED1737BB21017F9B6", "mac": "a4:5e:60:c1:22:9f"}
    sign, t = (hashlib.md5(str(n).encode()).hexdigest(), 1000 * n) if n is not None else ("", 0)
    if sign:
        header["sign"] = sign
    body = json.dumps({"header": header,
                       "events": [{"id": "launch", "ts": 1767225600123 + t + i, "du": 3} for i in range(10)]}).encode()
    query = f"&t={1767225600 + t}&sign={sign}" if sign else ""
    created = f"T00%3A{n // 60 % 60:02d}%3A{n % 60:02d}" if n is not None else "T00%3A00%3A00"
    return [
        HttpExchange(1.0, c, s, "GET", "mi.gdt.qq.com", "/gdt_mview.fcg?posid=9040714184494018&muid="
                     "af2d48f2495881aed1737bb21017f9b6&c_os=android&lat=22.54&lng=114.06&net=wifi" + query,
                     (("User-Agent", "Mozilla/5.0 (Linux; Android 12)"),)),
        HttpExchange(1.0, c, s, "POST", "ulogs.umeng.com", "/unify_logs", (("Content-Type", "application/json"),
                     ("Content-Encoding", "gzip")), gzip.compress(body, mtime=0)),
        HttpExchange(1.0, c, s, "POST", "app.adjust.com", "/session", (("Content-Type",
                     "application/x-www-form-urlencoded"),), b"gps_adid=38400000-8cf0-11bd-b23e-10b96e40000d&"
                     b"android_id=3f6a2b9c81d04e57&created_at=2026-01-01" + created.encode() + b".000Z&"
                     b"event_buffering_enabled=0" + (b"&sign=" + sign.encode() if sign else b"")),
    ]


def run(det: Detector, rounds: list[list[HttpExchange]], seconds: float) -> float:
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for reqs in rounds:
            for r in reqs:
                det.scan(fields_of_http(r))
            n += len(reqs)
    return n / (time.perf_counter() - start)


def dump(reqs: list[HttpExchange]) -> str:
    """Every field and hit of the request set, with and without the profile, one line per request."""
    lines = []
    rules = load_rules().identifiers
    for name, det in (("none", Detector(rules, EMPTY_PROFILE)), ("profile", Detector(rules, profile_from_dict(PROFILE)))):
        for r in reqs:
            fl = fields_of_http(r)
            lines.append(repr((name, [(f.location, f.key, f.value, f.transforms) for f in fl], fl.truncated,
                               [(h.type, h.value, h.transform, h.location, h.confidence, h.device, h.canonical,
                                 h.reason) for h in det.scan(fl)])))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--fresh", action="store_true", help="a new timestamp and signature in every round's requests")
    ap.add_argument("--check", metavar="DIR", help="compare fields and hits with the checkout in DIR, then exit")
    ap.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--root", help=argparse.SUPPRESS)
    a = ap.parse_args()
    reqs = requests()
    rules = load_rules().identifiers
    if a.dump:
        print(dump(reqs))
        return
    if a.check:
        other = subprocess.run([sys.executable, __file__, "--dump", "--root", a.check], capture_output=True,
                               text=True, check=True, timeout=300).stdout.strip()
        mine = dump(reqs)
        if other != mine:
            print(f"DIFFERENT from {a.check}:\n--- {a.check}\n{other}\n--- this checkout\n{mine}")
            sys.exit(1)
        print(f"same fields and hits as {a.check} ({mine.count(chr(10)) + 1} request scans)")
        return
    rounds = [requests(n) for n in range(2000)] if a.fresh else [reqs]
    print(f"without profile: {run(Detector(rules, EMPTY_PROFILE), rounds, a.seconds):,.0f} requests/s")
    print(f"with a 3-device profile: {run(Detector(rules, profile_from_dict(PROFILE)), rounds, a.seconds):,.0f} "
          "requests/s")


if __name__ == "__main__":
    main()
