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
    name, end, _hops = _read_name(msg, off)
    return name, end


def _read_name(msg: bytes, off: int) -> tuple[str, int, int]:
    """read_name's (name, offset after it), and how many pointers were followed."""
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
    return b".".join(labels).decode("ascii", "replace").lower(), (end if end >= 0 else off), hops


_HEADER = struct.Struct("!HHHHHH")
_U16 = struct.Struct("!H")
_RR = struct.Struct("!HHIH")  # an answer's type, class, TTL and data length


def parse_dns(msg: bytes) -> tuple[bool, int, str, str, list[tuple[str, str, str, int]]]:
    """Return (is_response, rcode, qname, qtype, answers[(name, rtype, value, ttl)])."""
    size = len(msg)
    if size < 12:
        raise DnsError("shorter than a DNS header")
    _id, flags, qd, an, _ns, _ar = _HEADER.unpack_from(msg)
    if flags & 0x7800:  # opcode other than QUERY: not what we look for
        raise DnsError("not a standard query")
    if qd != 1:
        raise DnsError("question count is not 1")
    qname, off, qhops = _read_name(msg, 12)
    if off + 4 > size:
        raise DnsError("truncated question")
    # the question's name as written, when it is labels only (no pointer): an answer whose name is the same bytes
    # (a server that does not compress) reads as the question's name, ending that many bytes on
    qraw = msg[12:off] if not qhops else None
    qtype_n = _U16.unpack_from(msg, off)[0]
    off += 4
    answers: list[tuple[str, str, str, int]] = []
    for _ in range(an if an < MAX_ANSWERS else MAX_ANSWERS):
        # a name that is a pointer to the question's (0xC00C: most answers) is the question's name, read above:
        # read_name would follow the pointer to the same labels (the same name, the offset after the pointer),
        # failing only where one hop more than the question's passes the hop limit
        if msg.startswith(b"\xc0\x0c", off) and qhops < 32:
            name = qname
            off += 2
        elif qraw is not None and msg.startswith(qraw, off):  # the same labels: read_name reads the same name
            name = qname
            off += len(qraw)
        else:
            name, off, _hops = _read_name(msg, off)
        if off + 10 > size:
            raise DnsError("truncated answer")
        rtype, _cls, ttl, rdlen = _RR.unpack_from(msg, off)
        off += 10
        if off + rdlen > size:
            raise DnsError("answer data runs past the message")
        if rtype == 1 and rdlen == 4:
            answers.append((name, "A", _ntoa(msg[off: off + 4]), ttl))
        elif rtype == 28 and rdlen == 16:
            answers.append((name, "AAAA", str(ipaddress.IPv6Address(msg[off: off + 16])), ttl))
        elif rtype == 5:
            answers.append((name, "CNAME", _read_name(msg, off)[0], ttl))
        off += rdlen
    return bool(flags & 0x8000), flags & 0x000F, qname, RTYPES.get(qtype_n, str(qtype_n)), answers
