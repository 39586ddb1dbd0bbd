"""QUIC Initial packets: remove header protection and decrypt with the public initial keys (RFC 9001
section 5, RFC 9369 for QUIC v2), reassemble the CRYPTO frames, and read the ClientHello's SNI/ALPN.

Anyone on the path can do this: the Initial keys derive from the client's Destination Connection
ID and a salt published in the RFC. Everything is bounded; anything unexpected returns None.
"""

from __future__ import annotations

import hashlib
import hmac
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from monitor.sources.tlshello import HelloError, parse_client_hello

VERSIONS = {
    0x00000001: (bytes.fromhex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a"), b"quic", 0b00),  # QUIC v1
    0x6B3343CF: (bytes.fromhex("0dede3def700a6db819381be6e269dcbf9bd2ed9"), b"quicv2", 0b01),  # QUIC v2
}
MAX_CRYPTO = 16 * 1024


def _expand_label(secret: bytes, label: bytes, length: int) -> bytes:
    full = b"tls13 " + label
    info = struct.pack("!HB", length, len(full)) + full + b"\x00"
    out, block, i = b"", b"", 1
    while len(out) < length:  # HKDF-Expand (RFC 5869) with SHA-256
        block = hmac.new(secret, block + info + bytes([i]), hashlib.sha256).digest()
        out += block
        i += 1
    return out[:length]


def client_initial_keys(dcid: bytes, version: int = 1) -> tuple[bytes, bytes, bytes]:
    """(key, iv, header-protection key) of the client's Initial packets."""
    salt, prefix, _t = VERSIONS[version]
    initial = hmac.new(salt, dcid, hashlib.sha256).digest()  # HKDF-Extract
    client = _expand_label(initial, b"client in", 32)
    return (_expand_label(client, prefix + b" key", 16), _expand_label(client, prefix + b" iv", 12),
            _expand_label(client, prefix + b" hp", 16))


def skip_ack(data: bytes | bytearray, off: int, ftype: int, max_ranges: int) -> int:
    """The offset after an ACK frame's body (largest, delay, range count, first range, ranges, and the
    three ECN counts for type 0x03); at most `max_ranges` ranges are walked, whatever the count says."""
    _l, off = varint(data, off)
    _d, off = varint(data, off)
    count, off = varint(data, off)
    _f, off = varint(data, off)
    for _ in range(min(count, max_ranges)):
        _g, off = varint(data, off)
        _r, off = varint(data, off)
    if ftype == 0x03:
        for _ in range(3):
            _e, off = varint(data, off)
    return off


def varint(data: bytes | bytearray, off: int) -> tuple[int, int]:
    if off >= len(data):
        raise ValueError("varint past the end")
    first = data[off]
    n = 1 << (first >> 6)
    if off + n > len(data):
        raise ValueError("varint past the end")
    v = first & 0x3F
    for b in data[off + 1: off + n]:
        v = (v << 8) | b
    return v, off + n


def decrypt_initial(packet: bytes) -> bytes | None:
    """The decrypted payload (frames) of a client Initial packet, or None."""
    if len(packet) < 7 or packet[0] & 0xC0 != 0xC0:
        return None
    version = int.from_bytes(packet[1:5], "big")
    if version not in VERSIONS or (packet[0] >> 4) & 0x03 != VERSIONS[version][2]:
        return None
    try:
        off = 5
        dcid_len = packet[off]
        dcid = packet[off + 1: off + 1 + dcid_len]
        off += 1 + dcid_len
        scid_len = packet[off]
        off += 1 + scid_len
        token_len, off = varint(packet, off)
        off += token_len
        length, off = varint(packet, off)
    except (IndexError, ValueError):
        return None
    if dcid_len > 20 or off + length > len(packet) or length < 20:
        return None
    key, iv, hp = client_initial_keys(dcid, version)
    pn_off = off
    sample = packet[pn_off + 4: pn_off + 20]
    enc = Cipher(algorithms.AES(hp), modes.ECB()).encryptor()
    mask = enc.update(sample) + enc.finalize()
    first = packet[0] ^ (mask[0] & 0x0F)
    pn_len = (first & 0x03) + 1
    pn_bytes = bytes(b ^ m for b, m in zip(packet[pn_off: pn_off + pn_len], mask[1: 1 + pn_len], strict=False))
    header = bytes([first]) + packet[1:pn_off] + pn_bytes
    pn = int.from_bytes(pn_bytes, "big")
    nonce = bytes(a ^ b for a, b in zip(iv, pn.to_bytes(12, "big"), strict=False))
    try:
        return AESGCM(key).decrypt(nonce, packet[pn_off + pn_len: pn_off + length], header)
    except InvalidTag:
        return None


def crypto_pieces(frames: bytes, pieces: dict[int, bytes] | None = None) -> dict[int, bytes]:
    """The CRYPTO frames' data by offset (added to `pieces`: a ClientHello may span several Initials)."""
    pieces = {} if pieces is None else pieces
    off = 0
    try:
        while off < len(frames):
            ftype = frames[off]
            if ftype in (0x00, 0x01):  # PADDING, PING
                off += 1
            elif ftype in (0x02, 0x03):
                off = skip_ack(frames, off + 1, ftype, 256)
            elif ftype == 0x06:  # CRYPTO
                coff, off = varint(frames, off + 1)
                clen, off = varint(frames, off)
                if coff + clen <= MAX_CRYPTO and len(pieces) < 64:
                    pieces.setdefault(coff, frames[off: off + clen])
                off += clen
            else:  # CONNECTION_CLOSE or a frame an Initial should not carry
                break
    except ValueError:
        pass
    return pieces


def crypto_data(frames: bytes, pieces: dict[int, bytes] | None = None) -> bytes:
    """The CRYPTO stream from offset 0, as far as it is contiguous."""
    pieces = crypto_pieces(frames, pieces)
    out = b""
    for start in sorted(pieces):
        if start > len(out):
            break
        out += pieces[start][len(out) - start:]
    return out


def client_initial(payload: bytes, pieces: dict[int, bytes] | None = None,
                   ) -> tuple[str, tuple[str, ...], bytes, int, bytes] | None:
    """(SNI, ALPN, client random, version, client's source CID) of a client Initial, else None.

    With `pieces`, CRYPTO data of earlier Initials of the connection is kept there and used: a
    large ClientHello (post-quantum key shares) spans two Initial packets.
    """
    frames = decrypt_initial(payload)
    if frames is None:
        return None
    hs = crypto_data(frames, pieces)
    if len(hs) < 4 or hs[0] != 1:
        return None
    need = 4 + int.from_bytes(hs[1:4], "big")
    if len(hs) < need:
        return None  # the rest comes in the next Initial
    try:
        sni, alpn, _v, rnd = parse_client_hello(hs[:need])
    except HelloError:
        return None
    dcid_len = payload[5]
    scid_len = payload[6 + dcid_len]
    scid = payload[7 + dcid_len: 7 + dcid_len + scid_len]
    return sni, alpn, rnd, int.from_bytes(payload[1:5], "big"), scid
