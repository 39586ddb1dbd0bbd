"""Xiongmai/XMEye DVRIP and Tuya LAN messages: recognized from their framing, device ids read from them;
Reolink Baichuan and Dahua P2P recognized from their headers (their bodies are encrypted).

DVRIP (TCP/UDP 34567): 20-byte header starting 0xFF, little-endian session, sequence, message id and
payload length, then JSON with `SerialNumber`/`sn`. Tuya LAN (UDP 6666/6667, TCP 6668): frames
`00 00 55 AA` ... `00 00 AA 55`; discovery broadcasts carry JSON with `gwId` in clear (6666) or
AES-ECB with a key every client knows (6667: MD5 of the string below; destinations.md B2).
"""

from __future__ import annotations

import json
import re

from monitor.classify.p2p_tables import TuyaTable, XmeyeTable
from monitor.lazyre import lazy
from monitor.model import Hit

_SERIAL = lazy(globals(), "_SERIAL", rb'"(SerialNumber|SerialNo|sn|DevID|UUID)"\s*:\s*"([A-Za-z0-9]{8,40})"', re.I)  # "SN" too


def dvrip(payload: bytes, tables: XmeyeTable) -> tuple[str, tuple[Hit, ...]] | None:
    """(message name, hits) of a DVRIP message, or None."""
    if len(payload) < 20 or payload[0] != 0xFF or payload[2:4] != b"\x00\x00":
        return None
    msg_id = int.from_bytes(payload[14:16], "little")
    plen = int.from_bytes(payload[16:20], "little")
    if plen > 1 << 20 or (plen and len(payload) > 20 and payload[20:21] not in (b"{", b"\x00")):
        return None
    hits = tuple(Hit("device_uid", m.group(2).decode(), "plain", f"xmeye:{m.group(1).decode()}", "pattern",
                     canonical=m.group(2).decode()) for m in _SERIAL.finditer(payload[20:20 + 65536]))
    name = tables.xmeye_messages.get(msg_id, f"MSG_{msg_id}")
    return name, hits


def tuya(payload: bytes, tables: TuyaTable) -> tuple[str, tuple[Hit, ...]] | None:
    if len(payload) < 24 or payload[:4] != b"\x00\x00\x55\xaa" or not payload.rstrip(b"\x00").endswith(b"\xaa\x55"):
        return None
    length = int.from_bytes(payload[12:16], "big")
    if length + 16 > len(payload) + 4 or length < 8:
        return None
    body = payload[16:16 + length - 8]
    body = body[4:] if body[:4] == b"\x00\x00\x00\x00" else body  # return code
    data = body if body[:1] == b"{" else _tuya_decrypt(body, tables.tuya_udp_key)
    hits: tuple[Hit, ...] = ()
    try:
        doc = json.loads(data.decode("utf-8")) if data else None
    except (UnicodeDecodeError, ValueError):
        doc = None
    if isinstance(doc, dict):
        hits = tuple(Hit("device_uid", str(doc[k])[:64], "plain" if body[:1] == b"{" else "aes", f"tuya:{k}", "pattern",
                         canonical=str(doc[k])[:64]) for k in ("gwId", "devId") if isinstance(doc.get(k), str))
    cmd = int.from_bytes(payload[8:12], "big")
    return tables.tuya_commands.get(cmd, f"CMD_{cmd}"), hits


def tuya35(payload: bytes, tables: TuyaTable) -> str | None:
    """Tuya protocol 3.5 frames (00 00 66 99 ... 00 00 99 66, AES-GCM with the device's local key):
    recognized and named by command; the body stays sealed."""
    if len(payload) < 50 or not payload.rstrip(b"\x00").endswith(b"\x00\x00\x99\x66"):
        return None
    length = int.from_bytes(payload[14:18], "big")  # after prefix, 2 reserved bytes, sequence, command
    end = len(payload.rstrip(b"\x00")) if len(payload) > 18 + length + 4 else len(payload)  # UDP padding
    if 18 + length not in (end, end - 4) or length < 28:  # the suffix counted or not; IV + tag at least
        return None
    cmd = int.from_bytes(payload[10:14], "big")
    return tables.tuya_commands.get(cmd, f"CMD_{cmd}")


def _tuya_decrypt(body: bytes, key: bytes) -> bytes:
    if not body or len(body) % 16 or len(key) != 16:
        return b""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    dec = Cipher(algorithms.AES(key), modes.ECB()).decryptor()  # noqa: S305 - Tuya's LAN format
    out = dec.update(body) + dec.finalize()
    pad = out[-1] if out else 0
    return out[:-pad] if 0 < pad <= 16 else out


_BAICHUAN_MAGIC = b"\xf0\xde\xbc\x0a"  # 0x0abcdef0 little-endian (neolink's dissector, destinations.md B2)
_BAICHUAN_IDS = {1: "LOGIN", 2: "LOGOUT", 3: "VIDEO", 4: "VIDEO_STOP", 10: "TALKABILITY", 11: "TALKRESET",
                 18: "PTZ_CONTROL", 23: "REBOOT", 31: "MOTION_REQUEST", 33: "MOTION", 80: "VERSION", 93: "PING",
                 104: "GET_GENERAL", 105: "SET_GENERAL"}


def baichuan(payload: bytes) -> str | None:
    """Reolink's Baichuan protocol (TCP 9000): the message name, or None. Its XML bodies are
    XOR/AES-encrypted; only the 20-byte header is read."""
    if len(payload) < 20 or payload[:4] != _BAICHUAN_MAGIC:
        return None
    msg_id = int.from_bytes(payload[4:8], "little")
    body_len = int.from_bytes(payload[8:12], "little")
    if body_len > 1 << 24 or msg_id > 0xFFFF:
        return None
    return _BAICHUAN_IDS.get(msg_id, f"MSG_{msg_id}")


def dahua_p2p(payload: bytes, transport: str) -> str | None:
    """Dahua's P2P traffic as libprotoident fingerprints it (UDP/TCP 8888): 44-byte UDP datagrams
    starting FF FE FF E7, and 186-byte TCP messages starting F4 00 00 00."""
    if transport == "udp" and len(payload) == 44 and payload[:4] == b"\xff\xfe\xff\xe7":
        return "P2P_UDP"
    if transport == "tcp" and len(payload) == 186 and payload[:4] == b"\xf4\x00\x00\x00":
        return "P2P_TCP"
    return None
