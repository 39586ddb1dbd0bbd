"""The policy reader on two policies written blind by someone who never saw its code or rules
(tests/fixtures/policies_blind/: texts, hand labels, README).

First reading, before any change for them: CamFix (a Chinese P2P-camera app with an SDK list in
"(1) Getui push SDK / Information collected: ..." entries) precision 0.71 / recall 0.34, FitPulse
(a global fitness app) 0.59 / 0.57. The misses were general: SDK-list entries whose header names
the SDK, "does not receive" as a denial, a permission phrase that conditions only the mention
next to it, "AppsFlyer. Tells us ..." lines, "apps installed on your phone". After those fixes:
CamFix 0.95 / 0.93, FitPulse 0.88 / 0.96; the five real policies' scores did not change.

Then two more, written the same way after those fixes: ShopFlash (a Chinese shopping app whose SDK
table has one row per line, cells split by " | ") first read at 0.51 / 0.28, HomeGuard (a US camera
app with "- Label: ..." lists under "we collect:") at 0.73 / 0.62. Fixed generally (a table row is
one clause with the SDK of its first cell; list items take the verb of their introduction; "- Sentry:"
names an SDK whose name is also a word): 0.85 / 0.86 and 0.85 / 0.85.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.policy import read_policy

DIR = Path(__file__).resolve().parent / "fixtures" / "policies_blind"


@pytest.mark.parametrize("name", ["camfix", "fitpulse", "shopflash", "homeguard"])
def test_blind_policy_statements(name: str) -> None:
    labels = json.loads((DIR / f"{name}.labels.json").read_text(encoding="utf-8"))
    want = {tuple(x) for x in labels["statements"]}
    p = read_policy(DIR / f"{name}.txt")
    got = {(s.type, s.stance, s.recipient) for s in p.statements if not s.vague}
    tp = len(got & want)
    precision, recall = tp / len(got), tp / len(want)
    print(f"\n{name}: precision {precision:.2f} recall {recall:.2f} misses {sorted(want - got)} extra {sorted(got - want)}")
    assert precision >= 0.8 and recall >= 0.8
    assert set(labels["sdks_named"]) <= set(p.sdks_named)  # (a named "WeChat Pay" beside WeChat is fine)
    stored = [dict(c.params).get("country") for c in p.claims if c.kind == "storage_location"]
    # FitPulse says "in the European Union, in ... Dublin, Ireland": EU is the claim a server in
    # any member state satisfies, so either reading is right
    assert stored and stored[0] in {country for kind, country in labels["claims"] if kind == "storage_location"} | (
        {"EU"} if name == "fitpulse" else set())
