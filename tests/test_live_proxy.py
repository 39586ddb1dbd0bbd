"""The live proxy: real mitmproxy on 127.0.0.1, a real client and a local upstream server."""

from __future__ import annotations

import datetime
import gzip
import http.client
import json
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from mitmproxy.test import taddons, tflow

from monitor.live.addon import PrivmonAddon

ROOT = Path(__file__).resolve().parent.parent
IMEI, MAC = "356938035643809", "a4:5e:60:c1:22:9f"
PROFILE = f"""
[[device]]
name = "lab-phone"
ip = "127.0.0.1"
imei = "{IMEI}"
mac = "{MAC}"
"""


class Upstream(BaseHTTPRequestHandler):
    def _reply(self) -> None:
        n = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(n)
        body = b'{"ok":true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _reply  # noqa: N815

    def log_message(self, *args: object) -> None:
        return


def free_port() -> int:
    """A loopback TCP port that no other process is handed while the proxy starts, seconds later.

    A port merely bound and closed again is free for anyone: a test running beside this one (pytest -n)
    could bind it, or connect from it, before the proxy does, and the readiness probe would then talk to
    the wrong process. This one is left in TIME_WAIT (its accepted side closed first): the kernel hands it
    to no bind(0) and no outgoing connection for a minute, while a listener with SO_REUSEADDR (mitmproxy's)
    may take it at once. Nobody listens on it until then: a request to it is refused."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = int(s.getsockname()[1])
        with socket.create_connection(("127.0.0.1", port)):
            accepted, _ = s.accept()
            accepted.close()
    return port


@pytest.fixture
def upstream() -> Iterator[int]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv.server_address[1]
    srv.shutdown()


def wait_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"proxy exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError("proxy did not start")


def findings(db: Path) -> list[tuple[str, str, str]]:
    if not db.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        rows = conn.execute("SELECT type, location, transform FROM findings ORDER BY id").fetchall()
        conn.close()
        return rows
    except sqlite3.Error:
        return []


def wait_findings(db: Path, n: int, timeout: float = 60) -> list[tuple[str, str, str]]:
    end = time.monotonic() + timeout
    rows = findings(db)
    while len(rows) < n and time.monotonic() < end:
        time.sleep(0.2)
        rows = findings(db)
    return rows


def start_proxy(tmp_path: Path, port: int, *extra: str) -> subprocess.Popen[bytes]:
    prof = tmp_path / "lab.toml"
    prof.write_text(PROFILE, encoding="utf-8")
    cmd = [sys.executable, "-m", "monitor", "proxy", "--listen-port", str(port), "--db", str(tmp_path / "lab.db"),
           "--profile", str(prof), "--confdir", str(tmp_path / "mitm"), *extra]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_port(port, proc)
    return proc


def test_findings_appear_while_the_proxy_runs_and_traffic_is_untouched(tmp_path: Path, upstream: int) -> None:
    port = free_port()
    proc = start_proxy(tmp_path, port)
    try:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": f"http://127.0.0.1:{port}"}))
        r = opener.open(f"http://127.0.0.1:{upstream}/v1/ping?imei={IMEI}", timeout=10)
        assert r.status == 200 and json.loads(r.read()) == {"ok": True}  # the response passes unchanged
        body = gzip.compress(json.dumps({"device": {"mac": MAC}}).encode())
        req = urllib.request.Request(f"http://127.0.0.1:{upstream}/v1/report", data=body, method="POST",
                                     headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
        assert opener.open(req, timeout=10).status == 200
        rows = wait_findings(tmp_path / "lab.db", 2)
        assert ("imei", "query:imei", "plain") in rows
        assert ("mac", "json:$.device.mac", "gzip > json") in rows
        assert proc.poll() is None  # still running: rows arrived live
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    conn = sqlite3.connect(tmp_path / "lab.db")
    assert conn.execute("SELECT format, status FROM captures").fetchall() == [("live-proxy", "complete")]
    assert (tmp_path / "lab.db").stat().st_mode & 0o077 == 0


def https_upstream(tmp_path: Path) -> ThreadingHTTPServer:
    """A local HTTPS server with a self-signed certificate for localhost (mitmproxy is told not to verify it)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .sign(key, hashes.SHA256()))
    (tmp_path / "up.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(tmp_path / "up.pem")
    srv.socket = sctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def https_opener(tmp_path: Path, port: int) -> urllib.request.OpenerDirector:
    """A client that trusts only the mitmproxy CA created in the test's confdir."""
    ca = tmp_path / "mitm" / "mitmproxy-ca-cert.pem"
    end = time.monotonic() + 60
    while True:  # mitmproxy may write its CA just after it listens: wait until the whole certificate reads
        try:
            cctx = ssl.create_default_context(cafile=str(ca))
            break
        except (OSError, ssl.SSLError):
            if time.monotonic() > end:
                raise
            time.sleep(0.1)
    return urllib.request.build_opener(urllib.request.ProxyHandler({"https": f"http://127.0.0.1:{port}"}),
                                       urllib.request.HTTPSHandler(context=cctx))


@pytest.mark.skipif(shutil.which("mitmdump") is None, reason="mitmdump is not on PATH")
def test_addon_loads_in_mitmdump_and_sees_https(tmp_path: Path) -> None:
    srv = https_upstream(tmp_path)
    prof = tmp_path / "lab.toml"
    prof.write_text(PROFILE, encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen(["mitmdump", "-q", "-s", str(ROOT / "addons" / "privmon_addon.py"), "--listen-host",
                             "127.0.0.1", "--listen-port", str(port), "--set", f"confdir={tmp_path / 'mitm'}",
                             "--set", "ssl_insecure=true", "--set", f"privmon_db={tmp_path / 'lab.db'}",
                             "--set", f"privmon_profile={prof}", "--set", "privmon_save_flows=true"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        wait_port(port, proc)
        r = https_opener(tmp_path, port).open(f"https://localhost:{srv.server_address[1]}/sdk?imei={IMEI}", timeout=15)
        assert r.status == 200
        rows = wait_findings(tmp_path / "lab.db", 1)
        assert ("imei", "query:imei", "plain") in rows
        conn = sqlite3.connect(f"file:{tmp_path / 'lab.db'}?mode=ro", uri=True)
        assert conn.execute("SELECT protocol FROM findings").fetchone()[0] == "https"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
        srv.shutdown()
    assert (tmp_path / "lab.flows").stat().st_size > 0  # privmon_save_flows: the flow file next to the DB
    assert (tmp_path / "lab.flows").stat().st_mode & 0o777 == 0o600
    assert b"WARNING" not in err and b"privmon: stopped: 1 exchanges recorded" in err  # on loopback: no exposure warning


def test_addon_fails_open_and_never_changes_the_flow() -> None:
    class Broken:
        def submit(self, item: object) -> bool:
            raise RuntimeError("classifier exploded")

    addon = PrivmonAddon(Broken())
    with taddons.context(addon):
        flow = tflow.tflow(resp=True)
        before = flow.get_state()
        addon.response(flow)
        assert addon.failures == 1
        assert flow.get_state() == before


def test_bad_allow_client_option_is_a_clear_error(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "monitor", "proxy", "--db", str(tmp_path / "x.db"),
                          "--allow-client", "10.0.0.0/99"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "--allow-client" in out.stderr


def test_allow_client_unreachable_upstream_and_saved_flows_reverify(tmp_path: Path, upstream: int) -> None:
    port = free_port()
    proc = start_proxy(tmp_path, port, "--allow-client", "127.0.0.1/32", "--save-flows", "--keylog")
    db = tmp_path / "lab.db"

    def get(source: str, url: str) -> int:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
        c.request("GET", url)
        status = c.getresponse().status
        c.close()
        return status

    try:
        with pytest.raises((ConnectionError, http.client.HTTPException)):
            get("127.0.0.2", f"http://127.0.0.1:{upstream}/x?imei={IMEI}")  # not in --allow-client: refused
        assert get("127.0.0.1", f"http://127.0.0.1:{upstream}/v1/ping?imei={IMEI}") == 200
        dead = free_port()  # nobody listens there: the request gets no response, and is still evidence
        assert get("127.0.0.1", f"http://127.0.0.1:{dead}/gone?imei={IMEI}") == 502
        rows = wait_findings(db, 2)
        assert rows.count(("imei", "query:imei", "plain")) == 2  # the allowed request and the failed one
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        assert conn.execute("SELECT status FROM captures").fetchone()[0] == "live"  # readers see it while running
        conn.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    flows = tmp_path / "lab.flows"
    assert flows.stat().st_size > 0
    again = subprocess.run([sys.executable, "-m", "monitor", "analyze", str(flows), "--db", str(tmp_path / "a.db"),
                            "-q"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("SELECT count(*) FROM findings WHERE type = 'imei'").fetchone()[0] >= 1  # re-verified


def test_keylog_is_written_for_https_through_privmon_proxy(tmp_path: Path) -> None:
    srv = https_upstream(tmp_path)
    port = free_port()
    proc = start_proxy(tmp_path, port, "--keylog")
    try:
        # privmon proxy verifies upstream certificates like mitmproxy does: the self-signed upstream is refused
        # with 502, but the client side TLS (mitmproxy's CA) is established, which is what the key log records
        with pytest.raises(urllib.error.HTTPError):
            https_opener(tmp_path, port).open(f"https://localhost:{srv.server_address[1]}/sdk?imei={IMEI}", timeout=15)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        srv.shutdown()
    keys = (tmp_path / "lab.keys.log").read_text()
    assert "CLIENT_HANDSHAKE_TRAFFIC_SECRET" in keys or "CLIENT_RANDOM" in keys
