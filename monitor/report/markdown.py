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


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_cell(v) for v in r) + " |" for r in rows]
    return out


def render_markdown(report: dict[str, Any]) -> str:
    lines = ["# privmon report", ""]
    gen = report.get("generator", {})
    lines.append(f"privmon {gen.get('version', '')}, signatures {gen.get('signatures', '')}")
    lines += ["", "## Captures", ""]
    lines += _table(["file", "format", "sha256", "packets", "first", "last"],
                    [[c["path"], c["format"], c["sha256"], c["packets"], _ts(c["first_ts"]), _ts(c["last_ts"])]
                     for c in report["captures"]])
    if report.get("verdicts"):
        lines += ["", "## Verdicts", ""]
        lines += _table(["type", "recipient", "verdict", "findings", "reason"],
                        [[v["type"], v["recipient"], v["verdict"], len(v["findings"]), v["reason"]]
                         for v in report["verdicts"]])
    lines += ["", "## Destinations", ""]
    lines += _table(["host", "ip", "port", "proto", "sdk", "organization", "category", "country", "out", "in"],
                    [[d["host"], d["ip"], d["port"], d["protocol"], d["sdk"], d["organization"], d["category"],
                      d["country"], d["bytes_out"], d["bytes_in"]] for d in report["destinations"]])
    lines += ["", "## Findings", ""]
    lines += _table(["id", "type", "value", "transform", "location", "confidence", "host", "sdk", "evidence"],
                    [[f["id"], f["type"], f["value"], f["transform"], f["location"], f["confidence"], f["host"],
                      f["sdk"], f["evidence"]] for f in report["findings"]])
    return "\n".join(lines) + "\n"
