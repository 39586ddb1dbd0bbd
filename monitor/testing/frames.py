"""Frames and capture files built byte by byte: Ethernet/VLAN/SLL, IPv4/IPv6, TCP/UDP, pcap and pcapng.

Every builder returns bytes and takes addresses as text ("10.42.0.23", "a4:5e:60:c1:22:9f") or as
packed bytes. Lengths are computed, never given, so a builder cannot write an inconsistent header;
the hostile-input corpus writes its broken headers by hand on top of these.
"""

from __future__ import annotations

import ipaddress
import struct
from collections.abc import Iterable, Sequence

ETH_DST, ETH_SRC = "02:00:00:00:00:01", "02:00:00:00:00:02"


def _ip4(addr: str | bytes) -> bytes:
    return addr if isinstance(addr, bytes) else ipaddress.IPv4Address(addr).packed


def _mac(addr: str | bytes) -> bytes:
    return addr if isinstance(addr, bytes) else bytes(int(x, 16) for x in addr.split(":"))


def checksum(data: bytes) -> int:
    """The Internet checksum (RFC 1071) of data."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip4(src: str | bytes, dst: str | bytes, proto: int, payload: bytes, ident: int = 1, frag: int = 0,
        with_checksum: bool = False) -> bytes:
    """An IPv4 header (no options, TTL 64) and its payload; `frag` is the flags+offset field."""
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident & 0xFFFF, frag, 64, proto, 0,
                      _ip4(src), _ip4(dst))
    if with_checksum:
        hdr = hdr[:10] + struct.pack("!H", checksum(hdr)) + hdr[12:]
    return hdr + payload


def ip6(src: str, dst: str, proto: int, payload: bytes, ext: bool = False) -> bytes:
    """An IPv6 header and its payload, optionally behind a hop-by-hop options header."""
    nxt = proto
    if ext:
        payload = bytes([proto, 0]) + b"\x01\x04\x00\x00\x00\x00" + payload
        nxt = 0
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nxt, 64, ipaddress.IPv6Address(src).packed,
                       ipaddress.IPv6Address(dst).packed) + payload


def tcp(sport: int, dport: int, seq: int, flags: int = 0x18, data: bytes = b"", ack: int = 1,
        window: int = 65535) -> bytes:
    """A TCP header without options (checksum 0) and its data."""
    return struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 0x50, flags, window, 0,
                       0) + data


def udp(sport: int, dport: int, data: bytes) -> bytes:
    """A UDP header (checksum 0) and its data."""
    return struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data


def eth(ip: bytes, vlans: int = 0, dst: str | bytes = ETH_DST, src: str | bytes = ETH_SRC) -> bytes:
    """An Ethernet II frame around an IP packet (its version picks the EtherType), with `vlans` 802.1ad/Q tags."""
    v6 = ip[0] >> 4 == 6
    tags = b"".join(struct.pack("!HH", 0x8100 if i else 0x88A8, 10 + i) for i in range(vlans))
    return _mac(dst) + _mac(src) + tags + struct.pack("!H", 0x86DD if v6 else 0x0800) + ip


def sll(ip: bytes) -> bytes:
    """Linux cooked capture v1 (DLT 113) around an IP packet."""
    return struct.pack("!HHH8sH", 0, 1, 6, b"\x02" * 8, 0x86DD if ip[0] >> 4 == 6 else 0x0800) + ip


def sll2(ip: bytes) -> bytes:
    """Linux cooked capture v2 (DLT 276) around an IP packet."""
    return struct.pack("!HHIHBB8s", 0x86DD if ip[0] >> 4 == 6 else 0x0800, 0, 2, 1, 0, 6, b"\x02" * 8) + ip


def pcap(frames: Iterable[tuple[float, bytes]], linktype: int = 1, big_endian: bool = False, nano: bool = False,
         snaplen: int = 65535) -> bytes:
    """A classic pcap file of (timestamp, frame) records."""
    e = ">" if big_endian else "<"
    magic = 0xA1B23C4D if nano else 0xA1B2C3D4
    out = [struct.pack(e + "IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)]
    for ts, f in frames:
        sec = int(ts)
        frac = round((ts - sec) * (1e9 if nano else 1e6))
        out.append(struct.pack(e + "IIII", sec, frac, len(f), len(f)) + f)
    return b"".join(out)


def pcapng_block(btype: int, body: bytes) -> bytes:
    """One pcapng block: type, total length, the body padded to 32 bits, total length again."""
    body += b"\0" * (-len(body) % 4)
    return struct.pack("<II", btype, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))


def pcapng(frames: Iterable[tuple[float, int, bytes]], linktypes: Sequence[int], secrets: bytes = b"",
           snaplen: int = 65535, extra_blocks: Sequence[tuple[int, bytes]] = ()) -> bytes:
    """A pcapng file: one section, one interface per linktype, `extra_blocks` and a TLS key log
    (Decryption Secrets Block) before the (timestamp, interface, frame) Enhanced Packet Blocks."""
    out = [pcapng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))]
    out += [pcapng_block(1, struct.pack("<HHI", lt, 0, snaplen)) for lt in linktypes]
    out += [pcapng_block(t, body) for t, body in extra_blocks]
    if secrets:
        out.append(pcapng_block(0x0A, struct.pack("<II", 0x544C534B, len(secrets)) + secrets))
    for ts, iface, f in frames:
        us = round(ts * 1e6)
        out.append(pcapng_block(6, struct.pack("<IIIII", iface, us >> 32, us & 0xFFFFFFFF, len(f), len(f)) + f))
    return b"".join(out)
