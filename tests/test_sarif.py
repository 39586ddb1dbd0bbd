"""SARIF 2.1.0 from `check --sarif` and `report --format sarif`: valid against the OASIS schema, locations at
the label line to edit, fingerprints stable across builds, one result per problem."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from labelcaps import FLOWS, write_capture, write_profile

ROOT = Path(__file__).resolve().parent.parent
L = ROOT / "tests" / "fixtures" / "labels"
DEMO = ROOT / "monitor" / "demo"
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate(log: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def sarif_of(tmp: Path, flows: list[str], *extra: str, name: str = "out.sarif") -> dict[str, Any]:
    """check with the lab's three labels; paths given relative to tmp (the repository root of a CI job)."""
    tmp.mkdir(parents=True, exist_ok=True)
    write_capture(tmp / "build.pcap", flows)
    write_profile(tmp / "lab.toml")
    (tmp / "store").mkdir(exist_ok=True)
    for f in ("data_safety.csv", "app_privacy_details.json", "PrivacyInfo.xcprivacy"):
        (tmp / "store" / f).write_bytes((L / f).read_bytes())
    out = run("check", "build.pcap", "--profile", "lab.toml", "--data-safety", "store/data_safety.csv",
              "--app-privacy", "store/app_privacy_details.json", "--privacy-manifest", "store/PrivacyInfo.xcprivacy",
              "--sarif", name, *extra, cwd=tmp)
    assert out.returncode in (0, 1), out.stderr
    log = json.loads((tmp / name).read_text(encoding="utf-8"))
    validate(log)
    return log


def fingerprints(log: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {next(iter(r["partialFingerprints"].values())): r for r in log["runs"][0]["results"]}


@pytest.fixture(scope="module")
def lab_log(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return sarif_of(tmp_path_factory.mktemp("sarif"), list(FLOWS))


def test_check_sarif_is_valid_and_points_at_the_label_line(lab_log: dict[str, Any]) -> None:
    run_ = lab_log["runs"][0]
    assert lab_log["version"] == "2.1.0" and len(lab_log["runs"]) == 1
    driver = run_["tool"]["driver"]
    assert driver["name"] == "privmon" and driver["version"] and driver["informationUri"]
    rule_ids = [r["id"] for r in driver["rules"]]
    for rid in ("privmon/label/undeclared-collection", "privmon/label/undeclared-sharing",
                "privmon/label/undeclared-tracking", "privmon/label/encryption-claim-false",
                "privmon/label/tracking-undeclared", "privmon/label/tracking-domain-undeclared",
                "privmon/label/declared-not-observed", "privmon/policy/undisclosed", "privmon/policy/contradicted",
                "privmon/policy/vague"):
        assert rid in rule_ids
    assert run_["automationDetails"]["id"] == "privmon/SecuHome/"
    assert run_["invocations"][0]["executionSuccessful"] is True
    results = {(r["properties"]["source"], r["properties"]["label_type"], r["properties"]["host"]): r
               for r in run_["results"]}
    # declared and not_checked give no result without --sarif-all
    assert {r["properties"]["verdict"] for r in run_["results"]} == {
        "undeclared_collection", "undeclared_sharing", "undeclared_tracking", "encryption_claim_false",
        "tracking_undeclared", "tracking_domain_undeclared", "declared_not_observed"}
    sharing = results[("data_safety", "PSL_DEVICE_ID", None)]
    assert sharing["ruleId"] == "privmon/label/undeclared-sharing" and rule_ids[sharing["ruleIndex"]] == sharing["ruleId"]
    assert sharing["level"] == "error"
    loc = sharing["locations"][0]
    art = loc["physicalLocation"]["artifactLocation"]
    assert art == {"uri": "store/data_safety.csv", "uriBaseId": "%SRCROOT%"}
    line = loc["physicalLocation"]["region"]["startLine"]
    assert (L / "data_safety.csv").read_text().splitlines()[line - 1].startswith(
        "PSL_DATA_USAGE_RESPONSES:PSL_DEVICE_ID:PSL_DATA_USAGE_COLLECTION_AND_SHARING,PSL_DATA_USAGE_ONLY_SHARED")
    assert loc["logicalLocations"] == [{"fullyQualifiedName": "data_safety/PSL_DEVICE_ID", "kind": "member"}]
    assert sharing["partialFingerprints"] == {"privmonLabel/v1": hashlib.sha256(
        b"data_safety|PSL_DEVICE_ID|undeclared_sharing|").hexdigest()}
    assert "gdt (advertising)" in sharing["message"]["text"]
    related = sharing["relatedLocations"]
    assert len(related) == 3 and all(r["physicalLocation"]["artifactLocation"]["uri"] == "build.pcap" for r in related)
    assert any("mi.gdt.qq.com query:imei" in r["message"]["text"] and r["message"]["text"].startswith("frame")
               for r in related)
    domain = results[("privacy_manifest", "NSPrivacyTrackingDomains", "launches.appsflyer.com")]
    assert domain["locations"][0]["physicalLocation"]["region"]["startLine"] == 7  # the NSPrivacyTrackingDomains key
    assert domain["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == \
        "privacy_manifest/NSPrivacyTrackingDomains/launches.appsflyer.com"
    assert results[("app_privacy", "PRECISE_LOCATION", None)]["level"] == "note"  # declared_not_observed
    for r in run_["results"]:  # never absolute, always forward slashes
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "\\" not in uri and ":" not in uri


def test_fingerprints_are_identical_across_builds_and_one_changed_flow_changes_one_result(
        tmp_path: Path, lab_log: dict[str, Any]) -> None:
    # the next build: same behaviour, flows in another order (so other frame numbers and times)
    again = sarif_of(tmp_path / "a", list(reversed(FLOWS)))
    assert fingerprints(again).keys() == fingerprints(lab_log).keys()
    assert [r["relatedLocations"][0]["message"]["text"] for r in again["runs"][0]["results"]
            if r.get("relatedLocations")] != \
        [r["relatedLocations"][0]["message"]["text"] for r in lab_log["runs"][0]["results"] if r.get("relatedLocations")]
    # a build that no longer sends the position: exactly one result goes away, every other stays the same alert
    fewer = sarif_of(tmp_path / "b", [f for f in FLOWS if f != "weather"])
    gone = fingerprints(lab_log).keys() - fingerprints(fewer).keys()
    assert len(gone) == 1 and fingerprints(fewer).keys() < fingerprints(lab_log).keys()
    assert fingerprints(lab_log)[gone.pop()]["properties"]["label_type"] == "PSL_PRECISE_LOCATION"


def test_sarif_all_root_and_level_follow_fail_on(tmp_path: Path) -> None:
    log = sarif_of(tmp_path, list(FLOWS), "--sarif-all", "--sarif-root", "store",
                   "--fail-on", "undeclared_collection")
    results = log["runs"][0]["results"]
    kinds = {r["properties"]["verdict"]: r.get("kind", "fail") for r in results}
    assert kinds["declared"] == "pass" and kinds["not_checked"] == "notApplicable"
    assert kinds["undeclared_sharing"] == "fail"
    levels = {r["properties"]["verdict"]: r["level"] for r in results}
    assert levels["undeclared_collection"] == "error" and levels["undeclared_sharing"] == "warning"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "data_safety.csv" in uris and "PrivacyInfo.xcprivacy" in uris


def test_policy_verdicts_point_at_the_policy_sentence(tmp_path: Path) -> None:
    out = run("check", str(DEMO / "phone-app.pcap"), "--profile", str(DEMO / "demo-profile.toml"), "--policy",
              str(DEMO / "demo-policy.txt"), "--data-safety", str(DEMO / "demo-data-safety.csv"),
              "--sarif", str(tmp_path / "p.sarif"), "--sarif-root", str(DEMO))
    assert out.returncode == 1, out.stderr
    log = json.loads((tmp_path / "p.sarif").read_text())
    validate(log)
    policy = [r for r in log["runs"][0]["results"] if r["ruleId"].startswith("privmon/policy/")]
    labels = [r for r in log["runs"][0]["results"] if r["ruleId"].startswith("privmon/label/")]
    assert policy and labels
    text = (DEMO / "demo-policy.txt").read_text(encoding="utf-8").splitlines()
    for r in policy:
        p = r["properties"]
        assert r["partialFingerprints"] == {"privmonPolicy/v1": hashlib.sha256(
            f"{p['label_type']}|{p['recipients'][0]}|{p['verdict']}".encode()).hexdigest()}
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "demo-policy.txt"
        if p["verdict"] == "contradicted":  # the contradicted statement's sentence is on that line
            assert loc["region"]["startLine"] > 1 and text[loc["region"]["startLine"] - 1].strip()


def test_report_format_sarif_and_failed_runs(tmp_path: Path) -> None:
    write_capture(tmp_path / "build.pcap", list(FLOWS))
    write_profile(tmp_path / "lab.toml")
    assert run("analyze", "build.pcap", "--db", "lab.db", "--profile", "lab.toml", "-q", cwd=tmp_path).returncode == 0
    out = run("report", "--db", "lab.db", "--format", "sarif", "--data-safety", str(L / "data_safety_handwritten.csv"),
              cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    log = json.loads(out.stdout)
    validate(log)
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any("line 4: PSL_DEVICE_OR_OTHER_IDS" in n["message"]["text"] for n in notes)
    assert log["runs"][0]["results"]
    assert log["runs"][0]["automationDetails"]["id"] == "privmon/SecuHome/"  # as check names it: the same alerts
    # exit 2: the SARIF file says the run failed
    bad = run("check", "build.pcap", "--data-safety", str(L / "data_safety_bad_header.csv"), "--sarif", "bad.sarif",
              cwd=tmp_path)
    assert bad.returncode == 2
    failed = json.loads((tmp_path / "bad.sarif").read_text())
    validate(failed)
    inv = failed["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False and "line 1: wrong header" in inv["toolExecutionNotifications"][0][
        "message"]["text"]
