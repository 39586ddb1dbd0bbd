"""Build the contract's JSON report (schema privmon.report/1) from a database and a policy."""

from __future__ import annotations

import json
import re
from typing import Any

from monitor import __version__
from monitor.model import Policy
from monitor.report.safe import Redactor, mask
from monitor.store import Store

__all__ = ["SCHEMA", "build_report", "evidence_messages", "mask", "policy_json"]

SCHEMA = "privmon.report/1"


def build_report(store: Store, policy: Policy | None = None, redact: bool = False,
                 signatures_version: str = "", consent_ts: float | None = None,
                 labels: list[Any] | None = None, sharing: str = "service-providers") -> dict[str, Any]:
    """The contract's report; consent_ts overrides the consent moment stored in the database.

    With store labels (monitor.labels.Label), the label blocks are added (monitor.labels.report).
    With redact, every identifier value of the database is masked wherever it appears in the report
    (a finding's URL, location, evidence, capture warnings, label verdicts), not only in its own finding.
    """
    consent = consent_ts if consent_ts is not None else store.consent_ts()
    captures = [_capture(c) for c in store.captures()]
    destinations = [_destination(d) for d in store.destinations()]
    findings = [_finding(f) for f in store.findings()]
    policy_obj = policy_json(policy) if policy else None
    verdicts: list[dict[str, Any]] = []
    if policy is not None:
        from monitor.compare import compute_verdicts

        verdicts = compute_verdicts(policy, findings, destinations, consent)
    report = {
        "schema": SCHEMA,
        "generator": {"name": "privmon", "version": __version__, "signatures": signatures_version,
                      "country_data": store.meta("country_data") or ""},
        "consent_ts": consent,
        "captures": captures,
        "destinations": destinations,
        "findings": findings,
        "policy": policy_obj,
        "verdicts": verdicts,
    }
    if labels:
        from monitor.labels.report import add_label_blocks

        add_label_blocks(report, store, labels, sharing)
    if not redact:
        return report
    report = Redactor.from_store(store).walk(report)
    for f in report["findings"]:
        if 0 < len(f["value"]) < 4:  # too short to search for elsewhere, still masked here
            f["value"] = mask(f["value"])
    return report  # type: ignore[no-any-return]


def _capture(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "path": c["path"], "sha256": c["sha256"], "format": c["format"], "packets": c["packets"],
        "first_ts": c["first_ts"], "last_ts": c["last_ts"], "keylogs": json.loads(c["keylogs"] or "[]"),
        "warnings": json.loads(c["warnings"] or "[]"), "status": c["status"],
    }


def _destination(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "host": d["host"], "ip": d["ip"], "port": d["port"], "transport": d["transport"],
        "protocol": d["protocol"], "sdk": d["sdk"], "organization": d["organization"],
        "category": d["category"], "country": d["country"], "bytes_out": d["bytes_out"],
        "bytes_in": d["bytes_in"], "first_ts": d["first_ts"], "last_ts": d["last_ts"],
        "role": d["role"], "reason": d["reason"], "encrypted_no_key": bool(d["encrypted_no_key"]),
        "tls_rejected": d.get("tls_rejected") or 0,  # client refused the proxy's certificate: content not seen
    }


_FRAME = re.compile(r"\bframes? (\d+)")
_RAW_KINDS = ("datagram", "stream")


def _finding(f: dict[str, Any]) -> dict[str, Any]:
    kind = f.get("message_kind", "")
    url = f.get("url", "")
    transport = f.get("message_transport") or ("udp" if kind == "datagram" else "tcp")
    if kind in _RAW_KINDS:  # a datagram or raw stream has no URL: say where it went (and keep which way)
        direction = "in" if url == "in" else "out"
        host = f["host"] or f["ip"]
        url = f"{transport}://[{host}]:{f['port']}" if ":" in host else f"{transport}://{host}:{f['port']}"
    else:
        direction = "out"  # identifiers are read from what the client sends
    frame = _FRAME.search(f["evidence"] or "")
    first_frame = int(frame.group(1)) if frame else None
    return {
        "id": f["id"], "type": f["type"], "value": f["value"], "transform": f["transform"],
        "location": f["location"], "confidence": f["confidence"], "host": f["host"], "ip": f["ip"],
        "port": f["port"], "protocol": f["protocol"], "sdk": f["sdk"], "category": f["category"],
        "ts": f["first_ts"], "last_ts": f["last_ts"], "count": f["count"], "capture": f["capture"],
        "evidence": f["evidence"], "device": f["sender"] or None, "owner": f["device"], "sender": f["sender"],
        "cleartext": is_cleartext(f), "reason": f.get("reason", ""),
        "message_id": f["message_id"], "url": url,
        "transport": transport, "direction": direction, "first_frame": first_frame,
        "frame_count": f["count"] if first_frame is not None else None,
    }


def is_cleartext(f: dict[str, Any]) -> bool:
    """Read outside TLS, QUIC or DTLS: not decrypted with a key log, not through the proxy's interception."""
    return f["protocol"] not in ("https", "tls", "quic", "dtls") and not f["transform"].startswith("tls >")


def policy_json(policy: Policy) -> dict[str, Any]:
    return {
        "source": policy.source,
        "statements": [
            {"type": s.type, "recipient": s.recipient, "stance": s.stance, "qualifiers": list(s.qualifiers),
             "vague": s.vague, "covers": list(s.covers),
             "evidence": {"text": s.evidence.text, "start": s.evidence.start, "end": s.evidence.end}}
            for s in policy.statements
        ],
        "claims": [{"kind": c.kind, "text": c.text, "start": c.start, "end": c.end, "params": dict(c.params)}
                   for c in policy.claims],
        "sdks_named": list(policy.sdks_named),
    }


def evidence_messages(store: Store, report: dict[str, Any], redact: bool = False) -> dict[int, dict[str, Any]]:
    """The requests behind the report's findings (method, URL, body text), for the HTML drill-down.

    With redact, every identifier value of the database is masked inside them too.
    """
    ids = {f["message_id"] for f in report["findings"] if f.get("message_id")}
    redactor = Redactor.from_store(store) if redact else None
    out: dict[int, dict[str, Any]] = {}
    for mid in sorted(ids)[:2000]:
        m = store.message(int(mid))
        if m is None:
            continue
        raw = m.get("request_body") or b""
        if m["kind"] in ("datagram", "stream"):
            body = raw[:1024].hex(" ") if isinstance(raw, bytes) else str(raw)
        else:
            body = raw[:8000].decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        url = m["url"]
        if redactor is not None:
            body, url = redactor.text(body), redactor.text(url)
        out[int(mid)] = {"method": m["method"], "url": url, "body_text": body}
    return out
