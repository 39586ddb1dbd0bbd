"""Reading policies: own fixtures for the hard cases (always run) and the five real ones (if present)."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.errors import BadInput
from monitor.policy import parse_policy, read_policy

FIX = Path(__file__).resolve().parent / "fixtures" / "policies"
REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "policies"
if not REAL.is_dir():  # a git worktree under /work/wt/<branch>: the shared folder is /work/shared
    REAL = Path("/work/shared/policies")
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/policies is absent")


def facts(policy) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(s.type, s.recipient, s.stance) for s in policy.statements}


def test_hard_cases_fixture() -> None:
    p = read_policy(FIX / "hard-cases.txt")
    f = facts(p)
    assert {("phone_number", "first_party", "collects"), ("email", "first_party", "collects")} <= f
    assert ("location_precise", "first_party", "denies") in f
    assert ("mac", "first_party", "denies") in f
    assert ("location_coarse", "first_party", "conditional") in f
    assert ("android_id", "umeng", "collects") in f
    assert {("oaid", "bugly", "collects"), ("gaid", "bugly", "collects"), ("idfv", "bugly", "collects")} <= f
    imei = next(s for s in p.statements if s.type == "imei")
    assert {"sha256", "hashed"} <= set(imei.qualifiers)
    vague = next(s for s in p.statements if s.type == "device_info")
    assert vague.vague and "imei" in vague.covers
    kinds = {c.kind: dict(c.params) for c in p.claims}
    assert kinds["storage_location"] == {"country": "SG"} and "no_ad_sharing" in kinds
    assert set(p.sdks_named) == {"umeng", "bugly"}


def test_offsets_slice_the_text_exactly() -> None:
    for path in [*FIX.glob("*"), *(REAL.glob("*.txt") if REAL.is_dir() else [])]:
        p = read_policy(path)
        for s in p.statements:
            assert p.text[s.evidence.start:s.evidence.end] == s.evidence.text, path.name
        for c in p.claims:
            assert p.text[c.start:c.end] == c.text


def test_html_drops_scripts_and_navigation_and_keeps_tables() -> None:
    p = read_policy(FIX / "page.html")
    f = facts(p)
    assert ("email", "first_party", "collects") in f and ("phone_number", "first_party", "collects") in f
    assert ("oaid", "pangle", "collects") in f and ("android_id", "pangle", "collects") in f
    assert not any(s.type in ("imei", "credentials", "imsi") for s in p.statements)  # script, nav, footer


def test_pdf_text_layer() -> None:
    p = read_policy(FIX / "fixture.pdf")
    assert {("imei", "first_party", "collects"), ("mac", "first_party", "collects"),
            ("installed_apps", "first_party", "denies")} <= facts(p)


@pytest.mark.parametrize("content", [b"", b"   \n", b"%PDF-1.4 garbage"])
def test_unreadable_policy_is_bad_input(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "p.txt"
    f.write_bytes(content)
    with pytest.raises(BadInput):
        read_policy(f)


def test_encodings() -> None:
    text = "我们收集 IMEI。We collect the IMEI of your phone."
    for enc in ("utf-8", "utf-16", "gb18030"):
        from monitor.policy.text import decode_bytes

        raw = text.encode(enc) if enc != "utf-16" else b"\xff\xfe" + text.encode("utf-16-le")
        assert "We collect the IMEI" in decode_bytes(raw)
    assert ("imei", "first_party", "collects") in facts(parse_policy(text))


@needs_real
def test_real_policies_key_facts() -> None:
    """A few facts a reviewer checks first in each of the five products' policies."""
    p = {f.name[:3]: read_policy(f) for f in REAL.glob("*.txt")}
    assert "jpush" in p["000"].sdks_named
    f001 = facts(p["001"])
    assert {("oaid", "beizi", "conditional"), ("gaid", "inmobi", "conditional")} <= f001
    assert {"wechat", "facebook", "line", "huawei_push", "bugly", "beizi", "pangle", "gdt", "baidu_mobads",
            "kuaishou", "inmobi", "zxing"} <= set(p["001"].sdks_named)
    assert ("imei", "first_party", "collects") in facts(p["002"])
    assert any(c.kind == "storage_location" and dict(c.params).get("country") == "CN" for c in p["002"].claims)
    assert any(c.kind == "no_personal_info" for c in p["002"].claims)
    imei003 = [s for s in p["003"].statements if s.type == "imei" and "md5" in s.qualifiers]
    assert imei003 and any(c.kind == "no_ad_sharing" for c in p["003"].claims)
    assert p["004"].first_party_sdk == "jpush"
    assert {"imei", "mac", "imsi", "android_id", "oaid", "idfa", "ssid", "bssid", "location_precise",
            "installed_apps"} <= {s.type for s in p["004"].statements}
