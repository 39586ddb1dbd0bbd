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
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from monitor.classify import cs2crypt
from monitor.classify.cleartext import CleartextTable, recognize_text
from monitor.classify.cs2crypt import KeyState
from monitor.classify.kalay import HEAD_MASK, HEAD_VALUE, hits_of, parse
from monitor.classify.p2p_iot import baichuan, dahua_p2p, dvrip, tuya, tuya35
from monitor.classify.p2p_tables import (
    CLEARTEXT,
    KALAY,
    PPPP,
    TUYA,
    XMEYE,
    KalayTable,
    P2PTables,
    PpppTable,
    Section,
    TuyaTable,
    XmeyeTable,
)
from monitor.lazyre import lazy
from monitor.model import Field, Hit, record


@record
class P2PMatch:
    """A datagram (or first stream chunk) recognized: protocol, message, role and hits."""

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


def _pppp(payload: bytes, tables: PpppTable) -> P2PMatch | None:
    if len(payload) < 4 or payload[0] != 0xF1:
        return None
    known = tables.pppp_messages.get(payload[1])
    if known is None or (payload[2] << 8) | payload[3] != len(payload) - 4:
        return None
    name, role, uid_at = known
    # a DRW / PSR (a camera's stream) without an id position in the table: _pppp_ids would look nowhere and give ()
    hits = () if uid_at < 0 and (name == "DRW" or name == "PSR") else \
        _pppp_ids(payload, name, uid_at, payload[1] in tables.pppp_text)
    if hits:
        return P2PMatch("pppp", name, role, hits)
    # without an id the match is the same for every message of the type (a camera's stream of DRW): one
    # frozen object per (type, role), not a new one per datagram
    match = _PLAIN_PPPP.get((name, role))
    if match is None:
        match = _PLAIN_PPPP[(name, role)] = P2PMatch("pppp", name, role)
        if len(_PLAIN_PPPP) > 4096:  # (names come from the rules: a bound all the same)
            _PLAIN_PPPP.clear()
    return match


_PLAIN_PPPP: dict[tuple[str, str], P2PMatch] = {}


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


_BIN_PREFIX = lazy(globals(), "_BIN_PREFIX", rb"(?<![A-Z])[A-Z]{3,8}(?:\x00|(?<=[A-Z]{8}))")
_TEXT_UID = lazy(globals(), "_TEXT_UID", r"([A-Z]{3,8})-?(\d{6,9})-?([A-Z]{4,8})")


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


def _kalay(payload: bytes, server_port: int, tables: KalayTable) -> P2PMatch | None:
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


def _encrypted_pppp(payload: bytes, on_port: bool, t: PpppTable, keys: KeyState | None) -> P2PMatch | None:
    """A PPPP datagram under CS2's table-XOR encryption: known and learned keys first, then a key search."""
    if len(payload) > cs2crypt.MAX_DATAGRAM:
        return None
    if not on_port and payload[0] not in t.pppp_key_firsts and not (keys and keys.known):
        return None  # (what the loop below and the end give: no key starts datagrams with this byte)
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


# -- the registry ---------------------------------------------------------------------------------
# Every reader takes (payload, server port, client port, transport, its section's table, CS2 keys)
# and returns a match or None (then the next reader that accepts the first byte is tried).

Read = Callable[[bytes, int, int, str, Any, KeyState | None], P2PMatch | None]


class Decoder:
    """One protocol reader: which first bytes and transports it looks at, which p2p.toml section it reads.

    Compared and hashed by identity; a plain class (a dataclass costs ~0.4 ms of CPU to build at import)."""

    __slots__ = ("name", "read", "section", "first", "transports")

    def __init__(self, name: str, read: Read, section: Section | None = None,
                 first: bytes | frozenset[int] | None = None, transports: tuple[str, ...] = ("udp", "tcp")) -> None:
        self.name = name
        self.read = read
        self.section = section  # its table in p2p.toml, parsed by the rules loader; None: it reads none
        self.first = first  # the first payload bytes it can start with; None: any
        self.transports = transports


def _read_cleartext(payload: bytes, sp: int, cp: int, transport: str, t: CleartextTable,
                    keys: KeyState | None) -> P2PMatch | None:
    text = recognize_text(payload, sp, cp, transport, t)
    if text is None:
        return None
    return P2PMatch(text.protocol, text.message, "", text.hits, text.plain, text.transform or "cs2-encrypt",
                    text.fields, text.scan and text.protocol not in t.never_scan)


def _read_pppp(payload: bytes, sp: int, cp: int, transport: str, t: PpppTable,
               keys: KeyState | None) -> P2PMatch | None:
    found = _pppp(payload, t)
    if found is not None:
        return found  # else: possibly encrypted, its first byte 0xF1 by chance (1 key in 256)
    if (sp in t.pppp_ports or cp in t.pppp_ports) and len(payload) >= 4 \
            and int.from_bytes(payload[2:4], "big") == len(payload) - 4 \
            and _encrypted_pppp(payload, True, t, keys) in (None, _OBFUSCATED):
        # a well-formed PPPP header of a type our table lacks, on PPPP's port: still PPPP
        odd = f"MSG_{payload[1]:02X}"
        return P2PMatch("pppp", odd, "", _pppp_ids(payload, odd, -1, False))
    return None


def _read_ilnk(payload: bytes, sp: int, cp: int, transport: str, t: None, keys: KeyState | None) -> P2PMatch | None:
    return _ilnk(payload)


def _read_kalay(payload: bytes, sp: int, cp: int, transport: str, t: KalayTable,
                keys: KeyState | None) -> P2PMatch | None:
    # (kalay.parse's own first test, here: most UDP that reaches this reader is a media stream, and two calls fewer
    # per datagram count over its thousands)
    if len(payload) < 16 or int.from_bytes(payload[:16], "little") & HEAD_MASK != HEAD_VALUE:
        return None
    return _kalay(payload, sp, t)


def _read_encrypted_pppp(payload: bytes, sp: int, cp: int, transport: str, t: PpppTable,
                         keys: KeyState | None) -> P2PMatch | None:
    if len(payload) < 4:
        return None
    on_port = sp in t.pppp_ports or cp in t.pppp_ports
    if not on_port and payload[0] not in t.pppp_key_firsts and not (keys and keys.known):
        return None  # (what _encrypted_pppp answers: no key it would try starts datagrams with this byte)
    if on_port or (keys and keys.known) or t.pppp_keys:
        return _encrypted_pppp(payload, on_port, t, keys)
    return None


def _read_mqtt(payload: bytes, sp: int, cp: int, transport: str, t: None, keys: KeyState | None) -> P2PMatch | None:
    return _mqtt(payload)


def _read_baichuan(payload: bytes, sp: int, cp: int, transport: str, t: None,
                   keys: KeyState | None) -> P2PMatch | None:
    name = baichuan(payload)
    return P2PMatch("baichuan", name, "peer", ()) if name else None


def _read_dahua(payload: bytes, sp: int, cp: int, transport: str, t: None, keys: KeyState | None) -> P2PMatch | None:
    name = dahua_p2p(payload, transport)
    return P2PMatch("dahua_p2p", name, "peer", ()) if name else None


def _read_xmeye(payload: bytes, sp: int, cp: int, transport: str, t: XmeyeTable,
                keys: KeyState | None) -> P2PMatch | None:
    found = dvrip(payload, t)
    return P2PMatch("xmeye", found[0], "", found[1]) if found else None


def _read_tuya(payload: bytes, sp: int, cp: int, transport: str, t: TuyaTable,
               keys: KeyState | None) -> P2PMatch | None:
    if payload[:4] == b"\x00\x00\x55\xaa":
        found = tuya(payload, t)
        if found:
            return P2PMatch("tuya", found[0], "discovery" if found[0] == "DISCOVERY" else "", found[1])
    elif payload[:4] == b"\x00\x00\x66\x99":
        name = tuya35(payload, t)
        if name:
            return P2PMatch("tuya", name, "discovery" if name == "DISCOVERY" else "", ())
    return None


# The readers in the order they are tried (the first match wins). A new protocol: its module with a
# reader (and, if it has tables, a p2p_tables.Section), plus one line here.
DECODERS: list[Decoder] = [
    Decoder("cleartext", _read_cleartext, CLEARTEXT, first=_TEXT_FIRST),  # SSH, RTSP, TP-Link, SSDP, WS-Discovery
    Decoder("pppp", _read_pppp, PPPP, first=b"\xf1", transports=("udp",)),
    Decoder("ilnk", _read_ilnk, first=b"\xa1\xf2", transports=("udp",)),
    Decoder("kalay", _read_kalay, KALAY, transports=("udp",)),
    Decoder("pppp_encrypted", _read_encrypted_pppp, PPPP, transports=("udp",)),
    Decoder("mqtt", _read_mqtt, first=b"\x10", transports=("tcp",)),
    Decoder("baichuan", _read_baichuan, first=b"\xf0"),
    Decoder("dahua_p2p", _read_dahua, first=b"\xff\xf4"),
    Decoder("xmeye", _read_xmeye, XMEYE, first=b"\xff"),
    Decoder("tuya", _read_tuya, TUYA, first=b"\x00"),
]


def sections(decoders: Sequence[Decoder] | None = None) -> dict[str, Section]:
    """The p2p.toml sections the decoders read, by name (what the rules loader parses)."""
    out: dict[str, Section] = {}
    for d in DECODERS if decoders is None else decoders:
        if d.section is not None:
            out.setdefault(d.section.name, d.section)
    return out


class Recognizer:
    """The decoders, arranged once by (transport, first byte), each with its own section's table."""

    __slots__ = ("_plan",)

    def __init__(self, tables: P2PTables, decoders: Sequence[Decoder] | None = None) -> None:
        ds = DECODERS if decoders is None else decoders
        plan: dict[str, list[tuple[tuple[Read, Any], ...]]] = {}
        for tr in {t for d in ds for t in d.transports}:
            steps = [(d.first, (d.read, tables[d.section.name] if d.section else None)) for d in ds if tr in d.transports]
            plan[tr] = [tuple(step for first, step in steps if first is None or b in first) for b in range(256)]
        self._plan = plan

    def plan(self, transport: str) -> list[tuple[tuple[Read, Any], ...]]:
        """The (reader, table) steps recognize() tries for each first byte of a `transport` payload (none for a
        transport no decoder reads): what a caller asking about every datagram of a long stream loops over itself."""
        return self._plan.get(transport) or [()] * 256

    def recognize(self, payload: bytes, server_port: int, client_port: int, transport: str,
                  keys: KeyState | None = None) -> P2PMatch | None:
        """The protocol of one datagram / first stream chunk, or None.

        `keys`: what earlier datagrams of the same capture taught about CS2 encryption keys; this
        datagram adds to it.
        """
        plan = self._plan.get(transport)
        if not payload or plan is None:
            return None
        for read, table in plan[payload[0]]:
            found = read(payload, server_port, client_port, transport, table, keys)
            if found is not None:
                return found
        return None


@lru_cache(maxsize=4)
def _recognizer(tables: P2PTables, decoders: tuple[Decoder, ...]) -> Recognizer:
    return Recognizer(tables, decoders)


def recognize(payload: bytes, server_port: int, client_port: int, transport: str, tables: P2PTables,
              keys: KeyState | None = None) -> P2PMatch | None:
    """`Recognizer(tables).recognize(...)` for one-off calls (tables: `Rules.p2p` from the rules loader)."""
    return _recognizer(tables, tuple(DECODERS)).recognize(payload, server_port, client_port, transport, keys)
