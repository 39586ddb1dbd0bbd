"""`privmon labels FILE...`: what store labels declare, normalised; and the label options other verbs share."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from monitor.errors import BadInput
from monitor.labels import read_label, read_labels
from monitor.labels.model import Label

LABEL_FAILS = ("undeclared_collection", "undeclared_sharing", "undeclared_tracking", "encryption_claim_false",
               "tracking_undeclared", "tracking_domain_undeclared")


def label_options(f: Callable[..., Any]) -> Callable[..., Any]:
    for opt in reversed([
        click.option("--data-safety", "data_safety", type=click.Path(dir_okay=False),
                     help="Google Play Data safety CSV (the Play Console export/import file)."),
        click.option("--app-privacy", "app_privacy", type=click.Path(dir_okay=False),
                     help="Apple App Privacy details (fastlane app_privacy_details.json)."),
        click.option("--privacy-manifest", "manifests", multiple=True, type=click.Path(dir_okay=False),
                     help="PrivacyInfo.xcprivacy (XML or binary); repeat for the app's and its SDKs' (their union)."),
        click.option("--sharing", type=click.Choice(["service-providers", "strict"]), default="service-providers",
                     show_default=True, help="Data safety 'shared': only advertising/social-login SDKs are third "
                     "parties (service-providers), or every named SDK (strict)."),
    ]):
        f = opt(f)
    return f


def warn_labels(labels: Sequence[Label]) -> None:
    for lab in labels:
        for w in lab.warnings:
            click.echo(f"privmon: warning: {lab.path}: {w}", err=True)


def load_labels(data_safety: str | None, app_privacy: str | None, manifests: Sequence[str],
                sarif_path: str | None = None, sarif_root: str = ".") -> list[Label]:
    """Read the labels given; on a bad file, write a SARIF log that says so (if asked) and raise."""
    try:
        labels = read_labels([data_safety] if data_safety else [], [app_privacy] if app_privacy else [], manifests)
    except BadInput as exc:
        if sarif_path:
            write_sarif(sarif_path, {}, set(), sarif_root, "", [], successful=False, error=exc.line())
        raise
    warn_labels(labels)
    return labels


def fail_set(fail_on: str | None, labels_given: bool) -> set[str]:
    """--fail-on as a set; without it, the policy default plus (when labels are given) the six label verdicts."""
    wanted = {x.strip() for x in (fail_on or "undisclosed,contradicted").split(",") if x.strip()}
    if fail_on is None and labels_given:
        wanted |= set(LABEL_FAILS)
    return wanted


def sarif_text(report: dict[str, Any], fail_on: set[str], root: str, labels: Sequence[Label], *, app_name: str = "",
               sarif_all: bool = False, policy_path: str = "", policy_text: str = "", successful: bool = True,
               error: str = "") -> str:
    from monitor.report.sarif import render_sarif

    notes = [f"{lab.path}: {w}" for lab in labels for w in lab.warnings] + ([error] if error else [])
    log = render_sarif(report, fail_on, sarif_all=sarif_all, root=root, app_name=app_name, policy_path=policy_path,
                       policy_text=policy_text, notifications=notes, successful=successful)
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def write_sarif(path: str, report: dict[str, Any], fail_on: set[str], root: str, app_name: str,
                labels: Sequence[Label], *, sarif_all: bool = False, policy_path: str = "", policy_text: str = "",
                successful: bool = True, error: str = "") -> None:
    from monitor.report import write_private

    write_private(path, sarif_text(report, fail_on, root, labels, app_name=app_name, sarif_all=sarif_all,
                                   policy_path=policy_path, policy_text=policy_text, successful=successful,
                                   error=error))


def print_label_verdicts(report: dict[str, Any], wanted: set[str]) -> int:
    """The label verdicts as a table; returns how many are in --fail-on."""
    verdicts = report.get("label_verdicts") or []
    if not verdicts:
        return 0
    console = Console(highlight=False)
    t = Table(title="store labels")
    for col in ("label", "label type", "verdict", "findings", "line", "reason"):
        t.add_column(col, overflow="fold")
    failing = 0
    for v in verdicts:
        fails = v["verdict"] in wanted
        failing += fails
        name = v["label_type"] + (f" {v['host']}" if v.get("host") else "")
        t.add_row(Text(v["source"]), Text(name), Text(v["verdict"] + (" FAIL" if fails else ""),
                                                      style="bold red" if fails else ""),
                  str(len(v["findings"])), f"{v['label_evidence']['path']}:{v['label_evidence']['line']}",
                  Text(v["reason"]))
    console.print(t)
    console.print(Text(f"{failing} failing label verdict(s)"))
    return failing


@click.command("labels")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
def command(files: tuple[str, ...], fmt: str) -> None:
    """Read store label files (Data safety CSV, app_privacy_details.json, PrivacyInfo.xcprivacy) and print
    what they declare, normalised. The kind of each file is told by its content."""
    labels = [read_label(p) for p in files]
    warn_labels(labels)
    if fmt == "json":
        click.echo(json.dumps([lab.to_json() for lab in labels], indent=2, ensure_ascii=False))
        return
    console = Console(highlight=False)
    for lab in labels:
        console.print(Text(f"{lab.path}: {lab.source} ({lab.platform}), sha256 {lab.sha256[:16]}…", style="bold"))
        facts = []
        if lab.collects_personal_data is not None:
            facts.append(f"collects personal data: {str(lab.collects_personal_data).lower()}")
        if lab.encrypted_in_transit is not None:
            facts.append(f"encrypted in transit: {str(lab.encrypted_in_transit).lower()}")
        if lab.not_collected:
            facts.append("declares that no data is collected")
        if lab.tracking is not None:
            facts.append(f"NSPrivacyTracking: {str(lab.tracking).lower()}")
        if lab.tracking_domains:
            facts.append("tracking domains: " + ", ".join(lab.tracking_domains))
        for f in facts:
            console.print(Text("  " + f))
        t = Table()
        for col in ("line", "label type", "collected", "shared", "tracking", "linked", "purposes"):
            t.add_column(col, overflow="fold")
        for d in lab.declared:
            purposes = d.collection_purposes + [f"shared: {p}" for p in d.sharing_purposes] + d.purposes
            t.add_row(str(d.line), Text(d.label_type), _yn(d.collected), _yn(d.shared), _yn(d.tracking), _yn(d.linked),
                      Text(", ".join(purposes)))
        console.print(t)


def _yn(v: bool | None) -> str:
    return "-" if v is None else ("yes" if v else "no")
