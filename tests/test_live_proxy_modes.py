"""The whole phone through the proxy: pinned TLS, WebSocket, raw TCP (socks5, reverse:tcp), UDP
(reverse:udp) and DNS (reverse:dns), each through a real `privmon proxy` on 127.0.0.1 with real
local peers, asserted in the database."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import sqlite3
import ssl
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from mitmproxy.test import taddons, tflow
from test_live_proxy import IMEI, PROFILE, Upstream, free_port, https_upstream

from monitor.live.addon import PrivmonAddon

ROOT = Path(__file__).resolve().parent.parent
UID = b"ABCD" + b"\0" * 4 + (123456).to_bytes(4, "big") + b"EFGHJ" + b"\0" * 3


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def udp_bound_by(pid: int, port: int) -> bool:
    """Whether process `pid` holds a UDP socket bound to `port` (read from /proc: nothing is bound to probe)."""
    try:
        inodes = {os.readlink(fd)[8:-1] for fd in Path(f"/proc/{pid}/fd").iterdir()
                  if os.readlink(fd).startswith("socket:[")}
    except OSError:  # a descriptor closed while listed: asked again
        return False
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[9] in inodes:
                return True
    return False


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    if not db.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def wait_rows(db: Path, sql: str, ok: Callable[[list[tuple[Any, ...]]], bool], timeout: float = 40) -> list[Any]:
    end = time.monotonic() + timeout
    got = rows(db, sql)
    while not ok(got) and time.monotonic() < end:
        time.sleep(0.2)
        got = rows(db, sql)
    return got


class Proxy:
    def __init__(self, tmp_path: Path, *extra: str, mode: str = "regular", udp: bool = False) -> None:
        self.port = free_udp_port() if udp else free_port()
        self.db = tmp_path / "lab.db"
        prof = tmp_path / "lab.toml"
        prof.write_text(PROFILE, encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "proxy", "--listen-port", str(self.port), "--db", str(self.db),
             "--profile", str(prof), "--confdir", str(tmp_path / "mitm"), "--mode", mode, *extra],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self._wait_ready(udp)

    def _wait_ready(self, udp: bool, timeout: float = 60) -> None:
        """Wait until the proxy's UDP socket is bound (its own, read from /proc) or its TCP port accepts.

        (A UDP probe that binds the port itself, as this did, holds it for a moment: a proxy binding just
        then fails, and a port bound by another test's process looked like the proxy.)"""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise AssertionError(f"proxy exited: {self.proc.stderr.read().decode() if self.proc.stderr else ''}")
            if udp:
                if udp_bound_by(self.proc.pid, self.port):
                    return
            else:
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", self.port)) == 0:
                        return
            time.sleep(0.2)
        raise AssertionError("proxy did not start")

    def stop(self) -> str:
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate(timeout=30)
            raise AssertionError(f"the proxy did not stop on SIGTERM: {err.decode('utf-8', 'replace')}") from None
        return err.decode("utf-8", "replace")


@pytest.fixture
def proxy_factory(tmp_path: Path) -> Iterator[Callable[..., Proxy]]:
    made: list[Proxy] = []

    def make(*extra: str, mode: str = "regular", udp: bool = False) -> Proxy:
        p = Proxy(tmp_path, *extra, mode=mode, udp=udp)
        made.append(p)
        return p

    yield make
    for p in made:
        if p.proc.poll() is None:
            p.stop()


def tunnel(proxy_port: int, host: str, port: int) -> socket.socket:
    """An HTTP CONNECT tunnel through the regular proxy."""
    s = socket.create_connection(("127.0.0.1", proxy_port), timeout=10)
    s.sendall(f"CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(4096)
        if not chunk:
            raise AssertionError("proxy closed the tunnel")
        head += chunk
    assert b" 200" in head.split(b"\r\n", 1)[0], head
    return s


def test_a_client_that_pins_its_certificate_is_recorded_and_can_pass_through(tmp_path: Path, proxy_factory) -> None:  # type: ignore[no-untyped-def]
    srv = https_upstream(tmp_path)  # the real server; its certificate is the only one the "app" trusts
    up = srv.server_address[1]
    proxy = proxy_factory("--passthrough-pinned")
    pinned_ctx = ssl.create_default_context(cafile=str(tmp_path / "up.pem"))
    try:
        with tunnel(proxy.port, "localhost", up) as raw, pytest.raises(ssl.SSLError):
            pinned_ctx.wrap_socket(raw, server_hostname="localhost").do_handshake()  # rejects mitmproxy's cert
        got = wait_rows(proxy.db, "SELECT host, port, tls_rejected FROM destinations",
                        lambda r: any(x[2] >= 1 for x in r))
        assert ("localhost", up, 1) in got, got
        # --passthrough-pinned: the next connection to that host goes through untouched and works
        with tunnel(proxy.port, "localhost", up) as raw, \
                pinned_ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(b"GET /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            assert tls.recv(4096).startswith(b"HTTP/1.0 200")
        msgs = wait_rows(proxy.db, "SELECT host, error FROM messages WHERE kind = 'tls'", lambda r: len(r) >= 2)
        assert ("localhost", "content not seen: the client rejected the proxy's certificate") in msgs
        assert ("localhost", "") in msgs  # the passed-through connection, recorded from its ClientHello
    finally:
        err = proxy.stop()
        srv.shutdown()
    assert "rejected the proxy's certificate for localhost" in err
    rep = subprocess.run([sys.executable, "-m", "monitor", "report", "--db", str(proxy.db), "--format", "json"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    dest = [d for d in json.loads(rep.stdout)["destinations"] if d["host"] == "localhost"]
    assert dest and dest[0]["tls_rejected"] == 1


def _ws_frame(payload: bytes, opcode: int = 1, mask: bool = True) -> bytes:
    head = bytes([0x80 | opcode])
    n = len(payload)
    bit = 0x80 if mask else 0
    head += bytes([bit | n]) if n < 126 else bytes([bit | 126]) + struct.pack("!H", n)
    if not mask:
        return head + payload
    key = os.urandom(4)
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


def _ws_read(s: socket.socket) -> bytes:
    def exact(n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            chunk = s.recv(n - len(buf))
            if not chunk:
                raise ConnectionError("closed")
            buf += chunk
        return buf

    b0, b1 = exact(2)
    n = b1 & 0x7F
    if n == 126:
        n = struct.unpack("!H", exact(2))[0]
    key = exact(4) if b1 & 0x80 else b""
    data = exact(n)
    return bytes(b ^ key[i % 4] for i, b in enumerate(data)) if key else data


def loopback_server(handle: Callable[[socket.socket], None]) -> tuple[socket.socket, int]:
    """A TCP listener on 127.0.0.1 that runs `handle` on each connection (one at a time) until it is closed."""
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(4)

    def serve() -> None:
        while True:
            try:
                c, _ = ls.accept()
            except OSError:
                return
            with c:
                handle(c)

    threading.Thread(target=serve, daemon=True).start()
    return ls, ls.getsockname()[1]


def ws_echo_server() -> tuple[socket.socket, int]:
    """A minimal WebSocket server on loopback that echoes each message (RFC 6455 handshake)."""

    def echo(c: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            head += c.recv(4096)
        key = next(line.split(b":", 1)[1].strip() for line in head.split(b"\r\n")
                   if line.lower().startswith(b"sec-websocket-key"))
        accept = base64.b64encode(hashlib.sha1(key + b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest())
        c.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n")
        try:
            while True:
                c.sendall(_ws_frame(_ws_read(c), mask=False))
        except (ConnectionError, OSError):
            pass

    return loopback_server(echo)


def test_websocket_messages_are_classified_both_ways(tmp_path: Path, proxy_factory) -> None:  # type: ignore[no-untyped-def]
    ls, up = ws_echo_server()
    proxy = proxy_factory()
    try:
        s = socket.create_connection(("127.0.0.1", proxy.port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall(f"GET http://127.0.0.1:{up}/push HTTP/1.1\r\nHost: 127.0.0.1:{up}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += s.recv(4096)
        assert b" 101 " in head.split(b"\r\n", 1)[0]
        s.sendall(_ws_frame(b'{"op":"hello"}'))
        assert _ws_read(s) == b'{"op":"hello"}'
        s.sendall(_ws_frame(json.dumps({"op": "register", "device": {"imei": IMEI}}).encode()))
        assert json.loads(_ws_read(s)) == {"op": "register", "device": {"imei": IMEI}}  # passes unchanged
        s.close()
        got = wait_rows(proxy.db, "SELECT type, location, protocol FROM findings", lambda r: len(r) >= 2)
    finally:
        proxy.stop()
        ls.close()
    # the client's message (index 2: hello, echo, register) and the server's echo (index 3)
    assert ("imei", "websocket:2:json:$.device.imei", "websocket") in got, got
    assert ("imei", "websocket:3:json:$.device.imei", "websocket") in got, got


def tcp_sink() -> tuple[socket.socket, int, list[bytes]]:
    seen: list[bytes] = []

    def record(c: socket.socket) -> None:
        data = c.recv(65536)
        if data:  # (the readiness probe's connection is empty)
            seen.append(data)
            c.sendall(b"OK")

    ls, port = loopback_server(record)
    return ls, port, seen


def socks5_connect(proxy_port: int, port: int) -> socket.socket:
    """A connection to 127.0.0.1:port through the SOCKS5 proxy (no authentication)."""
    s = socket.create_connection(("127.0.0.1", proxy_port), timeout=10)
    s.sendall(b"\x05\x01\x00")
    assert s.recv(2) == b"\x05\x00"
    s.sendall(b"\x05\x01\x00\x01" + socket.inet_aton("127.0.0.1") + port.to_bytes(2, "big"))
    assert s.recv(10)[:2] == b"\x05\x00"
    return s


PUSH_LOGIN = b"\x00\x2a\x01" + json.dumps({"cmd": "login", "imei": IMEI, "appkey": "abc"}).encode()


@pytest.mark.parametrize("mode", ["socks5", "reverse:tcp"])
def test_raw_tcp_is_recorded_and_scanned(tmp_path: Path, proxy_factory, mode: str) -> None:  # type: ignore[no-untyped-def]
    ls, up, seen = tcp_sink()
    proxy = proxy_factory(mode=mode if mode == "socks5" else f"reverse:tcp://127.0.0.1:{up}")
    try:
        s = socks5_connect(proxy.port, up) if mode == "socks5" else \
            socket.create_connection(("127.0.0.1", proxy.port), timeout=10)
        s.sendall(PUSH_LOGIN)
        assert s.recv(16) == b"OK"  # the connection works through the proxy
        s.close()
        got = wait_rows(proxy.db, "SELECT type, ip, port, protocol FROM findings", lambda r: len(r) >= 1)
    finally:
        proxy.stop()
        ls.close()
    assert seen == [PUSH_LOGIN]  # untouched
    assert ("imei", "127.0.0.1", up, "tcp") in got, got
    dest = rows(proxy.db, f"SELECT transport, bytes_out FROM destinations WHERE port = {up}")
    assert dest and dest[0][0] == "tcp" and dest[0][1] == len(PUSH_LOGIN)


def test_a_line_of_text_on_socks5_does_not_stall(tmp_path: Path, proxy_factory) -> None:  # type: ignore[no-untyped-def]
    ls, up, seen = tcp_sink()
    proxy = proxy_factory(mode="socks5")
    try:
        s = socks5_connect(proxy.port, up)
        s.sendall(f"GET imei={IMEI}\n".encode())  # looks like HTTP, is not
        s.settimeout(10)
        assert s.recv(16) == b"OK"
        s.close()
    finally:
        proxy.stop()
        ls.close()


def test_udp_pppp_through_reverse_udp_yields_the_camera_id(tmp_path: Path, proxy_factory) -> None:  # type: ignore[no-untyped-def]
    up_sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    up_sock.bind(("127.0.0.1", 0))
    up = up_sock.getsockname()[1]

    def echo() -> None:
        while True:
            try:
                data, addr = up_sock.recvfrom(2048)
            except OSError:
                return
            up_sock.sendto(b"\xf1\x01\x00\x00", addr)  # MSG_HELLO_ACK-like reply

    threading.Thread(target=echo, daemon=True).start()
    proxy = proxy_factory(mode=f"reverse:udp://127.0.0.1:{up}", udp=True)
    try:
        c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        c.settimeout(5)
        body = UID + b"\0" * 20
        for mtype, payload in ((0x00, b""), (0x10, body)):
            c.sendto(bytes([0xF1, mtype]) + len(payload).to_bytes(2, "big") + payload, ("127.0.0.1", proxy.port))
            assert c.recvfrom(64)[0] == b"\xf1\x01\x00\x00"
        got = wait_rows(proxy.db, "SELECT type, value, protocol FROM findings", lambda r: len(r) >= 1)
    finally:
        proxy.stop()
        up_sock.close()
    assert ("device_uid", "ABCD-123456-EFGHJ", "pppp") in got, got


def dns_server() -> tuple[socket.socket, int]:
    """A loopback DNS server that answers every A question with 203.0.113.7."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                q, addr = s.recvfrom(512)
            except OSError:
                return
            end = 12
            while q[end]:
                end += q[end] + 1
            question = q[12:end + 5]
            answer = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 300, 4) + socket.inet_aton("203.0.113.7")
            s.sendto(q[:2] + b"\x81\x80" + struct.pack("!HHHH", 1, 1, 0, 0) + question + answer, addr)

    threading.Thread(target=serve, daemon=True).start()
    return s, s.getsockname()[1]


def test_dns_through_reverse_dns_feeds_the_attributor(tmp_path: Path, proxy_factory) -> None:  # type: ignore[no-untyped-def]
    srv, up = dns_server()
    proxy = proxy_factory(mode=f"reverse:dns://127.0.0.1:{up}", udp=True)
    try:
        c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        c.settimeout(5)
        name = b"".join(bytes([len(p)]) + p for p in (b"api", b"jpush", b"cn")) + b"\0"
        c.sendto(b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00" + name + b"\x00\x01\x00\x01",
                 ("127.0.0.1", proxy.port))
        reply = c.recvfrom(512)[0]
        assert reply[:2] == b"\x12\x34" and socket.inet_aton("203.0.113.7") in reply
        got = wait_rows(proxy.db, "SELECT qname, value FROM dns", lambda r: len(r) >= 1)
    finally:
        proxy.stop()
        srv.close()
    assert ("api.jpush.cn", "203.0.113.7") in got


def test_http_through_socks5_is_still_read_as_http(tmp_path: Path, proxy_factory) -> None:  # type: ignore[no-untyped-def]

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    up = srv.server_address[1]
    proxy = proxy_factory(mode="socks5")
    try:
        s = socks5_connect(proxy.port, up)
        s.sendall(f"GET /v1/ping?imei={IMEI} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        assert s.recv(4096).startswith(b"HTTP/1.0 200")
        s.close()
        got = wait_rows(proxy.db, "SELECT type, location, protocol FROM findings", lambda r: len(r) >= 1)
    finally:
        proxy.stop()
        srv.shutdown()
    assert ("imei", "query:imei", "http") in got, got


def test_wireguard_mode_prints_the_client_configuration(tmp_path: Path) -> None:
    port = free_udp_port()
    db = tmp_path / "lab.db"
    proc = subprocess.Popen([sys.executable, "-m", "monitor", "proxy", "--listen-port", str(port), "--db", str(db),
                             "--confdir", str(tmp_path / "mitm"), "--mode", "wireguard"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    conf = tmp_path / "lab.wireguard.conf"
    try:
        end = time.monotonic() + 30
        while not conf.exists() and time.monotonic() < end and proc.poll() is None:
            time.sleep(0.2)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    text = conf.read_text()
    assert "[Interface]" in text and "PrivateKey" in text and f":{port}" in text
    assert conf.stat().st_mode & 0o077 == 0  # it holds the tunnel's private key
    assert "[Peer]" in err.decode() and "WireGuard app" in err.decode()


def test_new_hooks_fail_open_and_never_change_the_flow() -> None:
    class Broken:
        def submit(self, item: object) -> bool:
            raise RuntimeError("classifier exploded")

    addon = PrivmonAddon(Broken())
    with taddons.context(addon):
        tcp, udp, ws, dns = tflow.ttcpflow(), tflow.tudpflow(), tflow.twebsocketflow(), tflow.tdnsflow(resp=True)
        before = [f.get_state() for f in (tcp, udp, ws, dns)]
        addon.tcp_message(tcp)
        addon.udp_message(udp)
        addon.websocket_message(ws)
        addon.dns_response(dns)
        addon.tcp_end(tcp)
        assert addon.failures == 5
        assert [f.get_state() for f in (tcp, udp, ws, dns)] == before
