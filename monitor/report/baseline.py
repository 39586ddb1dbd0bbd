"""Compare a report with the report of the previous app build: what is new."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from monitor.errors import BadInput


def load_baseline(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(path, f"cannot read baseline: {exc.strerror}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadInput(path, f"baseline is not JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("schema") != "privmon.report/1":
        raise BadInput(path, "baseline is not a privmon JSON report (schema privmon.report/1)")
    return data


def diff(report: dict[str, Any], baseline: dict[str, Any]) -> dict[str, list[str]]:
    """New SDK hosts, new identifier types, and verdicts that became undisclosed/contradicted."""
    old_hosts = {(d.get("host") or d.get("ip")) for d in baseline.get("destinations", [])}
    old_types = {f["type"] for f in baseline.get("findings", [])}
    old_bad = {(v["type"], v["recipient"]) for v in baseline.get("verdicts", [])
               if v["verdict"] in ("undisclosed", "contradicted")}
    new_hosts = sorted({(d["host"] or d["ip"]) for d in report["destinations"]
                        if d["sdk"] not in ("", "unknown") and (d["host"] or d["ip"]) not in old_hosts})
    new_types = sorted({f["type"] for f in report["findings"]} - old_types)
    new_bad = []
    for v in report.get("verdicts", []):
        if v["verdict"] in ("undisclosed", "contradicted") and (v["type"], v["recipient"]) not in old_bad:
            v["new"] = True
            new_bad.append(f"{v['type']} -> {v['recipient']}: {v['verdict']}")
    return {"new_sdk_hosts": new_hosts, "new_identifier_types": new_types, "new_problems": new_bad}
