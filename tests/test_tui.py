"""The Textual app driven with Pilot: navigation, live updates, hostile data, a large database, snapshots."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pilotwait import WAIT, until, workers_done
from textual.widgets import DataTable, Static

from monitor.records import Finding
from monitor.store import Batch, Store
from monitor.testing.records import destination, finding
from monitor.tui.app import MAX_ROWS, PrivmonApp, build_app
from monitor.tui.data import SearchIndex, load_snapshot, mask, search_findings
from monitor.tui.rows import RowTable

ROOT = Path(__file__).resolve().parent.parent
CAP = ROOT / "monitor" / "demo"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("tui") / "demo.db"
    subprocess.run([sys.executable, "-m", "monitor", "analyze", str(CAP), "--db", str(db), "-q", "--profile",
                    str(CAP / "demo-profile.toml")], check=True, cwd=ROOT)
    return db


def _finding(i: int, value: str, ts: float = 1_767_225_700.0) -> Finding:
    return finding(0, "imei", value=value, host="h.example", ip="1.2.3.4", port=80, location=f"q:{i}", ts=ts + i,
                   sdk="jpush")


async def _settle(pilot, seconds: float = 0.6) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause(seconds)


def test_views_by_key(demo_db: Path) -> None:
    async def run() -> None:
        app = build_app(str(demo_db), str(CAP / "demo-policy.txt"), poll_seconds=0.3)
        blank = app.analysis
        async with app.run_test(size=(160, 50)) as pilot:
            assert app.query_one("#find", RowTable).row_count >= 20  # read before the app started
            await pilot.press("v")
            matrix = app.query_one("#matrix", DataTable)
            await until(pilot, lambda: app.analysis is not blank)  # the verdicts come from the analysis worker
            assert matrix.row_count >= 5 and len(matrix.columns) >= 5
            await pilot.press("d")
            await _settle(pilot)
            assert app.query_one("#dest", DataTable).row_count >= 10
            await pilot.press("f", "slash")
            await pilot.press(*"gdt", "enter")
            find = app.query_one("#find", RowTable)
            await until(pilot, lambda: 0 < find.row_count < 10)  # the search worker's rows replace the page
            assert 0 < find.row_count < 10
            await pilot.press("enter")
            await until(pilot, lambda: app.screen.__class__.__name__ == "FindingScreen")  # read by a worker
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
            assert app.query_one("#find", RowTable).row_count == 0
            writer.write(cid, Batch(findings=[_finding(i, f"35693803564380{i}") for i in range(5)]))
            await until(pilot, lambda: app.query_one("#find", RowTable).row_count >= 5)
            assert app.query_one("#find", RowTable).row_count == 5

    asyncio.run(run())
    writer.close()


def test_hostile_values_are_shown_literally(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    with Store.open(db) as w:
        cid = w.begin_capture("x", "x:1", "har")
        evil = ["[red]x[/red]", "[link=http://example.org]y[/link]", "\x1b[31mred\x1b[0m", "A" * 10_000, "[bold",
                "\u202eevil.exe", "tab\there\nnewline", "zero\u200bwidth"]
        w.write(cid, Batch(findings=[_finding(i, v) for i, v in enumerate(evil)]))
        w.finish_capture(cid, 1, 1.0, 2.0)

    async def run() -> None:
        app = PrivmonApp(str(db), None, poll_seconds=0.2)
        async with app.run_test(size=(140, 40)) as pilot:
            find = app.query_one("#find", RowTable)
            await until(pilot, lambda: find.row_count == len(evil))  # the first poll's rows
            await pilot.press("f", "r")
            await _settle(pilot)
            cells = [find.get_row_at(i)[2] for i in range(find.row_count)]
            assert "[red]x[/red]" in cells and "[bold" in cells
            assert not any(ch in c for c in cells for ch in "\x1b\u202e\u200b\t\n")
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
            table = app.query_one("#find", RowTable)
            await until(pilot, lambda: table.row_count >= MAX_ROWS)
            assert app.total_findings == 20_000 and table.row_count == MAX_ROWS  # the newest rows
            assert table.get_row_at(MAX_ROWS - 1)[2] == mask(f"{19_999:015d}")
            await pilot.press("f", "end")
            await pilot.pause(0.2)
            assert "newest" in str(app.query_one("#summary", Static).render())
            await pilot.press("slash", *"000000000000042", "enter")  # an old row is found through the filter
            await until(pilot, lambda: table.row_count != MAX_ROWS)  # the search worker's rows replace the page
            assert table.row_count == 1

    asyncio.run(run())


def test_the_first_frame_already_has_rows(demo_db: Path) -> None:
    """`privmon tui` reads the first page before the app starts, so no empty frame comes first."""
    class NoPolling(PrivmonApp):
        def _start_polling(self) -> None:  # no worker ever reads: only what was given shows
            return

    async def run() -> None:
        first = load_snapshot(str(demo_db), 0, MAX_ROWS, None)
        app = NoPolling(str(demo_db), None, poll_seconds=30, first=first)
        async with app.run_test(size=(140, 40)):
            assert app.query_one("#find", RowTable).row_count == app.total_findings > 0
        lazy = NoPolling(str(demo_db), None, poll_seconds=30)
        async with lazy.run_test(size=(140, 40)):
            assert lazy.query_one("#find", RowTable).row_count == 0

    asyncio.run(run())
    assert build_app(str(demo_db))._first is not None  # the path `privmon tui` takes reads it first


def test_closing_while_the_index_is_built_exits_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    with Store.open(db) as w:
        cid = w.begin_capture("x", "x:3", "pcap")
        for start in range(0, 60_000, 10_000):
            w.write(cid, Batch(findings=[_finding(i, f"{i:015d}") for i in range(start, start + 10_000)]))
        w.finish_capture(cid, 1, 1.0, 2.0)

    gate = threading.Event()

    class GatedIndex(SearchIndex):
        """Holds the worker inside its first chunk until the test lets it go, whatever the machine's speed."""

        def extend(self, rows: list[tuple[int, int, str]]) -> None:
            gate.wait(WAIT)
            super().extend(rows)

    async def run() -> PrivmonApp:
        app = PrivmonApp(str(db), None, poll_seconds=5)
        app.index = GatedIndex()
        async with app.run_test(size=(140, 40)) as pilot:
            table = app.query_one("#find", RowTable)
            while table.row_count == 0:
                await pilot.pause(0.01)
            assert not app.index.complete  # the background index is still being built
            gate.set()  # the worker goes on indexing while the app closes
        return app  # the app closes (as on a hang-up) while the poll worker is still indexing

    app = asyncio.run(run())
    assert app._exception is None, app._exception  # a late hand-off from a worker used to fail the app on exit


def test_reads_slower_than_the_poll_interval_still_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A poll or an analysis slower than its interval (a large database, a slow or busy machine) is not cancelled by
    the next one: each new exclusive worker cancelled the running one, which never delivered, and nothing showed."""
    import monitor.tui.app as tui

    db = tmp_path / "slow.db"
    with Store.open(db) as w:
        cid = w.begin_capture("x", "x:5", "pcap")
        w.write(cid, Batch(findings=[_finding(i, f"{i:015d}") for i in range(3)]))
        w.finish_capture(cid, 1, 1.0, 2.0)
    read, analyze = tui.load_snapshot, tui.load_analysis

    def slow_read(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.5)  # 5 poll intervals
        return read(*args, **kwargs)

    def slow_analysis(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(3.0)  # longer than ANALYSIS_EVERY slow polls
        return analyze(*args, **kwargs)

    monkeypatch.setattr(tui, "load_snapshot", slow_read)
    monkeypatch.setattr(tui, "load_analysis", slow_analysis)

    async def run() -> None:
        app = PrivmonApp(str(db), None, poll_seconds=0.1)
        blank = app.analysis
        async with app.run_test(size=(140, 40)) as pilot:
            table = app.query_one("#find", RowTable)
            await until(pilot, lambda: table.row_count == 3 and app.analysis is not blank, seconds=30)
            assert table.row_count == 3
            assert app.analysis is not blank

    asyncio.run(run())


def test_search_index_and_sql_fallback_agree(tmp_path: Path) -> None:
    """The in-memory search and the SQL search it replaces return the same rows, newest last."""
    db = tmp_path / "s.db"
    with Store.open(db) as w:
        cid = w.begin_capture("x", "x:3", "pcap")
        rows = [replace(_finding(i, f"{i:015d}"), host=("a.example", "gdt.qq.com", "b_%.example")[i % 3])
                for i in range(3000)]
        w.write(cid, Batch(findings=rows))
        w.finish_capture(cid, 1, 1.0, 2.0)
        hidden = w.begin_capture("y", "y:4", "pcap")  # still being analyzed: not shown by either path
        w.write(hidden, Batch(findings=[replace(_finding(1, "999999999999999"), host="gdt.qq.com")]))
    index = SearchIndex()
    visible = frozenset({cid})
    for needle in ("GDT", "b_%", "0000000000001", "nothing-like-this"):
        sql = search_findings(str(db), needle, index, visible, 500)  # index not built: SQL path
        index.update_from(str(db))
        assert index.complete
        mem = search_findings(str(db), needle, index, visible, 500)
        assert [r.id for r in sql] == [r.id for r in mem]
        assert all(needle.lower() in (r.host + r.value + r.location).lower() for r in mem)
        assert [r.id for r in mem] == sorted(r.id for r in mem)
        assert "999999999999999" not in {r.value for r in mem}
        index = SearchIndex()
    assert len(search_findings(str(db), "gdt", index, visible, 500)) == 500


def test_rows_of_an_analysis_that_finishes_appear(tmp_path: Path) -> None:
    """Findings of a capture still being analyzed are hidden, and shown once it is complete."""
    db = tmp_path / "late.db"
    writer = Store.open(db)
    slow = writer.begin_capture("slow", "slow:1", "pcap")
    writer.write(slow, Batch(findings=[_finding(i, f"86000000000000{i}") for i in range(3)]))
    live = writer.begin_capture("live", "live:1", "live-proxy")
    writer.finish_capture(live, 0, None, None, status="live")
    writer.write(live, Batch(findings=[_finding(9, "351111111111119")]))

    async def run() -> None:
        app = PrivmonApp(str(db), None, poll_seconds=0.2)
        async with app.run_test(size=(140, 40)) as pilot:
            table = app.query_one("#find", RowTable)
            await until(pilot, lambda: app._polls >= 1)  # the first poll's snapshot is shown
            assert table.row_count == 1
            writer.finish_capture(slow, 3, 1.0, 2.0)
            await until(pilot, lambda: table.row_count >= 4)
            assert table.row_count == 4

    asyncio.run(run())
    writer.close()


@pytest.mark.parametrize("key", ["o", "v", "d", "f", "t"])
def test_snapshot_of_each_view(snap_compare, demo_db: Path, key: str) -> None:  # type: ignore[no-untyped-def]
    app = build_app(str(demo_db), str(CAP / "demo-policy.txt"), poll_seconds=60)
    blank = app.analysis

    async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
        await until(pilot, lambda: app.analysis is not blank)  # verdicts, sparklines: the analysis worker's
        await workers_done(pilot)
        await pilot.press(key)
        await workers_done(pilot)  # e.g. the verdict explained below the matrix

    assert snap_compare(app, terminal_size=(140, 45), run_before=settle)


def test_snapshot_of_the_store_label_view(snap_compare, demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """`l` with the demo's Data safety CSV: the label verdicts and the explanation of the selected label line."""
    from monitor.labels import read_label

    monkeypatch.chdir(CAP)  # the label file is named as the user gave it: relative, the same on every machine
    app = build_app(str(demo_db), str(CAP / "demo-policy.txt"), poll_seconds=60,
                    labels=[read_label("demo-data-safety.csv")])
    blank = app.analysis

    async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
        await until(pilot, lambda: app.analysis is not blank)  # the label verdicts are the analysis worker's
        await workers_done(pilot)
        await pilot.press("l")
        await workers_done(pilot)

    assert snap_compare(app, terminal_size=(140, 45), run_before=settle)


def _consents(db: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT source FROM consent").fetchall()
    except sqlite3.OperationalError:  # e.g. locked by the writer: asked again
        return []
    finally:
        conn.close()


def test_export_and_consent_keys_write_off_the_ui_thread(tmp_path: Path, demo_db: Path) -> None:
    """`e` writes the three reports next to the database, owner-only; `c` records the consent moment."""
    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)

    async def run() -> None:
        app = build_app(str(db), str(CAP / "demo-policy.txt"), poll_seconds=0.3)
        async with app.run_test(size=(140, 40)) as pilot:
            await _settle(pilot)
            await pilot.press("e", "c")
            outs = [Path(f"{db}.report.{fmt}") for fmt in ("html", "json", "md")]
            # the files appear while the export worker writes them: wait for the worker to be gone too, and for
            # the consent worker's row (read after the app closed, which does not wait for thread workers)
            await until(pilot, lambda: all(o.exists() for o in outs) and _consents(db) == [("tui",)]
                         and not any(w.group in ("export", "consent") for w in app.workers))
            for o in outs:
                assert o.stat().st_size > 1000 and stat.S_IMODE(o.stat().st_mode) == 0o600
            assert "contradicted" in outs[0].read_text(encoding="utf-8")

    asyncio.run(run())
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT source FROM consent").fetchall() == [("tui",)]


def test_pinned_destinations_are_marked(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    with Store.open(db) as w:
        cid = w.begin_capture("live", "live-proxy:1", "live-proxy")
        w.write(cid, Batch(destinations=[
            destination(host="api.pinned.example", protocol="tls", tls_rejected=3, first_ts=1.0, last_ts=2.0),
            destination(host="open.example", ip="1.2.3.4", protocol="https", first_ts=1.0, last_ts=2.0)]))
        w.finish_capture(cid, 2, 1.0, 2.0)

    async def run() -> None:
        app = PrivmonApp(str(db), None, poll_seconds=0.2)
        async with app.run_test(size=(160, 40)) as pilot:
            dest = app.query_one("#dest", DataTable)
            await until(pilot, lambda: dest.row_count == 2)  # the first poll's destinations
            await pilot.press("d")
            await _settle(pilot)
            rows = {str(dest.get_row_at(i)[0]): str(dest.get_row_at(i)[3]) for i in range(dest.row_count)}
            assert rows == {"api.pinned.example": "tls · pinned", "open.example": "https"}

    asyncio.run(run())


def test_a_recurring_value_says_why_it_is_an_identifier(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    with Store.open(db) as w:
        cid = w.begin_capture("x", "x:2", "har")
        row = replace(_finding(1, "38400000-8cf0-11bd-b23e-10b96e40000d"), type="gaid", location="query:aid",
                      reason="same value as the gaid found at json:$.gaid (frame 12)")
        w.write(cid, Batch(findings=[row]))
        w.finish_capture(cid, 1, 1.0, 2.0)

    async def run() -> None:
        app = PrivmonApp(str(db), None, poll_seconds=0.2)
        async with app.run_test(size=(140, 40)) as pilot:
            await until(pilot, lambda: app.query_one("#find", RowTable).row_count == 1)  # the first poll's row
            await pilot.press("f", "enter")
            await until(pilot, lambda: app.screen.__class__.__name__ == "FindingScreen")  # read by a worker
            head = str(app.screen.query_one("#detail-head", Static).render())
            assert "same value as the gaid found at json:$.gaid (frame 12)" in head

    asyncio.run(run())
