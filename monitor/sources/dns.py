"""DNS messages (over UDP, or TCP with its 2-byte length) -> the question and the answer records.

Name compression is followed with a hop limit (no loops), every offset is checked against the
message length, and only A, AAAA and CNAME answers are kept (what the IP -> name map needs).
"""

from __future__ import annotations

import ipaddress
import struct

# _socket: the C functions socket re-exports, without socket.py's set-up of its enums (~12M instructions at start)
from _socket import inet_ntoa

RTYPES = {1: "A", 28: "AAAA", 5: "CNAME", 65: "HTTPS", 12: "PTR", 16: "TXT", 33: "SRV"}
MAX_ANSWERS = 64
_ntoa = inet_ntoa  # the dotted quad str(ipaddress.IPv4Address(...)) gives, without building the object


class DnsError(ValueError):
    pass


def read_name(msg: bytes, off: int) -> tuple[str, int]:
    """Decode a (possibly compressed) name at off; returns (name, offset after the name in place)."""
    labels: list[bytes] = []
    end = -1
    hops = 0
    total = 0
    size = len(msg)
    while True:
        if off >= size:
            raise DnsError("name runs past the message")
        n = msg[off]
        if n == 0:
            off += 1
            break
        if n & 0xC0 == 0xC0:
            if off + 1 >= size:
                raise DnsError("truncated pointer")
            hops += 1
            if hops > 32:
                raise DnsError("compression loop")
            if end < 0:
                end = off + 2
            off = ((n & 0x3F) << 8) | msg[off + 1]
            continue
        if n & 0xC0:
            raise DnsError("bad label type")
        if off + 1 + n > size:
            raise DnsError("label runs past the message")
        total += n + 1
        if total > 255:
            raise DnsError("name too long")
        labels.append(msg[off + 1: off + 1 + n])
        off += 1 + n
    # decoded once (a byte that is not ASCII becomes U+FFFD, as label by label)
    return b".".join(labels).decode("ascii", "replace").lower(), (end if end >= 0 else off)


def parse_dns(msg: bytes) -> tuple[bool, int, str, str, list[tuple[str, str, str, int]]]:
    """Return (is_response, rcode, qname, qtype, answers[(name, rtype, value, ttl)])."""
    if len(msg) < 12:
        raise DnsError("shorter than a DNS header")
    _id, flags, qd, an, _ns, _ar = struct.unpack_from("!HHHHHH", msg)
    if flags & 0x7800:  # opcode other than QUERY: not what we look for
        raise DnsError("not a standard query")
    if qd != 1:
        raise DnsError("question count is not 1")
    qname, off = read_name(msg, 12)
    if off + 4 > len(msg):
        raise DnsError("truncated question")
    qtype_n = struct.unpack_from("!H", msg, off)[0]
    off += 4
    answers: list[tuple[str, str, str, int]] = []
    for _ in range(min(an, MAX_ANSWERS)):
        name, off = read_name(msg, off)
        if off + 10 > len(msg):
            raise DnsError("truncated answer")
        rtype, _cls, ttl, rdlen = struct.unpack_from("!HHIH", msg, off)
        off += 10
        rdata = msg[off: off + rdlen]
        if len(rdata) != rdlen:
            raise DnsError("answer data runs past the message")
        if rtype == 1 and rdlen == 4:
            answers.append((name, "A", _ntoa(rdata), ttl))
        elif rtype == 28 and rdlen == 16:
            answers.append((name, "AAAA", str(ipaddress.IPv6Address(rdata)), ttl))
        elif rtype == 5:
            answers.append((name, "CNAME", read_name(msg, off)[0], ttl))
        off += rdlen
    return bool(flags & 0x8000), flags & 0x000F, qname, RTYPES.get(qtype_n, str(qtype_n)), answers
