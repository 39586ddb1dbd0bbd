"""One captured frame -> privmon messages; shared by pcap reading and live sniffing.

Link layers (Ethernet with 802.1Q/QinQ, Linux SLL/SLL2, raw IP, BSD loopback), IPv4 with fragment
reassembly, IPv6 with extension headers, TCP reassembly per direction (out of order,
retransmissions, overlaps, mid-connection starts) into per-connection stream handlers, and UDP
(DNS, QUIC Initial, everything else as datagrams). Every buffer and table is bounded.
"""

from __future__ import annotations

import ipaddress
import math
import struct

# _socket: the C functions socket re-exports, without socket.py's set-up of its enums (~12M instructions at start)
from _socket import inet_aton, inet_ntoa
from collections import OrderedDict
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any, Final

from monitor.model import (
    DATAGRAMS_PER_FLOW,
    Datagram,
    DnsAnswer,
    Endpoint,
    FlowStats,
    Message,
    TlsHello,
    maker,
)
from monitor.sources.dns import DnsError, parse_dns
from monitor.sources.http1 import Http1Handler, looks_like_http_request, looks_like_http_response
from monitor.sources.linklayer import TUNNEL_PORTS, gre, ip_of, udp_tunnel
from monitor.sources.streams import DnsTcpHandler, RawHandler, StreamHandler, TlsPassiveHandler

if TYPE_CHECKING:  # a native int type of mypyc's (the walk's byte offsets, below); nothing to import at run time
    from mypy_extensions import i64

OOO_LIMIT = 1 << 20  # out-of-order bytes buffered per direction
MAX_CONNS = 200_000
MAX_FRAGMENT_SETS = 1024
MAX_ADDRESS_TEXTS = 4096  # IPv4 addresses' text remembered (PacketDecoder._text)
IDLE_SECONDS = 60.0
DATAGRAM_KEEP = 2048
MAX_DEPTH = 3  # tunnels inside tunnels
# IP protocols that carry no traffic of interest (ICMP, IGMP, ICMPv6, no next header, OSPF, PIM, VRRP)
_CONTROL_PROTOS = frozenset({1, 2, 58, 59, 89, 103, 112})
_PROTO_NAMES = {50: "IPsec ESP (encrypted)", 51: "IPsec AH", 132: "SCTP", 33: "DCCP", 136: "UDP-Lite"}
_U16 = struct.Struct("!H")
_U32 = struct.Struct("!I")
_FAST_KEY = struct.Struct("!4s4sHH")  # the fast tables' key: source and destination address and port, as on the wire
_PORTS = struct.Struct("!8xHH")  # a fast-table key's ports
_TUNNEL_WIRE = frozenset(_U16.pack(p) for p in TUNNEL_PORTS)  # the tunnel ports as a fast-table key holds them
# what feed()'s fast path reads of an Ethernet (or raw) IPv4 TCP/UDP frame: ethertype, version and header length,
# total length, fragment bits, protocol, addresses and ports (the fast tables' key), the TCP sequence number (UDP:
# length and checksum), TCP data offset and flags
_OVER_ETH = struct.Struct("!12xHBxH2xHxB2x12sI4xBB")
_OVER_IP = struct.Struct("!BxH2xHxB2x12sI4xBB")
# a little-endian pcap record header and _OVER_ETH's fields after it, in one struct call (one byte order per format:
# the network-order fields of two or four bytes are read little-endian and swapped by the walk)
_REC_OVER_ETH_LE = struct.Struct("<III4x12xHBxH2xHxB2x12sI4xBB")


def _native() -> bool:
    """Whether this module runs compiled (a mypyc function is not a Python function)."""
    return type(_native).__name__ != "function"


# The walk reads _REC_OVER_ETH_LE's values byte by byte when compiled: mypyc indexes bytes in ~20 instructions and
# shifts native ints inline, where the struct call costs ~2.3k (the bound method's call, argument parsing, the buffer
# protocol, a tuple of twelve objects; 66,247 calls of the 50 MB HTTP-heavy capture: ~149M). Pure, each subscript and
# shift is a bytecode of its own: the one struct call stays. The same values either way (tests/test_fast_path.py
# runs the walk both ways)
BY_INDEX = _native()


def _rec_over_eth(buf: bytes, pos: i64) -> tuple[int, int, int, int, int, int, int, int, bytes, int, int, int]:
    """_REC_OVER_ETH_LE's fields read byte by byte from buf[pos:pos + 64], the two- and four-byte IP and TCP ones in
    network order (the walk swaps the struct's). Compiled: a native call whose tuple comes back unboxed, and the
    offset a native 64-bit int (its sums need no object checks); the pure walk never calls it."""
    return (buf[pos] | buf[pos + 1] << 8 | buf[pos + 2] << 16 | buf[pos + 3] << 24,
            buf[pos + 4] | buf[pos + 5] << 8 | buf[pos + 6] << 16 | buf[pos + 7] << 24,
            buf[pos + 8] | buf[pos + 9] << 8 | buf[pos + 10] << 16 | buf[pos + 11] << 24,
            buf[pos + 28] << 8 | buf[pos + 29], buf[pos + 30], buf[pos + 32] << 8 | buf[pos + 33],
            buf[pos + 36] << 8 | buf[pos + 37], buf[pos + 39], buf[pos + 42:pos + 54],
            buf[pos + 54] << 24 | buf[pos + 55] << 16 | buf[pos + 56] << 8 | buf[pos + 57], buf[pos + 62], buf[pos + 63])


# the messages made per packet or connection, without a frozen dataclass's __init__ (model.maker)
_datagram, _flow_stats, _endpoint, _dns_answer = maker(Datagram), maker(FlowStats), maker(Endpoint), maker(DnsAnswer)


class _Dir:
    """One direction of a TCP connection: the next sequence number, out-of-order segments, FIN seen (plain classes,
    this and _Conn: a dataclass costs ~0.5 ms of CPU to build at import, paid by every analyze run)."""

    __slots__ = ("next_seq", "ooo", "ooo_bytes", "fin")

    def __init__(self) -> None:
        self.next_seq: int | None = None
        self.ooo: dict[int, bytes] = {}
        self.ooo_bytes = 0
        self.fin = False


_NO_DIR: Final = _Dir()  # the directions of every UDP connection: never written (no sequence numbers), always empty


class _Conn:
    """One connection (TCP, or UDP addresses) while it is read."""

    __slots__ = ("client", "server", "transport", "first_ts", "last_ts", "bytes_out", "bytes_in", "packets", "handler",
                 "tls", "decrypting", "d_out", "d_in", "closed", "head", "quic", "crypto", "keys", "idle", "late", "dns",
                 "datagrams")

    def __init__(self, client: Endpoint, server: Endpoint, transport: str, first_ts: float, last_ts: float,
                 tcp: bool = True) -> None:
        self.client = client
        self.server = server
        self.transport = transport
        self.first_ts = first_ts
        self.last_ts = last_ts
        self.bytes_out = 0
        self.bytes_in = 0
        self.packets = 0
        self.handler: StreamHandler | None = None
        self.tls = False
        self.decrypting = False
        # the two directions' reassembly, client to server (outbound) and back: two attributes, not a dict keyed by
        # True/False (the compiled walk reads one per in-order segment: a native field, not a dict look-up); UDP
        # follows no sequence numbers, and its connections share one _Dir nothing writes (_NO_DIR)
        self.d_out = _Dir() if tcp else _NO_DIR
        self.d_in = _Dir() if tcp else _NO_DIR
        self.closed = False
        self.head: bytes | None = None  # first client bytes held back until the protocol is clear
        self.quic: Any = None  # QuicSession when a key log has this QUIC connection's secrets
        self.crypto: dict[int, bytes] | None = None  # CRYPTO data of the client's first Initials (QUIC)
        # the fast path (PacketDecoder.feed): the raw address keys this connection is found under, whether
        # its handler wants no more bytes in each direction (idle[outbound]), and whether a closed
        # connection on the same addresses could make a segment a late retransmission (then no fast path)
        self.keys: tuple[bytes, ...] = ()
        self.idle = [False, False]
        self.late = False
        self.dns = False  # UDP on a DNS port: every datagram is read as DNS
        self.datagrams = 0  # Datagram messages given (UDP): past DATAGRAMS_PER_FLOW the engine would read none


# the stream handler classes without the optional idle() (StreamHandler; a method of the class, never set on an
# instance): getattr's miss raises and catches an AttributeError inside (~3.5k instructions), which an HTTP/1
# connection paid on every segment (8,702 of the 50 MB HTTP-heavy capture: ~30M instructions, callgrind)
_NO_IDLE: set[type] = set()


def _group(ip: str) -> bool:
    """A multicast or broadcast address (a /24-style subnet broadcast counts: it only ever receives)."""
    if ":" in ip:
        return ip[:2] == "ff"
    first = ip[:ip.index(".")]
    return 224 <= int(first) <= 239 or ip.endswith(".255")


def _private(ip: str) -> bool:
    try:
        a = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return a.is_private or a.is_loopback or a.is_link_local or a.is_multicast


class PacketDecoder:
    """Feed frames in capture order; get messages; `finish()` flushes and emits FlowStats."""

    def __init__(self, client_ips: frozenset[str] = frozenset(), tls_factory: Any = None, fast: bool = True) -> None:
        self.client_ips = client_ips
        self.tls_factory = tls_factory
        # fast path: IPv4 frames of known connections, looked up by their raw address bytes
        # (src, dst, sport, dport as on the wire) -> (connection, outbound); fast=False is the reference path
        self.fast = fast
        self.fast_tcp: dict[bytes, tuple[_Conn, bool]] = {}
        self.fast_udp: dict[bytes, tuple[_Conn, bool]] = {}
        self.conns: dict[tuple[str, int, str, int, str], _Conn] = {}
        self.frags: dict[tuple[str, str, int, int], dict[int, bytes]] = {}
        self.frag_meta: dict[tuple[str, str, int, int], int] = {}
        # (bounded, oldest dropped first: OrderedDict, whose popitem(last=False) is O(1); taking a plain dict's
        # first key walks past every key deleted before it, ~1.5 us per drop at 4,096 entries)
        self.recently_closed: OrderedDict[tuple[str, int, str, int], int] = OrderedDict()  # direction -> where it ended
        self.closed_clients: OrderedDict[tuple[str, int, str, int], None] = OrderedDict()  # of closed TCP connections
        self.evicted: list[Message | FlowStats] = []  # closed to make room; returned with the next feed
        self.encrypted_no_key = 0
        self.undecoded: dict[str, int] = {}  # what could not be decoded -> packets
        self.quic_connections = 0  # QUIC connections seen
        self.quic_decrypted = 0  # ... and decrypted with a key log
        self.first_ts = math.inf  # the earliest and latest time of the frames walk() settled
        self.last_ts = -math.inf
        # (n, wants): walk() asks wants(payload, client, server) about a UDP datagram of a known conversation once
        # n of its Datagrams were given, with every message before it already taken; False: the reader would only
        # count it, and has (Engine.wants_datagram): no Datagram is made of it
        self.late_datagrams: tuple[int, Callable[[bytes, Endpoint, Endpoint], bool]] | None = None
        # an IPv4 address's raw bytes -> its text (inet_ntoa): a lab's few addresses (the phone, its resolver, the
        # camera) recur in every connection; bounded, emptied when full (_text)
        self.texts: dict[bytes, str] = {}

    # -- entry points ------------------------------------------------------------------------------

    def feed(self, ts: float, linktype: int, data: bytes, frame: int) -> list[Message | FlowStats]:
        if self.fast:
            # Ethernet (no VLAN tag) or raw IP, IPv4 without options or fragmentation, a connection
            # already known: the common packets are settled here with a few byte reads. A pure ACK
            # is counted; an in-order TCP segment is counted and, unless its handler is idle, handed
            # to it; a SYN (the SYN-ACK) sets where its direction starts; a UDP datagram past the QUIC
            # check becomes its Datagram. Anything else (FIN with data, RST, gaps, retransmissions,
            # new connections, tunnels, DNS) takes the full path
            # below, which gives the same result; tests/test_fast_path.py compares the two.
            n = len(data)
            if linktype == 1 and n >= 54 and data[12] == 8 and data[13] == 0 and data[14] == 0x45:
                o = 14
            elif linktype == 101 and n >= 40 and data[0] == 0x45:
                o = 0
            else:
                o = -1
            if o >= 0 and not (data[o + 6] & 0x3F or data[o + 7]):
                proto = data[o + 9]
                end = o + ((data[o + 2] << 8) | data[o + 3])
                if end > n:
                    end = n
                if proto == 6 and end - o >= 40:
                    ent = self.fast_tcp.get(data[o + 12:o + 24])
                    if ent is not None:
                        c, outbound = ent
                        t = o + 20
                        flags = data[t + 13]
                        hlen = (data[t + 12] >> 4) * 4
                        plen = end - t - hlen
                        if hlen >= 20 and flags & 0x07 == 0x02:  # a SYN (the server's SYN-ACK) of a known connection
                            return self._syn(c, outbound, _U32.unpack_from(data, t + 4)[0], plen, ts)
                        if hlen >= 20 and plen <= 0 and flags & 0x07 == 0x01:  # a FIN without data
                            return self._fin(c, outbound, ts)
                        if hlen >= 20 and not flags & 0x07:  # no SYN, FIN or RST
                            if plen <= 0:  # a pure ACK
                                c.packets += 1
                                if ts > c.last_ts:
                                    c.last_ts = ts
                                return []
                            if not c.late:
                                d = c.d_out if outbound else c.d_in
                                seq = _U32.unpack_from(data, t + 4)[0]
                                if d.next_seq == seq and not d.ooo:  # in order, nothing held back
                                    d.next_seq = (seq + plen) & 0xFFFFFFFF
                                    c.packets += 1
                                    if ts > c.last_ts:
                                        c.last_ts = ts
                                    if outbound:
                                        c.bytes_out += plen
                                    else:
                                        c.bytes_in += plen
                                    if c.idle[outbound]:  # and nobody wants the bytes
                                        return []
                                    return self._handle(c, outbound, data[t + hlen:end], ts, frame)  # type: ignore[return-value]
                elif proto == 17 and end - o >= 28:
                    ent = self.fast_udp.get(data[o + 12:o + 24])
                    if ent is not None:
                        c, outbound = ent
                        if c.dns or (c.packets >= 8 and c.quic is None):
                            u = o + 20
                            ulen = (data[u + 4] << 8) | data[u + 5]
                            if 8 <= ulen <= end - u:
                                end = u + ulen
                            plen = end - u - 8
                            c.packets += 1
                            if ts > c.last_ts:
                                c.last_ts = ts
                            if outbound:
                                c.bytes_out += plen
                            else:
                                c.bytes_in += plen
                            if c.dns:
                                return self._dns(ts, c, data[u + 8:end], frame)
                            if not plen or c.datagrams >= DATAGRAMS_PER_FLOW:
                                return []
                            c.datagrams += 1
                            return [_datagram(ts, c.client, c.server, "udp",
                                               data[u + 8:min(end, u + 8 + DATAGRAM_KEEP)], outbound, f"frame {frame}")]
        out = self._feed(ts, linktype, data, frame)
        if self.evicted:
            out = self.evicted + out
            self.evicted = []
        return out

    def _text(self, raw: bytes) -> str:
        """The text of an IPv4 address (`raw`: its 4 bytes), as inet_ntoa writes it; remembered (see self.texts),
        so that one address is one string: formatted once, its hash computed once for every table it keys."""
        texts = self.texts
        if len(texts) >= MAX_ADDRESS_TEXTS:
            texts.clear()
        text = texts[raw] = _ntoa4(raw)
        return text

    def _evict_oldest(self, ts: float) -> None:
        """Make room for a new connection: the one least recently seen is closed (what that yields waits in
        self.evicted for the caller)."""
        conns = self.conns
        oldest = min(conns, key=lambda k: conns[k].last_ts)
        self.evicted.extend(self._close(oldest, ts))

    def _open(self, ts: float, key: bytes, seq: int) -> list[Message | FlowStats]:
        """A client's SYN (no ACK, FIN or RST, no data) of an IPv4 connection no table knows, from the walk: what
        _tcp does with it (the old connection's end on these addresses forgotten, the connection made with the
        SYN's sender as its client and registered, the SYN counted, where its direction starts), from the raw
        fast-table key (source and destination address and port as on the wire), without parsing the segment
        again, a lookup of the connection under either direction's tuple, orientation or _register's address
        packing: the key is already the client's direction's key, the other one its halves swapped
        (tests/test_fast_path.py compares this with the reference path)."""
        texts, a, b = self.texts, key[:4], key[4:8]
        src, dst = texts.get(a) or self._text(a), texts.get(b) or self._text(b)
        sport, dport = _PORTS.unpack(key)
        rc = self.recently_closed
        if rc:  # a new connection on the same addresses: forget the old one's end (then it is not `late`)
            rc.pop((src, sport, dst, dport), None)
            rc.pop((dst, dport, src, sport), None)
        conns = self.conns
        if len(conns) >= MAX_CONNS:
            self._evict_oldest(ts)
        # (by position: client, server, transport, first and last time)
        c = _Conn(_endpoint(src, sport), _endpoint(dst, dport), "tcp", ts, ts)
        conns[(src, sport, dst, dport, "tcp")] = c
        back = key[4:8] + key[:4] + key[10:12] + key[8:10]
        c.keys = (key, back)
        table = self.fast_tcp
        table[key] = (c, True)
        table[back] = (c, False)
        c.packets = 1
        c.d_out.next_seq = (seq + 1) & 0xFFFFFFFF
        return []  # (what eviction closed is taken from self.evicted by the caller, as after _tcp)

    def _syn(self, c: _Conn, outbound: bool, seq: int, plen: int, ts: float) -> list[Message | FlowStats]:
        """A SYN (the server's SYN-ACK) of a known connection, on the fast path (feed, walk)."""
        c.packets += 1
        if ts > c.last_ts:
            c.last_ts = ts
        if plen > 0:
            if outbound:
                c.bytes_out += plen
            else:
                c.bytes_in += plen
        rc = self.recently_closed
        if rc:  # a new connection on these addresses: the old one's end is forgotten
            a, b = (c.client, c.server) if outbound else (c.server, c.client)
            rc.pop((a.ip, a.port, b.ip, b.port), None)
            rc.pop((b.ip, b.port, a.ip, a.port), None)
        (c.d_out if outbound else c.d_in).next_seq = (seq + 1) & 0xFFFFFFFF
        if c.d_out.fin and c.d_in.fin:
            return self._close((c.client.ip, c.client.port, c.server.ip, c.server.port, "tcp"), ts)
        return []

    def _fin(self, c: _Conn, outbound: bool, ts: float) -> list[Message | FlowStats]:
        """A FIN without data of a known connection, on the fast path (feed, walk)."""
        c.packets += 1
        if ts > c.last_ts:
            c.last_ts = ts
        (c.d_out if outbound else c.d_in).fin = True
        if not (c.d_in if outbound else c.d_out).fin:
            return []
        return self._close((c.client.ip, c.client.port, c.server.ip, c.server.port, "tcp"), ts)

    def walk(self, buf: bytes, pos: int, end: int, frame: int, layout: Any,
             linktype: int) -> Generator[list[Message | FlowStats], None, tuple[int, int]]:
        """The capture reader's walk over the whole records in buf[pos:end], with the packets that only need
        counting settled on the way: no record tuple, frame copy or feed() call is made of them. The other
        records are fed here (the first packet of a new IPv4 connection straight to _tcp / _udp, as feed() would
        hand it on), and what feed() gives (and expire() at every 4096th frame, as the source does for
        the records it feeds) is yielded, lists of messages: no record tuple goes through the reader's
        generators. Stops at a record that is not whole in the buffer or has an impossible length (the reader's
        own checks then decide) and returns (position, frame number) after the last record walked. `frame` is
        the frame number before buf[pos].

        `layout` is ("pcap", record header Struct, seconds per tick, largest record, largest block) or
        ("pcapng", enhanced packet block Struct, interfaces as (linktype, seconds per tick, snap length),
        largest record, largest block): the reader's own format and bounds.

        Settled here exactly as feed()'s fast path settles them (tests/test_fast_path.py compares the two): a
        pure ACK of a known IPv4 TCP connection; its in-order segment, counted, and its bytes handed to its
        stream handler sliced from the buffer unless the handler wants no more in that direction (TLS after
        the hello, a raw stream past its chunks); a datagram of a known UDP conversation
        past the QUIC check that is empty or past DATAGRAMS_PER_FLOW (the engine reads none); the other datagrams
        of such a conversation become their Datagram here, as feed() makes it, sliced from the buffer (a camera's
        media stream: no frame copy, no feed call), except that past `late_datagrams`' count the reader is asked
        first and a datagram it does not want is only counted (what is pending is yielded before it asks). Every
        4096th frame is fed (idle connections are expired after it). Messages are yielded in lists of 64 or more,
        and the last ones when the walk stops. The walked frames' times widen self.first_ts / self.last_ts.
        """
        fast_tcp, fast_udp = self.fast_tcp, self.fast_udp
        feed = self.feed
        kind, hdr, unit, max_record_, max_block_ = layout
        unpack = hdr.unpack_from
        over_eth, over_ip = _OVER_ETH.unpack_from, _OVER_IP.unpack_from
        ng = kind == "pcapng"
        ifaces = unit if ng else ()
        lt = linktype
        first, last = self.first_ts, self.last_ts
        pending: list[Message | FlowStats] = []  # messages not yet yielded
        late_from, wants = self.late_datagrams or (DATAGRAMS_PER_FLOW, _every)
        # the record's values as ints and its time as a float: bare annotations, nothing at run time in CPython; a
        # walk compiled by mypyc (docs/perf.md, the twentieth pass) keeps them as native values instead of objects
        sec: int
        frac: int
        n: int
        start: int
        iplen: int
        frag: int
        proto: int
        word: int
        off: int
        flags: int
        o: int
        hlen: int
        plen: int
        ulen: int
        u: int
        ethertype: int
        vihl: int
        ts: float
        # the layout's numbers declared too: a pcap record's time is then worked out in doubles, and its length
        # compared with native ints, instead of by the interpreter's number protocol on objects (58,376 records of
        # the 50 MB HTTP-heavy capture: ~35M instructions)
        # and the struct calls' results declared as the tuples they are: the compiled walk then takes their items
        # out directly instead of through the iterator protocol (a tuple of Any)
        scale: float = 0.0 if ng else unit  # seconds per tick of a pcap record (pcapng: per interface, below)
        max_record: int = max_record_
        max_block: int = max_block_
        # a little-endian pcap of Ethernet frames (what capture tools write): a record header and the frame's headers
        # in one struct call when the buffer holds both (the record's length is checked before they are read)
        both = _REC_OVER_ETH_LE.unpack_from if not ng and lt == 1 and hdr.format == "<III4x" else None
        got = False  # the frame's headers read with its record header
        by_index: bool = BY_INDEX
        while True:
            if ng:
                if pos + 28 > end:
                    break
                block: tuple[int, int, int, int, int, int] = unpack(buf, pos)
                btype, blen, iface, hi, lo, cap = block
                if btype != 6 or blen < 32 or blen % 4 or blen > max_block or pos + blen > end \
                        or iface >= len(ifaces) or cap > max_record:
                    break
                start = pos + 28
                pos += blen
                n = cap if cap < blen - 32 else blen - 32
                lt, tick, _snap = ifaces[iface]
                ts = ((hi << 32) | lo) * tick
            else:
                if pos + 16 > end:
                    break
                if both is not None and pos + 64 <= end:
                    rec_eth: tuple[int, int, int, int, int, int, int, int, bytes, int, int, int]
                    if by_index:  # (statements, not a conditional expression: compiled, its tuple stays unboxed)
                        rec_eth = _rec_over_eth(buf, pos)
                    else:
                        rec_eth = both(buf, pos)
                    sec, frac, n, ethertype, vihl, iplen, frag, proto, key, word, off, flags = rec_eth
                    got = True
                else:
                    record: tuple[int, int, int] = unpack(buf, pos)
                    sec, frac, n = record
                    got = False
                start = pos + 16
                if n > max_record or start + n > end:
                    break
                pos = start + n
                ts = sec + frac * scale
            frame += 1
            # the headers as feed()'s fast path reads them, in one struct call (offsets into a large buffer
            # are not small ints: each sum would be a new object); the same conditions as there
            if lt == 1 and n >= 54:
                if got:  # read with the record header
                    if not by_index:  # by the struct, little-endian: the network-order values swapped
                        ethertype = ((ethertype & 0xFF) << 8) | (ethertype >> 8)
                        iplen = ((iplen & 0xFF) << 8) | (iplen >> 8)
                        frag = ((frag & 0xFF) << 8) | (frag >> 8)
                        word = ((word & 0xFF) << 24) | ((word & 0xFF00) << 8) | ((word >> 8) & 0xFF00) | (word >> 24)
                else:
                    eth: tuple[int, int, int, int, int, bytes, int, int, int] = over_eth(buf, start)
                    ethertype, vihl, iplen, frag, proto, key, word, off, flags = eth
                o = 14 if ethertype == 0x0800 and vihl == 0x45 else -1
            elif lt == 101 and n >= 40:
                ip: tuple[int, int, int, int, bytes, int, int, int] = over_ip(buf, start)
                vihl, iplen, frag, proto, key, word, off, flags = ip
                o = 0 if vihl == 0x45 else -1
            else:
                o = -1
            settled: list[Message | FlowStats] | None = None  # what a packet settled below gives (as feed() would)
            fresh = False  # an IPv4 TCP/UDP packet of no connection the fast tables know (a new one's first)
            if o >= 0 and frame & 4095 and not frag & 0x3FFF:
                if iplen > n - o:
                    iplen = n - o
                if proto == 6:
                    ent = fast_tcp.get(key) if iplen >= 40 else None
                    if ent is None:
                        fresh = iplen >= 40
                    else:
                        c, outbound = ent
                        hlen = (off >> 4) * 4
                        if not flags & 0x07 and hlen >= 20:  # no SYN, FIN or RST
                            plen = iplen - 20 - hlen
                            if plen <= 0:  # a pure ACK
                                c.packets += 1
                                if ts > c.last_ts:
                                    c.last_ts = ts
                                if ts < first:
                                    first = ts
                                if ts > last:
                                    last = ts
                                continue
                            if not c.late:
                                d = c.d_out if outbound else c.d_in
                                if d.next_seq == word and not d.ooo:  # in order, nothing held back
                                    d.next_seq = (word + plen) & 0xFFFFFFFF
                                    c.packets += 1
                                    if ts > c.last_ts:
                                        c.last_ts = ts
                                    if outbound:
                                        c.bytes_out += plen
                                    else:
                                        c.bytes_in += plen
                                    if ts < first:
                                        first = ts
                                    if ts > last:
                                        last = ts
                                    if c.idle[outbound]:  # nobody wants the bytes
                                        continue
                                    # its handler's bytes, as feed() hands them on: sliced from the buffer (no
                                    # frame copy, no feed call)
                                    u = start + o + 20 + hlen
                                    settled = self._handle(c, outbound, buf[u:start + o + iplen], ts, frame)  # type: ignore[assignment]
                        elif hlen >= 20 and (flags & 0x07 == 0x02 or (flags & 0x07 == 0x01 and iplen - 20 - hlen <= 0)):
                            # a SYN-ACK, or a FIN without data: as feed() settles them, without the frame copy
                            if ts < first:
                                first = ts
                            if ts > last:
                                last = ts
                            settled = self._fin(c, outbound, ts) if flags & 0x07 == 0x01 else \
                                self._syn(c, outbound, word, iplen - 20 - hlen, ts)
                elif proto == 17:
                    ent = fast_udp.get(key) if iplen >= 28 else None
                    if ent is None:
                        fresh = iplen >= 28
                    else:
                        c, outbound = ent
                        if c.dns or (c.packets >= 8 and c.quic is None):
                            ulen = word >> 16
                            plen = (ulen if 8 <= ulen <= iplen - 20 else iplen - 20) - 8
                            c.packets += 1
                            if ts > c.last_ts:
                                c.last_ts = ts
                            if outbound:
                                c.bytes_out += plen
                            else:
                                c.bytes_in += plen
                            if ts < first:
                                first = ts
                            if ts > last:
                                last = ts
                            if c.dns:  # a DNS datagram: read as feed() reads it, without the frame copy
                                u = start + o + 28
                                settled = self._dns(ts, c, buf[u:u + plen], frame)
                            elif not plen or c.datagrams >= DATAGRAMS_PER_FLOW:  # the engine reads no more
                                continue
                            else:
                                # its Datagram, as feed() makes it, from the buffer (no frame copy, no feed call)
                                u = start + o + 28
                                payload = buf[u:u + (plen if plen < DATAGRAM_KEEP else DATAGRAM_KEEP)]
                                if late_from <= c.datagrams:  # a long conversation: does the reader want this one?
                                    if pending:  # (it first reads what came before: that decides its answer)
                                        self.first_ts, self.last_ts = first, last
                                        yield pending
                                        pending = []
                                    if not wants(payload, c.client, c.server):  # counted there, no Datagram made
                                        c.datagrams += 1
                                        continue
                                c.datagrams += 1
                                pending.append(_datagram(ts, c.client, c.server, "udp", payload, outbound, f"frame {frame}"))
                                if len(pending) >= 64:
                                    self.first_ts, self.last_ts = first, last
                                    yield pending
                                    pending = []
                                continue
            if settled is None:
                # the others are fed here (no record tuple, no trip through the reader's generators); what they
                # give is yielded, with what expiring idle connections gives at every 4096th frame
                if ts < first:
                    first = ts
                if ts > last:
                    last = ts
                if fresh:
                    # what feed() does with it (its fast path finds nothing: the same checks and key as above),
                    # without the frame copy and the link and IP layers read again: the TCP segment or UDP
                    # datagram as _ipv4 slices it, to _tcp / _udp, then any connection closed to make room
                    u = start + o
                    if proto == 6 and flags & 0x17 == 0x02 and (off >> 4) * 4 >= 20 and (off >> 4) * 4 >= iplen - 20:
                        # a client's SYN (no ACK, FIN or RST, no data) opening a connection: made here as _tcp
                        # makes it, from the raw header values (_open)
                        settled = self._open(ts, key, word)
                    elif proto == 17 and key[8:10] not in _TUNNEL_WIRE and key[10:12] not in _TUNNEL_WIRE:
                        # a new conversation's first datagram, off the tunnel ports (_open_udp)
                        settled = self._open_udp(ts, key, word >> 16, buf[u + 20:u + iplen], frame)
                    else:
                        seg = buf[u + 20:u + iplen]
                        texts, a, b = self.texts, key[:4], key[4:8]
                        src, dst = texts.get(a) or self._text(a), texts.get(b) or self._text(b)
                        settled = self._tcp(ts, src, dst, seg, frame) if proto == 6 else \
                            self._udp(ts, src, dst, seg, frame)
                    if self.evicted:
                        settled = self.evicted + settled
                        self.evicted = []
                else:
                    settled = feed(ts, lt, buf[start:start + n], frame)
            if settled:
                pending += settled
            if not frame & 4095:
                pending += self.expire(ts)
            if len(pending) >= 64:  # (yielded a list at a time: each yield passes through the reader's generators)
                self.first_ts, self.last_ts = first, last
                yield pending
                pending = []
        self.first_ts, self.last_ts = first, last
        if pending:
            yield pending
        return pos, frame

    def undecoded_warnings(self) -> list[str]:
        """One line per kind of traffic that was not decoded: an empty report must not look clean."""
        return [f"{n} packet{'s' if n != 1 else ''} of {what} not decoded" for what, n in self.undecoded.items()]

    def _skip(self, what: str) -> list[Message | FlowStats]:
        self.undecoded[what] = self.undecoded.get(what, 0) + 1
        return []

    def _feed(self, ts: float, linktype: int, data: bytes, frame: int) -> list[Message | FlowStats]:
        ip = ip_of(linktype, data)
        if type(ip) is str:
            return self._skip(ip)
        return self._ip(ts, ip, frame, 0)  # type: ignore[arg-type]

    def _ip(self, ts: float, ip: bytes, frame: int, depth: int) -> list[Message | FlowStats]:
        if not ip:
            return []
        version = ip[0] >> 4
        if version == 4:
            parsed = self._ipv4(ip)
        elif version == 6:
            parsed = self._ipv6(ip)
        else:
            return []
        if parsed is None:
            return []
        src, dst, proto, payload = parsed
        if proto == 6:
            return self._tcp(ts, src, dst, payload, frame)
        if proto == 17:
            return self._udp(ts, src, dst, payload, frame, depth)
        if proto in _CONTROL_PROTOS:
            return []
        if depth < MAX_DEPTH:
            if proto == 4 or proto == 41:  # IP-in-IP, 6in4
                return self._ip(ts, payload, frame, depth + 1)
            if proto == 47:
                inner = gre(payload)
                if type(inner) is str:
                    return self._skip(inner)
                return self._ip(ts, inner, frame, depth + 1)  # type: ignore[arg-type]
        return self._skip(_PROTO_NAMES.get(proto, f"IP protocol {proto}"))

    def expire(self, now: float) -> list[Message | FlowStats]:
        """Close connections idle for IDLE_SECONDS (long captures and live sniffing)."""
        out: list[Message | FlowStats] = []
        for key in [k for k, c in self.conns.items() if now - c.last_ts > IDLE_SECONDS]:
            out.extend(self._close(key, now))
        return out

    def finish(self) -> list[Message | FlowStats]:
        out: list[Message | FlowStats] = []
        for key in list(self.conns):
            c = self.conns[key]
            out.extend(self._close(key, c.last_ts))
        return out

    # -- IP --------------------------------------------------------------------------------------------

    def _ipv4(self, ip: bytes) -> tuple[str, str, int, bytes] | None:
        if len(ip) < 20:
            return None
        ihl = (ip[0] & 0x0F) * 4
        total = _U16.unpack_from(ip, 2)[0]
        if ihl < 20 or total < ihl:
            return None
        ident, frag = _U16.unpack_from(ip, 4)[0], _U16.unpack_from(ip, 6)[0]
        proto = ip[9]
        texts, a, b = self.texts, ip[12:16], ip[16:20]
        src, dst = texts.get(a) or self._text(a), texts.get(b) or self._text(b)
        payload = ip[ihl:total]
        more, offset = bool(frag & 0x2000), (frag & 0x1FFF) * 8
        if more or offset:
            whole = self._reassemble((src, dst, ident, proto), offset, payload, more)
            if whole is None:
                return None
            payload = whole
        return src, dst, proto, payload

    def _ipv6(self, ip: bytes) -> tuple[str, str, int, bytes] | None:
        if len(ip) < 40:
            return None
        plen = _U16.unpack_from(ip, 4)[0]
        nxt = ip[6]
        src, dst = str(ipaddress.IPv6Address(ip[8:24])), str(ipaddress.IPv6Address(ip[24:40]))
        off, end = 40, min(len(ip), 40 + plen) if plen else len(ip)
        for _ in range(8):
            if nxt in (0, 43, 60, 51):  # hop-by-hop, routing, destination options, AH
                if off + 2 > end:
                    return None
                length = (ip[off + 1] + 2) * 4 if nxt == 51 else (ip[off + 1] + 1) * 8
                nxt, off = ip[off], off + length
            elif nxt == 44:  # fragment
                if off + 8 > end:
                    return None
                fo = _U16.unpack_from(ip, off + 2)[0]
                ident = struct.unpack_from("!I", ip, off + 4)[0]
                inner = ip[off]
                whole = self._reassemble((src, dst, ident, inner), fo & 0xFFF8, ip[off + 8:end], bool(fo & 1))
                if whole is None:
                    return None
                return src, dst, inner, whole
            else:
                break
        return src, dst, nxt, ip[off:end]

    def _reassemble(self, key: tuple[str, str, int, int], offset: int, data: bytes, more: bool) -> bytes | None:
        parts = self.frags.get(key)
        if parts is None:
            if len(self.frags) >= MAX_FRAGMENT_SETS:  # drop the oldest set
                old = next(iter(self.frags))
                del self.frags[old]
                self.frag_meta.pop(old, None)
            parts = self.frags[key] = {}
        if offset + len(data) > 65535:
            return None
        parts.setdefault(offset, data)
        if not more:
            self.frag_meta[key] = offset + len(data)
        total = self.frag_meta.get(key)
        if total is None:
            return None
        buf = bytearray(total)
        have = 0
        for off in sorted(parts):
            chunk = parts[off][: max(0, total - off)]
            if off > have:
                return None  # a hole remains
            buf[off: off + len(chunk)] = chunk
            have = max(have, off + len(chunk))
        if have < total:
            return None
        del self.frags[key]
        self.frag_meta.pop(key, None)
        return bytes(buf)

    # -- who is the client -----------------------------------------------------------------------

    def _orient(self, src: str, sport: int, dst: str, dport: int, syn_from_src: bool | None,
                transport: str = "tcp") -> bool:
        """True when src is the client (lab side)."""
        if syn_from_src is not None:
            return syn_from_src
        if (src, sport, dst, dport) in self.closed_clients:  # a late packet of a closed connection
            return True
        if (dst, dport, src, sport) in self.closed_clients:
            return False
        if _group(dst):  # multicast and broadcast addresses only ever receive
            return True
        if _group(src):
            return False
        if src in self.client_ips or dst in self.client_ips:
            return src in self.client_ips
        if transport == "udp":  # a well-known port, else the lab (private) side, else the datagram's destination
            if (dport in _SERVICE_PORTS) != (sport in _SERVICE_PORTS):
                return dport in _SERVICE_PORTS
            ps, pd = _private(src), _private(dst)
            return ps if ps != pd else True
        ps, pd = _private(src), _private(dst)
        if ps != pd:
            return ps
        if (dport in _SERVICE_PORTS) != (sport in _SERVICE_PORTS):
            return dport in _SERVICE_PORTS
        return sport >= dport  # equal ports (mDNS, NetBIOS, LAN sync): the packet's destination is the server

    def _conn(self, ts: float, src: str, sport: int, dst: str, dport: int, transport: str,
              syn_from_src: bool | None) -> tuple[_Conn, bool, tuple[str, int, str, int, str]]:
        conns = self.conns
        key = (src, sport, dst, dport, transport)
        c = conns.get(key)
        if c is not None:
            return c, True, key
        back = (dst, dport, src, sport, transport)
        c = conns.get(back)
        if c is not None:
            return c, False, back
        is_client = self._orient(src, sport, dst, dport, syn_from_src, transport)
        if is_client:
            client, server = _endpoint(src, sport), _endpoint(dst, dport)
        else:
            key, client, server = back, _endpoint(dst, dport), _endpoint(src, sport)
        if len(conns) >= MAX_CONNS:
            self._evict_oldest(ts)
        # (by position: client, server, transport, first and last time, and for UDP no sequence numbers to follow)
        c = _Conn(client, server, transport, ts, ts, transport == "tcp")
        conns[key] = c
        if self.fast and ":" not in src:
            self._register(c, key)
        return c, is_client, key

    def _register(self, c: _Conn, key: tuple[str, int, str, int, str]) -> None:
        """Make an IPv4 connection findable by the fast path (both directions' raw address bytes)."""
        cip, cport, sip, sport, transport = key
        if transport == "udp":
            table = self.fast_udp
            if cport in TUNNEL_PORTS or sport in TUNNEL_PORTS:
                return  # a tunnel's datagrams are unwrapped on the full path
            c.dns = sport in (53, 5353) or cport == 53
        else:
            table = self.fast_tcp
            rc = self.recently_closed
            c.late = bool(rc) and ((cip, cport, sip, sport) in rc or (sip, sport, cip, cport) in rc)
        try:
            a, b = inet_aton(cip), inet_aton(sip)
        except OSError:
            return
        out, back = _FAST_KEY.pack(a, b, cport, sport), _FAST_KEY.pack(b, a, sport, cport)
        c.keys = (out, back)
        table[out] = (c, True)
        table[back] = (c, False)

    # -- UDP -------------------------------------------------------------------------------------------

    def _udp(self, ts: float, src: str, dst: str, seg: bytes, frame: int, depth: int = 0) -> list[Message | FlowStats]:
        if len(seg) < 8:
            return []
        sport, dport, ulen = struct.unpack_from("!HHH", seg)
        payload = seg[8:ulen] if 8 <= ulen <= len(seg) else seg[8:]
        c, outbound, _key = self._conn(ts, src, sport, dst, dport, "udp", None)
        self._count(c, outbound, len(payload), ts)
        if (dport in TUNNEL_PORTS or sport in TUNNEL_PORTS) and depth < MAX_DEPTH:
            inner = udp_tunnel(sport, dport, payload)
            if inner is not None:  # the tunnel stays a destination; what it carries is decoded
                return self._ip(ts, inner, frame, depth + 1)
        return self._udp_payload(c, outbound, payload, ts, frame)

    def _open_udp(self, ts: float, key: bytes, ulen: int, seg: bytes, frame: int) -> list[Message | FlowStats]:
        """The first datagram of an IPv4 UDP conversation no table knows, off the tunnel ports, from the walk (`seg`:
        the UDP header and payload as _ipv4 slices them, `ulen` its length field): what _udp does with it, from the
        raw fast-table key (addresses and ports as on the wire), without reading the header again, a lookup of the
        conversation under either direction's tuple or _register's address packing (the key is the sender's
        direction's key, the other one its halves swapped; tests/test_fast_path.py compares this with the
        reference path)."""
        texts, a, b = self.texts, key[:4], key[4:8]
        src, dst = texts.get(a) or self._text(a), texts.get(b) or self._text(b)
        sport, dport = _PORTS.unpack(key)
        payload = seg[8:ulen] if 8 <= ulen <= len(seg) else seg[8:]
        # _orient(src, sport, dst, dport, None, "udp"), its group tests read from the key's address bytes (an
        # IPv4 address is a group's when its first byte is 224-239 or its last 255: _group on its text)
        cc = self.closed_clients
        if cc and (src, sport, dst, dport) in cc:
            is_client = True
        elif cc and (dst, dport, src, sport) in cc:
            is_client = False
        elif 224 <= key[4] <= 239 or key[7] == 255:
            is_client = True
        elif 224 <= key[0] <= 239 or key[3] == 255:
            is_client = False
        elif self.client_ips and (src in self.client_ips or dst in self.client_ips):
            is_client = src in self.client_ips
        elif (dport in _SERVICE_PORTS) != (sport in _SERVICE_PORTS):
            is_client = dport in _SERVICE_PORTS
        else:
            ps, pd = _private(src), _private(dst)
            is_client = ps if ps != pd else True
        conns = self.conns
        if len(conns) >= MAX_CONNS:
            self._evict_oldest(ts)
        back = key[4:8] + key[:4] + key[10:12] + key[8:10]
        if is_client:
            c = _Conn(_endpoint(src, sport), _endpoint(dst, dport), "udp", ts, ts, False)
            conns[(src, sport, dst, dport, "udp")] = c
            c.keys = (key, back)
            c.dns = dport in (53, 5353) or sport == 53
        else:
            c = _Conn(_endpoint(dst, dport), _endpoint(src, sport), "udp", ts, ts, False)
            conns[(dst, dport, src, sport, "udp")] = c
            c.keys = (back, key)
            c.dns = sport in (53, 5353) or dport == 53
        table = self.fast_udp
        table[key] = (c, is_client)
        table[back] = (c, not is_client)
        c.packets = 1
        if is_client:
            c.bytes_out = len(payload)
        else:
            c.bytes_in = len(payload)
        return self._udp_payload(c, is_client, payload, ts, frame)

    def _udp_payload(self, c: _Conn, outbound: bool, payload: bytes, ts: float, frame: int) -> list[Message | FlowStats]:
        """A UDP datagram of conversation c, counted (and not a tunnel's): DNS, QUIC or a Datagram (_udp)."""
        if c.server.port in (53, 5353) or c.client.port == 53:
            return self._dns(ts, c, payload, frame)
        if c.quic is not None:
            return c.quic.feed(outbound, payload, ts, frame)  # type: ignore[no-any-return]
        if outbound and payload[:1] and payload[0] & 0xC0 == 0xC0 and c.packets <= 8 and not c.tls \
                and payload[1:5] in _QUIC_VERSIONS:
            if c.crypto is None:
                c.crypto = {}
            hello = _quic_hello(payload, c.crypto)
            if hello is not None:
                c.crypto = None
                sni, alpn, rnd, version, scid = hello
                if not c.tls:
                    self.quic_connections += 1
                    c.quic = self._quic_session(c, rnd, version, scid)
                c.tls = True
                return [TlsHello(ts=ts, client=c.client, server=c.server, sni=sni, alpn=alpn, protocol="quic",
                                 evidence=f"frame {frame}")]
        if not payload or c.datagrams >= DATAGRAMS_PER_FLOW:
            return []  # (the engine reads no more of a conversation; its bytes and packets are counted above)
        c.datagrams += 1
        return [_datagram(ts=ts, client=c.client, server=c.server, transport="udp", payload=payload[:DATAGRAM_KEEP],
                           outbound=outbound, evidence=f"frame {frame}")]

    def _quic_session(self, c: _Conn, client_random: bytes, version: int, scid: bytes) -> Any:
        keylog = getattr(self.tls_factory, "keylog", None)
        secrets = keylog.get(client_random) if keylog is not None else None
        if not secrets or "CLIENT_TRAFFIC_SECRET_0" not in secrets:
            return None
        from monitor.sources.quic_decrypt import QuicSession

        return QuicSession(c.client, c.server, secrets, version, scid)

    def _dns(self, ts: float, c: _Conn, payload: bytes, frame: int) -> list[Message | FlowStats]:
        if len(payload) < 12 or not payload[2] & 0x80:
            return []  # a query (or not DNS): only answers are read
        try:
            is_resp, rcode, qname, qtype, answers = parse_dns(payload)
        except DnsError:
            return []
        if not is_resp:
            return []
        # (by position, in DnsAnswer's field order: ts, client, server, qname, qtype, answers, evidence, transport, rcode)
        return [_dns_answer(ts, c.client, c.server, qname, qtype, tuple(answers), f"frame {frame}", "udp", rcode)]

    # -- TCP -------------------------------------------------------------------------------------------

    def _tcp(self, ts: float, src: str, dst: str, seg: bytes, frame: int) -> list[Message | FlowStats]:
        if len(seg) < 20:
            return []
        sport, dport, seq, _ack, off_flags = struct.unpack_from("!HHIIH", seg)
        hlen = (off_flags >> 12) * 4
        flags = off_flags & 0x3F
        if hlen < 20:
            return []
        payload = seg[hlen:]
        syn, fin, rst, ack = bool(flags & 0x02), bool(flags & 0x01), bool(flags & 0x04), bool(flags & 0x10)
        if syn and self.recently_closed:  # a new connection on the same addresses: forget the old one's end
            self.recently_closed.pop((src, sport, dst, dport), None)
            self.recently_closed.pop((dst, dport, src, sport), None)
        elif payload and self.recently_closed and self._late(src, sport, dst, dport, seq, len(payload)):
            return []  # a retransmission after the connection was closed: already delivered
        c, outbound, key = self._conn(ts, src, sport, dst, dport, "tcp", (not ack) if syn else None)
        self._count(c, outbound, len(payload), ts)
        d = c.d_out if outbound else c.d_in
        out: list[Message | FlowStats] = []
        if syn:
            d.next_seq = (seq + 1) & 0xFFFFFFFF
        elif payload:
            if d.next_seq is None:
                d.next_seq = seq  # capture started mid-connection
            out.extend(self._segment(c, outbound, d, seq, payload, ts, frame))
        if fin:
            d.fin = True
        if rst or (c.d_out.fin and c.d_in.fin):
            out.extend(self._close(key, ts))
        return out

    def _segment(self, c: _Conn, outbound: bool, d: _Dir, seq: int, payload: bytes, ts: float,
                 frame: int) -> list[Message]:
        assert d.next_seq is not None
        rel = (seq - d.next_seq) & 0xFFFFFFFF
        if rel >= 0x80000000:  # retransmission or overlap: keep only the new tail (first copy wins)
            behind = (d.next_seq - seq) & 0xFFFFFFFF
            if behind >= len(payload):
                return []
            payload, seq, rel = payload[behind:], d.next_seq, 0
        if rel > 0:  # a gap: hold the segment until the missing bytes arrive
            if seq not in d.ooo:
                d.ooo[seq] = payload
                d.ooo_bytes += len(payload)
            if d.ooo_bytes <= OOO_LIMIT:
                return []
            return self._skip_gap(c, outbound, d, ts, frame)  # the gap will not be filled
        d.next_seq = (seq + len(payload)) & 0xFFFFFFFF
        out = self._handle(c, outbound, payload, ts, frame)
        return out + self._pull(c, outbound, d, ts, frame)

    def _skip_gap(self, c: _Conn, outbound: bool, d: _Dir, ts: float, frame: int) -> list[Message]:
        """Lost data: continue at the earliest buffered segment."""
        base = d.next_seq or 0
        d.next_seq = min(d.ooo, key=lambda s: (s - base) & 0xFFFFFFFF)
        return self._pull(c, outbound, d, ts, frame)

    def _pull(self, c: _Conn, outbound: bool, d: _Dir, ts: float, frame: int) -> list[Message]:
        """Deliver buffered segments that are now in order."""
        out: list[Message] = []
        while d.ooo and d.next_seq is not None:
            nxt = d.next_seq
            ready = [s for s in d.ooo if ((s - nxt) & 0xFFFFFFFF) == 0 or ((s - nxt) & 0xFFFFFFFF) >= 0x80000000]
            if not ready:
                break
            for s in ready:
                seg = d.ooo.pop(s)
                d.ooo_bytes -= len(seg)
                behind = (d.next_seq - s) & 0xFFFFFFFF
                if behind < len(seg):
                    tail = seg[behind:]
                    d.next_seq = (d.next_seq + len(tail)) & 0xFFFFFFFF
                    out.extend(self._handle(c, outbound, tail, ts, frame))
        return out

    def _handle(self, c: _Conn, outbound: bool, data: bytes, ts: float, frame: int) -> list[Message]:
        if c.handler is None:
            if outbound and c.head is not None:
                data = c.head + data
                c.head = None
            # (find, not `in`: bytes.__contains__ first tries the operand as an int and raises and clears a TypeError,
            # ~2k instructions a call)
            if outbound and len(data) < 8192 and data.find(b"\n") < 0 and data.split(b" ", 1)[0] in _METHODS_PREFIX:
                c.head = data  # a request line split over segments: wait for the rest before choosing
                return []
            c.handler = self._choose(c, outbound, data)
        h = c.handler
        out = h.feed(outbound, data, ts, frame)
        kind = type(h)
        if kind not in _NO_IDLE:
            idle = getattr(h, "idle", None)
            if idle is None:
                _NO_IDLE.add(kind)
            else:
                c.idle[outbound] = idle(outbound)
                c.idle[not outbound] = idle(not outbound)
        return out

    def _choose(self, c: _Conn, outbound: bool, data: bytes) -> StreamHandler:
        if outbound and len(data) >= 3 and data[0] == 0x16 and data[1] == 0x03:
            c.tls = True
            if self.tls_factory is not None:
                c.decrypting = True
                return self.tls_factory(c.client, c.server)  # type: ignore[no-any-return]
            return TlsPassiveHandler(c.client, c.server)
        if (outbound and looks_like_http_request(data)) or (not outbound and looks_like_http_response(data)):
            return Http1Handler(c.client, c.server)
        if c.server.port == 53:
            return DnsTcpHandler(c.client, c.server)
        return RawHandler(c.client, c.server)

    # -- accounting ------------------------------------------------------------------------------------

    def _count(self, c: _Conn, outbound: bool, n: int, ts: float) -> None:
        c.packets += 1
        if ts > c.last_ts:  # (what max(c.last_ts, ts) keeps, without the call)
            c.last_ts = ts
        if outbound:
            c.bytes_out += n
        else:
            c.bytes_in += n

    def _late(self, src: str, sport: int, dst: str, dport: int, seq: int, length: int) -> bool:
        end = self.recently_closed.get((src, sport, dst, dport))
        return end is not None and ((end - (seq + length)) & 0xFFFFFFFF) < 0x80000000

    def _close(self, key: tuple[str, int, str, int, str], ts: float) -> list[Message | FlowStats]:
        c = self.conns.pop(key, None)
        if c is None:
            return []
        if c.keys:
            table = self.fast_tcp if c.transport == "tcp" else self.fast_udp
            for k in c.keys:
                table.pop(k, None)
            c.keys = ()
        if c.transport == "tcp":  # remember where each direction ended, to recognize late retransmissions
            while len(self.recently_closed) > 4096:  # two entries come per connection: a loop keeps the bound
                self.recently_closed.popitem(last=False)
            if len(self.closed_clients) > 4096:
                self.closed_clients.popitem(last=False)
            # (a connection's key is (client ip, client port, server ip, server port, transport): _conn)
            cip, cport, sip, sport, _tr = key
            self.closed_clients[(cip, cport, sip, sport)] = None
            for outbound, d in ((True, c.d_out), (False, c.d_in)):
                if d.next_seq is not None:
                    self.recently_closed[(cip, cport, sip, sport) if outbound else (sip, sport, cip, cport)] = \
                        (d.next_seq + (1 if d.fin else 0)) & 0xFFFFFFFF
        out: list[Message | FlowStats] = []
        for outbound, d in ((True, c.d_out), (False, c.d_in)):
            while d.ooo:  # data after a gap that was never filled
                out.extend(self._skip_gap(c, outbound, d, ts, 0))
        if c.handler is None and c.head:
            c.handler = self._choose(c, True, c.head)
            out.extend(c.handler.feed(True, c.head, ts, 0))
        if c.handler is not None:
            out.extend(c.handler.close(ts))
        if c.quic is not None:
            out.extend(c.quic.close(ts))
            self.quic_decrypted += bool(c.quic.decrypted)
        no_key = c.tls and c.transport == "tcp" and not (c.decrypting and getattr(c.handler, "decrypted", False))
        if no_key:
            self.encrypted_no_key += 1
        # (by position, in FlowStats' field order: keyword arguments cost ~0.8 us more, one per connection)
        out.append(_flow_stats(c.client, c.server, c.transport, c.bytes_out, c.bytes_in,
                               c.packets, c.first_ts, c.last_ts, no_key))
        return out


_METHODS_PREFIX = frozenset(m[:i] for m in (b"GET", b"POST", b"PUT", b"HEAD", b"DELETE", b"OPTIONS", b"PATCH",
                                            b"CONNECT", b"TRACE") for i in range(1, len(m) + 1))
_SERVICE_PORTS = frozenset({53, 80, 443, 853, 1883, 8883, 5222, 5223, 5228, 8080, 8443, 32100, 32108, 34567,
                            6666, 6667, 6668, 19000, 3000, 7000, 8000, 123, 5353, 1900, 554, 32761,
                            67, 547, 137, 138, 161, 5355, 3702, 5683, 9999, 4789, 6081, 3544})


_ntoa4 = inet_ntoa


def _every(payload: bytes, client: Endpoint, server: Endpoint) -> bool:
    """Without a reader's answer every datagram is handed on."""
    return True
# the QUIC versions whose Initials quic.py reads (its VERSIONS), as on the wire: a long-header datagram of
# another version (PPPP's 0xF1 looks like one) is not handed to it, nor is the cryptography package imported for it
_QUIC_VERSIONS = frozenset({b"\x00\x00\x00\x01", b"\x6b\x33\x43\xcf"})


def _quic_hello(payload: bytes, pieces: dict[int, bytes]) -> tuple[str, tuple[str, ...], bytes, int, bytes] | None:
    try:
        from monitor.sources.quic import client_initial
    except ImportError:
        return None
    return client_initial(payload, pieces)
