"""Store-label verdicts in the Markdown and HTML reports: a matrix (label type x label) and the label line
next to the traffic evidence, as the policy sentence is shown for policy verdicts."""

from __future__ import annotations

from typing import Any

from monitor.report import safe
from monitor.report.matrix import verdict_matrix

LABEL_COLORS = {"undeclared_collection": "#c62828", "undeclared_sharing": "#d84315", "undeclared_tracking": "#ad1457",
                "encryption_claim_false": "#6a1b9a", "tracking_domain_undeclared": "#ef6c00",
                "tracking_undeclared": "#e65100", "declared": "#2e7d32", "declared_not_observed": "#78909c",
                "not_checked": "#b0bec5"}
SOURCE_NAMES = {"data_safety": "Play Data safety", "app_privacy": "App Privacy", "privacy_manifest": "privacy manifests"}


def _e(v: Any) -> str:
    return safe.html("" if v is None else v)


def _name(v: dict[str, Any]) -> str:
    return v["label_type"] + (f" {v['host']}" if v.get("host") else "")


def _anchor(v: dict[str, Any]) -> str:
    return "l-" + "-".join(x for x in (v["source"], v["label_type"], v.get("host") or "") if x).replace(".", "_")


def _cell(v: Any) -> str:
    return safe.md_text("" if v is None else v)  # label lines and hosts are text from outside: escaped


def markdown_lines(report: dict[str, Any]) -> list[str]:
    verdicts = report.get("label_verdicts") or []
    if not verdicts and not report.get("labels"):
        return []
    out = ["", "## Store labels", ""]
    for lab in report.get("labels", []):
        out.append(f"- {SOURCE_NAMES.get(lab['source'], lab['source'])}: {safe.md_code(lab['path'])} "
                   f"({lab['platform']}, {len(lab['declared'])} declared types, {len(lab['warnings'])} warnings)")
    for src, sc in (report.get("label_scope") or {}).items():
        out.append(f"- {src} judged on: {', '.join(sc['devices']) or 'clients not in the profile'}"
                   + (f"; not judged: {', '.join(sc['excluded'])}" if sc["excluded"] else ""))
    out += ["", "| label | label type | verdict | findings | label says (line) | reason |", "|---|---|---|---|---|---|"]
    for v in verdicts:
        ev = v["label_evidence"]
        says = f"{ev['path']}:{ev['line']}: \"{' '.join(ev['text'].split())[:160]}\""
        name = v["label_type"] + (f" {safe.md_code(v['host'])}" if v.get("host") else "")  # the host is captured
        out.append("| " + " | ".join((v["source"], name, v["verdict"], ", ".join(str(i) for i in v["findings"][:20]),
                                      _cell(says), _cell(v["reason"]))) + " |")
    if report.get("labels_unmapped"):
        out += ["", "Observed types no store label has: " + ", ".join(
            f"{u['type']} ({len(u['findings'])})" for u in report["labels_unmapped"])]
    return out


def html_matrix(report: dict[str, Any]) -> str:
    verdicts = report.get("label_verdicts") or []
    if not verdicts:
        return "<p>No store label given (<code>--data-safety</code>, <code>--app-privacy</code>, " \
               "<code>--privacy-manifest</code>).</p>"
    order = {s: i for i, s in enumerate(SOURCE_NAMES)}  # columns in the order of SOURCE_NAMES
    return verdict_matrix(verdicts, row=_name, column=lambda v: f"{order.get(v['source'], 99):02d}{v['source']}",
                          colors=LABEL_COLORS, anchor=_anchor, corner="label type \\ label",
                          column_title=lambda c: SOURCE_NAMES.get(c[2:], c[2:]))


def html_drilldowns(report: dict[str, Any], messages: dict[int, dict[str, Any]]) -> str:
    by_id = {f["id"]: f for f in report.get("findings", [])}
    parts = []
    for v in report.get("label_verdicts") or []:
        if v["verdict"] in ("not_checked",):
            continue
        ev = v["label_evidence"]
        parts.append(f"<section class='verdict' id='{_e(_anchor(v))}'><h3><span class='chip' "
                     f"style='background:{LABEL_COLORS[v['verdict']]}'>{_e(v['verdict'])}</span> "
                     f"{_e(SOURCE_NAMES.get(v['source'], v['source']))}: {_e(_name(v))}</h3><p>{_e(v['reason'])}</p>"
                     "<div class='pair'><div><h4>Traffic</h4>")
        for fid in v["findings"][:8]:
            f = by_id.get(fid)
            if f is None:
                continue
            m = messages.get(f.get("message_id") or -1) or {}
            parts.append(f"<div class='req'><code>{_e(m.get('method', ''))} {_e(m.get('url', '') or f['host'])}</code>"
                         f"<br>{_e(f['type'])} in <code>{_e(f['location'])}</code> &rarr; {_e(f['sdk'])} "
                         f"({_e(f['category'])}){' <b>cleartext</b>' if f.get('cleartext') else ''}: "
                         f"<mark>{_e(f['value'])}</mark><br><small>{_e(f['evidence'])} &middot; {_e(f['capture'])}"
                         "</small></div>")
        if not v["findings"]:
            parts.append("<p><em>Nothing in this traffic.</em></p>")
        parts.append(f"</div><div><h4>Label</h4><blockquote><code>{_e(ev['path'])}</code> line {_e(ev['line'])}:<br>"
                     f"<mark>{_e(ev['text'])}</mark></blockquote></div></div></section>")
    return "".join(parts)
