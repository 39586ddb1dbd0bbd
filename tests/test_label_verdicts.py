"""Label verdicts on real captures: Android, iOS and a camera on one LAN, each label judged on its platform."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from labelcaps import FLOWS, write_capture, write_profile

from monitor.context import build_context
from monitor.ingest import analyze_file
from monitor.labels import read_label
from monitor.labels.judge import Scope, judge_labels
from monitor.records import Finding
from monitor.report.data import build_report, finding_json
from monitor.report.labels_view import html_drilldowns, html_matrix, markdown_lines
from monitor.store import Store
from monitor.testing.records import finding

ROOT = Path(__file__).resolve().parent.parent
L = ROOT / "tests" / "fixtures" / "labels"


def _db(tmp: Path, flows: list[str], profile: bool = True) -> Path:
    cap = write_capture(tmp / "build.pcap", flows)
    prof = write_profile(tmp / "lab.toml") if profile else None
    ctx = build_context((), str(prof) if prof else None, None)
    db = tmp / "lab.db"
    with Store.open(db) as store:
        store.set_devices([d.as_row() for d in ctx.profile.devices])
        analyze_file(cap, store, ctx)
    return db


@pytest.fixture(scope="module")
def lab_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _db(tmp_path_factory.mktemp("labels"), list(FLOWS))


def judge(db: Path, *names: str, sharing: str = "service-providers") -> dict[str, Any]:
    labels = [read_label(str(L / n)) for n in names]
    with Store.open(db, readonly=True) as store:  # no profile here: the database keeps the devices
        return build_report(store, None, labels=labels, sharing=sharing)


def verdicts(report: dict[str, Any], source: str) -> dict[str, str]:
    return {v["label_type"] + (f" {v['host']}" if v["host"] else ""): v["verdict"]
            for v in report["label_verdicts"] if v["source"] == source}


def by_type(report: dict[str, Any], source: str, label_type: str) -> dict[str, Any]:
    return next(v for v in report["label_verdicts"] if v["source"] == source and v["label_type"] == label_type)


def test_data_safety_on_android_traffic_only(lab_db: Path) -> None:
    r = judge(lab_db, "data_safety.csv")
    assert verdicts(r, "data_safety") == {
        "PSL_DEVICE_ID": "undeclared_sharing",           # IMEI to gdt (advertising), declared collected only
        "PSL_PRECISE_LOCATION": "undeclared_collection",  # the weather request, not ticked
        "PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT": "encryption_claim_false",  # all of it over plain HTTP
        "PSL_EMAIL": "declared", "PSL_APPS_ON_DEVICE": "declared_not_observed", "PSL_NAME": "not_checked"}
    dev = by_type(r, "data_safety", "PSL_DEVICE_ID")
    found = {f["id"]: f for f in r["findings"]}
    # the app's findings only: IMEI, GAID, and the camera's UID sent BY THE APP; not the iPhone's IDFA,
    # not the camera firmware's own UID and MAC
    assert sorted(found[i]["type"] for i in dev["findings"]) == ["device_uid", "gaid", "imei"]
    assert all(found[i]["device"] == "lab-phone" for i in dev["findings"])
    assert dev["recipients"] == ["adjust", "first_party", "gdt"] and dev["sharing_rule"] == "service-providers"
    assert dev["label_evidence"]["text"].startswith("PSL_DATA_USAGE_RESPONSES:PSL_DEVICE_ID:PSL_DATA_USAGE_COLLECTION_AND_"
                                                    "SHARING,PSL_DATA_USAGE_ONLY_SHARED")
    assert "gdt (advertising)" in dev["reason"] and "Device or other IDs (PSL_DEVICE_ID) as collected, not shared" \
        in dev["reason"]
    assert dev["declared"]["collected"] is True and dev["declared"]["shared"] is False
    assert r["label_scope"]["data_safety"] == {"devices": ["lab-phone"], "excluded": ["lab-camera"]}
    email = by_type(r, "data_safety", "PSL_EMAIL")
    assert [found[i]["value"] for i in email["findings"]] == ["lab@example.org"]  # the iPhone's login is not here


def test_shared_label_and_no_encryption_claim_are_declared(lab_db: Path) -> None:
    r = judge(lab_db, "data_safety_shared.csv")
    v = verdicts(r, "data_safety")
    assert v["PSL_DEVICE_ID"] == v["PSL_PRECISE_LOCATION"] == v["PSL_EMAIL"] == "declared"
    assert v["PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT"] == "declared"


def test_label_saying_nothing_is_collected(lab_db: Path) -> None:
    v = verdicts(judge(lab_db, "data_safety_nothing.csv"), "data_safety")
    assert v["PSL_DEVICE_ID"] == v["PSL_EMAIL"] == v["PSL_PRECISE_LOCATION"] == "undeclared_collection"
    assert v["PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT"] == "not_checked"  # unanswered
    v = verdicts(judge(lab_db, "app_privacy_not_collected.json"), "app_privacy")
    assert v == {"DEVICE_ID": "undeclared_collection", "EMAIL_ADDRESS": "undeclared_collection"}


def test_app_privacy_on_ios_traffic_only(lab_db: Path) -> None:
    r = judge(lab_db, "app_privacy_details.json")
    assert verdicts(r, "app_privacy") == {
        "DEVICE_ID": "undeclared_tracking",          # IDFA to AppsFlyer, declared without tracking
        "EMAIL_ADDRESS": "undeclared_collection",    # the login
        "PRECISE_LOCATION": "declared_not_observed",  # only the Android phone sent a position
        "CRASH_DATA": "not_checked"}
    dev = by_type(r, "app_privacy", "DEVICE_ID")
    assert dev["privmon_types"] == ["idfa"] and dev["recipients"] == ["appsflyer"] and dev["sharing_rule"] is None
    assert dev["label_evidence"]["line"] == 7  # the DEVICE_ID entry
    assert by_type(r, "app_privacy", "EMAIL_ADDRESS")["label_evidence"]["line"] == 1  # where a category would go
    v = verdicts(judge(lab_db, "app_privacy_tracking.json"), "app_privacy")
    assert v["DEVICE_ID"] == "declared" and v["EMAIL_ADDRESS"] == "declared"


def test_privacy_manifests_alone_and_as_a_union(lab_db: Path) -> None:
    r = judge(lab_db, "PrivacyInfo.xcprivacy")
    assert verdicts(r, "privacy_manifest") == {
        "NSPrivacyCollectedDataTypeDeviceID": "undeclared_tracking",
        "NSPrivacyCollectedDataTypeEmailAddress": "declared",
        "NSPrivacyTracking": "tracking_undeclared",
        "NSPrivacyTrackingDomains launches.appsflyer.com": "tracking_domain_undeclared"}
    assert by_type(r, "privacy_manifest", "NSPrivacyTracking")["label_evidence"]["line"] == 5
    both = judge(lab_db, "PrivacyInfo.xcprivacy", "SDK-PrivacyInfo.xcprivacy")
    assert verdicts(both, "privacy_manifest") == {
        "NSPrivacyCollectedDataTypeDeviceID": "declared",  # the SDK's manifest declares it with tracking
        "NSPrivacyCollectedDataTypeEmailAddress": "declared",
        "NSPrivacyCollectedDataTypeCrashData": "not_checked",
        "NSPrivacyTracking": "declared",
        "NSPrivacyTrackingDomains launches.appsflyer.com": "tracking_domain_undeclared",
        "NSPrivacyTrackingDomains metrics.adsdk.example": "declared_not_observed",
        "NSPrivacyTrackingDomains sdk-tracking.example": "declared_not_observed"}
    assert len(both["labels"]) == 2


def test_camera_firmware_alone_is_never_judged_against_the_app_label(tmp_path: Path) -> None:
    db = _db(tmp_path, ["camera_register"])
    r = judge(db, "data_safety.csv", "app_privacy_details.json")
    assert len(r["findings"]) == 2  # the camera's UID and MAC were found...
    for v in r["label_verdicts"]:  # ...but no label has traffic of its own platform to judge
        assert v["verdict"] == "not_checked" and not v["findings"], v
    reasons = {v["reason"] for v in r["label_verdicts"] if v["label_type"] in ("PSL_DEVICE_ID", "DEVICE_ID")}
    assert reasons == {"no android device traffic in the captures", "no ios device traffic in the captures"}


def test_without_a_profile_every_finding_counts_for_every_label(tmp_path: Path) -> None:
    db = _db(tmp_path, ["appsflyer_idfa", "camera_register"], profile=False)
    r = judge(db, "data_safety.csv")
    dev = by_type(r, "data_safety", "PSL_DEVICE_ID")
    assert "idfa" in dev["privmon_types"] and r["label_scope"]["data_safety"] == {"devices": [], "excluded": []}


def test_device_platform_is_kept_in_the_database(lab_db: Path) -> None:
    with Store.open(lab_db, readonly=True) as store:
        assert {d["name"]: d["platform"] for d in store.devices()} == \
            {"lab-phone": "android", "lab-iphone": "ios", "lab-camera": "device"}


def _f(i: int, type_: str, sdk: str, category: str, host: str, sender: str = "", cleartext: bool = False,
       **kw: Any) -> Finding:
    return finding(i, type_, sdk=sdk, category=category, host=host, sender=sender, cleartext=cleartext, **kw)


def test_sharing_rule_strict_counts_every_named_sdk() -> None:
    lab = read_label(str(L / "data_safety.csv"))
    fs = [_f(1, "gaid", "adjust", "analytics", "app.adjust.com"), _f(2, "imei", "first_party", "first_party", "a.b")]
    soft = judge_labels([lab], fs, [], Scope(), {""}, "service-providers")["label_verdicts"]
    strict = judge_labels([lab], fs, [], Scope(), {""}, "strict")["label_verdicts"]
    get = lambda vs: next(v for v in vs if v["label_type"] == "PSL_DEVICE_ID")  # noqa: E731
    assert get(soft)["verdict"] == "declared" and "service-providers" in get(soft)["reason"]
    assert get(strict)["verdict"] == "undeclared_sharing" and "strict" in get(strict)["reason"]
    assert get(strict)["sharing_rule"] == "strict"


def test_encryption_claim_holds_when_nothing_is_cleartext() -> None:
    lab = read_label(str(L / "data_safety.csv"))
    fs = [_f(1, "imei", "first_party", "first_party", "api.secuhome.example")]
    v = judge_labels([lab], fs, [], Scope(), {""})["label_verdicts"]
    assert next(x for x in v if x["label_type"] == "PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT")["verdict"] == "declared"
    fs += [_f(2, "credentials", "aliyun", "cloud", "mqtt.example", cleartext=True)]  # an unmapped type counts too
    v = judge_labels([lab], fs, [], Scope(), {""})
    enc = next(x for x in v["label_verdicts"] if x["label_type"] == "PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT")
    assert enc["verdict"] == "encryption_claim_false" and enc["findings"] == [2]
    assert v["labels_unmapped"] == [{"type": "credentials", "findings": [2]}]


def test_precise_position_is_not_an_approximate_location() -> None:
    lab = read_label(str(L / "data_safety_shared.csv"))  # declares precise, not approximate
    fs = [_f(1, "location_precise", "first_party", "first_party", "a.example")]
    v = {x["label_type"]: x["verdict"] for x in judge_labels([lab], fs, [], Scope(), {""})["label_verdicts"]}
    assert v["PSL_PRECISE_LOCATION"] == "declared" and "PSL_APPROX_LOCATION" not in v


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor", "check", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env={**os.environ, "COLUMNS": "250"})


def test_check_with_labels_alone_gates_writes_junit_and_json(tmp_path: Path) -> None:
    cap = write_capture(tmp_path / "build.pcap", list(FLOWS))
    prof = write_profile(tmp_path / "lab.toml")
    out = check(str(cap), "--profile", str(prof), "--data-safety", str(L / "data_safety.csv"),
                "--junit", str(tmp_path / "j.xml"), "--json", str(tmp_path / "r.json"))
    assert out.returncode == 1, out.stderr  # the six label verdicts fail by default when a label is given
    assert "undeclared_sharing FAIL" in out.stdout
    cases = {c.get("name"): c for c in ET.parse(tmp_path / "j.xml").getroot().iter("testcase")}
    assert cases["data_safety/PSL_DEVICE_ID"].find("failure") is not None
    assert cases["data_safety/PSL_EMAIL"].find("failure") is None
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["labels"][0]["path"] == str(L / "data_safety.csv")  # as given
    assert {f["device"] for f in report["findings"]} == {"lab-phone", "lab-iphone", "lab-camera"}
    assert all(f["cleartext"] for f in report["findings"])
    # --fail-on given: only what it names fails
    ok = check(str(cap), "--profile", str(prof), "--data-safety", str(L / "data_safety_shared.csv"),
               "--fail-on", "undeclared_collection,undeclared_sharing")
    assert ok.returncode == 0, ok.stdout
    assert check(str(cap), "--profile", str(prof), "--data-safety", str(L / "data_safety_shared.csv"),
                 "--fail-on", "encryption_claim_false").returncode == 0
    assert check(str(cap), "--profile", str(prof), "--data-safety", str(L / "data_safety.csv"),
                 "--fail-on", "encryption_claim_false").returncode == 1


def test_check_needs_a_policy_or_a_label_and_a_broken_label_is_exit_2(tmp_path: Path) -> None:
    cap = write_capture(tmp_path / "build.pcap", ["gdt_imei"])
    assert check(str(cap)).returncode == 2
    out = check(str(cap), "--data-safety", str(L / "data_safety_bad_row.csv"))
    assert out.returncode == 2 and out.stderr.strip().count("\n") == 0
    assert "data_safety_bad_row.csv: line 4" in out.stderr
    out = check(str(cap), "--data-safety", str(L / "data_safety_handwritten.csv"))
    assert "warning:" in out.stderr and "line 4: PSL_DEVICE_OR_OTHER_IDS" in out.stderr


def test_report_verb_scopes_from_the_database_in_every_format(tmp_path: Path, lab_db: Path) -> None:
    def report(fmt: str) -> str:
        out = subprocess.run([sys.executable, "-m", "monitor", "report", "--db", str(lab_db), "--format", fmt,
                              "--data-safety", str(L / "data_safety.csv"), "--app-privacy",
                              str(L / "app_privacy_details.json")], capture_output=True, text=True, cwd=ROOT,
                             timeout=300)
        assert out.returncode == 0, out.stderr
        return out.stdout

    r = json.loads(report("json"))
    assert verdicts(r, "data_safety")["PSL_DEVICE_ID"] == "undeclared_sharing"
    assert verdicts(r, "app_privacy")["DEVICE_ID"] == "undeclared_tracking"
    md = report("md")
    assert "## Store labels" in md and "| data_safety | PSL_DEVICE_ID | undeclared_sharing |" in md
    html = report("html")
    assert "Store labels" in html and "undeclared tracking" in html
    assert "PSL_DATA_USAGE_RESPONSES:PSL_DEVICE_ID:PSL_DATA_USAGE_COLLECTION_AND_SHARING" in html


def test_label_html_escapes_captured_text_and_redact_holds(lab_db: Path) -> None:
    evil = "<script>alert(1)</script>.example"
    lab = read_label(str(L / "PrivacyInfo.xcprivacy"))
    fs = [_f(1, "idfa", "appsflyer", "analytics", evil, value="<b>v</b>", location="query:idfa", evidence="frame 1",
             capture="c.pcap")]
    report = {"findings": [finding_json(f) for f in fs], **judge_labels([lab], fs, [], Scope(), {""})}
    page = html_matrix(report) + html_drilldowns(report, {})
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>v</b>" not in page
    assert any("NSPrivacyTrackingDomains" in line for line in markdown_lines(report))
    out = subprocess.run([sys.executable, "-m", "monitor", "report", "--db", str(lab_db), "--format", "html",
                          "--redact", "--data-safety", str(L / "data_safety.csv")], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert out.returncode == 0 and "Store labels" in out.stdout
    assert "356938035643809" not in out.stdout and "3569…3809" in out.stdout
