"""TUI with 100,000 findings: time to first paint (rows shown) and to apply a filter.

    python bench/tui_bench.py [--rows 100000]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout, not another install

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from textual.widgets import DataTable

from monitor.store import Batch, Store
from monitor.tui.app import MAX_ROWS, PrivmonApp


def make_db(path: Path, rows: int) -> None:
    with Store.open(path) as w:
        cid = w.begin_capture("bench", "bench:1", "pcap")
        for start in range(0, rows, 10_000):
            w.write(cid, Batch(findings=[{
                "type": ("imei", "mac", "gaid", "android_id")[i % 4], "value": f"{i:015d}", "host": f"h{i % 50}.example",
                "ip": "1.2.3.4", "port": 443, "location": f"json:$.k{i % 7}", "transform": "plain",
                "first_ts": 1e9 + i, "last_ts": 1e9 + i, "sdk": ("jpush", "gdt", "umeng")[i % 3]}
                for i in range(start, min(rows, start + 10_000))]))
        w.finish_capture(cid, rows, 1e9, 1e9 + rows)


async def measure(db: Path, rows: int) -> tuple[float, float]:
    app = PrivmonApp(str(db), None, poll_seconds=60)
    start = time.perf_counter()
    async with app.run_test(size=(160, 50)) as pilot:
        table = app.query_one("#find", DataTable)
        while len(app.findings) < rows or table.row_count < min(rows, MAX_ROWS):
            await pilot.pause(0.01)
        first_paint = time.perf_counter() - start
        await pilot.press("f")
        await pilot.pause(0.05)
        start = time.perf_counter()
        app.filters["find"] = "gdt"
        app._refresh_tables()
        await pilot.pause(0)
        filtered = time.perf_counter() - start
        assert 0 < table.row_count <= MAX_ROWS
    return first_paint, filtered


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.db"
        make_db(db, a.rows)
        paint, filt = asyncio.run(measure(db, a.rows))
    print(f"{a.rows} findings: first paint of the findings view (newest {MAX_ROWS} rows) after {paint * 1000:.0f} ms;"
          f" filter over all {a.rows} applied in {filt * 1000:.0f} ms")


if __name__ == "__main__":
    main()
