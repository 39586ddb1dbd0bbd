"""The report as Markdown, for pasting into tickets (same content as the JSON)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from monitor.report.safe import md_code, md_text


class Code(str):
    """A captured value: shown as a code span (no HTML, links or images can come out of it)."""


def _ts(ts: float | None) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%S")


def _cell(v: Any) -> str:
    if isinstance(v, Code):
        return md_code(v)
    return md_text("" if v is None else v)


def _quote(evidence: list[dict[str, Any]]) -> str:
    """The first policy sentence a verdict rests on, shortened for a table cell."""
    if not evidence:
        return ""
    text = " ".join(str(evidence[0].get("text", "")).split())
    return f"\"{text[:200]}{'…' if len(text) > 200 else ''}\" (@{evidence[0].get('start', 0)})"


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_cell(v) for v in r) + " |" for r in rows]
    return out


def render_markdown(report: dict[str, Any]) -> str:
    lines = ["# privmon report", ""]
    gen = report.get("generator", {})
    lines.append(md_text(f"privmon {gen.get('version', '')}, signatures {gen.get('signatures', '')}, "
                         f"countries from {gen.get('country_data') or 'none'}"))
    consent = report.get("consent_ts")
    if consent is not None:
        lines.append(f"\nConsent given at {_ts(consent)} UTC; rows marked **before consent** come first.")
    lines += ["", "## Captures", ""]
    lines += _table(["file", "format", "sha256", "packets", "first", "last"],
                    [[Code(c["path"]), c["format"], c["sha256"], c["packets"], _ts(c["first_ts"]), _ts(c["last_ts"])]
                     for c in report["captures"]])
    warnings = [(c["path"], w) for c in report["captures"] for w in c.get("warnings", [])]
    policy = report.get("policy") or {}
    warnings += [(policy.get("source", "policy"), w) for w in policy.get("warnings", [])]
    if warnings:  # what could not be read: an empty report must not pass for a clean one
        lines += ["", "Warnings:", ""]
        lines += [f"- **Warning** {md_code(p)}: {md_text(w)}" for p, w in warnings[:200]]
    if report.get("verdicts"):
        lines += ["", "## Verdicts", ""]
        lines += _table(["type", "recipient", "verdict", "findings", "reason", "policy says"],
                        [[v["type"], v["recipient"], v["verdict"] + (" (before consent)" if v.get("before_consent")
                                                                     else ""),
                          ", ".join(str(i) for i in v["findings"][:20]), v["reason"],
                          _quote(v.get("policy_evidence", []))]
                         for v in report["verdicts"]])
    from monitor.report.labels_view import markdown_lines

    lines += markdown_lines(report)
    lines += ["", "## Destinations", ""]
    lines += _table(["host", "ip", "port", "proto", "sdk", "organization", "category", "country", "out", "in"],
                    [[Code(d["host"]), Code(d["ip"]), d["port"], _proto(d), d["sdk"], d["organization"], d["category"],
                      d["country"], d["bytes_out"], d["bytes_in"]] for d in report["destinations"]])
    lines += ["", "## Findings", ""]
    # identifiers sent before consent are the most serious, so they lead (stable order otherwise)
    early = [f for f in report["findings"] if consent is not None and f["ts"] is not None and f["ts"] < consent]
    early_ids = {id(f) for f in early}
    late = [f for f in report["findings"] if id(f) not in early_ids]
    lines += _table(["id", "type", "value", "transform", "location", "confidence", "host", "sdk", "time", "evidence"],
                    [[f["id"], f["type"], Code(f["value"]), f["transform"], Code(f["location"]), f["confidence"],
                      Code(f["host"]), f["sdk"], _ts(f["ts"]) + (" before consent" if id(f) in early_ids else ""),
                      Code(f["evidence"] + (f" ({f['reason']})" if f.get("reason") else ""))]
                     for f in early + late])
    return "\n".join(lines) + "\n"


def _proto(d: dict[str, Any]) -> str:
    """The protocol, and when the client refused the proxy's certificate, that its content was not seen."""
    n = d.get("tls_rejected") or 0
    return f"{d['protocol']} (pinned: {n} handshakes refused, content not seen)" if n else str(d["protocol"])
