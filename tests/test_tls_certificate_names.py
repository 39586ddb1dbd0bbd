"""A client that connects to a bare IP sends no SNI; under TLS 1.2 the server's certificate still
names the server, in clear. Real TLS sessions (Python ssl on 127.0.0.1, recorded by a relay, written
as a pcap), analyzed without any key."""

from __future__ import annotations

import ssl
from pathlib import Path

from pcapgen import pcap
from test_tls_decrypt import analyze, frames_of, make_cert, session

from monitor.sources.tlshello import server_certificate_names


def _destination(tmp_path: Path, names: tuple[str, ...], version: ssl.TLSVersion, sni: str | None) -> tuple:
    cert = make_cert(tmp_path, names)
    chunks = session(cert, None, version, None, False, sni=sni)
    cap = tmp_path / "bare-ip.pcap"
    cap.write_bytes(pcap(frames_of(chunks, 40001, 1_700_000_000.0)))
    db = analyze(tmp_path, cap)
    rows = db.execute("SELECT host, sdk, category, reason FROM destinations WHERE port = 443").fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_a_tls12_server_without_sni_is_named_by_its_certificate(tmp_path: Path) -> None:
    host, sdk, category, reason = _destination(tmp_path, ("*.jpush.cn", "jpush.cn"), ssl.TLSVersion.TLSv1_2, None)
    assert (host, sdk, category) == ("jpush.cn", "jpush", "push")
    assert reason.startswith("server certificate *.jpush.cn")


def test_the_sni_wins_over_the_certificate(tmp_path: Path) -> None:
    host, sdk, _category, _reason = _destination(tmp_path, ("bugly.qq.com", "localhost"), ssl.TLSVersion.TLSv1_2,
                                                 "localhost")
    assert (host, sdk) == ("localhost", "unknown")


def test_tls13_hides_the_certificate_so_the_ip_stays_unnamed(tmp_path: Path) -> None:
    host, sdk, _category, _reason = _destination(tmp_path, ("*.jpush.cn",), ssl.TLSVersion.TLSv1_3, None)
    assert (host, sdk) == ("", "unknown")


def test_hostile_server_flights_give_no_names() -> None:
    hello = b"\x02\x00\x00\x26" + b"\x03\x03" + bytes(32) + b"\x00" + b"\xc0\x2f\x00"
    record = b"\x16\x03\x03" + len(hello).to_bytes(2, "big") + hello
    assert server_certificate_names(record) is None  # the Certificate has not arrived yet
    bogus = b"\x0b" + (10).to_bytes(3, "big") + (7).to_bytes(3, "big") + (4).to_bytes(3, "big") + b"\x30\x82\xff\xff"
    assert server_certificate_names(record + b"\x16\x03\x03" + len(bogus).to_bytes(2, "big") + bogus) == ()
    lying = b"\x0b" + (7).to_bytes(3, "big") + (7).to_bytes(3, "big") + (99999).to_bytes(3, "big") + b"\x30"
    assert server_certificate_names(b"\x16\x03\x03" + len(lying).to_bytes(2, "big") + lying) == ()
    assert server_certificate_names(b"\x17\x03\x03\x00\x10" + bytes(16)) == ()  # data before any handshake
    assert server_certificate_names(b"\x16\x03\x03\xff\xff" + bytes(100)) == ()  # record over the TLS limit
