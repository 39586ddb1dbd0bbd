"""Build the contract's JSON report (schema privmon.report/1) from a database and a policy."""

from __future__ import annotations

import json
from typing import Any

from monitor import __version__
from monitor.model import Policy
from monitor.store import Store

SCHEMA = "privmon.report/1"


def mask(value: str) -> str:
    """Redact an identifier: keep a short head and tail (IMEI 3569…3809 style)."""
    if len(value) <= 6:
        return "…" if value else value
    keep = 4 if len(value) >= 12 else 2
    return f"{value[:keep]}…{value[-keep:]}"


def build_report(store: Store, policy: Policy | None = None, redact: bool = False,
                 signatures_version: str = "", consent_ts: float | None = None) -> dict[str, Any]:
    """The contract's report; consent_ts overrides the consent moment stored in the database."""
    consent = consent_ts if consent_ts is not None else store.consent_ts()
    captures = [_capture(c) for c in store.captures()]
    destinations = [_destination(d) for d in store.destinations()]
    findings = [_finding(f, redact) for f in store.findings()]
    policy_obj = policy_json(policy) if policy else None
    verdicts: list[dict[str, Any]] = []
    if policy is not None:
        from monitor.compare import compute_verdicts

        verdicts = compute_verdicts(policy, findings, destinations, consent)
    return {
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
    }


def _finding(f: dict[str, Any], redact: bool) -> dict[str, Any]:
    value = mask(f["value"]) if redact else f["value"]
    return {
        "id": f["id"], "type": f["type"], "value": value, "transform": f["transform"],
        "location": f["location"], "confidence": f["confidence"], "host": f["host"], "ip": f["ip"],
        "port": f["port"], "protocol": f["protocol"], "sdk": f["sdk"], "category": f["category"],
        "ts": f["first_ts"], "last_ts": f["last_ts"], "count": f["count"], "capture": f["capture"],
        "evidence": f["evidence"], "device": f["device"], "sender": f["sender"],
        "message_id": f["message_id"], "reason": f.get("reason", ""), "url": mask_in(f.get("url", ""), f["value"]) if redact else f.get("url", ""),
    }


def mask_in(text: str, value: str) -> str:
    return text.replace(value, mask(value)) if value and len(value) >= 4 else text


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
    secrets: list[str] = []
    if redact:
        secrets = sorted({r["value"] for r in store.rows("SELECT DISTINCT value FROM findings")} |
                         {r["canonical"] for r in store.rows("SELECT DISTINCT canonical FROM findings")
                          if r["canonical"]}, key=len, reverse=True)
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
        for s in secrets:
            if len(s) >= 4:
                body = body.replace(s, mask(s))
                url = url.replace(s, mask(s))
        out[int(mid)] = {"method": m["method"], "url": url, "body_text": body}
    return out
