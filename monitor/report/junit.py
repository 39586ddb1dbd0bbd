"""JUnit XML for CI systems: one test case per (data type, recipient) verdict."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from monitor.report.safe import terminal


def render_junit(verdicts: list[dict[str, Any]], fail_on: set[str], suite: str = "privmon",
                 label_verdicts: list[dict[str, Any]] | None = None) -> str:
    cases = [v for v in verdicts if v["verdict"] != "not_observed"]
    failed = [v for v in cases if _fails(v, fail_on)]
    labels = label_verdicts or []
    n_fail = len(failed) + sum(v["verdict"] in fail_on for v in labels)
    root = ET.Element("testsuites", name=suite, tests=str(len(cases) + len(labels)), failures=str(n_fail))
    ts = ET.SubElement(root, "testsuite", name=suite, tests=str(len(cases) + len(labels)), failures=str(n_fail))
    for v in cases:
        # captured and policy text: control characters (invalid in XML 1.0) shown as escapes
        tc = ET.SubElement(ts, "testcase", classname=terminal(f"privmon.{v['recipient']}"),
                           name=terminal(f"{v['type']} -> {v['recipient']}"))
        if _fails(v, fail_on):
            f = ET.SubElement(tc, "failure", message=terminal(f"{v['verdict']}: {v['reason']}"), type=v["verdict"])
            quotes = "\n".join(f"policy: {terminal(e.get('text', ''))}" for e in v.get("policy_evidence", []))
            f.text = f"findings {v['findings']}\n{quotes}"
        else:
            ET.SubElement(tc, "system-out").text = terminal(f"{v['verdict']}: {v['reason']}")
    for v in labels:  # one test case per label verdict, named <source>/<label_type>
        name = f"{v['source']}/{v['label_type']}" + (f"/{v['host']}" if v.get("host") else "")
        tc = ET.SubElement(ts, "testcase", classname=f"privmon.label.{v['source']}", name=name)
        ev = v["label_evidence"]
        if v["verdict"] in fail_on:
            f = ET.SubElement(tc, "failure", message=terminal(f"{v['verdict']}: {v['reason']}"), type=v["verdict"])
            f.text = terminal(f"findings {v['findings']}\nlabel: {ev['path']}:{ev['line']}: {ev['text']}")
        else:
            ET.SubElement(tc, "system-out").text = terminal(f"{v['verdict']}: {v['reason']}")
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _fails(v: dict[str, Any], fail_on: set[str]) -> bool:
    return v["verdict"] in fail_on or ("before-consent" in fail_on and bool(v.get("before_consent"))) or \
        ("new" in fail_on and bool(v.get("new")))
