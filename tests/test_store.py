"""The database: private file mode, migrations, whole-batch writes, readers beside a writer."""

from __future__ import annotations

import os
import random
import sqlite3
import stat
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from monitor.errors import StoreError
from monitor.records import Finding
from monitor.store import MIGRATIONS, Batch, Store
from monitor.store.write import MAX_ROWS
from monitor.testing.records import destination, finding, message


def _finding(i: int, **kw: object) -> Finding:
    row: dict[str, object] = {"value": f"35693803564{i:04d}", "host": "api.example.cn", "ip": "1.2.3.4", "port": 443,
                              "location": "query:imei", "transform": "plain", "first_ts": 1000.0 + i,
                              "last_ts": 1000.0 + i}
    row.update(kw)
    return finding(0, "imei", **row)  # type: ignore[arg-type]


def test_new_database_is_private_and_migrated(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600
        names = [r["name"] for r in store.rows("SELECT name FROM _migrations ORDER BY name")]
        assert names == [name for name, _ in MIGRATIONS]
        assert store.migrate() == []  # idempotent
    for suffix in ("-wal", "-shm"):
        side = Path(str(db_path) + suffix)
        if side.exists():
            assert stat.S_IMODE(side.stat().st_mode) & 0o077 == 0


def test_a_new_database_is_set_up_quickly_but_written_with_normal_sync(tmp_path: Path) -> None:
    """A new (or empty) file is set up without waiting for the disk; the rows written after it are not."""
    empty = tmp_path / "touched.db"
    empty.touch()
    for path in (tmp_path / "new.db", empty, tmp_path / "new.db"):  # new, an empty file, then that one reopened
        with Store.open(path) as store:
            assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            store.write(store.begin_capture(str(path), "ab" * 32, "pcap"), Batch(findings=[_finding(1)]))
            with store.detached():
                pass
            assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1
        with Store.open(path, readonly=True) as reader:
            assert [r["name"] for r in reader.rows("SELECT name FROM _migrations ORDER BY name")] == [
                name for name, _ in MIGRATIONS]


def test_findings_are_deduplicated_with_count_and_time_span(db_path: Path) -> None:
    with Store.open(db_path) as store:
        cid = store.begin_capture("a.pcap", "a" * 64, "pcap")
        store.write(cid, Batch(findings=[_finding(1, first_ts=5.0, last_ts=5.0)]))
        store.write(cid, Batch(findings=[_finding(1, first_ts=2.0, last_ts=2.0), _finding(1, first_ts=9.0, last_ts=9.0)]))
        store.finish_capture(cid, 10, 1.0, 9.0)
        rows = store.findings()
    assert len(rows) == 1
    assert (rows[0].count, rows[0].first_ts, rows[0].last_ts) == (3, 2.0, 9.0)


def test_destination_bytes_add_up_and_labels_are_kept(db_path: Path) -> None:
    key = {"host": "s.jpush.cn", "ip": "1.2.3.4", "port": 443, "transport": "tcp"}
    with Store.open(db_path) as store:
        cid = store.begin_capture("a.pcap", "b" * 64, "pcap")
        store.write(cid, Batch(destinations=[destination(**key, sdk="jpush", bytes_out=10, first_ts=5.0, last_ts=5.0)]))
        store.write(cid, Batch(destinations=[destination(**key, sdk="", bytes_out=7, first_ts=3.0, last_ts=8.0)]))
        store.finish_capture(cid, 1, 3.0, 8.0)
        (d,) = store.destinations()
    assert (d.sdk, d.bytes_out, d.first_ts, d.last_ts) == ("jpush", 17, 3.0, 8.0)


def test_destinations_repeated_in_one_batch_merge_as_in_separate_batches(db_path: Path) -> None:
    """Destinations go in multi-row upserts: a key twice in one statement, and another key between
    them, give what one batch per row gives."""
    key = {"host": "s.jpush.cn", "ip": "1.2.3.4", "port": 443, "transport": "tcp"}
    rows = [destination(**key, sdk="jpush", bytes_out=10, first_ts=5.0, last_ts=5.0),
            destination(**{**key, "host": "other.example"}, bytes_out=1),
            destination(**key, sdk="", bytes_out=7, first_ts=3.0, last_ts=8.0),
            destination(**key, sdk="bugly", bytes_out=1, first_ts=4.0, last_ts=4.0)]
    got = []
    for one_batch in (True, False):
        path = db_path.with_name(f"{one_batch}.db")
        with Store.open(path) as store:
            cid = store.begin_capture("a.pcap", "b" * 64, "pcap")
            for batch in [Batch(destinations=rows)] if one_batch else [Batch(destinations=[r]) for r in rows]:
                store.write(cid, batch)
            store.finish_capture(cid, 1, 3.0, 8.0)
            got.append(sorted((d.host, d.sdk, d.bytes_out, d.first_ts, d.last_ts)
                              for d in store.destinations()))
    assert got[0] == got[1] == [("other.example", "", 1, None, None), ("s.jpush.cn", "bugly", 18, 3.0, 8.0)]


def test_a_batch_of_many_findings_stores_what_one_batch_per_finding_stores(db_path: Path) -> None:
    """A batch's findings go into the table in one statement (more than one multi-row statement holds): repeats
    merge in order, ids, message links, counts, times and the search index are what row after row gives."""
    rng = random.Random(7)
    rows = [_finding(rng.randrange(60), first_ts=float(rng.randrange(100)), last_ts=float(rng.randrange(100, 200)),
                     message_id=rng.choice([None, 1, 2]), evidence=f"frame {i}")
            for i in range(3 * MAX_ROWS + 5)]
    got = []
    for one_batch in (True, False):
        with Store.open(db_path.with_name(f"{one_batch}.db")) as store:
            cid = store.begin_capture("a.pcap", "d" * 64, "pcap")
            msgs = [message(1, url="http://a.example/x"), message(2, url="http://b.example/y")]
            for batch in ([Batch(messages=msgs, findings=rows)] if one_batch
                          else [Batch(messages=msgs)] + [Batch(findings=[replace(r, message_id=None)]) for r in rows]):
                store.write(cid, batch)
            store.finish_capture(cid, 1, 0.0, 200.0)
            found = store.findings()
            got.append(([(f.id, f.value, f.count, f.first_ts, f.last_ts, f.evidence) for f in found],
                        [f.id for f in store.search_findings("0017", 100, ["value"])]))
            links = [f.message_id for f in found]
        if one_batch:
            assert {*links} <= {None, 1, 2} and links.count(None) < len(links)  # the batch's messages' ids
    assert got[0] == got[1]
    assert len(got[0][0]) == 60 and sum(r[2] for r in got[0][0]) == len(rows) and got[0][1]


def test_a_repeat_with_a_time_that_is_not_a_number_is_refused_as_a_single_row_is(db_path: Path) -> None:
    """A batch's repeats are folded before binding; a repeat whose time is NaN (bound as NULL) is not folded away:
    the batch is refused whole, as the row-by-row upsert refuses it."""
    nan = float("nan")
    with Store.open(db_path) as store:
        cid = store.begin_capture("a.pcap", "f" * 64, "pcap")
        for bad in ({"first_ts": nan}, {"last_ts": nan}):
            with pytest.raises(StoreError):
                store.write(cid, Batch(findings=[_finding(1), _finding(2), _finding(1, **bad)]))
            assert store.counts()["findings"] == 0
        store.write(cid, Batch(findings=[_finding(1), _finding(1, first_ts=900.0, count=2), _finding(1, last_ts=2000.0)]))
        store.finish_capture(cid, 1, 900.0, 2000.0)
        (row,) = store.findings()
    assert (row.count, row.first_ts, row.last_ts) == (4, 900.0, 2000.0)


def test_batches_of_any_size_reuse_a_few_statements(db_path: Path) -> None:
    """Memory stays flat over long captures: sqlite3 keeps up to 128 prepared statements, so a statement
    text per batch size (each batch a new one) grew SQLite's memory with every batch."""
    seen: set[int] = set()  # rows per INSERT statement (the trace shows the values bound in)
    with Store.open(db_path) as store:
        cid = store.begin_capture("a.pcap", "c" * 64, "pcap")
        store.conn.set_trace_callback(lambda sql: seen.add(sql.count("),(")) if sql.startswith("INSERT INTO dns")
                                     else None)
        for n in range(1, 200, 7):  # 29 batch sizes
            store.write(cid, Batch(dns=[{"ts": float(i), "client_ip": "10.0.0.2", "qname": "a.example", "rtype": "A",
                                         "name": "a.example", "value": "1.2.3.4", "ttl": 60} for i in range(n)]))
        store.finish_capture(cid, 1, 0.0, 1.0)
        assert store.conn.execute("SELECT COUNT(*) FROM dns").fetchone()[0] == sum(range(1, 200, 7))
    assert len(seen) <= MAX_ROWS.bit_length()  # MAX_ROWS and the halving powers of two below it


def test_unfinished_capture_is_hidden_and_replaced_on_restart(db_path: Path) -> None:
    with Store.open(db_path) as store:
        cid = store.begin_capture("a.pcap", "c" * 64, "pcap")
        store.write(cid, Batch(findings=[_finding(1)]))
        assert store.findings() == []  # readers never see a capture still being ingested
        cid2 = store.begin_capture("a.pcap", "c" * 64, "pcap")  # the rerun after a crash
        store.write(cid2, Batch(findings=[_finding(2)]))
        store.finish_capture(cid2, 1, 1.0, 2.0)
        assert [f.value for f in store.findings()] == [_finding(2).value]
        assert store.counts()["captures"] == 1


def test_a_failing_batch_leaves_nothing_half_written(db_path: Path) -> None:
    with Store.open(db_path) as store:
        cid = store.begin_capture("a.pcap", "d" * 64, "pcap")
        bad = Batch(findings=[_finding(1), _finding(2, evidence=None)])  # second row breaks a NOT NULL column
        with pytest.raises(StoreError):
            store.write(cid, bad)
        assert store.counts()["findings"] == 0


def test_disk_full_is_a_clear_error_and_keeps_the_database(db_path: Path) -> None:
    with Store.open(db_path) as store:
        cid = store.begin_capture("a.pcap", "e" * 64, "pcap")
        store.write(cid, Batch(findings=[_finding(0)]))
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the same error SQLite gives on a full disk
        big = Batch(messages=[message(1, "http", 1.0, request_body=os.urandom(200_000))])
        with pytest.raises(StoreError, match="disk full"):
            store.write(cid, big)
        assert store.counts()["findings"] == 1
        assert store.counts()["messages"] == 0


def test_bad_paths_give_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "missing-dir" / "x.db")
    not_db = tmp_path / "notes.db"
    not_db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store.open(not_db)
    with pytest.raises(StoreError, match="no such database"):
        Store.open(tmp_path / "absent.db", readonly=True)


def test_readonly_store_refuses_writes(db_path: Path) -> None:
    Store.open(db_path).close()
    with Store.open(db_path, readonly=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.add_consent(1.0)


def test_readers_poll_while_a_writer_inserts_thousands_of_rows_per_second(db_path: Path) -> None:
    """A live proxy writing while the TUI and `report` read: no 'database is locked', no lost rows."""
    writer = Store.open(db_path)
    cid = writer.begin_capture("live", "live:1", "live-proxy")
    writer.finish_capture(cid, 0, None, None, status="live")
    total = 6000
    errors: list[BaseException] = []
    seen: list[list[int]] = [[], [], []]
    stop = threading.Event()
    reading = [threading.Event() for _ in range(3)]

    def reader(mine: list[int], first: threading.Event) -> None:
        try:
            with Store.open(db_path, readonly=True) as ro:
                while not stop.is_set():
                    mine.append(len(ro.findings()))
                    first.set()
                    time.sleep(0.005)
        except (sqlite3.Error, StoreError) as exc:  # pragma: no cover - this is the failure we test for
            errors.append(exc)
        finally:
            first.set()

    threads = [threading.Thread(target=reader, args=(seen[i], reading[i])) for i in range(3)]
    for t in threads:
        t.start()
    for r in reading:  # every reader polls before the writer starts: on a busy machine one could start after it ended
        assert r.wait(60)
    for start in range(0, total, 200):
        writer.write(cid, Batch(findings=[_finding(i) for i in range(start, start + 200)]))
        time.sleep(0.01)  # ~20,000 rows/s in bursts of 200
    stop.set()
    for t in threads:
        t.join()
    assert errors == []
    for mine in seen:
        assert mine and mine == sorted(mine)  # each reader sees whole batches, monotonically
        assert all(n % 200 == 0 for n in mine)
    assert writer.counts()["findings"] == total
    writer.close()


def test_packed_reads_equal_plain_reads(db_path: Path) -> None:
    """The TUI's one-step JSON reads give back exactly what a row-by-row read gives: timestamps to the
    last bit, hostile strings unchanged, and captures still being ingested hidden."""
    rng = random.Random(7)
    stamps = [1767225600.057, 1767225600.0869999, 0.0, -5.25, 123.456789012345] + \
        [rng.uniform(1e9, 2e9) for _ in range(500)]
    odd = ["\x00nul", "quote\"'", "[red]x[/red]", "\u202eRTL", "\x1b[31m", "emoji \U0001f4f7", "a\\b", "tab\tnl\n"]
    with Store.open(db_path) as store:
        cid = store.begin_capture("x", "x:packed", "pcap")
        store.write(cid, Batch(findings=[finding(0, "imei", value=f"{odd[i % len(odd)]}{i}", first_ts=ts,
                                                 last_ts=ts + 1, host=odd[(i + 3) % len(odd)])
                                         for i, ts in enumerate(stamps)]))
        store.write(cid, Batch(destinations=[destination(host=odd[i], ip=f"192.0.2.{i}", first_ts=stamps[i],
                                                         last_ts=stamps[i] + 1, encrypted_no_key=i % 2 == 0)
                                             for i in range(len(odd))]))
        store.finish_capture(cid, 1, 1.0, 2.0)
        hidden = store.begin_capture("y", "y:packed", "pcap")
        store.write(hidden, Batch(findings=[finding(0, "mac", value="hidden", ts=1.0)]))
    with Store.open(db_path, readonly=True) as store:
        packed = store.findings_page(10_000)
        plain = store.rows("SELECT f.*, c.path AS capture FROM findings f JOIN captures c ON c.id = f.capture_id "
                           "WHERE c.status != 'ingesting' ORDER BY f.first_ts, f.id")
        assert len(packed) == len(stamps) and "hidden" not in {r.value for r in packed}
        for a, b in zip(packed, plain, strict=True):
            assert {k: getattr(a, "owner" if k == "device" else k) for k in b} == b  # the value's device: owner
        dests = store.rows("SELECT d.* FROM destinations d JOIN captures c ON c.id = d.capture_id "
                           "WHERE c.status != 'ingesting' ORDER BY d.first_ts, d.id")
        assert len(dests) == len(odd)
        assert [{k: getattr(d, k) for k in row} for d, row in zip(store.destinations(), dests, strict=True)] == dests
        newest = store.findings_page(10)
        assert [r.first_ts for r in newest] == sorted(stamps)[-10:]


DATA = Path(__file__).resolve().parent / "data" / "store"


def _old_database(tmp_path: Path) -> Path:
    import gzip

    db = tmp_path / "old.db"
    db.write_bytes(gzip.decompress((DATA / "main-0005.db.gz").read_bytes()))
    db.chmod(0o600)
    return db


def test_a_database_written_before_the_store_package_opens_and_upgrades(tmp_path: Path) -> None:
    from monitor.report.data import build_report

    db = _old_database(tmp_path)
    with Store.open(db, readonly=True) as old:  # a reader does not upgrade: it reads the old schema as it is
        before = build_report(old)
        assert [r.id for r in old.search_findings("jpush", 50, ("host",))] != []  # LIKE: no FTS index yet
    with Store.open(db) as store:
        assert store.migrate() == []  # opening applied the new steps
        names = [r["name"] for r in store.rows("SELECT name FROM _migrations WHERE migration_set = 'privmon' "
                                               "ORDER BY id")]
        assert names == [name for name, _ in MIGRATIONS]  # the old record kept, the new steps after it
        assert build_report(store) == before  # every row kept, read the same way
        hits = store.search_findings("secuhome", 50, ("value", "location", "host"))
        assert {r.host for r in hits} == {"api.secuhome.example"} and len(hits) == 5
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    with Store.open(db) as again:  # and a second open finds nothing to do
        assert again.migrate() == []


_WRITER = """
import sys
from monitor.store import Batch, Store
from monitor.testing.records import finding, message
path, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with Store.open(path) as store:
    cid = store.begin_capture(name, name * 8, "pcap")
    for i in range(n):  # each value twice (the upsert), and a few values every writer shares
        rows = [finding(0, "imei", value=f"{name}-value-{i:05d}", host=f"{name}.example", location="query:x",
                        ts=float(i)) for _ in range(2)]
        rows.append(finding(0, "imei", value=f"shared-{i % 7}", host="shared.example", location="json:$.id",
                            ts=float(i)))
        store.write(cid, Batch(findings=rows, messages=[message(1, "http", float(i), url=f"http://{name}.example/p?q={i}"),
                                                        message(2, "tls", float(i))]))
    store.finish_capture(cid, n, 0.0, float(n))
"""


def test_search_index_stays_in_step_with_concurrent_writers(db_path: Path) -> None:
    """Three processes write one new file at once (upserts included), then a capture is deleted: what
    the FTS5 index finds is exactly what a scan of the table finds, row for row."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(db_path), name, "150"], env=env, cwd=root)
             for name in ("alpha", "bravo", "charlie")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    with Store.open(db_path) as store:
        gone = store.capture_by_sha("bravo" * 8)
        assert gone is not None
        store.delete_capture(int(gone["id"]))
        for needle in ("alpha-value-0014", "bravo", "charlie.example", "shared-3", "value-0009", "query"):
            fts = {r[0] for r in store.conn.execute("SELECT rowid FROM findings_fts WHERE findings_fts MATCH ?",
                                                     ('"' + needle + '"',))}
            scan = {r["id"] for r in store.rows("SELECT id FROM findings WHERE value LIKE ? OR location LIKE ? "
                                                "OR host LIKE ?", [f"%{needle}%"] * 3)}
            assert fts == scan, needle
            assert fts or needle == "bravo"
        urls = {r[0] for r in store.conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'charlie'")}
        assert len(urls) == 150
        assert store.counts()["findings"] == 2 * (150 + 7)  # the upserts counted, not indexed twice
        for table in ("findings_fts", "messages_fts"):
            store.conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
        assert store.rows("SELECT COUNT(*) AS n FROM messages_fts_docsize")[0]["n"] == 300  # URLs only


def test_the_search_index_is_what_sqlite_utils_and_datasette_look_for(db_path: Path) -> None:
    """A reviewer's `sqlite-utils search lab.db findings ...` (and Datasette) finds the index by itself."""
    import sqlite_utils

    with Store.open(db_path) as store:
        cid = store.begin_capture("a.pcap", "f" * 64, "pcap")
        store.write(cid, Batch(findings=[_finding(1), _finding(2, host="mi.gdt.qq.com")]))
        store.finish_capture(cid, 2, 1.0, 2.0)
    db = sqlite_utils.Database(db_path)
    assert db["findings"].detect_fts() == "findings_fts"
    assert db["messages"].detect_fts() == "messages_fts"
    assert [r["host"] for r in db["findings"].search("gdt.qq", quote=True)] == ["mi.gdt.qq.com"]
    db.close()


def test_upgrading_a_database_loads_sqlite_utils_without_numpy_and_numpy_still_imports(tmp_path: Path) -> None:
    """sqlite-utils imports numpy and pandas when installed (~0.2 s, ~12 MB per upgraded database): kept out,
    and only for that import (the Parquet export imports pyarrow, which needs numpy). A new file does not
    import sqlite-utils at all."""
    import subprocess
    import sys

    pytest.importorskip("numpy")
    code = ("import sys\nfrom monitor.store import Store\nStore.open(sys.argv[2]).close()\n"
            "assert 'sqlite_utils' not in sys.modules\nStore.open(sys.argv[1]).close()\n"
            "assert 'sqlite_utils' in sys.modules and 'numpy' not in sys.modules\n"
            "import numpy\nprint(numpy.zeros(2).sum())")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code, str(_old_database(tmp_path)), str(tmp_path / "new.db")],
                         capture_output=True, text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "0.0"


def _schema(path: Path) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    conn = sqlite3.connect(path)
    try:
        master = [tuple(r) for r in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid")]
        record = [tuple(r) for r in conn.execute("SELECT id, migration_set, name, length(applied_at), "
                                                 "substr(applied_at, -6) FROM _migrations ORDER BY id")]
    finally:
        conn.close()
    return master, record


def test_a_new_file_is_set_up_as_sqlite_utils_sets_it_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new database is created without sqlite-utils: the same tables, indexes, search index and triggers,
    statement text for statement text, and the same record of applied steps."""
    from monitor.store import schema

    with Store.open(tmp_path / "plain.db") as store:
        cid = store.begin_capture("a.pcap", "f" * 64, "pcap")
        store.write(cid, Batch(findings=[_finding(1)], messages=[message(1, "http", 1.0, url="http://a.example/x")]))
        store.finish_capture(cid, 1, 1.0, 1.0)
        assert [r.host for r in store.search_findings("example.cn", 50, ("host",))] == ["api.example.cn"]
    monkeypatch.setattr(schema, "_empty", lambda conn: False)  # the way every step ran before: sqlite-utils
    Store.open(tmp_path / "migrated.db").close()
    plain, migrated = _schema(tmp_path / "plain.db"), _schema(tmp_path / "migrated.db")
    assert plain == migrated
    assert len(plain[0]) > 20 and [r[2] for r in plain[1]] == [name for name, _ in MIGRATIONS]
    assert plain[1][0][3:] == (32, "+00:00")  # '2026-12-03 17:00:51.576936+00:00', as sqlite-utils writes it


def test_every_kind_of_message_reads_back_as_written(db_path: Path) -> None:
    """The messages table keeps some fields in shared columns (a datagram's direction in `url`, its P2P
    message in `method`); what the store gives back is the record it was given, field for field."""
    sent = [
        message(1, "http", 1.5, method="POST", url="http://api.example.cn/v1?imei=1", status=200,
                request_headers=(("Host", "api.example.cn"), ("X-Id", "a b")), request_body=b"\x00{}",
                response_headers=(("Content-Type", "application/json"),), response_body=b'{"ok":1}',
                body_truncated=True, evidence="frames 3-4", device="phone", sdk="jpush"),
        message(2, "http", 1.6, method="GET", url="http://x.example/", error="timeout", evidence="har entry 2"),
        message(3, "tls", 2.25, protocol="tls", server_port=443, host="t.example", alpn=("h2", "http/1.1"),
                error="content not seen: the client rejected the proxy's certificate", sdk="umeng"),
        message(4, "quic", 2.5, transport="udp", protocol="quic", host="q.example", alpn=("h3",)),
        message(5, "datagram", 3.0, transport="udp", protocol="pppp", payload=b"\xf1\x41\x00\x14",
                direction="in", p2p_message="PunchPkt", evidence="frame 9"),
        message(6, "stream", 3.5, protocol="tcp", payload=b"HELLO", direction="out"),
        message(7, "websocket", 4.0, protocol="websocket", url="wss://push.example/ws", payload=b'{"cid":"x"}',
                websocket_frame="text", body_truncated=True),
    ]
    with Store.open(db_path) as store:
        cid = store.begin_capture("m.pcap", "m" * 64, "pcap")
        ids = store.write(cid, Batch(messages=sent))
        store.finish_capture(cid, 7, 1.0, 4.0)
    with Store.open(db_path, readonly=True) as store:
        for m in sent:
            assert store.message(ids[m.id]) == replace(m, id=ids[m.id]), m.kind


def test_a_finding_reads_back_with_the_url_direction_and_transport_the_engine_gave_it(db_path: Path) -> None:
    """The engine fills a finding's message facts as it classifies; the store derives them again from the
    message row when it reads: both ways give the same values (an HTTP URL; a datagram's way and where)."""
    import itertools

    from monitor.engine import Engine, EngineContext
    from monitor.model import Datagram, Endpoint, HttpExchange
    from monitor.rules.load import load_rules

    ids = itertools.count(1)
    engine = Engine(EngineContext(load_rules()), lambda: next(ids))
    phone, server = Endpoint("10.0.0.2", 40000), Endpoint("192.0.2.9", 8080)
    engine.process(HttpExchange(1.0, phone, server, "GET", "api.example.cn", "/r?imei=356938035643809"))
    engine.process(Datagram(2.0, phone, Endpoint("192.0.2.10", 32100), "udp", b"imei=356938035643809&x=1", False))
    batch = engine.take_batch(final=True)
    made = {(f.host or f.ip): (f.url, f.direction, f.transport) for f in batch.findings}
    assert made == {"api.example.cn": ("http://api.example.cn:8080/r?imei=356938035643809", "out", "tcp"),
                    "192.0.2.10": ("udp://192.0.2.10:32100", "in", "udp")}
    with Store.open(db_path) as store:
        cid = store.begin_capture("e.pcap", "e" * 63 + "f", "pcap")
        store.write(cid, batch)
        store.finish_capture(cid, 2, 1.0, 2.0)
        read = {(f.host or f.ip): (f.url, f.direction, f.transport) for f in store.findings()}
    assert read == made


def _every_kind(i: int) -> list[Any]:
    """One message of each kind (ids i..i+6): URLs in the HTTP and WebSocket ones, ALPN lists and directions in
    the others' `url` column."""
    return [
        message(i, "http", 1.0 + i, method="GET", url=f"http://api.example.cn/v1/ping?n={i}", status=200),
        message(i + 1, "tls", 2.0 + i, protocol="tls", server_port=443, host="t.example", alpn=("h2", "http/1.1")),
        message(i + 2, "quic", 2.5 + i, transport="udp", protocol="quic", host="q.example", alpn=("h3",)),
        message(i + 3, "datagram", 3.0 + i, transport="udp", protocol="pppp", payload=b"\xf1\x41", direction="in"),
        message(i + 4, "stream", 3.5 + i, protocol="tcp", payload=b"HELLO", direction="out"),
        message(i + 5, "websocket", 4.0 + i, protocol="websocket", url=f"wss://push.example/ws{i}", payload=b"{}",
                websocket_frame="text"),
        message(i + 6, "tls", 5.0 + i, protocol="tls", server_port=443, host="bare.example"),  # no ALPN: no url
    ]


def _urls_indexed(store: Store) -> list[tuple[str, str]]:
    # the index's own rows (a plain SELECT from an external-content FTS5 table reads the messages table instead)
    return [(r["kind"], r["url"]) for r in store.rows(
        "SELECT m.kind, m.url FROM messages_fts_docsize d JOIN messages m ON m.id = d.id ORDER BY m.id")]


def _words(store: Store, word: str) -> set[str]:
    return {r[0] for r in store.conn.execute(
        "SELECT m.kind FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid WHERE messages_fts MATCH ?",
        (word,))}


def test_a_database_made_before_0007_keeps_every_row_and_indexes_urls_only(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A database made by main's schema (the steps up to 0006, as a new file is set up) with messages of every kind:
    opening it applies 0007 (through sqlite-utils, as for any existing file); every row stays, and the messages'
    search index then holds the URLs of HTTP and WebSocket messages only, also for rows written afterwards."""
    from monitor.store import schema

    db = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", MIGRATIONS[:6])
        with Store.open(db) as old:
            assert [r["name"] for r in old.rows("SELECT name FROM _migrations ORDER BY id")][-1] == "0006_search"
            cid = old.begin_capture("a.pcap", "a" * 64, "pcap")
            ids = old.write(cid, Batch(messages=_every_kind(1), findings=[_finding(1, message_id=1)]))
            old.finish_capture(cid, 7, 1.0, 9.0)
            assert _words(old, "h2") == {"tls"} and _words(old, "out") == {"stream"}  # what 0007 fixes
            before = {k: old.rows(f"SELECT * FROM {k} ORDER BY id") for k in ("captures", "messages", "findings")}
            read_before = [old.message(ids[i]) for i in range(1, 8)]
    with Store.open(db) as store:
        names = [r["name"] for r in store.rows("SELECT name FROM _migrations WHERE migration_set = 'privmon' "
                                               "ORDER BY id")]
        assert names == [name for name, _ in MIGRATIONS] and "0007_search_urls_only" in names
        assert {k: store.rows(f"SELECT * FROM {k} ORDER BY id") for k in before} == before  # every row kept
        assert [store.message(ids[i]) for i in range(1, 8)] == read_before
        assert _urls_indexed(store) == [("http", "http://api.example.cn/v1/ping?n=1"), ("websocket", "wss://push.example/ws1")]
        assert _words(store, "h2") == set() and _words(store, "out") == set() and _words(store, "ping") == {"http"}
        cid = store.begin_capture("b.pcap", "b" * 64, "pcap")  # new rows: the triggers hold the same rule
        store.write(cid, Batch(messages=_every_kind(10)))
        store.finish_capture(cid, 7, 1.0, 9.0)
        assert [k for k, _ in _urls_indexed(store)] == ["http", "websocket"] * 2
        store.delete_capture(cid)  # and deleting removes exactly what was indexed
        store.conn.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")
        assert len(_urls_indexed(store)) == 2
    with Store.open(db) as again:
        assert again.migrate() == []


def test_a_new_database_indexes_urls_only(db_path: Path) -> None:
    with Store.open(db_path) as store:
        cid = store.begin_capture("a.pcap", "a" * 64, "pcap")
        store.write(cid, Batch(messages=_every_kind(1)))
        store.finish_capture(cid, 7, 1.0, 9.0)
        assert [k for k, _ in _urls_indexed(store)] == ["http", "websocket"]
        store.conn.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")


def _fts_matches_scan(store: Store) -> None:
    """Both search indexes are whole (FTS5's own check) and hold exactly the rows of visible captures."""
    for table in ("findings_fts", "messages_fts"):
        store.conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    visible = "capture_id IN (SELECT id FROM captures WHERE status != 'ingesting')"
    assert [r[0] for r in store.conn.execute("SELECT id FROM findings_fts_docsize ORDER BY id")] == \
        [r[0] for r in store.conn.execute(f"SELECT id FROM findings WHERE {visible} ORDER BY id")]
    assert [r[0] for r in store.conn.execute("SELECT id FROM messages_fts_docsize ORDER BY id")] == \
        [r[0] for r in store.conn.execute(f"SELECT id FROM messages WHERE {visible} AND url != '' AND "
                                          "kind IN ('http', 'websocket') ORDER BY id")]


def _matched(store: Store, needle: str) -> set[int]:
    return {r[0] for r in store.conn.execute("SELECT rowid FROM findings_fts WHERE findings_fts MATCH ?",
                                             ('"' + needle + '"',))}


def test_a_capture_is_searchable_as_soon_as_analyze_completes_it(db_path: Path) -> None:
    """analyze's rows join the search index in the transaction that makes the capture visible (schema 0008):
    before it no reader shows them (the capture is 'ingesting'), after it the TUI's `/`, sqlite-utils search
    and Datasette find every one of them, and the index holds each row once."""
    rows = [_finding(i, location=f"json:$.events[{i}].device.id") for i in range(3 * MAX_ROWS + 5)]  # > a statement
    msgs = [message(i, "http", float(i), url=f"http://api.example.cn/v1/report?seq={i}") for i in range(1, 300)]
    with Store.open(db_path) as store:
        cid = store.begin_capture("a.pcap", "a" * 64, "pcap")
        store.write(cid, Batch(messages=msgs[:150], findings=rows[:200]))
        store.write(cid, Batch(messages=msgs[150:], findings=rows[200:]))
        assert _matched(store, "events[17]") == set()  # not indexed (and hidden) while it is being ingested
        _fts_matches_scan(store)
        store.finish_capture(cid, 2, 1.0, 2.0)
        _fts_matches_scan(store)
        assert [f.location for f in store.search_findings("events[17]", 50, ("location",))] == \
            ["json:$.events[17].device.id"]
        assert len(store.search_findings("9380356", 1000, ("value",))) == len(rows)
        assert len(store.conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'report'").fetchall()) \
            == len(msgs)


def test_a_live_writers_rows_are_searchable_as_they_are_written(db_path: Path, tmp_path: Path) -> None:
    """A proxy or sniffer session is visible ('live') before its first row: each batch is in the search index
    when it is committed, also when another process analyzes a capture into the same file meanwhile."""
    with Store.open(db_path) as live, Store.open(db_path) as other:
        cid = live.begin_capture("proxy", "proxy:1", "mitm")
        live.finish_capture(cid, 0, None, None, status="live")  # as monitor/live/recorder.py starts a session
        busy = other.begin_capture("b.pcap", "b" * 64, "pcap")
        other.write(busy, Batch(findings=[_finding(i, host="b.example") for i in range(MAX_ROWS + 1)]))
        live.write(cid, Batch(findings=[_finding(i, host="live.example") for i in range(MAX_ROWS + 1)],
                              messages=[message(1, "http", 1.0, url="http://live.example/ping")]))
        with Store.open(db_path, readonly=True) as reader:  # a TUI polling meanwhile
            assert len(reader.search_findings("live.exam", 1000, ("host",))) == MAX_ROWS + 1
            assert reader.search_findings("b.exam", 1000, ("host",)) == []
        assert len(_matched(live, "live.exam")) == MAX_ROWS + 1 and not _matched(live, "b.exam")
        _fts_matches_scan(live)
        other.finish_capture(busy, 1, 1.0, 2.0)
        live.write(cid, Batch(findings=[_finding(1, host="live.example")]))  # a repeat: counted, not re-indexed
        live.finish_capture(cid, 2, 1.0, 2.0, status="complete")  # the session ends: nothing indexed twice
        assert len(_matched(live, "live.exam")) == MAX_ROWS + 1 and len(_matched(live, "b.exam")) == MAX_ROWS + 1
        _fts_matches_scan(live)


def test_the_search_index_stays_whole_through_crashes_reruns_deletes_and_status_changes(db_path: Path) -> None:
    """An analyze that died partway leaves rows no index holds; the rerun deletes them, a deleted capture leaves
    nothing behind, and a status set by hand (or by another tool) moves the rows in or out of the index."""
    with Store.open(db_path) as store:
        done = store.begin_capture("a.pcap", "a" * 64, "pcap")
        store.write(done, Batch(findings=[_finding(i, host="a.example") for i in range(40)]))
        store.finish_capture(done, 1, 1.0, 2.0)
        died = store.begin_capture("b.pcap", "b" * 64, "pcap")
        store.write(died, Batch(findings=[_finding(i, host="b.example") for i in range(40)],
                                messages=[message(1, "http", 1.0, url="http://b.example/x")]))
    with Store.open(db_path) as store:  # the next run
        _fts_matches_scan(store)
        rerun = store.begin_capture("b.pcap", "b" * 64, "pcap")
        store.write(rerun, Batch(findings=[_finding(i, host="b.example") for i in range(30)]))
        store.finish_capture(rerun, 1, 1.0, 2.0)
        assert len(_matched(store, "b.exam")) == 30
        _fts_matches_scan(store)
        store.delete_capture(done)
        assert _matched(store, "a.exam") == set()
        _fts_matches_scan(store)
        with store._tx():
            store.conn.execute("UPDATE captures SET status = 'ingesting' WHERE id = ?", (rerun,))
        assert _matched(store, "b.exam") == set()
        _fts_matches_scan(store)
        with store._tx():
            store.conn.execute("UPDATE captures SET status = 'complete' WHERE id = ?", (rerun,))
        assert len(_matched(store, "b.exam")) == 30
        _fts_matches_scan(store)


def test_a_database_made_before_0008_loses_only_the_index_rows_of_unfinished_captures(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """0007's triggers indexed every row as it was written, an interrupted analyze's too; 0008 takes those out
    (they are hidden and replaced by the next run) and keeps the rest, and the rerun leaves the index whole."""
    from monitor.store import schema

    db = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", MIGRATIONS[:7])
        with Store.open(db) as old:
            cid = old.begin_capture("a.pcap", "a" * 64, "pcap")
            old.write(cid, Batch(findings=[_finding(i, host="a.example") for i in range(20)], messages=_every_kind(1)))
            old.finish_capture(cid, 7, 1.0, 9.0)
            died = old.begin_capture("b.pcap", "b" * 64, "pcap")
            old.write(died, Batch(findings=[_finding(i, host="b.example") for i in range(20)],
                                  messages=_every_kind(10)))
            assert len(_matched(old, "b.exam")) == 20  # what 0008 takes out
    with Store.open(db) as store:
        names = [r["name"] for r in store.rows("SELECT name FROM _migrations ORDER BY id")]
        assert names[7:] == [name for name, _ in MIGRATIONS[7:]] and names[7] == "0008_search_visible_captures"
        assert len(_matched(store, "a.exam")) == 20 and _matched(store, "b.exam") == set()
        assert [k for k, _ in _urls_indexed(store)] == ["http", "websocket"]
        _fts_matches_scan(store)
        rerun = store.begin_capture("b.pcap", "b" * 64, "pcap")
        store.write(rerun, Batch(findings=[_finding(i, host="b.example") for i in range(20)], messages=_every_kind(10)))
        store.finish_capture(rerun, 7, 1.0, 9.0)
        assert len(_matched(store, "b.exam")) == 20
        _fts_matches_scan(store)


def test_search_finds_what_analyze_found(tmp_path: Path) -> None:
    """End to end: every finding `privmon analyze` stores on the demo captures is found by a search for its
    value (the TUI's `/` before its own index is built: SQL over the trigram index)."""
    from click.testing import CliRunner

    from monitor.cli import cli

    db = tmp_path / "demo.db"
    root = Path(__file__).resolve().parent.parent
    assert CliRunner().invoke(cli, ["analyze", str(root / "monitor" / "demo"), "--db", str(db), "-q"]).exit_code == 0
    with Store.open(db) as store:
        found = store.findings()
        assert len(found) > 10
        for f in found:
            if len(f.value) >= 3:
                assert f.id in {g.id for g in store.search_findings(f.value, 10_000, ("value",))}, f.value
        _fts_matches_scan(store)


def test_a_database_made_before_0009_keeps_its_index_and_its_writers_index_new_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """0009 drops the rows' INSERT triggers (the writer indexes a visible capture's batch itself): a file made
    before it keeps what its index holds, and a live session that goes on writing after the upgrade is searchable
    batch by batch, without any row indexed twice."""
    from monitor.store import schema

    db = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", MIGRATIONS[:8])
        with Store.open(db) as old:
            cid = old.begin_capture("proxy", "proxy:1", "mitm")
            old.finish_capture(cid, 0, None, None, status="live")
            old.write(cid, Batch(findings=[_finding(i, host="live.example") for i in range(10)],
                                 messages=[message(1, "http", 1.0, url="http://live.example/first")]))
            assert {r[0] for r in old.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")} >= \
                {"findings_ai", "messages_ai"}
    with Store.open(db) as store:
        triggers = {r[0]: r[1] for r in store.conn.execute("SELECT name, tbl_name FROM sqlite_master "
                                                            "WHERE type = 'trigger'")}
        assert "findings_ai" not in triggers and "messages_ai" not in triggers
        assert {"findings_au", "findings_ad", "messages_au", "messages_ad"} <= set(triggers)
        assert len(_matched(store, "live.exam")) == 10
        store.write(cid, Batch(findings=[_finding(i, host="live.example") for i in range(5, 15)],
                               messages=[message(1, "http", 2.0, url="http://live.example/second")]))
        assert len(_matched(store, "live.exam")) == 15  # five repeats counted, not indexed again
        assert len(store.conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'second'").fetchall()) \
            == 1
        _fts_matches_scan(store)


def test_rows_written_to_another_writers_unfinished_capture_wait_for_it_to_turn_visible(db_path: Path) -> None:
    """A writer indexes a batch of a capture it did not begin only if that capture is visible: another writer's
    capture still being ingested is indexed once, when it completes."""
    with Store.open(db_path) as first, Store.open(db_path) as second:
        busy = first.begin_capture("b.pcap", "b" * 64, "pcap")
        second.write(busy, Batch(findings=[_finding(i, host="b.example") for i in range(12)],
                                 messages=[message(1, "http", 1.0, url="http://b.example/x")]))
        assert _matched(second, "b.exam") == set()
        _fts_matches_scan(second)
        first.finish_capture(busy, 1, 1.0, 2.0)
        assert len(_matched(second, "b.exam")) == 12
        second.write(busy, Batch(findings=[_finding(i, host="b.example") for i in range(12, 14)]))
        assert len(_matched(second, "b.exam")) == 14
        _fts_matches_scan(second)


def _big_batch(i: int) -> Batch:
    return Batch(messages=[message(k, ts=float(k), host=f"h{i}-{k}.example", evidence="x" * 400) for k in range(1, 200)],
                 findings=[_finding(j) for j in range(i * 50, i * 50 + 50)])


def test_background_checkpoints_copy_the_wal_back_outside_the_writers_commits(db_path: Path) -> None:
    with Store.open(db_path) as store:
        cid = store.begin_capture("big.pcap", "cd" * 32, "pcap")
        with store.background_checkpoints():
            # the writer's own commits no longer checkpoint ...
            assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
            size_before = db_path.stat().st_size
            for i in range(12):
                store.write(cid, _big_batch(i))
            ck = store.checkpointer
            assert ck is not None
            # ... the thread does: the database file itself grows while the writer goes on (give it a moment)
            deadline = time.monotonic() + 10
            while db_path.stat().st_size <= size_before and time.monotonic() < deadline:
                time.sleep(0.05)
            assert db_path.stat().st_size > size_before
        # after the block the writer checkpoints in its commits again, and the thread is gone
        assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
        assert store.checkpointer is None
        assert not [t for t in threading.enumerate() if t.name == "privmon-checkpoint"]
        store.finish_capture(cid, 1, 0.0, 1.0, [], {})
    with Store.open(db_path, readonly=True) as ro:
        assert ro.conn.execute("SELECT count(*) FROM findings").fetchone()[0] == 12 * 50


def test_a_checkpoint_thread_that_fails_hands_checkpoints_back_to_the_commits(db_path: Path) -> None:
    with Store.open(db_path) as store:
        cid = store.begin_capture("big.pcap", "ef" * 32, "pcap")
        with store.background_checkpoints():
            ck = store.checkpointer
            assert ck is not None
            ck._conn.close()  # the thread's connection is gone: its next checkpoint fails
            for i in range(ck.EVERY):
                store.write(cid, _big_batch(i))
            ck._thread.join(timeout=10)
            assert ck.failed
            store.write(cid, _big_batch(99))  # nothing is lost, and this commit turned automatic checkpoints on again
            assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
            assert store.checkpointer is None
        assert store.conn.execute("SELECT count(*) FROM findings").fetchone()[0] == (ck.EVERY + 1) * 50
