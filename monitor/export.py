"""Tables of a database as Parquet or CSV files, for pandas, DuckDB or Spark."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from monitor.errors import PrivmonError
from monitor.report.data import mask
from monitor.store import Store

# bodies stay out of exports: they are evidence for one report, not data for a study
TABLES: dict[str, str] = {
    "captures": "SELECT id, path, sha256, format, packets, first_ts, last_ts, keylogs, status FROM captures",
    "destinations": "SELECT * FROM destinations",
    "findings": "SELECT * FROM findings",
    "messages": "SELECT id, capture_id, kind, ts, client_ip, client_port, server_ip, server_port, transport, "
                "protocol, host, method, url, status, error, evidence, device, sdk FROM messages",
    "dns": "SELECT * FROM dns",
}


def export_tables(store: Store, out_dir: Path, fmt: str, redact: bool = False) -> dict[str, int]:
    """Write one file per table into out_dir; returns rows written per table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, sql in TABLES.items():
        rows = store.rows(sql)
        if redact and name == "findings":
            for r in rows:
                r["value"] = mask(r["value"])
                r["canonical"] = mask(r["canonical"])
        if fmt == "csv":
            _csv(out_dir / f"{name}.csv", rows, store, sql)
        else:
            _parquet(out_dir / f"{name}.parquet", rows, store, sql)
        counts[name] = len(rows)
    return counts


def _columns(store: Store, sql: str) -> list[str]:
    cur = store.conn.execute(sql + " LIMIT 0")
    return [d[0] for d in cur.description]


def _csv(path: Path, rows: list[dict[str, Any]], store: Store, sql: str) -> None:
    cols = _columns(store, sql)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        for r in rows:
            w.writerow({k: _scalar(v) for k, v in r.items()})


def _parquet(path: Path, rows: list[dict[str, Any]], store: Store, sql: str) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise PrivmonError("--format parquet needs pyarrow: pip install 'privmon[export]'") from exc
    cols = _columns(store, sql)
    data = {c: [_scalar(r.get(c)) for r in rows] for c in cols}
    pq.write_table(pa.table(data), path)


def _scalar(v: Any) -> Any:
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, (list, dict)):
        return json.dumps(v)
    return v
