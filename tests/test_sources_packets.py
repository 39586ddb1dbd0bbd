"""Packet sources: every link layer and file variant, IP fragments, TCP reassembly, DNS, TLS and QUIC names."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pcapgen import eth, hello_handshake, ip4, ip6, pcap, pcapng, quic_initial, sll, sll2, tcp, udp, write

from monitor.model import DnsAnswer, Endpoint, FlowStats, HttpExchange, TlsHello
from monitor.sources import open_capture
from monitor.sources.packets import PacketDecoder

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "captures"))  # the sample generator's builders
from make_samples import client_hello, dns_response  # noqa: E402

C, S = "10.42.0.23", "203.0.113.9"
REQ = b"GET /a?imei=356938035643809 HTTP/1.1\r\nHost: api.example.cn\r\n\r\n"


def msgs(frames: list[tuple[int, bytes]]) -> list[object]:
    d = PacketDecoder()
    out: list[object] = []
    for i, (lt, f) in enumerate(frames, 1):
        out += d.feed(float(i), lt, f, i)
    return out + d.finish()


def http_of(items: list[object]) -> list[HttpExchange]:
    return [m for m in items if isinstance(m, HttpExchange)]


@pytest.mark.parametrize(("linktype", "wrap"), [
    (1, lambda ip: eth(ip)), (1, lambda ip: eth(ip, vlans=1)), (1, lambda ip: eth(ip, vlans=2)),
    (113, sll), (276, sll2), (101, lambda ip: ip), (228, lambda ip: ip), (0, lambda ip: b"\x02\x00\x00\x00" + ip),
    (108, lambda ip: b"\x00\x00\x00\x02" + ip),
])
def test_link_layers(linktype: int, wrap) -> None:  # type: ignore[no-untyped-def]
    got = http_of(msgs([(linktype, wrap(ip4(C, S, 6, tcp(40000, 80, 100, data=REQ))))]))
    assert [m.host for m in got] == ["api.example.cn"]


def test_ipv6_with_extension_header() -> None:
    f = ip6("2001:db8::23", "2001:db8::9", 6, tcp(40000, 80, 1, data=REQ), ext=True)
    got = http_of(msgs([(229, f)]))
    assert got and got[0].server.ip == "2001:db8::9"


def test_ipv4_fragments_are_reassembled() -> None:
    seg = udp(53, 40000, b"")  # placeholder to size the header
    payload = udp(40000, 32100, b"\xf1\x10\x00\x24" + b"ABCD\0\0\0\0\x00\x01\xe2\x40EFGHJ\0\0\0" + b"\0" * 16)
    first, second = payload[:24], payload[24:]
    frames = [(1, eth(ip4(C, S, 17, second, ident=7, frag=3))),  # offset 24 bytes (3 units), last fragment
              (1, eth(ip4(C, S, 17, first, ident=7, frag=0x2000)))]  # more fragments
    del seg
    dgrams = [m for m in msgs(frames) if type(m).__name__ == "Datagram"]
    assert len(dgrams) == 1 and dgrams[0].payload.startswith(b"\xf1\x10")


def test_tcp_out_of_order_retransmission_overlap_and_mid_connection() -> None:
    frames = [(1, eth(ip4(C, S, 6, tcp(40000, 80, 1000, data=REQ[:10])))),  # capture starts mid-connection
              (1, eth(ip4(C, S, 6, tcp(40000, 80, 1020, data=REQ[20:])))),  # out of order: 1010-1020 missing
              (1, eth(ip4(C, S, 6, tcp(40000, 80, 1000, data=REQ[:10])))),  # retransmission
              (1, eth(ip4(C, S, 6, tcp(40000, 80, 1005, data=REQ[5:20]))))]  # overlap that fills the gap
    got = http_of(msgs(frames))
    assert len(got) == 1 and got[0].path == "/a?imei=356938035643809"


def test_pipelined_chunked_and_100_continue() -> None:
    r1 = b"POST /one HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
    r2 = b"POST /two HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc"
    resp = (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" + b"HTTP/1.1 100 Continue\r\n\r\n"
            b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
    frames = [(1, eth(ip4(C, S, 6, tcp(40000, 80, 0, 0x02)))),
              (1, eth(ip4(C, S, 6, tcp(40000, 80, 1, data=r1 + r2)))),
              (1, eth(ip4(S, C, 6, tcp(80, 40000, 1, data=resp))))]
    got = http_of(msgs(frames))
    assert [(m.path, m.request_body, m.status) for m in got] == [("/one", b"hello", 200), ("/two", b"abc", 201)]


def test_huge_content_length_does_not_allocate_and_request_is_kept() -> None:
    r = b"POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 1073741824\r\n\r\n" + b"A" * 1000
    got = http_of(msgs([(1, eth(ip4(C, S, 6, tcp(40000, 8080, 1, data=r))))]))
    assert got and got[0].body_truncated and got[0].error == "no response"


def test_dns_compression_and_cname_chain() -> None:
    resp = dns_response(7, "stats.jpush.cn", ["stats.jpush.cn.w.cdn.example", "edge.cdn.example"], "198.51.100.7")
    got = [m for m in msgs([(1, eth(ip4("10.42.0.1", C, 17, udp(53, 40000, resp))))]) if isinstance(m, DnsAnswer)]
    assert got[0].qname == "stats.jpush.cn"
    assert [a[1] for a in got[0].answers] == ["CNAME", "CNAME", "A"] and got[0].answers[-1][2] == "198.51.100.7"
    loop = resp[:12] + b"\xc0\x0c" + resp[14:]  # a name pointing at itself
    assert not [m for m in msgs([(1, eth(ip4("10.42.0.1", C, 17, udp(53, 40000, loop))))]) if isinstance(m, DnsAnswer)]


def test_tls_client_hello_split_over_segments() -> None:
    hello = client_hello("graph.facebook.com")
    frames = [(1, eth(ip4(C, S, 6, tcp(40000, 443, 0, 0x02)))),
              (1, eth(ip4(C, S, 6, tcp(40000, 443, 1, data=hello[:40])))),
              (1, eth(ip4(C, S, 6, tcp(40000, 443, 41, data=hello[40:]))))]
    items = msgs(frames)
    hellos = [m for m in items if isinstance(m, TlsHello)]
    assert hellos[0].sni == "graph.facebook.com" and hellos[0].alpn == ("h2", "http/1.1")
    assert [f.encrypted_no_key for f in items if isinstance(f, FlowStats)] == [True]


@pytest.mark.parametrize("layout", ["one record", "records of 4, 1 and the rest", "empty record first",
                                    "three segments", "record split mid-header", "message shorter than its record"])
def test_tls_client_hello_however_its_records_and_segments_fall(layout: str) -> None:
    """The hello is read from the first segment when it is whole there, else from what the segments gathered:
    the same SNI, ALPN, version and evidence either way (streams.TlsPassiveHandler, tlshello.handshake_from_records)."""
    from monitor.sources.streams import TlsPassiveHandler

    hs = client_hello("graph.facebook.com")[5:]  # the handshake message, out of its record

    def rec(body: bytes) -> bytes:
        return b"\x16\x03\x01" + len(body).to_bytes(2, "big") + body

    segments = {
        "one record": [rec(hs)],
        "records of 4, 1 and the rest": [rec(hs[:4]) + rec(hs[4:5]) + rec(hs[5:])],
        "empty record first": [rec(b"") + rec(hs)],
        "three segments": [rec(hs)[:3], rec(hs)[3:50], rec(hs)[50:]],
        "record split mid-header": [rec(hs[:30])[:2], rec(hs[:30])[2:] + rec(hs[30:])],
        "message shorter than its record": [rec(hs + b"\x00" * 7)],
    }[layout]
    h = TlsPassiveHandler(Endpoint(C, 40000), Endpoint(S, 443))
    out = [m for i, seg in enumerate(segments, 1) for m in h.feed(True, seg, float(i), i)]
    assert len(out) == 1 and h.idle(True)
    evidence = "frames 1" if len(segments) == 1 else f"frames 1,{len(segments)}"
    assert (out[0].sni, out[0].alpn, out[0].version, out[0].evidence, out[0].ts) == \
        ("graph.facebook.com", ("h2", "http/1.1"), "1.3", evidence, 1.0)


def test_tls_stream_that_is_not_a_hello_is_given_up() -> None:
    from monitor.sources.streams import TlsPassiveHandler

    h = TlsPassiveHandler(Endpoint(C, 40000), Endpoint(S, 443))
    assert h.feed(True, b"\x16\x03\x01\x00\x05\x02\x00\x00\x01\x00", 1.0, 1) == [] and h.idle(True)  # not a ClientHello
    h = TlsPassiveHandler(Endpoint(C, 40000), Endpoint(S, 443))
    assert h.feed(True, b"\x17\x03\x03\x00\x01x", 1.0, 1) == [] and h.idle(True)  # not a handshake record


def test_quic_initial_sni() -> None:
    pkt = quic_initial(hello_handshake("app-measurement.com"))
    hellos = [m for m in msgs([(1, eth(ip4(C, "142.250.1.1", 17, udp(50000, 443, pkt))))]) if isinstance(m, TlsHello)]
    assert hellos and hellos[0].sni == "app-measurement.com" and hellos[0].protocol == "quic"


def test_quic_client_hello_spanning_two_initials() -> None:
    hs = hello_handshake("clients4.google.com")
    half = len(hs) // 2
    first, second = quic_initial(hs[:half], pn=0), quic_initial(hs[half:], offset=half, pn=1)
    frames = [(1, eth(ip4(C, "142.250.1.1", 17, udp(50000, 443, p)))) for p in (first, second)]
    hellos = [m for m in msgs(frames) if isinstance(m, TlsHello)]
    assert [(h.sni, h.protocol, h.evidence) for h in hellos] == [("clients4.google.com", "quic", "frame 2")]
    # the second half arriving first (reordered) is kept as well
    hellos = [m for m in msgs(frames[::-1]) if isinstance(m, TlsHello)]
    assert [h.sni for h in hellos] == ["clients4.google.com"]


@pytest.mark.parametrize("variant", ["le", "be", "nano", "gz"])
def test_pcap_variants(tmp_path: Path, variant: str) -> None:
    frames = [(1_767_225_600.25, eth(ip4(C, S, 6, tcp(40000, 80, 1, data=REQ))))]
    data = pcap(frames, big_endian=variant == "be", nano=variant == "nano")
    path = write(tmp_path / ("c.pcap.gz" if variant == "gz" else "c.pcap"), data, gz=variant == "gz")
    src = open_capture(path)
    items = list(src.messages())
    assert http_of(items) and src.packets == 1 and abs((src.first_ts or 0) - 1_767_225_600.25) < 1e-6


def test_pcapng_several_interfaces_link_types_and_unknown_blocks(tmp_path: Path) -> None:
    frames = [(1.0, 0, eth(ip4(C, S, 6, tcp(40000, 80, 1, data=REQ)))),
              (2.0, 1, ip4(C, "203.0.113.10", 6, tcp(40001, 80, 1, data=REQ.replace(b"api.", b"log."))))]
    path = write(tmp_path / "c.pcapng", pcapng(frames, [1, 101]))
    src = open_capture(path)
    hosts = sorted(m.host for m in http_of(list(src.messages())))
    assert hosts == ["api.example.cn", "log.example.cn"] and src.format == "pcapng"


def test_truncated_pcap_keeps_what_came_before(tmp_path: Path) -> None:
    frames = [(float(i), eth(ip4(C, S, 17, udp(40000, 32100, b"\xf1\x00\x00\x00")))) for i in range(5)]
    data = pcap(frames)
    src = open_capture(write(tmp_path / "t.pcap", data[:-10]))
    list(src.messages())
    assert src.packets == 4 and "truncated at frame 5" in src.warnings[0]


@pytest.mark.parametrize("fast", [True, False])
def test_what_is_kept_of_closed_connections_stays_bounded(fast: bool) -> None:
    """Each closed TCP connection leaves where both directions ended (late retransmissions are recognized by
    it): 6,000 connections keep at most ~4,096 of those, not one more per connection."""
    d = PacketDecoder(fast=fast)
    frame = 0
    for n in range(6000):
        c = f"10.1.{n // 250}.{n % 250 + 1}"
        for src, dst, sp, dp, seq, flags in ((c, S, 40000, 443, 1, 0x02), (S, c, 443, 40000, 7, 0x12),
                                             (c, S, 40000, 443, 2, 0x11), (S, c, 443, 40000, 8, 0x11)):
            frame += 1
            d.feed(float(frame), 1, eth(ip4(src, dst, 6, tcp(sp, dp, seq, flags))), frame)
    assert not d.conns
    assert len(d.recently_closed) <= 4098
    assert len(d.closed_clients) <= 4097
