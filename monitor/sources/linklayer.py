"""Link layers and encapsulations down to the IP packet.

`ip_of(linktype, frame)` returns the IP packet a frame carries, `b""` when the frame is decoded
and carries no IP (ARP, 802.11 management, PPP control, LLDP...), or a short label (a `str`)
when privmon cannot decode it ("link type 147", "802.11 protected data"): the capture source
counts those and warns, so an empty report never passes for a clean one.

Link types (LINKTYPE_* numbers of the pcap spec): Ethernet with 802.1Q/QinQ, PPPoE and MPLS;
raw IP; BSD loopback; Linux SLL and SLL2; NFLOG; PPP (also in HDLC framing, with direction);
802.11 bare, with radiotap, PPI, Prism or AVS headers; Apple PKTAP (iOS `rvictl`, macOS
`tcpdump -k`). GRE (with ERSPAN, transparent Ethernet, PPTP's PPP) is unwrapped by `gre`, the
UDP tunnels (VXLAN, Geneve, Teredo) by `udp_tunnel`; IP-in-IP and 6in4 by the packet decoder.
Every offset is checked against the bytes present.
"""

from __future__ import annotations

import struct

_U16 = struct.Struct("!H")
_LE16 = struct.Struct("<H")
_LE32 = struct.Struct("<I")
VLAN_TYPES = frozenset({0x8100, 0x88A8, 0x9100})
RAW_IP = frozenset({101, 12, 14, 228, 229})
NO_IP = b""

LINK_NAMES = {9: "PPP", 50: "PPP (HDLC)", 105: "802.11", 119: "802.11 Prism", 127: "802.11 radiotap",
              163: "802.11 AVS", 192: "PPI", 204: "PPP with direction", 239: "NFLOG", 258: "PKTAP",
              147: "USER0", 148: "USER1", 149: "USER2 (PKTAP?)", 1: "Ethernet", 113: "Linux SLL", 276: "Linux SLL2"}


def link_name(linktype: int) -> str:
    name = LINK_NAMES.get(linktype)
    return f"{linktype} ({name})" if name else str(linktype)


def ip_of(linktype: int, data: bytes, depth: int = 0) -> bytes | str:
    """The IP packet inside a frame of this link type, NO_IP, or a label of what was not decoded."""
    if linktype == 1:
        return ether(data)
    if linktype in RAW_IP:
        return data
    if linktype in (0, 108):  # BSD loopback: 4-byte address family, then IP
        return data[4:]
    if linktype == 113:  # Linux cooked (SLL)
        return ethertype(_U16.unpack_from(data, 14)[0], data[16:]) if len(data) >= 16 else NO_IP
    if linktype == 276:  # Linux cooked v2 (SLL2)
        return ethertype(_U16.unpack_from(data, 0)[0], data[20:]) if len(data) >= 20 else NO_IP
    if linktype == 239:
        return nflog(data)
    if linktype in (9, 50):
        return ppp(data)
    if linktype == 204:  # PPP with a direction byte first
        return ppp(data[1:])
    if linktype == 105:
        return wlan(data)
    if linktype == 127:  # radiotap: little-endian header length at byte 2
        if len(data) < 8:
            return NO_IP
        return wlan(data[_LE16.unpack_from(data, 2)[0]:], _radiotap_pad(data))
    if linktype == 192 and depth < 2:  # PPI: header length, then the inner link type
        if len(data) < 8:
            return NO_IP
        hlen, inner = _LE16.unpack_from(data, 2)[0], _LE32.unpack_from(data, 4)[0]
        return ip_of(inner, data[hlen:], depth + 1)
    if linktype == 119:  # Prism: message length (host order, little-endian in practice) at byte 4
        if len(data) < 8:
            return NO_IP
        return wlan(data[_LE32.unpack_from(data, 4)[0]:])
    if linktype == 163:  # AVS: big-endian header length at byte 4
        if len(data) < 8:
            return NO_IP
        return wlan(data[struct.unpack_from("!I", data, 4)[0]:])
    if linktype in (258, 149) and depth < 2:
        return pktap(data, linktype, depth)
    return f"link type {link_name(linktype)}"


def ether(data: bytes, off: int = 12) -> bytes | str:
    etype = 0
    for _ in range(4):
        if len(data) < off + 2:
            return NO_IP
        etype = _U16.unpack_from(data, off)[0]
        if etype in VLAN_TYPES:
            off += 4
            continue
        break
    if etype == 0x0800 or etype == 0x86DD:
        return data[off + 2:]
    return ethertype(etype, data[off + 2:])


def ethertype(etype: int, payload: bytes) -> bytes | str:
    if etype == 0x0800 or etype == 0x86DD:
        return payload
    if etype == 0x8864:  # PPPoE session: 6-byte header, then PPP without address/control
        return ppp(payload[6:])
    if etype in (0x8847, 0x8848):
        return mpls(payload)
    if etype in VLAN_TYPES:
        return ether(payload, 2)  # tag control, then the next type
    return NO_IP  # ARP, PPPoE discovery, LLDP, EAPOL...: no IP traffic


def mpls(data: bytes) -> bytes | str:
    off = 0
    for _ in range(8):
        if len(data) < off + 4:
            return NO_IP
        bottom = data[off + 2] & 1
        off += 4
        if bottom:
            break
    rest = data[off:]
    if not rest:
        return NO_IP
    nibble = rest[0] >> 4
    if nibble in (4, 6):
        return rest
    if nibble == 0 and len(rest) > 18:  # pseudowire control word, then an Ethernet frame
        return ether(rest[4:])
    return "MPLS payload"


_PPP_CONTROL_MIN = 0x8000  # LCP, IPCP, CHAP, CCP...: no IP traffic


def ppp(data: bytes) -> bytes | str:
    if data[:2] == b"\xff\x03":
        data = data[2:]
    if not data:
        return NO_IP
    if data[0] & 1:  # protocol field compressed to one byte
        proto, rest = data[0], data[1:]
    elif len(data) >= 2:
        proto, rest = _U16.unpack_from(data, 0)[0], data[2:]
    else:
        return NO_IP
    if proto == 0x21 or proto == 0x57:
        return rest
    if proto >= _PPP_CONTROL_MIN:
        return NO_IP
    if proto == 0xFD or proto == 0xFB:
        return "PPP compressed datagrams"
    if proto == 0x53:
        return "PPP encrypted datagrams"
    return f"PPP protocol 0x{proto:04x}"


def nflog(data: bytes) -> bytes | str:
    """Linux NFLOG: 4-byte header, then TLVs (length and type in the capturing host's byte order)."""
    for tlv in (_LE16, _U16):
        off = 4
        ok = True
        while off + 4 <= len(data):
            tlen, ttype = tlv.unpack_from(data, off)[0], tlv.unpack_from(data, off + 2)[0]
            if tlen < 4 or off + tlen > len(data):
                ok = False
                break
            if ttype & 0x7FFF == 9:  # NFULA_PAYLOAD: the packet, starting at its IP header
                return data[off + 4: off + tlen]
            off += (tlen + 3) & ~3
        if ok:
            return NO_IP  # a log entry without the packet
    return "NFLOG TLVs"


def _radiotap_pad(data: bytes) -> bool:
    """The radiotap Flags field says the 802.11 header is padded to 32 bits (some Atheros drivers)."""
    present = _LE32.unpack_from(data, 4)[0]
    off, word = 8, present
    while word & 0x80000000 and off + 4 <= len(data):  # extended presence bitmaps
        word = _LE32.unpack_from(data, off)[0]
        off += 4
    if present & 1:  # TSFT: 8 bytes, aligned to 8
        off = ((off + 7) & ~7) + 8
    return bool(present & 2) and off < len(data) and bool(data[off] & 0x20)


def wlan(frame: bytes, pad: bool = False) -> bytes | str:
    """An 802.11 frame: data frames' LLC/SNAP payload; management and control frames carry no IP."""
    if len(frame) < 24:
        return NO_IP
    fc0, fc1 = frame[0], frame[1]
    if (fc0 >> 2) & 3 != 2:
        return NO_IP
    subtype = fc0 >> 4
    if subtype & 4:  # null data: no body
        return NO_IP
    hlen = 30 if fc1 & 3 == 3 else 24
    if subtype & 8:  # QoS data, with an HT control field when the order bit is set
        hlen += 2 + (4 if fc1 & 0x80 else 0)
    if fc1 & 0x40:
        return "802.11 protected (encrypted) data frames"
    if pad:
        hlen = (hlen + 3) & ~3
    body = frame[hlen:]
    if len(body) >= 8 and body[:3] == b"\xaa\xaa\x03":
        return ethertype(_U16.unpack_from(body, 6)[0], body[8:])
    return NO_IP


_PKTAP_INNER = {1: 1, 0: 0, 12: 101, 14: 101, 101: 101, 228: 228, 229: 229, 9: 9, 113: 113, 105: 105, 127: 127}


def pktap(data: bytes, linktype: int, depth: int) -> bytes | str:
    """Apple PKTAP: a little-endian header (its length, record type, the packet's DLT, interface and
    process names...), then the frame."""
    if len(data) < 12:
        return NO_IP
    hlen, rectype, inner = _LE32.unpack_from(data, 0)[0], _LE32.unpack_from(data, 4)[0], _LE32.unpack_from(data, 8)[0]
    if rectype != 1:  # not PTH_TYPE_PACKET
        return NO_IP
    if hlen < 12 or hlen > len(data) or inner not in _PKTAP_INNER:
        return f"link type {link_name(linktype)}"
    return ip_of(_PKTAP_INNER[inner], data[hlen:], depth + 1)


def gre(data: bytes) -> bytes | str:
    """GRE (RFC 2784/2890, PPTP's enhanced GRE): the IP packet it carries."""
    if len(data) < 4:
        return NO_IP
    flags, proto = _U16.unpack_from(data, 0)[0], _U16.unpack_from(data, 2)[0]
    off = 4
    version = flags & 7
    if flags & 0x8000 or flags & 0x4000:  # checksum (and offset) present
        off += 4
    if flags & 0x2000:  # key
        off += 4
    if flags & 0x1000:  # sequence number
        off += 4
    if version == 1 and flags & 0x0080:  # PPTP acknowledgment number
        off += 4
    inner = data[off:]
    if proto == 0x0800 or proto == 0x86DD:
        return inner
    if proto == 0x6558:  # transparent Ethernet bridging
        return ether(inner)
    if proto == 0x880B:  # PPTP: PPP
        return ppp(inner) if inner else NO_IP
    if proto in (0x8847, 0x8848):
        return mpls(inner)
    if proto == 0x88BE:  # ERSPAN type II (type I has no header: sequence bit clear)
        return ether(inner[8:] if flags & 0x1000 else inner)
    if proto == 0x22EB:  # ERSPAN type III: 12 bytes, 8 more with the platform subheader
        if len(inner) < 12:
            return NO_IP
        return ether(inner[20:] if inner[11] & 1 else inner[12:])
    return f"GRE protocol 0x{proto:04x}"


TUNNEL_PORTS = frozenset({4789, 8472, 6081, 3544})


def udp_tunnel(sport: int, dport: int, payload: bytes) -> bytes | None:
    """The inner IP packet of a VXLAN, Geneve or Teredo datagram (by port), or None."""
    port = dport if dport in TUNNEL_PORTS else sport
    if port in (4789, 8472):
        if len(payload) < 8 or not payload[0] & 0x08:
            return None
        inner = ether(payload[8:])
    elif port == 6081:
        if len(payload) < 8 or payload[0] >> 6:
            return None
        off = 8 + (payload[0] & 0x3F) * 4
        proto = _U16.unpack_from(payload, 2)[0]
        inner = ether(payload[off:]) if proto == 0x6558 else payload[off:] if proto in (0x0800, 0x86DD) else NO_IP
    else:  # Teredo: optional authentication and origin indication, then IPv6
        off = 0
        if payload[:2] == b"\x00\x01" and len(payload) >= 4:
            off = 4 + payload[2] + payload[3] + 9
        if payload[off:off + 2] == b"\x00\x00":
            off += 8
        inner = payload[off:]
        if not inner or inner[0] >> 4 != 6 or len(inner) < 40:
            return None
    return inner if isinstance(inner, bytes) and inner else None
