"""`privmon tui`: the dashboard; follows the database while proxy/sniff/analyze write to it."""

from __future__ import annotations

import click

from monitor.cli.common import build_context, profile_option, signatures_option
from monitor.cli.labels import label_options, load_labels


@click.command("tui")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="Database to watch (read-only).")
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False), help="Privacy policy for the verdicts.")
@profile_option
@label_options
@signatures_option
def command(db_path: str, policy_path: str | None, profile_path: str | None, data_safety: str | None,
            app_privacy: str | None, manifests: tuple[str, ...], sharing: str, signature_dirs: tuple[str, ...]) -> None:
    """Open the Textual dashboard on DB: overview, verdict matrix, destinations, findings, policy text.

    Keys: o v d f t switch views, / filters, enter opens a finding, r reveals values, e exports the
    report, c marks consent, ? lists the keys, ctrl+p opens the command palette.
    """
    labels = load_labels(data_safety, app_privacy, manifests)
    ctx = build_context(signature_dirs, profile_path)
    from monitor.tui.app import run_tui

    run_tui(db_path, policy_path=policy_path, profile_path=profile_path, signatures=ctx.signatures, labels=labels)
