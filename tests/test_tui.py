"""The Textual app driven with Pilot: navigation, live updates, hostile data, a large database, snapshots."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from monitor.store import Batch, Store
from monitor.tui.app import MAX_ROWS, PrivmonApp, build_app

ROOT = Path(__file__).resolve().parent.parent
CAP = ROOT / "captures"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("tui") / "demo.db"
    subprocess.run([sys.executable, "-m", "monitor", "analyze", str(CAP), "--db", str(db), "-q", "--profile",
                    str(CAP / "demo-profile.toml")], check=True, cwd=ROOT)
    return db


def _finding(i: int, value: str, ts: float = 1_767_225_700.0) -> dict[str, object]:
    return {"type": "imei", "value": value, "host": "h.example", "ip": "1.2.3.4", "port": 80, "location": f"q:{i}",
            "transform": "plain", "first_ts": ts + i, "last_ts": ts + i, "sdk": "jpush"}


async def _settle(pilot, seconds: float = 0.6) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause(seconds)


def test_views_by_key(demo_db: Path) -> None:
    async def run() -> None:
        app = build_app(str(demo_db), str(CAP / "demo-policy.txt"), poll_seconds=0.3)
        async with app.run_test(size=(160, 50)) as pilot:
            await _settle(pilot, 1.5)
            assert app.query_one("#find", DataTable).row_count >= 20
            await pilot.press("v")
            await _settle(pilot)
            matrix = app.query_one("#matrix", DataTable)
            assert matrix.row_count >= 5 and len(matrix.columns) >= 5
            await pilot.press("d")
            await _settle(pilot)
            assert app.query_one("#dest", DataTable).row_count >= 10
            await pilot.press("f", "slash")
            await pilot.press(*"gdt", "enter")
            await _settle(pilot)
            find = app.query_one("#find", DataTable)
            assert 0 < find.row_count < 10
            await pilot.press("enter")
            await _settle(pilot)
            assert app.screen.__class__.__name__ == "FindingScreen"

    asyncio.run(run())


def test_rows_written_while_the_app_runs_appear(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    writer = Store.open(db)
    cid = writer.begin_capture("live", "live:x", "live-proxy")
    writer.finish_capture(cid, 0, None, None, status="live")

    async def run() -> None:
        app = PrivmonApp(str(db), None, poll_seconds=0.2)
        async with app.run_test(size=(140, 40)) as pilot:
            await _settle(pilot, 0.5)
            assert app.query_one("#find", DataTable).row_count == 0
            writer.write(cid, Batch(findings=[_finding(i, f"35693803564380{i}") for i in range(5)]))
            deadline = time.monotonic() + 3
            while app.query_one("#find", DataTable).row_count < 5 and time.monotonic() < deadline:
                await pilot.pause(0.1)
            assert app.query_one("#find", DataTable).row_count == 5

    asyncio.run(run())
    writer.close()


def test_hostile_values_are_shown_literally(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    with Store.open(db) as w:
        cid = w.begin_capture("x", "x:1", "har")
        evil = ["[red]x[/red]", "[link=http://example.org]y[/link]", "\x1b[31mred\x1b[0m", "A" * 10_000, "[bold"]
        w.write(cid, Batch(findings=[_finding(i, v) for i, v in enumerate(evil)]))
        w.finish_capture(cid, 1, 1.0, 2.0)

    async def run() -> None:
        app = PrivmonApp(str(db), None, poll_seconds=0.2)
        async with app.run_test(size=(140, 40)) as pilot:
            await _settle(pilot)
            await pilot.press("f", "r")
            await _settle(pilot)
            find = app.query_one("#find", DataTable)
            cells = [find.get_row_at(i)[2].plain for i in range(find.row_count)]
            assert "[red]x[/red]" in cells and "[bold" in cells
            assert not any("\x1b" in c for c in cells)
            assert max(len(c) for c in cells) <= 80

    asyncio.run(run())


def test_large_database_loads_without_blocking(tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    with Store.open(db) as w:
        cid = w.begin_capture("x", "x:2", "pcap")
        for start in range(0, 20_000, 5000):
            w.write(cid, Batch(findings=[_finding(i, f"{i:015d}") for i in range(start, start + 5000)]))
        w.finish_capture(cid, 1, 1.0, 2.0)

    async def run() -> None:
        app = PrivmonApp(str(db), None, poll_seconds=5)
        async with app.run_test(size=(140, 40)) as pilot:
            deadline = time.monotonic() + 20
            while len(app.findings) < 20_000 and time.monotonic() < deadline:
                await pilot.pause(0.2)
            table = app.query_one("#find", DataTable)
            assert len(app.findings) == 20_000 and table.row_count == MAX_ROWS  # the newest rows
            await pilot.press("f", "end")
            await pilot.pause(0.2)
            assert "newest" in str(app.query_one("#summary", Static).render())
            await pilot.press("slash", *"000000000000042", "enter")  # an old row is found through the filter
            await pilot.pause(0.3)
            assert table.row_count == 1

    asyncio.run(run())


@pytest.mark.parametrize("key", ["o", "v", "d", "f", "t"])
def test_snapshot_of_each_view(snap_compare, demo_db: Path, key: str) -> None:  # type: ignore[no-untyped-def]
    app = build_app(str(demo_db), str(CAP / "demo-policy.txt"), poll_seconds=60)

    async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause(1.0)
        await pilot.press(key)
        await pilot.pause(0.5)

    assert snap_compare(app, terminal_size=(140, 45), run_before=settle)
