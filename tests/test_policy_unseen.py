"""Reader scores on a short policy written for testing only (unseen style, not used to tune the rules)."""

from __future__ import annotations

from pathlib import Path

from monitor.policy import read_policy

FIX = Path(__file__).resolve().parent / "fixtures" / "policies" / "unseen-weather.txt"
WANT = {("location_coarse", "collects", "first_party"), ("location_precise", "conditional", "first_party"),
        ("email", "collects", "first_party"), ("credentials", "collects", "first_party"),
        ("android_id", "collects", "crashlytics"), ("imei", "denies", "first_party"),
        ("phone_number", "denies", "first_party"), ("mac", "collects", "first_party"),
        ("gaid", "conditional", "partners"), ("idfa", "conditional", "partners"),
        ("personal_info", "denies", "advertisers")}


def test_unseen_policy_scores() -> None:
    p = read_policy(FIX)
    got = {(s.type, s.stance, s.recipient) for s in p.statements if not s.vague or s.type == "personal_info"}
    tp = len(got & WANT)
    precision, recall = tp / len(got), tp / len(WANT)
    print(f"\nunseen policy: precision {precision:.2f} recall {recall:.2f} misses {sorted(WANT - got)}")
    # measured floor, not the dev-set target: the rules were not tuned on this text
    assert recall >= 0.6 and precision >= 0.8
    assert {"sha256", "hashed"} <= set(next(s for s in p.statements if s.type == "mac").qualifiers)
    assert p.sdks_named == ("crashlytics",)
