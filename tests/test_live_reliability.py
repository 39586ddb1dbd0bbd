"""A lab session loses nothing: several writers on one database, a dying recorder, a full disk,
side files that fail, stale live captures. Real mitmproxy on 127.0.0.1, real SQLite files, real
processes (killed with SIGKILL), real tmpfs mounts made by the test."""

from __future__ import annotations

import asyncio
import json
import os
import re
import select
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest  # noqa: F401 - used by later tests
from mitmproxy.test import tflow
from pilotwait import until
from test_live_proxy import IMEI, PROFILE, free_port, start_proxy, upstream, wait_port  # noqa: F401 - upstream is a fixture
from textual.widgets import Static

from monitor.context import build_context
from monitor.live import recorder as rec
from monitor.live.recorder import Recorder
from monitor.live.sidefiles import KeyLog
from monitor.model import Endpoint, HttpExchange
from monitor.sources.mitm import raw_from_flow
from monitor.store import Store, live_marker
from monitor.tui.app import PrivmonApp

ROOT = Path(__file__).resolve().parent.parent


def _har(path: Path, tag: str, n: int) -> None:
    entries = [{
        "startedDateTime": f"2026-01-01T00:{i // 60 % 60:02d}:{i % 60:02d}.000Z", "time": 1,
        "serverIPAddress": "198.51.100.11",
        "request": {"method": "GET", "url": f"https://api.example.cn/{tag}/{i}?imei={IMEI}", "httpVersion": "HTTP/1.1",
                    "headers": [], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
        "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [],
                     "content": {"size": 2, "mimeType": "application/json", "text": "{}"}, "redirectURL": "",
                     "headersSize": -1, "bodySize": 2},
        "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}} for i in range(n)]
    path.write_text(json.dumps({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"},
                                        "entries": entries}}), encoding="utf-8")


# The sniffer's writer path (`run_sniffer` hands its messages to this same Recorder thread), fed
# from a process of its own so that it competes with the other writers like `privmon sniff` does.
SNIFF_WRITER = """
import sys, time
from monitor.context import build_context
from monitor.live.recorder import Recorder
from monitor.model import Endpoint, HttpExchange
db, n = sys.argv[1], int(sys.argv[2])
rec = Recorder(db, build_context((), None, None), "live-sniff", "sniff test0").start()
for i in range(n):
    rec.submit(HttpExchange(ts=1000.0 + i, client=Endpoint("10.213.0.2", 40000), server=Endpoint("10.213.0.1", 80),
                            method="GET", host="cam.example.cn", path=f"/sniff/{i}?imei=356938035643809"))
    if i % 50 == 49:
        time.sleep(0.05)
rec.stop()
s = rec.stats
print(s.processed, s.dropped, s.errors)
"""


def test_proxy_sniffer_and_two_analyzers_share_one_database(tmp_path: Path, upstream: int) -> None:  # noqa: F811
    """Four writers at once on one file: every row of every writer is stored, once."""
    db = tmp_path / "lab.db"
    n_proxy, n_sniff, n_har = 150, 1500, 1500
    for tag in ("a", "b"):
        _har(tmp_path / f"{tag}.har", tag, n_har)
    port = free_port()
    proxy = start_proxy(tmp_path, port)
    procs = []
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        procs = [subprocess.Popen([sys.executable, "-c", SNIFF_WRITER, str(db), str(n_sniff)], cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
        procs += [subprocess.Popen([sys.executable, "-m", "monitor", "analyze", str(tmp_path / f"{tag}.har"), "--db",
                                    str(db), "-q"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True) for tag in ("a", "b")]
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": f"http://127.0.0.1:{port}"}))
        for i in range(n_proxy):
            assert opener.open(f"http://127.0.0.1:{upstream}/proxy/{i}?imei={IMEI}", timeout=10).status == 200
        outs = [p.communicate(timeout=180) for p in procs]
        for p, (_out, err) in zip(procs, outs, strict=True):
            assert p.returncode == 0, err
        assert outs[0][0].split() == [str(n_sniff), "0", "0"]  # processed, dropped, errors
        # no pause for the proxy's recorder: SIGTERM hands it what is waiting and it writes all of it
    finally:
        proxy.send_signal(signal.SIGTERM)
        _, perr = proxy.communicate(timeout=60)
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert f"{n_proxy} exchanges recorded, 0 dropped, 0 errors" in perr.decode()
    conn = sqlite3.connect(db)
    per_capture = dict(conn.execute("SELECT c.format || ':' || c.path, COUNT(m.id) FROM captures c "
                                    "LEFT JOIN messages m ON m.capture_id = c.id GROUP BY c.id").fetchall())
    assert sorted(per_capture.values()) == sorted([n_proxy, n_sniff, n_har, n_har]), per_capture
    for prefix, n in (("/proxy/", n_proxy), ("/sniff/", n_sniff), ("/a/", n_har), ("/b/", n_har)):
        distinct, total = conn.execute("SELECT COUNT(DISTINCT url), COUNT(*) FROM messages WHERE url LIKE ?",
                                       (f"%{prefix}%",)).fetchone()
        assert distinct == total == n, prefix  # each stored once
    # every finding points at a message of its own capture
    assert conn.execute("SELECT COUNT(*) FROM findings f JOIN messages m ON m.id = f.message_id "
                        "WHERE m.capture_id != f.capture_id").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM findings WHERE type = 'imei' AND message_id IS NULL").fetchone()[0] == 0
    assert {r[0] for r in conn.execute("SELECT status FROM captures")} == {"complete"}


def _recorder_pid(proxy_pid: int) -> int:
    """The proxy's recorder process (a multiprocessing 'spawn' child, not the resource tracker)."""
    end = time.monotonic() + 60
    while time.monotonic() < end:
        try:
            kids = Path(f"/proc/{proxy_pid}/task/{proxy_pid}/children").read_text().split()
        except OSError:
            kids = []
        for k in kids:
            try:
                cmd = Path(f"/proc/{k}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in cmd:
                return int(k)
        time.sleep(0.1)
    raise AssertionError("no recorder process found")


def _messages_per_capture(db: Path) -> list[int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return [n for (n,) in conn.execute("SELECT COUNT(m.id) FROM captures c LEFT JOIN messages m "
                                           "ON m.capture_id = c.id GROUP BY c.id ORDER BY c.id")]
    finally:
        conn.close()


def _wait_counts(db: Path, want: list[int], timeout: float = 60) -> list[int]:
    end = time.monotonic() + timeout
    got = _messages_per_capture(db)
    while got != want and time.monotonic() < end:
        time.sleep(0.2)
        got = _messages_per_capture(db)
    return got


def test_recorder_killed_with_sigkill_is_noticed_restarted_and_the_proxy_stops_promptly(
        tmp_path: Path, upstream: int) -> None:  # noqa: F811
    db = tmp_path / "lab.db"
    port = free_port()
    proxy = start_proxy(tmp_path, port)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": f"http://127.0.0.1:{port}"}))
    try:
        for i in range(20):
            assert opener.open(f"http://127.0.0.1:{upstream}/before/{i}?imei={IMEI}", timeout=10).status == 200
        assert _wait_counts(db, [20]) == [20]
        first = _recorder_pid(proxy.pid)
        os.kill(first, signal.SIGKILL)
        for i in range(30):  # flows keep passing while the recorder is gone and while the new one starts
            assert opener.open(f"http://127.0.0.1:{upstream}/after/{i}?imei={IMEI}", timeout=10).status == 200
        assert _wait_counts(db, [20, 30]) == [20, 30]  # a new recorder, a new capture, nothing after the kill lost
        assert _recorder_pid(proxy.pid) != first
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            assert [s for (s,) in conn.execute("SELECT status FROM captures ORDER BY id")] == ["live", "live"]

        with Store.open(db, readonly=True) as store:  # the killed recorder's capture reads as interrupted
            assert [c["status"] for c in store.captures()] == ["interrupted", "live"]
    finally:
        proxy.send_signal(signal.SIGTERM)
        t0 = time.monotonic()
        try:
            _, err = proxy.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proxy.kill()
            raise AssertionError("the proxy ignored SIGTERM after its recorder died") from None
    assert time.monotonic() - t0 < 20
    text = err.decode()
    assert text.count("the recorder process died (killed by SIGKILL)") == 1, text
    assert "started a new one" in text and "not yet stored" in text
    assert "50 exchanges recorded, 0 dropped, 0 errors, recorder restarted 1 times" in text, text


def test_recorder_that_cannot_be_restarted_counts_later_flows_as_dropped(tmp_path: Path, monkeypatch,
                                                                         capsys) -> None:  # type: ignore[no-untyped-def]

    monkeypatch.setattr(rec, "MAX_RESTARTS", 0)
    r = rec.ProcessRecorder(str(tmp_path / "x.db"), (), None, "live-proxy", "test").start()
    raw = raw_from_flow(tflow.tflow(resp=True))
    for _ in range(3):
        assert r.submit(raw)
    time.sleep(0.2)
    r.tick()  # sent
    end = time.monotonic() + 60
    while r.stats.stored < 3 and time.monotonic() < end:
        time.sleep(0.1)
    assert r.pid is not None
    os.kill(r.pid, signal.SIGKILL)
    r._proc.join(5)
    for _ in range(5):
        r.submit(raw)
    r.tick()
    for _ in range(5):
        assert not r.submit(raw)
    t0 = time.monotonic()
    r.stop()
    assert time.monotonic() - t0 < 2
    s = r.stats
    assert (s.submitted, s.dropped, s.stored) == (3, 10, 3)
    err = capsys.readouterr().err
    assert err.count("recorder process died") == 1 and "counted as dropped" in err


@pytest.fixture
def small_tmpfs(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 2 MiB tmpfs mounted for this test (needs root, or skips saying so)."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    out = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mnt)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill up (needs root): {out.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _fill(directory: Path) -> Path:
    """Take every free byte of the file system (ENOSPC ends it)."""
    filler = directory / "filler"
    with filler.open("wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    return filler


def _exchange(i: int, body: bytes = b"") -> object:
    return HttpExchange(ts=1000.0 + i, client=Endpoint("127.0.0.1", 40000), server=Endpoint("203.0.113.9", 80),
                        method="POST", host="api.example.cn", path=f"/n/{i}?imei={IMEI}", request_body=body)


def test_full_disk_costs_the_batch_not_the_recorder(small_tmpfs: Path, capsys) -> None:  # type: ignore[no-untyped-def]

    db = small_tmpfs / "lab.db"
    r = Recorder(str(db), build_context((), None, None), "live-sniff", "sniff test0").start()
    filler = _fill(small_tmpfs)
    for i in range(20):  # ~1 MiB of bodies: cannot fit
        r.submit(_exchange(i, os.urandom(60_000)))  # type: ignore[arg-type]
    end = time.monotonic() + 60
    while r.stats.errors < 3 and time.monotonic() < end:  # a few failed heartbeats: said once, not once per failure
        time.sleep(0.1)
    assert r.stats.errors >= 3 and r.stats.lost >= 1
    assert r._thread is not None and r._thread.is_alive()  # the recorder survived the failed COMMIT/ROLLBACK
    filler.unlink()  # space again: recording goes on
    for i in range(100, 110):
        r.submit(_exchange(i))  # type: ignore[arg-type]
    r.stop()
    err = capsys.readouterr().err
    assert err.count("disk full") == 1, err
    s = r.stats
    assert s.stored + s.lost == s.processed == 30
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM messages WHERE url LIKE '%/n/10_?%'").fetchone()[0] == 10
        assert conn.execute("SELECT status FROM captures").fetchone()[0] == "complete"


def test_flow_file_on_a_full_disk_stops_saving_and_the_proxy_goes_on(tmp_path: Path, small_tmpfs: Path,
                                                                      upstream: int) -> None:  # noqa: F811

    prof = tmp_path / "lab.toml"
    prof.write_text(PROFILE, encoding="utf-8")
    port = free_port()
    db = small_tmpfs / "lab.db"
    proxy = subprocess.Popen([sys.executable, "-m", "monitor", "proxy", "--listen-port", str(port), "--db", str(db),
                              "--profile", str(prof), "--confdir", str(tmp_path / "mitm"), "--save-flows", "--keylog"],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    statuses = []
    try:
        wait_port(port, proxy)
        for p in (small_tmpfs / "lab.flows", small_tmpfs / "lab.keys.log"):
            assert p.stat().st_mode & 0o777 == 0o600, p  # captured data: private like the database
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": f"http://127.0.0.1:{port}"}))
        body = os.urandom(100_000)
        for i in range(40):  # 4 MB of flows into a 2 MiB file system
            req = urllib.request.Request(f"http://127.0.0.1:{upstream}/up/{i}?imei={IMEI}", data=body, method="POST")
            statuses.append(opener.open(req, timeout=10).status)
        assert proxy.poll() is None
    finally:
        proxy.send_signal(signal.SIGTERM)
        _, err = proxy.communicate(timeout=60)
    assert statuses == [200] * 40  # every request passed, before and after the disk filled
    text = err.decode()
    assert text.count("stopped saving the flow file") == 1, text
    # the database shares the full disk: its failed writes reach the summary, said once

    summary = re.search(r"(\d+) exchanges recorded, (\d+) dropped, (\d+) errors, (\d+) lost", text)
    assert summary is not None, text
    recorded, dropped, errors, lost = map(int, summary.groups())
    assert errors >= 1 and recorded + dropped + lost == 40, text
    assert text.count("disk full") == 1, text
    again = subprocess.run([sys.executable, "-m", "monitor", "analyze", str(small_tmpfs / "lab.flows"), "--db",
                            str(tmp_path / "again.db"), "-q"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr  # what was saved is whole records: it reads back
    with sqlite3.connect(tmp_path / "again.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0] >= 1


def test_key_log_that_cannot_be_written_stops_saving_once(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]

    ok = KeyLog(tmp_path / "k.log")
    ok(None, b"CLIENT_RANDOM 00 11")
    assert (tmp_path / "k.log").read_bytes() == b"CLIENT_RANDOM 00 11\n"
    assert (tmp_path / "k.log").stat().st_mode & 0o777 == 0o600
    full = KeyLog("/dev/full")  # every write fails with ENOSPC
    for _ in range(3):
        full(None, b"CLIENT_RANDOM 00 11")
    assert full.failed
    assert capsys.readouterr().err.count("stopped saving the TLS key log") == 1


def _mitmdump(tmp_path: Path, *listen: str, netns: bool = False) -> subprocess.Popen[str]:
    cmd = ["mitmdump", "-q", "-s", str(ROOT / "addons" / "privmon_addon.py"), *listen,
           "--set", f"confdir={tmp_path / 'mitm'}", "--set", f"privmon_db={tmp_path / 'lab.db'}"]
    if netns:  # a network namespace of its own, with only loopback: listening "everywhere" reaches nobody
        cmd = ["unshare", "--net", "sh", "-c", 'ip link set lo up; exec "$@"', "sh", *cmd]
    return subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def _stderr_until(proc: subprocess.Popen[str], needle: str, timeout: float = 40) -> str:
    seen = ""
    end = time.monotonic() + timeout
    assert proc.stderr is not None
    while needle not in seen and time.monotonic() < end and proc.poll() is None:
        if select.select([proc.stderr], [], [], 0.5)[0]:
            seen += proc.stderr.readline()
    return seen


def test_addon_warns_loudly_when_mitmdump_listens_beyond_loopback(tmp_path: Path) -> None:
    if subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot make a network namespace (unshare --net) to listen on all interfaces safely")
    port = free_port()
    proc = _mitmdump(tmp_path, "--listen-port", str(port), netns=True)  # the documented form without a host
    try:
        seen = _stderr_until(proc, "WARNING")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "WARNING: this proxy listens on all interfaces" in seen, seen
    assert "--listen-host 127.0.0.1" in seen and "privmon_allow_client" in seen


def _live_capture(db: Path, sha: str, pid: int, heartbeat_age: float) -> None:
    with Store.open(db) as store:
        cid = store.begin_capture("proxy 127.0.0.1:8080", sha, "live-proxy")
        marker = {**live_marker(), "writer_pid": pid}
        store.finish_capture(cid, 3, 1000.0, 1002.0, summary=marker, status="live")
        store.conn.execute("UPDATE captures SET finished_at = ? WHERE id = ?", (time.time() - heartbeat_age, cid))


def _beat(db: Path, sha: str) -> None:
    """The heartbeat of a live writer that is alive (a real one beats every 0.5 s): just now."""
    with Store.open(db) as store:
        store.conn.execute("UPDATE captures SET finished_at = ? WHERE sha256 = ?", (time.time(), sha))


def test_killed_live_session_reads_as_interrupted_in_report_and_tui(tmp_path: Path) -> None:
    db = tmp_path / "lab.db"
    gone = subprocess.Popen(["true"])
    gone.wait()
    _live_capture(db, "live-proxy:killed", gone.pid, 1.0)  # its writer process has ended
    _live_capture(db, "live-proxy:silent", os.getpid(), 600.0)  # no heartbeat for ten minutes
    _live_capture(db, "live-proxy:running", os.getpid(), 1.0)  # this process writes it, just now
    _beat(db, "live-proxy:running")  # (beats again before each reader: a slow machine may take 30 s to get there)
    out = subprocess.run([sys.executable, "-m", "monitor", "report", "--db", str(db), "-o", "-"], cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert not (tmp_path / "-").exists()  # `-o -` is standard output, not a file named '-'
    statuses = [c["status"] for c in json.loads(out.stdout)["captures"]]
    assert statuses == ["interrupted", "interrupted", "live"]

    async def run() -> str:
        app = PrivmonApp(str(db), None, poll_seconds=5)
        async with app.run_test(size=(160, 40)) as pilot:
            await until(pilot, lambda: app._polls >= 1)  # the first poll's snapshot (the captures) is shown
            return str(app.query_one("#summary", Static).render())

    _beat(db, "live-proxy:running")
    summary = asyncio.run(run())
    assert summary.count("interrupted") == 2 and summary.count(", live)") == 1, summary
