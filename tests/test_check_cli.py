"""`privmon check` as a CI job uses it: exit codes, JUnit XML, baseline comparison, consent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent.parent
CAP = ROOT / "monitor" / "demo"


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor", "check", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_fails_with_1_on_undisclosed_and_writes_junit(tmp_path: Path) -> None:
    out = check(str(CAP / "phone-app.pcap"), "--policy", str(CAP / "demo-policy.txt"), "--profile",
                str(CAP / "demo-profile.toml"), "--junit", str(tmp_path / "j.xml"), "-o", str(tmp_path / "r.json"))
    assert out.returncode == 1, out.stderr
    suite = ET.parse(tmp_path / "j.xml").getroot()
    cases = suite.findall(".//testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    assert failures and len(cases) > len(failures)
    assert any(c.get("name") == "imei -> gdt" for c in failures)
    assert json.loads((tmp_path / "r.json").read_text())["schema"] == "privmon.report/1"


def test_passes_with_0_when_nothing_in_fail_on_is_found() -> None:
    out = check(str(CAP / "phone-app.har"), "--policy", str(CAP / "demo-policy.txt"), "--fail-on", "contradicted")
    assert out.returncode == 0, out.stdout + out.stderr


def test_bad_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "x.pcap"
    bad.write_bytes(b"not a capture at all")
    assert check(str(bad), "--policy", str(CAP / "demo-policy.txt")).returncode == 2
    assert check(str(CAP / "phone-app.har"), "--policy", str(tmp_path / "missing.txt")).returncode == 2
    assert check(str(CAP / "phone-app.har"), "--policy", str(CAP / "demo-policy.txt"),
                 "--fail-on", "everything").returncode == 2


def test_baseline_fails_only_on_what_is_new(tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    check(str(CAP / "phone-app.har"), "--policy", str(CAP / "demo-policy.txt"), "-o", str(base))
    same = check(str(CAP / "phone-app.har"), "--policy", str(CAP / "demo-policy.txt"), "--baseline", str(base),
                 "--fail-on", "new")
    assert same.returncode == 0, same.stdout
    more = check(str(CAP / "phone-app.har"), str(CAP / "phone-app.pcap"), "--policy", str(CAP / "demo-policy.txt"),
                 "--baseline", str(base), "--fail-on", "new")
    assert more.returncode == 1
    assert "new sdk hosts" in more.stdout and "mi.gdt.qq.com" in more.stdout


def test_identifiers_before_consent_can_fail_the_gate() -> None:
    args = [str(CAP / "phone-app.pcap"), "--policy", str(CAP / "demo-policy.txt"), "--fail-on", "before-consent"]
    assert check(*args, "--consent-at", "+60").returncode == 1  # everything was sent in the first second
    assert check(*args, "--consent-at", "+0").returncode == 0


def test_fail_on_new_counts_a_new_sdk_host_even_when_disclosed(tmp_path: Path) -> None:
    # the baseline already had every problem verdict; the new build only adds a host: still "new"
    base = tmp_path / "base.json"
    check(str(CAP / "phone-app.har"), "--policy", str(CAP / "demo-policy.txt"), "-o", str(base))
    data = json.loads(base.read_text())
    data["destinations"] = [d for d in data["destinations"] if d["sdk"] != "adjust"]
    base.write_text(json.dumps(data))
    out = check(str(CAP / "phone-app.har"), "--policy", str(CAP / "demo-policy.txt"), "--baseline", str(base),
                "--fail-on", "new")
    assert out.returncode == 1 and "app.adjust.com" in out.stdout
