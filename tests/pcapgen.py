"""Capture builders for tests: the frames of monitor.testing.frames, plus QUIC Initials, link layers and tunnels."""

from __future__ import annotations

import gzip
import hashlib
import struct
import sys
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from monitor.sources.quic import client_initial_keys
from monitor.testing import frames as frames_mod
from monitor.testing.frames import eth, ip4, ip6, pcap, sll, sll2, tcp, udp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "captures"))  # the sample generator's builders
from make_samples import client_hello  # noqa: E402

__all__ = ["eth", "ip4", "ip6", "pcap", "pcapng", "sll", "sll2", "tcp", "udp"]


def pcapng(frames: list[tuple[float, int, bytes]], linktypes: list[int], secrets: bytes = b"") -> bytes:
    """A pcapng file with an unknown block type before the packets (a reader must skip it)."""
    return frames_mod.pcapng(frames, linktypes, secrets, extra_blocks=[(0xBAD, b"unknown block type, skipped")])


def write(path: Path, data: bytes, gz: bool = False) -> Path:
    path.write_bytes(gzip.compress(data, mtime=0) if gz else data)
    return path


def quic_initial(client_hello_handshake: bytes, dcid: bytes = bytes.fromhex("8394c8f03e515708"), offset: int = 0,
                 pn: int = 2) -> bytes:
    """A client Initial packet (QUIC v1) carrying the handshake bytes in one CRYPTO frame (at `offset` of the
    CRYPTO stream), padded to 1200."""
    key, iv, hp = client_initial_keys(dcid)
    crypto = b"\x06" + _v(offset) + _v(len(client_hello_handshake)) + client_hello_handshake
    header_wo_len = bytes([0xC3]) + (1).to_bytes(4, "big") + bytes([len(dcid)]) + dcid + b"\x00" + b"\x00"
    plain_len = 1200 - len(header_wo_len) - 2 - 4 - 16
    frames = crypto + b"\x00" * max(0, plain_len - len(crypto))
    length = 4 + len(frames) + 16
    header = header_wo_len + (0x4000 | length).to_bytes(2, "big") + pn.to_bytes(4, "big")
    nonce = bytes(a ^ b for a, b in zip(iv, pn.to_bytes(12, "big"), strict=False))
    sealed = AESGCM(key).encrypt(nonce, frames, header)
    pn_off = len(header) - 4
    sample = sealed[4 - 4: 4 - 4 + 16] if False else (header[pn_off:] + sealed)[4:20]
    enc = Cipher(algorithms.AES(hp), modes.ECB()).encryptor()
    mask = enc.update(sample) + enc.finalize()
    first = bytes([header[0] ^ (mask[0] & 0x0F)])
    pn_masked = bytes(b ^ m for b, m in zip(header[pn_off:], mask[1:5], strict=False))
    return first + header[1:pn_off] + pn_masked + sealed


def _v(n: int) -> bytes:
    return (0x4000 | n).to_bytes(2, "big") if n >= 64 else bytes([n])


def hello_handshake(sni: str) -> bytes:
    return client_hello(sni)[5:]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- link layers and tunnels (issue 17) ------------------------------------------------------------


def nflog(ip: bytes, big_endian: bool = False) -> bytes:
    """NFLOG: family, version, resource id, then TLVs in the capturing host's byte order (prefix, payload)."""
    e = ">" if big_endian else "<"
    prefix = b"lab\0"
    tlvs = struct.pack(e + "HH", 4 + len(prefix), 10) + prefix
    tlvs += struct.pack(e + "HH", 4 + len(ip), 9) + ip + b"\0" * (-len(ip) % 4)
    return bytes([2 if ip[0] >> 4 == 4 else 10, 0]) + b"\0\0" + tlvs


def pktap(inner: bytes, dlt: int = 1) -> bytes:
    """Apple PKTAP: header length, record type 1 (packet), the packet's DLT, then interface and process
    fields (interface en0, process "lab-app"), 108 bytes in all."""
    fields = b"en0".ljust(24, b"\0") + b"\0" * 16 + struct.pack("<I", 812) + b"lab-app".ljust(20, b"\0")
    return struct.pack("<III", 108, 1, dlt) + fields.ljust(96, b"\0") + inner


def ppp(ip: bytes, hdlc: bool = True) -> bytes:
    return (b"\xff\x03" if hdlc else b"") + struct.pack("!H", 0x57 if ip[0] >> 4 == 6 else 0x21) + ip


def pppoe(ip: bytes) -> bytes:
    body = struct.pack("!H", 0x21) + ip
    return (b"\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x88\x64" + struct.pack("!BBHH", 0x11, 0, 1, len(body))
            + body)


def mpls(ip: bytes, labels: int = 2) -> bytes:
    stack = b"".join(struct.pack("!I", (100 + i) << 12 | (1 << 8 if i == labels - 1 else 0) | 64) for i in range(labels))
    return b"\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x88\x47" + stack + ip


def wlan_data(ip: bytes, qos: bool = True, protected: bool = False) -> bytes:
    """An 802.11 data frame (to the AP), QoS or not, with an LLC/SNAP header."""
    fc = bytes([0x88 if qos else 0x08, 0x01 | (0x40 if protected else 0)])
    hdr = fc + b"\0\0" + b"\x02\x00\x00\x00\x00\x0a" * 3 + b"\0\0" + (b"\0\0" if qos else b"")
    etype = 0x86DD if ip[0] >> 4 == 6 else 0x0800
    return hdr + b"\xaa\xaa\x03\0\0\0" + struct.pack("!H", etype) + ip


def radiotap(frame: bytes) -> bytes:
    return struct.pack("<BBHI", 0, 0, 12, 0x00000002) + b"\0\0\0\0" + frame  # Flags field present (no FCS)


def ppi(frame: bytes) -> bytes:
    return struct.pack("<BBHI", 0, 0, 8, 105) + frame


def gre(ip: bytes, key: bool = True) -> bytes:
    flags = 0x2000 if key else 0
    return struct.pack("!HH", flags, 0x86DD if ip[0] >> 4 == 6 else 0x0800) + (b"\0\0\0\x2a" if key else b"") + ip


def vxlan(inner_eth: bytes) -> bytes:
    return b"\x08\0\0\0\0\0\x01\0" + inner_eth


def geneve(inner_eth: bytes) -> bytes:
    return struct.pack("!BBH", 1, 0, 0x6558) + b"\0\0\x01\0" + b"\0\0\0\0" + inner_eth  # one 4-byte option


def teredo(ip6_packet: bytes) -> bytes:
    return b"\x00\x00" + b"\0" * 6 + ip6_packet  # origin indication, then IPv6
