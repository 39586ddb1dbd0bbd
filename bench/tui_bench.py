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
from typing import Any

from monitor.records import Finding
from monitor.store import Batch, Store
from monitor.testing.records import finding
from monitor.tui.app import MAX_ROWS, PrivmonApp
from monitor.tui.data import load_snapshot
from monitor.tui.rows import RowTable


def make_db(path: Path, rows: int) -> None:
    with Store.open(path) as w:
        cid = w.begin_capture("bench", "bench:1", "pcap")
        for start in range(0, rows, 10_000):
            w.write(cid, Batch(findings=[finding(
                0, ("imei", "mac", "gaid", "android_id")[i % 4], value=f"{i:015d}", host=f"h{i % 50}.example",
                ip="1.2.3.4", port=443, location=f"json:$.k{i % 7}", ts=1e9 + i,
                sdk="rare_sdk" if i == rows // 3 else ("jpush", "gdt", "umeng")[i % 3])
                for i in range(start, min(rows, start + 10_000))]))
        w.finish_capture(cid, rows, 1e9, 1e9 + rows)


class TimedApp(PrivmonApp):
    """The app with two hooks: when the findings table is refilled, and when that fill reached the screen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fills: list[tuple[float, float | None]] = []  # (filled, painted)
        self.submitted = 0.0

    def _fill(self, rows: list[Finding]) -> None:
        super()._fill(rows)
        n = len(self.fills)
        self.fills.append((time.perf_counter(), None))
        self.call_after_refresh(lambda: self.fills.__setitem__(n, (self.fills[n][0], time.perf_counter())))

    def _refresh_tables(self) -> None:
        self.submitted = time.perf_counter()
        super()._refresh_tables()


def started(db: Path) -> TimedApp:
    """The app as `privmon tui` builds it (build_app): the first page read before the app starts."""
    return TimedApp(str(db), None, poll_seconds=60, first=load_snapshot(str(db), 0, MAX_ROWS, None))


async def painted(pilot: Any, app: TimedApp, count: int) -> float:
    while len(app.fills) < count or app.fills[count - 1][1] is None:
        await pilot.pause(0.005)
    return app.fills[count - 1][1]  # type: ignore[return-value]


async def first_paint(db: Path) -> float:
    start = time.perf_counter()
    app = started(db)
    async with app.run_test(size=(160, 50)) as pilot:
        return await painted(pilot, app, 1) - start


async def measure(db: Path, rows: int, needle: str) -> dict[str, float]:
    out: dict[str, float] = {}
    start = time.perf_counter()
    app = started(db)
    async with app.run_test(size=(160, 50)) as pilot:
        out["first paint (app start to rows on screen)"] = await painted(pilot, app, 1) - start
        await pilot.press("f")
        while not app.index.complete:  # the search index is built in the background after the first paint
            await pilot.pause(0.01)
        out["search index built"] = time.perf_counter() - start
        table = app.query_one("#find", RowTable)
        for label, word in (("filter, common word (1000 of 33,333 rows)", "gdt"), ("filter, one match", needle)):
            await pilot.press("slash", *"\b" * 12, *word, "enter")
            end = await painted(pilot, app, len(app.fills))
            assert table.row_count and all(word in table.get_row_at(i)[5] for i in range(table.row_count))
            out[label] = end - app.submitted
            await pilot.pause(0.3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.db"
        make_db(db, a.rows)
        result = asyncio.run(measure(db, a.rows, "rare_sdk"))
        empty = Path(tmp) / "empty.db"
        make_db(empty, 1)
        baseline = asyncio.run(first_paint(empty))
    result["same app, 1 finding (Textual start-up floor)"] = baseline
    print(f"TUI on {a.rows} findings (target: first paint and filter under 200 ms)")
    for label, seconds in result.items():
        print(f"  {label:<44} {seconds * 1000:8.0f} ms")

if __name__ == "__main__":
    main()
