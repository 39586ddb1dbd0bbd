"""`privmon policy`: what a privacy policy says it collects, for whom, and what it promises."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from monitor.cli.common import build_context, signatures_option
from monitor.policy import read_policy, reading_warnings
from monitor.report.data import policy_json
from monitor.report.safe import json_text, safe_text


@click.command("policy")
@click.argument("policy_path", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@signatures_option
def command(policy_path: str, fmt: str, signature_dirs: tuple[str, ...]) -> None:
    """Read a privacy policy (text, HTML or PDF): statements per data type and recipient, and claims.

    Each statement quotes its sentence; start/end are character offsets into the policy text.
    """
    ctx = build_context(signature_dirs)
    policy = read_policy(policy_path, ctx.signatures)
    if fmt == "json":
        out = policy_json(policy)
        out["first_party_sdk"] = policy.first_party_sdk
        click.echo(json_text(json.dumps(out, indent=2, ensure_ascii=False)))
        return
    console = Console(highlight=False)
    head = f"{policy.source}: {len(policy.statements)} statements, {len(policy.claims)} claims"
    if policy.first_party_sdk:
        head += f" (an SDK vendor's own policy: {policy.first_party_sdk} is the first party)"
    console.print(safe_text(head))
    console.print(safe_text("SDKs named: " + (", ".join(policy.sdks_named) or "none")))
    for warning in reading_warnings(policy):
        console.print(safe_text("Warning: " + warning))
    t = Table(show_lines=False)
    for col in ("type", "recipient", "stance", "qualifiers", "evidence"):
        t.add_column(col, overflow="fold")
    for s in policy.statements:
        quals = ", ".join(q for q in s.qualifiers if not q.startswith("purpose:"))
        t.add_row(safe_text(s.type + (" (vague)" if s.vague else "")), safe_text(s.recipient), safe_text(s.stance), safe_text(quals),
                  safe_text(s.evidence.text[:160]))
    console.print(t)
    if policy.claims:
        c = Table(title="claims")
        c.add_column("kind")
        c.add_column("params")
        c.add_column("text", overflow="fold")
        for cl in policy.claims:
            c.add_row(safe_text(cl.kind), safe_text(", ".join(f"{k}={v}" for k, v in cl.params)), safe_text(cl.text[:200]))
        console.print(c)
