"""signatures/p2p.toml loaded and validated: the message tables the P2P decoders read.

A user directory's p2p.toml adds to the bundled tables (same key: the user's entry wins). Errors
name the file, the entry and the field in one line, like the other signature files.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from monitor.errors import BadSignatures

ROLES = {"lookup", "relay", "peer", "discovery", ""}


@dataclass(frozen=True, slots=True)
class P2PTables:
    pppp_ports: frozenset[int] = frozenset()
    pppp_messages: dict[int, tuple[str, str, int]] = field(default_factory=dict)  # type -> (name, role, uid offset)
    pppp_text: frozenset[int] = frozenset()  # types whose device id is a string, not the binary layout
    pppp_keys: tuple[bytes, ...] = ()  # derived from the key strings of CS2's datagram encryption
    kalay_lan_port: int = 32761
    kalay_master_port: int = 10001
    kalay_commands: dict[bytes, tuple[str, str, bool]] = field(default_factory=dict)
    xmeye_ports: frozenset[int] = frozenset()
    xmeye_messages: dict[int, str] = field(default_factory=dict)
    tuya_ports: frozenset[int] = frozenset()
    tuya_udp_key: bytes = b""
    tuya_commands: dict[int, str] = field(default_factory=dict)
    rtsp_methods: frozenset[str] = frozenset()
    tplink_ports: frozenset[int] = frozenset()
    tplink_key: int = 171
    ssdp_ports: frozenset[int] = frozenset()
    never_scan: frozenset[str] = frozenset()  # protocols whose payloads are negotiation, not data (ssh)


def _bad(path: Path, entry: str, fld: str, what: str) -> BadSignatures:
    return BadSignatures(str(path), f"entry {entry}: field {fld}: {what}")


def _int_key(path: Path, section: str, key: str, hi: int) -> int:
    try:
        n = int(key, 0)
    except ValueError:
        raise _bad(path, f"{section}.{key}", "key", "must be a number (decimal or 0x..)") from None
    if not 0 <= n <= hi:
        raise _bad(path, f"{section}.{key}", "key", f"must be between 0 and {hi}")
    return n


def _ports(path: Path, section: str, raw: Any) -> frozenset[int]:
    if not isinstance(raw, list) or not all(isinstance(p, int) and 0 < p < 65536 for p in raw):
        raise _bad(path, section, "ports", "must be a list of port numbers")
    return frozenset(raw)


def _merge(path: Path, data: dict[str, Any], base: P2PTables) -> P2PTables:
    pppp = dict(base.pppp_messages)
    pppp_text = set(base.pppp_text)
    kalay = dict(base.kalay_commands)
    xm = dict(base.xmeye_messages)
    tuya = dict(base.tuya_commands)
    sec = data.get("pppp", {})
    for key, val in sec.get("messages", {}).items():
        n = _int_key(path, "pppp.messages", key, 255)
        if not (isinstance(val, list) and len(val) in (3, 4) and isinstance(val[0], str) and val[0]
                and val[1] in ROLES and isinstance(val[2], int) and -1 <= val[2] <= 64
                and (len(val) == 3 or val[3] in ("text", "binary"))):
            raise _bad(path, f"pppp.messages.{key}", "value",
                       'must be [name, role, device id offset or -1] with an optional "text" or "binary"')
        pppp[n] = (val[0], val[1], val[2])
        if len(val) == 4 and val[3] == "text":
            pppp_text.add(n)
        else:
            pppp_text.discard(n)
    pppp_ports = _ports(path, "pppp", sec["ports"]) if "ports" in sec else base.pppp_ports
    pppp_keys = base.pppp_keys
    if "keys" in sec:
        if not isinstance(sec["keys"], list) or not all(isinstance(k, str) and k for k in sec["keys"]):
            raise _bad(path, "pppp", "keys", "must be a list of key strings")
        from monitor.classify.cs2crypt import derive_key

        pppp_keys = tuple(dict.fromkeys([*pppp_keys, *(derive_key(k) for k in sec["keys"])]))
    sec = data.get("kalay", {})
    lan, master = base.kalay_lan_port, base.kalay_master_port
    if "ports" in sec:
        p = sec["ports"]
        if not isinstance(p, dict) or not all(isinstance(p.get(k, 1), int) for k in ("lan", "master")):
            raise _bad(path, "kalay", "ports", "must be { lan = PORT, master = PORT }")
        lan, master = int(p.get("lan", lan)), int(p.get("master", master))
    for key, val in sec.get("commands", {}).items():
        try:
            cmd = bytes.fromhex(key)
        except ValueError:
            cmd = b""
        if len(cmd) != 3:
            raise _bad(path, f"kalay.commands.{key}", "key", "must be 3 bytes in hex, e.g. \"010621\"")
        if not (isinstance(val, list) and len(val) == 3 and isinstance(val[0], str) and val[0] and val[1] in ROLES
                and isinstance(val[2], bool)):
            raise _bad(path, f"kalay.commands.{key}", "value", "must be [name, role, carries UID (true/false)]")
        kalay[cmd] = (val[0], val[1], val[2])
    sec = data.get("xmeye", {})
    for key, val in sec.get("messages", {}).items():
        if not isinstance(val, str) or not val:
            raise _bad(path, f"xmeye.messages.{key}", "value", "must be a message name")
        xm[_int_key(path, "xmeye.messages", key, 65535)] = val
    xmeye_ports = _ports(path, "xmeye", sec["ports"]) if "ports" in sec else base.xmeye_ports
    sec = data.get("tuya", {})
    for key, val in sec.get("commands", {}).items():
        if not isinstance(val, str) or not val:
            raise _bad(path, f"tuya.commands.{key}", "value", "must be a command name")
        tuya[_int_key(path, "tuya.commands", key, 0xFFFFFFFF)] = val
    key_seed = sec.get("udp_key_seed")
    if key_seed is not None and not isinstance(key_seed, str):
        raise _bad(path, "tuya", "udp_key_seed", "must be a string")
    sec = data.get("cleartext", {})
    text = {k: _ports(path, f"cleartext.{k}", sec[k]) if k in sec else getattr(base, k)
            for k in ("tplink_ports", "ssdp_ports")}
    words: dict[str, frozenset[str]] = {}
    for k in ("rtsp_methods", "never_scan"):
        raw = sec.get(k)
        if raw is not None and not (isinstance(raw, list) and all(isinstance(x, str) and x for x in raw)):
            raise _bad(path, "cleartext", k, "must be a list of names")
        words[k] = getattr(base, k) | frozenset(raw or ())
    tp_key = sec.get("tplink_key", base.tplink_key)
    if not isinstance(tp_key, int) or not 0 <= tp_key <= 255:
        raise _bad(path, "cleartext", "tplink_key", "must be a byte value (0-255)")
    return P2PTables(
        tplink_ports=text["tplink_ports"], ssdp_ports=text["ssdp_ports"], rtsp_methods=words["rtsp_methods"], never_scan=words["never_scan"],
        tplink_key=tp_key,
        pppp_ports=pppp_ports, pppp_messages=pppp, pppp_text=frozenset(pppp_text), pppp_keys=pppp_keys, kalay_lan_port=lan, kalay_master_port=master,
        kalay_commands=kalay, xmeye_ports=xmeye_ports, xmeye_messages=xm,
        tuya_ports=_ports(path, "tuya", sec["ports"]) if "ports" in sec else base.tuya_ports,
        tuya_udp_key=hashlib.md5(key_seed.encode()).digest() if key_seed else base.tuya_udp_key,  # noqa: S324 - Tuya's key
        tuya_commands=tuya)


def load_p2p_tables(paths: Sequence[Path]) -> P2PTables:
    tables = P2PTables()
    for path in paths:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise BadSignatures(str(path), f"cannot read: {exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise BadSignatures(str(path), f"not valid TOML: {exc}") from exc
        tables = _merge(path, data, tables)
    return tables


@lru_cache(maxsize=1)
def bundled() -> P2PTables:
    from monitor.signatures import SIGNATURES_DIR

    return load_p2p_tables([SIGNATURES_DIR / "p2p.toml"])
