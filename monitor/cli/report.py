"""`privmon report`: the JSON / Markdown / HTML report of a database, optionally against a policy."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from monitor.cli.common import build_context, signatures_option
from monitor.cli.consent import consent_option, parse_consent
from monitor.engine import EngineContext
from monitor.model import Policy
from monitor.report import write_private
from monitor.report.data import build_report
from monitor.report.safe import json_text, safe_text
from monitor.store import Store


def load_policy_for(policy_path: str | None, ctx: EngineContext) -> Policy | None:
    if not policy_path:
        return None
    from monitor.policy import read_policy

    return read_policy(policy_path, ctx.signatures)


def render(report: dict, fmt: str, store: Store | None = None, policy: Policy | None = None,  # type: ignore[type-arg]
           redact: bool = False) -> str:
    if fmt == "json":
        return json_text(json.dumps(report, indent=2, ensure_ascii=False)) + "\n"
    if fmt == "md":
        from monitor.report.markdown import render_markdown

        return render_markdown(report)
    from monitor.report.data import evidence_messages
    from monitor.report.html import render_html

    messages = evidence_messages(store, report, redact) if store is not None else {}
    return render_html(report, messages, policy.text if policy else "")


@click.command("report")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False))
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False), help="Privacy policy (txt, html, pdf).")
@click.option("--format", "fmt", type=click.Choice(["json", "html", "md"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option("--redact", is_flag=True, help="Mask identifier values (3569…3809 style) everywhere.")
@consent_option
@signatures_option
def command(db_path: str, policy_path: str | None, fmt: str, output: str | None, redact: bool,
            consent_at: str | None, signature_dirs: tuple[str, ...]) -> None:
    """Write the report of DB: JSON (the contract's schema), Markdown, or self-contained HTML."""
    ctx = build_context(signature_dirs)
    policy = load_policy_for(policy_path, ctx)
    with Store.open(db_path, readonly=True) as store:
        consent = None
        if consent_at:
            firsts = [c["first_ts"] for c in store.captures() if c["first_ts"]]
            consent = parse_consent(consent_at, min(firsts) if firsts else None)
        report = build_report(store, policy, redact=redact, signatures_version=ctx.signatures.version,
                              consent_ts=consent)
        text = render(report, fmt, store, policy, redact)
    if output:
        write_private(output, text)
    else:
        click.echo(text, nl=False)


def print_verdicts(console: Console, store: Store, policy_path: str, ctx: EngineContext) -> None:
    policy = load_policy_for(policy_path, ctx)
    report = build_report(store, policy)
    t = Table(title="verdicts")
    for col in ("type", "recipient", "verdict", "findings", "reason"):
        t.add_column(col)
    for v in report["verdicts"]:
        t.add_row(safe_text(v["type"]), safe_text(v["recipient"]), safe_text(v["verdict"]), str(len(v["findings"])),
                  safe_text(v["reason"]))
    console.print(t)
