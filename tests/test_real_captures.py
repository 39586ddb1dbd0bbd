"""privmon on captures recorded by other people (issue 17): Zeek, Suricata, PcapPlusPlus, scapy and
the Illustrated QUIC/TLS 1.3 projects (tests/data/real/manifest.json: repository, path, commit,
sha256, licence, link type). The captures are not committed; they are read from
$PRIVMON_CORPUS/captures (default /work/corpus/captures) and the tests skip when it is absent.
Expectations (tests/data/real/expect/) were written from tshark and by reading the captures, never
from privmon's output. The first run and what it reads now: docs/rounds.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from real_corpus import REAL, Score, corpus_dir, score_corpus, totals  # noqa: E402

CORPUS = corpus_dir()
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent (set PRIVMON_CORPUS to the corpus root)")


@pytest.fixture(scope="module")
def scored() -> list[Score]:
    scores, _absent = score_corpus(CORPUS)
    if not scores:
        pytest.skip(f"none of the manifest's captures is in {CORPUS}")
    return scores


def test_manifest_and_expectations_agree() -> None:
    manifest = json.loads((REAL / "manifest.json").read_text())
    names = {m["name"] for m in manifest}
    assert names == {p.name[:-5] for p in (REAL / "expect").glob("*.json")}
    for m in manifest:
        assert {"repository", "path", "commit", "sha256", "licence", "link_type"} <= set(m), m["name"]
        assert "ndpi" not in m["repository"].lower() and "tcpdump" not in m["repository"].lower()
        assert "mitmproxy" not in m["repository"].lower()


def test_every_capture_is_read_and_destinations_are_seen(scored: list[Score]) -> None:
    """Every capture is read and every expected destination seen (61/61 at the ratchet, 2026-12-03)."""
    refused = [f"{s.name}: {s.error}" for s in scored if s.error]
    assert not refused
    missed = [f"{s.name}: {m}" for s in scored for m in s.missing if m.startswith("destination")]
    assert missed == [], f"{len(missed)} destination(s) missed (none were at the ratchet): {missed}"


def test_no_capture_is_silently_empty(scored: list[Score]) -> None:
    assert [s.name for s in scored if s.silently_empty] == []


def test_warnings_exactly_where_a_reader_expects_them(scored: list[Score]) -> None:
    assert [f"{s.name}: {s.warn_mismatch}" for s in scored if s.warn_mismatch] == []


def test_no_false_findings(scored: list[Score]) -> None:
    false = [f"{s.name}: {f}" for s in scored for f in s.false]
    assert totals(scored)["false_findings"] == 0, false[:10]


# the identifiers the corpus expects and privmon does not report, each with why (a new miss fails)
KNOWN_MISSES = {
    "sv-teredo.pcap: identifier device_uid b1ab8d19-84be-4436-8993-293d4967adb6":
        "a bare `guid=` in an antivirus check-in, labelled device_uid by the corpus; privmon does not take bare "
        "guid keys (request and trace ids) as device ids",
}


def test_identifiers_found_floor(scored: list[Score]) -> None:
    """Floor at the reached number: 2 of the 3 expected identifiers (ratchet of 2026-12-03); only known misses."""
    missed = [f"{s.name}: {m}" for s in scored for m in s.missing if m.startswith("identifier")]
    found = sum(s.ids_found for s in scored)
    assert [m for m in missed if m not in KNOWN_MISSES] == [], f"new misses (known: {sorted(KNOWN_MISSES)})"
    assert found >= 2, f"identifiers found {found}/{sum(s.ids_expected for s in scored)}; missed {missed}"
