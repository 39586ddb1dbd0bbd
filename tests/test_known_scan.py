"""The known-value scan of a whole message (Detector._known_all: each regex run only over the values where
one of its variants' key words stands whole, and what a value held remembered) finds what the regexes find value
by value (Detector._known), on messages made of variants, cut variants, separators and non-ASCII characters, met
once or again (issue 20)."""

from __future__ import annotations

import random

from monitor.classify.identifiers import Detector
from monitor.profile import profile_from_dict
from monitor.rules.load import load_rules

PROFILE = {"device": [
    {"name": "phone", "imei": "356938035643809", "mac": "a4:5e:60:c1:22:9f", "android_id": "3f6a2b9c81d04e57",
     "gaid": "38400000-8cf0-11bd-b23e-10b96e40000d", "email": "lab@example.org", "phone_number": "+8613800138000"},
    {"name": "camera", "mac": "00:12:34:56:78:9a", "device_uid": "ABCD-123456-EFGHJ"},
]}
PIECES = ["", " ", ":", "-", "=", "&", "a", "Z", "0", "9", "+", "/", "_", ".", "é", "Σ", "ß", "%", "x1", "00"]


def test_whole_message_scan_equals_the_scan_of_each_value() -> None:
    det = Detector(load_rules().identifiers, profile_from_dict(PROFILE))
    variants = list(det._ci) + list(det._cs)
    rng = random.Random(20)

    def value() -> str:
        out = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.4:
                v = rng.choice(variants)
                v = v.upper() if rng.random() < 0.3 else v
                v = v[rng.randint(0, 3):] if rng.random() < 0.2 else v  # cut: a word of it no longer whole
                out.append(v)
            else:
                out.append("".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4))))
        return "".join(out) or "x"

    with_hits = 0
    for _ in range(1500):
        fields = [(f"query:k{i}", f"k{i}", value(), ()) for i in range(rng.randint(2, 6))]
        got = det._known_all(fields)  # type: ignore[arg-type]
        assert got == [h for f in fields for h in det._known(f)]  # type: ignore[arg-type]
        assert det._known_all(fields) == got  # type: ignore[arg-type]  # the second time from what it remembers
        with_hits += bool(got)
    assert with_hits > 500  # the messages do hold variants, whole and cut


def test_what_the_scan_remembers_stays_bounded() -> None:
    """Values are captured text: at most 4,096 of them and 1 Mi characters are remembered; a longer message is read
    and not remembered."""
    det = Detector(load_rules().identifiers, profile_from_dict(PROFILE))
    for i in range(3000):
        det._known_all([("query:a", "a", f"v{i}", ()), ("query:b", "b", f"w{i}", ())])  # type: ignore[list-item]
        assert len(det._known_memo) <= 4096 and det._known_chars <= 1 << 20
    big = [("body@0", "", "x" * (1 << 20), ()), ("query:m", "m", "a4:5e:60:c1:22:9f", ())]
    assert [h.type for h in det._known_all(big)] == ["mac"]  # type: ignore[arg-type]
    assert big[0][2] not in det._known_memo and len(det._known_memo) <= 4096
