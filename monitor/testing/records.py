"""Findings, destinations and messages with every field a test does not care about filled in.

    finding(1, "imei", sdk="jpush", category="push")          # a Finding, read through TLS
    finding(2, "email", cleartext=True, url="http://x/feedback")
    destination(host="api.example", ip="192.0.2.7", country="CN")
"""

from __future__ import annotations

from typing import Any

from monitor.records import Destination, Finding, MessageRecord


def finding(id: int = 1, type: str = "imei", *, value: str = "x", ts: float = 100.0, cleartext: bool = False,
            **fields: Any) -> Finding:
    """A finding seen at `ts`; `cleartext` picks the protocol (http, else https) unless `protocol` is given."""
    base: dict[str, Any] = {
        "transform": "plain", "location": "", "confidence": "pattern", "host": "", "ip": "", "port": 443,
        "protocol": "http" if cleartext else "https", "sdk": "", "category": "", "owner": "", "sender": "",
        "first_ts": ts, "last_ts": ts, "evidence": "",
    }
    base.update(fields)
    return Finding(type=type, value=value, id=id, **base)


def destination(**fields: Any) -> Destination:
    base: dict[str, Any] = {
        "host": "", "ip": "", "port": 443, "transport": "tcp", "protocol": "tls", "sdk": "", "organization": "",
        "category": "unknown", "country": "", "role": "", "reason": "", "bytes_out": 0, "bytes_in": 0, "packets": 0,
        "first_ts": None, "last_ts": None,
    }
    base.update(fields)
    return Destination(**base)


def message(id: int = 1, kind: str = "http", ts: float = 1.0, **fields: Any) -> MessageRecord:
    base: dict[str, Any] = {"client_ip": "10.0.0.2", "client_port": 40000, "server_ip": "192.0.2.1",
                            "server_port": 80, "transport": "tcp", "protocol": "http", "host": ""}
    base.update(fields)
    return MessageRecord(id=id, kind=kind, ts=ts, **base)
