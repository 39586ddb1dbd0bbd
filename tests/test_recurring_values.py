"""A value already classified in a capture is recognized wherever it recurs, with the first finding
as the reason; app-install UUIDs under udid/client-uid keys (issue 17, item 7)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from engine_run import run
from pcapgen import eth, ip4, pcap, tcp, write

ROOT = Path(__file__).resolve().parent.parent
GAID = "5a1c9e4b-7d23-4f8a-b6e1-0c2d9f3a7b54"
PHONE = "192.168.1.20"


def post(dst: str, port: int, path: str, body: dict[str, object], seq: int = 1) -> list[bytes]:
    data = json.dumps(body).encode()
    req = (f"POST {path} HTTP/1.1\r\nHost: {dst}\r\nContent-Type: application/json\r\n"
           f"Content-Length: {len(data)}\r\n\r\n").encode() + data
    ip = {"a.example": "203.0.113.1", "b.example": "203.0.113.2", "c.example": "203.0.113.3"}[dst]
    return [eth(ip4(PHONE, ip, 6, tcp(40000 + seq, port, 0, flags=0x02))),
            eth(ip4(ip, PHONE, 6, tcp(port, 40000 + seq, 0, flags=0x12))),
            eth(ip4(PHONE, ip, 6, tcp(40000 + seq, port, 1, data=req)))]


def test_a_gaid_recurs_under_other_keys_with_the_first_finding_as_reason() -> None:
    frames = (post("a.example", 80, "/v1/ads", {"gaid": GAID, "os": "android"}, 1)
              + post("b.example", 80, "/collect", {"_aid": GAID, "ev": "open"}, 2)
              + post("c.example", 80, "/t", {"ctx": {"aid": GAID.upper()}}, 3))
    findings, _ = run(frames)
    got = sorted((f.host, f.type, f.location) for f in findings)
    assert got == [("a.example", "gaid", "json:$.gaid"), ("b.example", "gaid", "json:$._aid"),
                   ("c.example", "gaid", "json:$.ctx.aid")]
    first = next(f for f in findings if f.host == "a.example")
    later = [f for f in findings if f.host != "a.example"]
    assert first.reason == ""
    assert all("gaid" in f.reason and "json:$.gaid" in f.reason and "(frames 3, " in f.reason
               and "a.example" in f.reason for f in later)
    # before the value was classified anywhere, `_aid` alone names nothing
    assert run(post("b.example", 80, "/collect", {"_aid": GAID}, 2))[0] == []


def test_a_value_met_before_it_was_classified_is_recognized_when_it_recurs_after() -> None:
    """What a value is compared as is remembered per value (a request repeats the values of the one before);
    whether it is an identifier is asked again every time."""
    frames = (post("b.example", 80, "/collect", {"_aid": GAID, "ev": "open"}, 1)
              + post("a.example", 80, "/v1/ads", {"gaid": GAID}, 2)
              + post("b.example", 80, "/collect", {"_aid": GAID, "ev": "close"}, 3))
    got = sorted((f.host, f.type, f.location, f.evidence) for f in run(frames)[0])
    assert got == [("a.example", "gaid", "json:$.gaid", "frames 6"), ("b.example", "gaid", "json:$._aid", "frames 9")]


def test_recurrence_is_not_claimed_from_decoy_keys_or_short_values() -> None:
    frames = (post("a.example", 80, "/v1", {"gaid": GAID, "imsi": "460011234567890"}, 1)
              + post("b.example", 80, "/v2", {"request_id": GAID, "n": "4600"}, 2))
    assert {f.host for f in run(frames)[0]} == {"a.example"}


def test_app_install_uuids_under_udid_and_client_uid() -> None:
    uuid = "e82179fc-96a9-4c3c-8c19-f69fdd8da812"
    frames = (post("a.example", 80, "/reg", {"udid": uuid}, 1)
              + post("b.example", 80, "/reg", {"client-uid": uuid.upper()}, 2)
              + post("c.example", 80, "/reg", {"clientudid": "c6ac022a-d515-4083-a48e-a87c30d691c6",
                                                "session_uuid": "babce986-5185-48d7-ac9d-55b3b64cb423"}, 3))
    findings, _ = run(frames)
    got = sorted((f.host, f.type, f.value) for f in findings)
    assert got == [("a.example", "device_uid", uuid), ("b.example", "device_uid", uuid.upper())]


def test_reason_reaches_the_json_report(tmp_path: Path) -> None:
    frames = (post("a.example", 80, "/v1/ads", {"gaid": GAID}, 1) + post("b.example", 80, "/c", {"_aid": GAID}, 2))
    cap = write(tmp_path / "r.pcap", pcap([(float(i), f) for i, f in enumerate(frames, 1)]))
    db = tmp_path / "r.db"
    subprocess.run([sys.executable, "-m", "monitor", "analyze", str(cap), "--db", str(db), "-q"], check=True, cwd=ROOT)
    rows = sqlite3.connect(db).execute("SELECT host, reason FROM findings ORDER BY host").fetchall()
    assert rows[0] == ("a.example", "") and "gaid" in rows[1][1]
    out = subprocess.run([sys.executable, "-m", "monitor", "report", "--db", str(db), "--format", "json"],
                         check=True, cwd=ROOT, capture_output=True, text=True).stdout
    rep = json.loads(out)
    assert sorted(f["reason"] != "" for f in rep["findings"]) == [False, True]


def test_reason_is_shown_in_html_and_markdown(tmp_path: Path) -> None:
    frames = (post("a.example", 80, "/v1/ads", {"gaid": GAID}, 1) + post("b.example", 80, "/c", {"_aid": GAID}, 2))
    cap = write(tmp_path / "r.pcap", pcap([(float(i), f) for i, f in enumerate(frames, 1)]))
    db = tmp_path / "r.db"
    subprocess.run([sys.executable, "-m", "monitor", "analyze", str(cap), "--db", str(db), "-q"], check=True, cwd=ROOT)
    for fmt in ("html", "md"):
        out = subprocess.run([sys.executable, "-m", "monitor", "report", "--db", str(db), "--format", fmt],
                             check=True, cwd=ROOT, capture_output=True, text=True).stdout
        assert "same value as the gaid found at json:$.gaid" in out, fmt
