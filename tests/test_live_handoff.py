"""The proxy-side handoff: flows leave mitmproxy as plain tuples, in batches, with bounded bytes in flight."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from mitmproxy.test import tflow, tutils

from monitor.live import recorder as rec
from monitor.live.recorder import ProcessRecorder
from monitor.sources.mitm import exchange_from_flow, exchange_from_raw, raw_from_flow


def _flow(path: str = "/sdk?imei=356938035643809", body: bytes = b"", host_header: str | None = "api.example.cn",
          resp: bool = True) -> tflow.HTTPFlow:
    f = tflow.tflow(req=tutils.treq(host="203.0.113.7", port=443, scheme=b"https", path=path.encode(),
                                    content=body), resp=resp)
    if host_header is not None:
        f.request.headers["host"] = host_header
    return f


def test_raw_tuple_gives_the_same_exchange_as_the_flow() -> None:
    f = _flow(body=b'{"mac":"a4:50:46:12:32:9f"}')
    raw = raw_from_flow(f)
    assert raw is not None and all(isinstance(x, (str, bytes, int, float, tuple, type(None))) for x in raw)
    m = exchange_from_raw(raw)
    assert m is not None and m == exchange_from_flow(f)
    assert (m.host, m.path, m.scheme, m.protocol, m.status) == ("api.example.cn", "/sdk?imei=356938035643809",
                                                                 "https", "https", 200)
    assert m.request_body == b'{"mac":"a4:50:46:12:32:9f"}' and m.server.port == 22  # the tflow's server address


def test_host_falls_back_to_the_address_and_no_response_is_kept() -> None:
    f = _flow(host_header=None, resp=False)
    m = exchange_from_raw(raw_from_flow(f))  # type: ignore[arg-type]
    assert m is not None and m.host == "203.0.113.7" and m.status is None and m.error == "no response"
    v6 = _flow(host_header="[2001:db8::1]:8443")
    assert exchange_from_raw(raw_from_flow(v6)).host == "2001:db8::1"  # type: ignore[arg-type, union-attr]
    assert exchange_from_raw(("something else",)) is None


def test_bytes_in_flight_are_bounded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With the recorder not keeping up, flows beyond the byte bound are dropped and counted, not queued."""
    monkeypatch.setattr(rec, "MAX_BYTES_IN_FLIGHT", 3 << 20)
    monkeypatch.setattr(rec, "HANDOFF_ITEMS", 1000)  # nothing leaves the batch: nothing is ever settled
    r = ProcessRecorder(str(tmp_path / "x.db"), (), None, "live-proxy", "test")
    big = raw_from_flow(_flow(body=b"x" * (1 << 20)))
    accepted = [r.submit(big) for _ in range(5)]
    assert accepted == [True, True, False, False, False]
    assert (r.stats.submitted, r.stats.dropped) == (2, 3)


def test_every_submitted_flow_reaches_the_database(tmp_path: Path) -> None:
    """Full batches, a half-full batch sent by tick(), and the rest sent on stop: all recorded."""
    db = tmp_path / "live.db"
    r = ProcessRecorder(str(db), (), None, "live-proxy", "test").start()
    n = rec.HANDOFF_ITEMS * 2 + 5
    for i in range(n):
        assert r.submit(raw_from_flow(_flow(path=f"/v1?i={i}&imei=356938035643809")))
    r.stop()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == n
        assert conn.execute("SELECT COUNT(*) FROM findings WHERE type = 'imei'").fetchone()[0] >= 1
        assert conn.execute("SELECT status FROM captures").fetchone()[0] == "complete"
    assert r.stats.processed == n and r.stats.dropped == 0
