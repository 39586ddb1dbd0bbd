"""A capture's SHA-256 is computed in a thread while the capture is read (monitor.ingest.Digest)."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import pytest
from test_crash_and_scale import write_capture

from monitor.context import build_context
from monitor.errors import BadInput
from monitor.ingest import Begin, End, Rows, analyze_file, capture_events
from monitor.store import Store


def _digest_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "privmon-sha256"]


def test_the_first_event_carries_the_files_digest_and_every_row_follows_it(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import monitor.ingest as ingest

    monkeypatch.setattr(ingest, "BATCH_ROWS", 20)  # many batches due early, most before the digest is done
    cap = tmp_path / "c.pcap"
    write_capture(cap, 30_000, new_flows_every=1_000)
    events = list(capture_events(cap, build_context()))
    assert isinstance(events[0], Begin) and events[0].sha256 == hashlib.sha256(cap.read_bytes()).hexdigest()
    assert all(isinstance(e, Rows) for e in events[1:-1]) and isinstance(events[-1], End)
    assert len(events) > 3  # several batches, each after Begin
    assert events[-1].packets == 30_000 + 60


def test_a_file_that_is_no_capture_stops_its_digest(tmp_path: Path) -> None:
    # a large file that fails at once (not a capture) must not leave a thread reading it to the end
    bad = tmp_path / "zeros.pcap"
    with bad.open("wb") as fh:
        fh.truncate(256 << 20)
    with pytest.raises(BadInput):
        list(capture_events(bad, build_context()))
    deadline = time.monotonic() + 5
    while _digest_threads() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _digest_threads() == []


def test_a_stored_capture_is_skipped_and_force_reads_it_again(tmp_path: Path) -> None:
    cap = tmp_path / "c.pcap"
    write_capture(cap, 5_000)
    ctx = build_context()
    with Store.open(tmp_path / "x.db") as store:
        first = analyze_file(cap, store, ctx)
        (before,) = store.captures()
        second = analyze_file(cap, store, ctx)
        forced = analyze_file(cap, store, ctx, force=True)
        (after,) = store.captures()
    assert not first.skipped and first.packets == 5_010
    assert second.skipped and second.packets == 5_010
    assert not forced.skipped and forced.packets == 5_010
    assert after["sha256"] == before["sha256"] == hashlib.sha256(cap.read_bytes()).hexdigest()
    assert after["id"] != before["id"]  # read again, and the new reading took the old one's place


def test_a_digest_that_fails_fails_the_capture_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # whatever stops the digest (here: the machine out of memory), the capture is refused, never stored under an empty
    # digest, and what the database held stays
    import monitor.ingest as ingest

    cap = tmp_path / "c.pcap"
    write_capture(cap, 2_000)
    with Store.open(tmp_path / "x.db") as store:
        analyze_file(cap, store, build_context())
        other = tmp_path / "d.pcap"
        write_capture(other, 2_000, seed=3)

        def no_memory(path: Path, stop: object = None) -> str:
            raise MemoryError("4 MiB")

        monkeypatch.setattr(ingest, "file_sha256", no_memory)
        with pytest.raises(BadInput) as err:
            analyze_file(other, store, build_context())
        assert "cannot hash: MemoryError" in err.value.line()
        assert [c["sha256"] for c in store.captures()] == [hashlib.sha256(cap.read_bytes()).hexdigest()]
