"""`privmon demo`: the bundled sample captures against the bundled sample policy."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from monitor.cli.common import build_context
from monitor.cli.report import load_policy_for, render
from monitor.ingest import analyze_file
from monitor.labels import read_label
from monitor.report.data import build_report
from monitor.store import Store

DEMO_DIR = Path(__file__).resolve().parent.parent / "demo"  # package data, so an installed wheel has it


@click.command("demo")
@click.option("--no-tui", is_flag=True, help="Print the report instead of opening the TUI.")
@click.option("--format", "fmt", type=click.Choice(["json", "html", "md"]), default="md", show_default=True,
              help="Report format with --no-tui.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False),
              help="Keep the demo database here (default: a temporary file).")
def command(no_tui: bool, fmt: str, db_path: str | None) -> None:
    """Analyze the bundled sample captures against the bundled sample policy and Play Data safety CSV,
    then show the result."""
    ctx = build_context((), str(DEMO_DIR / "demo-profile.toml"))
    policy_path = str(DEMO_DIR / "demo-policy.txt")
    labels = [read_label(str(DEMO_DIR / "demo-data-safety.csv"), "data_safety")]  # judged beside the policy
    with tempfile.TemporaryDirectory(prefix="privmon-demo-") as tmp:
        db = Path(db_path) if db_path else Path(tmp) / "demo.db"
        with Store.open(db) as store:
            store.set_devices([d.as_row() for d in ctx.profile.devices])
            for cap in sorted(DEMO_DIR.glob("*.pcap*")) + sorted(DEMO_DIR.glob("*.har")):
                analyze_file(cap, store, ctx)
        if no_tui:
            policy = load_policy_for(policy_path, ctx)
            with Store.open(db, readonly=True) as store:
                report = build_report(store, policy, signatures_version=ctx.signatures.version, labels=labels)
            click.echo(render(report, fmt), nl=False)
            return
        from monitor.tui.app import run_tui

        run_tui(str(db), policy_path=policy_path, profile_path=str(DEMO_DIR / "demo-profile.toml"), labels=labels)
