"""What the TUI shows, read from the database (read-only) off the UI thread.

`load_snapshot` returns plain data; the app calls it from a worker and hands the result to the
widgets on the UI thread. Findings are read incrementally (rows with id above the last seen).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from monitor.model import Policy
from monitor.report.data import build_report, mask  # noqa: F401 - one masking rule for reports and TUI
from monitor.store import Store

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]|\x1b\[[0-9;?]*[A-Za-z]")
CELL_MAX = 200


def clean(value: Any, limit: int = CELL_MAX) -> str:
    """Captured text made safe for a terminal: escapes and control characters removed, length capped."""
    s = "" if value is None else str(value)
    s = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", s)
    return s if len(s) <= limit else s[: limit - 1] + "\N{HORIZONTAL ELLIPSIS}"


@dataclass(slots=True)
class Snapshot:
    captures: list[dict[str, Any]] = field(default_factory=list)
    devices: list[dict[str, Any]] = field(default_factory=list)
    destinations: list[dict[str, Any]] = field(default_factory=list)
    new_findings: list[dict[str, Any]] = field(default_factory=list)
    verdicts: list[dict[str, Any]] = field(default_factory=list)
    activity: dict[str, list[int]] = field(default_factory=dict)  # device -> requests per time bucket
    id_activity: dict[str, list[int]] = field(default_factory=dict)  # device -> identifiers per bucket
    counts: dict[str, int] = field(default_factory=dict)
    consent_ts: float | None = None
    max_finding_id: int = 0


def load_snapshot(db_path: str, policy: Policy | None, after_finding: int, with_verdicts: bool,
                  buckets: int = 60) -> Snapshot:
    with Store.open(db_path, readonly=True) as store:
        snap = Snapshot()
        snap.captures = store.captures()
        snap.devices = store.devices()
        snap.destinations = store.destinations()
        snap.new_findings = store.findings(after_id=after_finding)
        snap.max_finding_id = max([after_finding] + [f["id"] for f in snap.new_findings])
        snap.counts = store.counts()
        snap.consent_ts = store.consent_ts()
        if with_verdicts and policy is not None:
            snap.verdicts = build_report(store, policy)["verdicts"]
        snap.activity, snap.id_activity = _activity(store, buckets)
    return snap


def _activity(store: Store, buckets: int) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    span = store.rows("SELECT MIN(ts) AS a, MAX(ts) AS b FROM messages WHERE ts > 0")[0]
    if span["a"] is None:
        return {}, {}
    lo, hi = float(span["a"]), float(span["b"])
    width = max((hi - lo) / buckets, 1.0)
    req: dict[str, list[int]] = {}
    ids: dict[str, list[int]] = {}
    for r in store.rows("SELECT COALESCE(NULLIF(device, ''), client_ip) AS dev, CAST((ts - ?) / ? AS INTEGER) AS b,"
                        " COUNT(*) AS n FROM messages WHERE ts > 0 GROUP BY dev, b", (lo, width)):
        req.setdefault(r["dev"] or "?", [0] * buckets)[min(buckets - 1, r["b"])] += r["n"]
    for r in store.rows("SELECT COALESCE(NULLIF(m.device, ''), m.client_ip) AS dev, CAST((f.first_ts - ?) / ? AS"
                        " INTEGER) AS b, COUNT(*) AS n FROM findings f JOIN messages m ON m.id = f.message_id "
                        "WHERE f.first_ts >= ? GROUP BY dev, b", (lo, width, lo)):
        ids.setdefault(r["dev"] or "?", [0] * buckets)[min(buckets - 1, max(0, r["b"]))] += r["n"]
    return req, ids


def load_message(db_path: str, message_id: int | None) -> dict[str, Any] | None:
    if message_id is None:
        return None
    with Store.open(db_path, readonly=True) as store:
        return store.message(int(message_id))
