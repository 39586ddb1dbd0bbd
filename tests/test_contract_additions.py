"""Every command-line option and JSON report field is either the contract's or listed in docs/contract-additions.md.

The contract (../shared/spec/CONTRACT.md) may only be extended by adding; a program reading privmon's
output needs to know which fields are additions and what they mean. The contract's own options and
report fields are written down here (facts of the contract); when CONTRACT.md is beside the checkout,
the test also checks that this list still matches it.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest

from monitor.cli import VERBS

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "contract-additions.md"
CONTRACT = ROOT.parent / "shared" / "spec" / "CONTRACT.md"

CONTRACT_OPTIONS = frozenset({
    "--app-privacy", "--data-safety", "--db", "--device", "--fail-on", "--format", "--json", "--junit", "--keylog",
    "--listen-host", "--listen-port", "--no-tui", "--policy", "--privacy-manifest", "--profile", "--redact",
    "--sarif", "--sarif-all", "--sarif-root", "--sharing", "--write", "--help",
})
CONTRACT_FIELDS = frozenset({
    "schema", "captures", "destinations", "findings", "policy", "verdicts",
    *(f"captures[].{k}" for k in ("path", "sha256", "format", "packets", "first_ts", "last_ts", "warnings")),
    *(f"destinations[].{k}" for k in ("host", "ip", "port", "transport", "protocol", "sdk", "organization", "category",
                                      "country", "bytes_out", "bytes_in", "first_ts", "last_ts")),
    *(f"findings[].{k}" for k in ("id", "type", "value", "transform", "location", "confidence", "host", "ip", "port",
                                  "protocol", "sdk", "category", "ts", "capture", "evidence", "device", "cleartext",
                                  "last_ts")),
    "policy.source", "policy.statements", "policy.claims", "policy.sdks_named",
    *(f"policy.statements[].{k}" for k in ("type", "recipient", "stance", "qualifiers", "evidence")),
    *(f"policy.claims[].{k}" for k in ("kind", "text", "start", "end")),
    *(f"verdicts[].{k}" for k in ("type", "recipient", "verdict", "findings", "policy_evidence", "reason")),
    # the store-label additions, written into the contract in 2026-12
    "labels", "label_scope", "labels_unmapped", "label_verdicts",
})


def _documented() -> set[str]:
    """Every code span of the page, and each option written inside one (`--rotate-mb N`)."""
    spans = re.findall(r"`([^`]+)`", DOC.read_text(encoding="utf-8"))
    return set(spans) | {o for s in spans for o in re.findall(r"--[a-z][a-z-]*", s)}


def _options() -> Iterator[tuple[str, str]]:
    for verb, module in VERBS.items():
        cmd = importlib.import_module(module).command
        commands = cmd.commands.items() if isinstance(cmd, click.Group) else [("", cmd)]
        for sub, c in commands:
            for p in c.params:
                if isinstance(p, click.Option):
                    for opt in p.opts:
                        if opt.startswith("--"):
                            yield f"{verb} {sub}".strip(), opt


def _fields(obj: Any, prefix: str = "") -> Iterator[str]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            path = f"{prefix}{k}"
            yield path
            yield from _fields(v, path + ".")
    elif isinstance(obj, list):
        for item in obj:
            yield from _fields(item, prefix[:-1] + "[].")


def test_every_option_is_the_contracts_or_documented() -> None:
    documented = _documented()
    missing = sorted({f"{verb}: {opt}" for verb, opt in _options() if opt not in CONTRACT_OPTIONS | documented})
    assert not missing, f"options neither in the contract nor in {DOC.name}: {missing}"


def test_every_verb_is_the_contracts_or_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    contract_verbs = {"analyze", "report", "policy", "check", "proxy", "sniff", "tui", "demo", "labels"}
    missing = [v for v in VERBS if v not in contract_verbs and f"`privmon {v}" not in text]
    assert not missing, f"verbs neither in the contract nor in {DOC.name}: {missing}"


def test_every_report_field_is_the_contracts_or_documented(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "monitor", "demo", "--no-tui", "--format", "json",
                          "--db", str(tmp_path / "d.db")], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    documented = _documented()
    covered = CONTRACT_FIELDS | documented

    top = {"policy", "captures", "destinations", "findings", "verdicts"}  # these blocks hold additions of their own

    def known(path: str) -> bool:  # a field inside a documented block (or a label block) is covered by it
        parts = path.split(".")
        prefixes = (".".join(parts[:i]).removesuffix("[]") for i in range(1, len(parts) + 1))
        return any(p in covered and (p not in top or p == path) for p in prefixes)

    fields = set(_fields(report))
    assert "findings[].first_frame" in fields and "verdicts[].judged_as" in fields  # the walk sees nested records
    missing = sorted(f for f in fields if not known(f))
    assert not missing, f"report fields neither in the contract nor in {DOC.name}: {missing}"


@pytest.mark.skipif(not CONTRACT.is_file(), reason=f"{CONTRACT} is absent (it lives beside the checkout, not in it)")
def test_the_contract_lists_here_match_the_contract() -> None:
    text = CONTRACT.read_text(encoding="utf-8")
    absent = sorted(o for o in CONTRACT_OPTIONS if o != "--help" and o not in text)
    absent += sorted(f for f in CONTRACT_FIELDS if f'"{f.rsplit(".", 1)[-1].replace("[]", "")}"' not in text)
    assert not absent, f"listed as the contract's but not in CONTRACT.md: {absent}"
