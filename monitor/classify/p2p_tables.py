"""The sections of rules/p2p.toml as typed tables: one table and one parser per section.

Each `Section` names its p2p.toml table, gives its empty value and a parser that merges one
file's section over what earlier files gave (same key: the later entry wins). The rules loader
(monitor/rules) runs every section that `p2p.DECODERS` names; a decoder receives only its own
section's table. Errors name the file, the entry and the field in one line (errors.bad_rule).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from monitor.classify.cs2crypt import derive_key, first_byte
from monitor.errors import bad_rule

ROLES = {"lookup", "relay", "peer", "discovery", ""}


class Section:
    """One p2p.toml section: its name, its value when no file has it, and its parser (compared and hashed by
    identity)."""

    __slots__ = ("name", "empty", "parse")

    def __init__(self, name: str, empty: Any, parse: Callable[[object, Mapping[str, Any], Any], Any]) -> None:
        self.name = name
        self.empty = empty
        self.parse = parse  # (file, the file's section, table so far) -> table


# Section and the five tables are plain slotted classes, built once by the rules loader and only read after (as the
# dicts inside them): a frozen dataclass costs ~0.4 ms of CPU each to build at import, paid by every analyze run.
class PpppTable:
    """p2p.toml's [pppp]: CS2 PPPP ports, message types and datagram encryption keys."""

    __slots__ = ("pppp_ports", "pppp_messages", "pppp_text", "pppp_keys", "pppp_key_firsts")

    def __init__(self, pppp_ports: frozenset[int] = frozenset(), pppp_messages: dict[int, tuple[str, str, int]] | None = None,
                 pppp_text: frozenset[int] = frozenset(), pppp_keys: tuple[bytes, ...] = ()) -> None:
        self.pppp_ports = pppp_ports
        self.pppp_messages = {} if pppp_messages is None else pppp_messages  # type -> (name, role, uid offset)
        self.pppp_text = pppp_text  # types whose device id is a string, not the binary layout
        self.pppp_keys = pppp_keys  # derived from the key strings of CS2's datagram encryption
        self.pppp_key_firsts = frozenset(first_byte(k) for k in pppp_keys)  # what their datagrams start with


class KalayTable:
    """p2p.toml's [kalay]: ThroughTek Kalay ports and commands."""

    __slots__ = ("kalay_lan_port", "kalay_master_port", "kalay_commands")

    def __init__(self, kalay_lan_port: int = 32761, kalay_master_port: int = 10001,
                 kalay_commands: dict[bytes, tuple[str, str, bool]] | None = None) -> None:
        self.kalay_lan_port = kalay_lan_port
        self.kalay_master_port = kalay_master_port
        self.kalay_commands = {} if kalay_commands is None else kalay_commands


class XmeyeTable:
    """p2p.toml's [xmeye]: XMEye/DVRIP ports and message codes."""

    __slots__ = ("xmeye_ports", "xmeye_messages")

    def __init__(self, xmeye_ports: frozenset[int] = frozenset(), xmeye_messages: dict[int, str] | None = None) -> None:
        self.xmeye_ports = xmeye_ports
        self.xmeye_messages = {} if xmeye_messages is None else xmeye_messages


class TuyaTable:
    """p2p.toml's [tuya]: Tuya LAN ports, UDP key and commands."""

    __slots__ = ("tuya_ports", "tuya_udp_key", "tuya_commands")

    def __init__(self, tuya_ports: frozenset[int] = frozenset(), tuya_udp_key: bytes = b"",
                 tuya_commands: dict[int, str] | None = None) -> None:
        self.tuya_ports = tuya_ports
        self.tuya_udp_key = tuya_udp_key
        self.tuya_commands = {} if tuya_commands is None else tuya_commands


class CleartextTable:
    """p2p.toml's [cleartext]: RTSP, TP-Link, SSDP and the protocols never scanned."""

    __slots__ = ("rtsp_methods", "tplink_ports", "tplink_key", "ssdp_ports", "never_scan")

    def __init__(self, rtsp_methods: frozenset[str] = frozenset(), tplink_ports: frozenset[int] = frozenset(),
                 tplink_key: int = 171, ssdp_ports: frozenset[int] = frozenset(),
                 never_scan: frozenset[str] = frozenset()) -> None:
        self.rtsp_methods = rtsp_methods
        self.tplink_ports = tplink_ports
        self.tplink_key = tplink_key
        self.ssdp_ports = ssdp_ports
        self.never_scan = never_scan  # protocols whose payloads are negotiation, not data (ssh)


def _int_key(path: object, section: str, key: str, hi: int) -> int:
    try:
        n = int(key, 0)
    except ValueError:
        raise bad_rule(path, f"{section}.{key}", "key", "must be a number (decimal or 0x..)") from None
    if not 0 <= n <= hi:
        raise bad_rule(path, f"{section}.{key}", "key", f"must be between 0 and {hi}")
    return n


def ports(path: object, section: str, raw: Any) -> frozenset[int]:
    if not isinstance(raw, list) or not all(isinstance(p, int) and 0 < p < 65536 for p in raw):
        raise bad_rule(path, section, "ports", "must be a list of port numbers")
    return frozenset(raw)


def table_of(path: object, section: str, sec: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    raw = sec.get(key, {})
    if not isinstance(raw, dict):
        raise bad_rule(path, section, key, "must be a table")
    return raw


def parse_pppp(path: object, sec: Mapping[str, Any], base: PpppTable) -> PpppTable:
    pppp = dict(base.pppp_messages)
    text = set(base.pppp_text)
    for key, val in table_of(path, "pppp", sec, "messages").items():
        n = _int_key(path, "pppp.messages", key, 255)
        if not (isinstance(val, list) and len(val) in (3, 4) and isinstance(val[0], str) and val[0]
                and val[1] in ROLES and isinstance(val[2], int) and -1 <= val[2] <= 64
                and (len(val) == 3 or val[3] in ("text", "binary"))):
            raise bad_rule(path, f"pppp.messages.{key}", "value",
                           'must be [name, role, device id offset or -1] with an optional "text" or "binary"')
        pppp[n] = (val[0], val[1], val[2])
        if len(val) == 4 and val[3] == "text":
            text.add(n)
        else:
            text.discard(n)
    keys = base.pppp_keys
    if "keys" in sec:
        if not isinstance(sec["keys"], list) or not all(isinstance(k, str) and k for k in sec["keys"]):
            raise bad_rule(path, "pppp", "keys", "must be a list of key strings")
        keys = tuple(dict.fromkeys([*keys, *(derive_key(k) for k in sec["keys"])]))
    return PpppTable(ports(path, "pppp", sec["ports"]) if "ports" in sec else base.pppp_ports, pppp,
                     frozenset(text), keys)


def parse_kalay(path: object, sec: Mapping[str, Any], base: KalayTable) -> KalayTable:
    lan, master = base.kalay_lan_port, base.kalay_master_port
    if "ports" in sec:
        p = sec["ports"]
        if not isinstance(p, dict) or not all(isinstance(p.get(k, 1), int) for k in ("lan", "master")):
            raise bad_rule(path, "kalay", "ports", "must be { lan = PORT, master = PORT }")
        lan, master = int(p.get("lan", lan)), int(p.get("master", master))
    commands = dict(base.kalay_commands)
    for key, val in table_of(path, "kalay", sec, "commands").items():
        try:
            cmd = bytes.fromhex(key)
        except ValueError:
            cmd = b""
        if len(cmd) != 3:
            raise bad_rule(path, f"kalay.commands.{key}", "key", "must be 3 bytes in hex, e.g. \"010621\"")
        if not (isinstance(val, list) and len(val) == 3 and isinstance(val[0], str) and val[0] and val[1] in ROLES
                and isinstance(val[2], bool)):
            raise bad_rule(path, f"kalay.commands.{key}", "value", "must be [name, role, carries UID (true/false)]")
        commands[cmd] = (val[0], val[1], val[2])
    return KalayTable(lan, master, commands)


def parse_xmeye(path: object, sec: Mapping[str, Any], base: XmeyeTable) -> XmeyeTable:
    messages = dict(base.xmeye_messages)
    for key, val in table_of(path, "xmeye", sec, "messages").items():
        if not isinstance(val, str) or not val:
            raise bad_rule(path, f"xmeye.messages.{key}", "value", "must be a message name")
        messages[_int_key(path, "xmeye.messages", key, 65535)] = val
    return XmeyeTable(ports(path, "xmeye", sec["ports"]) if "ports" in sec else base.xmeye_ports, messages)


def parse_tuya(path: object, sec: Mapping[str, Any], base: TuyaTable) -> TuyaTable:
    commands = dict(base.tuya_commands)
    for key, val in table_of(path, "tuya", sec, "commands").items():
        if not isinstance(val, str) or not val:
            raise bad_rule(path, f"tuya.commands.{key}", "value", "must be a command name")
        commands[_int_key(path, "tuya.commands", key, 0xFFFFFFFF)] = val
    seed = sec.get("udp_key_seed")
    if seed is not None and not isinstance(seed, str):
        raise bad_rule(path, "tuya", "udp_key_seed", "must be a string")
    return TuyaTable(ports(path, "tuya", sec["ports"]) if "ports" in sec else base.tuya_ports,
                     hashlib.md5(seed.encode()).digest() if seed else base.tuya_udp_key,  # noqa: S324 - Tuya's key
                     commands)


def parse_cleartext(path: object, sec: Mapping[str, Any], base: CleartextTable) -> CleartextTable:
    words: dict[str, frozenset[str]] = {}
    for k in ("rtsp_methods", "never_scan"):
        raw = sec.get(k)
        if raw is not None and not (isinstance(raw, list) and all(isinstance(x, str) and x for x in raw)):
            raise bad_rule(path, "cleartext", k, "must be a list of names")
        words[k] = getattr(base, k) | frozenset(raw or ())
    key = sec.get("tplink_key", base.tplink_key)
    if not isinstance(key, int) or not 0 <= key <= 255:
        raise bad_rule(path, "cleartext", "tplink_key", "must be a byte value (0-255)")
    return CleartextTable(
        words["rtsp_methods"],
        ports(path, "cleartext.tplink_ports", sec["tplink_ports"]) if "tplink_ports" in sec else base.tplink_ports,
        key, ports(path, "cleartext.ssdp_ports", sec["ssdp_ports"]) if "ssdp_ports" in sec else base.ssdp_ports,
        words["never_scan"])


PPPP = Section("pppp", PpppTable(), parse_pppp)
KALAY = Section("kalay", KalayTable(), parse_kalay)
XMEYE = Section("xmeye", XmeyeTable(), parse_xmeye)
TUYA = Section("tuya", TuyaTable(), parse_tuya)
CLEARTEXT = Section("cleartext", CleartextTable(), parse_cleartext)


class P2PTables(dict[str, Any]):
    """Section name -> that section's table, for every section a registered decoder reads.

    Hashed by identity, so a recognizer built for one set of tables can be reused."""

    __hash__ = object.__hash__  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        return self is other
