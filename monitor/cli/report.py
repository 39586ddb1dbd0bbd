"""`privmon report`: the JSON / Markdown / HTML report of a database, optionally against a policy."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from monitor.cli.common import build_context, signatures_option
from monitor.cli.consent import consent_option, parse_consent
from monitor.cli.labels import label_options, load_labels
from monitor.engine import EngineContext
from monitor.model import Policy
from monitor.report import write_private
from monitor.report.data import build_report
from monitor.report.formats import FORMATS, render
from monitor.report.safe import safe_text
from monitor.store import Store


def load_policy_for(policy_path: str | None, ctx: EngineContext) -> Policy | None:
    if not policy_path:
        return None
    from monitor.policy import read_policy

    return read_policy(policy_path, ctx.signatures)


@click.command("report")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False))
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False), help="Privacy policy (txt, html, pdf).")
@click.option("--format", "fmt", type=click.Choice(sorted({*FORMATS, "sarif"})), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write here (mode 0600) instead of stdout; '-' is stdout.")
@click.option("--redact", is_flag=True, help="Mask identifier values (3569…3809 style) everywhere.")
@label_options
@click.option("--fail-on", default=None, help="SARIF: verdicts reported at level error (as in `check`).")
@click.option("--sarif-all", is_flag=True, help="SARIF: also the passing verdicts (kind pass / notApplicable).")
@click.option("--sarif-root", default=".", show_default=True, type=click.Path(file_okay=False),
              help="SARIF: artifact paths are written relative to this directory.")
@consent_option
@signatures_option
def command(db_path: str, policy_path: str | None, fmt: str, output: str | None, redact: bool,
            data_safety: str | None, app_privacy: str | None, manifests: tuple[str, ...], sharing: str,
            fail_on: str | None, sarif_all: bool, sarif_root: str,
            consent_at: str | None, signature_dirs: tuple[str, ...]) -> None:
    """Write the report of DB: JSON (the contract's schema), Markdown, self-contained HTML, or SARIF 2.1.0."""
    labels = load_labels(data_safety, app_privacy, manifests)
    ctx = build_context(signature_dirs)
    policy = load_policy_for(policy_path, ctx)
    with Store.open(db_path, readonly=True) as store:
        consent = None
        if consent_at:
            firsts = [c["first_ts"] for c in store.captures() if c["first_ts"]]
            consent = parse_consent(consent_at, min(firsts) if firsts else None)
        report = build_report(store, policy, redact=redact, signatures_version=ctx.signatures.version,
                              consent_ts=consent, labels=labels, sharing=sharing)
        if fmt == "sarif":
            from monitor.cli.labels import fail_set, sarif_text

            text = sarif_text(report, fail_set(fail_on, bool(labels)), sarif_root, labels, sarif_all=sarif_all,
                              app_name=store.meta("app_name") or "",
                              policy_path=policy_path or "", policy_text=policy.text if policy else "")
        else:
            text = render(report, fmt, store, policy, redact)
    if output and output != "-":
        write_private(output, text)
    else:
        click.echo(text, nl=False)


def print_verdicts(console: Console, store: Store, policy_path: str, ctx: EngineContext) -> None:
    from monitor.compare import compute_verdicts

    policy = load_policy_for(policy_path, ctx)
    verdicts = [] if policy is None else compute_verdicts(policy, store.findings(), store.destinations(),
                                                          store.consent_ts())
    t = Table(title="verdicts")
    for col in ("type", "recipient", "verdict", "findings", "reason"):
        t.add_column(col)
    for v in verdicts:
        t.add_row(safe_text(v.type), safe_text(v.recipient), safe_text(v.verdict), str(len(v.findings)),
                  safe_text(v.reason))
    console.print(t)
