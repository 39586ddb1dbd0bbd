"""`privmon check`: the CI gate for app builds (exit 0 clean, 1 a --fail-on verdict found, 2 bad input)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from monitor.cli.common import build_context, geoip_option, profile_option, signatures_option
from monitor.cli.consent import consent_option, record_consent
from monitor.errors import BadInput
from monitor.ingest import analyze_file, expand_inputs
from monitor.policy import read_policy
from monitor.report import write_private
from monitor.report.data import build_report
from monitor.store import Store

FAIL_CHOICES = {"contradicted", "undisclosed", "vague", "disclosed", "before-consent", "new"}


@click.command("check")
@click.argument("captures", nargs=-1, required=True)
@click.option("--policy", "policy_path", required=True, type=click.Path(dir_okay=False))
@profile_option
@click.option("--fail-on", default="undisclosed,contradicted", show_default=True,
              help="Comma-separated: contradicted, undisclosed, vague, before-consent, new.")
@click.option("--junit", "junit_path", type=click.Path(dir_okay=False), help="Write JUnit XML here.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="JSON report of the previous build: show (and with --fail-on new, fail on) what is new.")
@click.option("-o", "--report", "report_path", type=click.Path(dir_okay=False), help="Also write the JSON report.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Keep the database (default: temporary).")
@click.option("--keylog", "keylogs", multiple=True, type=click.Path(dir_okay=False), help="TLS key log file(s).")
@consent_option
@signatures_option
@geoip_option
def command(captures: tuple[str, ...], policy_path: str, profile_path: str | None, fail_on: str,
            junit_path: str | None, baseline_path: str | None, report_path: str | None, db_path: str | None,
            keylogs: tuple[str, ...], consent_at: str | None, signature_dirs: tuple[str, ...],
            geoip: str | None) -> None:
    """Check captures of an app build against its privacy policy, for CI.

    Exit code 0: no verdict in --fail-on; 1: at least one; 2: bad input or usage.
    """
    wanted = {x.strip() for x in fail_on.split(",") if x.strip()}
    bad = wanted - FAIL_CHOICES
    if bad:
        raise click.BadParameter(f"unknown verdict(s) {sorted(bad)}; choose from {sorted(FAIL_CHOICES)}",
                                 param_hint="--fail-on")
    ctx = build_context(signature_dirs, profile_path, geoip)
    policy = read_policy(policy_path, ctx.signatures)
    baseline = None
    if baseline_path:
        from monitor.report.baseline import load_baseline

        baseline = load_baseline(baseline_path)
    files = expand_inputs(captures)
    with tempfile.TemporaryDirectory(prefix="privmon-check-") as tmp:
        db = Path(db_path) if db_path else Path(tmp) / "check.db"
        errors = 0
        with Store.open(db) as store:
            for path in files:
                try:
                    analyze_file(path, store, ctx, keylogs=keylogs)
                except BadInput as exc:
                    click.echo(f"privmon: {exc.line()}", err=True)
                    errors += 1
            if consent_at:
                record_consent(store, consent_at)
            report = build_report(store, policy, signatures_version=ctx.signatures.version)
    if errors:
        sys.exit(2)
    changes = None
    if baseline is not None:
        from monitor.report.baseline import diff

        changes = diff(report, baseline)
        report["baseline_diff"] = changes
    if report_path:
        write_private(report_path, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if junit_path:
        from monitor.report.junit import render_junit

        write_private(junit_path, render_junit(report["verdicts"], wanted))
    failing = _print(report, wanted, changes)
    sys.exit(1 if failing else 0)


def _print(report: dict, wanted: set[str], changes: dict | None) -> int:  # type: ignore[type-arg]
    from monitor.report.junit import _fails

    console = Console(highlight=False)
    t = Table(title="privmon check")
    for col in ("type", "recipient", "verdict", "findings", "reason"):
        t.add_column(col, overflow="fold")
    failing = 0
    for v in report["verdicts"]:
        if v["verdict"] == "not_observed":
            continue
        fails = _fails(v, wanted)
        failing += fails
        mark = " FAIL" if fails else ""
        t.add_row(Text(v["type"]), Text(v["recipient"]), Text(v["verdict"] + mark, style="bold red" if fails else ""),
                  str(len(v["findings"])), Text(v["reason"]))
    console.print(t)
    for c in report["captures"]:  # an empty table must not pass for a clean capture
        for w in c.get("warnings", []):
            console.print(Text(f"warning: {c['path']}: {w}", style="bold yellow"))
    if changes:
        for k, items in changes.items():
            if items:
                console.print(Text(f"{k.replace('_', ' ')}: " + ", ".join(items)))
        if "new" in wanted:  # a new SDK host or identifier type is new even when the policy covers it
            failing += len(changes["new_sdk_hosts"]) + len(changes["new_identifier_types"])
    console.print(Text(f"{failing} failing verdict(s) for --fail-on {','.join(sorted(wanted))}"))
    return failing
