"""Camera P2P and IoT protocols recognized from payload bytes alone (no hostname needed).

CS2 Network PPPP (also iLnkP2P, Yi TNP): 4-byte header 0xF1, message type, big-endian payload
length; the device id travels in clear in login, punch and relay messages as 8-byte prefix +
uint32 serial + check code (destinations.md B1). MQTT in clear: CONNECT carries the client id and
user name that IoT clouds set to the device id. Every check is strict (lengths must agree) so
that random UDP does not look like a protocol, and cheap on payloads that match nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.model import Hit


@dataclass(frozen=True, slots=True)
class P2PMatch:
    protocol: str  # pppp|kalay|xmeye|tuya|mqtt|...
    message: str = ""  # message type name, e.g. DEV_LGN
    role: str = ""  # lookup|relay|peer|discovery
    hits: tuple[Hit, ...] = ()


PPPP_TYPES = {
    0x00: ("HELLO", "lookup"), 0x01: ("HELLO_ACK", "lookup"), 0x02: ("HELLO_TO", "lookup"),
    0x03: ("HELLO_TO_ACK", "lookup"), 0x08: ("QUERY_DID", "lookup"), 0x09: ("QUERY_DID_ACK", "lookup"),
    0x10: ("DEV_LGN", "lookup"), 0x11: ("DEV_LGN_ACK", "lookup"), 0x12: ("DEV_LGN_CRC", "lookup"),
    0x13: ("DEV_LGN_ACK_CRC", "lookup"), 0x18: ("DEV_ONLINE_REQ", "lookup"), 0x19: ("DEV_ONLINE_REQ_ACK", "lookup"),
    0x20: ("P2P_REQ", "lookup"), 0x21: ("P2P_REQ_ACK", "lookup"), 0x30: ("LAN_SEARCH", "discovery"),
    0x31: ("LAN_NOTIFY", "discovery"), 0x32: ("LAN_SEARCH_EXT", "discovery"), 0x40: ("PUNCH_TO", "peer"),
    0x41: ("PUNCH_PKT", "peer"), 0x42: ("P2P_RDY", "peer"), 0x43: ("P2P_RDY_ACK", "peer"),
    0x60: ("RS_LGN", "relay"), 0x61: ("RS_LGN_ACK", "relay"), 0x62: ("RS_LGN1", "relay"), 0x63: ("RS_LGN1_ACK", "relay"),
    0x67: ("LIST_REQ1", "lookup"), 0x68: ("LIST_REQ", "lookup"), 0x69: ("LIST_REQ_ACK", "lookup"),
    0x70: ("RLY_HELLO", "relay"), 0x71: ("RLY_HELLO_ACK", "relay"), 0x72: ("RLY_PORT", "relay"),
    0x73: ("RLY_PORT_ACK", "relay"), 0x80: ("RLY_REQ", "relay"), 0x81: ("RLY_REQ_ACK", "relay"),
    0x82: ("RLY_TO", "relay"), 0x83: ("RLY_PKT", "relay"), 0x84: ("RLY_RDY", "relay"),
    0x91: ("SDEV_LGN", "lookup"), 0xD0: ("DRW", "peer"), 0xD1: ("DRW_ACK", "peer"), 0xD8: ("PSR", "peer"),
    0xE0: ("ALIVE", "peer"), 0xE1: ("ALIVE_ACK", "peer"), 0xF0: ("CLOSE", "peer"),
}
PPPP_PORTS = {32100, 32108}
UID_AT_0 = {0x10, 0x12, 0x18, 0x20, 0x41, 0x42, 0x67, 0x84, 0x91}
_PREFIX = re.compile(rb"^[A-Z]{1,8}\x00*$")
_CHECK = re.compile(rb"^[A-Z]{1,8}\x00*$")


def pppp_uid(raw: bytes) -> str | None:
    """The 20-byte binary device id (prefix, serial, check code) as PREFIX-NNNNNN-CHECK."""
    if len(raw) < 20:
        return None
    prefix, serial, check = raw[:8], int.from_bytes(raw[8:12], "big"), raw[12:20]
    if not _PREFIX.match(prefix) or not _CHECK.match(check) or serial > 99_999_999:
        return None
    return f"{prefix.rstrip(bytes(1)).decode()}-{serial:06d}-{check.rstrip(bytes(1)).decode()}"


def _pppp(payload: bytes) -> P2PMatch | None:
    if len(payload) < 4 or payload[0] != 0xF1:
        return None
    mtype = payload[1]
    if mtype not in PPPP_TYPES or int.from_bytes(payload[2:4], "big") != len(payload) - 4:
        return None
    name, role = PPPP_TYPES[mtype]
    hits: tuple[Hit, ...] = ()
    body = payload[4:]
    uid = None
    if mtype in UID_AT_0:
        uid = pppp_uid(body[:20])
    elif mtype == 0x83:  # RLY_PKT: the id follows a 4-byte magic word
        uid = pppp_uid(body[4:24])
    if uid:
        hits = (Hit("device_uid", uid, "plain", f"pppp:{name}", "pattern", canonical=uid),)
    return P2PMatch("pppp", name, role, hits)


def _mqtt_string(data: bytes, off: int) -> tuple[str | None, int]:
    if off + 2 > len(data):
        return None, off
    n = int.from_bytes(data[off:off + 2], "big")
    raw = data[off + 2: off + 2 + n]
    if len(raw) != n:
        return None, off
    try:
        return raw.decode("utf-8"), off + 2 + n
    except UnicodeDecodeError:
        return None, off


def _mqtt(payload: bytes) -> P2PMatch | None:
    if len(payload) < 14 or payload[0] != 0x10:
        return None
    length, shift, i = 0, 0, 1
    while i < 5 and i < len(payload):
        length |= (payload[i] & 0x7F) << shift
        shift += 7
        i += 1
        if not payload[i - 1] & 0x80:
            break
    proto, off = _mqtt_string(payload, i)
    if proto not in ("MQTT", "MQIsdp") or off + 4 > len(payload) or length > len(payload) - i + 64:
        return None
    flags = payload[off + 1]
    off += 4  # level, flags, keep-alive
    if payload[off - 3] == 5:  # MQTT 5: properties (length-prefixed varint) before the payload
        plen, j, shift = 0, off, 0
        while j < len(payload) and j < off + 4:
            plen |= (payload[j] & 0x7F) << shift
            shift += 7
            j += 1
            if not payload[j - 1] & 0x80:
                break
        off = j + plen
    client_id, off = _mqtt_string(payload, off)
    if client_id is None:
        return None
    if flags & 0x04:  # will topic and message
        _w, off = _mqtt_string(payload, off)
        _m, off = _mqtt_string(payload, off)
    user = None
    if flags & 0x80:
        user, off = _mqtt_string(payload, off)
    hits = []
    if client_id and len(client_id) >= 6:
        hits.append(Hit("device_uid", client_id[:200], "plain", "mqtt:client_id", "pattern"))
    if user and len(user) >= 6:
        hits.append(Hit("device_uid", user.split("|", 1)[0].split("&", 1)[0][:200], "plain", "mqtt:username",
                        "pattern"))
    if flags & 0x40:
        pw, _ = _mqtt_string(payload, off)
        if pw:
            hits.append(Hit("credentials", pw[:200], "plain", "mqtt:password", "pattern"))
    return P2PMatch("mqtt", "CONNECT", "", tuple(hits))


def recognize(payload: bytes, server_port: int, client_port: int, transport: str) -> P2PMatch | None:
    """The protocol of one datagram / first stream chunk, or None."""
    if not payload:
        return None
    first = payload[0]
    if first == 0xF1 and transport == "udp":
        return _pppp(payload)
    if transport == "udp" and (server_port in PPPP_PORTS or client_port in PPPP_PORTS) and len(payload) >= 4:
        # CS2's "P2P_Proprietary_Encrypt" XORs the whole datagram: no 0xF1, but the PPPP port (PAL)
        return P2PMatch("pppp", "OBFUSCATED", "", ())
    if first == 0x10 and transport == "tcp":
        return _mqtt(payload)
    if first == 0xFF:
        from monitor.classify.p2p_iot import dvrip

        found = dvrip(payload)
        if found:
            return P2PMatch("xmeye", found[0], "", found[1])
    elif first == 0x00 and payload[:4] == b"\x00\x00\x55\xaa":
        from monitor.classify.p2p_iot import tuya

        found = tuya(payload)
        if found:
            return P2PMatch("tuya", found[0], "discovery" if found[0] == "DISCOVERY" else "", found[1])
    return None
