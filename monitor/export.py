"""Tables of a database as Parquet or CSV files, for pandas, DuckDB or Spark."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from monitor.errors import PrivmonError
from monitor.report import open_private
from monitor.report.safe import Redactor, mask, terminal
from monitor.store import EXPORT_TABLES, Store


def export_tables(store: Store, out_dir: Path, fmt: str, redact: bool = False) -> dict[str, int]:
    """Write one file per table into out_dir (owner-only files); returns rows written per table.

    With redact, every identifier value of the database is masked in every text column of every
    table (a message's URL, a finding's location), not only in the findings' value column.
    """
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    redactor = Redactor.from_store(store) if redact else None
    counts = {}
    for name in EXPORT_TABLES:
        cols, rows = store.export_table(name)
        if redactor is not None:
            rows = [redactor.walk(r) for r in rows]
            if name == "findings":
                for r in rows:  # too short to search for elsewhere, still masked here
                    r["value"] = r["value"] if len(r["value"]) >= 4 else mask(r["value"])
        if fmt == "csv":
            _csv(out_dir / f"{name}.csv", rows, cols)
        else:
            _parquet(out_dir / f"{name}.parquet", rows, cols)
        counts[name] = len(rows)
    return counts


def _csv(path: Path, rows: list[dict[str, Any]], cols: list[str]) -> None:
    with open_private(path, "w") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        for r in rows:  # a CSV is read with cat and less too: control characters as visible escapes
            w.writerow({k: _csv_cell(_scalar(v)) for k, v in r.items()})


def _parquet(path: Path, rows: list[dict[str, Any]], cols: list[str]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise PrivmonError("--format parquet needs pyarrow: pip install 'privmon[export]'") from exc
    data = {c: [_scalar(r.get(c)) for r in rows] for c in cols}
    with open_private(path, "wb") as fh:
        pq.write_table(pa.table(data), fh)


def _csv_cell(v: Any) -> Any:
    return terminal(v) if isinstance(v, str) else v


def _scalar(v: Any) -> Any:
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, (list, dict)):
        return json.dumps(v)
    return v
