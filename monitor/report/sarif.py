"""SARIF 2.1.0 for code scanning: one result per label or policy verdict worth a look (contract: "SARIF").

Locations point at the line to edit (the label row or key, the policy sentence), related locations
at the captures. Fingerprints hash only what names the problem (source, type, verdict, host), never
lines, frames, values or capture hashes, so an alert survives rebuilds and label edits.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from monitor import __version__

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/privmon/privmon"  # the project's home; update when it has a public one
MAX_RELATED = 10

LABEL_RULES = {
    "undeclared_collection": ("The app sends a data type its store label does not declare", "error"),
    "undeclared_sharing": ("A third party receives a data type the Data safety label declares as not shared", "error"),
    "undeclared_tracking": ("A tracking recipient receives a data type the label declares without tracking", "error"),
    "encryption_claim_false": ("The label says data is encrypted in transit, but some went in cleartext", "error"),
    "tracking_undeclared": ("Tracking traffic, but no privacy manifest sets NSPrivacyTracking", "error"),
    "tracking_domain_undeclared": ("A tracking host is missing from NSPrivacyTrackingDomains", "error"),
    "declared_not_observed": ("Declared in the label, not seen in this traffic", "note"),
    "declared": ("Declared in the label and seen in traffic as declared", "none"),
    "not_checked": ("Declared, but this traffic cannot show it", "none"),
}
POLICY_RULES = {
    "undisclosed": ("The app sends a data type its privacy policy never mentions for that recipient", "error"),
    "contradicted": ("The traffic contradicts an explicit statement of the privacy policy", "error"),
    "vague": ("Covered only by a broad term of the privacy policy", "note"),
    "disclosed": ("Disclosed by the privacy policy", "none"),
    "not_observed": ("Stated in the privacy policy, not seen in this traffic", "none"),
}
PASSING = {"declared": "pass", "not_checked": "notApplicable", "disclosed": "pass", "not_observed": "informational"}


def rule_id(kind: str, verdict: str) -> str:
    return f"privmon/{kind}/{verdict.replace('_', '-')}"


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def artifact_uri(path: str, root: str) -> str:
    """The path relative to root, with forward slashes, never absolute (outside root: its relative path)."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root or "."))
    return quote(PurePosixPath(*rel.split(os.sep)).as_posix(), safe="/-._~")


def _rules() -> list[dict[str, Any]]:
    out = []
    for kind, table in (("label", LABEL_RULES), ("policy", POLICY_RULES)):
        for verdict, (text, level) in table.items():
            out.append({"id": rule_id(kind, verdict), "name": verdict,
                        "shortDescription": {"text": text}, "fullDescription": {"text": text},
                        "defaultConfiguration": {"level": level if level != "none" else "note"},
                        "properties": {"verdict": verdict, "kind": kind}})
    return out


def _level(verdict: str, fail_on: set[str]) -> str:
    if verdict in PASSING:
        return "none"
    if verdict in fail_on:
        return "error"
    return "note" if verdict in ("declared_not_observed", "vague") else "warning"


def _related(findings: list[int], by_id: dict[int, dict[str, Any]], root: str) -> list[dict[str, Any]]:
    out = []
    for i, fid in enumerate(findings[:MAX_RELATED]):
        f = by_id.get(fid)
        if f is None:
            continue
        out.append({"id": i, "message": {"text": f"{f.get('evidence') or '?'} → {f.get('host') or f.get('ip')} "
                                                 f"{f.get('location', '')}".strip()},
                    "physicalLocation": {"artifactLocation": {"uri": artifact_uri(f["capture"], root),
                                                              "uriBaseId": "%SRCROOT%"}}})
    return out


def _location(path: str, line: int, root: str, logical: str) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path, root), "uriBaseId": "%SRCROOT%"},
                                 "region": {"startLine": max(1, int(line or 1))}},
            "logicalLocations": [{"fullyQualifiedName": logical, "kind": "member"}]}


def _label_result(v: dict[str, Any], index: dict[str, int], fail_on: set[str], by_id: dict[int, dict[str, Any]],
                  root: str) -> dict[str, Any]:
    rid = rule_id("label", v["verdict"])
    ev = v["label_evidence"]
    logical = f"{v['source']}/{v['label_type']}" + (f"/{v['host']}" if v.get("host") else "")
    result: dict[str, Any] = {
        "ruleId": rid, "ruleIndex": index[rid], "level": _level(v["verdict"], fail_on),
        "message": {"text": v["reason"]},
        "locations": [_location(ev["path"], ev["line"], root, logical)],
        "partialFingerprints": {"privmonLabel/v1": fingerprint(v["source"], v["label_type"], v["verdict"],
                                                               v.get("host") or "")},
        "properties": {k: v.get(k) for k in ("source", "label_type", "verdict", "privmon_types", "recipients",
                                             "findings", "host")},
    }
    if v["verdict"] in PASSING:
        result["kind"] = PASSING[v["verdict"]]
    related = _related(v["findings"], by_id, root)
    if related:
        result["relatedLocations"] = related
    return result


def _policy_line(text: str, start: int) -> int:
    return text.count("\n", 0, max(0, start)) + 1 if text and start else 1


def _policy_result(v: dict[str, Any], index: dict[str, int], fail_on: set[str], by_id: dict[int, dict[str, Any]],
                   root: str, policy_path: str, policy_text: str) -> dict[str, Any]:
    rid = rule_id("policy", v["verdict"])
    ev = (v.get("policy_evidence") or [{}])[0]
    result: dict[str, Any] = {
        "ruleId": rid, "ruleIndex": index[rid], "level": _level(v["verdict"], fail_on),
        "message": {"text": v["reason"]},
        "locations": [_location(policy_path, _policy_line(policy_text, int(ev.get("start", 0) or 0)), root,
                                f"policy/{v['type']}/{v['recipient']}")],
        "partialFingerprints": {"privmonPolicy/v1": fingerprint(v["type"], v["recipient"], v["verdict"])},
        "properties": {"source": "policy", "label_type": v["type"], "verdict": v["verdict"],
                       "privmon_types": [v["type"]], "recipients": [v["recipient"]], "findings": v["findings"],
                       "host": None},
    }
    if v["verdict"] in PASSING:
        result["kind"] = PASSING[v["verdict"]]
    related = _related(v["findings"], by_id, root)
    if related:
        result["relatedLocations"] = related
    return result


def render_sarif(report: dict[str, Any], fail_on: set[str], *, sarif_all: bool = False, root: str = ".",
                 app_name: str = "", policy_path: str = "", policy_text: str = "",
                 notifications: list[str] | None = None, successful: bool = True) -> dict[str, Any]:
    """The SARIF log (one run) of a report; `notifications` are label warnings (or the exit-2 error)."""
    rules = _rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    by_id = {f["id"]: f for f in report.get("findings", [])}
    results = []
    for v in report.get("label_verdicts", []):
        if sarif_all or v["verdict"] not in PASSING:
            results.append(_label_result(v, index, fail_on, by_id, root))
    if policy_path:
        for v in report.get("verdicts", []):
            if sarif_all or v["verdict"] not in PASSING:
                results.append(_policy_result(v, index, fail_on, by_id, root, policy_path, policy_text))
    level = "warning" if successful else "error"
    invocation = {"executionSuccessful": successful,
                  "toolExecutionNotifications": [{"message": {"text": n}, "level": level}
                                                 for n in (notifications or [])]}
    run = {"tool": {"driver": {"name": "privmon", "version": __version__, "informationUri": INFORMATION_URI,
                               "rules": rules}},
           "automationDetails": {"id": f"privmon/{app_name or 'app'}/"},
           "invocations": [invocation],
           "columnKind": "unicodeCodePoints",
           "results": results}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
