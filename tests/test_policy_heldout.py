"""Reader scores on a second test-only policy (a P2P camera app), labelled by reading the text, one
the rules were not written for (history: docs/rounds.md).
"""

from __future__ import annotations

from pathlib import Path

from monitor.policy import read_policy

FIX = Path(__file__).resolve().parent / "fixtures" / "policies" / "heldout-nightowl.txt"
WANT = {("device_uid", "collects", "first_party"), ("ssid", "collects", "first_party"),
        ("phone_number", "collects", "first_party"), ("imei", "collects", "first_party"),
        ("imsi", "collects", "first_party"), ("location_precise", "conditional", "first_party"),
        ("installed_apps", "denies", "first_party"), ("android_id", "collects", "getui"),
        ("oaid", "collects", "getui"), ("oaid", "collects", "partners"), ("serial", "collects", "bugly"),
        ("email", "denies", "third_party")}


def test_heldout_policy_scores() -> None:
    p = read_policy(FIX)
    got = {(s.type, s.stance, s.recipient) for s in p.statements if not s.vague}
    tp = len(got & WANT)
    precision, recall = tp / len(got), tp / len(WANT)
    print(f"\nheld-out policy: precision {precision:.2f} recall {recall:.2f} misses {sorted(WANT - got)} "
          f"extra {sorted(got - WANT)}")
    assert recall >= 0.8 and precision >= 0.8
    # "will not access your contacts" is a contacts denial, checked against contact lists in the traffic
    assert [(c.kind, dict(c.params)) for c in p.claims] == [("other", {"about": "contacts", "denied": "yes"}),
                                                            ("storage_location", {"country": "SG"})]
    assert set(p.sdks_named) == {"getui", "bugly"}
