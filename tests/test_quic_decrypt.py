"""QUIC decrypted from a key log, HTTP/3 read inside (issue 17, item 9).

The QUIC traffic is made by a real implementation (aioquic, mitmproxy's QUIC stack: a client and
a server connection in memory, datagrams exchanged in this process, nothing sent anywhere), each
datagram written into a pcap with IP/UDP headers, and its NSS key log kept. privmon then reads
the request's identifiers from the HTTP/3 HEADERS (QPACK, dynamic table included) and DATA.
"""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pcapgen import eth, ip4, pcap, udp, write

from monitor.cli import cli

aioquic = pytest.importorskip("aioquic")
# after the skip: without aioquic (an optional test dependency) the module is skipped, not an error
from aioquic.h3.connection import H3_ALPN, H3Connection  # noqa: E402
from aioquic.h3.events import HeadersReceived  # noqa: E402
from aioquic.quic.configuration import QuicConfiguration  # noqa: E402
from aioquic.quic.connection import QuicConnection  # noqa: E402
from aioquic.quic.packet import QuicProtocolVersion  # noqa: E402
from aioquic.tls import CipherSuite  # noqa: E402

C, S = "10.42.0.23", "203.0.113.80"


def _certificate() -> tuple[object, object]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "h3.example.cn")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("h3.example.cn")]), critical=False)
            .sign(key, hashes.SHA256()))
    return cert, key


def make_h3_capture(tmp_path: Path, requests: int = 2, chacha: bool = False, v2: bool = False) -> tuple[Path, Path]:
    cert, key = _certificate()
    secrets = io.StringIO()
    ccfg = QuicConfiguration(is_client=True, alpn_protocols=H3_ALPN, server_name="h3.example.cn",
                             secrets_log_file=secrets, verify_mode=0)
    if chacha:
        ccfg.cipher_suites = [CipherSuite.CHACHA20_POLY1305_SHA256]
    if v2:
        ccfg.original_version = QuicProtocolVersion.VERSION_2
        ccfg.supported_versions = [QuicProtocolVersion.VERSION_2]
    scfg = QuicConfiguration(is_client=False, alpn_protocols=H3_ALPN)
    if v2:
        scfg.supported_versions = ccfg.supported_versions
    scfg.certificate, scfg.private_key = cert, key
    client, now = QuicConnection(configuration=ccfg), 1_767_225_600.0
    caddr, saddr = (C, 50123), (S, 443)
    client.connect(saddr, now=now)
    h3c = H3Connection(client)
    server: QuicConnection | None = None
    h3s: H3Connection | None = None
    frames: list[tuple[float, bytes]] = []

    def pump() -> None:
        nonlocal server, h3s, now
        for _ in range(50):
            moved = False
            for data, _addr in client.datagrams_to_send(now=now):
                moved = True
                frames.append((now, eth(ip4(C, S, 17, udp(caddr[1], saddr[1], data)))))
                if server is None:
                    server = QuicConnection(configuration=scfg, original_destination_connection_id=data[6:6 + data[5]])
                    h3s = H3Connection(server)
                server.receive_datagram(data, caddr, now=now)
            if server is not None:
                assert h3s is not None
                while (ev := server.next_event()) is not None:
                    for h in h3s.handle_event(ev):
                        if isinstance(h, HeadersReceived):
                            h3s.send_headers(h.stream_id, [(b":status", b"200"), (b"content-type", b"text/plain")])
                            h3s.send_data(h.stream_id, b"ok", end_stream=True)
                for data, _addr in server.datagrams_to_send(now=now):
                    moved = True
                    frames.append((now, eth(ip4(S, C, 17, udp(saddr[1], caddr[1], data)))))
                    client.receive_datagram(data, saddr, now=now)
            while (ev := client.next_event()) is not None:
                h3c.handle_event(ev)
            now += 0.001
            if not moved:
                break

    pump()
    for i in range(requests):
        sid = client.get_next_available_stream_id()
        h3c.send_headers(sid, [(b":method", b"POST"), (b":scheme", b"https"), (b":authority", b"h3.example.cn"),
                               (b":path", f"/v1/report?imei=356938035643809&n={i}".encode()),
                               (b"x-device-id", b"ABCD-123456-EFGHJ"), (b"user-agent", b"lab-app/1.0")])
        h3c.send_data(sid, b'{"mac":"00:1a:2b:3c:4d:5e"}', end_stream=True)
        pump()
    cap = write(tmp_path / "h3.pcap", pcap(frames))
    keylog = tmp_path / "h3.keylog"
    keylog.write_text(secrets.getvalue())
    return cap, keylog


def _report(tmp_path: Path, cap: Path, keylog: Path | None) -> dict:  # type: ignore[type-arg]
    db = tmp_path / ("k.db" if keylog else "n.db")
    args = ["analyze", str(cap), "--db", str(db), "-q"] + (["--keylog", str(keylog)] if keylog else [])
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output
    return json.loads(CliRunner().invoke(cli, ["report", "--db", str(db), "--format", "json"]).stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(("chacha", "v2"), [(False, False), (True, False), (False, True)])
def test_http3_requests_are_read_with_the_key_log(tmp_path: Path, chacha: bool, v2: bool) -> None:
    cap, keylog = make_h3_capture(tmp_path, chacha=chacha, v2=v2)
    rep = _report(tmp_path, cap, keylog)
    found = {(f["type"], f["value"]) for f in rep["findings"]}
    assert ("imei", "356938035643809") in found
    assert ("mac", "00:1a:2b:3c:4d:5e") in found
    imei = [f for f in rep["findings"] if f["type"] == "imei"]
    assert imei[0]["protocol"] == "https" and imei[0]["host"] == "h3.example.cn" and imei[0]["transport"] == "udp"
    assert imei[0]["url"].startswith("https://h3.example.cn/v1/report?imei=")
    assert rep["captures"][0]["warnings"] == []


def test_without_the_key_log_quic_is_said_not_decrypted(tmp_path: Path) -> None:
    cap, _keylog = make_h3_capture(tmp_path, requests=1)
    rep = _report(tmp_path, cap, None)
    assert not [f for f in rep["findings"] if f["type"] == "imei"]
    assert rep["captures"][0]["warnings"] == [
        "1 QUIC connection seen and not decrypted (no key log secret for it: only its server name was read)"]
    assert [(d["host"], d["protocol"]) for d in rep["destinations"]] == [("h3.example.cn", "quic")]
