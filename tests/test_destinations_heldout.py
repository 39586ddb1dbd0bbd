"""Attribution on hosts the rules were not written from: tests/fixtures/heldout_hosts*.tsv.

Hosts that are also `examples` in sdks.toml are set aside (they measure nothing new); the rest must
be attributed to a right SDK in >= 95 % of cases, and every decoy must stay unattributed.
First runs, before any rule was changed for them: list 1 41/43 fresh hosts, list 2 (written by
someone who never saw the rules) 72/86, list 3 (same, after ~280 domains were added from v2fly)
47/55 hosts that no earlier list or example had, list 4 (a capture-like sample) 134/140 of all
its SDK rows, list 5 (the same, after 44 SDKs were added) 138/143, list 6 135/136; all of them
now guard against regressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.classify.destinations import Attributor
from monitor.profile import EMPTY_PROFILE
from monitor.rules.load import load_rules

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("heldout_hosts*.tsv"))


def rows(fixture: Path) -> list[tuple[str, set[str]]]:
    out = []
    for line in fixture.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            host, expected = line.split("\t")[:2]
            out.append((host, {""} if expected == "-" else set(expected.split("|"))))
    return out


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_held_out_hosts_are_attributed_and_decoys_are_not(fixture: Path) -> None:
    sigs = load_rules()
    examples = {h for r in sigs.sdks for h in r.examples}
    attributor = Attributor(sigs, EMPTY_PROFILE)
    fresh = [(h, e) for h, e in rows(fixture) if h not in examples]
    sdk_rows = [(h, e) for h, e in fresh if e != {""}]
    decoys = [h for h, e in fresh if e == {""}]
    wrong = [(h, attributor.attribute(h, "", 443, "tcp", 0.0).sdk, e) for h, e in sdk_rows
             if attributor.attribute(h, "", 443, "tcp", 0.0).sdk not in e]
    print(f"held-out: {len(sdk_rows) - len(wrong)}/{len(sdk_rows)} SDK hosts right, "
          f"{len(rows(fixture)) - len(fresh)} set aside as examples; misses: {wrong}")
    assert len(sdk_rows) >= 40 and len(decoys) >= 10
    assert len(wrong) <= 0.05 * len(sdk_rows), wrong
    assert [h for h in decoys if attributor.attribute(h, "", 443, "tcp", 0.0).sdk] == []
