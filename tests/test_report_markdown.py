"""The Markdown report: verdicts with the policy sentence, before-consent rows first, redaction, pipe-safe cells."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.test_report_html import _har

ROOT = Path(__file__).resolve().parent.parent


def _md(tmp_path: Path, *extra: str) -> str:
    _har(tmp_path / "h.har")  # one POST at 2026-01-01T00:00:01Z carrying an IMEI and an email
    db = tmp_path / "x.db"
    subprocess.run([sys.executable, "-m", "monitor", "analyze", str(tmp_path / "h.har"), "--db", str(db), "-q"],
                   check=True, cwd=ROOT)
    out = subprocess.run([sys.executable, "-m", "monitor", "report", "--db", str(db), "--format", "md",
                          "--policy", str(ROOT / "monitor" / "demo" / "demo-policy.txt"), *extra],
                         check=True, cwd=ROOT, capture_output=True, text=True)
    return out.stdout


def test_markdown_lists_verdicts_and_findings(tmp_path: Path) -> None:
    md = _md(tmp_path)
    assert "## Verdicts" in md and "## Findings" in md
    assert "356938035643809" in md and "| imei |" in md
    for line in md.splitlines():
        if line.startswith("| ") and "|---" not in line:
            # a captured '|' or newline would break the ticket's table: every row keeps its column count
            assert line.count(" | ") + 1 >= 5


def test_markdown_flags_identifiers_sent_before_consent(tmp_path: Path) -> None:
    md = _md(tmp_path, "--consent-at", "2026-01-01T00:00:30Z")
    assert "Consent given at 2026-01-01 00:00:30" in md
    assert "before consent" in md.split("## Verdicts")[1]
    findings = md.split("## Findings")[1]
    assert "before consent" in findings.splitlines()[4]  # the first data row


def test_redacted_markdown_masks_values(tmp_path: Path) -> None:
    md = _md(tmp_path, "--redact")
    assert "356938035643809" not in md and "lab@example.org" not in md
    assert "3569…3809" in md
