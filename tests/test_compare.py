"""Verdict rules (the contract's), literal statements and findings in, verdicts out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from monitor.compare import compute_verdicts
from monitor.model import Claim, Evidence, Policy, Statement
from monitor.policy import parse_policy
from monitor.records import Destination, Finding
from monitor.testing.records import destination, finding


def st(type_id: str, recipient: str, stance: str = "collects", quals: tuple[str, ...] = (), vague: bool = False,
       covers: tuple[str, ...] = ()) -> Statement:
    text = f"{type_id} {recipient} {stance}"
    return Statement(type_id, recipient, stance, quals, Evidence(text, 0, len(text)), vague, covers)


def fnd(i: int, type_id: str, sdk: str, category: str = "push", transform: str = "plain", ts: float = 100.0,
        host: str = "h.example", ip: str = "1.2.3.4") -> Finding:
    return finding(i, type_id, sdk=sdk, category=category, transform=transform, ts=ts, host=host, ip=ip,
                   location="query:x")


def one(policy: Policy, findings: list[Finding], dests: list[Destination] | None = None,
        consent: float | None = None) -> dict[tuple[str, str], str]:
    return {(v.type, v.recipient): v.verdict for v in compute_verdicts(policy, findings, dests or [], consent)}


DEVICE_INFO = ("imei", "mac", "android_id", "gaid")


@pytest.mark.parametrize(
    ("statements", "finding", "expected"),
    [
        ([st("imei", "jpush")], fnd(1, "imei", "jpush"), "disclosed"),
        ([st("imei", "third_party")], fnd(1, "imei", "jpush"), "vague"),  # a class covers an SDK only vaguely
        ([st("device_info", "jpush", vague=True, covers=DEVICE_INFO)], fnd(1, "imei", "jpush"), "vague"),
        ([st("imei", "first_party")], fnd(1, "imei", "jpush"), "undisclosed"),  # first party does not cover SDKs
        ([st("imei", "first_party")], fnd(1, "imei", "unknown", "unknown"), "disclosed"),  # unknown judged 1st party
        ([st("imei", "advertisers")], fnd(1, "imei", "gdt", "advertising"), "vague"),
        ([st("imei", "advertisers")], fnd(1, "imei", "jpush", "push"), "undisclosed"),
        ([st("imei", "jpush"), st("imei", "jpush", "denies")], fnd(1, "imei", "jpush"), "contradicted"),
        ([st("imei", "first_party", quals=("md5", "hashed"))], fnd(1, "imei", "first_party"), "contradicted"),
        ([st("imei", "first_party", quals=("md5",))], fnd(1, "imei", "first_party", transform="json > md5"),
         "disclosed"),
        # a denial in broad terms alone does not contradict (the no_ad_sharing claim does: test_claims_contradict)
        ([st("personal_info", "advertisers", "denies", vague=True, covers=("imei",))],
         fnd(1, "imei", "gdt", "advertising"), "undisclosed"),
        ([], fnd(1, "imei", "jpush"), "undisclosed"),
    ],
)
def test_verdict_rules(statements: list[Statement], finding: Finding, expected: str) -> None:
    got = one(Policy("p", "", tuple(statements)), [finding])
    assert got[(finding.type, finding.sdk)] == expected


def test_vendor_policy_judges_its_own_sdk_as_first_party() -> None:
    policy = Policy("p", "", (st("imei", "first_party"),), first_party_sdk="jpush")
    assert one(policy, [fnd(1, "imei", "jpush")])[("imei", "jpush")] == "disclosed"


def test_claims_contradict() -> None:
    ad = Claim("no_ad_sharing", "We do not share with advertisers.", 0, 10)
    p = Policy("p", "", (st("imei", "third_party"),), (ad,))
    assert one(p, [fnd(1, "imei", "gdt", "advertising")])[("imei", "gdt")] == "contradicted"
    store = Claim("storage_location", "stored in the PRC", 0, 5, (("country", "CN"),))
    p = Policy("p", "", (st("imei", "first_party"),), (store,))
    dests = [destination(host="api.x.example", ip="9.9.9.9", country="US")]
    got = one(p, [fnd(1, "imei", "first_party", "first_party", host="api.x.example", ip="9.9.9.9")], dests)
    assert got[("imei", "first_party")] == "contradicted"
    dests[0] = replace(dests[0], country="CN")
    got = one(p, [fnd(1, "imei", "first_party", "first_party", host="api.x.example", ip="9.9.9.9")], dests)
    assert got[("imei", "first_party")] == "disclosed"


def test_not_observed_and_consent_order() -> None:
    p = Policy("p", "", (st("email", "first_party"), st("imei", "jpush")))
    vs = compute_verdicts(p, [fnd(1, "imei", "jpush", ts=5.0), fnd(2, "mac", "bugly", ts=50.0)], [], consent_ts=10.0)
    by = {(v.type, v.recipient): v for v in vs}
    assert by[("email", "first_party")].verdict == "not_observed"
    assert by[("imei", "jpush")].before_consent is True
    assert vs[0].type == "imei"  # identifiers sent before consent come first
    assert all(v.policy_evidence or v.verdict == "undisclosed" for v in vs)


def test_no_personal_info_claim_for_a_feature() -> None:
    claim = Claim("no_personal_info", "4. Network speed monitoring. ... we will not obtain any personal information",
                  0, 10, (("feature", "Network speed monitoring"),))
    p = Policy("p", "", (st("imei", "first_party"),), (claim,))
    f = fnd(1, "imei", "first_party", "first_party")
    f = replace(f, url="https://api.example.cn/v1/speedtest/report")
    assert one(p, [f])[("imei", "first_party")] == "contradicted"
    f = replace(f, url="https://api.example.cn/v1/login")
    assert one(p, [f])[("imei", "first_party")] == "disclosed"


def test_a_childrens_section_denial_never_contradicts_general_traffic() -> None:
    """Issue 14: a denial in the children's section is scoped; general traffic cannot be tied to it."""
    text = ("Privacy Policy\nWe collect your email address to create your account.\n"
            "Children's Privacy\nWe do not collect the precise location of children under 13.\n")
    policy = parse_policy(text)
    scoped = [s for s in policy.statements if s.type == "location_precise"]
    assert scoped and all("scope:children" in s.qualifiers for s in scoped)
    found = finding(1, "location_precise", ts=1.0, host="api.example.org", ip="192.0.2.1")
    verdicts = compute_verdicts(policy, [found], [], None)
    got = {(v.type, v.recipient): v.verdict for v in verdicts}
    assert got[("location_precise", "unknown")] != "contradicted"


def test_evidence_cites_the_exact_type_before_a_broad_term() -> None:
    text = ("We collect device information to run the service.\n"
            "We collect your IMEI to prevent fraud.\n")
    policy = parse_policy(text)
    found = finding(1, "imei", ts=1.0, host="api.example.org", ip="192.0.2.1")
    v = next(v for v in compute_verdicts(policy, [found], [], None) if v.type == "imei")
    assert v.verdict == "disclosed" and "IMEI" in v.policy_evidence[0].text
