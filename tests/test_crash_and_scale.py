"""kill -9 in the middle of analyze, parallel jobs (workers writing their own batches), the Dask backend, export."""

from __future__ import annotations

import contextlib
import csv
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile.make_hostile import pcap_header, record, tcp_frame, udp_frame

from monitor.store import Store

ROOT = Path(__file__).resolve().parent.parent


def write_capture(path: Path, n_udp: int, seed: int = 0, new_flows_every: int = 0) -> None:
    """A capture with n_udp P2P-style datagrams and an HTTP request carrying an IMEI every 500 packets.

    The datagrams go to 7 ports; with new_flows_every, to 7 new ports every that many packets (conversations short
    enough that each datagram stays a message: past model.DATAGRAMS_PER_FLOW one conversation is only counted)."""
    with path.open("wb") as fh:
        fh.write(pcap_header())
        seq = 1000
        for i in range(n_udp):
            ts = 1_700_000_000 + seed * 100_000 + i // 100
            if i % 500 == 0:
                req = (f"GET /v1/ping?imei=356938035643809&n={i} HTTP/1.1\r\nHost: api{seed}.example.cn\r\n\r\n").encode()
                fh.write(record(ts, tcp_frame(req, seq, sport=40000 + (i // 500) % 20000)))
            payload = bytes([0xF1, 0xD0, 0x00, 0x10]) + i.to_bytes(4, "big") + b"\x00" * 12
            fh.write(record(ts, udp_frame(payload, sport=40000 + seed,
                                             dport=32100 + (i % 7) + (7 * (i // new_flows_every) if new_flows_every else 0))))


def _count(db: Path, sql: str) -> int | None:
    """A count read from the database while a writer works on it (None while it cannot be read yet)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute(sql).fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _analyze(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor", "analyze", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def _kill_9_mid_batch(db: Path, args: list[str], committed: str) -> None:
    """Run `privmon analyze ARGS`, wait until `committed` counts a row (a batch is in), then kill it without warning.

    The process is stopped (SIGSTOP) while it is looked at: the kill finds it where the look did, still ingesting,
    however fast the machine (a look followed by a kill let a fast analyze finish in between, and the test skipped)."""
    proc = subprocess.Popen([sys.executable, "-m", "monitor", "analyze", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    killed = False
    while time.monotonic() < deadline and proc.poll() is None and not killed:
        time.sleep(0.05)
        if not _count(db, committed):
            continue
        os.kill(proc.pid, signal.SIGSTOP)
        if proc.poll() is None and _count(db, "SELECT COUNT(*) FROM captures WHERE status = 'ingesting'") == 1:
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
        else:
            os.kill(proc.pid, signal.SIGCONT)
    if not killed:
        proc.kill()
        proc.wait()
        pytest.skip("analyze finished before it could be killed (machine too fast for this capture)")
    assert proc.wait() == -signal.SIGKILL


def test_kill_9_mid_analyze_leaves_a_consistent_db_and_rerun_completes(tmp_path: Path) -> None:
    cap = tmp_path / "big.pcap"
    # ~2,000 datagrams per conversation: many batches to kill in (600,000: at 300,000 a faster analyze could finish
    # within the poll after its first batch, and the kill then came after the capture was complete)
    n_udp = 600_000
    write_capture(cap, n_udp, new_flows_every=14_000)
    db = tmp_path / "lab.db"
    _kill_9_mid_batch(db, [str(cap), "--db", str(db), "-q"], "SELECT COUNT(*) FROM messages")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    status = conn.execute("SELECT status FROM captures").fetchall()
    assert status == [("ingesting",)]
    conn.close()
    with Store.open(db, readonly=True) as store:
        assert store.findings() == [] and store.captures() == []  # readers see no half capture
    out = _analyze(str(cap), "--db", str(db), "-q")
    assert out.returncode == 0, out.stderr
    with Store.open(db, readonly=True) as store:
        (c,) = store.captures()
        assert c["status"] == "complete" and c["packets"] == n_udp + n_udp // 500
        ids = store.rows("SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM messages")[0]
        assert ids["n"] == ids["d"]
        http = store.rows("SELECT COUNT(*) AS n FROM messages WHERE kind = 'http'")[0]["n"]
        assert http == n_udp // 500  # every request exactly once
    again = _analyze(str(cap), "--db", str(db), "-q")
    assert again.returncode == 0
    with Store.open(db, readonly=True) as store:
        assert store.rows("SELECT COUNT(*) AS n FROM messages WHERE kind = 'http'")[0]["n"] == n_udp // 500


def test_kill_9_mid_forced_rerun_keeps_the_stored_capture(tmp_path: Path) -> None:
    # analyze --force reads a stored capture again: until the new reading is finished, the old one stays whole and
    # visible, so a forced run killed partway loses nothing (it used to delete the stored capture first)
    cap = tmp_path / "big.pcap"
    n_udp = 600_000
    write_capture(cap, n_udp, new_flows_every=14_000)
    db = tmp_path / "lab.db"
    assert _analyze(str(cap), "--db", str(db), "-q").returncode == 0
    with Store.open(db, readonly=True) as store:
        before = store.captures()
        findings = len(store.findings())
    assert [c["status"] for c in before] == ["complete"] and findings
    _kill_9_mid_batch(db, [str(cap), "--db", str(db), "-q", "--force"],
                      "SELECT COUNT(*) FROM messages WHERE capture_id IN (SELECT id FROM captures WHERE status = 'ingesting')")
    with Store.open(db, readonly=True) as store:  # the stored reading, as it was
        assert store.captures() == before and len(store.findings()) == findings
    again = _analyze(str(cap), "--db", str(db), "-q")
    assert again.returncode == 0 and "already" not in again.stderr
    forced = _analyze(str(cap), "--db", str(db), "-q", "--force")
    assert forced.returncode == 0, forced.stderr
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT sha256, status FROM captures").fetchall()
    conn.close()
    assert rows == [(before[0]["sha256"], "complete")]  # the new reading replaced the old one and the leftover
    with Store.open(db, readonly=True) as store:
        assert len(store.findings()) == findings
        assert store.rows("SELECT COUNT(*) AS n FROM messages WHERE kind = 'http'")[0]["n"] == n_udp // 500


def _db_digest(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT c.sha256, d.host, d.ip, d.port, d.transport, d.bytes_out, d.bytes_in, d.packets "
                        "FROM destinations d JOIN captures c ON c.id = d.capture_id ORDER BY 1,2,3,4,5").fetchall()
    rows += conn.execute("SELECT c.sha256, m.kind, m.url, m.evidence, m.request_body FROM messages m JOIN captures c "
                         "ON c.id = m.capture_id ORDER BY 1,2,3,4").fetchall()
    rows += conn.execute("SELECT c.sha256, f.type, f.value, f.location, f.transform, f.count, f.first_ts, f.last_ts "
                         "FROM findings f JOIN captures c ON c.id = f.capture_id ORDER BY 1,2,3,4,5").fetchall()
    conn.close()
    return rows


def test_jobs_2_gives_the_same_database_content_as_jobs_1(tmp_path: Path) -> None:
    for i in range(4):
        write_capture(tmp_path / f"c{i}.pcap", 3000, seed=i)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert _analyze(str(tmp_path), "--db", str(one), "-q").returncode == 0
    out = _analyze(str(tmp_path), "--db", str(two), "-q", "--jobs", "2")
    assert out.returncode == 0, out.stderr
    assert _db_digest(one) == _db_digest(two)
    assert len({r[0] for r in _db_digest(two)}) == 4
    assert [r[5] for r in _db_digest(two) if r[1] == "imei"] == [6] * 4  # per capture one row: 6 requests


def test_jobs_2_stores_every_batch_of_every_capture_once(tmp_path: Path) -> None:
    # every datagram its own conversation: a message and a destination row each, ~10,000 rows per capture, so each
    # capture is several batches, written by the worker that read it; a batch lost or stored twice changes a count
    from monitor.ingest import BATCH_ROWS

    n = 5000
    assert 2 * n > 2 * BATCH_ROWS  # at least three batches per capture
    for i in range(4):
        write_capture(tmp_path / f"c{i}.pcap", n, seed=i, new_flows_every=7)
    db = tmp_path / "two.db"
    out = _analyze(str(tmp_path), "--db", str(db), "-q", "--jobs", "2")
    assert out.returncode == 0, out.stderr
    conn = sqlite3.connect(db)
    caps = conn.execute("SELECT id, status, packets FROM captures ORDER BY id").fetchall()
    assert [(s, p) for _, s, p in caps] == [("complete", n + n // 500)] * 4
    for cid, _, _ in caps:
        kinds = dict(conn.execute("SELECT kind, COUNT(*) FROM messages WHERE capture_id = ? GROUP BY kind", (cid,)))
        assert kinds == {"datagram": n, "http": n // 500}
        distinct = conn.execute("SELECT COUNT(DISTINCT request_body) FROM messages WHERE capture_id = ? AND "
                                "kind = 'datagram'", (cid,)).fetchone()[0]
        assert distinct == n  # each datagram's payload (its sequence number) once
        assert conn.execute("SELECT COUNT(*) FROM destinations WHERE capture_id = ?", (cid,)).fetchone()[0] == n + 1
        (imei,) = conn.execute("SELECT count FROM findings WHERE capture_id = ? AND type = 'imei'", (cid,)).fetchall()
        assert imei == (n // 500,)
        # every finding points at a message of its own capture
        assert conn.execute("SELECT COUNT(*) FROM findings f JOIN messages m ON m.id = f.message_id WHERE "
                            "f.capture_id = ? AND m.capture_id = f.capture_id", (cid,)).fetchone()[0] == 1
    conn.close()


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def test_jobs_a_dying_worker_is_reported_once_and_the_rerun_completes(tmp_path: Path) -> None:
    if not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists():
        pytest.skip("needs /proc/PID/task/PID/children (Linux) to find the worker processes")
    caps = tmp_path / "caps"
    caps.mkdir()
    # 450,000 datagrams each, polled every 20 ms: with 150,000 and 0.1 s the faster analyze of session 9 finished its
    # captures before the poll saw both workers inside them, and the test skipped every time
    for i in range(2):
        write_capture(caps / f"c{i}.pcap", 450_000, seed=i, new_flows_every=42_000)
    db = tmp_path / "lab.db"
    proc = subprocess.Popen([sys.executable, "-m", "monitor", "analyze", str(caps), "--db", str(db), "-q",
                             "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    victim = 0
    while time.monotonic() < deadline and proc.poll() is None and not victim:
        time.sleep(0.02)
        if _count(db, "SELECT COUNT(DISTINCT capture_id) FROM messages") != 2:
            continue
        workers = _children(proc.pid)
        if len(workers) != 2:
            continue
        try:
            for w in workers:  # held still while looked at: the kill finds them where the look did
                os.kill(w, signal.SIGSTOP)
        except ProcessLookupError:  # a worker ended meanwhile: look again
            workers = []
        if workers and _children(proc.pid) == workers and \
                _count(db, "SELECT COUNT(*) FROM captures WHERE status = 'ingesting'") == 2:  # both inside
            victim = workers[0]
            os.kill(victim, signal.SIGKILL)
        for w in _children(proc.pid):
            if w != victim:
                with contextlib.suppress(ProcessLookupError):  # (ended meanwhile)
                    os.kill(w, signal.SIGCONT)
    _out, err = proc.communicate(timeout=300)
    if not victim:
        pytest.skip("analyze finished before a worker could be killed (machine too fast for these captures)")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    status = {Path(p).name: s for p, s in conn.execute("SELECT path, status FROM captures")}
    conn.close()
    if status == {"c0.pcap": "complete", "c1.pcap": "complete"}:
        pytest.skip("the killed worker had already finished its capture")
    lines = err.splitlines()
    assert proc.returncode == 2
    assert len(lines) == 1 and "worker process died (killed by signal 9)" in lines[0], err
    killed = "c0.pcap" if "c0.pcap" in lines[0] else "c1.pcap"
    other = "c1.pcap" if killed == "c0.pcap" else "c0.pcap"
    assert status == {other: "complete", killed: "ingesting"}
    with Store.open(db, readonly=True) as store:  # readers see the finished capture only
        assert [Path(c["path"]).name for c in store.captures()] == [other]
    again = _analyze(str(caps), "--db", str(db), "-q", "--jobs", "2")
    assert again.returncode == 0, again.stderr
    with Store.open(db, readonly=True) as store:
        assert sorted(Path(c["path"]).name for c in store.captures()) == ["c0.pcap", "c1.pcap"]
        assert store.rows("SELECT COUNT(*) AS n FROM messages WHERE kind = 'http'")[0]["n"] == 2 * 900


def test_records_cross_to_the_writer_whole() -> None:
    # --jobs workers send their batches pickled (records.py's __reduce__): every field, defaults or not, comes back
    from dataclasses import fields

    from monitor.records import Destination, Finding, MessageRecord
    from monitor.testing.records import destination, finding, message

    for rec in (message(7, "http", 2.5, status=None, request_headers=(("A", "b"),), request_body=b"\x00x",
                        alpn=("h2",), body_truncated=True, websocket_frame="text"),
                message(8, "datagram", 3.0, payload=b"\xf1\xd0", direction="in", p2p_message="hello"),
                finding(3, "mac", value="a4:5e:60:c1:22:9f", message_id=None, reason="recurs", count=4),
                destination(host="api.example", first_ts=None, encrypted_no_key=True, tls_rejected=2)):
        back = pickle.loads(pickle.dumps(rec, protocol=pickle.HIGHEST_PROTOCOL))
        assert type(back) is type(rec) and back == rec
        assert [getattr(back, f.name) for f in fields(rec)] == [getattr(rec, f.name) for f in fields(rec)]
    assert {type(r) for r in (message(), finding(), destination())} == {MessageRecord, Finding, Destination}


def test_jobs_reports_a_bad_file_and_keeps_the_good_ones(tmp_path: Path) -> None:
    write_capture(tmp_path / "good.pcap", 1000)
    (tmp_path / "bad.pcap").write_bytes(b"garbage, not a capture")
    out = _analyze(str(tmp_path / "good.pcap"), str(tmp_path / "bad.pcap"), "--db", str(tmp_path / "x.db"),
                   "-q", "--jobs", "2")
    assert out.returncode == 2
    assert "bad.pcap" in out.stderr and out.stderr.count("\n") == 1
    with Store.open(tmp_path / "x.db", readonly=True) as store:
        assert [Path(c["path"]).name for c in store.captures()] == ["good.pcap"]


def test_jobs_analyzes_the_same_content_once(tmp_path: Path) -> None:
    # two workers must not both write one capture (the second begin_capture would remove the first's rows)
    write_capture(tmp_path / "a.pcap", 1000)
    (tmp_path / "b.pcap").write_bytes((tmp_path / "a.pcap").read_bytes())
    write_capture(tmp_path / "c.pcap", 1000, seed=1)
    out = _analyze(str(tmp_path), "--db", str(tmp_path / "x.db"), "--jobs", "2")
    assert out.returncode == 0, out.stderr
    said = " ".join(out.stdout.split())  # the console wraps long paths
    assert said.count("already in the database (1002 packets), nothing added") == 1 and "b.pcap:" in said
    with Store.open(tmp_path / "x.db", readonly=True) as store:
        assert sorted(Path(c["path"]).name for c in store.captures()) == ["a.pcap", "c.pcap"]
        assert store.rows("SELECT COUNT(*) AS n FROM messages WHERE kind = 'http'")[0]["n"] == 4
    bad = tmp_path / "bad"  # a bad file twice: each named once, with the reason --jobs 1 gives
    bad.mkdir()
    for name in ("x.pcap", "y.pcap"):
        (bad / name).write_bytes(b"garbage, not a capture")
    out = _analyze(str(bad), "--db", str(tmp_path / "x.db"), "-q", "--jobs", "2")
    assert out.returncode == 2
    assert sorted(Path(line.split(": ")[1]).name for line in out.stderr.splitlines()) == ["x.pcap", "y.pcap"]
    assert all("not a capture" in line for line in out.stderr.splitlines())


def test_jobs_the_parent_hashes_only_files_that_share_a_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a file no other file has the size of cannot share its content: its worker hashes it, so both workers start at
    # once (the parent hashing every file first kept the second worker waiting and took a core from the first)
    import multiprocessing as mp

    import monitor.ingest as ingest
    import monitor.parallel as parallel
    from monitor.context import build_context

    if "fork" not in mp.get_all_start_methods():
        pytest.skip("workers see the spy only where they fork")
    log = tmp_path / "hashed.txt"
    real = parallel.file_sha256

    def spy(path: Path, stop: object = None) -> str:
        with log.open("a") as fh:
            fh.write(f"{os.getpid()} {Path(path).name}\n")
        return real(path, stop)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "file_sha256", spy)  # the parent's digests
    monkeypatch.setattr(ingest, "file_sha256", spy)  # a worker's, in the thread beside its reading
    caps = tmp_path / "caps"
    caps.mkdir()
    write_capture(caps / "a.pcap", 1000)
    (caps / "b.pcap").write_bytes((caps / "a.pcap").read_bytes())
    write_capture(caps / "c.pcap", 1200, seed=1)
    files = sorted(caps.iterdir())
    ctx = build_context((), None, None)
    with Store.open(tmp_path / "x.db") as store:
        first = dict(parallel.analyze_with_processes(store, files, parallel.ContextArgs(), 2, ctx=ctx))
        again = dict(parallel.analyze_with_processes(store, files, parallel.ContextArgs(), 2, ctx=ctx))
        forced = dict(parallel.analyze_with_processes(store, files[2:], parallel.ContextArgs(), 2, force=True,
                                                      ctx=ctx))
    hashed = [line.split() for line in log.read_text().splitlines()]
    mine = [name for pid, name in hashed if int(pid) == os.getpid()]
    theirs = [name for pid, name in hashed if int(pid) != os.getpid()]
    assert sorted(mine) == ["a.pcap", "a.pcap", "b.pcap", "b.pcap"] and theirs == ["c.pcap"] * 3
    assert [(p.name, s.skipped, s.packets) for p, s in sorted(first.items())] == [  # type: ignore[union-attr]
        ("a.pcap", False, 1002), ("b.pcap", True, 1002), ("c.pcap", False, 1203)]
    # analyzed again: the worker's hash finds c.pcap stored, as the parent's finds a.pcap; --force reads it again
    assert [(p.name, s.skipped) for p, s in sorted(again.items())] == [  # type: ignore[union-attr]
        ("a.pcap", True), ("b.pcap", True), ("c.pcap", True)]
    assert [(p.name, s.skipped, s.packets) for p, s in forced.items()] == [("c.pcap", False, 1203)]  # type: ignore[union-attr]
    with Store.open(tmp_path / "x.db", readonly=True) as store:
        assert sorted(Path(c["path"]).name for c in store.captures()) == ["a.pcap", "c.pcap"]


def test_dask_local_cluster_backend(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    for i in range(2):
        write_capture(tmp_path / f"c{i}.pcap", 2000, seed=i)
    ref, dk = tmp_path / "ref.db", tmp_path / "dask.db"
    assert _analyze(str(tmp_path), "--db", str(ref), "-q").returncode == 0
    out = _analyze(str(tmp_path), "--db", str(dk), "-q", "--engine", "dask", "--jobs", "2")
    assert out.returncode == 0, out.stderr
    assert _db_digest(ref) == _db_digest(dk)


def test_export_csv_and_parquet(tmp_path: Path) -> None:
    write_capture(tmp_path / "c.pcap", 2000)
    db = tmp_path / "x.db"
    assert _analyze(str(tmp_path / "c.pcap"), "--db", str(db), "-q").returncode == 0
    out = subprocess.run([sys.executable, "-m", "monitor", "export", "--db", str(db), "--format", "csv", "-o",
                          str(tmp_path / "csv")], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    with (tmp_path / "csv" / "messages.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert len([r for r in rows if r["kind"] == "http"]) == 4
    pq = pytest.importorskip("pyarrow.parquet")
    out = subprocess.run([sys.executable, "-m", "monitor", "export", "--db", str(db), "--format", "parquet", "-o",
                          str(tmp_path / "pq")], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    table = pq.read_table(tmp_path / "pq" / "destinations.parquet")
    assert table.num_rows >= 7 and "bytes_out" in table.column_names
