"""Verdict rules of CONTRACT.md "What counts as covering", read end to end: a small policy text I wrote
for each rule, parsed by the real reader, one finding, the verdict a reviewer would give."""

from __future__ import annotations

from typing import Any

from monitor.compare import compute_verdicts
from monitor.policy import parse_policy

CATEGORIES = {"umeng": "analytics", "pangle": "advertising", "jpush": "push", "huawei_push": "push",
              "jverification": "social_login", "first_party": "first_party", "unknown": "unknown"}


def verdict(text: str, type_id: str, recipient: str, transform: str = "plain", country: str = "") -> dict[str, Any]:
    finding = {"id": 1, "type": type_id, "value": "x", "transform": transform, "location": "json:$.x",
               "sdk": "" if recipient == "unknown" else recipient, "category": CATEGORIES.get(recipient, ""),
               "host": "h.example", "ip": "192.0.2.7", "ts": 0.0, "url": ""}
    dests = [{"host": "h.example", "ip": "192.0.2.7", "country": country}]
    got = [v for v in compute_verdicts(parse_policy(text), [finding], dests, None) if v["findings"]]
    assert len(got) == 1
    return got[0]


def test_a_no_sharing_promise_made_for_children_contradicts_no_general_traffic() -> None:
    text = ("Privacy Policy of Lumo Cam.\n"
            "We collect the IMEI of your phone to register it.\n"
            "Children's Privacy\n"
            "We will not disclose the personal information of a minor to any third party.\n")
    assert verdict(text, "imei", "umeng")["verdict"] == "undisclosed"
    # the same promise made for everyone is a claim that does contradict
    general = text.replace("Children's Privacy\n", "").replace("of a minor", "of a user")
    assert verdict(general, "imei", "umeng")["verdict"] == "contradicted"


def test_a_storage_promise_is_not_one_when_the_policy_lets_data_move_abroad() -> None:
    text = ("We collect your e-mail address to create your account.\n"
            "Personal information collected in China is stored in China.\n")
    assert verdict(text, "email", "first_party", country="US")["verdict"] == "contradicted"
    moved = text + "To run our services, we may transfer and process your information in jurisdictions other " \
                   "than the one where you live.\n"
    assert verdict(moved, "email", "first_party", country="US")["verdict"] == "disclosed"
    # a transfer written as a hypothetical ("if it is ever needed ...") keeps the promise
    maybe = text + "If a cross-border transfer is ever needed, we will first ask for your consent.\n"
    assert verdict(maybe, "email", "first_party", country="US")["verdict"] == "contradicted"


def test_a_denial_the_same_sentence_takes_back_does_not_contradict() -> None:
    from monitor.compare import compute_verdicts as cv
    from monitor.model import Evidence, Policy, Statement

    ev = Evidence("Ad SDK fields: IDFA (with your authorization); IDFV (not collected).", 0, 70)
    other = Evidence("Elsewhere: the ad SDK never collects the IDFA.", 80, 126)
    finding = {"id": 1, "type": "idfa", "sdk": "pangle", "category": "advertising", "transform": "plain",
               "ts": 0.0, "host": "h", "ip": "1.2.3.4", "location": "query:x"}
    same = Policy("p", "", (Statement("idfa", "pangle", "conditional", (), ev), Statement("idfa", "pangle", "denies", (), ev)))
    assert cv(same, [finding], [], None)[0]["verdict"] == "disclosed"
    apart = Policy("p", "", (Statement("idfa", "pangle", "conditional", (), ev),
                             Statement("idfa", "pangle", "denies", (), other)))
    assert cv(apart, [finding], [], None)[0]["verdict"] == "contradicted"


def test_an_sdk_vendors_policy_speaks_for_all_its_sdks() -> None:
    # a vendor policy (its SDK named throughout) covers the vendor's other SDKs (same organization in sdks.toml)
    intro = "JPush privacy policy. " + "JPush " * 20 + "\n"
    text = intro + "We collect the SSID of the Wi-Fi network the device uses.\n"
    assert verdict(text, "ssid", "jverification")["verdict"] == "disclosed"
    assert verdict(text, "ssid", "umeng")["verdict"] == "undisclosed"
