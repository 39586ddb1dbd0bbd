"""Clear-text LAN and IoT protocols recognized from their first bytes, and what they carry.

SSH: the banner ("SSH-2.0-...") or a KEXINIT packet; its negotiation lists algorithm names such
as hmac-sha1-etm@openssh.com and is never scanned for identifiers. RTSP (cameras, 554/8554):
credentials in the URL and in `Authorization: Basic`, device ids in the URL query and headers.
TP-Link smart home (9999): JSON under an XOR autokey cipher (initial key 171), TCP messages with
a 4-byte length; device id, MAC, location, Wi-Fi name and password in clear once decoded.
SSDP (1900) and WS-Discovery (3702): device UUIDs (a version-1 UUID ends in the device's MAC),
ONVIF scopes (MAC, serial, name); UPnP device descriptions (serial numbers, MACs, UDN).
Ports, methods and keys come from rules/p2p.toml [cleartext]. Every reader is bounded.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from monitor.classify.p2p_tables import CleartextTable
from monitor.lazyre import lazy
from monitor.model import Field, Hit

MAX_TEXT = 16 * 1024  # bytes of a clear-text message read
_SSH_BANNER = lazy(globals(), "_SSH_BANNER", rb"^SSH-(?:2\.0|1\.99|1\.5)-[\x21-\x7e]{1,245}(?: [\x20-\x7e]{0,200})?\r?\n")
_NAME_LIST = lazy(globals(), "_NAME_LIST", rb"^[a-z0-9@.,+_-]*$")
_RTSP_REQUEST = lazy(globals(), "_RTSP_REQUEST", rb"^([A-Z_]{3,16}) (\S{1,4096}) RTSP/1\.0\r?$")
_RTSP_STATUS = lazy(globals(), "_RTSP_STATUS", rb"^RTSP/1\.0 (\d{3})(?: .*)?\r?$")
_SSDP_START = lazy(globals(), "_SSDP_START", rb"^(NOTIFY \* HTTP/1\.1|M-SEARCH \* HTTP/1\.1|HTTP/1\.1 200 OK)\r?$")
_UUID = lazy(globals(), "_UUID", r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_WSD_NS = (b"schemas.xmlsoap.org/ws/2005/04/discovery", b"docs.oasis-open.org/ws-dd/ns/discovery")
_WSD_ACTION = lazy(globals(), "_WSD_ACTION", rb"<(?:\w+:)?Action[^>]{0,200}>[^<]{0,300}/(\w+)</", re.S)
_WSD_ADDRESS = re.compile(rb"<(?:\w+:)?EndpointReference[^>]{0,200}>\s*<(?:\w+:)?Address[^>]{0,200}>([^<]{1,200})</",
                          re.S)
_WSD_SCOPES = lazy(globals(), "_WSD_SCOPES", rb"<(?:\w+:)?Scopes[^>]{0,200}>([^<]{1,4096})</", re.S)
_UPNP_DEVICE = b"urn:schemas-upnp-org:device-1-0"
_XML_TEXT = lazy(globals(), "_XML_TEXT", r"<(?:\w+:)?(\w{1,64})>([^<>]{1,512})</(?:\w+:)?\1>")


class TextMatch:
    """What one clear-text message gave: protocol, message name, hits, fields for the detector."""

    __slots__ = ("protocol", "message", "hits", "fields", "plain", "transform", "scan")

    def __init__(self, protocol: str, message: str, hits: tuple[Hit, ...] = (), fields: tuple[Field, ...] = (),
                 plain: bytes = b"", transform: str = "", scan: bool = True) -> None:
        self.protocol, self.message, self.hits, self.fields = protocol, message, hits, fields
        self.plain, self.transform, self.scan = plain, transform, scan


def recognize_text(payload: bytes, server_port: int, client_port: int, transport: str,
                   t: CleartextTable) -> TextMatch | None:
    first = payload[0]
    ports = (server_port, client_port)
    if transport == "tcp":
        if first == 0x53 and payload[:4] == b"SSH-":  # "S"
            return TextMatch("ssh", "BANNER", scan=False) if _SSH_BANNER.match(payload[:512]) else None
        if len(payload) > 26 and payload[5] == 20 and payload[:2] == b"\x00\x00":
            found = _ssh_kexinit(payload)
            if found is not None:
                return found
    if first in (0x00, 0xD0) and (server_port in t.tplink_ports or client_port in t.tplink_ports):
        found = _tplink(payload, transport, t.tplink_key)
        if found is not None:
            return found
    if transport == "tcp" and 0x41 <= first <= 0x5A:
        return _rtsp(payload, t)
    if transport == "udp" and first in (0x4E, 0x4D, 0x48):  # NOTIFY, M-SEARCH, HTTP/1.1 200
        if first != 0x48 or any(p in t.ssdp_ports for p in ports):
            return _ssdp(payload)
    if transport == "udp" and first in (0x3C, 0xEF) and any(ns in payload[:MAX_TEXT] for ns in _WSD_NS):
        return _ws_discovery(payload)
    return None


# -- SSH ---------------------------------------------------------------------------------------------

def _ssh_kexinit(payload: bytes) -> TextMatch | None:
    """An SSH binary packet holding KEXINIT (type 20): 16 cookie bytes, then name-lists of algorithms."""
    plen = int.from_bytes(payload[:4], "big")
    if not 16 <= plen <= 35000 or payload[4] >= plen:
        return None
    off = 22
    for _ in range(3):  # the first name-lists must be lengths followed by lower-case algorithm names
        if off + 4 > len(payload):
            return None
        n = int.from_bytes(payload[off:off + 4], "big")
        names = payload[off + 4: off + 4 + n]
        if n == 0 or n > 4096 or len(names) != n or not _NAME_LIST.match(names) or b"," not in names and off == 22:
            return None
        off += 4 + n
    return TextMatch("ssh", "KEXINIT", scan=False)


# -- RTSP ----------------------------------------------------------------------------------------------

def _rtsp(payload: bytes, t: CleartextTable) -> TextMatch | None:
    head = payload[:MAX_TEXT].split(b"\n\r\n", 1)[0] if b"\n" in payload[:MAX_TEXT] else b""
    lines = head.split(b"\n")
    if not lines:
        return None
    req = _RTSP_REQUEST.match(lines[0])
    status = None if req else _RTSP_STATUS.match(lines[0])
    if req is None and status is None or req is not None and req.group(1).decode() not in t.rtsp_methods:
        return None
    hits: list[Hit] = []
    fields: list[Field] = []
    if req is not None:
        url = req.group(2).decode("latin-1")
        hits.extend(_url_credentials(url, "rtsp:url"))
        parts = urlsplit(url) if url.startswith(("rtsp://", "rtsps://", "/")) else None
        if parts is not None:
            for k, v in parse_qsl(parts.query, keep_blank_values=False, max_num_fields=200):
                fields.append(Field(f"rtsp:query:{k[:128]}", k, v[:1024], ()))
    for line in lines[1:200]:
        name, sep, value = line.decode("latin-1").partition(":")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            continue
        low = name.lower()
        if low == "authorization":
            hits.extend(basic_credentials(value, "rtsp:Authorization"))
        elif low not in ("cseq", "session", "transport", "range", "content-length", "content-type", "accept",
                         "date", "public", "rtp-info", "www-authenticate", "content-base", "cache-control"):
            fields.append(Field(f"rtsp:header:{name[:128]}", name, value[:1024], ()))
    name = req.group(1).decode() if req is not None else f"STATUS_{status.group(1).decode()}"  # type: ignore[union-attr]
    return TextMatch("rtsp", name, tuple(hits), tuple(fields))


def _url_credentials(url: str, location: str) -> list[Hit]:
    """user:password@ in a URL: the password is a credential sent in clear."""
    m = re.match(r"^[a-z][a-z0-9+.-]{1,15}://([^/@\s]{1,256})@", url, re.I)
    if not m or ":" not in m.group(1):
        return []
    user, _, pw = m.group(1).partition(":")
    pw = unquote(pw)
    return [Hit("credentials", pw[:200], "plain", location, "pattern", canonical=f"{unquote(user)}:")] if pw else []


def basic_credentials(value: str, location: str) -> list[Hit]:
    """The password of an `Authorization: Basic` value (base64 of user:password), as a credentials hit."""
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "basic" or not token:
        return []  # Digest sends a hash of the password, not the password
    try:
        raw = base64.b64decode(token.strip() + "=" * (-len(token.strip()) % 4), validate=True).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return []
    user, sep, pw = raw.partition(":")
    if not sep or not pw:
        return []
    return [Hit("credentials", pw[:200], "base64", location, "pattern", canonical=f"{user}:")]


# -- TP-Link smart home --------------------------------------------------------------------------------

def tplink_decrypt(data: bytes, key: int = 171) -> bytes:
    out = bytearray(len(data))
    for i, c in enumerate(data):
        out[i] = c ^ key
        key = c
    return bytes(out)


def _tplink(payload: bytes, transport: str, key: int) -> TextMatch | None:
    if transport == "tcp":
        n = int.from_bytes(payload[:4], "big")
        body = payload[4:4 + n]
        if len(payload) < 6 or n == 0 or n > 1 << 20:
            return None
    else:
        body = payload
    if not body or body[0] != (ord("{") ^ key):
        return None
    plain = tplink_decrypt(body[:MAX_TEXT * 4], key)
    try:
        doc = json.loads(plain.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(doc, dict) or not doc:
        return None
    module = next(iter(doc))
    inner = doc[module]
    message = f"{module}.{next(iter(inner))}" if isinstance(inner, dict) and inner else str(module)
    return TextMatch("tplink", message[:64], tuple(_tplink_hits(doc)), (), plain, "tplink-xor")


def _tplink_hits(doc: Any) -> list[Hit]:
    """The device id, and location sent as integers x 10^4 (latitude_i), which no key table reads."""
    hits: list[Hit] = []
    stack: list[Any] = [doc]
    seen = 0
    while stack and seen < 2000:
        node = stack.pop()
        seen += 1
        if isinstance(node, dict):
            dev = node.get("deviceId")
            if isinstance(dev, str) and re.fullmatch(r"[0-9A-Fa-f]{32,64}", dev):
                hits.append(Hit("device_uid", dev, "tplink-xor > json", "tplink:deviceId", "pattern", canonical=dev))
            lat, lon = node.get("latitude_i"), node.get("longitude_i")
            if isinstance(lat, int) and isinstance(lon, int) and (lat, lon) != (0, 0) and \
                    abs(lat) <= 900_000 and abs(lon) <= 1_800_000:
                value = f"{lat / 1e4:.4f},{lon / 1e4:.4f}"
                hits.append(Hit("location_precise", value, "tplink-xor > json > x1e-4", "tplink:latitude_i",
                                "pattern"))
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend(v for v in node[:500] if isinstance(v, (dict, list)))
    return hits


# -- SSDP / UPnP ---------------------------------------------------------------------------------------

def _ssdp(payload: bytes) -> TextMatch | None:
    text = payload[:MAX_TEXT]
    lines = text.split(b"\n")
    start = _SSDP_START.match(lines[0])
    if start is None:
        return None
    headers: dict[str, str] = {}
    for line in lines[1:100]:
        k, sep, v = line.decode("latin-1").partition(":")
        if sep and k.strip():
            headers.setdefault(k.strip().lower(), v.strip())
    kind = start.group(1).split(b" ", 1)[0].decode()
    if kind == "HTTP/1.1" and "usn" not in headers and "st" not in headers:
        return None  # some other HTTP over UDP
    message = {"NOTIFY": "NOTIFY", "M-SEARCH": "M-SEARCH"}.get(kind, "SEARCH_RESPONSE")
    hits: list[Hit] = []
    usn = headers.get("usn", "")
    if usn.lower().startswith("uuid:"):
        hits.extend(uuid_hits(usn[5:].split("::", 1)[0], "ssdp:USN"))
    fields = tuple(Field(f"ssdp:header:{k[:64]}", k, v[:1024], ()) for k, v in headers.items()
                   if k not in ("usn", "nt", "st", "nts", "location", "host", "man", "mx", "cache-control", "server",
                                "user-agent", "ext", "date", "al", "bootid.upnp.org", "configid.upnp.org",
                                "searchport.upnp.org", "01-nls", "opt", "content-length"))
    return TextMatch("ssdp", message, tuple(hits), fields)


def uuid_hits(value: str, location: str) -> list[Hit]:
    """A device's UPnP/WS-Discovery UUID as its id; a version-1 UUID also gives the MAC in its node field."""
    v = value.strip()
    if not 8 <= len(v) <= 128 or not re.fullmatch(r"[\w\-.:]+", v) or len(set(v.replace("-", ""))) < 4:
        return []
    hits = [Hit("device_uid", v, "plain", location, "pattern", canonical=v)]
    if _UUID.fullmatch(v) and v[14] == "1" and v[19].lower() in "89ab":
        node = v[-12:].lower()
        if not int(node[:2], 16) & 0x01 and len(set(node)) > 2:  # the multicast bit marks a random node
            mac = ":".join(node[i:i + 2] for i in range(0, 12, 2))
            hits.append(Hit("mac", mac, "uuid-node", location, "pattern", canonical=mac))
    return hits


def upnp_description(body: bytes) -> tuple[tuple[Hit, ...], tuple[Field, ...]] | None:
    """A UPnP device description (the XML a device serves at its SSDP LOCATION): the UDN as the device id,
    and its elements (serialNumber, macAddress, ...) as keyed fields. None when the body is not one."""
    head = body[:MAX_TEXT * 4]
    if _UPNP_DEVICE not in head:
        return None
    text = head.decode("utf-8", "replace")
    hits: list[Hit] = []
    fields: list[Field] = []
    for m in _XML_TEXT.finditer(text):
        key, value = m.group(1), m.group(2).strip()
        if key == "UDN" and value.lower().startswith("uuid:"):
            hits.extend(uuid_hits(value[5:], "upnp:UDN"))
        elif value:
            fields.append(Field(f"upnp:xml:{key}", key, value, ("xml",)))
        if len(fields) >= 500:
            break
    return tuple(hits), tuple(fields)


# -- WS-Discovery / ONVIF ------------------------------------------------------------------------------

def _ws_discovery(payload: bytes) -> TextMatch | None:
    text = payload[:MAX_TEXT]
    action = _WSD_ACTION.search(text)
    message = action.group(1).decode("ascii", "replace") if action else "SOAP"
    hits: list[Hit] = []
    fields: list[Field] = []
    if message in ("ProbeMatches", "Hello", "Bye", "ResolveMatches"):  # sent by the device itself
        addr = _WSD_ADDRESS.search(text)
        if addr:
            a = addr.group(1).decode("utf-8", "replace").strip()
            a = a[9:] if a.lower().startswith("urn:uuid:") else a[5:] if a.lower().startswith("uuid:") else a
            hits.extend(uuid_hits(a, "ws-discovery:Address"))
    scopes = _WSD_SCOPES.search(text)
    if scopes:
        for scope in scopes.group(1).decode("utf-8", "replace").split()[:64]:
            m = re.match(r"^onvif://www\.onvif\.org/([A-Za-z_]{1,32})/(.{1,256})$", scope)
            if m:
                fields.append(Field(f"ws-discovery:scope:{m.group(1)}", m.group(1), unquote(m.group(2)), ()))
    return TextMatch("ws-discovery", message[:32], tuple(hits), tuple(fields))
