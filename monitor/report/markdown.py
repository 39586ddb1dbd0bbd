"""The report as Markdown, for pasting into tickets (same content as the JSON)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def _ts(ts: float | None) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%S")


def _cell(v: Any) -> str:
    return str(v if v is not None else "").replace("|", "\\|").replace("\n", " ").replace("`", "'")


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
    lines.append(f"privmon {gen.get('version', '')}, signatures {gen.get('signatures', '')}, "
                 f"countries from {gen.get('country_data') or 'none'}")
    consent = report.get("consent_ts")
    if consent is not None:
        lines.append(f"\nConsent given at {_ts(consent)} UTC; rows marked **before consent** come first.")
    lines += ["", "## Captures", ""]
    lines += _table(["file", "format", "sha256", "packets", "first", "last"],
                    [[c["path"], c["format"], c["sha256"], c["packets"], _ts(c["first_ts"]), _ts(c["last_ts"])]
                     for c in report["captures"]])
    if report.get("verdicts"):
        lines += ["", "## Verdicts", ""]
        lines += _table(["type", "recipient", "verdict", "findings", "reason", "policy says"],
                        [[v["type"], v["recipient"], v["verdict"] + (" (before consent)" if v.get("before_consent")
                                                                     else ""),
                          ", ".join(str(i) for i in v["findings"][:20]), v["reason"],
                          _quote(v.get("policy_evidence", []))]
                         for v in report["verdicts"]])
    lines += ["", "## Destinations", ""]
    lines += _table(["host", "ip", "port", "proto", "sdk", "organization", "category", "country", "out", "in"],
                    [[d["host"], d["ip"], d["port"], d["protocol"], d["sdk"], d["organization"], d["category"],
                      d["country"], d["bytes_out"], d["bytes_in"]] for d in report["destinations"]])
    lines += ["", "## Findings", ""]
    # identifiers sent before consent are the most serious, so they lead (stable order otherwise)
    early = [f for f in report["findings"] if consent is not None and f["ts"] is not None and f["ts"] < consent]
    early_ids = {id(f) for f in early}
    late = [f for f in report["findings"] if id(f) not in early_ids]
    lines += _table(["id", "type", "value", "transform", "location", "confidence", "host", "sdk", "time", "evidence"],
                    [[f["id"], f["type"], f["value"], f["transform"], f["location"], f["confidence"], f["host"],
                      f["sdk"], _ts(f["ts"]) + (" before consent" if id(f) in early_ids else ""),
                      f["evidence"] + (f" ({f['reason']})" if f.get("reason") else "")]
                     for f in early + late])
    return "\n".join(lines) + "\n"
