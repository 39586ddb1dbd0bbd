"""The store's write path alone: `Store.write` of synthetic batches into a fresh database.

    python bench/store_bench.py [--batches 300] [--rounds 5] [--baseline /path/to/other/checkout]
    python bench/store_bench.py --callgrind [--batches 100] [--baseline ...]

Each batch is what a busy capture gives the writer: 150 HTTP messages (URL, headers, a 512-byte
body), 150 TLS handshakes (no URL), 50 DNS rows, 100 findings (half of them repeats: the upsert) and 20 destinations (upserts).
Variants, run in alternating order round after round (CPU seconds of the write loop, median):
  * store       this tree's Store.write (multi-row INSERTs and upserts through sqlite3, FTS5 triggers);
  * insert_all  the same, with messages and DNS rows through sqlite-utils' insert_all instead
                (the id mapping left out, so a lower bound of what it would cost);
  * insert_all_no_fts  the same without the search-index triggers;
  * no_fts      this tree without the search-index triggers (what FTS5 costs the write path);
  * no_url_fts  without the messages' URL index only;
  * wide_au     with enable_fts' own update trigger (re-indexing on every upsert);
  * baseline    Store.write of the --baseline checkout.
With --callgrind each variant runs once under valgrind (instructions are repeatable on a busy
machine): the instructions of N batches minus those of 0 batches.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def batch(i: int) -> Any:
    from monitor.store import Batch

    msgs = [{"id": j + 1, "kind": "http", "ts": 1000.0 + i + j / 1000, "client_ip": "10.0.0.2", "client_port": 40000 + j,
             "server_ip": "203.0.113.7", "server_port": 80, "protocol": "http", "host": f"api{j % 9}.example.cn",
             "method": "POST", "url": f"http://api{j % 9}.example.cn/v1/report?uid={i}-{j}&imei=35693803564{j:04d}",
             "status": 200, "request_headers": [["content-type", "application/json"], ["user-agent", "okhttp/4"]],
             "request_body": bytes(512), "response_headers": [], "response_body": b'{"ok":1}', "device": "phone"}
            for j in range(150)]
    msgs += [{"id": 151 + j, "kind": "tls", "ts": 1000.0 + i + j / 1000, "client_ip": "10.0.0.2",
              "client_port": 50000 + j, "server_ip": "203.0.113.9", "server_port": 443, "protocol": "tls",
              "host": f"cdn{j % 5}.example.com", "evidence": "sni", "device": "phone"} for j in range(150)]
    dns = [{"ts": 1000.0 + i, "client_ip": "10.0.0.2", "qname": f"h{j}.example.cn", "rtype": "A",
            "name": f"h{j}.example.cn", "value": f"203.0.113.{j}", "ttl": 60} for j in range(50)]
    finds = [{"message_id": j + 1, "type": "imei", "value": f"35693803564{(j + (i % 2) * 50) % 1000:04d}",
              "host": f"api{j % 9}.example.cn", "ip": "203.0.113.7", "port": 80, "location": "query:imei",
              "transform": "plain", "first_ts": 1000.0 + i, "last_ts": 1000.0 + i, "device": "phone"} for j in range(100)]
    dests = [{"host": f"api{j % 9}.example.cn", "ip": "203.0.113.7", "port": 80 + j, "transport": "tcp",
              "bytes_out": 700, "bytes_in": 80, "packets": 4, "first_ts": 1000.0 + i, "last_ts": 1000.0 + i,
              "sdk": "", "category": "unknown"} for j in range(20)]
    try:
        from monitor.testing.records import destination, finding, message
    except ImportError:  # a --baseline checkout from before the records: its batches hold dicts
        return Batch(messages=msgs, dns=dns, findings=finds, destinations=dests)
    return Batch(messages=[message(**_message_fields(m)) for m in msgs], dns=dns,
                 findings=[finding(0, f.pop("type"), ts=f["first_ts"], protocol="", sdk="", category="unknown",
                                   confidence="pattern", **{"owner" if k == "device" else k: v for k, v in f.items()})
                           for f in finds],  # (the records call the `device` column's field `owner`)
                 destinations=[destination(**d) for d in dests])


def _message_fields(m: dict[str, Any]) -> dict[str, Any]:
    """A row of the messages table as MessageRecord's fields (a TLS hello's `url` column is its ALPN list)."""
    out = {k: tuple(tuple(h) for h in v) if k.endswith("_headers") else v for k, v in m.items()}
    if m["kind"] == "tls":
        out["alpn"] = tuple(a for a in out.pop("url", "").split(",") if a)
    return out


def one(variant: str, batches: int, db: str) -> float:
    """Write `batches` batches with one variant; returns CPU seconds of the write loop."""
    from monitor.store import Store

    store = Store.open(db)
    if variant in ("no_fts", "no_url_fts", "wide_au", "insert_all_no_fts"):
        for t in ("messages",) if variant == "no_url_fts" else ("findings", "messages"):
            if variant != "wide_au":
                for suffix in ("ai", "ad", "au"):
                    store.conn.execute(f'DROP TRIGGER IF EXISTS "{t}_{suffix}"')
        if variant == "wide_au":  # enable_fts' own update trigger: any UPDATE re-indexes the row
            cols = '"value", "location", "host"'
            store.conn.execute('DROP TRIGGER "findings_au"')
            store.conn.execute(
                'CREATE TRIGGER "findings_au" AFTER UPDATE ON "findings" BEGIN '
                f'INSERT INTO "findings_fts" ("findings_fts", rowid, {cols}) VALUES '
                "('delete', old.rowid, old.\"value\", old.\"location\", old.\"host\"); "
                f'INSERT INTO "findings_fts" (rowid, {cols}) VALUES (new.rowid, new."value", new."location", new."host"); '
                "END")
    todo = [batch(i) for i in range(batches)]
    cid = store.begin_capture("bench", "b" * 64, "pcap")
    start = time.process_time()
    for b in todo:
        if variant.startswith("insert_all"):
            _write_insert_all(store, cid, b)
        else:
            store.write(cid, b)
    # made visible, as analyze ends a capture: since schema 0008 its rows join the search indexes then (before, each
    # batch fed them), so the finish belongs in the measure
    store.finish_capture(cid, 0, None, None)
    spent = time.process_time() - start
    store.close()
    return spent


def _write_insert_all(store: Any, cid: int, b: Any) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(store.conn, recursive_triggers=False, execute_plugins=False)
    with store._tx():
        shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for m in map(_message_row, b.messages):  # one call per shape: insert_all writes NULL, not the default
            shapes.setdefault(tuple(m), []).append({"capture_id": cid, **{k: v for k, v in m.items() if k != "id"}})
        for rows in shapes.values():
            db["messages"].insert_all(rows, batch_size=200)
        db["dns"].insert_all(({"capture_id": cid, **r} for r in b.dns), batch_size=200)
        if hasattr(store, "_upsert_destinations"):  # multi-row upserts (issue 20)
            store._upsert_destinations(cid, b.destinations)
        else:
            for row in b.destinations:
                store._upsert_destination(cid, row)
        store._upsert_findings(cid, b.findings)


def _message_row(m: Any) -> dict[str, Any]:
    """A message as the columns the store writes for its kind (a dict already in a pre-records checkout)."""
    if isinstance(m, dict):
        return m
    from monitor.store.write import _MESSAGE_SHAPES, _SHAPE_OF_KIND

    keys, row_of = _MESSAGE_SHAPES[_SHAPE_OF_KIND[m.kind]]
    return dict(zip(keys, row_of(m), strict=True))


def _child(variant: str, batches: int, root: Path, valgrind: bool = False) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, str(ROOT / "bench" / "store_bench.py"), "--one", variant, "--batches", str(batches),
               "--db", f"{tmp}/b.db"]
        if valgrind:
            cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.out", *cmd]
        p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(root)), check=True)
        if valgrind:
            m = re.search(r"Collected : (\d+)", p.stderr)
            if m is None:
                raise SystemExit(p.stderr[-2000:])
            return float(m.group(1))
        return float(p.stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--baseline")
    ap.add_argument("--callgrind", action="store_true")
    ap.add_argument("--variants", default="store,insert_all,no_fts,no_url_fts,wide_au")
    ap.add_argument("--one")
    ap.add_argument("--db")
    a = ap.parse_args()
    if a.one:
        print(f"{one(a.one, a.batches, a.db):.4f}")
        return
    runs = [(v, ROOT) for v in a.variants.split(",")]
    if a.baseline:
        runs.append(("baseline", Path(a.baseline).resolve()))
    if a.callgrind:
        for v, root in runs:
            work = _child("store" if v == "baseline" else v, a.batches, root, True)
            idle = _child("store" if v == "baseline" else v, 0, root, True)
            print(f"{v:10s} {(work - idle) / 1e6:10.1f} M instructions for {a.batches} batches", flush=True)
        return
    res: dict[str, list[float]] = {v: [] for v, _ in runs}
    for r in range(a.rounds):
        order = runs if r % 2 == 0 else runs[::-1]
        for v, root in order:
            res[v].append(_child("store" if v == "baseline" else v, a.batches, root))
    ref = res["baseline"] if a.baseline else res["store"]
    for v, times in res.items():
        ratio = statistics.median(t / b for t, b in zip(times, ref, strict=True))
        print(f"{v:10s} median {statistics.median(times):.3f} s CPU for {a.batches} batches"
              f"  x{ratio:.2f} of {'baseline' if a.baseline else 'store'}")


if __name__ == "__main__":
    main()
