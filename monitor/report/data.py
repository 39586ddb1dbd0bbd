"""Build the contract's JSON report (schema privmon.report/1) from a database and a policy.

The one place where records (monitor/records.py) become the contract's JSON: `finding_json`,
`destination_json`, `verdict_json`; the Markdown, HTML, SARIF and JUnit renderers read that JSON.
"""

from __future__ import annotations

import json
import re
from typing import Any

from monitor import __version__
from monitor.model import Evidence, Policy
from monitor.policy import reading_warnings
from monitor.records import RAW_KINDS, Destination, Finding, Verdict
from monitor.report.safe import Redactor, mask
from monitor.store import Store

__all__ = ["SCHEMA", "build_report", "destination_json", "evidence_messages", "finding_json", "mask", "policy_json",
           "verdict_json"]

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
    destinations = store.destinations()
    findings = store.findings()
    policy_obj = policy_json(policy) if policy else None
    verdicts: list[Verdict] = []
    if policy is not None:
        from monitor.compare import compute_verdicts

        verdicts = compute_verdicts(policy, findings, destinations, consent)
    report = {
        "schema": SCHEMA,
        "generator": {"name": "privmon", "version": __version__, "signatures": signatures_version,
                      "country_data": store.meta("country_data") or ""},
        "consent_ts": consent,
        "captures": captures,
        "destinations": [destination_json(d) for d in destinations],
        "findings": [finding_json(f) for f in findings],
        "policy": policy_obj,
        "verdicts": [verdict_json(v) for v in verdicts],
    }
    if labels:
        from monitor.labels.report import label_blocks

        report.update(label_blocks(store, labels, findings, destinations, sharing))
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


def destination_json(d: Destination) -> dict[str, Any]:
    return {
        "host": d.host, "ip": d.ip, "port": d.port, "transport": d.transport,
        "protocol": d.protocol, "sdk": d.sdk, "organization": d.organization,
        "category": d.category, "country": d.country, "bytes_out": d.bytes_out,
        "bytes_in": d.bytes_in, "first_ts": d.first_ts, "last_ts": d.last_ts,
        "role": d.role, "reason": d.reason, "encrypted_no_key": d.encrypted_no_key,
        "tls_rejected": d.tls_rejected,  # client refused the proxy's certificate: content not seen
    }


_FRAME = re.compile(r"\bframes? (\d+)")


def finding_json(f: Finding) -> dict[str, Any]:
    frame = _FRAME.search(f.evidence or "")
    first_frame = int(frame.group(1)) if frame else None
    return {
        "id": f.id, "type": f.type, "value": f.value, "transform": f.transform,
        "location": f.location, "confidence": f.confidence, "host": f.host, "ip": f.ip,
        "port": f.port, "protocol": f.protocol, "sdk": f.sdk, "category": f.category,
        "ts": f.first_ts, "last_ts": f.last_ts, "count": f.count, "capture": f.capture,
        "evidence": f.evidence, "device": f.sender or None, "owner": f.owner, "sender": f.sender,
        "cleartext": f.cleartext, "reason": f.reason,
        "message_id": f.message_id, "url": f.url,
        "transport": f.transport, "direction": f.direction, "first_frame": first_frame,
        "frame_count": f.count if first_frame is not None else None,
    }


def verdict_json(v: Verdict) -> dict[str, Any]:
    return {"type": v.type, "recipient": v.recipient, "verdict": v.verdict, "findings": list(v.findings),
            "policy_evidence": [evidence_json(e) for e in v.policy_evidence], "reason": v.reason,
            "before_consent": v.before_consent, "judged_as": v.judged_as}


def evidence_json(e: Evidence) -> dict[str, Any]:
    return {"text": e.text, "start": e.start, "end": e.end}


def policy_json(policy: Policy) -> dict[str, Any]:
    return {
        "source": policy.source,
        "statements": [
            {"type": s.type, "recipient": s.recipient, "stance": s.stance, "qualifiers": list(s.qualifiers),
             "vague": s.vague, "covers": list(s.covers), "evidence": evidence_json(s.evidence)}
            for s in policy.statements
        ],
        "claims": [{"kind": c.kind, "text": c.text, "start": c.start, "end": c.end, "params": dict(c.params)}
                   for c in policy.claims],
        "sdks_named": list(policy.sdks_named),
        "warnings": reading_warnings(policy),
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
        raw = m.body
        if m.kind in RAW_KINDS:
            body = raw[:1024].hex(" ")
        else:
            body = raw[:8000].decode("utf-8", "replace")
        # the drill-down's "method url" line: a datagram's P2P message and direction, a hello's ALPN list
        method, url = m.request_line
        if redactor is not None:
            body, url = redactor.text(body), redactor.text(url)
        out[int(mid)] = {"method": method, "url": url, "body_text": body}
    return out
