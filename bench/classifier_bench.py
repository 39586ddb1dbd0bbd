"""Classifier alone: decode + identifier scan per request, with and without a 3-device profile (one core).

    python bench/classifier_bench.py [--seconds 5]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout, not another install

import argparse
import gzip
import json
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


def requests() -> list[HttpExchange]:
    c, s = Endpoint("10.42.0.23", 40000), Endpoint("203.0.113.5", 443)
    body = json.dumps({"header": {"appkey": "5f3c", "channel": "huawei", "os_version": "12", "resolution": "1080*2340",
                                  "idmd5": "AF2D48F2495881AED1737BB21017F9B6", "mac": "a4:5e:60:c1:22:9f"},
                       "events": [{"id": "launch", "ts": 1767225600123 + i, "du": 3} for i in range(10)]}).encode()
    return [
        HttpExchange(1.0, c, s, "GET", "mi.gdt.qq.com", "/gdt_mview.fcg?posid=9040714184494018&muid="
                     "af2d48f2495881aed1737bb21017f9b6&c_os=android&lat=22.54&lng=114.06&net=wifi",
                     (("User-Agent", "Mozilla/5.0 (Linux; Android 12)"),)),
        HttpExchange(1.0, c, s, "POST", "ulogs.umeng.com", "/unify_logs", (("Content-Type", "application/json"),
                     ("Content-Encoding", "gzip")), gzip.compress(body)),
        HttpExchange(1.0, c, s, "POST", "app.adjust.com", "/session", (("Content-Type",
                     "application/x-www-form-urlencoded"),), b"gps_adid=38400000-8cf0-11bd-b23e-10b96e40000d&"
                     b"android_id=3f6a2b9c81d04e57&created_at=2026-01-01T00%3A00%3A00.000Z&event_buffering_enabled=0"),
    ]


def run(det: Detector, reqs: list[HttpExchange], seconds: float) -> float:
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for r in reqs:
            det.scan(fields_of_http(r))
        n += len(reqs)
    return n / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=5)
    a = ap.parse_args()
    reqs = requests()
    rules = load_rules().identifiers
    print(f"without profile: {run(Detector(rules, EMPTY_PROFILE), reqs, a.seconds):,.0f} requests/s")
    print(f"with a 3-device profile: {run(Detector(rules, profile_from_dict(PROFILE)), reqs, a.seconds):,.0f} requests/s")


if __name__ == "__main__":
    main()
