"""Issue 20, eighteenth pass: the DNS answer's shortcuts, the walk's orientation of a new UDP conversation and the
engine's answer about a long conversation's datagrams give what the general code gives.

- parse_dns reads an answer name that is a pointer to the question's (0xC00C) as the question's name instead of
  following the pointer: compared with every name read by read_name (the reference), on well-formed answers and
  on damaged ones (pointer loops, a question name at the hop limit, truncation anywhere, random bytes). Since the
  nineteenth pass also an answer name that repeats the question's labels byte for byte (a server that does not
  compress): the same comparison, with such names (and near copies: another case, one label less, a pointer in
  the question) among the answers.
- PacketDecoder._open_udp orients a new conversation from the raw key's address bytes: compared with _orient on
  group (multicast, broadcast) addresses, the lab's own addresses, closed TCP connections' tuples, service ports and
  private / public addresses.
- Engine.wants_datagram loops over the recognizer's UDP plan itself: it answers True exactly when recognize() gives
  a match with hits (and counts the datagram otherwise).
"""

from __future__ import annotations

import random
import struct
from socket import inet_aton

import pytest

from monitor.sources.dns import DnsError, parse_dns, read_name
from monitor.sources.packets import _FAST_KEY, PacketDecoder


def _reference(msg: bytes) -> object:
    """parse_dns as it read every name with read_name (before the eighteenth pass): the result or the error."""
    try:
        if len(msg) < 12:
            raise DnsError("shorter than a DNS header")
        _id, flags, qd, an, _ns, _ar = struct.unpack_from("!HHHHHH", msg)
        if flags & 0x7800:
            raise DnsError("not a standard query")
        if qd != 1:
            raise DnsError("question count is not 1")
        qname, off = read_name(msg, 12)
        if off + 4 > len(msg):
            raise DnsError("truncated question")
        qtype_n = struct.unpack_from("!H", msg, off)[0]
        off += 4
        answers = []
        for _ in range(min(an, 64)):
            name, off = read_name(msg, off)
            if off + 10 > len(msg):
                raise DnsError("truncated answer")
            rtype, _cls, ttl, rdlen = struct.unpack_from("!HHIH", msg, off)
            off += 10
            rdata = msg[off: off + rdlen]
            if len(rdata) != rdlen:
                raise DnsError("answer data runs past the message")
            if rtype == 1 and rdlen == 4:
                answers.append((name, "A", ".".join(map(str, rdata)), ttl))
            elif rtype == 28 and rdlen == 16:
                import ipaddress

                answers.append((name, "AAAA", str(ipaddress.IPv6Address(rdata)), ttl))
            elif rtype == 5:
                answers.append((name, "CNAME", read_name(msg, off)[0], ttl))
            off += rdlen
        from monitor.sources.dns import RTYPES

        return bool(flags & 0x8000), flags & 0x000F, qname, RTYPES.get(qtype_n, str(qtype_n)), answers
    except DnsError as exc:
        return ("error", str(exc))


def _ours(msg: bytes) -> object:
    try:
        return parse_dns(msg)
    except DnsError as exc:
        return ("error", str(exc))


def _answer(rnd: random.Random, qname_at: int) -> bytes:
    name = rnd.choice([b"\xc0\x0c", b"\xc0\x0c", b"\x03www\xc0\x0c", bytes([0xC0, qname_at]), b"\x01x\x00",
                       b"\xc0\x0d", b"\xc0"])
    kind = rnd.choice(["A", "A", "AAAA", "CNAME", "TXT"])
    if kind == "A":
        return name + struct.pack("!HHIH", 1, 1, rnd.randrange(1 << 32), 4) + rnd.randbytes(4)
    if kind == "AAAA":
        return name + struct.pack("!HHIH", 28, 1, 60, 16) + rnd.randbytes(16)
    if kind == "CNAME":
        target = rnd.choice([b"\x03cdn\xc0\x0c", b"\xc0\x0c", b"\x04edge\x03net\x00"])
        return name + struct.pack("!HHIH", 5, 1, 60, len(target)) + target
    return name + struct.pack("!HHIH", 16, 1, 60, 3) + b"\x02hi"


def _message(rnd: random.Random) -> bytes:
    question = rnd.choice([b"\x03api\x07example\x03com\x00", b"\x01a\x00", b"\x00",
                           b"\x03abc" + b"\x00"])
    answers = [_answer(rnd, 12) for _ in range(rnd.randrange(0, 5))]
    head = struct.pack("!HHHHHH", rnd.randrange(1 << 16), rnd.choice([0x8180, 0x8183, 0x0100, 0x8980]), 1,
                       rnd.choice([len(answers), len(answers) + 1, max(0, len(answers) - 1)]), 0, 0)
    return head + question + struct.pack("!HH", 1, 1) + b"".join(answers)


@pytest.mark.parametrize("seed", range(4))
def test_a_dns_answer_reads_as_every_name_read_by_read_name(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(1500):
        msg = _message(rnd)
        cut = rnd.random()
        if cut < 0.2:
            msg = msg[:rnd.randrange(len(msg) + 1)]  # truncated anywhere
        elif cut < 0.3:
            i = rnd.randrange(len(msg))
            msg = msg[:i] + bytes([rnd.randrange(256)]) + msg[i + 1:]  # one byte changed
        assert _ours(msg) == _reference(msg), msg.hex()


def _uncompressed(rnd: random.Random) -> bytes:
    """An answer whose name is written out: the question's labels (copied, changed in case, shortened, extended)."""
    question = rnd.choice([b"\x03api\x07example\x03com\x00", b"\x01a\x00", b"\x00", b"\x03ABC\x00",
                           b"\x03api\xc0\x0c"])
    names = [question, question, question.upper(), question[:-1], question[:4] + b"\x00", b"\x03www" + question,
             b"\xc0\x0c"]
    answers = []
    for _ in range(rnd.randrange(0, 4)):
        kind = rnd.choice(["A", "CNAME", "AAAA"])
        name = rnd.choice(names)
        if kind == "A":
            answers.append(name + struct.pack("!HHIH", 1, 1, 60, 4) + rnd.randbytes(4))
        elif kind == "AAAA":
            answers.append(name + struct.pack("!HHIH", 28, 1, 60, 16) + rnd.randbytes(16))
        else:
            target = rnd.choice(names)
            answers.append(name + struct.pack("!HHIH", 5, 1, 60, len(target)) + target)
    head = struct.pack("!HHHHHH", rnd.randrange(1 << 16), rnd.choice([0x8180, 0x8183]), 1,
                       rnd.choice([len(answers), len(answers) + 1]), 0, 0)
    return head + question + struct.pack("!HH", 1, 1) + b"".join(answers)


@pytest.mark.parametrize("seed", range(4))
def test_an_answer_name_written_as_the_question_s_reads_as_read_name_reads_it(seed: int) -> None:
    rnd = random.Random(100 + seed)
    shortcut = 0
    for _ in range(1500):
        msg = _uncompressed(rnd)
        cut = rnd.random()
        if cut < 0.2:
            msg = msg[:rnd.randrange(len(msg) + 1)]  # truncated anywhere (inside a copied name too)
        elif cut < 0.3:
            i = rnd.randrange(len(msg))
            msg = msg[:i] + bytes([rnd.randrange(256)]) + msg[i + 1:]  # one byte changed
        ours = _ours(msg)
        assert ours == _reference(msg), msg.hex()
        shortcut += isinstance(ours, tuple) and len(ours) == 5 and any(a[0] == ours[2] for a in ours[4])
    assert shortcut > 100  # answers named as the question were read (not only errors)


def test_a_question_name_at_the_hop_limit_fails_its_answer_s_pointer_as_before() -> None:
    """A question name reached through 31 or 32 pointers: its answer's 0xC00C is one hop more (33 fails)."""
    for hops in (30, 31, 32, 33):
        # the question at 12 is a pointer into a chain of pointers after the answer, ending in a label "a"
        answer = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + bytes([1, 2, 3, 4])
        chain_at = 12 + 2 + 4 + len(answer)  # after the question (a pointer), its type and class, the answer
        chain = b"".join(bytes([0xC0, chain_at + 2 * (k + 1)]) for k in range(hops - 1)) + b"\x01a\x00"
        question = bytes([0xC0, chain_at])
        msg = struct.pack("!HHHHHH", 1, 0x8180, 1, 1, 0, 0) + question + struct.pack("!HH", 1, 1) + answer + chain
        assert _ours(msg) == _reference(msg), hops
        assert (_ours(msg)[0] == "error") == (hops >= 32), hops  # type: ignore[index]


def test_random_bytes_parse_as_before() -> None:
    rnd = random.Random(11)
    for _ in range(3000):
        msg = struct.pack("!HHHHHH", 1, 0x8180, 1, rnd.randrange(4), 0, 0) + rnd.randbytes(rnd.randrange(60))
        assert _ours(msg) == _reference(msg), msg.hex()


def test_a_new_conversation_is_oriented_from_its_key_as_orient_does() -> None:
    rnd = random.Random(5)
    addrs = ["10.0.0.2", "192.168.1.255", "224.0.0.251", "239.255.255.250", "255.255.255.255", "198.51.100.1",
             "203.0.113.9", "172.16.0.5", "10.0.0.1", "100.64.0.1", "127.0.0.1", "223.1.1.1", "240.0.0.1"]
    ports = [53, 5353, 123, 1900, 32100, 40000, 50002, 443, 65535, 1024]
    for trial in range(3000):
        src, dst = rnd.choice(addrs), rnd.choice(addrs)
        sport, dport = rnd.choice(ports), rnd.choice(ports)
        lab = frozenset(rnd.sample(addrs, rnd.randrange(3)))
        d = PacketDecoder(client_ips=lab)
        if trial % 5 == 0:  # a closed TCP connection on these addresses (either way round)
            d.closed_clients[(src, sport, dst, dport) if trial % 10 else (dst, dport, src, sport)] = None
        key = _FAST_KEY.pack(inet_aton(src), inet_aton(dst), sport, dport)
        payload = b"\x01\x02\x03\x04"
        seg = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
        d._open_udp(1.0, key, 8 + len(payload), seg, 1)
        conn = d.fast_udp[key][0]
        is_client = d._orient(src, sport, dst, dport, None, "udp")
        assert (conn.client.ip, conn.client.port) == ((src, sport) if is_client else (dst, dport)), \
            (src, sport, dst, dport, lab)
        assert (conn.server.ip, conn.server.port) == ((dst, dport) if is_client else (src, sport))


def test_wants_datagram_answers_as_recognize_does() -> None:
    from monitor.context import build_context
    from monitor.engine import MAX_SCANNED_DATAGRAMS_PER_FLOW, Engine
    from monitor.model import Endpoint

    ctx = build_context((), None, None)
    engine = Engine(ctx, lambda: 1)
    client, server = Endpoint("10.0.0.2", 40000), Endpoint("198.51.100.1", 32100)
    fkey = (server.ip, server.port, "udp", client.ip, client.port)
    uid = b"ABCD\0\0\0\0" + (123456).to_bytes(4, "big") + b"EFGHJ\0\0\0"
    samples = [b"", b"\xf1\x10" + (len(uid) + 8).to_bytes(2, "big") + uid + bytes(8), b"\xf1\xd0\x00\x08" + bytes(8),
               b"\x80\x60" + bytes(160), b"\xf1\xe0\x00\x00", b"RTSP/1.0 200 OK\r\n\r\n", b"\x00\x00\x55\xaa" + bytes(30)]
    rnd = random.Random(3)
    samples += [rnd.randbytes(rnd.randrange(1, 80)) for _ in range(300)]
    for payload in samples:
        for sp, cp in ((32100, 40000), (50002, 41000), (9999, 9998)):
            s, c = Endpoint(server.ip, sp), Endpoint(client.ip, cp)
            key = (s.ip, s.port, "udp", c.ip, c.port)
            engine._flow_counts[key] = MAX_SCANNED_DATAGRAMS_PER_FLOW
            match = engine._p2p.recognize(payload, sp, cp, "udp", engine._cs2_keys)
            engine._late = None
            wanted = engine.wants_datagram(payload, c, s)
            assert wanted == bool(match and match.hits), payload.hex()
            assert engine._flow_counts[key] == MAX_SCANNED_DATAGRAMS_PER_FLOW + (not wanted)
            if wanted:
                assert engine._late is not None and engine._late[0] is payload and engine._late[1] == match
    assert fkey in engine._flow_counts


def test_address_texts_are_inet_ntoa_s_and_bounded() -> None:
    """The decoder remembers IPv4 addresses' text (PacketDecoder.texts): the same text as inet_ntoa, one string per
    address while remembered, and never more than MAX_ADDRESS_TEXTS of them (emptied when full)."""
    from socket import inet_ntoa

    from monitor.sources import packets

    d = PacketDecoder()
    rnd = random.Random(9)
    lab = "10.0.0.2"
    for i in range(packets.MAX_ADDRESS_TEXTS + 500):
        raw = rnd.randbytes(4) if i % 3 else inet_aton(lab)
        text = d.texts.get(raw) or d._text(raw)
        assert text == inet_ntoa(raw)
        assert len(d.texts) <= packets.MAX_ADDRESS_TEXTS
        assert (d.texts.get(raw) or d._text(raw)) is text  # one string per address while it is remembered
    key = _FAST_KEY.pack(inet_aton("192.0.2.7"), inet_aton(lab), 40000, 53)
    seg = struct.pack("!HHHH", 40000, 53, 12, 0) + b"\x00\x01\x01\x00"
    d._open_udp(1.0, key, 12, seg, 1)
    conn = d.fast_udp[key][0]
    assert {conn.client.ip, conn.server.ip} == {"192.0.2.7", lab}
