"""Store-label readers: the three real formats, hand-written aliases (warnings) and broken files (exit 2)."""

from __future__ import annotations

import json
import os
import plistlib
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.errors import BadInput
from monitor.labels import read_label

ROOT = Path(__file__).resolve().parent.parent
L = ROOT / "tests" / "fixtures" / "labels"


def labels_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "250"}
    return subprocess.run([sys.executable, "-m", "monitor", "labels", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env=env)


def test_data_safety_csv_declares_ticked_types_with_their_lines_and_handling() -> None:
    lab = read_label(str(L / "data_safety.csv"))
    assert lab.source == "data_safety" and lab.platform == "android" and not lab.warnings
    assert lab.collects_personal_data is True and lab.encrypted_in_transit is True
    by = {d.label_type: d for d in lab.declared}
    assert set(by) == {"PSL_NAME", "PSL_EMAIL", "PSL_APPS_ON_DEVICE", "PSL_DEVICE_ID"}
    dev = by["PSL_DEVICE_ID"]
    assert dev.collected and not dev.shared and dev.required is True and dev.ephemeral is False
    assert dev.collection_purposes == ["PSL_APP_FUNCTIONALITY"]
    lines = (L / "data_safety.csv").read_text().splitlines()
    assert lines[dev.line - 1].startswith("PSL_DATA_TYPES_IDENTIFIERS,PSL_DEVICE_ID,true")
    assert lines[dev.sharing_line - 1].startswith(
        "PSL_DATA_USAGE_RESPONSES:PSL_DEVICE_ID:PSL_DATA_USAGE_COLLECTION_AND_SHARING,PSL_DATA_USAGE_ONLY_SHARED")
    # an unticked type still has its row: that is where an undeclared type would be ticked
    assert lines[lab.anchors["type:PSL_PRECISE_LOCATION"] - 1].startswith("PSL_DATA_TYPES_LOCATION,PSL_PRECISE_LOCATION,")


def test_shared_and_nothing_collected_bom_crlf() -> None:
    shared = {d.label_type: d for d in read_label(str(L / "data_safety_shared.csv")).declared}
    assert shared["PSL_DEVICE_ID"].shared and shared["PSL_DEVICE_ID"].sharing_purposes == ["PSL_ADVERTISING"]
    nothing = read_label(str(L / "data_safety_nothing.csv"))  # UTF-8 BOM and CRLF, as some exports have
    assert nothing.collects_personal_data is False and nothing.not_collected and nothing.encrypted_in_transit is None


def test_hand_written_aliases_are_read_with_a_warning_naming_the_line() -> None:
    lab = read_label(str(L / "data_safety_handwritten.csv"))
    by = {d.label_type: d for d in lab.declared}
    assert {"PSL_DEVICE_ID", "PSL_APPS_ON_DEVICE", "PSL_EMAIL", "PSL_FAVOURITE_COLOUR"} <= set(by)
    assert by["PSL_DEVICE_ID"].collected and by["PSL_DEVICE_ID"].shared  # ..._BOTH_COLLECTED_AND_SHARED
    assert lab.collects_personal_data is True and lab.encrypted_in_transit is True  # TRUE in capitals
    assert "line 4: PSL_DEVICE_OR_OTHER_IDS is not a Play response id; read as PSL_DEVICE_ID" in lab.warnings
    assert any(w.startswith("line 5: PSL_INSTALLED_APPS") for w in lab.warnings)
    assert any(w.startswith("line 7: PSL_FAVOURITE_COLOUR is not a Play response id in PSL_DATA_TYPES_PERSONAL")
               for w in lab.warnings)
    out = labels_cli(str(L / "data_safety_handwritten.csv"), "--format", "json")
    assert out.returncode == 0
    assert "data_safety_handwritten.csv: line 8: PSL_DATA_USAGE_BOTH_COLLECTED_AND_SHARED" in out.stderr
    assert json.loads(out.stdout)[0]["warnings"] == lab.warnings


def test_app_privacy_json() -> None:
    lab = read_label(str(L / "app_privacy_details.json"))
    assert lab.source == "app_privacy" and lab.platform == "ios"
    by = {d.label_type: d for d in lab.declared}
    assert set(by) == {"CRASH_DATA", "DEVICE_ID", "PRECISE_LOCATION"}
    assert by["DEVICE_ID"].linked is True and by["DEVICE_ID"].tracking is False
    assert by["DEVICE_ID"].purposes == ["ANALYTICS", "APP_FUNCTIONALITY"] and by["DEVICE_ID"].line == 7
    assert by["CRASH_DATA"].linked is False and lab.anchors["collected_types"] == 1
    assert {d.label_type: d.tracking for d in read_label(str(L / "app_privacy_tracking.json")).declared} == \
        {"DEVICE_ID": True, "EMAIL_ADDRESS": False}
    nothing = read_label(str(L / "app_privacy_not_collected.json"))
    assert nothing.not_collected and nothing.declared == []


def test_privacy_manifests_xml_and_binary() -> None:
    app = read_label(str(L / "PrivacyInfo.xcprivacy"))
    assert app.source == "privacy_manifest" and app.tracking is False and app.tracking_domains == []
    assert [(d.label_type, d.line, d.tracking) for d in app.declared] == [
        ("NSPrivacyCollectedDataTypeDeviceID", 13, False), ("NSPrivacyCollectedDataTypeEmailAddress", 25, False)]
    assert app.anchors == {"tracking": 5, "tracking_domains": 7, "collected_types": 9}
    raw = (L / "SDK-PrivacyInfo.xcprivacy").read_bytes()
    assert raw.startswith(b"bplist00")
    sdk = read_label(str(L / "SDK-PrivacyInfo.xcprivacy"))
    assert sdk.tracking is True and sdk.tracking_domains == ["sdk-tracking.example", "metrics.adsdk.example"]
    assert {d.label_type: d.tracking for d in sdk.declared} == {"NSPrivacyCollectedDataTypeDeviceID": True,
                                                                 "NSPrivacyCollectedDataTypeCrashData": False}
    assert all(d.line == 1 for d in sdk.declared)  # a binary plist has no lines


def test_kind_is_told_by_content(tmp_path: Path) -> None:
    # file names say nothing: a manifest saved as .json, a CSV saved as .txt
    (tmp_path / "a.json").write_bytes((L / "PrivacyInfo.xcprivacy").read_bytes())
    (tmp_path / "b.txt").write_bytes((L / "data_safety.csv").read_bytes())
    assert read_label(str(tmp_path / "a.json")).source == "privacy_manifest"
    assert read_label(str(tmp_path / "b.txt")).source == "data_safety"


@pytest.mark.parametrize(("name", "message"), [
    ("data_safety_bad_header.csv", "line 1: wrong header"),
    ("data_safety_bad_row.csv", "line 4: 4 fields, expected 5"),
    ("app_privacy_invalid.json", "line 4: invalid JSON"),
    ("app_privacy_no_protections.json", "line 2: entry 1 has no data_protections"),
    ("app_privacy_bad_category.json", "line 3: unknown category id 'FAVOURITE_COLOUR'"),
    ("broken.xcprivacy", "line 9: property list does not parse"),
])
def test_broken_label_files_are_one_line_and_exit_2(name: str, message: str) -> None:
    with pytest.raises(BadInput) as exc:
        read_label(str(L / name))
    assert message in exc.value.reason
    out = labels_cli(str(L / "data_safety.csv"), str(L / name))
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and message in lines[0]


def test_unknown_protection_and_truncated_binary_plist(tmp_path: Path) -> None:
    bad = tmp_path / "p.json"
    bad.write_text('[{"category": "DEVICE_ID", "purposes": [], "data_protections": ["DATA_SOLD"]}]')
    with pytest.raises(BadInput, match="unknown data protection id 'DATA_SOLD'"):
        read_label(str(bad))
    cut = tmp_path / "cut.xcprivacy"
    cut.write_bytes(plistlib.dumps({"NSPrivacyTracking": True}, fmt=plistlib.FMT_BINARY)[:20])
    with pytest.raises(BadInput, match="does not parse"):
        read_label(str(cut))


def test_labels_text_output() -> None:
    out = labels_cli(str(L / "data_safety.csv"), str(L / "app_privacy_details.json"), str(L / "PrivacyInfo.xcprivacy"))
    assert out.returncode == 0, out.stderr
    for word in ("data_safety (android)", "app_privacy (ios)", "privacy_manifest (ios)", "PSL_DEVICE_ID",
                 "PRECISE_LOCATION", "NSPrivacyTracking: false"):
        assert word in " ".join(out.stdout.split()), word


@pytest.mark.parametrize("name", ["data_safety.csv", "app_privacy_details.json", "PrivacyInfo.xcprivacy",
                                  "SDK-PrivacyInfo.xcprivacy"])
def test_damaged_label_files_are_read_or_refused_never_crash(tmp_path: Path, name: str) -> None:
    """Label files come from anywhere (hand-edited, truncated, corrupted): BadInput or a label, nothing else."""
    raw = (L / name).read_bytes()
    target = tmp_path / name

    @settings(max_examples=120, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.integers(0, len(raw)), st.integers(0, 40), st.binary(max_size=12))
    def damaged(at: int, cut: int, junk: bytes) -> None:
        target.write_bytes(raw[:at] + junk + raw[at + cut:])
        try:
            lab = read_label(str(target))
        except BadInput as exc:
            assert name in exc.path and exc.reason.startswith("line ") or "label" in exc.reason
            return
        assert lab.source in ("data_safety", "app_privacy", "privacy_manifest")
        json.dumps(lab.to_json())

    damaged()
