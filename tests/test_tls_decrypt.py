"""TLS decryption from key logs on real TLS: Python ssl client and server on 127.0.0.1, the bytes they
exchanged recorded by a relay and written as a pcap with real TCP framing, then `privmon analyze --keylog`."""

from __future__ import annotations

import datetime
import socket
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from hpack import Encoder
from pcapgen import eth, ip4, pcap, pcapng, tcp

ROOT = Path(__file__).resolve().parent.parent
IMEI = "356938035643809"


def make_cert(tmp: Path, names: tuple[str, ...] = ("localhost",)) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(7).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False)
            .sign(key, hashes.SHA256()))
    p = tmp / "cert.pem"
    p.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return p


def h2_request() -> tuple[bytes, bytes]:
    def frame(ftype: int, flags: int, sid: int, payload: bytes) -> bytes:
        return len(payload).to_bytes(3, "big") + bytes([ftype, flags]) + sid.to_bytes(4, "big") + payload

    req = frame(1, 0x5, 1, Encoder().encode([(":method", "GET"), (":scheme", "https"), (":authority", "api.example.cn"),
                                             (":path", f"/v2/ping?imei={IMEI}"), ("x-app", "demo")]))
    resp = frame(4, 0, 0, b"") + frame(1, 0x5, 1, Encoder().encode([(":status", "200")]))
    return b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + frame(4, 0, 0, b"") + req, resp


def session(cert: Path, keylog: Path | None, version: ssl.TLSVersion, ciphers: str | None, h2: bool,
            sni: str | None = "localhost") -> list:
    """One TLS exchange through a recording relay; returns [(outbound, bytes)] in order.

    sni=None: the client sends no server name (as when it connects to a bare IP address)."""
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(cert)
    sctx.maximum_version = version
    if ciphers:
        sctx.set_ciphers(ciphers)
    if h2:
        sctx.set_alpn_protocols(["h2"])
    srv = socket.create_server(("127.0.0.1", 0))
    relay = socket.create_server(("127.0.0.1", 0))
    h2req, h2resp = h2_request()
    chunks: list[tuple[bool, bytes]] = []
    lock = threading.Lock()

    def serve() -> None:
        conn, _ = srv.accept()
        with sctx.wrap_socket(conn, server_side=True) as s:
            s.recv(65536)
            s.sendall(h2resp if h2 else b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            time.sleep(0.2)

    def pipe(a: socket.socket, b: socket.socket, outbound: bool) -> None:
        while data := a.recv(65536):
            with lock:
                chunks.append((outbound, data))
            b.sendall(data)
        b.shutdown(socket.SHUT_WR)

    def relay_one() -> None:
        c, _ = relay.accept()
        up = socket.create_connection(srv.getsockname())
        t = threading.Thread(target=pipe, args=(up, c, False))
        t.start()
        pipe(c, up, True)
        t.join()

    threads = [threading.Thread(target=serve), threading.Thread(target=relay_one)]
    for t in threads:
        t.start()
    cctx = ssl.create_default_context(cafile=str(cert))
    cctx.maximum_version = version
    if ciphers:
        cctx.set_ciphers(ciphers)
    if h2:
        cctx.set_alpn_protocols(["h2"])
    if keylog:
        cctx.keylog_filename = str(keylog)
    if sni is None:
        cctx.check_hostname = False
    with socket.create_connection(relay.getsockname()) as raw, cctx.wrap_socket(raw, server_hostname=sni) as s:
        s.sendall(h2req if h2 else f"GET /v1/ping?imei={IMEI} HTTP/1.1\r\nHost: api.example.cn\r\n\r\n".encode())
        s.recv(65536)
    for t in threads:
        t.join(10)
    srv.close()
    relay.close()
    return chunks


def frames_of(chunks: list, cport: int, t0: float) -> list[tuple[float, bytes]]:
    c, s = "10.42.0.23", "203.0.113.80"
    cs, ss = 1000, 9000
    out = [(t0, eth(ip4(c, s, 6, tcp(cport, 443, cs, 0x02)))), (t0 + .001, eth(ip4(s, c, 6, tcp(443, cport, ss, 0x12)))),
           (t0 + .002, eth(ip4(c, s, 6, tcp(cport, 443, cs + 1, 0x10))))]
    cs, ss = cs + 1, ss + 1
    t = t0 + 0.01
    for outbound, data in chunks:
        for i in range(0, len(data), 1400):
            piece = data[i:i + 1400]
            t += 0.001
            if outbound:
                out.append((t, eth(ip4(c, s, 6, tcp(cport, 443, cs, 0x18, piece)))))
                cs += len(piece)
            else:
                out.append((t, eth(ip4(s, c, 6, tcp(443, cport, ss, 0x18, piece)))))
                ss += len(piece)
    out += [(t + .01, eth(ip4(c, s, 6, tcp(cport, 443, cs, 0x11)))), (t + .02, eth(ip4(s, c, 6, tcp(443, cport, ss, 0x11))))]
    return out


def analyze(tmp: Path, cap: Path, *keylogs: Path) -> sqlite3.Connection:
    db = tmp / "x.db"
    args = [sys.executable, "-m", "monitor", "analyze", str(cap), "--db", str(db), "-q"]
    for k in keylogs:
        args += ["--keylog", str(k)]
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return sqlite3.connect(db)


CASES = [
    ("tls13-aes128gcm", ssl.TLSVersion.TLSv1_3, None, False),
    ("tls13-h2", ssl.TLSVersion.TLSv1_3, None, True),
    ("tls12-ecdhe-aes128gcm", ssl.TLSVersion.TLSv1_2, "ECDHE-RSA-AES128-GCM-SHA256", False),
    ("tls12-ecdhe-aes256gcm", ssl.TLSVersion.TLSv1_2, "ECDHE-RSA-AES256-GCM-SHA384", False),
    ("tls12-ecdhe-chacha20", ssl.TLSVersion.TLSv1_2, "ECDHE-RSA-CHACHA20-POLY1305", False),
    ("tls12-ecdhe-aes128cbc-sha", ssl.TLSVersion.TLSv1_2, "ECDHE-RSA-AES128-SHA", False),
    ("tls12-ecdhe-aes256cbc-sha384", ssl.TLSVersion.TLSv1_2, "ECDHE-RSA-AES256-SHA384", False),
    ("tls12-h2", ssl.TLSVersion.TLSv1_2, "ECDHE-RSA-AES128-GCM-SHA256", True),
]


@pytest.mark.parametrize(("name", "version", "ciphers", "h2"), CASES, ids=[c[0] for c in CASES])
def test_decrypts_and_finds_the_identifier(tmp_path: Path, name: str, version: ssl.TLSVersion, ciphers: str | None,
                                           h2: bool) -> None:
    cert = make_cert(tmp_path)
    keylog = tmp_path / "keys.log"
    chunks = session(cert, keylog, version, ciphers, h2)
    cap = tmp_path / "tls.pcap"
    cap.write_bytes(pcap(frames_of(chunks, 40000, 1_767_225_600.0)))
    db = analyze(tmp_path, cap, keylog)
    msg = db.execute("SELECT method, url, protocol, status FROM messages WHERE kind = 'http'").fetchall()
    assert msg and msg[0][0] == "GET" and IMEI in msg[0][1] and msg[0][2] == "https" and msg[0][3] == 200
    f = db.execute("SELECT type, location, transform, protocol FROM findings").fetchall()
    assert ("imei", "query:imei", "tls > plain", "https") in f
    summary = db.execute("SELECT summary, keylogs FROM captures").fetchone()
    assert '"decrypted_sessions": 1' in summary[0] and "keys.log" in summary[1]


def test_partial_key_log_and_corrupt_lines(tmp_path: Path) -> None:
    cert = make_cert(tmp_path)
    keylog = tmp_path / "keys.log"
    first = session(cert, keylog, ssl.TLSVersion.TLSv1_3, None, False)
    second = session(cert, None, ssl.TLSVersion.TLSv1_3, None, False)  # no secrets for this one
    keylog.write_bytes(keylog.read_bytes() + b"CLIENT_RANDOM zz not-hex\ngarbage line\n")
    cap = tmp_path / "two.pcapng"
    frames = frames_of(first, 40001, 1_767_225_600.0) + frames_of(second, 40002, 1_767_225_610.0)
    cap.write_bytes(pcapng([(t, 0, f) for t, f in frames], [1]))
    db = analyze(tmp_path, cap, keylog)
    assert db.execute("SELECT COUNT(*) FROM messages WHERE kind = 'http'").fetchone()[0] == 1
    summary = db.execute("SELECT summary, warnings FROM captures").fetchone()
    assert '"decrypted_sessions": 1' in summary[0] and '"encrypted_no_key": 1' in summary[0]
    assert "unreadable line" in summary[1]


def test_secrets_inside_a_pcapng_decryption_secrets_block(tmp_path: Path) -> None:
    cert = make_cert(tmp_path)
    keylog = tmp_path / "keys.log"
    chunks = session(cert, keylog, ssl.TLSVersion.TLSv1_3, None, False)
    cap = tmp_path / "dsb.pcapng"
    cap.write_bytes(pcapng([(t, 0, f) for t, f in frames_of(chunks, 40003, 1.0)], [1], secrets=keylog.read_bytes()))
    db = analyze(tmp_path, cap)  # no --keylog: the secrets travel in the capture
    assert db.execute("SELECT COUNT(*) FROM findings WHERE type = 'imei'").fetchone()[0] == 1
