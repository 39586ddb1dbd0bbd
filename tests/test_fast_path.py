"""The packet decoder's fast path and the block record reader give exactly what the reference paths give.

`PacketDecoder(fast=True)` settles most packets of known IPv4 connections with a few byte reads
(pure ACKs, TLS records after the hello, late UDP datagrams); `fast=False` runs every packet
through the full path. The pcap/pcapng readers walk whole records in place and fall back to one
record at a time at buffer ends. Both are compared here on randomized traffic with the damage
real captures have (retransmissions, reordering, loss, cut records, reused addresses, late
segments after a close) and on every capture of the sample set and the real corpus.
"""

from __future__ import annotations

import functools
import os
import random
import struct
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pcapgen import eth, hello_handshake, ip4, pcap, pcapng, quic_initial, tcp, udp, vxlan

import monitor.sources.pcap as pcapmod
from monitor.compiled import is_compiled
from monitor.errors import BadInput
from monitor.sources.packets import PacketDecoder
from monitor.sources.pcap import PcapSource, iter_records

QUIC_HELLO = hello_handshake("q.example")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "captures"))
from make_samples import client_hello, dns_query, dns_response, http_ok, http_request  # noqa: E402

CORPUS = Path(os.environ.get("PRIVMON_CORPUS", "/work/corpus")) / "captures"
# the call-counting checks below patch PacketDecoder's methods: a walk compiled by mypyc (setup.py) has a native
# class whose methods call each other natively, whose instances take no new attributes and whose methods cannot
# be replaced; there only the comparisons run (the counts are the pure walk's, the same source)
COUNTABLE = not is_compiled("monitor.sources.packets")
PURE_ONLY = "counts calls by patching PacketDecoder's methods, which a mypyc-compiled walk does not allow"


def _session(rnd: random.Random, n: int, t: float) -> list[tuple[float, bytes]]:
    """One conversation as IP packets (kind chosen at random), before damage."""
    client, server = f"10.0.0.{2 + n % 2}", f"198.51.100.{1 + n % 2}"  # few addresses: tuples get reused
    cport = 40000 + rnd.randrange(3)
    kind = rnd.choice(["tls", "tls", "tls", "tls-nosni", "http", "raw", "udp", "udp", "dns", "quicish"])
    out: list[tuple[float, bytes]] = []

    def seg(src: str, sp: int, dst: str, dp: int, seq: int, flags: int, data: bytes = b"") -> None:
        out.append((t + len(out) * 0.001, ip4(src, dst, 6, tcp(sp, dp, seq, flags, data))))

    if kind in ("udp", "dns", "quicish"):
        dport = {"udp": 32100, "dns": 53, "quicish": 443}[kind]
        quic_at = rnd.randrange(12)
        for i in range(rnd.randint(1, 30)):
            if kind == "dns":
                data = dns_query(i, "a.example") if i % 2 == 0 else dns_response(i - 1, "a.example", [], server)
            elif kind == "quicish":  # long-header-looking datagrams, and a real Initial among the first ten
                data = quic_initial(QUIC_HELLO) if i == quic_at else bytes([0xC3]) + rnd.randbytes(rnd.randint(0, 60))
            else:
                data = b"\xf1\xd0" + rnd.randbytes(rnd.randint(0, 300))
            src, dst, sp, dp = (client, server, cport, dport) if i % 3 else (server, client, dport, cport)
            out.append((t + i * 0.001, ip4(src, dst, 17, udp(sp, dp, data))))
        return out
    port = {"http": 80, "raw": 7777}.get(kind, 443)
    cs, ss = rnd.getrandbits(32), rnd.getrandbits(32)
    if rnd.random() < 0.6:  # else the capture starts mid-connection
        seg(client, cport, server, port, cs, 0x02)
        seg(server, port, client, cport, ss, 0x12)
        cs, ss = cs + 1, ss + 1
        seg(client, cport, server, port, cs, 0x10)
    if kind == "http":
        first = http_request("POST", "api.example", "/x", {"Content-Type": "application/json"}, b'{"a": 1}' * 30)
        answers = [http_ok(b"[" + b"0," * rnd.randint(0, 900) + b"0]")]
    elif kind == "raw":
        first = b"\x00\x01" + rnd.randbytes(50)
        answers = [rnd.randbytes(rnd.randint(1, 400)) for _ in range(rnd.randint(3, 15))]
    else:
        first = client_hello("" if kind == "tls-nosni" else "h.example")
        answers = [b"\x16\x03\x03\x00\x30" + rnd.randbytes(48)] + [
            b"\x17\x03\x03\x05\x00" + rnd.randbytes(rnd.randint(10, 1400)) for _ in range(rnd.randint(2, 25))]
    cut = rnd.randint(1, len(first))
    for part in (first[:cut], first[cut:]):  # the first flight, sometimes in two segments
        if part:
            seg(client, cport, server, port, cs, 0x18, part)
            cs += len(part)
    for a in answers:
        seg(server, port, client, cport, ss, 0x18, a)
        ss += len(a)
        if rnd.random() < 0.5:
            seg(client, cport, server, port, cs, 0x10)  # pure ACK
        if kind == "raw" and rnd.random() < 0.4:
            more = rnd.randbytes(rnd.randint(1, 200))
            seg(client, cport, server, port, cs, 0x18, more)
            cs += len(more)
    data = [p for p in out if len(p[1]) > 40]
    end = rnd.random()
    if end < 0.6:
        seg(client, cport, server, port, cs, 0x11)
        seg(server, port, client, cport, ss, 0x11)
    elif end < 0.75:
        seg(server, port, client, cport, ss, 0x14)  # reset
    if end < 0.75 and data and rnd.random() < 0.5:  # retransmissions after the close
        out.extend((t + len(out) * 0.001, p) for _, p in rnd.sample(data, min(len(data), 3)))
    return out


def _damage(rnd: random.Random, packets: list[tuple[float, bytes]]) -> list[tuple[float, bytes]]:
    out: list[tuple[float, bytes]] = []
    for ts, p in packets:
        r = rnd.random()
        if r < 0.03:
            continue  # lost
        out.append((ts, p))
        if r < 0.08:
            out.append((ts, p))  # retransmitted at once
        elif r < 0.11 and len(out) > 3:
            out.insert(len(out) - 3, (ts, p))  # a copy arrives early (reordered)
        elif r < 0.13:
            out.append((ts + 0.5, p))  # ... or late
    for i in range(len(out) - 1):  # neighbours swapped
        if rnd.random() < 0.04:
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


def _traffic(seed: int, sessions: int = 80) -> list[tuple[float, bytes]]:
    rnd = random.Random(seed)
    packets: list[tuple[float, bytes]] = []
    t = 1_700_000_000.0
    for n in range(sessions):
        s = _session(rnd, n, t)
        if packets and rnd.random() < 0.5:  # interleave with what came before
            at = rnd.randrange(len(packets))
            packets[at:at] = s
        else:
            packets.extend(s)
        t += rnd.choice([0.01, 0.2, 70.0])  # some gaps exceed the idle timeout
    packets = _damage(rnd, packets)
    out = []
    for ts, p in packets:
        r = rnd.random()
        if r < 0.02:
            p = p[: rnd.randint(1, len(p))]  # cut by the snap length
        elif r < 0.03:
            p = p[:2] + struct.pack("!H", rnd.randint(0, 2 * len(p))) + p[4:]  # a lying IP total length
        out.append((ts, p))
    return out


def _decode(frames: list[tuple[float, int, bytes]], fast: bool) -> tuple[object, ...]:
    d = PacketDecoder(fast=fast)
    msgs: list[object] = []
    for i, (ts, lt, f) in enumerate(frames, 1):
        msgs.extend(d.feed(ts, lt, f, i))
        if i % 97 == 0:
            msgs.extend(d.expire(ts))
    msgs.extend(d.finish())
    return msgs, d.undecoded_warnings(), d.encrypted_no_key


@pytest.mark.parametrize("seed", range(12))
def test_fast_path_gives_the_reference_messages(seed: int) -> None:
    frames = [(ts, 1 if seed % 3 else 101, eth(p) if seed % 3 else p) for ts, p in _traffic(seed)]
    ref, fast = _decode(frames, False), _decode(frames, True)
    assert len(ref[0]) > 20  # type: ignore[arg-type]
    assert fast == ref


@pytest.mark.skipif(not COUNTABLE, reason=PURE_ONLY)
def test_fast_path_is_taken() -> None:
    """The comparison above means something only if the fast path settles packets."""
    frames = [(ts, 1, eth(p)) for ts, p in _traffic(3)]
    d = PacketDecoder()
    slow = 0
    original = d._feed

    def counting(*args: object) -> object:
        nonlocal slow
        slow += 1
        return original(*args)  # type: ignore[arg-type]

    d._feed = counting  # type: ignore[method-assign]
    for i, (ts, lt, f) in enumerate(frames, 1):
        d.feed(ts, lt, f, i)
    assert slow < 0.5 * len(frames)


def _records(path: Path) -> list[object]:
    out: list[object] = []
    try:
        out.extend(iter_records(path, on_secrets=lambda b: out.append(("secrets", b))))
    except BadInput as exc:
        out.append(exc.line())
    except Exception as exc:  # noqa: BLE001 - TruncatedCapture and the like are part of the answer
        out.append((type(exc).__name__, str(exc)))
    return out


def _sample_files() -> list[Path]:
    # (not the gzip bomb: 4 million empty records, and where it is stopped depends on the read size)
    files = sorted(f for f in (ROOT / "tests" / "hostile").glob("*.pcap*") if "bomb" not in f.name)
    files += sorted((ROOT / "monitor" / "demo").glob("*.pcap*"))
    if CORPUS.is_dir():
        files += sorted(f for f in CORPUS.iterdir() if ".pcap" in f.name and not f.name.endswith(".keylog"))
    return files


def test_block_record_reader_gives_the_records_of_the_one_by_one_reader(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    frames = [(ts, eth(p)) for ts, p in _traffic(5, 30)]
    made = [tmp_path / "a.pcap", tmp_path / "b.pcapng", tmp_path / "cut.pcap", tmp_path / "cut.pcapng"]
    made[0].write_bytes(pcap(frames))
    made[1].write_bytes(pcapng([(ts, 0, f) for ts, f in frames], [1], secrets=b"CLIENT_RANDOM 00 11\n"))
    made[2].write_bytes(made[0].read_bytes()[:-37])
    made[3].write_bytes(made[1].read_bytes()[:-37])
    files = made + _sample_files()
    whole = {f: _records(f) for f in files}
    monkeypatch.setattr(pcapmod, "CHUNK", 97)  # records cross every buffer end: the one-by-one path
    for f in files:
        assert _records(f) == whole[f], f.name
    assert len(whole[made[0]]) == len(frames)


def _source(path: Path, fast: bool) -> tuple[object, ...]:
    keylog = path.with_name(path.name + ".keylog")
    src = PcapSource(path, [str(keylog)] if keylog.exists() else [], fast=fast)
    try:
        msgs: list[object] = list(src.messages())
    except BadInput as exc:
        msgs = [exc.line()]
    return msgs, src.warnings, src.packets, src.encrypted_no_key, src.decrypted_sessions


def test_fast_path_on_the_sample_and_real_captures() -> None:
    for f in _sample_files():
        assert _source(f, True) == _source(f, False), f.name


@pytest.mark.parametrize(("seed", "by_index"), [(0, False), (1, False), (0, True), (1, True)])
def test_the_block_walk_settles_packets_as_the_reference_reads_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   seed: int, by_index: bool) -> None:
    """PacketDecoder.walk settles the packets that are only counted inside the reader's block walk (no record
    object): on damaged, interleaved traffic of more than 4096 frames (the source expires idle connections at
    every 4096th), in pcap with Ethernet and raw IP, big-endian and nanosecond pcap and pcapng, with records
    crossing the buffer's end or not, the messages, counts and capture times are the reference path's. Both
    ways of reading a little-endian Ethernet record's headers (packets.BY_INDEX: byte by byte, the compiled walk's
    way, or one struct call, the pure walk's) in either build."""
    import monitor.sources.packets as packets

    monkeypatch.setattr(packets, "BY_INDEX", by_index)
    traffic = _traffic(seed, 500)
    assert len(traffic) > 4096
    files = [tmp_path / "eth.pcap", tmp_path / "raw.pcap", tmp_path / "be-nano.pcap", tmp_path / "eth.pcapng"]
    files[0].write_bytes(pcap([(ts, eth(p)) for ts, p in traffic]))
    files[1].write_bytes(pcap(traffic, linktype=101))
    files[2].write_bytes(pcap([(ts, eth(p)) for ts, p in traffic], big_endian=True, nano=True))
    files[3].write_bytes(pcapng([(ts, 0, eth(p)) for ts, p in traffic], [1]))
    fed = 0
    feed = PacketDecoder.feed

    def counting(self: PacketDecoder, *args: object) -> object:
        nonlocal fed
        fed += 1
        return feed(self, *args)  # type: ignore[arg-type]

    for chunk in (4099, pcapmod.CHUNK):
        monkeypatch.setattr(pcapmod, "CHUNK", chunk)
        for f in files:
            ref = _source(f, False)
            fed = 0
            if COUNTABLE:
                monkeypatch.setattr(PacketDecoder, "feed", counting)
            fast = _source(f, True)
            if COUNTABLE:
                monkeypatch.setattr(PacketDecoder, "feed", feed)
            assert fast == ref, (f.name, chunk)
            assert ref[2] == len(traffic)
            if COUNTABLE:
                assert fed < 0.8 * len(traffic)  # the walk settled packets (and the comparison means something)
            if chunk != pcapmod.CHUNK:
                continue
            times = []
            for fast_path in (True, False):
                src = PcapSource(f, fast=fast_path)
                for _ in src.messages():
                    pass
                times.append((src.first_ts, src.last_ts))
            assert times[0] == times[1]


def test_the_walk_reads_a_record_s_headers_byte_by_byte_when_compiled() -> None:
    """packets.BY_INDEX: the compiled walk indexes the buffer (cheap in C), the pure one makes one struct call."""
    import monitor.sources.packets as packets

    assert packets.BY_INDEX == is_compiled("monitor.sources.packets")


def test_new_connections_past_the_table_s_bound_close_the_oldest_on_the_walk_too(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The block walk hands a new IPv4 connection's first packet (TCP or UDP) to the decoder itself, without a feed()
    call: when the connection table is full, the connection closed to make room gives its messages and FlowStats
    before the new packet's, as on the reference path."""
    import monitor.sources.packets as packets

    traffic = _traffic(3, 300)
    path = tmp_path / "many.pcap"
    path.write_bytes(pcap([(ts, eth(p)) for ts, p in traffic]))
    unbounded = _source(path, True)
    monkeypatch.setattr(packets, "MAX_CONNS", 16)
    evictions = 0

    def counting(made: Any) -> Any:
        def count(self: PacketDecoder, *args: object) -> object:
            nonlocal evictions
            before = len(self.evicted)
            out = made(self, *args)
            evictions += len(self.evicted) > before
            return out
        return count

    # (connections are made by _conn, or by _open / _open_udp for a first packet the walk reads itself)
    if COUNTABLE:
        for name in ("_conn", "_open", "_open_udp"):
            monkeypatch.setattr(PacketDecoder, name, counting(getattr(PacketDecoder, name)))
    fast = _source(path, True)
    assert evictions > 100 or not COUNTABLE
    assert fast[0] != unbounded[0]  # (on either build: connections were closed early, their FlowStats moved up)
    assert fast == _source(path, False)


def test_a_late_segment_of_a_closed_connection_is_dropped_on_the_fast_path_too() -> None:
    """A connection reusing a closed one's addresses, without a SYN: a segment that ends before where the
    closed connection ended (sequence space wraps at 2**31) is a late retransmission, also when the new
    connection's handler wants no more bytes."""
    c, s = "10.0.0.2", "198.51.100.1"
    hello = client_hello("h.example")
    packets = [
        ip4(c, s, 6, tcp(40000, 443, 1000, 0x02)),
        ip4(s, c, 6, tcp(443, 40000, 0xFFFFFFFF, 0x12)),
        ip4(c, s, 6, tcp(40000, 443, 1001, 0x11)),
        ip4(s, c, 6, tcp(443, 40000, 0, 0x11)),  # the server's direction ended at 1
        ip4(c, s, 6, tcp(40000, 443, 5000, 0x18, hello)),  # the same addresses again, no SYN
        ip4(s, c, 6, tcp(443, 40000, 2**31 - 100, 0x18, b"\x17" * 50)),  # ahead of 1: kept
        ip4(s, c, 6, tcp(443, 40000, 2**31 - 50, 0x18, b"\x17" * 100)),  # ends 2**31 + 50 past 0: "before" 1
    ]
    frames = [(float(i), 1, eth(p)) for i, p in enumerate(packets)]
    ref = _decode(frames, False)
    assert _decode(frames, True) == ref
    assert [m.bytes_in for m in ref[0] if hasattr(m, "bytes_in")] == [0, 50]  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=8)
def _small_traffic(seed: int) -> list[bytes]:
    return [eth(p) for _ts, p in _traffic(seed, 12)][:200]


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.integers(0, 199), st.one_of(st.integers(12, 60), st.integers(0, 1600)),
                          st.integers(0, 255)), max_size=60),
       st.integers(0, 2**32 - 1))
def test_fast_path_equals_the_reference_on_damaged_frames(flips: list[tuple[int, int, int]], seed: int) -> None:
    """Hostile bytes: frames of real-looking traffic with bytes overwritten anywhere (headers, lengths, flags)."""
    frames = _small_traffic(seed % 7)
    damaged = [bytearray(f) for f in frames]
    for i, pos, value in flips:
        if i < len(damaged) and pos < len(damaged[i]):
            damaged[i][pos] = value
    timed = [(float(n), 1, bytes(f)) for n, f in enumerate(damaged)]
    assert _decode(timed, True) == _decode(timed, False)


def test_a_long_udp_conversation_is_handed_on_as_far_as_the_engine_reads() -> None:
    """Past DATAGRAMS_PER_FLOW datagrams of one conversation the engine reads nothing, so the decoder stops
    making messages of them (still counting their packets and bytes): the stored rows are those of an
    engine given every datagram."""
    import itertools

    from monitor.engine import Engine, EngineContext
    from monitor.model import DATAGRAMS_PER_FLOW, Datagram, FlowStats
    from monitor.rules.load import load_rules

    c, s = "10.0.0.2", "198.51.100.1"
    total = DATAGRAMS_PER_FLOW + 100
    payloads = [b"imei=356938035643809" if i in (10, DATAGRAMS_PER_FLOW + 50) else b"\x80\x60" + bytes([i % 256]) * 40
                for i in range(total)]
    rules = load_rules()
    frames = [eth(ip4(c, s, 17, udp(40000, 32100, p))) for p in payloads]
    for fast in (True, False):
        d = PacketDecoder(fast=fast)
        out: list[object] = []
        for i, f in enumerate(frames, 1):
            out.extend(d.feed(float(i), 1, f, i))
        out.extend(d.finish())
        grams = [m for m in out if isinstance(m, Datagram)]
        (flow,) = [m for m in out if isinstance(m, FlowStats)]
        assert len(grams) == DATAGRAMS_PER_FLOW
        assert (flow.packets, flow.bytes_out) == (total, sum(map(len, payloads)))
        every = [Datagram(float(i), grams[0].client, grams[0].server, "udp", p, True, f"frame {i}")
                 for i, p in enumerate(payloads, 1)]
        batches = []
        for messages in (out, [*every, flow]):
            ids = itertools.count(1)
            engine = Engine(EngineContext(rules), lambda ids=ids: next(ids))
            for m in messages:
                engine.process(m)  # type: ignore[arg-type]
            batches.append(engine.take_batch(final=True))
        assert batches[0] == batches[1]
        assert [f.value for f in batches[0].findings] == ["356938035643809"]


@pytest.mark.parametrize("share", [0.0, 0.3])
def test_fast_path_on_the_bench_captures(tmp_path: Path, share: float) -> None:
    """The bench's generator (bench/make_bigpcap.py), both mixes: the original one and the HTTP-heavy one
    (keep-alive SDK requests over several segments, chunked and gzip responses), 3 MB each."""
    import subprocess

    cap = tmp_path / "bench.pcap"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_bigpcap.py"), str(cap), "--size-mb", "3",
                    "--http-share", str(share)], check=True, capture_output=True, timeout=120)
    fast, ref = _source(cap, True), _source(cap, False)
    assert fast == ref
    exchanges = [m for m in fast[0] if type(m).__name__ == "HttpExchange"]  # type: ignore[attr-defined]
    assert len(exchanges) > (150 if share else 20)


def test_the_decoder_knows_the_quic_versions_quic_reads() -> None:
    """packets.py hands a long-header datagram to quic.py only for a version quic.py reads (PPPP's 0xF1 datagrams
    look like long headers): the two lists must not drift apart."""
    from monitor.sources import packets, quic

    assert packets._QUIC_VERSIONS == {v.to_bytes(4, "big") for v in quic.VERSIONS}


def test_a_dns_answer_reads_its_addresses_as_before() -> None:
    """A records become dotted quads (socket.inet_ntoa, as ipaddress wrote them), AAAA records ipaddress' text."""
    import ipaddress

    from monitor.sources.dns import parse_dns

    rnd = random.Random(7)
    for _ in range(200):
        a, a6 = rnd.randbytes(4), rnd.randbytes(16)
        if rnd.random() < 0.3:
            a6 = bytes(10) + b"\xff\xff" + a  # an IPv4-mapped address: where the two text forms would differ
        msg = (struct.pack("!HHHHHH", 1, 0x8180, 1, 2, 0, 0) + b"\x01a\x00" + struct.pack("!HH", 1, 1)
               + b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + a
               + b"\xc0\x0c" + struct.pack("!HHIH", 28, 1, 60, 16) + a6)
        answers = parse_dns(msg)[4]
        assert [v for _n, _t, v, _ttl in answers] == [str(ipaddress.IPv4Address(a)), str(ipaddress.IPv6Address(a6))]


def test_a_long_conversation_s_datagrams_the_engine_would_only_count_make_no_message(tmp_path: Path) -> None:
    """Past the 64th datagram of a conversation the engine only looks for a protocol decoder's hits: the walk asks
    it first (Engine.wants_datagram) and makes no Datagram of one it would only count. The stored rows are those
    of the reference path, which hands every datagram on: a device id in a login past the 64th datagram (clear
    PPPP, its own finding each time), media and PPPP DRW around it, a second conversation interleaved."""
    import itertools

    from monitor.context import build_context
    from monitor.engine import Engine
    from monitor.ingest import Rows, capture_events
    from monitor.model import Datagram

    uid = b"ABCD\0\0\0\0" + (123456).to_bytes(4, "big") + b"EFGHJ\0\0\0"
    login = b"\xf1\x10" + (len(uid) + 8).to_bytes(2, "big") + uid + bytes(8)
    drw = b"\xf1\xd0\x00\x08" + bytes(8)
    c, s, cam = "10.0.0.2", "198.51.100.1", "10.0.0.9"
    frames: list[tuple[float, bytes]] = []
    for i in range(400):
        data = login if i in (20, 150, 151, 390) else drw
        frames.append((1.0 + i * 0.01, eth(ip4(c, s, 17, udp(40000, 32100, data)))))
        frames.append((1.0 + i * 0.01 + 0.001, eth(ip4(cam, c, 17, udp(50002, 41000, b"\x80\x60" + bytes(160))))))
    cap = tmp_path / "long.pcap"
    cap.write_bytes(pcap(frames))
    ctx = build_context((), None, None)

    def rows(fast: bool) -> tuple[object, ...]:
        real = pcapmod.PcapSource.__init__

        def init(self: pcapmod.PcapSource, *a: object, **k: object) -> None:
            real(self, *a, **k)  # type: ignore[arg-type]
            self.fast = fast

        pcapmod.PcapSource.__init__ = init  # type: ignore[method-assign]
        try:
            batches = [ev.batch for ev in capture_events(cap, ctx) if isinstance(ev, Rows)]
        finally:
            pcapmod.PcapSource.__init__ = real  # type: ignore[method-assign]
        return tuple(sorted(map(repr, itertools.chain.from_iterable(
            [*b.findings, *b.destinations, *b.messages] for b in batches))))

    made = []
    real_process = Engine.process

    def process(self: Engine, item: object) -> None:
        made.append(type(item) is Datagram)
        real_process(self, item)  # type: ignore[arg-type]

    Engine.process = process  # type: ignore[method-assign]
    try:
        fast = rows(True)
        fast_made, made[:] = sum(made), []
        ref = rows(False)
    finally:
        Engine.process = real_process  # type: ignore[method-assign]
    assert fast == ref
    assert sum("ABCD-123456-EFGHJ" in r and r.startswith("Finding(") for r in fast) == 4
    assert fast_made == 2 * 64 + 3 and sum(made) == 800  # the three logins past the 64th are all it adds


def test_a_first_packet_the_walk_opens_a_connection_with_is_read_as_on_the_reference_path(tmp_path: Path) -> None:
    """The walk opens a connection itself (PacketDecoder._open / _open_udp) for a client's SYN without data and for
    a new conversation's first datagram off the tunnel ports; the other first packets go to _tcp / _udp. Each
    kind, beside the ones it must not take (a SYN with data, a SYN-ACK or a FIN first, a VXLAN datagram, a first
    datagram from the server's side or from a public address, DNS either way, a QUIC Initial first), gives the
    reference path's messages, warnings and counts, and the walk did open connections."""
    c, s, pub = "10.0.0.2", "198.51.100.1", "203.0.113.9"
    inner = eth(ip4(c, s, 6, tcp(41000, 443, 7, 0x02)))
    hello = client_hello("t.example")
    frames = [
        ip4(c, s, 6, tcp(40000, 443, 100, 0x02)),  # SYN: opened by the walk
        ip4(s, c, 6, tcp(443, 40000, 900, 0x12)),
        ip4(c, s, 6, tcp(40000, 443, 101, 0x18, hello)),
        ip4(c, s, 6, tcp(40001, 80, 500, 0x02, b"GET / HTTP/1.1\r\nHost: a.example\r\n\r\n")),  # SYN with data
        ip4(s, c, 6, tcp(443, 40002, 77, 0x12)),  # a SYN-ACK first (its SYN lost)
        ip4(c, s, 6, tcp(40003, 443, 5, 0x11)),  # a FIN first
        ip4(c, s, 17, udp(40004, 4789, vxlan(inner))),  # a tunnel's datagram: unwrapped on the full path
        ip4(s, c, 17, udp(32100, 40005, b"\xf1\xd0" + bytes(30))),  # the server's side first
        ip4(pub, c, 17, udp(50000, 50002, b"\x80\x60" + bytes(60))),  # a public sender, no service port
        ip4(c, "10.0.0.1", 17, udp(40006, 53, dns_query(1, "a.example"))),
        ip4("10.0.0.1", c, 17, udp(53, 40007, dns_response(2, "b.example", [], s))),  # an answer first
        ip4(c, s, 17, udp(40008, 443, quic_initial(QUIC_HELLO))),  # a QUIC Initial first
        ip4(c, s, 17, udp(40009, 32100, b"")),  # empty (a frame under the walk's 54 bytes: fed)
        ip4(c, s, 6, tcp(40000, 443, 101 + len(hello), 0x11)),
        ip4(s, c, 6, tcp(443, 40000, 901, 0x11)),
        ip4(c, s, 6, tcp(40000, 443, 300, 0x02)),  # a new connection on a closed one's addresses
        ip4(c, s, 6, tcp(40000, 443, 301, 0x18, hello)),
    ]
    path = tmp_path / "firsts.pcap"
    path.write_bytes(pcap([(1.0 + i * 0.01, eth(p)) for i, p in enumerate(frames)]))
    opened = []
    made = PacketDecoder._open, PacketDecoder._open_udp

    def counting(i: int) -> Any:
        def count(self: PacketDecoder, *args: Any) -> Any:
            opened.append(i)
            return made[i](self, *args)
        return count

    mp = pytest.MonkeyPatch()
    with mp.context() as m:
        if COUNTABLE:
            m.setattr(PacketDecoder, "_open", counting(0))
            m.setattr(PacketDecoder, "_open_udp", counting(1))
        fast = _source(path, True)
    assert sorted(opened) == [0, 0, 1, 1, 1, 1, 1] or not COUNTABLE
    assert fast == _source(path, False)
    assert fast[2] == len(frames)
