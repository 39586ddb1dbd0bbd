"""Attribution on hosts the rules were not written from: tests/fixtures/heldout_hosts*.tsv.

Hosts that are also `examples` in sdks.toml are set aside (they measure nothing new); every other SDK
host must be attributed to a right SDK, and every decoy must stay unattributed. The first run of each
list: docs/rounds.md.
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
    assert wrong == [], f"{len(wrong)}/{len(sdk_rows)} wrong (none at the ratchet of 2026-12-03; was <= 5 %)"
    assert [h for h in decoys if attributor.attribute(h, "", 443, "tcp", 0.0).sdk] == []
