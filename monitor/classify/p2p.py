"""Camera P2P and IoT protocols recognized from payload bytes alone (no hostname needed).

CS2 Network PPPP (also iLnkP2P, Yi TNP): 4-byte header 0xF1, message type, big-endian payload
length; the device id travels in clear in login, punch and relay messages as 8-byte prefix +
uint32 serial + check code (destinations.md B1). TUTK Kalay datagrams are descrambled
(kalay.py) and read the same way. MQTT in clear: CONNECT carries the client id and
user name that IoT clouds set to the device id. Every check is strict (lengths must agree) so
that random UDP does not look like a protocol, and cheap on payloads that match nothing.
Message names, roles, ports and keys come from signatures/p2p.toml (p2p_tables.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from monitor.classify.cs2crypt import KeyState
from monitor.classify.p2p_tables import P2PTables, bundled
from monitor.model import Field, Hit


@dataclass(frozen=True, slots=True)
class P2PMatch:
    protocol: str  # pppp|kalay|xmeye|tuya|mqtt|...
    message: str = ""  # message type name, e.g. DEV_LGN
    role: str = ""  # lookup|relay|peer|discovery
    hits: tuple[Hit, ...] = ()
    plain: bytes = b""  # the datagram decrypted (CS2 encryption), for the payload scan; b"" when clear
    plain_transform: str = "cs2-encrypt"  # how `plain` was obtained, the first step of its hits' transforms
    fields: tuple[Field, ...] = ()  # keyed values the decoder read (headers, queries), scanned instead of the bytes
    scan: bool = True  # False: the payload is negotiation (SSH) and is never scanned for identifiers


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


def _pppp(payload: bytes, tables: P2PTables) -> P2PMatch | None:
    if len(payload) < 4 or payload[0] != 0xF1:
        return None
    known = tables.pppp_messages.get(payload[1])
    if known is None or int.from_bytes(payload[2:4], "big") != len(payload) - 4:
        return None
    name, role, uid_at = known
    return P2PMatch("pppp", name, role, _pppp_ids(payload, name, uid_at, payload[1] in tables.pppp_text))


def _pppp_ids(payload: bytes, name: str, uid_at: int, text: bool) -> tuple[Hit, ...]:
    """The device id of a clear PPPP message: where its table entry says, else wherever the binary layout is."""
    uid = None
    transform = "plain"
    if uid_at >= 0:
        uid = _text_uid(payload[4 + uid_at: 68 + uid_at]) if text else pppp_uid(payload[4 + uid_at: 24 + uid_at])
        if uid is None and name.endswith("_CRC"):
            uid = _crc_uid(payload[4:], uid_at)
            transform = "cs2-crcenc"
    if uid is None and name not in ("DRW", "PSR") and len(payload) >= 24:
        uid = find_binary_uid(payload[4:4 + 1500])
    return (Hit("device_uid", uid, transform, f"pppp:{name}", "pattern", canonical=uid),) if uid else ()


_BIN_PREFIX = re.compile(rb"(?<![A-Z])[A-Z]{3,8}(?:\x00|(?<=[A-Z]{8}))")
_TEXT_UID = re.compile(r"([A-Z]{3,8})-?(\d{6,9})-?([A-Z]{4,8})")


def find_binary_uid(data: bytes) -> str | None:
    """The first well-formed 20-byte device id anywhere in `data` (prefix of 3+ letters, check code of 4+)."""
    for m in _BIN_PREFIX.finditer(data):
        uid = pppp_uid(data[m.start(): m.start() + 20])
        if uid is not None and len(uid.rsplit("-", 1)[1]) >= 4:
            return uid
    return None


def _text_uid(raw: bytes) -> str | None:
    """A device id sent as a NUL-padded string ("VSTC-123456-ABCDE" or without dashes), normalized."""
    m = _TEXT_UID.fullmatch(raw.split(b"\x00", 1)[0].decode("ascii", "replace").strip())
    return f"{m.group(1)}-{int(m.group(2)):06d}-{m.group(3)}" if m else None


def _ilnk(payload: bytes) -> P2PMatch | None:
    """iLnkP2P's own headers (magic 0xA1: device heartbeat and wake messages 00-06; 0xF2 10), laid
    out like PPPP's (destinations.md B1). Only a message whose length agrees and whose payload
    starts with a well-formed device id counts, so stray 0xA1/0xF2 datagrams stay unrecognized."""
    if len(payload) < 24 or int.from_bytes(payload[2:4], "big") != len(payload) - 4:
        return None
    if not (payload[0] == 0xA1 and payload[1] <= 0x06) and payload[:2] != b"\xf2\x10":
        return None
    uid = pppp_uid(payload[4:24])
    if uid is None:
        return None
    name = f"ILNK_{payload[0]:02X}{payload[1]:02X}"
    return P2PMatch("pppp", name, "lookup", (Hit("device_uid", uid, "plain", f"pppp:{name}", "pattern", canonical=uid),))


_CRC_TRAILER = b"++++"


def _crc_uid(body: bytes, uid_at: int) -> str | None:
    """The device id of a `*_CRC` message: its payload is XORed with a repeating key and ends in
    "++++" before that (PAL), so the last four bytes give the key back. A 4-byte period is our
    assumption (the write-ups show 4-byte keys); with a longer key the id fails its shape check
    and nothing is reported, rather than a wrong id."""
    n = len(body)
    if n < uid_at + 24:
        return None
    key = [0, 0, 0, 0]  # key byte of payload position i: key[i % 4]
    for i in range(n - 4, n):
        key[i % 4] = body[i] ^ _CRC_TRAILER[0]
    if not any(key):
        return None  # not XORed at all: the "++++" is in clear and the id was not
    return pppp_uid(bytes(body[i] ^ key[i % 4] for i in range(uid_at, uid_at + 20)))


def _kalay(payload: bytes, server_port: int, tables: P2PTables) -> P2PMatch | None:
    from monitor.classify.kalay import hits_of, parse

    msg = parse(payload, tables.kalay_commands)
    if msg is None:
        return None
    role = "lookup" if server_port == tables.kalay_master_port else msg.role
    return P2PMatch("kalay", msg.name, role, hits_of(msg))


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


def _encrypted_pppp(payload: bytes, on_port: bool, t: P2PTables, keys: KeyState | None) -> P2PMatch | None:
    """A PPPP datagram under CS2's table-XOR encryption: known and learned keys first, then a key search."""
    from monitor.classify import cs2crypt

    if len(payload) > cs2crypt.MAX_DATAGRAM:
        return None
    for key in (*(keys.known if keys else ()), *t.pppp_keys):
        if payload[0] == cs2crypt.first_byte(key):
            head = cs2crypt.decrypt(payload[:4], key)  # the header first: most candidates end here
            if head[1] in t.pppp_messages and int.from_bytes(head[2:4], "big") == len(payload) - 4:
                plain = cs2crypt.decrypt(payload, key)
                found = _pppp(plain, t)
                # a key sharing only its first bytes with the real one can still pass the header
                # check; a message that should carry a device id and does not read one is not it
                if found is not None and (found.hits or t.pppp_messages[head[1]][2] < 0):
                    return _as_encrypted(found, plain)
    if not on_port:
        return None
    header = cs2crypt.header_candidates(payload, t.pppp_messages)
    if header is None:
        return None  # no key turns these bytes into a PPPP header: noise on the port, not PPPP
    # one datagram that some key could make a header of is weak evidence (~16 % of random bytes);
    # two that start alike and fit a common key are a session
    session = keys is None or keys.agrees(payload[0], header)
    if keys is not None:
        header = keys.narrow(payload[0], header)
    uid_types = [k for k, v in t.pppp_messages.items() if v[2] == 0 and k not in t.pppp_text]
    for strict in (False, True):  # a doubt left by the id alone: also ask for a trailing address
        uid = cs2crypt.uid_candidates(payload, uid_types, sockaddr_last=strict) if header is not None else None
        cands = cs2crypt.intersect(header, uid) if header is not None and uid is not None else None
        if cands is None or header is None:
            break
        tried = cs2crypt.keys_for_uid(payload, cands)
        narrowed = cs2crypt.pinned(header)  # earlier headers of this network may have pinned the key
        if narrowed is not None and narrowed not in tried:
            tried.append(narrowed)
        readings: dict[tuple[str, tuple[Hit, ...]], P2PMatch] = {}
        for key in tried:
            found = _pppp(cs2crypt.decrypt(payload, key), t)
            if found is not None and found.hits:
                readings.setdefault((found.message, found.hits), found)
        if len(readings) == 1:  # every candidate key reads the same message and id: the id is certain
            full = cs2crypt.pinned(cands)
            if keys is not None and full is not None:
                keys.learn(full)
            # the rest of the datagram is only certain once the whole key is
            return _as_encrypted(next(iter(readings.values())), cs2crypt.decrypt(payload, full) if full else b"")
        if not readings:
            break
    # the PPPP port, no 0xF1, and a key makes PPPP headers of this session's datagrams: encrypted
    # with a key not recovered (yet) (PAL)
    return _OBFUSCATED if session else None


_OBFUSCATED = P2PMatch("pppp", "OBFUSCATED", "", ())
# first bytes of the clear-text protocols (cleartext.py): SSH, RTSP and SSDP lines (A-Z), WS-Discovery
# XML ("<", or a UTF-8 byte-order mark), TP-Link's cipher ({ XOR 171) and its TCP length prefix (0)
_TEXT_FIRST = frozenset([*range(0x41, 0x5B), 0x3C, 0xEF, 0xD0, 0x00])


def _as_encrypted(m: P2PMatch, plain: bytes) -> P2PMatch:
    return replace(m, hits=tuple(h._replace(transform="cs2-encrypt") for h in m.hits), plain=plain)


def recognize(payload: bytes, server_port: int, client_port: int, transport: str,
              tables: P2PTables | None = None, keys: KeyState | None = None) -> P2PMatch | None:
    """The protocol of one datagram / first stream chunk, or None (tables: signatures/p2p.toml).

    `keys`: what earlier datagrams of the same capture taught about CS2 encryption keys; this
    datagram adds to it.
    """
    if not payload:
        return None
    t = tables or bundled()
    first = payload[0]
    if first in _TEXT_FIRST:
        from monitor.classify.cleartext import recognize_text

        text = recognize_text(payload, server_port, client_port, transport, t)
        if text is not None:
            return P2PMatch(text.protocol, text.message, "", text.hits, text.plain, text.transform or "cs2-encrypt",
                            text.fields, text.scan and text.protocol not in t.never_scan)
    if first == 0xF1 and transport == "udp":
        found_p = _pppp(payload, t)
        if found_p is not None:
            return found_p  # else: possibly encrypted, its first byte 0xF1 by chance (1 key in 256)
        if (server_port in t.pppp_ports or client_port in t.pppp_ports) and len(payload) >= 4 \
                and int.from_bytes(payload[2:4], "big") == len(payload) - 4 \
                and _encrypted_pppp(payload, True, t, keys) in (None, _OBFUSCATED):
            # a well-formed PPPP header of a type our table lacks, on PPPP's port: still PPPP
            odd = f"MSG_{payload[1]:02X}"
            return P2PMatch("pppp", odd, "", _pppp_ids(payload, odd, -1, False))
    if first in (0xA1, 0xF2) and transport == "udp":
        found_i = _ilnk(payload)
        if found_i is not None:
            return found_i
    if transport == "udp" and len(payload) >= 16:
        found = _kalay(payload, server_port, t)
        if found is not None:
            return found
    if transport == "udp" and len(payload) >= 4:
        on_port = server_port in t.pppp_ports or client_port in t.pppp_ports
        if on_port or (keys and keys.known) or t.pppp_keys:
            found = _encrypted_pppp(payload, on_port, t, keys)
            if found is not None:
                return found
    if first == 0x10 and transport == "tcp":
        return _mqtt(payload)
    if first in (0xF0, 0xFF, 0xF4):
        from monitor.classify.p2p_iot import baichuan, dahua_p2p

        name = baichuan(payload) if first == 0xF0 else dahua_p2p(payload, transport)
        if name:
            return P2PMatch("baichuan" if first == 0xF0 else "dahua_p2p", name, "peer", ())
    if first == 0xFF:
        from monitor.classify.p2p_iot import dvrip

        found_x = dvrip(payload, t)
        if found_x:
            return P2PMatch("xmeye", found_x[0], "", found_x[1])
    elif first == 0x00 and payload[:4] == b"\x00\x00\x55\xaa":
        from monitor.classify.p2p_iot import tuya

        found_t = tuya(payload, t)
        if found_t:
            return P2PMatch("tuya", found_t[0], "discovery" if found_t[0] == "DISCOVERY" else "", found_t[1])
    elif first == 0x00 and payload[:4] == b"\x00\x00\x66\x99":
        from monitor.classify.p2p_iot import tuya35

        name_t = tuya35(payload, t)
        if name_t:
            return P2PMatch("tuya", name_t, "discovery" if name_t == "DISCOVERY" else "", ())
    return None
