"""Resolution inside HTTP (HTTPDNS services, DNS over HTTPS) names the bare IPs an app then connects to."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pcapgen import eth, ip4, pcap, tcp

from monitor.model import Endpoint, HttpExchange
from monitor.sources.httpdns import dns_from_http

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "captures"))
from make_samples import dns_response  # noqa: E402


def exchange(path: str, body: bytes, ctype: str = "text/html", host: str = "119.29.29.29",
             status: int = 200) -> HttpExchange:
    return HttpExchange(ts=5.0, client=Endpoint("10.42.0.23", 40000), server=Endpoint("119.29.29.29", 80),
                        method="GET", host=host, path=path, request_headers=(), request_body=b"", status=status,
                        response_headers=(("Content-Type", ctype),), response_body=body, evidence="frames 3,5")


def resolved(m: HttpExchange) -> tuple[str, list[str]] | None:
    got = dns_from_http(m)
    return None if got is None else (got.qname, [a[2] for a in got.answers])


@pytest.mark.parametrize(("path", "body", "ctype", "expected"), [
    # Tencent DNSPod: "ip;ip", TTL after a comma when asked for
    ("/d?dn=sis.jpush.cn", b"47.74.1.2;47.74.1.3", "text/html", ("sis.jpush.cn", ["47.74.1.2", "47.74.1.3"])),
    ("/d?dn=sis.jpush.cn&ttl=1", b"47.74.1.2,120", "text/html", ("sis.jpush.cn", ["47.74.1.2"])),
    # Alibaba Cloud: JSON with host and ips
    ("/139450/d?host=api.tuyacn.com", json.dumps({"host": "api.tuyacn.com", "ips": ["47.100.1.1"], "ttl": 60}).encode(),
     "application/json", ("api.tuyacn.com", ["47.100.1.1"])),
    # several names in one reply, keyed by name
    ("/v3/resolve?dn=hm.baidu.com", json.dumps({"data": {"hm.baidu.com": {"ip": ["180.101.1.1"]}}}).encode(),
     "application/json", ("hm.baidu.com", ["180.101.1.1"])),
    # JSON DNS over HTTPS
    ("/dns-query?name=stats.jpush.cn&type=A", json.dumps({"Status": 0, "Question": [{"name": "stats.jpush.cn.", "type": 1}],
                                                          "Answer": [{"name": "stats.jpush.cn.", "type": 1, "TTL": 60,
                                                                      "data": "198.51.100.7"}]}).encode(),
     "application/dns-json", ("stats.jpush.cn", ["198.51.100.7"])),
    # RFC 8484 DNS over HTTPS: a DNS message as the body
    ("/dns-query?dns=AAAB", dns_response(1, "im64.jpush.cn", [], "203.0.113.64"), "application/dns-message",
     ("im64.jpush.cn", ["203.0.113.64"])),
])
def test_httpdns_and_doh_replies_are_read(path: str, body: bytes, ctype: str, expected: tuple) -> None:
    assert resolved(exchange(path, body, ctype)) == expected


@pytest.mark.parametrize(("path", "body", "ctype", "status"), [
    ("/api/v1/config?host=app.example.com", json.dumps({"host": "app.example.com", "ip": "1.2.3.4"}).encode(),
     "application/json", 200),  # not a resolver endpoint
    ("/d?dn=sis.jpush.cn", b"9f3b2c4d5e6a7b8c9d0e1f2a3b4c5d6e", "text/html", 200),  # encrypted HTTPDNS reply
    ("/d?dn=sis.jpush.cn", b"47.74.1.2;not-an-ip", "text/html", 200),
    ("/d?dn=sis.jpush.cn", b"47.74.1.2", "text/html", 403),
    ("/d?dn=<script>", b"47.74.1.2", "text/html", 200),  # the asked name must be a host name
])
def test_what_is_not_a_resolution_is_ignored(path: str, body: bytes, ctype: str, status: int) -> None:
    assert resolved(exchange(path, body, ctype, status=status)) is None


@pytest.mark.parametrize(("path", "host", "expected"), [
    ("/d\t?dn=sis.jpush.cn", "119.29.29.29", ("sis.jpush.cn", ["47.74.1.2"])),  # a tab the URL parser drops
    ("/d#x?dn=sis.jpush.cn", "119.29.29.29", None),  # a fragment: no query
    ("/139450/d?dn=sis.jpush.cn", "119.29.29.29", ("sis.jpush.cn", ["47.74.1.2"])),
    ("http://119.29.29.29/d?dn=sis.jpush.cn", "119.29.29.29", ("sis.jpush.cn", ["47.74.1.2"])),  # absolute form
    ("/x?next=/d&dn=sis.jpush.cn", "119.29.29.29", None),  # "/d" in the query is no resolver path
    ("/lookup?dn=sis.jpush.cn", "httpdns.example.cn", ("sis.jpush.cn", ["47.74.1.2"])),  # a resolver by its name
    ("/lookup?dn=sis.jpush.cn", "119.29.29.29", None),
])
def test_the_resolver_path_is_the_urls_path_as_a_url_parser_reads_it(path: str, host: str, expected: tuple) -> None:
    assert resolved(exchange(path, b"47.74.1.2", host=host)) == expected


def test_a_raw_connection_to_an_ip_from_httpdns_is_attributed(tmp_path: Path) -> None:
    phone, resolver, push = "10.42.0.23", "119.29.29.29", "47.74.1.2"
    req = b"GET /d?dn=im64.jpush.cn HTTP/1.1\r\nHost: 119.29.29.29\r\n\r\n"
    resp = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\n47.74.1.2"
    frames = [(1.0, eth(ip4(phone, resolver, 6, tcp(40000, 80, 0, 0x02)))),
              (1.1, eth(ip4(phone, resolver, 6, tcp(40000, 80, 1, data=req)))),
              (1.2, eth(ip4(resolver, phone, 6, tcp(80, 40000, 1, data=resp)))),
              (2.0, eth(ip4(phone, push, 6, tcp(40001, 3000, 0, 0x02)))),
              (2.1, eth(ip4(phone, push, 6, tcp(40001, 3000, 1, data=bytes(range(7, 71))))))]
    cap = tmp_path / "httpdns.pcap"
    cap.write_bytes(pcap(frames))
    db = tmp_path / "x.db"
    out = subprocess.run([sys.executable, "-m", "monitor", "analyze", str(cap), "--db", str(db), "-q"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT host, sdk, reason FROM destinations WHERE ip = ?", (push,)).fetchone() == (
        "im64.jpush.cn", "jpush", "dns host suffix jpush.cn")
    assert con.execute("SELECT qname, value FROM dns").fetchall() == [("im64.jpush.cn", push)]
    # the resolver itself stays one HTTP destination, not an extra DNS one
    assert con.execute("SELECT count(*) FROM destinations WHERE ip = ?", (resolver,)).fetchone() == (1,)
