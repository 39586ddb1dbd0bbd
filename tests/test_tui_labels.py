"""The TUI's store-label view, driven with Pilot on a real database and label files."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from labelcaps import FLOWS, write_capture, write_profile
from pilotwait import until
from textual.widgets import DataTable, Static, TabbedContent

from monitor.labels import read_label
from monitor.tui.app import build_app

ROOT = Path(__file__).resolve().parent.parent
L = ROOT / "tests" / "fixtures" / "labels"


def test_label_view_lists_verdicts_and_explains_the_label_line(tmp_path: Path) -> None:
    write_capture(tmp_path / "build.pcap", list(FLOWS))
    write_profile(tmp_path / "lab.toml")
    subprocess.run([sys.executable, "-m", "monitor", "analyze", "build.pcap", "--db", "lab.db", "-q", "--profile",
                    "lab.toml"], check=True, cwd=tmp_path, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    labels = [read_label(str(L / "data_safety.csv")), read_label(str(L / "PrivacyInfo.xcprivacy"))]

    async def run() -> None:
        app = build_app(str(tmp_path / "lab.db"), None, poll_seconds=0.3, labels=labels)
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.press("l")
            tabs = app.query_one("#tabs", TabbedContent)
            await until(pilot, lambda: tabs.active == "labels")
            assert tabs.active == "labels"
            table = app.query_one("#label-table", DataTable)
            await until(pilot, lambda: table.row_count > 0)  # the label verdicts come with the analysis
            cells = [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
            assert any("PSL_DEVICE_ID" in c and "undeclared sharing" in c for c in cells)
            assert any("launches.appsflyer.com" in c and "tracking domain undeclared" in c for c in cells)
            why = str(app.query_one("#label-why", Static).render())
            assert "line" in why  # the first verdict's label line is explained below the table
            table.focus()
            await pilot.press("down")
            await until(pilot, lambda: str(app.query_one("#label-why", Static).render()) != why)
            moved = str(app.query_one("#label-why", Static).render())
            assert moved != why
            for _ in range(2):  # later analyses of the same database keep the reader's row (each one is awaited)
                seen = app.analysis
                await until(pilot, lambda seen=seen: app.analysis is not seen)
                assert app.analysis is not seen
            assert str(app.query_one("#label-why", Static).render()) == moved and table.cursor_row == 1

    asyncio.run(run())


def test_without_labels_the_views_are_unchanged(tmp_path: Path) -> None:
    write_capture(tmp_path / "build.pcap", ["gdt_imei"])
    subprocess.run([sys.executable, "-m", "monitor", "analyze", "build.pcap", "--db", "lab.db", "-q"], check=True,
                   cwd=tmp_path, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})

    async def run() -> None:
        app = build_app(str(tmp_path / "lab.db"), None, poll_seconds=0.3)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("l")
            await until(pilot, lambda: len(app._notifications) > 0)  # the key was handled: it says why not
            assert "no store label loaded" in str(list(app._notifications)[0].message)
            assert app.query_one("#tabs", TabbedContent).active == "overview"
            assert not app.query("#label-view")

    asyncio.run(run())
