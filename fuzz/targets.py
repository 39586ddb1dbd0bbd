"""Fuzz targets: every parser that sees captured bytes, fed hypothesis-generated input.

Each target takes one hypothesis strategy draw and runs the parser to completion. The only
exception a target may let through is `monitor.errors.BadInput` (a clean, expected refusal);
anything else is a bug. Outer layers are kept valid where needed so that the inner parser
(DNS, TLS, QUIC, HTTP, PPPP...) is actually reached.
"""

from __future__ import annotations

import json
import struct
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from monitor.errors import BadInput
from monitor.testing import frames

LINKTYPES = [0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 9, 50, 105, 119, 127, 149, 163, 192, 204, 239, 258]
MAX_LEN = 4096


def _ipv4(proto: int, payload: bytes, src: bytes = b"\x0a\x2a\x00\x17", dst: bytes = b"\xcb\x00\x71\x0a") -> bytes:
    return frames.ip4(src, dst, proto, payload, ident=7)


def _decoder() -> Any:
    from monitor.sources.packets import PacketDecoder

    return PacketDecoder()


def _drain(dec: Any) -> None:
    dec.expire(1e12)
    dec.finish()


def _file(suffix: str, data: bytes) -> Path:
    f = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)
    f.write(data)
    f.close()
    return Path(f.name)


def _open_and_drain(path: Path) -> None:
    from monitor.sources import open_capture

    try:
        src = open_capture(path)
        for _ in src.messages():
            pass
    except BadInput:
        pass
    finally:
        path.unlink(missing_ok=True)


# -- targets -------------------------------------------------------------------------------------

def t_pcap(data: bytes) -> None:
    hdr = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    _open_and_drain(_file(".pcap", hdr + data))


def t_pcapng(blocks: list[tuple[int, bytes]]) -> None:
    shb_body = struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)
    out = struct.pack("<II", 0x0A0D0D0A, 12 + len(shb_body)) + shb_body + struct.pack("<I", 12 + len(shb_body))
    idb = struct.pack("<HHI", 1, 0, 65535)
    out += struct.pack("<II", 1, 12 + len(idb)) + idb + struct.pack("<I", 12 + len(idb))
    for btype, body in blocks:
        body = body + b"\0" * (-len(body) % 4)
        out += struct.pack("<II", btype, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))
    _open_and_drain(_file(".pcapng", out))


def t_link(linktype: int, frame: bytes) -> None:
    dec = _decoder()
    dec.feed(1.0, linktype, frame, 1)
    _drain(dec)


def t_ip(payload: bytes, proto: int) -> None:
    dec = _decoder()
    dec.feed(1.0, 1, frames.eth(_ipv4(proto, payload)), 1)
    dec.feed(1.0, 101, b"\x60" + payload, 2)  # raw IPv6-ish
    _drain(dec)


def t_tunnel(payload: bytes, port: int) -> None:
    dec = _decoder()
    dec.feed(1.0, 1, frames.eth(_ipv4(17, frames.udp(50000, port, payload))), 1)
    dec.feed(2.0, 1, frames.eth(_ipv4(17, frames.udp(port, 50000, b"\x08\0\0\0\0\0\0\0" + payload))), 2)
    _drain(dec)


def t_quic_session(datagrams: list[tuple[bool, bytes]], plain: bytes) -> None:
    from monitor.model import Endpoint
    from monitor.sources.quic_decrypt import QuicSession

    secrets = {"CLIENT_TRAFFIC_SECRET_0": b"\x01" * 32, "SERVER_TRAFFIC_SECRET_0": b"\x02" * 48}
    q = QuicSession(Endpoint("10.0.0.1", 50000), Endpoint("10.0.0.2", 443), secrets, 1, b"\x07" * 8)
    for i, (outbound, d) in enumerate(datagrams):
        q.feed(outbound, d, float(i), i + 1)
    for outbound in (True, False):  # the frame and HTTP/3 layers, as if the AEAD had opened
        try:
            q._frames(outbound, plain, 1.0, 1)
        except (ValueError, IndexError):
            pass  # QuicSession.feed catches these around _frames
    q.close(2.0)


def t_tcp_reassembly(segments: list[tuple[int, int, bytes]]) -> None:
    dec = _decoder()
    for i, (seq, flags, payload) in enumerate(segments):
        dec.feed(1.0 + i, 1, frames.eth(_ipv4(6, frames.tcp(40000, 80, seq, flags, payload))), i + 1)
    _drain(dec)


def t_http(request: bytes, response: bytes) -> None:
    dec = _decoder()
    dec.feed(1.0, 1, frames.eth(_ipv4(6, frames.tcp(40000, 80, 0, 0x02, b""))), 1)
    dec.feed(1.1, 1, frames.eth(_ipv4(6, frames.tcp(40000, 80, 1, 0x18, request))), 2)
    dec.feed(1.2, 1, frames.eth(_ipv4(6, frames.tcp(80, 40000, 1, 0x18, response), src=b"\xcb\x00\x71\x0a",
                                 dst=b"\x0a\x2a\x00\x17")), 3)
    _drain(dec)


def t_dns(payload: bytes) -> None:
    dec = _decoder()
    dec.feed(1.0, 1, frames.eth(_ipv4(17, frames.udp(53, 40000, payload), src=b"\x08\x08\x08\x08", dst=b"\x0a\x2a\x00\x17")), 1)
    dec.feed(1.0, 1, frames.eth(_ipv4(6, frames.tcp(53, 40001, 1, 0x18, struct.pack("!H", len(payload)) + payload),
                                 src=b"\x08\x08\x08\x08", dst=b"\x0a\x2a\x00\x17")), 2)
    _drain(dec)


def t_tls_hello(body: bytes) -> None:
    dec = _decoder()
    rec = b"\x16\x03\x01" + struct.pack("!H", len(body)) + body
    dec.feed(1.0, 1, frames.eth(_ipv4(6, frames.tcp(40000, 443, 0, 0x02, b""))), 1)
    dec.feed(1.1, 1, frames.eth(_ipv4(6, frames.tcp(40000, 443, 1, 0x18, rec[:7]))), 2)
    dec.feed(1.2, 1, frames.eth(_ipv4(6, frames.tcp(40000, 443, 8, 0x18, rec[7:]))), 3)
    _drain(dec)


def t_quic(first: int, rest: bytes) -> None:
    dec = _decoder()
    payload = bytes([0xC0 | (first & 0x3F)]) + b"\x00\x00\x00\x01" + rest
    dec.feed(1.0, 1, frames.eth(_ipv4(17, frames.udp(40000, 443, payload))), 1)
    _drain(dec)


_RULES: list[Any] = []


def _rules() -> Any:
    """The bundled rules, loaded once per fuzzing process."""
    from monitor.rules.load import load_rules

    if not _RULES:
        _RULES.append(load_rules())
    return _RULES[0]


def t_p2p(payload: bytes, port: int) -> None:
    from monitor.classify.p2p import recognize

    for sp, cp, tr in ((32100, 40000, "udp"), (port, 40000, "udp"), (34567, 40000, "tcp"), (1883, 40000, "tcp")):
        recognize(payload, sp, cp, tr, _rules().p2p)
        if payload:
            recognize(b"\xf1" + payload[1:], sp, cp, tr, _rules().p2p)


def t_server_certificate(messages: list[tuple[int, bytes]], cut: int) -> None:
    from monitor.sources.tlshello import server_certificate_names

    hs = b"".join(bytes([t]) + len(b).to_bytes(3, "big") + b for t, b in messages)
    stream = b"".join(b"\x16\x03\x03" + len(hs[i:i + 300]).to_bytes(2, "big") + hs[i:i + 300]
                      for i in range(0, len(hs), 300))
    names = server_certificate_names(stream[:cut] if cut else stream)
    assert names is None or all(isinstance(n, str) and len(n) <= 253 for n in names)


def t_httpdns(path: str, body: bytes, ctype: str) -> None:
    from monitor.model import Endpoint, HttpExchange
    from monitor.sources.httpdns import dns_from_http

    m = HttpExchange(ts=1.0, client=Endpoint("10.0.0.2", 1), server=Endpoint("119.29.29.29", 80), method="GET",
                     host="119.29.29.29", path=path, request_headers=(), request_body=b"", status=200,
                     response_headers=(("Content-Type", ctype),), response_body=body)
    got = dns_from_http(m)
    assert got is None or all(len(a) == 4 for a in got.answers)


def t_cs2_session(datagrams: list[bytes]) -> None:
    from monitor.classify.cs2crypt import KeyState
    from monitor.classify.p2p import recognize

    keys = KeyState()
    for d in datagrams:  # a session on the PPPP port: what one datagram teaches is used on the next
        recognize(d, 32100, 40000, "udp", _rules().p2p, keys=keys)
        recognize(d, 40000, 32100, "udp", _rules().p2p, keys=keys)


def t_body(body: bytes, encoding: str, ctype: str) -> None:
    from monitor.decode import fields_of_http
    from monitor.model import Endpoint, HttpExchange

    m = HttpExchange(ts=1.0, client=Endpoint("10.0.0.2", 40000), server=Endpoint("1.2.3.4", 80), method="POST",
                     host="x.example", path="/a?b=" + body[:64].hex(),
                     request_headers=(("Content-Encoding", encoding), ("Content-Type", ctype)),
                     request_body=body)
    fields_of_http(m)


def t_payload(payload: bytes) -> None:
    from monitor.decode import fields_of_payload

    fields_of_payload(payload, "udp")
    fields_of_payload(payload, "tcp")


def t_har(text: str) -> None:
    _open_and_drain(_file(".har", ('{"log": {"version": "1.2", "entries": ' + text).encode("utf-8", "replace")))


def t_mitm(data: bytes) -> None:
    _open_and_drain(_file(".mitm", b"%d:" % len(data) + data))


def t_tls_records(records: list[tuple[bool, bytes]]) -> None:
    from monitor.model import Endpoint
    from monitor.sources.tls import TlsFactory
    from monitor.sources.tls.keylog import KeyLog

    log = KeyLog()
    log.add(b"CLIENT_RANDOM " + b"11" * 32 + b" " + b"22" * 48 + b"\n")
    h = TlsFactory(log)(Endpoint("10.0.0.2", 40000), Endpoint("1.2.3.4", 443))
    for i, (outbound, data) in enumerate(records):
        h.feed(outbound, data, float(i), i)
    h.close(99.0)


def t_http2(preface: bool, data: bytes) -> None:
    from monitor.model import Endpoint
    from monitor.sources.http2 import PREFACE, H2Handler

    h = H2Handler(Endpoint("10.0.0.2", 40000), Endpoint("1.2.3.4", 443))
    h.feed(True, (PREFACE if preface else b"") + data, 1.0, 1)
    h.feed(False, data, 2.0, 2)
    h.close(3.0)


def t_policy(text: str) -> None:
    from monitor.policy import read_policy

    p = _file(".txt", text.encode("utf-8", "replace"))
    try:
        read_policy(p, _rules())
    except BadInput:
        pass
    finally:
        p.unlink(missing_ok=True)


_bytes = st.binary(max_size=MAX_LEN)
_http_req = st.one_of(
    _bytes,
    st.builds(lambda m, body, te: (b"POST /x?imei=356938035643809 HTTP/1.1\r\nHost: a.example\r\n" + te
                                   + b"\r\n" + body), st.sampled_from([b"GET", b"POST"]), _bytes,
              st.sampled_from([b"Transfer-Encoding: chunked\r\n", b"Content-Length: 99999999999\r\n",
                               b"Content-Length: -1\r\n", b"Expect: 100-continue\r\nContent-Length: 5\r\n", b""])),
)


@dataclass(frozen=True)
class Target:
    name: str
    run: Callable[..., None]
    strategy: st.SearchStrategy[Any]


TARGETS = [
    Target("pcap records", t_pcap, st.tuples(_bytes)),
    Target("pcapng blocks", t_pcapng, st.tuples(st.lists(st.tuples(st.sampled_from([1, 2, 3, 5, 6, 10, 0xBAD]),
                                                                    st.binary(max_size=512)), max_size=6))),
    Target("link layers", t_link, st.tuples(st.sampled_from(LINKTYPES), _bytes)),
    Target("IP/TCP/UDP", t_ip, st.tuples(_bytes, st.sampled_from([6, 17, 1, 0, 44, 58, 60, 4, 41, 47, 50, 132]))),
    Target("UDP tunnels (VXLAN, Geneve, Teredo)", t_tunnel, st.tuples(_bytes, st.sampled_from([4789, 8472, 6081, 3544]))),
    Target("QUIC 1-RTT and HTTP/3", t_quic_session, st.tuples(st.lists(st.tuples(st.booleans(), _bytes), max_size=6),
                                                              _bytes)),
    Target("TCP reassembly", t_tcp_reassembly, st.tuples(st.lists(st.tuples(
        st.integers(0, 5000), st.sampled_from([0x02, 0x10, 0x18, 0x11, 0x04, 0x12]), st.binary(max_size=600)),
        max_size=20))),
    Target("HTTP/1.x", t_http, st.tuples(_http_req, _bytes)),
    Target("DNS", t_dns, st.tuples(_bytes)),
    Target("TLS ClientHello", t_tls_hello, st.tuples(st.one_of(_bytes, st.builds(lambda b: b"\x01\x00" + b, _bytes)))),
    Target("QUIC Initial", t_quic, st.tuples(st.integers(0, 255), _bytes)),
    Target("PPPP/Kalay/MQTT/Tuya/XMEye", t_p2p, st.tuples(_bytes, st.integers(0, 65535))),
    Target("body decoders", t_body, st.tuples(_bytes, st.sampled_from(["gzip", "deflate", "br", "zstd", "", "x"]),
                                              st.sampled_from(["application/json", "application/x-www-form-urlencoded",
                                                               "multipart/form-data; boundary=b", "text/xml",
                                                               "application/x-protobuf", ""]))),
    Target("payload fields", t_payload, st.tuples(_bytes)),
    Target("HAR", t_har, st.tuples(st.text(max_size=2000))),
    Target("mitmproxy flows", t_mitm, st.tuples(_bytes)),
    Target("policy text", t_policy, st.tuples(st.text(max_size=3000))),
    Target("TLS records (decryption)", t_tls_records, st.tuples(st.lists(st.tuples(st.booleans(), st.one_of(
        st.binary(max_size=600), st.builds(lambda t, b: bytes([t, 3, 3]) + len(b).to_bytes(2, "big") + b,
                                           st.sampled_from([20, 22, 23]), st.binary(max_size=400)))), max_size=12))),
    Target("HTTP/2 + HPACK", t_http2, st.tuples(st.booleans(), _bytes)),
    Target("TLS server certificate", t_server_certificate, st.tuples(st.lists(st.tuples(
        st.sampled_from([2, 11, 12, 14, 0]), st.one_of(st.binary(max_size=600), st.builds(
            lambda n, b: (len(b) + 3).to_bytes(3, "big") + n.to_bytes(3, "big") + b"\x30\x82" + b,
            st.integers(0, 2000), st.binary(max_size=600)))), max_size=4), st.integers(0, 3000))),
    Target("HTTPDNS / DoH replies", t_httpdns, st.tuples(
        st.sampled_from(["/d?dn=a.example.com", "/1/d?host=a.example.com", "/dns-query", "/v3/resolve?dn=x.cn", "/x"]),
        st.one_of(_bytes, st.builds(lambda v: json.dumps(v).encode(), st.recursive(
            st.one_of(st.text(max_size=20), st.integers(), st.none()),
            lambda c: st.lists(c, max_size=4) | st.dictionaries(st.sampled_from(["host", "ips", "ip", "data", "Answer",
                                                                                   "Question", "name", "type"]), c,
                                                                 max_size=4), max_leaves=12))),
        st.sampled_from(["application/json", "application/dns-message", "text/html", "application/dns-json"]))),
    Target("CS2 encrypted PPPP session", t_cs2_session, st.tuples(st.lists(st.binary(min_size=4, max_size=200),
                                                                           max_size=8))),
]
