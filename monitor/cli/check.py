"""`privmon check`: the CI gate for app builds (exit 0 clean, 1 a --fail-on verdict found, 2 bad input)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from monitor.cli.common import build_context, geoip_option, profile_option, signatures_option
from monitor.cli.consent import consent_option, record_consent
from monitor.cli.labels import (
    LABEL_FAILS,
    fail_set,
    label_options,
    load_labels,
    print_label_verdicts,
    write_sarif,
)
from monitor.errors import BadInput
from monitor.ingest import analyze_file, expand_inputs
from monitor.policy import read_policy
from monitor.report import write_private
from monitor.report.data import build_report
from monitor.report.safe import json_text, safe_text, terminal
from monitor.store import Store

FAIL_CHOICES = {"contradicted", "undisclosed", "vague", "disclosed", "before-consent", "new"} | set(LABEL_FAILS)
DEFAULT_FAIL_ON = "undisclosed,contradicted"


@click.command("check")
@click.argument("captures", nargs=-1, required=True)
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False),
              help="Privacy policy (txt, html, pdf); optional when a store label is given.")
@profile_option
@click.option("--fail-on", default=None,
              help="Comma-separated: contradicted, undisclosed, vague, before-consent, new, and the label verdicts "
                   f"{', '.join(LABEL_FAILS)}. [default: {DEFAULT_FAIL_ON}, plus the six label verdicts when a "
                   "label is given]")
@click.option("--junit", "junit_path", type=click.Path(dir_okay=False), help="Write JUnit XML here.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="JSON report of the previous build: show (and with --fail-on new, fail on) what is new.")
@click.option("-o", "--report", "--json", "report_path", type=click.Path(dir_okay=False),
              help="Also write the JSON report.")
@label_options
@click.option("--sarif", "sarif_path", type=click.Path(dir_okay=False), help="Write SARIF 2.1.0 here (code scanning).")
@click.option("--sarif-all", is_flag=True, help="SARIF: also the passing verdicts (kind pass / notApplicable).")
@click.option("--sarif-root", default=".", show_default=True, type=click.Path(file_okay=False),
              help="SARIF: artifact paths are written relative to this directory.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Keep the database (default: temporary).")
@click.option("--keylog", "keylogs", multiple=True, type=click.Path(dir_okay=False), help="TLS key log file(s).")
@click.option("--redact", is_flag=True, help="Mask identifier values in the JSON report and JUnit XML.")
@consent_option
@signatures_option
@geoip_option
def command(captures: tuple[str, ...], policy_path: str | None, profile_path: str | None, fail_on: str | None,
            junit_path: str | None, baseline_path: str | None, report_path: str | None,
            data_safety: str | None, app_privacy: str | None, manifests: tuple[str, ...], sharing: str,
            sarif_path: str | None, sarif_all: bool, sarif_root: str, db_path: str | None,
            keylogs: tuple[str, ...], redact: bool, consent_at: str | None, signature_dirs: tuple[str, ...],
            geoip: str | None) -> None:
    """Check captures of an app build against its privacy policy and/or store labels, for CI.

    Exit code 0: no verdict in --fail-on; 1: at least one; 2: bad input or usage.
    """
    given_labels = bool(data_safety or app_privacy or manifests)
    if not policy_path and not given_labels:
        raise click.UsageError("give --policy, or a store label (--data-safety, --app-privacy, --privacy-manifest)")
    wanted = fail_set(fail_on, given_labels)
    bad = wanted - FAIL_CHOICES
    if bad:
        raise click.BadParameter(f"unknown verdict(s) {sorted(bad)}; choose from {sorted(FAIL_CHOICES)}",
                                 param_hint="--fail-on")
    labels = load_labels(data_safety, app_privacy, manifests, sarif_path, sarif_root)
    ctx = build_context(signature_dirs, profile_path, geoip)
    policy = read_policy(policy_path, ctx.signatures) if policy_path else None
    baseline = None
    if baseline_path:
        from monitor.report.baseline import load_baseline

        baseline = load_baseline(baseline_path)
    files = expand_inputs(captures)
    with tempfile.TemporaryDirectory(prefix="privmon-check-") as tmp:
        db = Path(db_path) if db_path else Path(tmp) / "check.db"
        errors = 0
        with Store.open(db) as store:
            store.set_devices([d.as_row() for d in ctx.profile.devices])
            for path in files:
                try:
                    analyze_file(path, store, ctx, keylogs=keylogs)
                except BadInput as exc:
                    click.echo(f"privmon: {terminal(exc.line(), False)}", err=True)
                    errors += 1
            if consent_at:
                record_consent(store, consent_at)
            report = build_report(store, policy, signatures_version=ctx.signatures.version, labels=labels,
                                  sharing=sharing, redact=redact)
    if errors:
        if sarif_path:
            write_sarif(sarif_path, {}, wanted, sarif_root, ctx.profile.app.name, labels, successful=False,
                        error=f"{errors} capture file(s) could not be read")
        sys.exit(2)
    changes = None
    if baseline is not None:
        from monitor.report.baseline import diff

        changes = diff(report, baseline)
        report["baseline_diff"] = changes
    if report_path:
        write_private(report_path, json_text(json.dumps(report, indent=2, ensure_ascii=False)) + "\n")
    if junit_path:
        from monitor.report.junit import render_junit

        write_private(junit_path, render_junit(report["verdicts"], wanted, label_verdicts=report.get("label_verdicts")))
    if sarif_path:
        write_sarif(sarif_path, report, wanted, sarif_root, ctx.profile.app.name, labels, sarif_all=sarif_all,
                    policy_path=policy_path or "", policy_text=policy.text if policy else "")
    failing = _print(report, wanted, changes) if policy is not None else 0
    failing += print_label_verdicts(report, wanted)
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
        t.add_row(safe_text(v["type"]), safe_text(v["recipient"]), safe_text(v["verdict"] + mark, style="bold red" if fails else ""),
                  str(len(v["findings"])), safe_text(v["reason"]))
    console.print(t)
    for c in report["captures"]:  # an empty table must not pass for a clean capture
        for w in c.get("warnings", []):
            console.print(safe_text(f"warning: {c['path']}: {w}", style="bold yellow"))
    if changes:
        for k, items in changes.items():
            if items:
                console.print(safe_text(f"{k.replace('_', ' ')}: " + ", ".join(items)))  # hosts are captured text
        if "new" in wanted:  # a new SDK host or identifier type is new even when the policy covers it
            failing += len(changes["new_sdk_hosts"]) + len(changes["new_identifier_types"])
    console.print(safe_text(f"{failing} failing verdict(s) for --fail-on {','.join(sorted(wanted))}"))
    return failing
